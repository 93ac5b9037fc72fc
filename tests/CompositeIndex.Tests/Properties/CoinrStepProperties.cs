using System.Collections.Immutable;
using CompositeIndex.Tests.Methods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CompositeIndex.Tests.Properties;

/// <summary>
/// FsCheck properties of the COINr-parity pipeline steps and the remaining new methods (issue #7): denomination,
/// screening, every imputation (column / group mean and median, row-wise with normalise-first, panel latest value and
/// linear, EM), outlier treatment (winsorisation with each fallback), z-score targets, scaled and distance-to-target
/// normalisations, and the data-availability threshold of aggregation. Ranges, monotonicity, invariance of observed
/// values, and idempotence (a step applied to its own output, or treatment applied to clean data, changes nothing).
/// </summary>
public class CoinrStepProperties
{
    private static readonly string[] Ids = ["a", "b", "c"];

    /// <summary>An index over a, b (negative polarity, group g1) and c (group g2): <c>PipelineTestData</c>'s.</summary>
    private static IndexDefinition Definition(params PipelineStep[] steps) => Methods.Pipeline.PipelineTestData.Definition(steps);

    /// <summary>
    /// A random panel: n units × <paramref name="periods"/> periods of a, b, c (about <paramref name="missingShare"/>
    /// missing; heavy right tail when <paramref name="outliers"/>), a positive denominator d and a unit attribute grp.
    /// </summary>
    private static Panel RandomPanel(int seed, int n, int periods = 1, double missingShare = 0.2, bool outliers = false)
    {
        var rnd = new Random(seed);
        var pb = new PanelBuilder();
        for (var u = 0; u < n; u++)
        {
            pb.AddUnit(new UnitInfo($"u{u}") { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("grp", u % 3 == 0 ? "x" : "y") });
        }

        for (var p = 0; p < periods; p++)
        {
            pb.AddPeriod($"{2000 + p}");
        }

        foreach (var v in Ids.Append("d"))
        {
            pb.AddIndicator(v);
            for (var u = 0; u < n; u++)
            {
                for (var p = 0; p < periods; p++)
                {
                    if (v != "d" && rnd.NextDouble() < missingShare)
                    {
                        continue;
                    }

                    var x = v == "d" ? 0.5 + (rnd.NextDouble() * 10) : (rnd.NextDouble() * 100) - 20;
                    if (outliers && v != "d" && rnd.Next(6) == 0)
                    {
                        x = Math.Pow(10, 2 + (rnd.NextDouble() * 3));
                    }

                    pb.AddValue(v, $"u{u}", $"{2000 + p}", x);
                }
            }
        }

        return pb.Build();
    }

    private static int Size(PositiveInt size, int min = 6) => min + (size.Get % 30);

    private static PreparationResult Prepare(Panel panel, params PipelineStep[] steps) => CompiledIndex.Compile(Definition(steps)).Prepare(panel);

    private static IEnumerable<(string Unit, string Id, string Period)> Cells(Panel p) =>
        from u in p.Units from i in Ids from t in p.Periods select (u, i, t);

    private static bool SameData(Panel a, Panel b) =>
        a.Units.SequenceEqual(b.Units) && Cells(a).All(c => a.GetValue(c.Id, c.Unit, c.Period).Equals(b.GetValue(c.Id, c.Unit, c.Period)));

    private static bool ObservedKept(Panel before, Panel after) =>
        Cells(before).All(c => double.IsNaN(before.GetValue(c.Id, c.Unit, c.Period)) || before.GetValue(c.Id, c.Unit, c.Period) == after.GetValue(c.Id, c.Unit, c.Period));

