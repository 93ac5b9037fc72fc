using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Standardisation (z-score), optionally rescaled to a target mean and standard deviation.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook 2008, §5.2, "standardisation"; COINr <c>n_zscore</c> with <c>m_sd</c>):
/// <c>y = m + s·(x − x̄)/σ</c> for positive polarity and <c>y = m − s·(x − x̄)/σ</c> for negative polarity, where
/// x̄ and σ are the mean and the sample standard deviation (denominator n − 1) of the non-missing reference values.</para>
/// <para>Edge cases: a reference with no values gives all-missing output. A single reference value has no spread
/// (σ is undefined), and σ = 0 has none: both throw a <see cref="NumericalException"/> naming the indicator and period,
/// or give all-missing output when <see cref="WhenConstant"/> is <see cref="ConstantReferenceBehavior.Missing"/>
/// (COINr's NaN).</para>
/// <para>Large values: when the sums overflow (values near ±1.8e308) the mean and σ are computed on the values scaled
/// by a power of two (exact), so z is still correct; a σ that itself exceeds the largest double throws.</para>
/// </remarks>
/// <param name="Mean">The target mean m. The default is 0.</param>
/// <param name="StandardDeviation">The target standard deviation s; must be positive. The default is 1.</param>
public sealed record ZScoreNormalization(double Mean = 0, double StandardDeviation = 1) : FittedNormalization<ZScoreParameters>
{
    /// <summary>The JSON method name, <c>"zScore"</c>.</summary>
    public const string Name = "zScore";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"z-score rescaled to mean {T.N(Mean)} and standard deviation {T.N(StandardDeviation)}, {T.Reference(Reference, language)}, sign reversed for lower-is-better indicators", $"표준점수(z) 변환 후 평균 {T.N(Mean)}, 표준편차 {T.N(StandardDeviation)}로 환산, {T.Reference(Reference, language)}, 낮을수록 좋은 지표는 부호를 뒤집음");

    /// <summary>Gets the reference the mean and standard deviation are fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <summary>Gets what happens when the reference has a zero standard deviation. The default is <see cref="ConstantReferenceBehavior.Throw"/>.</summary>
    public ConstantReferenceBehavior WhenConstant { get; init; } = ConstantReferenceBehavior.Throw;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Mean), $"{path}.mean", "The target mean must be finite.", errors);
        Require(double.IsFinite(StandardDeviation) && StandardDeviation > 0, $"{path}.standardDeviation", "The target standard deviation must be finite and positive.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
        Require(Enum.IsDefined(WhenConstant), $"{path}.whenConstant", "Unknown constant-reference behaviour.", errors);
    }

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override ConstantReferenceBehavior FitWhenConstant => WhenConstant;

    /// <inheritdoc/>
    /// <remarks>One reference value gives a standard deviation of NaN (reported by <see cref="Degenerate"/>).</remarks>
    protected override ZScoreParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (mean, sd, n) = Stats.MeanSd(reference);
        if (n == 0)
        {
            return null;
        }

        if (n == 1)
        {
            return new ZScoreParameters(mean, double.NaN);
        }

        if (double.IsFinite(mean) && double.IsFinite(sd))
        {
            return new ZScoreParameters(mean, sd);
        }

        // Values near the largest double: the sums overflow. Scaling by a power of two is exact, so the mean and SD of
        // x·2⁻ᵏ are those of x scaled, and z = (x·2⁻ᵏ − mean')/sd' is the same z without overflow (Apply uses k).
        var k = -Math.ILogB(Stats.MaxAbs(reference));
        var scaled = new double[reference.Length];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = Math.ScaleB(reference[i], k);
        }

        (mean, sd, _) = Stats.MeanSd(scaled);
        var unscaledSd = Math.ScaleB(sd, -k);
        if (!double.IsFinite(unscaledSd))
        {
            throw context.Error("z-score normalisation: the standard deviation of the reference values exceeds the largest double (about 1.8e308).", period);
        }

        return new ZScoreParameters(Math.ScaleB(mean, -k), unscaledSd) { ScaleExponent = k };
    }

    /// <inheritdoc/>
    protected override string? Degenerate(ZScoreParameters parameters, Polarity polarity) =>
        double.IsNaN(parameters.StandardDeviation)
            ? $"z-score normalisation needs at least two reference values to estimate a standard deviation, but there is one ({parameters.Mean.ToString("R", CultureInfo.InvariantCulture)})."
            : parameters.StandardDeviation == 0
                ? $"z-score normalisation needs a non-zero standard deviation, but every reference value is {parameters.Mean.ToString("R", CultureInfo.InvariantCulture)}."
                : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(ZScoreParameters? parameters, Polarity polarity) =>
        [new("mean", parameters?.Mean ?? 0), new("sd", parameters?.StandardDeviation ?? 0)];

    /// <inheritdoc/>
    protected override ZScoreParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value("mean"), value("sd"));

    /// <inheritdoc/>
    protected override void Apply(ZScoreParameters parameters, NormalizationContext context, int period, double sign)
    {
        var input = context.Input(period);
        var output = context.Output(period);

        // Frozen parameters near the largest double are applied on scaled values too (any power of two gives the same z).
        var k = parameters.ScaleExponent != 0 || Math.Max(Math.Abs(parameters.Mean), parameters.StandardDeviation) < 1e300
            ? parameters.ScaleExponent
            : -Math.ILogB(Math.Max(Math.Abs(parameters.Mean), parameters.StandardDeviation));
        if (k != 0)
        {
            var scaledMean = Math.ScaleB(parameters.Mean, k);
            var scaledFactor = sign * StandardDeviation / Math.ScaleB(parameters.StandardDeviation, k);
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = Mean + ((Math.ScaleB(input[u], k) - scaledMean) * scaledFactor);
            }

            return;
        }

        var mean = parameters.Mean;
        var factor = sign * StandardDeviation / parameters.StandardDeviation;
        for (var u = 0; u < input.Length; u++)
        {
            output[u] = Mean + ((input[u] - mean) * factor);
        }
    }
}
