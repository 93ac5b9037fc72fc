using System.Globalization;
using T = CompositeIndex.MethodText;

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
public sealed record FractionOfMaxNormalization : FittedNormalization<FractionOfMaxParameters>
{
    /// <summary>The JSON method name, <c>"fractionOfMax"</c>.</summary>
    public const string Name = "fractionOfMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"fraction of the maximum × {T.N(Scale)}, {(Inversion == FractionOfMaxInversion.Reciprocal ? "reciprocal" : "negated (COINr)")} for lower-is-better indicators, {T.Reference(Reference, language)}", $"최댓값 대비 비율 × {T.N(Scale)}, 낮을수록 좋은 지표는 {(Inversion == FractionOfMaxInversion.Reciprocal ? "역수" : "부호 반전(COINr)")}, {T.Reference(Reference, language)}");

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
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override FractionOfMaxParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Stats.MinMax(reference) is var (min, max, n) && n > 0 ? new FractionOfMaxParameters(context.Polarity == Polarity.Negative ? min : max) : null;
    }

    /// <inheritdoc/>
    protected override string? Degenerate(FractionOfMaxParameters parameters, Polarity polarity) =>
        parameters.Best == 0 && (polarity != Polarity.Negative || Inversion == FractionOfMaxInversion.CoinrNegate)
            ? $"fraction of max needs a non-zero {(polarity == Polarity.Negative ? "minimum" : "maximum")}, but it is 0."
            : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(FractionOfMaxParameters? parameters, Polarity polarity) =>
        [new(polarity == Polarity.Negative ? "min" : "max", parameters?.Best ?? 0)];

    /// <inheritdoc/>
    protected override FractionOfMaxParameters FromNamedValues(Func<string, double> value, Polarity polarity) =>
        new(value(polarity == Polarity.Negative ? "min" : "max"));

    /// <inheritdoc/>
    protected override void Apply(FractionOfMaxParameters parameters, NormalizationContext context, int period, double sign)
    {
        var negative = sign < 0;
        var input = context.Input(period);
        var output = context.Output(period);
        var best = parameters.Best;
        if (!negative || Inversion == FractionOfMaxInversion.CoinrNegate)
        {
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = Scale * input[u] / best;
            }

            return;
        }

        for (var u = 0; u < input.Length; u++)
        {
            var x = input[u];
            if (x == 0)
            {
                throw context.Error($"fraction of max with the reciprocal rule needs non-zero values (best value {best.ToString("R", CultureInfo.InvariantCulture)}, this value 0).", period, u);
            }

            output[u] = Scale * best / x;
        }
    }
}
