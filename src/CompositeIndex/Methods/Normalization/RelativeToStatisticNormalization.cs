using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>The statistic of the reference values that <see cref="RelativeToStatisticNormalization"/> divides by.</summary>
public enum ReferenceStatistic
{
    /// <summary>The arithmetic mean of the reference values.</summary>
    Mean = 0,

    /// <summary>The largest reference value (the leader for a positive indicator).</summary>
    Maximum = 1,

    /// <summary>The smallest reference value (the laggard for a positive indicator).</summary>
    Minimum = 2,
}

/// <summary>The form of <see cref="RelativeToStatisticNormalization"/>: a ratio or a relative difference.</summary>
public enum RelativeForm
{
    /// <summary><c>y = x/s</c>.</summary>
    Ratio = 0,

    /// <summary><c>y = (x − s)/s</c>.</summary>
    RelativeDifference = 1,
}

/// <summary>
/// Normalisation relative to a statistic of the reference values: the ratio <c>x/s</c> or the relative difference
/// <c>(x − s)/s</c>, where <c>s</c> is the mean, the maximum or the minimum.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §5.2 "distance to a reference" and
/// Table 15, p. 87: "ratio to mean", "ratio to best", "ratio to worst", "relative difference from mean / worst"):
/// <c>y = x/s</c> (<see cref="RelativeForm.Ratio"/>) or <c>y = (x − s)/s</c>
/// (<see cref="RelativeForm.RelativeDifference"/>), with <c>s</c> the <see cref="Statistic"/> of the non-missing
/// values of the <see cref="Reference"/>. The Handbook states these for positive indicators; for negative polarity the
/// library reverses the order as polarity requires: <c>y = s/x</c> for the ratio and <c>y = (s − x)/s</c> for the
/// relative difference. Meaningful for ratio-scale, positive indicators.</para>
/// <para>Edge cases: a reference with no values gives all-missing output; <c>s = 0</c>, or <c>x = 0</c> under the
/// negative-polarity ratio, throws a <see cref="NumericalException"/> naming the indicator, period (and unit).</para>
/// </remarks>
public sealed record RelativeToStatisticNormalization : FittedNormalization<StatisticParameters>
{
    /// <summary>The JSON method name, <c>"relativeToStatistic"</c>.</summary>
    public const string Name = "relativeToStatistic";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"{(Form == RelativeForm.Ratio ? "ratio to" : "relative difference from")} the {Statistic.ToString().ToLowerInvariant()}, {T.Reference(Reference, language)}", $"{(Statistic == ReferenceStatistic.Mean ? "평균" : Statistic == ReferenceStatistic.Maximum ? "최댓값" : "최솟값")} 대비 {(Form == RelativeForm.Ratio ? "비율" : "상대 차이")}, {T.Reference(Reference, language)}");

    /// <summary>Gets the statistic divided by. The default is <see cref="ReferenceStatistic.Mean"/>.</summary>
    public ReferenceStatistic Statistic { get; init; } = ReferenceStatistic.Mean;

    /// <summary>Gets the form (ratio or relative difference). The default is <see cref="RelativeForm.Ratio"/>.</summary>
    public RelativeForm Form { get; init; } = RelativeForm.Ratio;

    /// <summary>Gets the reference the statistic is fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(Enum.IsDefined(Statistic), $"{path}.statistic", "Unknown statistic.", errors);
        Require(Enum.IsDefined(Form), $"{path}.form", "Unknown form.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
    }

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override StatisticParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        if (Statistic == ReferenceStatistic.Mean)
        {
            return Stats.Mean(reference) is var (mean, n) && n > 0 ? new StatisticParameters(mean) : null;
        }

        var (min, max, count) = Stats.MinMax(reference);
        return count > 0 ? new StatisticParameters(Statistic == ReferenceStatistic.Maximum ? max : min) : null;
    }

    /// <inheritdoc/>
    protected override string? Degenerate(StatisticParameters parameters, Polarity polarity) =>
        parameters.Value == 0 ? $"relative to the {StatisticName} needs a non-zero {StatisticName}, but it is 0." : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(StatisticParameters? parameters, Polarity polarity) =>
        [new(StatisticName, parameters?.Value ?? 0)];

    /// <inheritdoc/>
    protected override StatisticParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value(StatisticName));

    /// <inheritdoc/>
    protected override void Apply(StatisticParameters parameters, NormalizationContext context, int period, double sign)
    {
        var negative = sign < 0;
        var s = parameters.Value;
        var input = context.Input(period);
        var output = context.Output(period);
        for (var u = 0; u < input.Length; u++)
        {
            var x = input[u];
            if (negative && Form == RelativeForm.Ratio && x == 0)
            {
                throw context.Error($"the ratio {StatisticName}/x of a negative-polarity indicator needs non-zero values, but this value is 0.", period, u);
            }

            output[u] = (Form, negative) switch
            {
                (RelativeForm.Ratio, false) => x / s,
                (RelativeForm.Ratio, true) => s / x,
                (_, false) => (x - s) / s,
                _ => (s - x) / s,
            };
        }
    }

    private string StatisticName => Statistic switch { ReferenceStatistic.Maximum => "max", ReferenceStatistic.Minimum => "min", _ => "mean" };
}
