using CompositeIndex.Analysis;

namespace CompositeIndex.Tests.Analysis;

/// <summary>The whole audit in one call (<see cref="IndexAudit.Run"/>): which data each part uses and what it skips.</summary>
public class IndexAuditResultTests
{
    private static IndexDefinition Toy() => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c", i => i.LowerIsBetter()).Indicator("d")
        .Group("p1", g => g.Add("a").Add("b"))
        .Group("p2", g => g.Add("c").Add("d"))
        .Group("root", g => g.Add("p1", 1).Add("p2", 3))
        .Normalize(Normalization.MinMax(0, 100))
        .Build();

    // c and d are both present for one unit only (x), so p2 has no PCA (it needs two complete units).
    private static Panel Data()
    {
        var b = new PanelBuilder();
        var rows = new[] { ("x", 1.0, 10.0, 5.0, 7.0), ("y", 2, 30, double.NaN, 8), ("z", 3, 20, 1, double.NaN), ("w", 4, 40, 2, double.NaN) };
        foreach (var (unit, a, bv, c, d) in rows)
        {
            b.AddValue("a", unit, "2024", a).AddValue("b", unit, "2024", bv).AddValue("c", unit, "2024", c).AddValue("d", unit, "2024", d);
        }

        return b.Build();
    }

    [Fact]
    public void Run_WithRawData_StatisticsOfRawValues_CorrelationsOfNormalisedScores()
    {
        var panel = Data();
        var result = CompiledIndex.Compile(Toy()).Evaluate(panel);

        var audit = IndexAudit.Run(result, panel);

        Assert.Equal("2024", audit.Period);
        Assert.Equal(AuditDataSet.Raw, audit.StatisticsData);
        Assert.Equal(AuditDataSet.Normalized, audit.CorrelationData);
        Assert.Equal(2.5, audit.Statistics.Single(s => s.Id == "a").Mean, 15); // (1 + 2 + 3 + 4) / 4
        Assert.Equal(8.0 / 3, audit.Statistics.Single(s => s.Id == "c").Mean, 15); // (5 + 1 + 2) / 3
        Assert.Equal(3, audit.Statistics.Single(s => s.Id == "c").Available);

        // By hand: a = 1..4, b = 10, 30, 20, 40 -> centred a = (-1.5, -0.5, 0.5, 1.5), b = (-15, 5, -5, 15);
        // Σ = 40, |a| = √5, |b| = √500 -> r = 40 / 50 = 0.8 (min-max is affine, so the same on normalised scores).
        Assert.Equal(0.8, audit.Pearson!["a", "b"], 12);
        Assert.True(audit.Pearson!["a", "c"] > 0); // raw a and c fall together (x, z, w: 1, 3, 4 vs 5, 1, 2); c is lower-is-better, so normalised they rise together
        Assert.Equal(4, audit.Pearson!.Count("a", "b"));
        Assert.Equal(0.75, audit.EffectiveWeights.Single(e => e.NodeId == "p2").Effective, 15);
        Assert.Equal(4, audit.Profiles.Length);
        Assert.Contains(audit.PrincipalComponents, p => p.GroupId == "p1");
        Assert.DoesNotContain(audit.PrincipalComponents, p => p.GroupId == "p2");
        Assert.Contains(audit.Notes, n => n.StartsWith("No PCA of group 'p2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_WithoutRawData_UsesNormalisedScoresAndSaysSo()
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());

        var audit = IndexAudit.Run(result, options: new IndexAuditOptions { CorrelationData = AuditDataSet.Raw });

        Assert.Equal(AuditDataSet.Normalized, audit.StatisticsData);
        Assert.Equal(AuditDataSet.Normalized, audit.CorrelationData);
        Assert.Equal(100, audit.Statistics.Single(s => s.Id == "a").Max, 12);
        Assert.Contains(audit.Notes, n => n.StartsWith("No raw data given", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_Profiles_EqualStrengthsAndWeaknessesOfEachUnit()
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());

        var audit = IndexAudit.Run(result, options: new IndexAuditOptions { StrengthsAndWeaknesses = 2 });

        foreach (var p in audit.Profiles)
        {
            var one = IndexAudit.StrengthsAndWeaknesses(result, p.UnitId, "2024", 2, 2);
            Assert.Equal(one.Strengths.Select(Bits), p.Strengths.Select(Bits));
            Assert.Equal(one.Weaknesses.Select(Bits), p.Weaknesses.Select(Bits));
        }
    }

    [Fact]
    public void Run_BadOptionsOrPeriod_Throw()
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());

        Assert.Throws<UnknownKeyException>(() => IndexAudit.Run(result, period: "1999"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexAudit.Run(result, options: new IndexAuditOptions { FlagGroupLevel = 1 }));
        Assert.Throws<UnknownKeyException>(() => IndexAudit.Run(result, Data(), options: new IndexAuditOptions { Denominators = ["gdp"] }));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => IndexAudit.Run(result, cancellationToken: cts.Token));
    }

    [Fact]
    public void Run_Progress_ReportsEachPartInOrder()
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());
        var reports = new List<AuditProgress>();

        IndexAudit.Run(result, options: new IndexAuditOptions { Progress = new SynchronousProgress(reports.Add) });

        Assert.Equal(["statistics", "correlations", "pca", "profiles"], reports.Select(r => r.Part));
        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.CompletedParts));
        Assert.All(reports, r => Assert.Equal(4, r.TotalParts));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_CancelledMidRunFromProgress_ThrowsAfterThatPart(int cancelAfter)
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());
        using var cts = new CancellationTokenSource();
        var reports = new List<AuditProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p.CompletedParts == cancelAfter)
            {
                cts.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => IndexAudit.Run(result, options: new IndexAuditOptions { Progress = progress }, cancellationToken: cts.Token));
        Assert.Equal(cancelAfter, reports.Count);
    }

    private sealed class SynchronousProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }

    /// <summary>A ranked indicator by value, its score bit for bit.</summary>
    private static (string IndicatorId, long Score, int Rank) Bits(RankedIndicator x) => (x.IndicatorId, BitConverter.DoubleToInt64Bits(x.Score), x.Rank);
}
