using System.Globalization;

namespace CompositeIndex;

/// <summary>How <see cref="FractionOfMaxNormalization"/> treats an indicator with negative polarity.</summary>
public enum FractionOfMaxInversion
{
    /// <summary>
    /// The fraction of the best (smallest) value: <c>y = scale·min/x</c>. The best unit scores <c>scale</c> and worse
    /// units less, so the order is reversed as polarity requires (values must be positive).
    /// </summary>
    Reciprocal = 0,

    /// <summary>
    /// COINr's rule: the indicator is multiplied by −1 and then divided by its maximum, <c>y = scale·(−x)/max(−x) =
    /// scale·x/min(x)</c>. Kept for parity with COINr's <c>n_fracmax</c>; for positive data it does <b>not</b> reverse the
    /// order (the worst unit gets the highest score), so use it only to reproduce COINr results.
    /// </summary>
    CoinrNegate = 1,
}

/// <summary>
/// Normalisation as a fraction of the maximum: each value divided by the largest value of the reference.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_fracmax</c>; OECD/JRC Handbook 2008, §5.2, "distance to a reference" with the leader as
/// reference): positive polarity <c>y = scale·x/max</c>; negative polarity per <see cref="Inversion"/>
/// (<see cref="FractionOfMaxInversion.Reciprocal"/> <c>scale·min/x</c>, or COINr's
/// <see cref="FractionOfMaxInversion.CoinrNegate"/> <c>scale·x/min</c>), where max and min are taken over the
/// non-missing values of the <see cref="Reference"/>. Meaningful for ratio-scale, non-negative indicators.</para>
/// <para>Edge cases: a reference with no values gives all-missing output; a zero denominator (max = 0, min = 0, or a
/// zero value under the reciprocal rule) throws a <see cref="NumericalException"/> naming the indicator, period and unit
/// (COINr returns Inf or NaN there).</para>
/// </remarks>
public sealed record FractionOfMaxNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"fractionOfMax"</c>.</summary>
    public const string Name = "fractionOfMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the score of the best unit. The default is 1 (COINr).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets the rule for negative polarity. The default is <see cref="FractionOfMaxInversion.Reciprocal"/>.</summary>
    public FractionOfMaxInversion Inversion { get; init; } = FractionOfMaxInversion.Reciprocal;

    /// <summary>Gets the reference the maximum (and minimum) are fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
        Require(Enum.IsDefined(Inversion), $"{path}.inversion", "Unknown inversion rule.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var negative = context.Polarity == Polarity.Negative;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var (min, max, n) = Stats.MinMax(context.ReferenceValues(Reference, p));
            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            var input = context.Input(p);
            if (!negative || Inversion == FractionOfMaxInversion.CoinrNegate)
            {
                var denominator = negative ? min : max;
                if (denominator == 0)
                {
                    throw context.Error($"fraction of max needs a non-zero {(negative ? "minimum" : "maximum")}, but it is 0.", p);
                }

                context.Record(negative ? "min" : "max", denominator, p);
                for (var u = 0; u < input.Length; u++)
                {
                    output[u] = Scale * input[u] / denominator;
                }
            }
            else
            {
                context.Record("min", min, p);
                for (var u = 0; u < input.Length; u++)
                {
                    var x = input[u];
                    if (x == 0)
                    {
                        throw context.Error($"fraction of max with the reciprocal rule needs non-zero values (best value {min.ToString("R", CultureInfo.InvariantCulture)}, this value 0).", p, u);
                    }

                    output[u] = Scale * min / x;
                }
            }
        }
    }
}
