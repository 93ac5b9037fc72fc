using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Normalisation as the distance to a reference unit (a benchmark country or city): the reference unit scores
/// <see cref="Scale"/>, the worst unit 0.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_dist2ref</c>; OECD/JRC Handbook 2008, §5.2, "distance to a reference"): on x' = x for
/// positive and x' = −x for negative polarity, <c>y = scale·(1 − (x'ref − x')/(x'ref − min'))</c>, where x'ref is the
/// reference unit's value in the same period and min' the smallest x' over the period's non-missing values. Units
/// better than the reference score above <c>scale</c> unless <see cref="CapAtReference"/> is set (COINr
/// <c>cap_max</c>, default off). For negative polarity this is <c>scale·(max − x)/(max − xref)</c>.</para>
/// <para>Edge cases: a period without any value gives all-missing output; a missing reference value, or a reference
/// equal to the worst value, throws a <see cref="NumericalException"/> (COINr returns NA or NaN); a reference unit
/// absent from the data throws an <see cref="IndexDataException"/>.</para>
/// </remarks>
/// <param name="Unit">The id of the reference unit.</param>
public sealed record DistanceToReferenceNormalization(string Unit) : FittedNormalization<DistanceToReferenceParameters>
{
    /// <summary>The JSON method name, <c>"distanceToReference"</c>.</summary>
    public const string Name = "distanceToReference";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"distance to the reference unit {Unit} (which scores {T.N(Scale)}){(CapAtReference ? ", capped at the reference" : string.Empty)}", $"기준 단위 {Unit} 대비 거리(기준 단위 = {T.N(Scale)}){(CapAtReference ? ", 기준에서 상한" : string.Empty)}");

    /// <summary>Gets a value indicating whether units better than the reference score exactly <see cref="Scale"/>. The default is <see langword="false"/> (COINr).</summary>
    public bool CapAtReference { get; init; }

    /// <summary>Gets the score of the reference unit. The default is 1 (COINr).</summary>
    public double Scale { get; init; } = 1;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(!string.IsNullOrWhiteSpace(Unit), $"{path}.unit", "The reference unit is missing.", errors);
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
    }

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    protected override DistanceToReferenceParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Units.IndexOf(Unit, 0, context.Units.Length, StringComparer.Ordinal);
        if (r < 0)
        {
            throw new IndexDataException($"Indicator '{context.IndicatorId}' is normalised as a distance to unit '{Unit}', but the data has no such unit.");
        }

        var (min, max, n) = Stats.MinMax(reference);
        if (n == 0)
        {
            return null;
        }

        if (double.IsNaN(reference[r]))
        {
            throw context.Error($"the reference unit '{Unit}' has no value.", period, r);
        }

        return new DistanceToReferenceParameters(reference[r], context.Polarity == Polarity.Negative ? max : min);
    }

    /// <inheritdoc/>
    protected override string? Degenerate(DistanceToReferenceParameters parameters, Polarity polarity) =>
        parameters.Reference == parameters.Worst
            ? $"distance to reference unit '{Unit}' is undefined because it has the worst value ({parameters.Reference.ToString("R", CultureInfo.InvariantCulture)})."
            : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(DistanceToReferenceParameters? parameters, Polarity polarity) =>
        [new("reference", parameters?.Reference ?? 0), new("worst", parameters?.Worst ?? 0)];

    /// <inheritdoc/>
    protected override DistanceToReferenceParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value("reference"), value("worst"));

    /// <inheritdoc/>
    protected override void Apply(DistanceToReferenceParameters parameters, NormalizationContext context, int period, double sign)
    {
        var reference = sign * parameters.Reference;
        var worst = sign * parameters.Worst;
        var input = context.Input(period);
        var output = context.Output(period);
        for (var u = 0; u < input.Length; u++)
        {
            var y = 1 - ((reference - (sign * input[u])) / (reference - worst));
            if (CapAtReference && y > 1)
            {
                y = 1;
            }

            output[u] = Scale * y;
        }
    }
}
