using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>The weighted generalised (power) mean <c>(Σ wᵢ xᵢ^p)^(1/p)</c>, p ≠ 0.</summary>
/// <remarks>
/// <para>p = 1 is the arithmetic mean, p = −1 the harmonic mean, p → 0 the geometric mean and p → −∞ the minimum
/// (Hardy, Littlewood &amp; Pólya 1934, §2.2; used with p = 1 − ε by UNDP's GDI-era "penalty for inequality" and
/// Decancq &amp; Lugo 2013). Values must be positive when p &lt; 0 or p is not an integer, and non-negative otherwise;
/// this implementation requires positive values for every p &lt; 1 and non-negative values for p ≥ 1.</para>
/// <para>Contribution of child i: <c>wᵢxᵢ^p / Σ wⱼxⱼ^p</c>.</para>
/// </remarks>
/// <param name="Power">The exponent p; must be finite and non-zero (use <see cref="GeometricAggregation"/> for p = 0).</param>
public sealed record PowerMeanAggregation(double Power) : AggregationMethod
{
    /// <summary>The JSON method name, <c>"powerMean"</c>.</summary>
    public const string Name = "powerMean";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"weighted power mean of order {T.N(Power)}", $"{T.N(Power)}차 가중 멱평균");

    /// <inheritdoc/>
    public override ChangeDecompositionRule? ChangeRule => ChangeDecompositionRule.PowerMean(Power);

    /// <inheritdoc/>
    public override string DomainDescription => Power < 1 ? "positive values" : "non-negative values";

    /// <inheritdoc/>
    public override bool IsInDomain(double value) => Power < 1 ? value > 0 : value >= 0;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(Power) || Power == 0)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.power", $"The power must be finite and non-zero (got {Power.ToString(CultureInfo.InvariantCulture)}); use the geometric mean for p = 0."));
        }
    }

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * Math.Pow(values[i], Power);
        }

        return Math.Pow(sum, 1 / Power);
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares)
    {
        var p = Power;
        GeneratorShares(values, weights, x => Math.Pow(x, p), shares);
    }
}
