using FsCheck;
using FsCheck.Xunit;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.AggregationMethods;

/// <summary>Mazziotta–Pareto (MPI, AMPI), mean–min, OWA and Wrocław taxonomy: defining properties and hand calculations.</summary>
public class NonCompensatoryAggregationTests
{
    private static IndexResult Evaluate(AggregationMethod method, NormalizationMethod normalization, params (string Unit, string Period, double A, double B, double C)[] rows)
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c").Normalize(normalization)
            .Group("root", g => g.Add("a", "b", "c").Aggregate(method)).Build();
        var pb = new PanelBuilder();
        foreach (var (u, p, a, b, c) in rows)
        {
            pb.AddValue("a", u, p, a).AddValue("b", u, p, b).AddValue("c", u, p, c);
        }

        return CompiledIndex.Compile(def).Evaluate(pb.Build());
    }

    [Fact]
    public void MazziottaPareto_HandCalculation_StandardisesThenPenalises()
    {
        // Children over units x, y, z: a = (0, 1, 2) -> z-scores 100 + 10·(−√1.5, 0, √1.5); b = (2, 1, 0); c = (1, 1, 2)?
        // Use c = (0, 2, 1). Unit y: z = (100, 100, 100 + 10·(2 − 1)/√(2/3)) = (100, 100, 112.247...).
        var result = Evaluate(Aggregation.MazziottaPareto(), Normalization.MinMax(), ("x", "1", 0, 2, 0), ("y", "1", 1, 1, 2), ("z", "1", 2, 0, 1));
        var s = Math.Sqrt(2.0 / 3);
        double[] zy = [100, 100, 100 + (10 * (2 - 1) / s)];
        var m = zy.Average();
        var v = zy.Sum(x => (x - m) * (x - m)) / 3;
        Assert.Equal(m - (v / m), result.GetScore("root", "y", "1"), 10);
        var plus = Evaluate(Aggregation.MazziottaPareto(UnbalancePenalty.Positive), Normalization.MinMax(), ("x", "1", 0, 2, 0), ("y", "1", 1, 1, 2), ("z", "1", 2, 0, 1));
        Assert.Equal(m + (v / m), plus.GetScore("root", "y", "1"), 10);
    }

    [Property(MaxTest = 200)]
    public bool MazziottaPareto_NegativePenalty_AtMostMeanOfStandardisedValues_PositiveAtLeast(NormalFloat[] raw)
    {
        var vals = raw.Select(x => Math.Clamp(x.Get, -1e3, 1e3)).ToArray();
        if (vals.Length < 9)
        {
            return true;
        }

        var units = new (string, string, double, double, double)[3];
        for (var j = 0; j < 3; j++)
        {
            units[j] = ($"u{j}", "1", vals[3 * j], vals[(3 * j) + 1], vals[(3 * j) + 2]);
        }

        // Skip degenerate draws where a child is constant across units.
        for (var q = 0; q < 3; q++)
        {
            if (Math.Abs(vals[q] - vals[3 + q]) < 1e-6 && Math.Abs(vals[q] - vals[6 + q]) < 1e-6)
            {
                return true;
            }
        }

        var z = Evaluate(Aggregation.Arithmetic(), Normalization.ZScore(100, 10), units);
        var minus = Evaluate(Aggregation.MazziottaPareto(), Normalization.ZScore(100, 10), units);
        var plus = Evaluate(Aggregation.MazziottaPareto(UnbalancePenalty.Positive), Normalization.ZScore(100, 10), units);
        var ok = true;
        for (var j = 0; j < 3; j++)
        {
            // z-score normalisation uses the sample sd; MPI standardises with the population sd: the MPI mean is the same (100-centred
            // affine image), the penalty is ≥ 0 either way, so MPI− ≤ mean of MPI's z ≤ MPI+, and the mean equals 100 + (arith − 100)·√(3/2).
            var mean = 100 + ((z.GetScore("root", $"u{j}", "1") - 100) * Math.Sqrt(1.5));
            ok &= minus.GetScore("root", $"u{j}", "1") <= mean + 1e-9 && plus.GetScore("root", $"u{j}", "1") >= mean - 1e-9;
        }

        return ok;
    }

    [Fact]
    public void MazziottaPareto_PerfectlyBalancedUnit_EqualsMean()
    {
        // Unit y sits at the mean of every child -> z = (100, 100, 100): no penalty.
        var result = Evaluate(Aggregation.MazziottaPareto(), Normalization.MinMax(), ("x", "1", 0, 5, 3), ("y", "1", 1, 6, 4), ("z", "1", 2, 7, 5));
        Assert.Equal(100, result.GetScore("root", "y", "1"), 10);
    }

    [Fact]
    public void MazziottaPareto_InvariantToLinearNormalisation()
    {
        (string, string, double, double, double)[] rows = [("x", "1", 0, 2, 0), ("y", "1", 1, 1, 2), ("z", "1", 2, 0, 1.5), ("w", "1", 3, 5, 1)];
        var a = Evaluate(Aggregation.MazziottaPareto(), Normalization.MinMax(), rows);
        var b = Evaluate(Aggregation.MazziottaPareto(), Normalization.ZScore(), rows);
        foreach (var u in new[] { "x", "y", "z", "w" })
        {
            Assert.Equal(a.GetScore("root", u, "1"), b.GetScore("root", u, "1"), 10);
        }
    }

    [Fact]
    public void AdjustedMazziottaPareto_HandCalculation_RescalesTo70To130()
    {
        // Goalposts [0, 10]: y = (0.2, 0.5, 0.8) -> r = (82, 100, 118); M = 100, S² = (18² + 0 + 18²)/3 = 216; AMPI− = 100 − 2.16.
        var result = Evaluate(Aggregation.AdjustedMazziottaPareto(), Normalization.Goalposts(0, 10), ("x", "1", 2, 5, 8), ("y", "1", 5, 5, 5));
        Assert.Equal(97.84, result.GetScore("root", "x", "1"), 10);
        Assert.Equal(100, result.GetScore("root", "y", "1"), 10); // balanced: no penalty
        var plus = Evaluate(Aggregation.AdjustedMazziottaPareto(UnbalancePenalty.Positive), Normalization.Goalposts(0, 10), ("x", "1", 2, 5, 8));
        Assert.Equal(102.16, plus.GetScore("root", "x", "1"), 10);
    }

    [Fact]
    public void AdjustedMazziottaPareto_FixedGoalposts_ComparableOverTime()
    {
        // A unit's AMPI depends only on its values and the goalposts: adding units or periods does not change it.
        var alone = Evaluate(Aggregation.AdjustedMazziottaPareto(), Normalization.Goalposts(0, 10), ("x", "2020", 2, 5, 8));
        var panel = Evaluate(Aggregation.AdjustedMazziottaPareto(), Normalization.Goalposts(0, 10), ("x", "2020", 2, 5, 8), ("y", "2020", 9, 9, 1), ("x", "2021", 3, 5, 8), ("y", "2021", 0, 0, 0));
        Assert.Equal(alone.GetScore("root", "x", "2020"), panel.GetScore("root", "x", "2020"), 15);
        Assert.True(panel.GetScore("root", "x", "2021") > panel.GetScore("root", "x", "2020")); // improved child, less unbalance
    }

    [Fact]
    public void MeanMin_LimitsAndHandCalculation()
    {
        double[] v = [10, 40, 70];
        double[] w = [1.0 / 3, 1.0 / 3, 1.0 / 3];
        Assert.Equal(40, Aggregation.MeanMin(0, 5).Aggregate(v, w), 12);   // α = 0: the mean
        Assert.Equal(10, Aggregation.MeanMin(1, 0).Aggregate(v, w), 12);   // α = 1, β = 0: the minimum
        // α = 0.5, β = 40: μ − m = 30 -> 40 − 0.5·(√(900 + 1600) − 40) = 40 − 0.5·10 = 35.
        Assert.Equal(35, Aggregation.MeanMin(0.5, 40).Aggregate(v, w), 12);
    }

    [Fact]
    public void OrderedWeighted_HandCalculationAndSpecialCases()
    {
        double[] v = [10, 40, 70];
        double[] ignored = [0.2, 0.3, 0.5];
        Assert.Equal(70, Aggregation.OrderedWeighted(1, 0, 0).Aggregate(v, ignored), 12);
        Assert.Equal(10, Aggregation.OrderedWeighted(0, 0, 1).Aggregate(v, ignored), 12);
        Assert.Equal(40, Aggregation.OrderedWeighted(1, 1, 1).Aggregate(v, ignored), 12);
        // v = (0.2, 0.3, 0.5) on sorted (70, 40, 10): 14 + 12 + 5 = 31.
        Assert.Equal(31, Aggregation.OrderedWeighted(0.2, 0.3, 0.5).Aggregate(v, ignored), 12);
    }

    [Fact]
    public void OrderedWeighted_MissingChild_QuantifierInterpolation()
    {
        // v = (0, 0, 1) ("min"): Q(t) = 0 for t ≤ 2/3, then linear to 1. For k = 2: v' = (Q(1/2) − 0, 1 − Q(1/2)) = (0, 1) -> min.
        var owa = Aggregation.OrderedWeighted(0, 0, 1);
        Assert.Equal(10, owa.Aggregate([10, 40], [0.5, 0.5]), 12);
        var mean = Aggregation.OrderedWeighted(1, 1, 1);
        Assert.Equal(25, mean.Aggregate([10, 40], [0.5, 0.5]), 12);
    }

    [Fact]
    public void OrderedWeighted_WrongNumberOfOrderWeights_ValidationError()
    {
        var builder = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.OrderedWeighted(1, 1, 1)));
        var ex = Assert.Throws<IndexDefinitionException>(() => builder.Build());
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].aggregation.orderWeights");
    }

    [Fact]
    public void WroclawTaxonomy_HandCalculation()
    {
        // a = (0, 1, 2), b = (2, 0, 1) with c a copy of a weighted 0 is not possible here, so use two children only.
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.WroclawTaxonomy())).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "1", 0).AddValue("a", "y", "1", 1).AddValue("a", "z", "1", 2)
            .AddValue("b", "x", "1", 2).AddValue("b", "y", "1", 0).AddValue("b", "z", "1", 1).Build();
        var result = CompiledIndex.Compile(def).Evaluate(panel);

        // z-scores (population sd √(2/3)): a -> (−√1.5, 0, √1.5), b -> (√1.5, −√1.5, 0); ideal (√1.5, √1.5).
        // Weighted distances (w = ½): x: √(½·6) = √3, y: √(½·1.5 + ½·6) = √3.75, z: √(½·1.5) = √0.75.
        double[] d = [Math.Sqrt(3), Math.Sqrt(3.75), Math.Sqrt(0.75)];
        var mean = d.Average();
        var d0 = mean + (2 * Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / 3));
        Assert.Equal(2.439529836278309, d0, 12);
        Assert.Equal(1 - (d[0] / d0), result.GetScore("root", "x", "1"), 12);
        Assert.Equal(1 - (d[1] / d0), result.GetScore("root", "y", "1"), 12);
        Assert.Equal(1 - (d[2] / d0), result.GetScore("root", "z", "1"), 12);
    }

    [Fact]
    public void MethodRegistry_Default_KnowsNonCompensatoryAggregations()
    {
        var names = MethodRegistry.Default.NamesOf(typeof(AggregationMethod)).ToArray();
        Assert.Contains("benefitOfTheDoubt", names);
        Assert.Contains("mazziottaPareto", names);
        Assert.Contains("adjustedMazziottaPareto", names);
        Assert.Contains("meanMin", names);
        Assert.Contains("orderedWeighted", names);
        Assert.Contains("wroclawTaxonomy", names);
    }
}
