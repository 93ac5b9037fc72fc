using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity;

public class SobolAnalyzerTests
{
    private static double[] Run(SobolDesign design, Func<double[], double> f)
    {
        var y = new double[design.RunCount];
        var x = new double[design.Factors];
        for (var r = 0; r < y.Length; r++)
        {
            design.GetRun(r, x);
            y[r] = f(x);
        }

        return y;
    }

    [Fact]
    public void Analyze_IshigamiN2Pow14Sobol_MatchesPublishedIndicesWithin0_01()
    {
        // Published values for a = 7, b = 0.1 (Saltelli et al. 2008, The Primer; issue #6):
        // S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
        var design = SobolDesign.Create(3, 1 << 14, seed: 42);
        var y = Run(design, x => TestFunctions.Ishigami(x));
        var s = SobolAnalyzer.Analyze(design, y);
        double[] s1 = [0.3139, 0.4424, 0], st = [0.5576, 0.4424, 0.2437];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(s.Factors[i].S1, s1[i] - 0.01, s1[i] + 0.01);
            Assert.InRange(s.Factors[i].ST, st[i] - 0.01, st[i] + 0.01);
            Assert.True(s.Factors[i].S1Conf > 0 && s.Factors[i].S1Conf < 0.05, $"S1Conf[{i}] = {s.Factors[i].S1Conf}");
            Assert.True(s.Factors[i].STConf > 0 && s.Factors[i].STConf < 0.05, $"STConf[{i}] = {s.Factors[i].STConf}");
        }
    }

    [Fact]
    public void IshigamiIndices_Analytic_MatchPublishedValuesTo4Decimals()
    {
        var (s1, st) = TestFunctions.IshigamiIndices();
        Assert.Equal(0.3139, s1[0], 4);
        Assert.Equal(0.4424, s1[1], 4);
        Assert.Equal(0, s1[2], 12);
        Assert.Equal(0.5576, st[0], 4);
        Assert.Equal(0.4424, st[1], 4);
        Assert.Equal(0.2437, st[2], 4);
    }

    [Fact]
    public void Analyze_SobolG_MatchesAnalyticIndicesWithin0_02()
    {
        double[] a = [0, 1, 4.5, 9, 99, 99];
        var (s1, st) = TestFunctions.SobolGIndices(a);
        var design = SobolDesign.Create(a.Length, 1 << 13, seed: 7);
        var y = Run(design, x => TestFunctions.SobolG(x, a));
        var s = SobolAnalyzer.Analyze(design, y, new SobolAnalysisOptions { Resamples = 0 });
        for (var i = 0; i < a.Length; i++)
        {
            Assert.InRange(s.Factors[i].S1, s1[i] - 0.02, s1[i] + 0.02);
            Assert.InRange(s.Factors[i].ST, st[i] - 0.02, st[i] + 0.02);
            Assert.True(double.IsNaN(s.Factors[i].S1Conf));
        }
    }

    [Fact]
    public void Analyze_WrongLength_ThrowsArgumentException()
    {
        var design = SobolDesign.Create(3, 8, seed: 0);
        Assert.Equal(40, design.RunCount);
        var ex = Assert.Throws<ArgumentException>(() => SobolAnalyzer.Analyze(design, new double[39]));
        Assert.Contains("40 runs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_OutputsFromAnotherDesign_ThrowsArgumentException()
    {
        var design = SobolDesign.Create(3, 8, seed: 0);
        var other = SobolDesign.Create(3, 8, seed: 1);
        Assert.NotEqual(design.Fingerprint, other.Fingerprint);
        Assert.Throws<ArgumentException>(() => SobolAnalyzer.Analyze(design, new double[40], new SobolAnalysisOptions { OutputsFingerprint = other.Fingerprint }));
    }

    [Fact]
    public void Analyze_SameSeed_BitIdenticalConfidenceIntervals()
    {
        var design = SobolDesign.Create(3, 256, seed: 0);
        var y = Run(design, x => TestFunctions.Ishigami(x));
        var a = SobolAnalyzer.Analyze(design, y);
        var b = SobolAnalyzer.Analyze(design, y);
        Assert.Equal(a.Factors.Select(f => f.S1Conf).ToArray(), b.Factors.Select(f => f.S1Conf).ToArray());
        Assert.Equal(a.Factors.Select(f => f.STConf).ToArray(), b.Factors.Select(f => f.STConf).ToArray());
        var c = SobolAnalyzer.Analyze(design, y, new SobolAnalysisOptions { Seed = 1 });
        Assert.NotEqual(a.Factors.Select(f => f.S1Conf).ToArray(), c.Factors.Select(f => f.S1Conf).ToArray());
    }

    [Fact]
    public void SobolIndices_OneShape_ForAnExternalModelAndForAnIndex()
    {
        // External model: no index output, SALib's default names, the options and the design it came from.
        var design = SobolDesign.Create(3, 64, seed: 9, secondOrder: true);
        var external = SobolAnalyzer.Analyze(design, Run(design, x => TestFunctions.Ishigami(x)), new SobolAnalysisOptions { Resamples = 20, ConfidenceLevel = 0.9 });
        Assert.Null(external.Output);
        Assert.Equal(["x1", "x2", "x3"], external.Factors.Select(f => f.Factor));
        Assert.Equal([("x1", "x2"), ("x1", "x3"), ("x2", "x3")], external.SecondOrder.Select(p => (p.FirstFactor, p.SecondFactor)));
        Assert.Equal((20, 0.9, design.Fingerprint), (external.Resamples, external.ConfidenceLevel, external.DesignFingerprint));
        Assert.Null(external.Unavailable);
        Assert.Same(external.Factors[1], external.GetFactor("x2"));
        var unknown = Assert.Throws<UnknownKeyException>(() => external.GetFactor("x4"));
        Assert.Equal(("factor", "x4"), (unknown.Kind, unknown.Key));

        // A composite index: the same type, with its output, the factors' display names and the analysis' settings.
        var index = SensitivityFixtures.Index(2, 2);
        var analysis = SensitivityBuilder.For(index).PerturbWeights("g0", 0.3).PerturbWeights("g1", 0.3).Saltelli(16).Bootstrap(30, 0.8).Seed(2).Output(new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)).Build();
        var result = SensitivityAnalysis.Run(index, SensitivityFixtures.Panel(index, units: 8, periods: 1), analysis);
        var own = Assert.Single(result.Sensitivities);
        Assert.Equal(new SensitivityOutput(OutputKind.MeanAbsoluteRankShift), own.Output);
        Assert.Equal(result.FactorNames, own.Factors.Select(f => f.Factor));
        Assert.Equal((30, 0.8, result.DesignFingerprint), (own.Resamples, own.ConfidenceLevel, own.DesignFingerprint));
        Assert.Empty(own.SecondOrder);
    }

    [Fact]
    public void Create_LayoutIsARowThenABlocksThenB()
    {
        var design = SobolDesign.Create(2, 4, seed: 3);
        var x = new double[2];
        design.GetRun(4 + 2, x); // row 1, block 2 = AB_2: A row 1 with column 1 from B
        Assert.Equal(design.GetA(1)[0], x[0]);
        Assert.Equal(design.GetB(1)[1], x[1]);
        Assert.Equal(new SaltelliRun(1, 3), design.Locate(7));
        Assert.Equal("B", design.BlockLabel(3));
        Assert.Equal("AB1", design.BlockLabel(1));
    }
}
