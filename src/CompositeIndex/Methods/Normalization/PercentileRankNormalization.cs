namespace CompositeIndex;

/// <summary>
/// Normalisation by percentile rank: the share of other units a unit does better than, on a 0–<see cref="Scale"/> scale.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_prank</c>; OECD/JRC Handbook 2008, §5.2, "percentile bands", in its continuous form):
/// <c>y = scale·(r − 1)/(n − 1)</c>, where r is the unit's rank in ascending order (of x for positive polarity, of −x
/// for negative polarity) among the n non-missing units of the same period. The worst unit scores 0 and the best
/// <c>scale</c>. Ties follow <see cref="Ties"/>; the default, the lowest rank they span, is COINr's
/// (<c>rank(x, ties.method = "min")</c>). COINr's <c>n_prank</c> is this method with <see cref="Scale"/> = 1.</para>
/// <para>Edge cases: a period with a single non-missing value gives <c>scale/2</c> for it (it is both best and worst;
/// COINr returns NaN = 0/0 there).</para>
/// <para>Behavioural note: before version 0.1.0 was released ties used average ranks; the default was changed to match
/// COINr (verified on every cell of COINr's <c>n_prank</c> output for the ASEM example).</para>
/// </remarks>
public sealed record PercentileRankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"percentileRank"</c>.</summary>
    public const string Name = "percentileRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the value of the best unit. The default is 100 (use 1 for COINr's <c>n_prank</c>).</summary>
    public double Scale { get; init; } = 100;

    /// <summary>Gets how ties are ranked. The default is <see cref="RankTies.Minimum"/> (COINr).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Scale) && Scale > 0, $"{path}.scale", "The scale must be finite and positive.", errors);
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            Ranking.PolarityRanks(context, p, Ties, buffer, order);
            var output = context.Output(p);
            var n = Ranking.CountPresent(context.Input(p));
            for (var u = 0; u < output.Length; u++)
            {
                output[u] = n == 1 ? (double.IsNaN(output[u]) ? double.NaN : Scale / 2) : Scale * (output[u] - 1) / (n - 1);
            }
        }
    }
}
