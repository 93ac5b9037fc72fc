using System.Globalization;

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
public sealed record DistanceToMaxNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"distanceToMax"</c>.</summary>
    public const string Name = "distanceToMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

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
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var (min, max, n) = Stats.MinMax(context.ReferenceValues(Reference, p));
            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            if (max == min)
            {
                throw context.Error($"distance to max needs a non-zero range, but every reference value is {min.ToString("R", CultureInfo.InvariantCulture)}.", p);
            }

            // On the direction-adjusted scale x' = sign·x: max' and min'.
            var best = sign > 0 ? max : -min;
            var worst = sign > 0 ? min : -max;
            context.Record("best", sign * best, p);
            context.Record("worst", sign * worst, p);
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = Scale * (1 - ((best - (sign * input[u])) / (best - worst)));
            }
        }
    }
}
