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
public sealed record RelativeToStatisticNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"relativeToStatistic"</c>.</summary>
    public const string Name = "relativeToStatistic";

    /// <inheritdoc/>
    public override string MethodName => Name;

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
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var negative = context.Polarity == Polarity.Negative;
        var name = Statistic switch { ReferenceStatistic.Maximum => "max", ReferenceStatistic.Minimum => "min", _ => "mean" };
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var values = context.ReferenceValues(Reference, p);
            double s;
            int n;
            if (Statistic == ReferenceStatistic.Mean)
            {
                (s, n) = Stats.Mean(values);
            }
            else
            {
                var (min, max, count) = Stats.MinMax(values);
                (s, n) = (Statistic == ReferenceStatistic.Maximum ? max : min, count);
            }

            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            if (s == 0)
            {
                throw context.Error($"relative to the {name} needs a non-zero {name}, but it is 0.", p);
            }

            context.Record(name, s, p);
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                var x = input[u];
                if (negative && Form == RelativeForm.Ratio && x == 0)
                {
                    throw context.Error($"the ratio {name}/x of a negative-polarity indicator needs non-zero values, but this value is 0.", p, u);
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
    }
}
