using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Normalisation with fixed goalposts (minimum and maximum chosen in advance, not fitted on the data),
/// optionally on a log scale, with values capped at the maximum and floored at the minimum.
/// </summary>
/// <remarks>
/// <para>Formula (UNDP, <i>Human Development Report 2023/2024 Technical notes</i>, TN1: "dimension index =
/// (actual value − minimum value)/(maximum value − minimum value)"; income uses natural logarithms):
/// with x' = min(x, max) when <see cref="Cap"/> and x' = max(x', min) when <see cref="Floor"/>,
/// positive polarity <c>y = scale·(f(x') − f(min))/(f(max) − f(min))</c> and negative polarity
/// <c>y = scale·(f(max) − f(x'))/(f(max) − f(min))</c>, where f is the identity or, when <see cref="Log"/>, ln.</para>
/// <para>Edge cases: with <see cref="Log"/>, the minimum and every (floored) value must be positive; a
/// non-positive value throws a <see cref="NumericalException"/> naming the unit and period.</para>
/// <para>Large goalposts: when f(max) − f(min) exceeds the largest double (goalposts near ±1.8e308), the formula is
/// computed on halved values (exact), so a value midway between goalposts −1e308 and 1e308 scores 0.5·scale.</para>
/// </remarks>
/// <param name="Min">The lower goalpost (the value that scores 0 for positive polarity).</param>
/// <param name="Max">The upper goalpost (the value that scores <see cref="Scale"/>); must exceed <paramref name="Min"/>.</param>
public sealed record GoalpostsNormalization(double Min, double Max) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"goalposts"</c>.</summary>
    public const string Name = "goalposts";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"fixed goalposts {T.N(Min)}–{T.N(Max)}{(Log ? " on a log scale" : string.Empty)}, scaled to 0–{T.N(Scale)}{(Cap || Floor ? ", values beyond the goalposts capped" : string.Empty)}", $"고정 기준값 {T.N(Min)}–{T.N(Max)}{(Log ? "(로그 척도)" : string.Empty)}, 0–{T.N(Scale)} 범위로 환산{(Cap || Floor ? ", 기준값을 벗어난 값은 기준값으로 제한" : string.Empty)}");

    /// <summary>Gets a value indicating whether values above <see cref="Max"/> are set to <see cref="Max"/>. The default is <see langword="true"/>.</summary>
    public bool Cap { get; init; } = true;

    /// <summary>Gets a value indicating whether values below <see cref="Min"/> are set to <see cref="Min"/>. The default is <see langword="true"/>.</summary>
    public bool Floor { get; init; } = true;

    /// <summary>Gets a value indicating whether values and goalposts are log-transformed (natural log). The default is <see langword="false"/>.</summary>
    public bool Log { get; init; }

    /// <summary>Gets the value given at the upper goalpost (1 for UNDP, 100 for COINr). The default is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Min), $"{path}.min", "The lower goalpost must be finite.", errors);
        Require(double.IsFinite(Max), $"{path}.max", "The upper goalpost must be finite.", errors);
        Require(!(Max <= Min), $"{path}.max", $"The upper goalpost ({Max.ToString(CultureInfo.InvariantCulture)}) must exceed the lower one ({Min.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(!Log || Min > 0, $"{path}.min", "Log-scaled goalposts need a positive lower goalpost.", errors);
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
    }

    /// <summary>Gets <see langword="true"/>: every value of every period is written (or the method throws).</summary>
    internal override bool WritesEveryOutput => true;

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var negative = context.Polarity == Polarity.Negative;
        var fmin = Log ? Math.Log(Min) : Min;
        var fmax = Log ? Math.Log(Max) : Max;
        var range = fmax - fmin;
        context.Record("min", Min);
        context.Record("max", Max);
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var output = context.Output(p);
            for (var u = 0; u < input.Length; u++)
            {
                var x = input[u];
                if (Cap && x > Max)
                {
                    x = Max;
                }

                if (Floor && x < Min)
                {
                    x = Min;
                }

                if (Log)
                {
                    if (x <= 0)
                    {
                        throw context.Error($"log-scaled goalposts need positive values (got {x.ToString("R", CultureInfo.InvariantCulture)}).", p, u);
                    }

                    x = Math.Log(x);
                }

                output[u] = double.IsFinite(range)
                    ? Scale * (negative ? fmax - x : x - fmin) / range
                    : Scale * ((negative ? (0.5 * fmax) - (0.5 * x) : (0.5 * x) - (0.5 * fmin)) / ((0.5 * fmax) - (0.5 * fmin))); // goalposts more than 1.8e308 apart: halved (exact), no overflow
            }
        }
    }
}
