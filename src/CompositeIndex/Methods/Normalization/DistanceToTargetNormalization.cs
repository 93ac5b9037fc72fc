using System.Globalization;
using T = CompositeIndex.MethodText;

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
public sealed record DistanceToTargetNormalization(double Target) : FittedNormalization<DistanceToTargetParameters>
{
    /// <summary>The JSON method name, <c>"distanceToTarget"</c>.</summary>
    public const string Name = "distanceToTarget";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"distance from the worst value to the target {T.N(Target)}, × {T.N(Scale)}{(CapAtTarget ? ", capped at the target" : string.Empty)}, {T.Reference(Reference, language)}", $"최하위 값에서 목표값 {T.N(Target)}까지의 도달 정도 × {T.N(Scale)}{(CapAtTarget ? ", 목표값에서 상한" : string.Empty)}, {T.Reference(Reference, language)}");

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
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override DistanceToTargetParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Stats.MinMax(reference) is var (min, max, n) && n > 0 ? new DistanceToTargetParameters(context.Polarity == Polarity.Negative ? max : min) : null;
    }

    /// <inheritdoc/>
    protected override string? Degenerate(DistanceToTargetParameters parameters, Polarity polarity) =>
        parameters.Worst == Target ? $"distance to target {Target.ToString("R", CultureInfo.InvariantCulture)} is undefined because the worst observed value equals the target." : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(DistanceToTargetParameters? parameters, Polarity polarity) =>
        [new(polarity == Polarity.Negative ? "max" : "min", parameters?.Worst ?? 0)];

    /// <inheritdoc/>
    protected override DistanceToTargetParameters FromNamedValues(Func<string, double> value, Polarity polarity) =>
        new(value(polarity == Polarity.Negative ? "max" : "min"));

    /// <inheritdoc/>
    protected override void Apply(DistanceToTargetParameters parameters, NormalizationContext context, int period, double sign)
    {
        var worst = parameters.Worst;
        var input = context.Input(period);
        var output = context.Output(period);
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
