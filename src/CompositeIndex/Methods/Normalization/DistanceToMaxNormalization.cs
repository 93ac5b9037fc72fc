using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Normalisation as the distance to the best value: <c>1 − (best − x)/(best − worst)</c>, scaled.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_dist2max</c>; OECD/JRC Handbook 2008, §5.2, "distance to a reference" with the leader
/// as reference): on x' = x for positive and x' = −x for negative polarity (COINr multiplies by the direction first),
/// <c>y = scale·(1 − (max' − x')/(max' − min'))</c>, where min' and max' are taken over the non-missing values of the
/// <see cref="Reference"/>. The best unit scores <c>scale</c>, the worst 0. Algebraically this equals a min-max
/// normalisation to [0, scale]; the formula is kept as COINr writes it so that results agree to the last bits.</para>
/// <para>Edge cases: a reference with no values gives all-missing output; a zero range throws a
/// <see cref="NumericalException"/> (COINr returns NaN).</para>
/// </remarks>
public sealed record DistanceToMaxNormalization : FittedNormalization<MinMaxParameters>
{
    /// <summary>The JSON method name, <c>"distanceToMax"</c>.</summary>
    public const string Name = "distanceToMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"1 − distance to the best value as a share of the range, × {T.N(Scale)}, {T.Reference(Reference, language)}", $"1 − (최고값까지의 거리 ÷ 범위) × {T.N(Scale)}, {T.Reference(Reference, language)}");

    /// <summary>Gets the score of the best unit. The default is 1 (COINr).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets the reference the best and worst values are fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
    }

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override MinMaxParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference) =>
        Stats.MinMax(reference) is var (min, max, n) && n > 0 ? new MinMaxParameters(min, max) : null;

    /// <inheritdoc/>
    protected override string? Degenerate(MinMaxParameters parameters, Polarity polarity) =>
        parameters.Max == parameters.Min ? $"distance to max needs a non-zero range, but every reference value is {parameters.Min.ToString("R", CultureInfo.InvariantCulture)}." : null;

    /// <inheritdoc/>
    /// <remarks>Recorded as <c>best</c> and <c>worst</c> on the indicator's own scale (the maximum and minimum, swapped for a negative indicator).</remarks>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(MinMaxParameters? parameters, Polarity polarity) =>
        polarity == Polarity.Negative
            ? [new("best", parameters?.Min ?? 0), new("worst", parameters?.Max ?? 0)]
            : [new("best", parameters?.Max ?? 0), new("worst", parameters?.Min ?? 0)];

    /// <inheritdoc/>
    protected override MinMaxParameters FromNamedValues(Func<string, double> value, Polarity polarity) =>
        polarity == Polarity.Negative ? new(value("best"), value("worst")) : new(value("worst"), value("best"));

    /// <inheritdoc/>
    protected override void Apply(MinMaxParameters parameters, NormalizationContext context, int period, double sign)
    {

        // On the direction-adjusted scale x' = sign·x: max' and min'.
        var best = sign > 0 ? parameters.Max : -parameters.Min;
        var worst = sign > 0 ? parameters.Min : -parameters.Max;
        var input = context.Input(period);
        var output = context.Output(period);
        for (var u = 0; u < input.Length; u++)
        {
            output[u] = Scale * (1 - ((best - (sign * input[u])) / (best - worst)));
        }
    }
}