    [Property(MaxTest = 60)]
    public Property Denomination_DividesEachValueByItsUnitsDenominator(PositiveInt seed, PositiveInt size)
    {
        var panel = RandomPanel(seed.Get, Size(size));
        var data = Prepare(panel, Denomination.By(("a", "d"), ("c", "d"))).Data;
        return Cells(panel).All(c =>
        {
            var x = panel.GetValue(c.Id, c.Unit, c.Period);
            var y = data.GetValue(c.Id, c.Unit, c.Period);
            return c.Id == "b" ? y.Equals(x) : y.Equals(x / panel.GetValue("d", c.Unit, c.Period));
        }).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property ScreeningByMissing_KeepsExactlyTheUnitsAtOrAboveTheThreshold_AndIsMonotone(PositiveInt seed, PositiveInt size)
    {
        var panel = RandomPanel(seed.Get, Size(size), missingShare: 0.4);
        bool Keeps(double threshold, string unit) =>
            Ids.Count(i => !double.IsNaN(panel.GetValue(i, unit, panel.Periods[0]))) / 3.0 >= threshold;
        var low = Prepare(panel, Screening.ByMissing(1.0 / 3)).Data.Units;
        var high = Prepare(panel, Screening.ByMissing(2.0 / 3)).Data.Units;
        return (low.SequenceEqual(panel.Units.Where(u => Keeps(1.0 / 3, u)))
            && high.SequenceEqual(panel.Units.Where(u => Keeps(2.0 / 3, u)))
            && high.All(low.Contains)).ToProperty();
    }

    private static ColumnImputation ColumnStep(string kind) => kind switch
    {
        "mean" => Imputation.ColumnMean(),
        "median" => Imputation.ColumnMedian(),
        "groupMean" => Imputation.GroupMean("grp"),
        _ => Imputation.GroupMedian("grp"),
    };

    [Property(MaxTest = 60)]
    public Property ColumnAndGroupImputation_KeepObservedValues_ImputeWithinTheGroupsRange_AndAreIdempotent(PositiveInt seed, PositiveInt size, byte kindIndex)
    {
        var kind = new[] { "mean", "median", "groupMean", "groupMedian" }[kindIndex % 4];
        var panel = RandomPanel(seed.Get, Size(size));
        var step = ColumnStep(kind);
        var once = Prepare(panel, step).Data;
        var twice = Prepare(once, step).Data;
        var grouped = kind.StartsWith("group", StringComparison.Ordinal);
        string Group(string unit) => grouped ? panel.UnitInfo[panel.Units.IndexOf(unit)].Attributes["grp"] : "all";
        var inRange = Cells(panel).Where(c => double.IsNaN(panel.GetValue(c.Id, c.Unit, c.Period))).All(c =>
        {
            var observed = panel.Units.Where(u => Group(u) == Group(c.Unit)).Select(u => panel.GetValue(c.Id, u, c.Period)).Where(v => !double.IsNaN(v)).ToList();
            var y = once.GetValue(c.Id, c.Unit, c.Period);
            return observed.Count == 0 ? double.IsNaN(y) : y >= observed.Min() && y <= observed.Max();
        });
        return (ObservedKept(panel, once) && inRange && SameData(once, twice)).Label(kind);
    }

    [Property(MaxTest = 60)]
    public Property RowImputationNormalizeFirst_ImputesWithinTheColumnsObservedRange_AndIsIdempotent(PositiveInt seed, PositiveInt size)
    {
        var panel = RandomPanel(seed.Get, Size(size));
        var step = Imputation.RowMean(groupLevel: 2);
        var once = Prepare(panel, step).Data;
        var twice = Prepare(once, step).Data;
        var inRange = Cells(panel).Where(c => double.IsNaN(panel.GetValue(c.Id, c.Unit, c.Period)) && !double.IsNaN(once.GetValue(c.Id, c.Unit, c.Period))).All(c =>
        {
            var observed = panel.Units.Select(u => panel.GetValue(c.Id, u, c.Period)).Where(v => !double.IsNaN(v)).ToList();
            var y = once.GetValue(c.Id, c.Unit, c.Period);
            return y >= observed.Min() - 1e-9 && y <= observed.Max() + 1e-9;
        });
        return (ObservedKept(panel, once) && inRange && SameData(once, twice)).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property PanelImputation_LatestAndLinear_StayWithinTheUnitsObservedRange_AndAreIdempotent(PositiveInt seed, PositiveInt size, bool linear)
    {
        var panel = RandomPanel(seed.Get, 4 + (size.Get % 6), periods: 6, missingShare: 0.35);
        PipelineStep step = linear ? Imputation.Linear() : Imputation.LatestValue();
        var once = Prepare(panel, step).Data;
        var twice = Prepare(once, step).Data;
        var inRange = Cells(panel).Where(c => double.IsNaN(panel.GetValue(c.Id, c.Unit, c.Period)) && !double.IsNaN(once.GetValue(c.Id, c.Unit, c.Period))).All(c =>
        {
            var series = panel.Periods.Select(t => panel.GetValue(c.Id, c.Unit, t)).Where(v => !double.IsNaN(v)).ToList();
            var y = once.GetValue(c.Id, c.Unit, c.Period);
            return series.Count > 0 && y >= series.Min() - 1e-9 && y <= series.Max() + 1e-9;
        });
        return (ObservedKept(panel, once) && inRange && SameData(once, twice)).Label(linear ? "linear" : "latest");
    }

    [Property(MaxTest = 30)]
    public Property ExpectationMaximization_KeepsObservedValues_FillsFiniteValues_AndLeavesCompleteDataUnchanged(PositiveInt seed, PositiveInt size)
    {
        var panel = RandomPanel(seed.Get, 12 + (size.Get % 20), missingShare: 0.1);
        var step = Imputation.ExpectationMaximization();
        var once = Prepare(panel, step).Data;
        var complete = Cells(once).All(c => double.IsFinite(once.GetValue(c.Id, c.Unit, c.Period)));
        return (ObservedKept(panel, once) && (!complete || SameData(once, Prepare(once, step).Data))).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property ScreeningByZeros_KeepsExactlyTheUnitsWithEnoughNonZeroValues(PositiveInt seed, PositiveInt size)
    {
        var rnd = new Random(seed.Get);
        var n = Size(size);
        var pb = new PanelBuilder();
        foreach (var u in Enumerable.Range(0, n))
        {
            foreach (var i in Ids)
            {
                var roll = rnd.Next(5);
                if (roll > 0)
                {
                    pb.AddValue(i, $"u{u}", "1", roll <= 2 ? 0 : rnd.NextDouble() * 10);
                }
            }
        }

        var panel = pb.Build();

        // COINr's Screen(unit_screen = "byzeros"): non-zero share = 1 − zeros / non-missing values, kept when ≥ the threshold.
        bool Keeps(string unit, double threshold)
        {
            var present = Ids.Select(i => panel.GetValue(i, unit, "1")).Where(v => !double.IsNaN(v)).ToList();
            return 1 - ((double)present.Count(v => v == 0) / present.Count) >= threshold || present.Count == 0;
        }

        var kept = Prepare(panel, Screening.ByZeros(0.5)).Data.Units;
        return kept.SequenceEqual(panel.Units.Where(u => Keeps(u, 0.5))).ToProperty();
    }

    public static IEnumerable<OutlierTreatment> Treatments() =>
    [
        Treatment.Winsorize(5), Treatment.Winsorize(5, OutlierTransformation.None), Treatment.Winsorize(2, OutlierTransformation.LogPlusOne),
        Treatment.BoxCox(0.5), Treatment.Winsorize(3, OutlierTransformation.BoxCox),
    ];

    [Property(MaxTest = 60)]
    public Property Treatment_LeavesCleanDataUnchanged_AndIsIdempotentOnceAnIndicatorPasses(PositiveInt seed, PositiveInt size, bool outliers)
    {
        var panel = RandomPanel(seed.Get, Size(size, 10), outliers: outliers);
        return Treatments().All(step =>
        {
            var first = Prepare(panel, step);
            var reports = first.Reports.OfType<OutlierTreatmentReport>().ToDictionary(r => r.IndicatorId);
            var second = Prepare(first.Data, step).Data;
            return Ids.All(i =>
            {
                var column = panel.Units.Select(u => panel.GetValue(i, u, panel.Periods[0])).ToArray();
                var treated = first.Data.Units.Select(u => first.Data.GetValue(i, u, panel.Periods[0])).ToArray();
                var again = second.Units.Select(u => second.GetValue(i, u, panel.Periods[0])).ToArray();
                if (!reports.TryGetValue(i, out var r) || r.Before.Passed)
                {
                    return column.SequenceEqual(treated); // clean (or uncheckable) data are left as they are
                }

                var fixedByWinsorizing = r.AfterWinsorization is { Passed: true } && r.TransformationApplied is null;
                return !fixedByWinsorizing || treated.SequenceEqual(again);
            });
        }).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property Treatment_KeepsTheOrderOfUnits_AndWinsorizingStaysWithinTheOriginalRange(PositiveInt seed, PositiveInt size)
    {
        var panel = RandomPanel(seed.Get, Size(size, 10), outliers: true);
        return Treatments().All(step =>
        {
            var prepared = Prepare(panel, step);
            var reports = prepared.Reports.OfType<OutlierTreatmentReport>().ToDictionary(r => r.IndicatorId);
            return Ids.All(i =>
            {
                var x = panel.Units.Select(u => panel.GetValue(i, u, panel.Periods[0])).ToArray();
                var y = prepared.Data.Units.Select(u => prepared.Data.GetValue(i, u, panel.Periods[0])).ToArray();
                var present = Enumerable.Range(0, x.Length).Where(k => !double.IsNaN(x[k])).ToList();
                var weakOrder = present.All(p => present.All(q => !(x[p] < x[q]) || y[p] <= y[q] + 1e-12));
                var winsorizedOnly = reports.TryGetValue(i, out var r) && r.TransformationApplied is null;
                var inRange = !winsorizedOnly || present.All(k => y[k] >= present.Min(m => x[m]) && y[k] <= present.Max(m => x[m]));
                return weakOrder && inRange && present.All(k => !double.IsNaN(y[k]));
            });
        }).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property ZScoreTarget_HasTheTargetMeanAndStandardDeviation(PositiveInt seed, PositiveInt size, bool negative)
    {
        var rnd = new Random(seed.Get);
        var x = Enumerable.Range(0, 3 + (size.Get % 40)).Select(_ => rnd.NextDouble() * 50).ToArray();
        var m = (rnd.NextDouble() * 20) - 10;
        var s = 0.1 + (rnd.NextDouble() * 5);
        var y = NormalizationTestKit.One(Normalization.ZScore(m, s), negative ? Polarity.Negative : Polarity.Positive, x);
        var mean = y.Average();
        var sd = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1));
        return (Math.Abs(mean - m) < 1e-9 * Math.Max(1, Math.Abs(m)) && Math.Abs(sd - s) < 1e-9 * s).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property ScaledAndDistanceToTarget_AreAffineInX_AndTheCapHolds(PositiveInt seed, PositiveInt size)
    {
        var rnd = new Random(seed.Get);
        var x = Enumerable.Range(0, 3 + (size.Get % 40)).Select(_ => rnd.NextDouble() * 50).ToArray();
        var target = 10 + (rnd.NextDouble() * 60);
        var scaled = NormalizationTestKit.One(Normalization.Scaled(-20, 80), Polarity.Positive, x);
        var uncapped = NormalizationTestKit.One(Normalization.DistanceToTarget(target, capAtTarget: false), Polarity.Positive, x);
        var capped = NormalizationTestKit.One(Normalization.DistanceToTarget(target, capAtTarget: true), Polarity.Positive, x);
        var min = x.Min();
        return (x.Select((v, k) => Math.Abs(scaled[k] - ((v + 20) / 100 * 100)) < 1e-9).All(b => b)
            && x.Select((v, k) => Math.Abs(uncapped[k] - ((v - min) / (target - min))) < 1e-12).All(b => b)
            && capped.Zip(uncapped).All(p => p.First == Math.Min(1, p.Second))).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property DataAvailabilityThreshold_MissingExactlyBelowTheShare_OtherwiseTheRenormalisedMean(PositiveInt seed, PositiveInt size)
    {
        var rnd = new Random(seed.Get);
        var n = 4 + (size.Get % 20);
        var w = new[] { 1 + rnd.NextDouble(), 1 + rnd.NextDouble(), 1 + rnd.NextDouble() };
        var pb = new PanelBuilder();
        var values = new double[n, 3];
        for (var u = 0; u < n; u++)
        {
            pb.AddUnit(new UnitInfo($"u{u}"));
            for (var i = 0; i < 3; i++)
            {
                values[u, i] = rnd.Next(3) == 0 ? double.NaN : rnd.NextDouble() * 100;
                pb.AddIndicator(Ids[i]);
                if (!double.IsNaN(values[u, i]))
                {
                    pb.AddValue(Ids[i], $"u{u}", "1", values[u, i]);
                }
            }
        }

        pb.AddPeriod("1");
        var panel = pb.Build();
        double[] Scores(double threshold)
        {
            var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c")
                .Group("root", g => g.Add("a", w[0]).Add("b", w[1]).Add("c", w[2]).MissingData(MissingData.Renormalize(threshold, ShareBasis.Count)))
                .Normalize(new GoalpostsNormalization(0, 1) { Cap = false, Floor = false }).Build();
            return CompiledIndex.Compile(def).Evaluate(panel).GetScores("root", "1").ToArray();
        }

        var half = Scores(0.5);
        var twoThirds = Scores(2.0 / 3);
        var ok = true;
        for (var u = 0; u < n; u++)
        {
            var present = Enumerable.Range(0, 3).Where(i => !double.IsNaN(values[u, i])).ToList();
            var expected = present.Count == 0 ? double.NaN : present.Sum(i => w[i] * values[u, i]) / present.Sum(i => w[i]);
            ok &= present.Count / 3.0 < 0.5 ? double.IsNaN(half[u]) : Math.Abs(half[u] - expected) < 1e-9;
            ok &= present.Count / 3.0 < 2.0 / 3 ? double.IsNaN(twoThirds[u]) : Math.Abs(twoThirds[u] - expected) < 1e-9;
            ok &= double.IsNaN(half[u]) ? double.IsNaN(twoThirds[u]) : true; // a higher threshold never fills a gap
        }

        return ok.ToProperty();
    }

    /// <summary>The generators reach every branch the properties talk about (so that no property holds vacuously).</summary>
    [Fact]
    public void Generators_ReachEveryBranchOfTheProperties()
    {
        int failedBefore = 0, fixedByWinsorizing = 0, transformed = 0, emComplete = 0, panelFilled = 0, screenedOut = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var panel = RandomPanel(seed, 20, outliers: true);
            foreach (var r in Prepare(panel, Treatment.Winsorize(5)).Reports.OfType<OutlierTreatmentReport>())
            {
                failedBefore += r.Before.Passed ? 0 : 1;
                fixedByWinsorizing += r.AfterWinsorization is { Passed: true } && r.TransformationApplied is null ? 1 : 0;
            }

            transformed += Prepare(panel, Treatment.Winsorize(1)).Reports.OfType<OutlierTreatmentReport>().Count(r => r.TransformationApplied is not null);

            var em = Prepare(RandomPanel(seed, 20, missingShare: 0.1), Imputation.ExpectationMaximization()).Data;
            emComplete += Cells(em).All(c => double.IsFinite(em.GetValue(c.Id, c.Unit, c.Period))) ? 1 : 0;
            var series = RandomPanel(seed, 6, periods: 6, missingShare: 0.35);
            panelFilled += Prepare(series, Imputation.Linear()).Reports.OfType<ImputedValue>().Count();
            var sparse = RandomPanel(seed, 12, missingShare: 0.4);
            screenedOut += sparse.Units.Length - Prepare(sparse, Screening.ByMissing(2.0 / 3)).Data.Units.Length;
        }

        Assert.True(failedBefore > 0 && fixedByWinsorizing > 0 && transformed > 0, $"treatment: {failedBefore} failed, {fixedByWinsorizing} fixed by winsorising, {transformed} transformed");
        Assert.True(emComplete > 0 && panelFilled > 0 && screenedOut > 0, $"EM complete {emComplete}, panel filled {panelFilled}, screened out {screenedOut}");
    }
}
