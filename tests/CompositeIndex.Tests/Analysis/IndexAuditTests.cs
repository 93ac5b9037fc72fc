using CompositeIndex.Analysis;

namespace CompositeIndex.Tests.Analysis;

/// <summary>Hand-calculated checks of the audit functions on a two-pillar toy index.</summary>
public class IndexAuditTests
{
    private const double Nan = double.NaN;

    private static IndexDefinition Toy() => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c", i => i.LowerIsBetter())
        .Group("p1", g => g.Add("a", 3).Add("b", 1))
        .Group("p2", g => g.Add("c"))
        .Group("root", g => g.Add("p1", 1).Add("p2", 1))
        .Normalize(Normalization.MinMax(0, 100))
        .Build();

    private static AuditData Data() => AuditData.Create(["x", "y", "z", "w"], [
        KeyValuePair.Create("a", new[] { 1.0, 2, 3, 4 }),
        KeyValuePair.Create("b", new[] { 0.0, Nan, 5, 7 }),
        KeyValuePair.Create("c", new[] { 9.0, 8, Nan, Nan }),
    ]);

    [Fact]
    public void EffectiveWeights_NestedGroups_AreProductsOfRenormalisedWeights()
    {
        var w = IndexAudit.EffectiveWeights(Toy()).ToDictionary(e => e.NodeId);
        Assert.Equal(0.375, w["a"].Effective, 15); // 1/2 · 3/4
        Assert.Equal(0.125, w["b"].Effective, 15);
        Assert.Equal(0.5, w["c"].Effective, 15);
        Assert.Equal(0.75, w["a"].WeightInParent, 15);
        Assert.Equal(3, w["root"].Level);
        Assert.Equal(1, w["a"].Level);
    }

    [Fact]
    public void Availability_MissingAndZero_CountedPerUnitAndGroup()
    {
        var av = IndexAudit.Availability(Data(), Toy());
        var x = av.Units.Single(u => u.UnitId == "x");
        Assert.Equal(0, x.Missing);
        Assert.Equal(1, x.Zero);
        Assert.Equal(1, x.Available);
        Assert.Equal(2.0 / 3, x.NonZero, 15);
        var z = av.Units.Single(u => u.UnitId == "z");
        Assert.Equal(2.0 / 3, z.Available, 15);
        Assert.Equal(0, z.ByGroup["p2"]);
        Assert.Equal(1, z.ByGroup["p1"]);
        var p2 = av.Groups.Single(g => g.GroupId == "p2");
        Assert.Equal(0.5, p2.Available);
        Assert.Equal(2, p2.UnitsBelowHalf);
    }

    [Fact]
    public void Describe_SmallColumn_MatchesHandValues()
    {
        var s = IndexAudit.DescribeColumn("b", [0.0, Nan, 5, 7]);
        Assert.Equal(3, s.Available);
        Assert.Equal(2, s.NonZero);
        Assert.Equal(3, s.Unique);
        Assert.Equal(1, s.Same);
        Assert.Equal(4, s.Mean, 14);
        Assert.Equal(5, s.Median);
        Assert.Equal(Math.Sqrt(13), s.StandardDeviation, 14);
        Assert.False(s.LowAvailability); // 3/4 ≥ 0.65
        Assert.True(double.IsNaN(s.Kurtosis)); // fewer than 4 values
    }

    [Fact]
    public void Skewness_Kurtosis_MatchCoinrEdgeValues()
    {
        // COINr expected/edge: skew(c(1,2,3,10)) = 1.7636326148038881, kurt(c(1,2,3,10,50)) = 4.39753439957091.
        Assert.Equal(1.7636326148038881, IndexStatistics.Skewness([1, 2, 3, 10]), 14);
        Assert.Equal(4.39753439957091, IndexStatistics.Kurtosis([1, 2, 3, 10, 50]), 13);
    }

    [Fact]
    public void CronbachAlpha_TwoIdenticalVariables_IsOne()
    {
        var d = AuditData.Create(["1", "2", "3"], [KeyValuePair.Create("u", new[] { 1.0, 2, 4 }), KeyValuePair.Create("v", new[] { 1.0, 2, 4 })]);
        Assert.Equal(1, IndexAudit.CronbachAlpha(d, ["u", "v"]), 14);
        Assert.True(double.IsNaN(IndexAudit.CronbachAlpha(d, ["u"])));
    }

    [Fact]
    public void CorrelationFlags_NegativePairInGroup_IsFlagged()
    {
        var d = AuditData.Create(["1", "2", "3", "4"], [
            KeyValuePair.Create("a", new[] { 1.0, 2, 3, 4 }),
            KeyValuePair.Create("b", new[] { 4.0, 3, 2, 1 }),
            KeyValuePair.Create("c", new[] { 1.0, 2, 3, 5 }),
        ]);
        var flags = IndexAudit.CorrelationFlags(d, Toy(), groupLevel: 2);
        var f = Assert.Single(flags);
        Assert.Equal(("p1", "a", "b", CorrelationFlagKind.Negative), (f.GroupId, f.First, f.Second, f.Kind));
        Assert.Equal(-1, f.Correlation, 14);
    }

    [Fact]
    public void StrengthsAndWeaknesses_BestAndWorstIndicators_ByRank()
    {
        var panel = new PanelBuilder()
            .AddValue("a", "x", "1", 10).AddValue("b", "x", "1", 0).AddValue("c", "x", "1", 1)
            .AddValue("a", "y", "1", 0).AddValue("b", "y", "1", 5).AddValue("c", "y", "1", 9)
            .Build();
        var result = CompiledIndex.Compile(Toy()).Evaluate(panel);
        var profile = IndexAudit.StrengthsAndWeaknesses(result, "x", "1", top: 2, bottom: 1);
        Assert.Equal(["a", "c"], profile.Strengths.Select(s => s.IndicatorId)); // rank 1 on both (c: lower is better)
        Assert.Equal("b", Assert.Single(profile.Weaknesses).IndicatorId);
        Assert.Equal(2, profile.Weaknesses[0].Rank);
    }

    [Fact]
    public void RealizedWeights_CompleteArithmetic_EqualNominalShareOfPositiveScores()
    {
        var panel = new PanelBuilder()
            .AddValue("a", "x", "1", 10).AddValue("b", "x", "1", 0).AddValue("c", "x", "1", 1)
            .AddValue("a", "y", "1", 0).AddValue("b", "y", "1", 5).AddValue("c", "y", "1", 9)
            .AddValue("a", "z", "1", 5).AddValue("b", "z", "1", 5).AddValue("c", "z", "1", 5)
            .Build();
        var result = CompiledIndex.Compile(Toy()).Evaluate(panel);
        var w = IndexAudit.RealizedWeights(result, "1");
        Assert.Equal(3, w.Length);
        Assert.Equal(1, w.Sum(x => x.MeanShare), 12);
        Assert.Equal(0.375, w[0].Nominal, 15);
    }
}
