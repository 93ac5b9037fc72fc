namespace CompositeIndex.Tests.Evaluation;

/// <summary>Hand-calculated checks of <see cref="IndexResult.DecomposeChange"/>.</summary>
public class ChangeDecompositionTests
{
    // Identity normalisation for values in [0, 1000]: 1000·(x − 0)/(1000 − 0).
    private static readonly NormalizationMethod Identity = Normalization.Goalposts(0, 1000, scale: 1000);

    // root = mean(g1, g2) with g1 = mean(a, b), g2 = c.
    private static IndexDefinition Tree(AggregationMethod? root = null, AggregationMethod? g1 = null) => IndexBuilder.Create("t", "T")
        .Indicator("a", i => i.Name("en", "A").Name("ko", "가")).Indicator("b").Indicator("c")
        .Group("g1", g => { g.Add("a", "b"); if (g1 is not null) { g.Aggregate(g1); } })
        .Group("g2", g => g.Add("c"))
        .Group("root", g => { g.Add("g1", "g2"); if (root is not null) { g.Aggregate(root); } })
        .Normalize(Identity)
        .Build();

    private static IndexResult Run(IndexDefinition d, params (string Period, string Indicator, double Value)[] cells)
    {
        var b = new PanelBuilder();
        foreach (var (period, indicator, value) in cells)
        {
            b.AddValue(indicator, "u", period, value);
        }

        return CompiledIndex.Compile(d).Evaluate(b.Build());
    }

    [Fact]
    public void DecomposeChange_ArithmeticFixedWeights_ContributionIsWeightTimesChange()
    {
        // root: 27.5 → 32.5; W = a .25, b .25, c .5; a rose by 20 → 5.
        var r = Run(Tree(), ("1", "a", 10), ("1", "b", 20), ("1", "c", 40), ("2", "a", 30), ("2", "b", 20), ("2", "c", 40));
        var d = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(5, d.Change, 12);
        Assert.Equal(5, d["a"].Contribution, 12);
        Assert.Equal(5, d["a"].ValueEffect, 12);
        Assert.Equal(0, d["b"].Contribution, 12);
        Assert.Equal(0, d["c"].Contribution, 12);
        Assert.Equal(5, d["g1"].Contribution, 12);
        Assert.Equal(0.25, d["a"].WeightFrom, 12);
        Assert.Equal(ChangeDecompositionMethod.Additive, d.Method);
    }

    [Fact]
    public void DecomposeChange_IndicatorEnters_WeightEffectsByHand()
    {
        // Period 1: b missing → g1 = 10, root = 25 (W a .5, c .5). Period 2: root = 32.5 (W a .25, b .25, c .5).
        // Average root level 28.75. a: value .375·20 = 7.5, weight (20 − 28.75)(.25 − .5) = 2.1875.
        // b entered: .25·(20 − 28.75) = −2.1875. c: 0. Sum 7.5.
        var r = Run(Tree(), ("1", "a", 10), ("1", "c", 40), ("2", "a", 30), ("2", "b", 20), ("2", "c", 40));
        var d = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(7.5, d.Change, 12);
        Assert.Equal(7.5, d["a"].ValueEffect, 12);
        Assert.Equal(2.1875, d["a"].WeightEffect, 12);
        Assert.Equal(-2.1875, d["b"].Contribution, 12);
        Assert.Equal(ChangeStatus.Entered, d["b"].Status);
        Assert.True(double.IsNaN(d["b"].ScoreFrom));
        Assert.Equal(0, d["c"].Contribution, 12);
        Assert.Equal(7.5, d.Indicators.Sum(c => c.Contribution), 12);
        Assert.Equal(7.5, d.TopLevel.Sum(c => c.Contribution), 12);
    }

