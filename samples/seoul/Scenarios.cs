using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CompositeIndex.Samples.Seoul;

/// <summary>
/// "How sure is the claim that the index rose from 111.0 to 130.6?" The Seoul definition re-evaluated under
/// alternative choices, each a changed copy of the definition (no sensitivity engine needed).
/// </summary>
public static class Scenarios
{
    /// <summary>One evaluated alternative.</summary>
    /// <param name="Name">What was changed.</param>
    /// <param name="Score2023">The overall index 2023.</param>
    /// <param name="Score2024">The overall index 2024.</param>
    public sealed record Outcome(string Name, double Score2023, double Score2024)
    {
        /// <summary>Gets the change 2023 → 2024.</summary>
        public double Change => Score2024 - Score2023;
    }

    /// <summary>Evaluates one definition on the Seoul panel.</summary>
    /// <param name="name">The scenario name.</param>
    /// <param name="definition">The definition.</param>
    /// <param name="panel">The data.</param>
    /// <returns>The outcome.</returns>
    public static Outcome Evaluate(string name, IndexDefinition definition, Panel panel)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var r = CompiledIndex.Compile(definition).Evaluate(panel);
        var root = definition.ResolveRoot()!;
        return new Outcome(name, r.GetScore(root, "SEOUL", "2023"), r.GetScore(root, "SEOUL", "2024"));
    }

    /// <summary>The structural alternatives: inversion rule, area weights, aggregation.</summary>
    /// <param name="baseline">The Seoul definition.</param>
    /// <returns>Named definitions, the baseline first.</returns>
    public static IEnumerable<(string Name, IndexDefinition Definition)> Alternatives(IndexDefinition baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var equal = WithRoot(baseline, g => g with { WeightScaling = WeightScaling.None });
        var mirror = baseline with { Normalization = Normalization.RatioToBase(SeoulDefinition.BasePeriod, InversionRule.Mirror) };
        var geometric = baseline with { Aggregation = Aggregation.Geometric() };
        yield return ("baseline: reciprocal, indicator-count weights, arithmetic", baseline);
        yield return ("mirror inversion (200 − 100·x/x₀)", mirror);
        yield return ("equal area weights (mean of the 6 areas)", equal);
        yield return ("geometric mean (areas and overall)", geometric);
        yield return ("geometric mean + equal area weights", equal with { Aggregation = Aggregation.Geometric() });
        yield return ("mirror + equal area weights", equal with { Normalization = mirror.Normalization });
    }

    /// <summary>The definition without one indicator.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="indicatorId">The indicator to leave out.</param>
    /// <returns>The reduced definition.</returns>
    public static IndexDefinition Without(IndexDefinition definition, string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            Indicators = [.. definition.Indicators.Where(i => i.Id != indicatorId)],
            Groups = [.. definition.Groups.Select(g => g with { Children = [.. g.Children.Where(c => c.Id != indicatorId)] })],
        };
    }

    /// <summary>
    /// The definition with every nominal weight (indicators within areas, areas in the overall index, which are then
    /// still scaled by indicator counts) multiplied by an independent uniform factor in [0.8, 1.2].
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <param name="random">The random source.</param>
    /// <returns>The perturbed definition.</returns>
    public static IndexDefinition WithWeightNoise(IndexDefinition definition, Random random)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(random);
        return definition with
        {
            Groups = [.. definition.Groups.Select(g => g with { Children = [.. g.Children.Select(c => c with { Weight = c.Weight * (0.8 + (0.4 * random.NextDouble())) })] })],
        };
    }

    /// <summary>Builds the Markdown comparison table of the sample README.</summary>
    /// <param name="baseline">The Seoul definition.</param>
    /// <param name="panel">The Seoul data.</param>
    /// <param name="replicates">The number of weight-noise replicates. The default is 1000.</param>
    /// <param name="seed">The seed of the weight noise. The default is 2024.</param>
    /// <returns>The Markdown text.</returns>
    public static string Table(IndexDefinition baseline, Panel panel, int replicates = 1000, int seed = 2024)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | 2023 | 2024 | change | rose? |");
        sb.AppendLine("|---|---:|---:|---:|:---:|");
        foreach (var (name, def) in Alternatives(baseline))
        {
            Row(Evaluate(name, def, panel));
        }

        var loo = baseline.Indicators.Select(i => Evaluate($"without {i.Id}", Without(baseline, i.Id), panel)).ToList();
        var lo = loo.MinBy(o => o.Change)!;
        var hi = loo.MaxBy(o => o.Change)!;
        Row(lo with { Name = $"leave one indicator out: smallest rise ({lo.Name})" });
        Row(hi with { Name = $"leave one indicator out: largest rise ({hi.Name})" });

        // Weight noise: one System.Random with a fixed seed, replicates drawn in order (deterministic).
        var random = new Random(seed);
        var noise = Enumerable.Range(0, replicates).Select(k => Evaluate($"noise {k}", WithWeightNoise(baseline, random), panel)).ToList();
        var changes = noise.Select(o => o.Change).Order().ToArray();
        var s23 = noise.Select(o => o.Score2023).Order().ToArray();
        var s24 = noise.Select(o => o.Score2024).Order().ToArray();
        sb.AppendLine(string.Format(
            inv,
            "| ±20 % weight noise, {0} draws: 2.5–97.5 % range | {1:F1}–{2:F1} | {3:F1}–{4:F1} | {5:+0.0}–{6:+0.0} | {7} of {0} |",
            replicates,
            Q(s23, 0.025),
            Q(s23, 0.975),
            Q(s24, 0.025),
            Q(s24, 0.975),
            Q(changes, 0.025),
            Q(changes, 0.975),
            changes.Count(c => c > 0)));
        sb.AppendLine();
        sb.AppendLine(string.Format(inv, "Leave-one-indicator-out: the change ranges from {0:+0.0} to {1:+0.0} over the 50 reduced indices; all {2} rise.", lo.Change, hi.Change, loo.Count(o => o.Change > 0) == loo.Count ? "50" : $"but {loo.Count(o => o.Change <= 0)} of 50"));
        return sb.ToString();

        void Row(Outcome o) => sb.AppendLine(string.Format(inv, "| {0} | {1:F1} | {2:F1} | {3:+0.0;-0.0} | {4} |", o.Name, Round1(o.Score2023), Round1(o.Score2024), Round1(o.Score2024) - Round1(o.Score2023), o.Change > 0 ? "yes" : "no"));
    }

    private static double Round1(double x) => Math.Round(x, 1, MidpointRounding.AwayFromZero);

    /// <summary>The R-7 (linear interpolation) quantile of sorted values.</summary>
    private static double Q(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static IndexDefinition WithRoot(IndexDefinition d, Func<GroupDefinition, GroupDefinition> change)
    {
        var root = d.ResolveRoot();
        return d with { Groups = ImmutableArray.CreateRange(d.Groups.Select(g => g.Id == root ? change(g) : g)) };
    }
}
