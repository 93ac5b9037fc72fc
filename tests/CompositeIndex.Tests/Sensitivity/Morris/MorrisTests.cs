using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Morris;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity.Morris;

/// <summary>Morris elementary effects (Morris 1991; μ* from Campolongo, Cariboni and Saltelli 2007) on analytic functions.</summary>
public class MorrisTests
{
    // y = Σ c_i·(a_i + (b_i − a_i)·x_i): the elementary effect of factor i is c_i·(b_i − a_i) wherever it is taken.
    private static readonly double[] Coefficients = [3, -2, 0.5, 0];
    private static readonly (double A, double B)[] Ranges = [(0, 1), (10, 14), (-2, 6), (0, 1)];

    [Fact]
    public void Linear_TwoLevels_MuAndMuStarAreCoefficientTimesRange_SigmaZero_Exactly()
    {
        // p = 2: Δ = 1 and the grid is {0, 1}; with these small dyadic numbers every operation is exact.
        var design = MorrisDesign.Create(factors: 4, trajectories: 10, levels: 2, seed: 7);

        var m = MorrisAnalyzer.Analyze(design, Run(design, Linear));

        Assert.Equal(1.0, design.Delta);
        Assert.Equal([3.0, -8.0, 4.0, 0.0], m.Mu.ToArray());
        Assert.Equal([3.0, 8.0, 4.0, 0.0], m.MuStar.ToArray());
        Assert.Equal([0.0, 0.0, 0.0, 0.0], m.Sigma.ToArray());
        Assert.Equal([10, 10, 10, 10], m.Effects.ToArray());
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(6, null)]
    [InlineData(4, 40)]
    public void Linear_MuIsCoefficientTimesRange_SigmaZero_Within1e12(int levels, int? candidates)
    {
        var design = MorrisDesign.Create(factors: 4, trajectories: 12, levels: levels, seed: 3, candidates: candidates);

        var m = MorrisAnalyzer.Analyze(design, Run(design, Linear));

        for (var i = 0; i < 4; i++)
        {
            var expected = Coefficients[i] * (Ranges[i].B - Ranges[i].A);
            Assert.Equal(expected, m.Mu[i], 12);
            Assert.Equal(Math.Abs(expected), m.MuStar[i], 12);
            Assert.True(m.Sigma[i] < 1e-12, $"sigma[{i}] = {m.Sigma[i]}");
        }
    }

    [Theory]
    [InlineData(100, null)]
    [InlineData(20, 200)]
    public void SobolG_MuStarOrdering_IsTheAnalyticImportanceOrdering(int trajectories, int? candidates)
    {
        // Sobol' G: the smaller a_i, the more important x_i (first-order index ∝ 1/(3(1 + a_i)²)).
        double[] a = [0, 1, 4.5, 9, 99];
        var analytic = TestFunctions.SobolGIndices(a).ST;
        var design = MorrisDesign.Create(factors: 5, trajectories: trajectories, levels: 4, seed: 11, candidates: candidates);

        var m = MorrisAnalyzer.Analyze(design, Run(design, x => TestFunctions.SobolG(x, a)));

        var byMuStar = Enumerable.Range(0, 5).OrderByDescending(i => m.MuStar[i]).ToArray();
        var byAnalytic = Enumerable.Range(0, 5).OrderByDescending(i => analytic[i]).ToArray();
        Assert.Equal([0, 1, 2, 3, 4], byAnalytic);
        Assert.Equal(byAnalytic, byMuStar);
    }

    [Fact]
    public void Design_EveryTrajectoryMovesEveryFactorOnceByDelta_OnTheGrid()
    {
        var design = MorrisDesign.Create(factors: 6, trajectories: 30, levels: 4, seed: 5);
        var previous = new double[6];
        var x = new double[6];

        Assert.Equal(30 * 7, design.RunCount);
        for (var t = 0; t < design.Trajectories; t++)
        {
            design.GetRun(t * 7, previous);
            var moved = new HashSet<int>();
            for (var j = 1; j <= 6; j++)
            {
                design.GetRun((t * 7) + j, x);
                var (f, d) = design.GetMove(t, j);
                Assert.True(moved.Add(f));
                for (var i = 0; i < 6; i++)
                {
                    Assert.Equal(i == f ? previous[i] + (d * 2.0 / 3) : previous[i], x[i], 14);
                    Assert.Contains(Math.Round(x[i] * 3, 12), new[] { 0.0, 1, 2, 3 });
                }

                x.CopyTo(previous, 0);
            }
        }
    }

