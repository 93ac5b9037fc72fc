namespace CompositeIndex.Tests.Data;

public class CsvTests
{
    private static Panel Long(string text) => Panel.ReadLongCsv(new StringReader(text), "t.csv", null);

    private static Panel Wide(string text, CsvOptions? o = null) => Panel.ReadWideCsv(new StringReader(text), "t.csv", o);

    [Fact]
    public void ReadLong_ReadsValuesAndMissing()
    {
        var p = Long("unit,period,indicator,value\nA,2021,x,1.5\nB,2021,x,NA\nA,2020,y,-2e3\n");
        Assert.Equal(["A", "B"], p.Units.AsEnumerable());
        Assert.Equal(["2020", "2021"], p.Periods.AsEnumerable());
        Assert.Equal(1.5, p.GetValue("x", "A", "2021"));
        Assert.True(double.IsNaN(p.GetValue("x", "B", "2021")));
        Assert.Equal(-2000, p.GetValue("y", "A", "2020"));
    }

    [Fact]
    public void ReadWide_HandlesBomQuotesAndCrLf()
    {
        var p = Wide("\uFEFFunit,period,\"x, y\",z\r\n\"A \"\"1\"\"\",2020,1,2\r\nB,2020,3,\r\n");
        Assert.Equal("A \"1\"", p.Units[0]);
        Assert.Equal(3, p.GetValue("x, y", "B", "2020"));
        Assert.True(double.IsNaN(p.GetValue("z", "B", "2020")));
    }

    [Fact]
    public void ReadWide_SkipTextColumns_KeepsNumericColumnsInFileOrder()
    {
        // 'region' turns to text on the second row, 'note' is text throughout, 'gap' is all missing (numeric).
        var p = Wide("unit,period,a,region,b,note,gap\nA,2020,1,2,3,x,NA\nB,2020,4,North,,y,\n", new CsvOptions { SkipTextColumns = true });
        Assert.Equal(["a", "b", "gap"], p.Indicators.AsEnumerable());
        Assert.Equal(4, p.GetValue("a", "B", "2020"));
        Assert.Equal(3, p.GetValue("b", "A", "2020"));
        Assert.True(double.IsNaN(p.GetValue("b", "B", "2020")));
        Assert.Throws<IndexDataException>(() => Wide("unit,period,a,b\nA,2020,1,x\n"));
        var ex = Assert.Throws<IndexDataException>(() => Wide("unit,period,a\nA,2020,Infinity\n", new CsvOptions { SkipTextColumns = true }));
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void ReadWide_PeriodsSortNumerically()
    {
        var p = Wide("unit,period,x\nA,10,1\nA,9,2\nA,100,3\n");
        Assert.Equal(["9", "10", "100"], p.Periods.AsEnumerable());
    }

    [Fact]
    public void ReadWide_ColumnMappingAndAttributes()
    {
        var o = new CsvOptions
        {
            UnitColumn = "iso3",
            PeriodColumn = "year",
            UnitNameColumn = "country",
            AttributeColumns = ["region"],
            IndicatorColumns = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("le", "life"),
        };
        var p = Wide("iso3,country,region,year,le,other\nNOR,Norway,EU,2022,83.2,zz\n", o);
        Assert.Equal(["life"], p.Indicators.AsEnumerable());
        Assert.Equal("Norway", p.UnitInfo[0].Name);
        Assert.Equal("EU", p.UnitInfo[0].Attributes["region"]);
        Assert.Equal(83.2, p.GetValue("life", "NOR", "2022"));
    }

    [Theory]
    [InlineData("unit,period,x\nA,2020,abc\n", 2, "x", "not a number")]
    [InlineData("unit,period,x\nA,2020,\"1,5\"\n", 2, "x", "decimal commas")]
    [InlineData("unit,period,x\nA,2020,Infinity\n", 2, "x", "not a finite number")]
    [InlineData("unit,period,x\nA,2020,1\nA,2020,2\n", 3, null, "Duplicate row")]
    [InlineData("unit,period,x\nA,2020\n", 2, null, "2 fields but the header has 3")]
    [InlineData("unit,x\nA,1\n", 1, "period", "no column 'period'")]
    [InlineData("unit,period,x,x\nA,2020,1,2\n", 1, "x", "twice")]
    [InlineData("unit,period,x\n\"A,2020,1\n", 2, null, "not closed")]
    [InlineData("unit,period,x\n,2020,1\n", 2, "unit", "empty")]
    public void ReadWide_BadInput_ThrowsDataExceptionWithLineAndColumn(string text, int line, string? column, string fragment)
    {
        var ex = Assert.Throws<IndexDataException>(() => Wide(text));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal("t.csv", ex.DataSource);
        Assert.Contains(fragment, ex.Message);
    }

    [Fact]
    public void ReadLong_DuplicateCell_ThrowsWithLine()
    {
        var ex = Assert.Throws<IndexDataException>(() => Long("unit,period,indicator,value\nA,1,x,1\nA,1,x,2\n"));
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void ReadWide_MissingFile_ThrowsDataException()
    {
        Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv("/nonexistent/file.csv"));
    }

    [Fact]
    public void ReadWide_NoPeriodColumnWithDefault_UsesDefault()
    {
        var p = Wide("unit,x\nA,1\n", new CsvOptions { DefaultPeriod = "2024" });
        Assert.Equal(1, p.GetValue("x", "A", "2024"));
    }

    [Fact]
    public void PanelBuilder_RejectsInfinity()
    {
        Assert.Throws<IndexDataException>(() => new PanelBuilder().AddValue("x", "a", "1", double.PositiveInfinity));
    }
}
