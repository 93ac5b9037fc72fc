using System.Text.Json;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>Hand-calculated checks of <see cref="WeightScaling.AvailableIndicatorCount"/> and the coverage reports.</summary>
public class WeightScalingTests
{
    private static readonly NormalizationMethod Identity = Normalization.Goalposts(0, 1000, scale: 1000);

    // root = {g0, c}; g0 = {g1, d}; g1 = {a, b}: a three-level tree.
    private static IndexDefinition Tree(WeightScaling scaling, WeightScaling inner = WeightScaling.None) => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c").Indicator("d")
        .Group("g1", g => g.Add("a", "b"))
        .Group("g0", g => g.Add("g1", "d").ScaleWeights(inner))
        .Group("root", g => g.Add("g0", "c").ScaleWeights(scaling))
        .Normalize(Identity)
        .Build();

    private static IndexResult Run(IndexDefinition d, double b = 20) => CompiledIndex.Compile(d).Evaluate(new PanelBuilder()
        .AddValue("a", "u", "1", 10).AddValue("b", "u", "1", b).AddValue("c", "u", "1", 40).AddValue("d", "u", "1", 70).Build());

    [Fact]
    public void AvailableIndicatorCount_AllLevels_IsMeanOfAllIndicators()
    {
        var r = Run(Tree(WeightScaling.AvailableIndicatorCount, WeightScaling.AvailableIndicatorCount));
        Assert.Equal((10 + 20 + 40 + 70) / 4.0, r.GetScore("root", "u", "1"), 12);
        Assert.Equal(4, r.GetIndicatorCount("root", "u", "1"));
        Assert.Equal(3, r.GetIndicatorCount("g0", "u", "1"));
    }

    [Fact]
    public void AvailableIndicatorCount_RootOnly_WeightsChildrenByTheirIndicatorCounts()
    {
        // g0 = mean(g1 = 15, d = 70) = 42.5 counts 3 indicators; c counts 1: root = (3·42.5 + 40)/4.
        var r = Run(Tree(WeightScaling.AvailableIndicatorCount));
        Assert.Equal(((3 * 42.5) + 40) / 4, r.GetScore("root", "u", "1"), 12);
    }

    [Fact]
    public void AvailableIndicatorCount_MissingIndicator_DroppedAndCountsShrink()
    {
        var r = Run(Tree(WeightScaling.AvailableIndicatorCount, WeightScaling.AvailableIndicatorCount), b: double.NaN);
        Assert.Equal((10 + 40 + 70) / 3.0, r.GetScore("root", "u", "1"), 12);
        Assert.Equal(["a", "c", "d"], r.GetUsedIndicators(r.RootId, "u", "1").ToArray());
        Assert.Equal(["b"], r.GetDroppedIndicators(r.RootId, "u", "1").ToArray());
        Assert.Equal(["a"], r.GetUsedIndicators("g1", "u", "1").ToArray());
    }

    [Fact]
    public void None_Default_IsNominalWeights()
    {
        var r = Run(Tree(WeightScaling.None));
        Assert.Equal((42.5 + 40) / 2, r.GetScore("root", "u", "1"), 12);
        Assert.Equal(WeightScaling.None, new GroupDefinition { Id = "g" }.WeightScaling);
    }

    [Fact]
    public void Contributions_WithScaling_SumToScore()
    {
        var r = Run(Tree(WeightScaling.AvailableIndicatorCount));
        var c = r.ExplainScore(r.RootId, "u", "1");
        Assert.Equal(r.GetScore("root", "u", "1"), c.Where(x => x.IsIndicator).Sum(x => x.ToTarget), 12);
        Assert.Equal(0.75, c.Single(x => x.NodeId == "g0").Weight, 12);
    }

    [Fact]
    public void Validate_UndefinedScaling_ReportsPath()
    {
        var d = Tree(WeightScaling.None);
        d = d with { Groups = [.. d.Groups.Select(g => g.Id == "root" ? g with { WeightScaling = (WeightScaling)7 } : g)] };
        var report = d.Validate();
        Assert.Contains(report.Errors, e => e.Path == "$.groups[2].weightScaling");
    }

    [Fact]
    public void Equality_DiffersByScaling()
    {
        Assert.NotEqual(Tree(WeightScaling.None), Tree(WeightScaling.AvailableIndicatorCount));
        Assert.Equal(Tree(WeightScaling.AvailableIndicatorCount), Tree(WeightScaling.AvailableIndicatorCount));
    }

    [Fact]
    public void WriteJson_NamesInEveryLanguageAndCoverage()
    {
        var d = IndexBuilder.Create("t", "T").Name("ko", "지수")
            .Indicator("a", i => i.Name("en", "A").Name("ko", "가")).Indicator("b")
            .Group("root", g => g.Add("a", "b").Name("fr", "Racine"))
            .Normalize(Identity).Build();
        var r = CompiledIndex.Compile(d).Evaluate(new PanelBuilder().AddValue("a", "u", "1", 1).AddValue("b", "u", "1", double.NaN).AddValue("a", "u", "2", 1).AddValue("b", "u", "2", 2).Build());
        using var ms = new MemoryStream();
        r.WriteJson(ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var root = doc.RootElement;
        Assert.Equal("지수", root.GetProperty("index").GetProperty("names").GetProperty("ko").GetString());
        var a = root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "a");
        Assert.Equal("가", a.GetProperty("names").GetProperty("ko").GetString());
        Assert.Equal("A", a.GetProperty("names").GetProperty("en").GetString());
        var cov = root.GetProperty("coverage").EnumerateArray().ToList();
        Assert.Equal(1, cov[0].GetProperty("indicatorsUsed").GetInt32());
        Assert.Equal("b", cov[0].GetProperty("dropped")[0].GetString());
        Assert.Equal(2, cov[1].GetProperty("indicatorsUsed").GetInt32());
    }
}
