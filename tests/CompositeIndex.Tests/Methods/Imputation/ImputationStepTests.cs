using CompositeIndex.Tests.Methods.Pipeline;
using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex.Tests.Methods.Imputation;

public class ImputationStepTests
{
    private const double NA = double.NaN;

    private static Panel Series(params (string Period, double A)[] values) =>
        PipelineTestData.Panel([.. values.SelectMany(v => new[] { ("x", v.Period, "a", v.A), ("x", v.Period, "b", 1.0), ("x", v.Period, "c", 1.0) })]);

    private static double[] A(PreparationResult p) => [.. p.Data.Periods.Select(t => p.Data.GetValue("a", "x", t))];

    [Fact]
    public void PanelLatest_NoLimit_CarriesLastObservationForwardOnly()
    {
        var p = PipelineTestData.Prepare(Series(("2018", NA), ("2019", 1), ("2020", NA), ("2021", NA), ("2022", 4)), CompositeIndex.Imputation.LatestValue());
        Assert.Equal(new double[] { NA, 1, 1, 1, 4 }, A(p));
        Assert.Equal(2, p.Reports.OfType<ImputedValue>().Count());
    }

    [Fact]
    public void PanelLatest_MaxGapOne_FillsOnlyTheNextPeriod()
    {
        var p = PipelineTestData.Prepare(Series(("2019", 1), ("2020", NA), ("2021", NA)), CompositeIndex.Imputation.LatestValue(maxGap: 1));
        Assert.Equal(new double[] { 1, 1, NA }, A(p));
    }

    [Fact]
    public void PanelLinear_UnevenYears_InterpolatesInTimeAndExtendsEndsFlat()
    {
        var p = PipelineTestData.Prepare(Series(("2010", NA), ("2012", 2), ("2013", NA), ("2016", 10), ("2017", NA)), CompositeIndex.Imputation.Linear());
        Assert.Equal(new double[] { 2, 2, 4, 10, 10 }, A(p));
    }

    [Fact]
    public void PanelLinear_GapLongerThanMax_StaysMissing()
    {
        var p = PipelineTestData.Prepare(Series(("1", 0), ("2", NA), ("3", NA), ("4", NA), ("5", 8), ("6", NA), ("7", NA), ("8", 2), ("9", NA), ("10", NA)), CompositeIndex.Imputation.Linear(maxGap: 2));
        Assert.Equal(new double[] { 0, NA, NA, NA, 8, 6, 4, 2, 2, 2 }, A(p));
    }

    [Fact]
    public void RowMean_NormalizeFirst_ImputesMeanOfScaledValuesAndMapsBack()
    {
        // Group g1 = {a, b (negative)}: a in [0, 10], b in [100, 200]. Unit z lacks a; its b = 150 scales to 0.5 (negated range),
        // so a = 0.5 * (10 - 0) + 0 = 5.
        var panel = PipelineTestData.Panel(("x", "1", "a", 0), ("y", "1", "a", 10), ("z", "1", "a", NA),
            ("x", "1", "b", 200), ("y", "1", "b", 100), ("z", "1", "b", 150), ("x", "1", "c", 1), ("y", "1", "c", 2), ("z", "1", "c", 3));
        var p = PipelineTestData.Prepare(panel, CompositeIndex.Imputation.RowMean());
        Assert.Equal(5, p.Data.GetValue("a", "z", "1"), 12);
    }

    [Fact]
    public void GroupMedian_UnitWithoutAttribute_IsLeftMissing()
    {
        var pb = new PanelBuilder();
        foreach (var (u, g, v) in new[] { ("p", "A", 1.0), ("q", "A", 5.0), ("r", "A", 6.0), ("s", "A", NA), ("t", "", NA) })
        {
            pb.AddUnit(new UnitInfo(u) { Attributes = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("grp", g) });
            pb.AddIndicator("a").AddIndicator("b").AddIndicator("c").AddPeriod("1");
            if (!double.IsNaN(v))
            {
                pb.AddValue("a", u, "1", v);
            }

            pb.AddValue("b", u, "1", 1).AddValue("c", u, "1", 1);
        }

        var p = PipelineTestData.Prepare(pb.Build(), CompositeIndex.Imputation.GroupMedian("grp"));
        Assert.Equal(5, p.Data.GetValue("a", "s", "1"));
        Assert.True(double.IsNaN(p.Data.GetValue("a", "t", "1")));
    }

    [Fact]
    public void ExpectationMaximization_Converged_LogLikelihoodNonDecreasingAndParametersAFixedPoint()
    {
        // Correlated bivariate data with values missing in both columns (deterministic).
        var x = Matrix<double>.Build.Dense(40, 2, (i, j) => j == 0 ? i + Math.Sin(i) : (2 * i) + (3 * Math.Cos(i * 1.7)));
        foreach (var (i, j) in new[] { (3, 0), (7, 1), (12, 1), (20, 0), (25, 1), (33, 0), (38, 1) })
        {
            x[i, j] = double.NaN;
        }

        var step = new ExpectationMaximizationImputation { Tolerance = 1e-12 };
        var fit = step.Fit(x)!.Value;
        Assert.True(fit.Converged);
        for (var k = 1; k < fit.LogLikelihood.Length; k++)
        {
            Assert.True(fit.LogLikelihood[k] >= fit.LogLikelihood[k - 1] - 1e-9, $"log-likelihood decreased at iteration {k}");
        }

        // The estimate is a fixed point: iterating further (to a much tighter tolerance) moves the mean by a negligible amount.
        var tighter = new ExpectationMaximizationImputation { Tolerance = 1e-15, MaxIterations = 100_000 }.Fit(x)!.Value;
        Assert.True((tighter.Mu - fit.Mu).AbsoluteMaximum() < 1e-8, $"mean moved by {(tighter.Mu - fit.Mu).AbsoluteMaximum()}");
        Assert.True((tighter.Sigma - fit.Sigma).Enumerate().Max(Math.Abs) < 1e-6);
        Assert.InRange(fit.Iterations, 2, 10_000);
    }

    [Fact]
    public void ExpectationMaximization_AsemLikePanel_FillsEveryGapAndKeepsObservedValues()
    {
        var rows = new List<(string, string, string, double)>();
        for (var u = 0; u < 30; u++)
        {
            var a = u + Math.Sin(u);
            rows.Add(($"u{u}", "1", "a", u % 7 == 3 ? NA : a));
            rows.Add(($"u{u}", "1", "b", u % 5 == 1 ? NA : 100 - (2 * a) + Math.Cos(u)));
            rows.Add(($"u{u}", "1", "c", u));
        }

        var panel = PipelineTestData.Panel([.. rows]);
        var p = PipelineTestData.Prepare(panel, CompositeIndex.Imputation.ExpectationMaximization());
        foreach (var u in panel.Units)
        {
            foreach (var v in new[] { "a", "b" })
            {
                Assert.False(double.IsNaN(p.Data.GetValue(v, u, "1")));
                if (!double.IsNaN(panel.GetValue(v, u, "1")))
                {
                    Assert.Equal(panel.GetValue(v, u, "1"), p.Data.GetValue(v, u, "1"));
                }
            }
        }

        var report = Assert.Single(p.Reports.OfType<ExpectationMaximizationReport>());
        Assert.Equal("g1", report.Group);
        Assert.Equal(p.Reports.OfType<ImputedValue>().Count(), rows.Count(r => double.IsNaN(r.Item4)));
    }
}
