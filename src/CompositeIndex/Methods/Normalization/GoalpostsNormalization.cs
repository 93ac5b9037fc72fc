using System.Globalization;
using System.Runtime.Intrinsics;
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
        var linear = !Log && double.IsFinite(range);
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var output = context.Output(p);
            if (linear)
            {
                ApplyLinear(input, output, new LinearGoalposts(Min, Max, Cap, Floor, negative, Scale), VectorBits);
                continue;
            }

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

    /// <summary>The widest vector this machine computes in hardware: 512, 256 or 128 bits.</summary>
    internal static readonly int VectorBits = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>
    /// The goalposts formula without the log scale and with a finite range, <paramref name="vectorBits"/> (512, 256, 128,
    /// or 0 for none) at a time: per value the same IEEE operations in the same order as the one-value loop
    /// (cap by <c>x &gt; max</c>, floor by <c>x &lt; min</c>, so NaN and the sign of a zero pass through as there;
    /// then <c>scale·(x − min)/(max − min)</c> or <c>scale·(max − x)/(max − min)</c>; no fused multiply-add), so the same bits.
    /// </summary>
    internal static void ApplyLinear(ReadOnlySpan<double> input, Span<double> output, LinearGoalposts g, int vectorBits)
    {
        var (min, max, scale, range) = (g.Min, g.Max, g.Scale, g.Max - g.Min);
        var u = 0;
        if (vectorBits == 512)
        {
            var (vmin, vmax, vscale, vrange) = (Vector512.Create(min), Vector512.Create(max), Vector512.Create(scale), Vector512.Create(range));
            for (; u + 8 <= input.Length; u += 8)
            {
                var x = Vector512.Create(input.Slice(u, 8));
                x = g.Cap ? Vector512.ConditionalSelect(Vector512.GreaterThan(x, vmax), vmax, x) : x;
                x = g.Floor ? Vector512.ConditionalSelect(Vector512.LessThan(x, vmin), vmin, x) : x;
                (vscale * (g.Negative ? vmax - x : x - vmin) / vrange).CopyTo(output.Slice(u, 8));
            }
        }
        else if (vectorBits == 256)
        {
            var (vmin, vmax, vscale, vrange) = (Vector256.Create(min), Vector256.Create(max), Vector256.Create(scale), Vector256.Create(range));
            for (; u + 4 <= input.Length; u += 4)
            {
                var x = Vector256.Create(input.Slice(u, 4));
                x = g.Cap ? Vector256.ConditionalSelect(Vector256.GreaterThan(x, vmax), vmax, x) : x;
                x = g.Floor ? Vector256.ConditionalSelect(Vector256.LessThan(x, vmin), vmin, x) : x;
                (vscale * (g.Negative ? vmax - x : x - vmin) / vrange).CopyTo(output.Slice(u, 4));
            }
        }
        else if (vectorBits == 128)
        {
            var (vmin, vmax, vscale, vrange) = (Vector128.Create(min), Vector128.Create(max), Vector128.Create(scale), Vector128.Create(range));
            for (; u + 2 <= input.Length; u += 2)
            {
                var x = Vector128.Create(input.Slice(u, 2));
                x = g.Cap ? Vector128.ConditionalSelect(Vector128.GreaterThan(x, vmax), vmax, x) : x;
                x = g.Floor ? Vector128.ConditionalSelect(Vector128.LessThan(x, vmin), vmin, x) : x;
                (vscale * (g.Negative ? vmax - x : x - vmin) / vrange).CopyTo(output.Slice(u, 2));
            }
        }

        for (; u < input.Length; u++)
        {
            var x = input[u];
            if (g.Cap && x > max)
            {
                x = max;
            }

            if (g.Floor && x < min)
            {
                x = min;
            }

            output[u] = scale * (g.Negative ? max - x : x - min) / range;
        }
    }

    /// <summary>The parameters of <see cref="ApplyLinear"/>.</summary>
    internal readonly record struct LinearGoalposts(double Min, double Max, bool Cap, bool Floor, bool Negative, double Scale);
}
