using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// A fixed linear rescaling <c>(x − lower)/(upper − lower)·factor</c> (not fitted on the data, not clipped).
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_scaled</c>, "the method applied in the GII 2020 for some indicators"):
/// <c>y = factor·(x' − l)/(u − l)</c> with x' = x for positive polarity and x' = −x for negative polarity, exactly as
/// COINr, which multiplies an indicator by its direction before normalising. So for a negative indicator
/// <see cref="Lower"/> and <see cref="Upper"/> are read on the negated scale (e.g. l = −50, u = 0 maps x = 50 to 0 and
/// x = 0 to 100). Unlike <see cref="GoalpostsNormalization"/> there is no truncation.</para>
/// <para>Does not need fitted parameters; missing values stay missing.</para>
/// </remarks>
/// <param name="Lower">l, mapped to 0.</param>
/// <param name="Upper">u, mapped to <see cref="Factor"/>; must differ from <paramref name="Lower"/>.</param>
public sealed record ScaledNormalization(double Lower = 0, double Upper = 100) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"scaled"</c>.</summary>
    public const string Name = "scaled";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"fixed rescaling (x − {T.N(Lower)}) / ({T.N(Upper)} − {T.N(Lower)}) × {T.N(Factor)}", $"고정 선형 변환 (x − {T.N(Lower)}) ÷ ({T.N(Upper)} − {T.N(Lower)}) × {T.N(Factor)}");

    /// <summary>Gets the value given at <see cref="Upper"/>. The default is 100 (COINr).</summary>
    public double Factor { get; init; } = 100;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Lower), $"{path}.lower", "The lower value must be finite.", errors);
        Require(double.IsFinite(Upper), $"{path}.upper", "The upper value must be finite.", errors);
        Require(Lower != Upper, $"{path}.upper", $"Upper must differ from lower (both {Lower.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(double.IsFinite(Factor) && Factor != 0, $"{path}.factor", "The factor must be finite and non-zero.", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var output = context.Output(p);
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = ((sign * input[u]) - Lower) / (Upper - Lower) * Factor;
            }
        }
    }
}
