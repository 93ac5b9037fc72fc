using System.Collections.Immutable;
using CompositeIndex.Analysis;
using CompositeIndex.Tests.Methods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Properties;

/// <summary>
/// FsCheck properties of the COINr-parity normalisations, Copeland aggregation and audit statistics: ranges,
/// monotonicity (order kept for positive polarity, reversed for negative) and the polarity mirror (COINr's
/// convention: a negative indicator is normalised as −x).
/// </summary>
public class CoinrMethodProperties
{
    private static double[] Sample(int seed, int n, bool ties = true, double scale = 100, bool positive = false)
    {
        var rnd = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => ties && rnd.Next(4) == 0 ? 1 + Math.Round(rnd.NextDouble() * 5) : (positive ? 0.5 + (rnd.NextDouble() * scale) : (rnd.NextDouble() - 0.3) * scale))];
    }

    /// <summary>Has a range, and unit u0 (the reference unit) is neither the best nor the worst.</summary>
    private static bool Usable(double[] x) => x.Distinct().Count() > 2 && x[0] > x.Min() && x[0] < x.Max();

    private static int Size(PositiveInt size) => 3 + (size.Get % 40);

    private static bool OrderKept(double[] x, double[] y, bool reversed)
    {
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                if (x[i] < x[j] && (reversed ? y[i] < y[j] - 1e-12 : y[i] > y[j] + 1e-12))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Same(double[] a, double[] b, double tol = 1e-12) => a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= tol * Math.Max(1, Math.Abs(p.First)));

    public static IEnumerable<NormalizationMethod> MirrorMethods() =>
    [
        Normalization.Borda(), Normalization.Rank(), Normalization.PercentileRank(1), Normalization.DistanceToMax(),
        Normalization.Scaled(-20, 80), Normalization.DistanceToReference("u0"), Normalization.ZScore(10, 2), Normalization.MinMax(0, 100),
    ];

    [Property(MaxTest = 100)]
    public Property PolarityMirror_NegativeEqualsPositiveOfNegated(PositiveInt seed, PositiveInt size)
    {
        var x = Sample(seed.Get, Size(size));
        return Usable(x).When(() => MirrorMethods().All(m =>
            Same(NormalizationTestKit.One(m, Polarity.Negative, x), NormalizationTestKit.One(m, Polarity.Positive, [.. x.Select(v => -v)]), 1e-9)));
    }

    [Property(MaxTest = 100)]
    public Property Monotonicity_PositiveKeepsOrder_NegativeReversesIt(PositiveInt seed, PositiveInt size)
    {
        var x = Sample(seed.Get, Size(size), positive: true);
        var methods = MirrorMethods().Append(Normalization.FractionOfMax());
        return Usable(x).When(() => methods.All(m =>
            OrderKept(x, NormalizationTestKit.One(m, Polarity.Positive, x), false)
            && OrderKept(x, NormalizationTestKit.One(m, Polarity.Negative, x), true)));
    }

    [Property(MaxTest = 100)]
    public Property Ranges_BordaRankPercentileDistanceFraction(PositiveInt seed, PositiveInt size, bool negative)
    {
        var x = Sample(seed.Get, Size(size), positive: true);
        var n = x.Length;
        var pol = negative ? Polarity.Negative : Polarity.Positive;
        return Usable(x).When(() =>
            NormalizationTestKit.One(Normalization.Borda(), pol, x).All(v => v >= 0 && v <= n - 1 && v == Math.Floor(v))
            && NormalizationTestKit.One(Normalization.Rank(), pol, x).All(v => v >= 1 && v <= n)
            && NormalizationTestKit.One(Normalization.PercentileRank(), pol, x).All(v => v >= 0 && v <= 100)
            && NormalizationTestKit.One(Normalization.DistanceToMax(), pol, x) is var d && d.All(v => v >= -1e-12 && v <= 1 + 1e-12) && d.Max() > 1 - 1e-12
            && NormalizationTestKit.One(Normalization.FractionOfMax(), pol, x) is var f && f.All(v => v > 0 && v <= 1 + 1e-12) && f.Max() == 1
            && NormalizationTestKit.One(Normalization.DistanceToReference("u0", capAtReference: true), pol, x).All(v => v <= 1 + 1e-12 || double.IsNaN(v)));
    }

    [Property(MaxTest = 100)]
    public Property GoalpostsFromMetadata_EqualsFixedGoalposts(PositiveInt seed, PositiveInt size, bool negative, bool truncate)
    {
        var x = Sample(seed.Get, Size(size));
        var meta = ImmutableSortedDictionary<string, string>.Empty.Add("goalpostLower", "-10").Add("goalpostUpper", "60").Add("goalpostTruncate", truncate ? "TRUE" : "FALSE").Add("goalpostScale", "100");
        var pol = negative ? Polarity.Negative : Polarity.Positive;
        var fromMeta = Run(Normalization.GoalpostsFromMetadata(), pol, x, meta);
        var fixedPosts = NormalizationTestKit.One(Normalization.Goalposts(-10, 60, cap: truncate, floor: truncate, scale: 100), pol, x);
        return (Same(fromMeta, fixedPosts) && (!truncate || fromMeta.All(v => v >= 0 && v <= 100))).ToProperty();
    }

    [Property(MaxTest = 60)]
    public Property Copeland_IntegerScoresSumToZero_AndDominanceWins(PositiveInt seed, PositiveInt size)
    {
        var rnd = new Random(seed.Get);
        var n = 2 + (size.Get % 12);
        var b = new PanelBuilder();
        for (var u = 0; u < n; u++)
        {
            b.AddValue("a", $"u{u}", "1", rnd.Next(5)).AddValue("b", $"u{u}", "1", rnd.Next(5)).AddValue("c", $"u{u}", "1", rnd.NextDouble());
        }

        // u0 is made to dominate every unit on every child.
        b = b.ToBuilderWith("u0", 10);
        var def = IndexBuilder.Create("c", "C").Indicator("a").Indicator("b").Indicator("c")
            .Group("root", g => g.Add("a", 2).Add("b").Add("c").Aggregate(Aggregation.Copeland()))
            .Normalize(Normalization.MinMax(0, 1)).Build();
        var scores = CompiledIndex.Compile(def).Evaluate(b.Build()).GetScores("root", "1").ToArray();
        return (scores.All(s => s == Math.Floor(s) && Math.Abs(s) <= n - 1) && scores.Sum() == 0 && scores[0] == n - 1).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property Statistics_AffineInvariance_AndSymmetry(PositiveInt seed, PositiveInt size)
    {
        var x = Sample(seed.Get, 4 + (size.Get % 40), ties: false);
        var y = Sample(seed.Get + 1, x.Length, ties: false);
        var z = x.Select(v => (3 * v) + 7).ToArray();
        var neg = x.Select(v => -v).ToArray();
        return (Math.Abs(IndexStatistics.Skewness(z) - IndexStatistics.Skewness(x)) < 1e-9
            && Math.Abs(IndexStatistics.Skewness(neg) + IndexStatistics.Skewness(x)) < 1e-9
            && Math.Abs(IndexStatistics.Kurtosis(z) - IndexStatistics.Kurtosis(x)) < 1e-9
            && Math.Abs(IndexStatistics.Pearson(x, y) - IndexStatistics.Pearson(y, x)) < 1e-15
            && Math.Abs(IndexStatistics.Pearson(x, y)) <= 1
            && Math.Abs(IndexStatistics.Spearman(x, y) - IndexStatistics.Spearman(x.Select(Math.Exp).ToArray(), y)) < 1e-12
            && Math.Abs(IndexStatistics.StandardDeviation(z) - (3 * IndexStatistics.StandardDeviation(x))) < 1e-9 * Math.Max(1, IndexStatistics.StandardDeviation(z))).ToProperty();
    }

    [Property(MaxTest = 40)]
    public Property Pca_LoadingsOrthonormal_VariancesSumToVariables(PositiveInt seed)
    {
        var rnd = new Random(seed.Get);
        var p = 2 + rnd.Next(5);
        var n = p + 3 + rnd.Next(20);
        var cols = Enumerable.Range(0, p).Select(c => KeyValuePair.Create($"v{c}", Enumerable.Range(0, n).Select(_ => rnd.NextDouble()).ToArray())).ToList();
        var pca = IndexAudit.PrincipalComponents(AuditData.Create(Enumerable.Range(0, n).Select(j => $"u{j}"), cols), cols.Select(c => c.Key));
        var ok = Math.Abs(pca.Variances.Sum() - p) < 1e-9 && Math.Abs(pca.SquaredLoadingWeights.Sum() - 1) < 1e-12 && pca.Loadings.Sum(l => l[0]) >= 0;
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < p; b++)
            {
                var dot = pca.Loadings.Sum(l => l[a] * l[b]);
                ok &= Math.Abs(dot - (a == b ? 1 : 0)) < 1e-9;
            }
        }

        return ok.ToProperty();
    }

    private static double[] Run(NormalizationMethod method, Polarity polarity, double[] x, ImmutableSortedDictionary<string, string> metadata)
    {
        var output = new double[x.Length];
        var ctx = new NormalizationContext("x", polarity, [.. x.Select((_, i) => $"u{i}")], ["1"], x, 0, output, 0, []) { Metadata = metadata };
        method.Normalize(ctx);
        return output;
    }
}

internal static class PanelBuilderTestExtensions
{
    /// <summary>Rebuilds the panel with <paramref name="unit"/> set to <paramref name="value"/> on every indicator.</summary>
    public static PanelBuilder ToBuilderWith(this PanelBuilder builder, string unit, double value)
    {
        var panel = builder.Build();
        var b = new PanelBuilder();
        foreach (var u in panel.Units)
        {
            foreach (var i in panel.Indicators)
            {
                b.AddValue(i, u, "1", u == unit ? value : panel.GetValue(i, u, "1"));
            }
        }

        return b;
    }
}
