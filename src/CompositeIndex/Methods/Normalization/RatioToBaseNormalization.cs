using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>How <see cref="RatioToBaseNormalization"/> inverts an indicator with negative polarity.</summary>
public enum InversionRule
{
    /// <summary>The reciprocal ratio: <c>y = scale·x₀/x</c> (a halving of a "bad" indicator doubles the index).</summary>
    Reciprocal = 0,

    /// <summary>The mirrored ratio: <c>y = 2·scale − scale·x/x₀</c> (a 10 % fall scores 110).</summary>
    Mirror = 1,
}

/// <summary>
/// Each unit's value as a ratio to its own value in a base period, times a scale (base period = 100).
/// </summary>
/// <remarks>
/// <para>Formula (index numbers with a fixed base; Seoul Metropolitan Government, "Walking Together with the
/// Vulnerable Index" 2024, base year 2022 = 100): positive polarity <c>y = scale·x/x₀</c>, where x₀ is the same
/// unit's value of the same indicator in <see cref="BasePeriod"/>; negative polarity uses the
/// <see cref="Inversion"/> rule (<see cref="InversionRule.Reciprocal"/> <c>scale·x₀/x</c> or
/// <see cref="InversionRule.Mirror"/> <c>2·scale − scale·x/x₀</c>).</para>
/// <para>Edge cases: a missing base value gives a missing result for that unit; a zero base value, or a zero
/// current value under the reciprocal rule, throws a <see cref="NumericalException"/>; a base period absent
/// from the data throws an <see cref="IndexDataException"/>.</para>
/// </remarks>
/// <param name="BasePeriod">The base period, e.g. <c>"2022"</c>.</param>
public sealed record RatioToBaseNormalization(string BasePeriod) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"ratioToBase"</c>.</summary>
    public const string Name = "ratioToBase";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"ratio to {BasePeriod} × {T.N(Scale)}{(Inversion == InversionRule.Mirror ? $", mirrored (2 × {T.N(Scale)} − ratio) for lower-is-better indicators" : ", reciprocal for lower-is-better indicators")}", $"{BasePeriod} 대비 비율 × {T.N(Scale)}{(Inversion == InversionRule.Mirror ? $", 낮을수록 좋은 지표는 대칭 변환(2 × {T.N(Scale)} − 비율)" : ", 낮을수록 좋은 지표는 역수")}");

    /// <summary>Gets the value of the base period. The default is 100.</summary>
    public double Scale { get; init; } = 100;

    /// <summary>Gets the inversion rule for negative polarity. The default is <see cref="InversionRule.Reciprocal"/>.</summary>
    public InversionRule Inversion { get; init; } = InversionRule.Reciprocal;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(!string.IsNullOrWhiteSpace(BasePeriod), $"{path}.basePeriod", "The base period is missing.", errors);
        Require(double.IsFinite(Scale) && Scale > 0, $"{path}.scale", "The scale must be finite and positive.", errors);
        Require(Enum.IsDefined(Inversion), $"{path}.inversion", "Unknown inversion rule.", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var b = context.RequirePeriod(BasePeriod);
        var baseValues = context.Input(b);
        var negative = context.Polarity == Polarity.Negative;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var output = context.Output(p);
            for (var u = 0; u < input.Length; u++)
            {
                var x0 = baseValues[u];
                var x = input[u];
                if (double.IsNaN(x0) || double.IsNaN(x))
                {
                    output[u] = double.NaN;
                    continue;
                }

                if (x0 == 0)
                {
                    throw context.Error($"ratio to base period '{BasePeriod}' is undefined because the base value is 0.", p, u);
                }

                if (!negative)
                {
                    output[u] = Scale * x / x0;
                }
                else if (Inversion == InversionRule.Mirror)
                {
                    output[u] = (2 * Scale) - (Scale * x / x0);
                }
                else
                {
                    if (x == 0)
                    {
                        throw context.Error($"the reciprocal ratio to base period '{BasePeriod}' is undefined because the value is 0 (consider the mirror inversion rule).", p, u);
                    }

                    output[u] = Scale * x0 / x;
                }
            }
        }
    }

    /// <summary>Returns a short description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ratioToBase(base={BasePeriod}, scale={Scale}, inversion={Inversion})");
}