    [Fact]
    public void Design_SameSeedSameDesign_OptimisedSpreadNotBelowTheFirstCandidates()
    {
        var a = MorrisDesign.Create(5, 8, 4, seed: 2, candidates: 100);
        var b = MorrisDesign.Create(5, 8, 4, seed: 2, candidates: 100);
        var plain = MorrisDesign.Create(5, 8, 4, seed: 2);

        Assert.Equal(a.SelectedCandidates.ToArray(), b.SelectedCandidates.ToArray());
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, plain.Fingerprint);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], plain.SelectedCandidates.ToArray());
        Assert.True(a.SelectedCandidates.Any(c => c >= 8), "the selection picked other candidates");
        Assert.True(a.Spread > plain.Spread, $"optimised D = {a.Spread}, first 8 candidates D = {plain.Spread}");
        var x = new double[5];
        var y = new double[5];
        for (var run = 0; run < a.RunCount; run++)
        {
            a.GetRun(run, x);
            b.GetRun(run, y);
            Assert.Equal(x, y);
        }
    }

    [Fact]
    public void Analyze_FailedRun_DropsTheTwoEffectsThatNeedIt()
    {
        var design = MorrisDesign.Create(factors: 4, trajectories: 5, levels: 2, seed: 1);
        var y = Run(design, Linear);
        y[(2 * 5) + 2] = double.NaN; // trajectory 2, point 2: the moves at steps 2 and 3 need it

        var m = MorrisAnalyzer.Analyze(design, y);

        var (f2, _) = design.GetMove(2, 2);
        var (f3, _) = design.GetMove(2, 3);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i == f2 || i == f3 ? 4 : 5, m.Effects[i]);
        }

        Assert.Equal([3.0, -8.0, 4.0, 0.0], m.Mu.ToArray()); // the remaining effects are still exact
    }

    [Fact]
    public void Analyze_BootstrapConfidence_SeededAndZeroResamplesIsNaN()
    {
        double[] a = [0, 1, 9];
        var design = MorrisDesign.Create(factors: 3, trajectories: 20, levels: 4, seed: 9);
        var y = Run(design, x => TestFunctions.SobolG(x, a));

        var m1 = MorrisAnalyzer.Analyze(design, y, new MorrisAnalysisOptions { Resamples = 200 });
        var m2 = MorrisAnalyzer.Analyze(design, y, new MorrisAnalysisOptions { Resamples = 200 });
        var none = MorrisAnalyzer.Analyze(design, y, new MorrisAnalysisOptions { Resamples = 0 });
        var prefix = MorrisAnalyzer.Analyze(design, y, new MorrisAnalysisOptions { Trajectories = 5 });
        var direct = MorrisAnalyzer.Analyze(MorrisDesign.Create(3, 5, 4, seed: 9), y.AsSpan(0, 5 * 4));

        Assert.Equal(m1.MuStarConf.ToArray(), m2.MuStarConf.ToArray());
        Assert.All(m1.MuStarConf, c => Assert.True(c > 0 && c < m1.MuStar.Max()));
        Assert.All(none.MuStarConf, c => Assert.True(double.IsNaN(c)));
        Assert.Equal(5, prefix.Trajectories);
        Assert.Equal(direct.MuStar.ToArray(), prefix.MuStar.ToArray()); // the first 5 trajectories are a design of 5
        Assert.Throws<ArgumentException>(() => MorrisAnalyzer.Analyze(design, y.AsSpan(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MorrisDesign.Create(3, 5, levels: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MorrisDesign.Create(3, 5, candidates: 4));
    }

    private static double Linear(ReadOnlySpan<double> x)
    {
        double y = 0;
        for (var i = 0; i < x.Length; i++)
        {
            y += Coefficients[i] * (Ranges[i].A + ((Ranges[i].B - Ranges[i].A) * x[i]));
        }

        return y;
    }

    private delegate double Model(ReadOnlySpan<double> x);

    private static double[] Run(MorrisDesign design, Model model)
    {
        var y = new double[design.RunCount];
        var x = new double[design.Factors];
        for (var r = 0; r < design.RunCount; r++)
        {
            design.GetRun(r, x);
            y[r] = model(x);
        }

        return y;
    }
}
