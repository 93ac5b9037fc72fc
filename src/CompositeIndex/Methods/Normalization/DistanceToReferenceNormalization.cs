using System.Globalization;

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
/// absent from the data throws a <see cref="DataException"/>.</para>
/// </remarks>
/// <param name="Unit">The id of the reference unit.</param>
public sealed record DistanceToReferenceNormalization(string Unit) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"distanceToReference"</c>.</summary>
    public const string Name = "distanceToReference";

    /// <inheritdoc/>
    public override string MethodName => Name;

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
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Units.IndexOf(Unit, 0, context.Units.Length, StringComparer.Ordinal);
        if (r < 0)
        {
            throw new DataException($"Indicator '{context.IndicatorId}' is normalised as a distance to unit '{Unit}', but the data has no such unit.");
        }

        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var (min, max, n) = Stats.MinMax(input);
            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            var reference = sign * input[r];
            var worst = sign > 0 ? min : -max;
            if (double.IsNaN(reference))
            {
                throw context.Error($"the reference unit '{Unit}' has no value.", p, r);
            }

            if (reference == worst)
            {
                throw context.Error($"distance to reference unit '{Unit}' is undefined because it has the worst value ({input[r].ToString("R", CultureInfo.InvariantCulture)}).", p, r);
            }

            context.Record("reference", input[r], p);
            context.Record("worst", sign * worst, p);
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
}
