namespace CompositeIndex;

/// <summary>
/// Normalisation by rank: each unit's value is replaced by its rank among the units of the same period,
/// 1 for the worst, n for the best (so higher is better after normalisation).
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook 2008, §5.2, "ranking"; COINr <c>n_rank</c>): <c>y = rank(x)</c> in ascending
/// order for positive polarity and <c>y = rank(−x)</c> for negative polarity. Ties get the average of the ranks
/// they span (R's <c>ties.method = "average"</c>); missing values stay missing and are not counted.</para>
/// </remarks>
public sealed record RankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"rank"</c>.</summary>
    public const string Name = "rank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            ReadOnlySpan<double> values = input;
            if (context.Polarity == Polarity.Negative)
            {
                for (var u = 0; u < input.Length; u++)
                {
                    buffer[u] = -input[u];
                }

                values = buffer;
            }

            Ranking.AverageRanksAscending(values, context.Output(p), order);
        }
    }
}
