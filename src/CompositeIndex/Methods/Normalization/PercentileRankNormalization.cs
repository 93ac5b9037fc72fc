using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// How a percentile is computed from a unit's rank r among the n non-missing units of a period
/// (<see cref="PercentileRankNormalization"/>, <see cref="CategoricalNormalization"/>).
/// </summary>
public enum PercentileForm
{
    /// <summary>
    /// <c>(r − 1)/(n − 1)</c>: the worst unit 0, the best 1 (COINr <c>n_prank</c>); a single unit gets ½.
    /// </summary>
    Continuous = 0,

    /// <summary>
    /// <c>r/n</c>: the share of units at or below the unit, the best unit 1 and the worst <c>1/n</c> (OECD/JRC Handbook
    /// 2008, Table 15 "percentile", p. 87: 100·rank/23 with ties at the lowest rank); a single unit gets 1.
    /// </summary>
    RankOverCount = 1,
}

/// <summary>
/// Normalisation by percentile rank: where a unit stands among the units of its period, on a 0–<see cref="Scale"/> scale.
/// </summary>
/// <remarks>
/// <para>Formula, with r the unit's rank in ascending order (of x for positive polarity, of −x for negative polarity)
/// among the n non-missing units of the same period, so that rank n is the best unit:</para>
/// <list type="bullet">
/// <item><see cref="PercentileForm.Continuous"/> (the default; COINr <c>n_prank</c>; OECD/JRC Handbook 2008, §5.2,
/// in its continuous form): <c>y = scale·(r − 1)/(n − 1)</c>. The worst unit scores 0 and the best <c>scale</c>.</item>
/// <item><see cref="PercentileForm.RankOverCount"/> (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §5.2
/// and Table 15, p. 87, column "percentile" = 100·rank/23): <c>y = scale·r/n</c>. The best unit scores <c>scale</c>
/// and the worst <c>scale/n</c>; tied units share the percentile of their lowest rank.</item>
/// </list>
/// <para>Ties follow <see cref="Ties"/>; the default, the lowest rank they span, is COINr's
/// (<c>rank(x, ties.method = "min")</c>) and the Handbook's (Table 15). COINr's <c>n_prank</c> is this method with
/// <see cref="Scale"/> = 1 and the default form. Missing values stay missing and do not count in n.</para>
/// <para>Edge cases: a period with a single non-missing value gives <c>scale/2</c> for it in the continuous form (it is
/// both best and worst; COINr returns NaN = 0/0 there) and <c>scale</c> in the rank-over-count form.</para>
/// <para>Behavioural note: before version 0.1.0 was released ties used average ranks; the default was changed to match
/// COINr (verified on every cell of COINr's <c>n_prank</c> output for the ASEM example).</para>
/// </remarks>
public sealed record PercentileRankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"percentileRank"</c>.</summary>
    public const string Name = "percentileRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"percentile rank × {T.N(Scale)} ({(Form == PercentileForm.RankOverCount ? "rank / count" : "continuous")}), {T.Ties(Ties, language)}", $"백분위 순위 × {T.N(Scale)}({(Form == PercentileForm.RankOverCount ? "순위 ÷ 개수" : "연속형")}), {T.Ties(Ties, language)}");

    /// <summary>Gets the value of the best unit. The default is 100 (use 1 for COINr's <c>n_prank</c>).</summary>
    public double Scale { get; init; } = 100;

    /// <summary>Gets how ties are ranked. The default is <see cref="RankTies.Minimum"/> (COINr, Handbook Table 15).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <summary>
    /// Gets the percentile formula. The default is <see cref="PercentileForm.Continuous"/> (COINr);
    /// <see cref="PercentileForm.RankOverCount"/> is the Handbook's Table 15 column.
    /// </summary>
    public PercentileForm Form { get; init; } = PercentileForm.Continuous;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Scale) && Scale > 0, $"{path}.scale", "The scale must be finite and positive.", errors);
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);
        Require(Enum.IsDefined(Form), $"{path}.form", "Unknown percentile form.", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            Percentiles(context, p, Ties, Form, Scale, buffer, order);
        }
    }

    /// <summary>
    /// Writes into <c>context.Output(period)</c> the percentiles (on a 0–<paramref name="scale"/> scale) of the period's
    /// values in the given form, ranking x (or −x for negative polarity) with the given tie rule; NaN stays NaN.
    /// </summary>
    internal static void Percentiles(NormalizationContext context, int period, RankTies ties, PercentileForm form, double scale, double[] buffer, int[] order)
    {
        Ranking.PolarityRanks(context, period, ties, buffer, order);
        var output = context.Output(period);
        var n = Ranking.CountPresent(context.Input(period));
        for (var u = 0; u < output.Length; u++)
        {
            var r = output[u];
            if (double.IsNaN(r))
            {
                continue;
            }

            // scale·r is exact for integer ranks and the usual scales, so one rounding: 100·19/20 is exactly 95.
            output[u] = form == PercentileForm.RankOverCount ? scale * r / n
                : n == 1 ? scale / 2
                : scale * (r - 1) / (n - 1);
        }
    }
}
