using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// The product of the children's values, <c>P = Π xᵢ</c> over the children present; weights are not used (JSON name
/// <c>"multiplicative"</c>).
/// </summary>
/// <remarks>
/// <para>Definition: <c>P = x₁ · x₂ · … · xₙ</c>, multiplied in child order. It is the form UNDP states for the
/// Planetary pressures-adjusted HDI, <i>PHDI = HDI × adjustment factor for planetary pressures</i> (Human Development
/// Report 2023/2024, Technical note 6), and for the IHDI's inequality-adjusted dimension indices <c>(1 − Aₓ)·Iₓ</c>
/// (Technical note 2). It is not the weighted product of the OECD/JRC Handbook (2008, §6.2, "geometric aggregation",
/// <c>Π xᵢ^wᵢ</c>): the engine passes weights re-normalised to sum to 1, and with such exponents the weighted product
/// <i>is</i> the weighted geometric mean — use <see cref="GeometricAggregation"/> for it. Here every factor has
/// exponent 1, so weights (including a weight of 0) are ignored, as for <see cref="MinimumAggregation"/>.</para>
/// <para>Domain, consistent with <see cref="GeometricAggregation"/>: positive values always; a zero follows
/// <see cref="Zeros"/> (the same <see cref="GeometricZeroPolicy"/>: <c>error</c> by default, <c>zero</c> → the product is
/// 0 — UNDP publishes a PHDI of 0 for Rwanda 1994, whose HDI is 0 — or <c>missing</c> → a missing score with an audit
/// entry). A negative value is outside the domain: with a negative factor, raising another child lowers the product,
/// so the score would no longer rise with its components; it stops evaluation with a <see cref="NumericalException"/>
/// naming the group, child and unit, or counts as missing under the missing-data policy's <c>outOfDomainAsMissing</c>.
/// A product that overflows the double range (e.g. many factors above 10¹⁰⁰) is a <see cref="NumericalException"/>.</para>
/// <para>Missing children: the group's <see cref="MissingDataPolicy"/> decides whether the product is computed. When it is
/// computed with children missing (<c>renormalize</c> with a minimum share below 1), the product is taken over the
/// present children only, i.e. a missing factor counts as 1; a definition in which a missing factor must make the
/// product missing (as UNDP's) says <c>"missingData": {"method": "propagate"}</c> or a minimum share of 1.</para>
/// <para>Contribution of child i (<see cref="IndexResult.ExplainScore"/>): its share of the log,
/// <c>ln xᵢ / Σ ln xⱼ</c> (ln P = Σ ln xᵢ); when a child is 0 the zero children share the whole score equally; when
/// Σ ln xⱼ is 0 (P = 1) the children share equally. Change between periods (<see cref="IndexResult.ExplainChange"/>):
/// not a quasi-arithmetic mean, so it throws <see cref="MethodNotSupportedException"/> (explain the groups below it).
/// The sensitivity engine computes it cell by cell (no vectorised kernel).</para>
/// </remarks>
public sealed record MultiplicativeAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"multiplicative"</c>.</summary>
    public const string Name = "multiplicative";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets what a zero child value does. The default is <see cref="GeometricZeroPolicy.Error"/> (outside the domain, as for the geometric mean).</summary>
    public GeometricZeroPolicy Zeros { get; init; }

    /// <inheritdoc/>
    public override bool UsesWeights => false;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "product of the components", "구성요소의 곱") + ZeroPolicyRules.Describe(Zeros, language);

    /// <inheritdoc/>
    public override string DomainDescription => ZeroPolicyRules.DomainDescription(Zeros);

    /// <inheritdoc/>
    public override bool MayReturnMissing => Zeros == GeometricZeroPolicy.Missing;

    /// <inheritdoc/>
    public override bool IsInDomain(double value) => ZeroPolicyRules.IsInDomain(Zeros, value);

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) => ZeroPolicyRules.Validate(Zeros, path, errors);

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double product = 1;
        foreach (var v in values)
        {
            if (v == 0)
            {
                return Zeros == GeometricZeroPolicy.Missing ? double.NaN : 0;
            }

            product *= v;
        }

        return product;
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares)
    {
        var zeros = 0;
        foreach (var v in values)
        {
            if (v == 0)
            {
                zeros++;
            }
        }

        if (zeros > 0)
        {
            for (var i = 0; i < values.Length; i++)
            {
                shares[i] = values[i] == 0 ? 1.0 / zeros : 0;
            }

            return;
        }

        double total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            shares[i] = Math.Log(values[i]);
            total += shares[i];
        }

        for (var i = 0; i < values.Length; i++)
        {
            shares[i] = total == 0 || !double.IsFinite(total) ? 1.0 / values.Length : shares[i] / total;
        }
    }
}
