using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity.Morris;

/// <summary>The Morris scheme on an index, and the convergence view of a sensitivity result.</summary>
public class MorrisSchemeTests
{
    [Fact]
    public void Morris_ParameterEnteringLinearly_MuIsCoefficientTimesRange_DummyFactorZero()
    {
        // Min-max [0, upper] and the arithmetic mean of a and b: score = upper·(t_a + t_b)/2 with t the position in
        // [min, max]. upper = 50 + 100·x, so the elementary effect of the factor is 100·(t_a + t_b)/2 for every move:
        // U2 has t_a = 0.5, t_b = 0.3, so μ = μ* = 40 and σ = 0. Choosing between two identical aggregations changes nothing.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Group("root", g => g.Add("a", 1).Add("b", 1)).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 0).AddValue("b", "U1", "2024", 0)
            .AddValue("a", "U2", "2024", 50).AddValue("b", "U2", "2024", 30)
            .AddValue("a", "U3", "2024", 100).AddValue("b", "U3", "2024", 100)
            .Build();
        var analysis = SensitivityBuilder.For(index)
            .PerturbParameter(null, "normalization", "upper", 50, 150)
            .ChooseAggregation("root", new ArithmeticAggregation(), new ArithmeticAggregation())
            .Output(new SensitivityOutput(OutputKind.Score, "2024", "U2"))
            .Morris(trajectories: 10, levels: 4).Seed(3).Build();

        var r = SensitivityAnalysis.Run(index, panel, analysis);

        Assert.Equal(10 * 3, r.RunCount);
        var m = Assert.Single(r.Morris);
        Assert.Equal(40.0, m.Indices.Mu[0], 9);
        Assert.Equal(40.0, m.Indices.MuStar[0], 9);
        Assert.True(m.Indices.Sigma[0] < 1e-9, $"sigma = {m.Indices.Sigma[0]}");
        Assert.Equal(0.0, m.Indices.MuStar[1]);
        Assert.Equal(0.0, m.Indices.Sigma[1]);
        Assert.Equal([10, 10], m.Indices.Effects.ToArray());
        Assert.Empty(r.Sensitivities);
    }

    [Fact]
    public void Morris_BitIdenticalAtAnyThreadCount_ConvergencePointsEqualSmallerRunsDirectly()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        SensitivityDefinition Analysis(int r) => SensitivityBuilder.For(index)
            .PerturbWeights("root", 0.3).PerturbWeights("g1", 0.5)
            .ChooseNormalization(null, Normalization.MinMax(1, 100), Normalization.ZScore(10, 2))
            .ChooseAggregation("g0", new ArithmeticAggregation(), new GeometricAggregation())
            .Morris(r, levels: 4, candidates: r == 16 ? 48 : null).Seed(5).Build();
        var analysis = Analysis(16);

        var one = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 1 });
        var four = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(2, one.Morris.Length); // one output per period
        for (var o = 0; o < 2; o++)
        {
            Assert.Equal(one.Morris[o].Indices.MuStar.ToArray(), four.Morris[o].Indices.MuStar.ToArray());
            Assert.Equal(one.Morris[o].Indices.Sigma.ToArray(), four.Morris[o].Indices.Sigma.ToArray());
            Assert.Equal(one.Morris[o].Indices.MuStarConf.ToArray(), four.Morris[o].Indices.MuStarConf.ToArray());
            Assert.All(one.Morris[o].Indices.MuStar, v => Assert.True(v > 0));
        }

        var c = one.Convergence[0].Convergence;
        Assert.Equal("morris", c.Method);
        Assert.Equal([2, 4, 8, 16], c.Points.Select(p => p.SampleSize));
        Assert.Equal(one.Morris[0].Indices.MuStar.ToArray(), c.Points[^1].MuStar.ToArray());
    }

    [Fact]
    public void Saltelli_ConvergencePoints_EqualTheSmallerAnalysisRunDirectly()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        SensitivityDefinition Analysis(int n) => SensitivityBuilder.For(index)
            .PerturbWeights("root", 0.3).ChooseNormalization(null, Normalization.MinMax(1, 100), Normalization.Rank())
            .Saltelli(n).Seed(2).Build();

        var full = SensitivityAnalysis.Run(index, panel, Analysis(64));

        Assert.Equal(2, full.Convergence.Length);
        foreach (var (o, conv) in full.Convergence.Select((c, o) => (o, c.Convergence)))
        {
            Assert.Equal([8, 16, 32, 64], conv.Points.Select(p => p.SampleSize));
            foreach (var p in conv.Points)
            {
                var direct = p.SampleSize == 64 ? full : SensitivityAnalysis.Run(index, panel, Analysis(p.SampleSize));
                var s = direct.Sensitivities[o];
                Assert.Equal(s.Factors.Select(f => f.S1), p.S1);
                Assert.Equal(s.Factors.Select(f => f.ST), p.ST);
                Assert.Equal(s.Factors.Select(f => f.S1Conf), p.S1Conf);
                Assert.Equal(s.Factors.Select(f => f.STConf), p.STConf);
            }
        }
    }

    [Fact]
    public void Morris_InvalidSettings_ReportedWithPaths()
    {
        var index = SensitivityFixtures.Index();
        var analysis = SensitivityBuilder.For(index).PerturbWeights("root", 0.3).Morris(10).Build() with { Morris = new MorrisSampling { Levels = 3, Candidates = 5 } };

        var report = analysis.Validate(index);

        Assert.Contains(report.Errors, e => e.Path == "$.morris.levels");
        Assert.Contains(report.Errors, e => e.Path == "$.morris.candidates");
    }
}
