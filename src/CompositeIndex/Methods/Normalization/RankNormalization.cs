using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// Normalisation by rank: each unit's value is replaced by its rank among the units of the same period,
/// 1 for the worst, n for the best (so higher is better after normalisation).
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook 2008, §5.2, "ranking"; COINr <c>n_rank</c>): <c>y = rank(x)</c> in ascending
/// order for positive polarity and <c>y = rank(−x)</c> for negative polarity (COINr multiplies by the direction
/// before ranking). Ties follow <see cref="Ties"/>: by default they share the lowest rank they span
/// (R's <c>rank(x, ties.method = "min", na.last = "keep")</c>, exactly what COINr 1.1.14 does); missing values stay
/// missing and are not counted.</para>
/// <para>Behavioural note: before version 0.1.0 was released the default was average ranks; it was changed to
/// match COINr (verified on every cell of COINr's <c>n_rank</c> output for the ASEM example).</para>
/// </remarks>
public sealed record RankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"rank"</c>.</summary>
    public const string Name = "rank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"rank among the units of each period (1 = worst), {T.Ties(Ties, language)}", $"기간별 단위 간 순위(1 = 최하위), {T.Ties(Ties, language)}");

    /// <summary>Gets how ties are ranked. The default is <see cref="RankTies.Minimum"/> (COINr).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) =>
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            Ranking.PolarityRanks(context, p, Ties, buffer, order);
        }
    }
}
