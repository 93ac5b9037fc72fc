using System.Collections.Immutable;

namespace CompositeIndex.Tests.Evaluation;

public sealed class OutputEvaluationTests
{
    [Fact]
    public void Evaluate_TwoVariants_RatioOfRootsMatchesHandCalculation()
    {
        // Goalposts 0-10; female: x = 4 -> 0.4 (goalposts 0-8 in this variant -> 0.5); male: x = 8 -> 0.8.
        var definition = IndexBuilder.Create("gdi", "Ratio")
            .Indicator("x", i => i.Normalize(Normalization.Goalposts(0, 10)))
            .Group("root", g => g.Add("x"))
            .Variant("f", v => v.Column("x", "x_f").Normalize("x", Normalization.Goalposts(0, 8)))
            .Variant("m", v => v.Column("x", "x_m"))
            .Output("ratio", OutputExpressions.Ratio(OutputExpressions.Score("root", "f"), OutputExpressions.Score("root", "m")), o => o.Round(3))
            .Build();
        var panel = new PanelBuilder().AddValue("x_f", "u", "2020", 4).AddValue("x_m", "u", "2020", 8).Build();

        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        Assert.Equal("f", result.Variant);
        Assert.Equal(0.5, result.GetScore("root", "u", "2020"), 15);
        Assert.Equal(0.8, result.GetVariant("m").GetScore("root", "u", "2020"), 15);
        Assert.Equal(0.625, result.GetOutput("ratio").GetValue("u", "2020"), 15);
        Assert.Equal(0.625m, result.GetOutput("ratio").GetPublished("u", "2020"));
    }

    [Fact]
    public void Evaluate_GroupAdjustment_MultipliesByOneMinusFactorAndVariantCanSwitchItOff()
    {
        // a = 0.5 (goalposts 0-1), b = 0.8; group g1 adjusted by 1 - 0.01 * 20 = 0.8 -> 0.4; root = sqrt(0.4 * 0.8).
        var definition = IndexBuilder.Create("t", "Adjusted")
            .Indicator("a").Indicator("b")
            .Group("g1", g => g.Add("a").Adjust(new GroupAdjustment("ineq") { Scale = 0.01 }))
            .Group("g2", g => g.Add("b"))
            .Group("root", g => g.Add("g1", "g2").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.Goalposts(0, 1))
            .Variant("adjusted")
            .Variant("plain", v => v.ApplyAdjustments(false))
            .Build();
        var panel = new PanelBuilder()
            .AddValue("a", "u", "1", 0.5).AddValue("b", "u", "1", 0.8).AddValue("ineq", "u", "1", 20)
            .AddValue("a", "v", "1", 0.5).AddValue("b", "v", "1", 0.8)
            .Build();

        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        Assert.Equal(0.4, result.GetScore("g1", "u", "1"), 15);
        Assert.Equal(Math.Sqrt(0.4 * 0.8), result.GetScore("root", "u", "1"), 15);
        Assert.Equal(Math.Sqrt(0.5 * 0.8), result.GetVariant("plain").GetScore("root", "u", "1"), 15);
        Assert.True(double.IsNaN(result.GetScore("g1", "v", "1")));
        Assert.Contains(result.Audit, e => e.Step == "adjustment" && e.UnitId == "v");
    }

    [Fact]
    public void Evaluate_RankingAndClasses_TiesShareRankFilteredUnitsUnranked()
    {
        var definition = IndexBuilder.Create("t", "Ranks")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("x", OutputExpressions.Score("root"), o => o.Round(2).Rank(new UnitFilter("kind", ["country"])).Class("high", 0.5).Class("low", max: 0.5))
            .Build();
        var panel = new PanelBuilder()
            .AddUnit(new UnitInfo("a") { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("kind", "country") })
            .AddUnit(new UnitInfo("b") { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("kind", "country") })
            .AddUnit(new UnitInfo("c") { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("kind", "country") })
            .AddUnit(new UnitInfo("agg") { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("kind", "region") })
            .AddValue("x", "a", "1", 0.504).AddValue("x", "b", "1", 0.496).AddValue("x", "c", "1", 0.4).AddValue("x", "agg", "1", 0.9)
            .Build();

        var output = CompiledIndex.Compile(definition).Evaluate(panel).GetOutput("x");

        // 0.504 and 0.496 both publish as 0.50: they tie at rank 1 and are "high"; the next rank is 3.
        Assert.Equal(1, output.GetRank("a", "1"));
        Assert.Equal(1, output.GetRank("b", "1"));
        Assert.Equal(3, output.GetRank("c", "1"));
        Assert.Null(output.GetRank("agg", "1"));
        Assert.Equal("high", output.GetClass("b", "1"));
        Assert.Equal("low", output.GetClass("c", "1"));
        Assert.Equal("0.50", output.Format("b", "1"));
    }

