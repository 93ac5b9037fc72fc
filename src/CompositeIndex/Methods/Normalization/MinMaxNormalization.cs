using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Min-max normalisation to a range [<see cref="Lower"/>, <see cref="Upper"/>], fitted on the data.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC <i>Handbook on Constructing Composite Indicators</i>, 2008, §5.2, "min-max"; COINr <c>n_minx</c>):
/// positive polarity <c>y = L + (x − min)/(max − min)·(U − L)</c>; negative polarity
/// <c>y = L + (max − x)/(max − min)·(U − L)</c>, where min and max are taken over the non-missing values of the
/// <see cref="Reference"/>. Values outside the reference range (possible with a base-period reference) map
/// outside [L, U]; they are not clipped.</para>
/// <para>Large values: when max − min exceeds the largest double (values near ±1.8e308), the same formula is computed on
/// halved values, <c>(x/2 − min/2)/(max/2 − min/2)</c> (halving is exact), so the result is still correct; U − L must be
/// finite (validated).</para>
/// <para>Edge cases: a reference with no values gives all-missing output; a zero range (max = min, including a single
/// reference value) throws a
/// <see cref="NumericalException"/> naming the indicator and period, or gives all-missing output when
/// <see cref="WhenConstant"/> is <see cref="ConstantReferenceBehavior.Missing"/> (COINr's NaN).</para>
/// </remarks>
/// <param name="Lower">The value given to the worst unit. The default is 0.</param>
/// <param name="Upper">The value given to the best unit. Must differ from <paramref name="Lower"/>. The default is 100.</param>
public sealed record MinMaxNormalization(double Lower = 0, double Upper = 100) : FittedNormalization<MinMaxParameters>
{
    /// <summary>The JSON method name, <c>"minMax"</c>.</summary>
    public const string Name = "minMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"min-max to {T.N(Lower)}–{T.N(Upper)}, {T.Reference(Reference, language)}, reversed for lower-is-better indicators", $"최소-최대 정규화({T.N(Lower)}–{T.N(Upper)}), {T.Reference(Reference, language)}, 낮을수록 좋은 지표는 뒤집음");

    /// <summary>Gets the reference the min and max are fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <summary>Gets what happens when the reference has a zero range (max = min). The default is <see cref="ConstantReferenceBehavior.Throw"/>.</summary>
    public ConstantReferenceBehavior WhenConstant { get; init; } = ConstantReferenceBehavior.Throw;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Lower) && double.IsFinite(Upper), path, "Lower and upper must be finite.", errors);
        Require(Lower != Upper, $"{path}.upper", $"Upper must differ from lower (both {Lower.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(!double.IsFinite(Lower) || !double.IsFinite(Upper) || double.IsFinite(Upper - Lower), $"{path}.upper", "Upper − lower must be a finite double (at most about 1.8e308 apart).", errors);
        Reference?.Validate($"{path}.reference", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Require(Enum.IsDefined(WhenConstant), $"{path}.whenConstant", "Unknown constant-reference behaviour.", errors);
    }

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override ConstantReferenceBehavior FitWhenConstant => WhenConstant;

    /// <inheritdoc/>
    protected override MinMaxParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference) =>
        Stats.MinMax(reference) is var (min, max, n) && n > 0 ? new MinMaxParameters(min, max) : null;

    /// <inheritdoc/>
    protected override string? Degenerate(MinMaxParameters parameters, Polarity polarity) =>
        parameters.Max == parameters.Min ? $"min-max normalisation needs a non-zero range, but every reference value is {parameters.Min.ToString("R", CultureInfo.InvariantCulture)}." : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(MinMaxParameters? parameters, Polarity polarity) =>
        [new("min", parameters?.Min ?? 0), new("max", parameters?.Max ?? 0)];

    /// <summary>Records <see cref="NamedValues"/> (min, then max) without building the sequence (once per indicator and period).</summary>
    internal override void RecordFitted(MinMaxParameters parameters, NormalizationContext context, int period)
    {
        context.Record("min", parameters.Min, period);
        context.Record("max", parameters.Max, period);
    }

    /// <inheritdoc/>
    protected override MinMaxParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value("min"), value("max"));

    /// <summary>Gets <see langword="true"/>: every value of every period is written (or the method throws).</summary>
    internal override bool WritesEveryOutput => true;

    /// <inheritdoc/>
    protected override void Apply(MinMaxParameters parameters, NormalizationContext context, int period, double sign)
    {
        var (min, max) = (parameters.Min, parameters.Max);
        var negative = sign < 0;
        var input = context.Input(period);
        var output = context.Output(period);
        if (!double.IsFinite(max - min))
        {
            // The range exceeds the largest double (e.g. min −1e308, max 1e308): the same formula on halved values,
            // (x/2 − min/2)/(max/2 − min/2), whose differences cannot overflow. Halving is exact.
            // Divide first: 1/(max/2 − min/2) would be subnormal and lose digits.
            var halfRange = (0.5 * max) - (0.5 * min);
            for (var u = 0; u < input.Length; u++)
            {
                var x = 0.5 * input[u];
                output[u] = Lower + ((negative ? (0.5 * max) - x : x - (0.5 * min)) / halfRange * (Upper - Lower));
            }

            return;
        }

        // lower + (x − min)·scale (or (max − x)·scale), vectorised: the same IEEE operations per value in the same order
        // (no fused multiply-add), so the same bits as one value at a time.
        var (lower, scale) = (Lower, (Upper - Lower) / (max - min));
        var start = 0;
        if (Vector.IsHardwareAccelerated && input.Length >= Vector<double>.Count)
        {
            var (vl, vs, vmin, vmax) = (new Vector<double>(lower), new Vector<double>(scale), new Vector<double>(min), new Vector<double>(max));
            var xs = MemoryMarshal.Cast<double, Vector<double>>(input);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(output)[..xs.Length];
            for (var v = 0; v < xs.Length; v++)
            {
                ys[v] = vl + ((negative ? vmax - xs[v] : xs[v] - vmin) * vs);
            }

            start = xs.Length * Vector<double>.Count;
        }

        for (var u = start; u < input.Length; u++)
        {
            var x = input[u];
            output[u] = lower + ((negative ? max - x : x - min) * scale);
        }
    }
}
