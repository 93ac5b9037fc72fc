using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>The weighted geometric mean <c>Π xᵢ^wᵢ</c> (weights sum to 1); requires positive values.</summary>
/// <remarks>
/// <para>Partially compensatory: a low value in one child cannot be fully offset (OECD/JRC Handbook 2008, §6.2,
/// "geometric aggregation"; UNDP HDR 2023/2024 Technical note 1: HDI = (I_health · I_education · I_income)^(1/3);
/// COINr <c>a_gmean</c>). Computed as <c>exp(Σ wᵢ ln xᵢ)</c>.</para>
/// <para>Contribution of child i: its share of the log, <c>wᵢ ln xᵢ / Σ wⱼ ln xⱼ</c>. A negative child value is
/// outside the domain and stops evaluation with a <see cref="NumericalException"/> naming the group, child and
/// unit (shift or rescale the normalisation, e.g. min-max to [1, 100], to use a geometric mean). A zero child
/// follows <see cref="Zeros"/>: by default it is outside the domain too; <see cref="GeometricZeroPolicy.Zero"/>
/// gives 0, the limit of the product (UNDP's PHDI for Rwanda 1994 is 0: life expectancy below the 20-year goalpost
/// makes the health index, and the HDI, 0); <see cref="GeometricZeroPolicy.Missing"/> gives a missing score, recorded
/// in the audit log.</para>
/// </remarks>
public sealed record GeometricAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"geometric"</c>.</summary>
    public const string Name = "geometric";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override ChangeDecompositionRule? ChangeRule => ChangeDecompositionRule.LogarithmicMean;

    /// <inheritdoc/>
    public override AggregationKernelKind Kernel => AggregationKernelKind.WeightedGeometricMean;

    /// <summary>Gets what a zero child value does. The default is <see cref="GeometricZeroPolicy.Error"/> (outside the domain, as before).</summary>
    public GeometricZeroPolicy Zeros { get; init; }

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "weighted geometric mean", "가중 기하평균") + ZeroPolicyRules.Describe(Zeros, language);

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
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == 0 && weights[i] > 0)
            {
                return Zeros == GeometricZeroPolicy.Missing ? double.NaN : 0;
            }
        }

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

/// <summary>What a geometric mean does with a zero child value (see <see cref="GeometricAggregation.Zeros"/>).</summary>
public enum GeometricZeroPolicy
{
    /// <summary>A zero is outside the domain: evaluation stops, or the child counts as missing when the missing-data policy says <c>outOfDomainAsMissing</c> (the default).</summary>
    Error = 0,

    /// <summary>The mean is 0, the limit of <c>Π xᵢ^wᵢ</c> as a child tends to 0.</summary>
    Zero = 1,

    /// <summary>The mean is missing, with an audit entry for the unit and period.</summary>
    Missing = 2,
}

/// <summary>The domain rules a <see cref="GeometricZeroPolicy"/> gives a multiplicative method (the geometric mean, the product): one place for both.</summary>
internal static class ZeroPolicyRules
{
    /// <summary>Positive values, and zero unless the policy is <see cref="GeometricZeroPolicy.Error"/>.</summary>
    public static bool IsInDomain(GeometricZeroPolicy zeros, double value) => value > 0 || (value == 0 && zeros != GeometricZeroPolicy.Error);

    /// <summary>The domain for error messages.</summary>
    public static string DomainDescription(GeometricZeroPolicy zeros) => zeros == GeometricZeroPolicy.Error ? "positive values" : "non-negative values";

    /// <summary>The clause a method's description adds for its zero rule (empty for the default).</summary>
    public static string Describe(GeometricZeroPolicy zeros, string? language) => zeros switch
    {
        GeometricZeroPolicy.Zero => T.Pick(language, ", a zero component gives 0", ", 구성요소가 0이면 0"),
        GeometricZeroPolicy.Missing => T.Pick(language, ", a zero component gives a missing value", ", 구성요소가 0이면 결측"),
        _ => string.Empty,
    };

    /// <summary>Adds an error at <c>{path}.zeros</c> for an unknown policy.</summary>
    public static void Validate(GeometricZeroPolicy zeros, string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Enum.IsDefined(zeros))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.zeros", "Unknown zero policy (error, zero or missing)."));
        }
    }
}
