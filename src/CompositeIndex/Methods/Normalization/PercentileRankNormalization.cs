namespace CompositeIndex;

/// <summary>
/// Normalisation by percentile rank: the share of other units a unit does better than, on a 0–<see cref="Scale"/> scale.
/// </summary>
/// <remarks>
/// <para>Formula: <c>y = scale·(r − 1)/(n − 1)</c>, where r is the unit's average rank in ascending order
/// (of x for positive polarity, of −x for negative polarity) among the n non-missing units of the same period
/// (OECD/JRC Handbook 2008, §5.2, "percentile bands", in its continuous form). The worst unit scores 0 and the
/// best <c>scale</c>; ties share the mean rank.</para>
/// <para>Edge cases: a period with a single non-missing value gives <c>scale/2</c> for it (it is both best and worst).</para>
/// </remarks>
public sealed record PercentileRankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"percentileRank"</c>.</summary>
    public const string Name = "percentileRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the value of the best unit. The default is 100.</summary>
    public double Scale { get; init; } = 100;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) =>
        Require(double.IsFinite(Scale) && Scale > 0, $"{path}.scale", "The scale must be finite and positive.", errors);

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                buffer[u] = context.Polarity == Polarity.Negative ? -input[u] : input[u];
            }

            var output = context.Output(p);
            Ranking.AverageRanksAscending(buffer, output, order);
            var n = 0;
            foreach (var v in input)
            {
                if (!double.IsNaN(v))
                {
                    n++;
                }
            }

            for (var u = 0; u < output.Length; u++)
            {
                output[u] = n == 1 ? (double.IsNaN(output[u]) ? double.NaN : Scale / 2) : Scale * (output[u] - 1) / (n - 1);
            }
        }
    }
}
