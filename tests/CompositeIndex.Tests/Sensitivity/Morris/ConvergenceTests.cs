using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Morris;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity.Morris;

/// <summary>The convergence view: each point (N/8, N/4, N/2, N) equals the analysis of that smaller design run directly.</summary>
public class ConvergenceTests
{
    [Theory]
    [InlineData(BasePoints.Sobol)]
    [InlineData(BasePoints.PseudoRandom)]
    public void Sobol_EachPointEqualsTheSmallerDesignRunDirectly_Bitwise(BasePoints points)
    {
        var design = SobolDesign.Create(3, 256, seed: 4, points);
        var y = Run(design.RunCount, design.GetRun, 3);

        var c = SensitivityConvergence.Sobol(design, y, ["x1", "x2", "x3"]);

        Assert.Equal("sobol", c.Method);
        Assert.Equal([32, 64, 128, 256], c.Points.Select(p => p.SampleSize));
        foreach (var p in c.Points)
        {
            var direct = SobolDesign.Create(3, p.SampleSize, seed: 4, points);
            var expected = SobolAnalyzer.Analyze(direct, Run(direct.RunCount, direct.GetRun, 3));
            Assert.Equal(direct.RunCount, p.Runs);
            Assert.Equal(expected.Factors.Select(f => f.S1).ToArray(), p.S1.ToArray());
            Assert.Equal(expected.Factors.Select(f => f.ST).ToArray(), p.ST.ToArray());
            Assert.Equal(expected.Factors.Select(f => f.S1Conf).ToArray(), p.S1Conf.ToArray());
            Assert.Equal(expected.Factors.Select(f => f.STConf).ToArray(), p.STConf.ToArray());
            Assert.Empty(p.MuStar);
        }

        // The full point is the full analysis; with N = 256 Ishigami's S1 is near the analytic (0.314, 0.442, 0).
        Assert.Equal(SobolAnalyzer.Analyze(design, y).Factors.Select(f => f.S1).ToArray(), c.Points[^1].S1.ToArray());
        var (s1, _) = TestFunctions.IshigamiIndices();
        Assert.Equal(s1[1], c.Points[^1].S1[1], 1);
    }

    [Fact]
    public void Morris_EachPointEqualsTheSmallerDesignRunDirectly_Bitwise()
    {
        double[] a = [0, 1, 4.5, 9];
        var design = MorrisDesign.Create(4, 40, levels: 4, seed: 6);
        var y = Run(design.RunCount, design.GetRun, 4, x => TestFunctions.SobolG(x, a));

        var c = SensitivityConvergence.Morris(design, y);

        Assert.Equal(["x1", "x2", "x3", "x4"], c.Factors.ToArray());
        Assert.Equal([5, 10, 20, 40], c.Points.Select(p => p.SampleSize));
        foreach (var p in c.Points)
        {
            var direct = MorrisDesign.Create(4, p.SampleSize, levels: 4, seed: 6);
            var expected = MorrisAnalyzer.Analyze(direct, Run(direct.RunCount, direct.GetRun, 4, x => TestFunctions.SobolG(x, a)));
            Assert.Equal(expected.MuStar.ToArray(), p.MuStar.ToArray());
            Assert.Equal(expected.Sigma.ToArray(), p.Sigma.ToArray());
            Assert.Equal(expected.MuStarConf.ToArray(), p.MuStarConf.ToArray());
            Assert.Empty(p.S1);
        }
    }

    [Fact]
    public void Sizes_DefaultAndOutOfRange()
    {
        Assert.Equal([2, 4, 8, 16], SensitivityConvergence.DefaultSizes(16).ToArray());
        Assert.Equal([2, 5], SensitivityConvergence.DefaultSizes(5).ToArray());
        var design = MorrisDesign.Create(2, 10, seed: 1);
        var y = new double[design.RunCount];
        Assert.Throws<ArgumentException>(() => SensitivityConvergence.Morris(design, y, sizes: [1, 10]));
        Assert.Throws<ArgumentException>(() => SensitivityConvergence.Morris(design, y, sizes: [11]));
        Assert.Throws<ArgumentException>(() => SensitivityConvergence.Morris(design, y, ["only one"]));
    }

    private delegate void PointOf(int run, Span<double> x);

    private delegate double Model(ReadOnlySpan<double> x);

    private static double[] Run(int runs, PointOf point, int k, Model? model = null)
    {
        var y = new double[runs];
        var x = new double[k];
        for (var r = 0; r < runs; r++)
        {
            point(r, x);
            y[r] = model is null ? TestFunctions.Ishigami(x) : model(x);
        }

        return y;
    }
}
