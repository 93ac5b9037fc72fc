using System.Globalization;
using System.Text;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Samples.Seoul;

/// <summary>
/// The ready sensitivity specification of the Seoul sample for the sensitivity engine: inversion rule, arithmetic vs
/// geometric, leave-one-indicator-out, ±20 % weight noise in every group; Monte Carlo, 1,000 runs, seed 2024.
/// Equal area weights vs indicator-count weights is a property of the root group (<c>weightScaling</c>), not a
/// factor the engine varies, so the analysis is run once for each setting.
/// </summary>
public static class SensitivitySpec
{
    /// <summary>Creates the analysis definition.</summary>
    /// <param name="index">The Seoul definition.</param>
    /// <returns>The analysis.</returns>
    public static SensitivityDefinition Create(IndexDefinition index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var factors = new List<UncertaintyFactor>
        {
            new NormalizationChoiceFactor(null, [Normalization.RatioToBase(SeoulDefinition.BasePeriod, InversionRule.Reciprocal), Normalization.RatioToBase(SeoulDefinition.BasePeriod, InversionRule.Mirror)]),
            new AggregationChoiceFactor(null, [Aggregation.Arithmetic(), Aggregation.Geometric()]),
            new IndicatorExclusionFactor([]),
        };
        factors.AddRange(index.Groups.Select(g => new UniformWeightsFactor(g.Id, 0.2)));
        return new SensitivityDefinition
        {
            Factors = [.. factors],
            Seed = 2024,
            Scheme = SamplingScheme.MonteCarlo,
            Samples = 1000,
            Outputs = [new SensitivityOutput(OutputKind.Score, "2023", "SEOUL"), new SensitivityOutput(OutputKind.Score, "2024", "SEOUL")],
        };
    }

    /// <summary>Runs the analysis with indicator-count and with equal area weights and tabulates the change 2023 → 2024.</summary>
    /// <param name="index">The Seoul definition.</param>
    /// <param name="panel">The Seoul data.</param>
    /// <returns>Markdown text.</returns>
    public static string Table(IndexDefinition index, Panel panel)
    {
        ArgumentNullException.ThrowIfNull(index);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| area weights | runs | 2023 (5–95 %) | 2024 (5–95 %) | change (5–95 %) | runs with a rise |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        var root = index.ResolveRoot();
        foreach (var (label, scaling) in new[] { ("indicator counts (Seoul)", WeightScaling.AvailableIndicatorCount), ("equal", WeightScaling.None) })
        {
            var def = index with { Groups = [.. index.Groups.Select(g => g.Id == root ? g with { WeightScaling = scaling } : g)] };
            var analysis = Create(def);
            var result = SensitivityAnalysis.Run(def, panel, analysis, new SensitivityOptions { KeepReplicates = true, MaxDegreeOfParallelism = 1 });
            var table = result.Replicates!;
            var s23 = new double[table.RunCount];
            var s24 = new double[table.RunCount];
            for (var r = 0; r < table.RunCount; r++)
            {
                s23[r] = table.GetOutput(0, r);
                s24[r] = table.GetOutput(1, r);
            }

            var change = s24.Zip(s23, (a, b) => a - b).Order().ToArray();
            sb.AppendLine(string.Format(
                inv,
                "| {0} | {1} | {2:F1}–{3:F1} | {4:F1}–{5:F1} | {6:+0.0}–{7:+0.0} | {8} |",
                label,
                table.RunCount,
                Q(s23.Order().ToArray(), 0.05),
                Q(s23.Order().ToArray(), 0.95),
                Q(s24.Order().ToArray(), 0.05),
                Q(s24.Order().ToArray(), 0.95),
                Q(change, 0.05),
                Q(change, 0.95),
                change.Count(c => c > 0)));
        }

        return sb.ToString();
    }

    private static double Q(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
