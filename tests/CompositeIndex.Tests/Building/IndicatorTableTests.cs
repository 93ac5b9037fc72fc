namespace CompositeIndex.Tests.Building;

public class IndicatorTableTests
{
    private const string Table =
        "indicator,area,name_ko,name_en,group_name_en,unit,polarity,weight,note\n" +
        "a,care,가,Alpha,Care,%,+,2,x\n" +
        "b,care,,Beta,,count,-,,\n" +
        "c,safety,다,Gamma,Safety,per 100k,lower,,\n";

    private static IndexBuilder Read(string text, IndicatorTableOptions? options = null) =>
        IndicatorTable.Read(new StringReader(text), "table.csv", options);

    [Fact]
    public void Read_Table_IndicatorsGroupsNamesWeightsAndMetadata()
    {
        var d = Read(Table, new IndicatorTableOptions { IndexId = "city", IndexName = "City index" })
            .Normalize(Normalization.RatioToBase("2022"))
            .Build();
        Assert.Equal(["a", "b", "c"], d.Indicators.Select(i => i.Id));
        var a = d.Indicators[0];
        Assert.Equal("가", a.DisplayName("ko"));
        Assert.Equal("Alpha", a.DisplayName("en"));
        Assert.Equal("가", a.Name); // no 'name' column: the first non-empty localised name
        Assert.Equal("Beta", d.Indicators[1].Name);
        Assert.Equal("x", a.Metadata["note"]);
        Assert.Equal(Polarity.Negative, d.Indicators[1].Polarity);
        Assert.Equal(Polarity.Negative, d.Indicators[2].Polarity);
        Assert.Equal(["care", "safety", "city"], d.Groups.Select(g => g.Id));
        Assert.Equal([new ChildReference("a", 2), new ChildReference("b", 1)], d.Groups[0].Children.ToArray());
        Assert.Equal("Care", d.Groups[0].DisplayName("en"));
        Assert.Equal("city", d.ResolveRoot());
        Assert.Equal(["care", "safety"], d.Groups[2].Children.Select(c => c.Id));
    }

    [Fact]
    public void Read_NoGroupColumn_IndicatorsAreChildrenOfTheRoot()
    {
        var d = Read("indicator,name\nx,X\ny,Y\n").Normalize(Normalization.MinMax()).Build();
        Assert.Single(d.Groups);
        Assert.Equal(["x", "y"], d.Groups[0].Children.Select(c => c.Id));
        Assert.Equal("index", d.Id);
    }

    [Theory]
    [InlineData("name\nx\n", 1, null)]
    [InlineData("indicator,polarity\nx,up\n", 2, "polarity")]
    [InlineData("indicator,weight\nx,-1\n", 2, "weight")]
    [InlineData("indicator\nx\nx\n", 3, "indicator")]
    [InlineData("indicator,group\nx,\n", 2, "group")]
    public void Read_BadTable_DataExceptionWithLineAndColumn(string text, long line, string? column)
    {
        var ex = Assert.Throws<IndexDataException>(() => Read(text));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void EditGroup_KeepsChildrenAndSetsScaling()
    {
        var d = Read(Table).EditGroup("index", g => g.WeightByIndicatorCount()).Normalize(Normalization.MinMax()).Build();
        var root = d.Groups.Single(g => g.Id == "index");
        Assert.Equal(WeightScaling.AvailableIndicatorCount, root.WeightScaling);
        Assert.Equal(2, root.Children.Length);
        Assert.Throws<UnknownKeyException>(() => Read(Table).EditGroup("nope", _ => { }));
    }
}
