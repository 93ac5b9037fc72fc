using System.Globalization;

namespace CompositeIndex;

/// <summary>
/// Standardisation (z-score), optionally rescaled to a target mean and standard deviation.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook 2008, §5.2, "standardisation"; COINr <c>n_zscore</c> with <c>m_sd</c>):
/// <c>y = m + s·(x − x̄)/σ</c> for positive polarity and <c>y = m − s·(x − x̄)/σ</c> for negative polarity, where
/// x̄ and σ are the mean and the sample standard deviation (denominator n − 1) of the non-missing reference values.</para>
/// <para>Edge cases: fewer than two reference values give all-missing output; σ = 0 throws a
/// <see cref="NumericalException"/>, or gives all-missing output when <see cref="WhenConstant"/> is
/// <see cref="ConstantReferenceBehavior.Missing"/> (COINr's NaN).</para>
/// </remarks>
/// <param name="Mean">The target mean m. The default is 0.</param>
/// <param name="StandardDeviation">The target standard deviation s; must be positive. The default is 1.</param>
public sealed record ZScoreNormalization(double Mean = 0, double StandardDeviation = 1) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"zScore"</c>.</summary>
    public const string Name = "zScore";

    /// <inheritdoc/>
    public override string MethodName => Name;

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
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var (mean, sd, n) = Stats.MeanSd(context.ReferenceValues(Reference, p));
            var output = context.Output(p);
            if (n < 2)
            {
                output.Fill(double.NaN);
                continue;
            }

            if (sd == 0)
            {
                if (WhenConstant == ConstantReferenceBehavior.Missing)
                {
                    output.Fill(double.NaN);
                    continue;
                }

                throw context.Error($"z-score normalisation needs a non-zero standard deviation, but every reference value is {mean.ToString("R", CultureInfo.InvariantCulture)}.", p);
            }

            context.Record("mean", mean, p);
            context.Record("sd", sd, p);
            var factor = sign * StandardDeviation / sd;
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = Mean + ((input[u] - mean) * factor);
            }
        }
    }
}
