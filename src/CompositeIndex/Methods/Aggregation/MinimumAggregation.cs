using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>The minimum of the children's values (weights are ignored): a fully non-compensatory aggregation.</summary>
/// <remarks>
/// The "weakest link" rule (OECD/JRC Handbook 2008, §6.3; the limit of the power mean as p → −∞). Contribution: the
/// whole score is attributed to the minimum child (split equally among ties).
/// </remarks>
public sealed record MinimumAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"minimum"</c>.</summary>
    public const string Name = "minimum";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "minimum of the components (the weakest one counts)", "구성요소의 최솟값(가장 약한 구성요소 기준)");

    /// <inheritdoc/>
    public override bool UsesWeights => false;

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }
        }

        return min;
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares)
    {
        var ties = 0;
        foreach (var v in values)
        {
            if (v == score)
            {
                ties++;
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            shares[i] = values[i] == score ? 1.0 / ties : 0;
        }
    }
}
