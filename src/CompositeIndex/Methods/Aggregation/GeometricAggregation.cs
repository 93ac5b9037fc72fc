namespace CompositeIndex;

/// <summary>The weighted geometric mean <c>Π xᵢ^wᵢ</c> (weights sum to 1); requires positive values.</summary>
/// <remarks>
/// <para>Partially compensatory: a low value in one child cannot be fully offset (OECD/JRC Handbook 2008, §6.2,
/// "geometric aggregation"; UNDP HDR 2023/2024 Technical note 1: HDI = (I_health · I_education · I_income)^(1/3);
/// COINr <c>a_gmean</c>). Computed as <c>exp(Σ wᵢ ln xᵢ)</c>.</para>
/// <para>Contribution of child i: its share of the log, <c>wᵢ ln xᵢ / Σ wⱼ ln xⱼ</c>. A zero or negative child value
/// is outside the domain and stops evaluation with a <see cref="NumericalException"/> naming the group, child and
/// unit (shift or rescale the normalisation, e.g. min-max to [1, 100], to use a geometric mean).</para>
/// </remarks>
public sealed record GeometricAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"geometric"</c>.</summary>
    public const string Name = "geometric";

    /// <inheritdoc/>
    public override string MethodName => Name;

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
            sum += weights[i] * Math.Log(values[i]);
        }

        return Math.Exp(sum);
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares) =>
        GeneratorShares(values, weights, Math.Log, shares);
}