    [Fact]
    public void DecomposeChange_IndicatorLeaves_StatusLeftAndSumExact()
    {
        var r = Run(Tree(), ("1", "a", 30), ("1", "b", 20), ("1", "c", 40), ("2", "a", 10), ("2", "c", 40));
        var d = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(-7.5, d.Change, 12);
        Assert.Equal(ChangeStatus.Left, d["b"].Status);
        Assert.Equal(2.1875, d["b"].Contribution, 12);
        Assert.Equal(-7.5, d.Indicators.Sum(c => c.Contribution), 12);
    }

    [Fact]
    public void DecomposeChange_Geometric_LogarithmicMeanByHand()
    {
        // O = sqrt(a·b): 8 → 16. s = 8/ln 2; a: s·½·(ln 16 − ln 4) = 8; b unchanged: 0.
        var d = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Group("root", g => g.Add("a", "b").Aggregate(Aggregation.Geometric())).Normalize(Identity).Build();
        var r = Run(d, ("1", "a", 4), ("1", "b", 16), ("2", "a", 16), ("2", "b", 16));
        var x = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(ChangeDecompositionMethod.LogarithmicMean, x.Method);
        Assert.Equal(8, x.Change, 12);
        Assert.Equal(8, x["a"].Contribution, 12);
        Assert.Equal(0, x["b"].Contribution, 12);
    }

    [Fact]
    public void DecomposeChange_NoChange_OppositeContributions()
    {
        var r = Run(Tree(), ("1", "a", 10), ("1", "b", 20), ("1", "c", 40), ("2", "a", 20), ("2", "b", 10), ("2", "c", 40));
        var d = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(0, d.Change, 12);
        Assert.Equal(2.5, d["a"].Contribution, 12);
        Assert.Equal(-2.5, d["b"].Contribution, 12);
    }

    [Fact]
    public void DecomposeChange_HarmonicWithEnteringIndicator_SumsToChange()
    {
        var d = Tree(root: Aggregation.Harmonic(), g1: Aggregation.Harmonic()) with { Aggregation = Aggregation.Harmonic() };
        var r = Run(d, ("1", "a", 10), ("1", "c", 40), ("2", "a", 30), ("2", "b", 20), ("2", "c", 50));
        var x = r.ExplainChange(r.RootId, "u", "1", "2");
        Assert.Equal(ChangeDecompositionMethod.PowerMean, x.Method);
        Assert.Equal(x.Change, x.Indicators.Sum(c => c.Contribution), 12);
    }

    [Fact]
    public void DecomposeChange_MixedFamilies_Throws()
    {
        var r = Run(Tree(root: Aggregation.Geometric()), ("1", "a", 10), ("1", "b", 20), ("1", "c", 40), ("2", "a", 30), ("2", "b", 20), ("2", "c", 40));
        Assert.Throws<MethodNotSupportedException>(() => r.ExplainChange(r.RootId, "u", "1", "2"));

        // A lower group with one family can still be explained.
        Assert.Equal(10, r.ExplainChange("g1", "u", "1", "2").Change, 12);
    }

    [Fact]
    public void DecomposeChange_MissingTargetScore_ThrowsNumerical()
    {
        var r = Run(Tree(), ("1", "a", 10), ("1", "b", 20), ("1", "c", 40), ("2", "a", double.NaN), ("2", "b", double.NaN), ("2", "c", double.NaN));
        var ex = Assert.Throws<NumericalException>(() => r.ExplainChange(r.RootId, "u", "1", "2"));
        Assert.Contains("root", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_Korean_UsesLocalisedNamesAndTargetRowFirst()
    {
        var r = Run(Tree(), ("1", "a", 10), ("1", "b", 20), ("1", "c", 40), ("2", "a", 30), ("2", "b", 20), ("2", "c", 40));
        var sw = new StringWriter();
        r.ExplainChange(r.RootId, "u", "1", "2").WriteCsv(sw, "ko");
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("node,node_name,parent,kind,depth,status,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("root,root,,group,0,continuing,27.5,32.5,1,1,5,0,5", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("a,가,g1,indicator,2,continuing,", StringComparison.Ordinal));
    }
}
