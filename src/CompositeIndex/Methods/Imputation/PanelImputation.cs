using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>How a <see cref="PanelImputation"/> fills a missing value from the same unit's other periods.</summary>
public enum PanelImputationKind
{
    /// <summary>The latest earlier non-missing value (last observation carried forward; COINr <c>impute_panel(imp_type = "latest")</c>).</summary>
    LatestValue = 0,

    /// <summary>
    /// Linear interpolation between the nearest earlier and later non-missing values, and the nearest value before the
    /// first or after the last observation (COINr <c>imp_type = "linear"</c>, i.e. <c>stats::approx(rule = 2)</c>).
    /// </summary>
    Linear = 1,
}

/// <summary>
/// Panel (time-series) imputation: a missing value of a unit is filled from the same unit and indicator in other periods.
/// </summary>
/// <remarks>
/// <para>COINr <c>impute_panel</c>. <see cref="PanelImputationKind.LatestValue"/> copies the latest earlier observed value
/// (never a later one). <see cref="PanelImputationKind.Linear"/> interpolates linearly in the period value (periods that
/// are all numbers, e.g. years, are used as numbers, so uneven gaps are respected; otherwise periods are equally spaced)
/// and extends the first/last observation flat beyond the observed range.</para>
/// <para><see cref="MaxGap"/> limits how far a value may come from, in periods: with LatestValue the source period is at
/// most <see cref="MaxGap"/> periods earlier (COINr <c>max_time</c>); with Linear a run of missing periods between two
/// observations is interpolated only when it is at most <see cref="MaxGap"/> periods long, and values before the first or
/// after the last observation are filled only up to <see cref="MaxGap"/> periods away from it. Units whose series is all missing stay missing.
/// Every imputed value is written to the audit log and as an <see cref="ImputedValue"/> report.</para>
/// </remarks>
public sealed record PanelImputation : PipelineStep
{
    /// <summary>The JSON method name, <c>"imputePanel"</c>.</summary>
    public const string Name = "imputePanel";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"impute missing values over time by {(Kind == PanelImputationKind.Linear ? "linear interpolation" : "the latest earlier value")}{(MaxGap is { } g ? $" (gaps of at most {g} periods)" : string.Empty)}{T.Scope(Indicators, language)}", $"결측값을 시계열로 대체: {(Kind == PanelImputationKind.Linear ? "선형 보간" : "직전 값")}{(MaxGap is { } gap ? $"(최대 {gap}개 기간의 공백)" : string.Empty)}{T.Scope(Indicators, language)}");

    /// <summary>Gets the kind of imputation. The default is <see cref="PanelImputationKind.LatestValue"/>.</summary>
    public PanelImputationKind Kind { get; init; } = PanelImputationKind.LatestValue;

    /// <summary>Gets the maximum distance in periods to a source value; <see langword="null"/> (the default) means no limit. Must be at least 1.</summary>
    public int? MaxGap { get; init; }

    /// <summary>Gets the indicators to impute; empty (the default) means every indicator of the definition.</summary>
    public ImmutableArray<string> Indicators { get; init; } = [];

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId) =>
        WithoutId(Indicators, indicatorId) is { } rest ? (rest == Indicators ? this : this with { Indicators = rest }) : null;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(Enum.IsDefined(Kind), $"{path}.kind", $"Unknown panel imputation kind {(int)Kind}.", errors);
        Require(MaxGap is null or >= 1, $"{path}.maxGap", $"The maximum gap must be at least 1 period (got {MaxGap?.ToString(CultureInfo.InvariantCulture)}).", errors);
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, path, "indicators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var periods = context.Periods;
        var t = new double[periods.Length];
        var numeric = periods.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        for (var i = 0; i < t.Length; i++)
        {
            t[i] = numeric ? double.Parse(periods[i], NumberStyles.Float, CultureInfo.InvariantCulture) : i;
        }

        var gap = MaxGap ?? int.MaxValue;
        var series = new double[periods.Length];
        foreach (var id in ImputationKernels.Targets(context, Indicators))
        {
            var v = context.RequireVariable(id, "an indicator to impute");
            for (var u = 0; u < context.UnitCount; u++)
            {
                var anyMissing = false;
                var anyPresent = false;
                for (var p = 0; p < periods.Length; p++)
                {
                    series[p] = context.Values(v, p)[u];
                    anyMissing |= double.IsNaN(series[p]);
                    anyPresent |= !double.IsNaN(series[p]);
                }

                if (!anyMissing || !anyPresent)
                {
                    continue;
                }

                for (var p = 0; p < periods.Length; p++)
                {
                    if (!double.IsNaN(series[p]))
                    {
                        continue;
                    }

                    var before = p - 1;
                    while (before >= 0 && double.IsNaN(series[before]))
                    {
                        before--;
                    }

                    var after = p + 1;
                    while (after < periods.Length && double.IsNaN(series[after]))
                    {
                        after++;
                    }

                    var hasBefore = before >= 0 && p - before <= gap;
                    var hasAfter = after < periods.Length && after - p <= gap;
                    double value;
                    string message;
                    if (Kind == PanelImputationKind.LatestValue)
                    {
                        if (!hasBefore)
                        {
                            continue;
                        }

                        value = series[before];
                        message = $"{ImputationKernels.Imputed}latest value, from period {periods[before]}.";
                    }
                    else if (before >= 0 && after < periods.Length)
                    {
                        if (after - before - 1 > gap)
                        {
                            continue;
                        }

                        var w = (t[p] - t[before]) / (t[after] - t[before]);
                        value = series[before] + (w * (series[after] - series[before]));
                        message = $"{ImputationKernels.Imputed}linear between periods {periods[before]} and {periods[after]}.";
                    }
                    else if (before >= 0)
                    {
                        if (!hasBefore)
                        {
                            continue;
                        }

                        value = series[before];
                        message = $"{ImputationKernels.Imputed}last observation, period {periods[before]}.";
                    }
                    else
                    {
                        if (!hasAfter)
                        {
                            continue;
                        }

                        value = series[after];
                        message = $"{ImputationKernels.Imputed}first observation, period {periods[after]}.";
                    }

                    context.Values(v, p)[u] = value;
                    ImputationKernels.Record(context, Name, id, u, p, value, message);
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(PanelImputation? other) =>
        other is not null && Kind == other.Kind && MaxGap == other.MaxGap && StepEquality.Sequence(Indicators, other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, MaxGap, StepEquality.Hash(Indicators));
}