    [Fact]
    public void Evaluate_ExpressionsOverColumnsAndEarlierOutputs_MatchHandCalculation()
    {
        var definition = IndexBuilder.Create("t", "Loss")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("a", OutputExpressions.Score("root"), o => o.Round(1))
            .Output("mean", OutputExpressions.Mean(Aggregation.Geometric(), OutputExpressions.Column("p"), OutputExpressions.Column("q")))
            .Output("loss", OutputExpressions.Product(OutputExpressions.Constant(100), OutputExpressions.Difference(OutputExpressions.Constant(1), OutputExpressions.Ratio(OutputExpressions.Output("a"), OutputExpressions.Output("a", rounded: false)))))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "1", 0.44).AddValue("p", "u", "1", 2).AddValue("q", "u", "1", 8).Build();

        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        Assert.Equal(4, result.GetOutput("mean").GetValue("u", "1"), 14);
        Assert.Equal(100 * (1 - (0.4 / 0.44)), result.GetOutput("loss").GetValue("u", "1"), 12);
    }

    [Fact]
    public void Evaluate_DivisionByZero_ThrowsNumericalExceptionNamingOutputUnitPeriod()
    {
        var definition = IndexBuilder.Create("t", "Zero")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("r", OutputExpressions.Ratio(OutputExpressions.Constant(1), OutputExpressions.Score("root")))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "2020", 0).Build();

        var ex = Assert.Throws<NumericalException>(() => CompiledIndex.Compile(definition).Evaluate(panel));
        Assert.Contains("'r'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2020", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OutOfDomainAsMissing_GeometricWithZeroChildGivesMissingAndAudit()
    {
        var definition = IndexBuilder.Create("t", "Geo")
            .Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.Goalposts(0, 1))
            .MissingData(MissingData.Propagate() with { OutOfDomainAsMissing = true })
            .Build();
        var panel = new PanelBuilder().AddValue("a", "u", "1", 0).AddValue("b", "u", "1", 0.5).Build();

        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        Assert.True(double.IsNaN(result.GetScore("root", "u", "1")));
        Assert.Contains(result.Audit, e => e.NodeId == "root" && e.Message.Contains("outside the domain", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteCsv_Outputs_WritesPublishedValuesRanksAndClasses()
    {
        var definition = IndexBuilder.Create("t", "Csv")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("x", OutputExpressions.Score("root"), o => o.Round(3).Rank().Class("hi", 0.5).Class("lo", max: 0.5))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "1", 0.25).AddValue("x", "v", "1", 0.6).Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        var writer = new StringWriter();
        OutputResult.WriteCsv(result.Outputs, writer);

        Assert.Equal("unit,unit_name,period,x,x_rank,x_class\nu,u,1,0.250,2,lo\nv,v,1,0.600,1,hi\n", writer.ToString());
    }

    [Fact]
    public void WriteJson_WithOutputs_WritesPublishedValueRankAndClass()
    {
        var definition = IndexBuilder.Create("t", "Json")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("x", OutputExpressions.Score("root"), o => o.Round(3).Rank().Class("hi", 0.5))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "1", 0.6).Build();
        using var stream = new MemoryStream();

        CompiledIndex.Compile(definition).Evaluate(panel).WriteJson(stream, indented: false);

        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var cell = doc.RootElement.GetProperty("outputs")[0].GetProperty("values")[0];
        Assert.Equal("x", doc.RootElement.GetProperty("outputs")[0].GetProperty("id").GetString());
        Assert.Equal("u", cell.GetProperty("unit").GetString());
        Assert.Equal(0.6, cell.GetProperty("value").GetDouble());
        Assert.Equal("0.600", cell.GetProperty("published").GetRawText());
        Assert.Equal(1, cell.GetProperty("rank").GetInt32());
        Assert.Equal("hi", cell.GetProperty("class").GetString());
    }
}
