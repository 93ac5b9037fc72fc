using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>The weighted arithmetic mean <c>Σ wᵢxᵢ</c> (weights sum to 1).</summary>
/// <remarks>
/// Fully compensatory: a deficit in one child is offset by a surplus in another at the rate given by the weights
/// (OECD/JRC Handbook 2008, §6.1, "linear aggregation"; COINr <c>a_amean</c>). Contribution of child i: <c>wᵢxᵢ</c>.
/// </remarks>
public sealed record ArithmeticAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"arithmetic"</c>.</summary>
    public const string Name = "arithmetic";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "weighted arithmetic mean", "가중 산술평균");

    /// <inheritdoc/>
    public override ChangeDecompositionRule? ChangeRule => ChangeDecompositionRule.Additive;

    /// <inheritdoc/>
    public override AggregationKernelKind Kernel => AggregationKernelKind.WeightedArithmeticMean;

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }
}
