using System.Globalization;

namespace CompositeIndex;

/// <summary>
/// Distance to a target: how far each unit has come from the worst observed value towards a fixed target.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_dist2targ</c>; OECD/JRC Handbook 2008, §5.2, "distance to a reference"):
/// positive polarity <c>y = scale·(x − min)/(target − min)</c>; negative polarity
/// <c>y = scale·(max − x)/(max − target)</c>, where min and max are fitted on the <see cref="Reference"/>.
/// With <see cref="CapAtTarget"/>, units beyond the target score exactly <c>scale</c>.</para>
/// <para>Edge cases: when the worst observed value equals the target the distance is undefined and a
/// <see cref="NumericalException"/> is thrown.</para>
/// </remarks>
/// <param name="Target">The target value (the value that scores <c>scale</c>).</param>
public sealed record DistanceToTargetNormalization(double Target) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"distanceToTarget"</c>.</summary>
    public const string Name = "distanceToTarget";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets a value indicating whether values beyond the target score exactly <see cref="Scale"/>. The default is <see langword="true"/>.</summary>
    public bool CapAtTarget { get; init; } = true;

    /// <summary>Gets the score at the target. The default is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets the reference the worst observed value is fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Target), $"{path}.target", "The target must be finite.", errors);
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var negative = context.Polarity == Polarity.Negative;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var (min, max, n) = Stats.MinMax(context.ReferenceValues(Reference, p));
            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            var worst = negative ? max : min;
            if (worst == Target)
            {
                throw context.Error($"distance to target {Target.ToString("R", CultureInfo.InvariantCulture)} is undefined because the worst observed value equals the target.", p);
            }

            context.Record(negative ? "max" : "min", worst, p);
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                var y = (input[u] - worst) / (Target - worst);
                if (CapAtTarget && y > 1)
                {
                    y = 1;
                }

                output[u] = Scale * y;
            }
        }
    }
}
