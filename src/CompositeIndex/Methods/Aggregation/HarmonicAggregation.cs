using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>The weighted harmonic mean <c>1 / Σ (wᵢ/xᵢ)</c> (weights sum to 1); requires positive values.</summary>
/// <remarks>
/// Less compensatory than the geometric mean (arithmetic ≥ geometric ≥ harmonic for the same weights; COINr
/// <c>a_hmean</c>; Hardy, Littlewood &amp; Pólya, <i>Inequalities</i>, 1934, §2.5). Contribution of child i:
/// <c>(wᵢ/xᵢ) / Σ (wⱼ/xⱼ)</c>, the generator share with f(x) = 1/x.
/// </remarks>
public sealed record HarmonicAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"harmonic"</c>.</summary>
    public const string Name = "harmonic";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "weighted harmonic mean", "가중 조화평균");

    /// <inheritdoc/>
    public override ChangeDecompositionRule? ChangeRule => ChangeDecompositionRule.PowerMean(-1);

    /// <inheritdoc/>
    public override string DomainDescription => "positive values";

    /// <inheritdoc/>
    public override bool IsInDomain(double value) => value > 0;

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] / values[i];
        }

        return 1 / sum;
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares) =>
        GeneratorShares(values, weights, static x => 1 / x, shares);
}
