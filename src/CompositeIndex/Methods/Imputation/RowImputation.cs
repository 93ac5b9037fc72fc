using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Row-wise imputation within framework groups: a missing value of a unit is replaced by the mean or median of the
/// same unit's other indicators in the same group (e.g. pillar), optionally after bringing every indicator to [0, 1].
/// </summary>
/// <remarks>
/// <para>COINr <c>Impute(impute_by = "row", group_level = L, normalise_first = TRUE)</c>. With
/// <see cref="NormalizeFirst"/>, each indicator column x of the group (per period, over the units present) is
/// direction-adjusted and min-max scaled, <c>z = (d·x − min)/(max − min)</c> with d = +1 or −1 (the polarity) and
/// min/max over d·x; the row statistic of z over the group's non-missing values is imputed and mapped back,
/// <c>x = d·(z·(max − min) + min)</c>. Non-missing values are never changed. Without normalisation the raw values are
/// averaged (only sensible when the indicators share a scale).</para>
/// <para>Groups are the ancestors of the indicators at <see cref="GroupLevel"/> (COINr levels: 2 = the indicator's
/// own group, 3 = the group above, ...). Edge cases: a unit with every value of a group missing keeps them missing; a
/// constant column scales to 0/0, so it does not count in the row statistic, and its missing values become the constant (as in COINr).</para>
/// </remarks>
public sealed record RowImputation : PipelineStep
{
    /// <summary>The JSON method name, <c>"imputeRow"</c>.</summary>
    public const string Name = "imputeRow";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"impute missing values with the {(Statistic == ImputationStatistic.Median ? "median" : "mean")} of the unit's other indicators in the same group (level {GroupLevel}){(NormalizeFirst ? ", on normalised values" : string.Empty)}{T.Scope(Indicators, language)}", $"결측값을 같은 그룹(수준 {GroupLevel})의 다른 지표 {(Statistic == ImputationStatistic.Median ? "중앙값" : "평균")}으로 대체{(NormalizeFirst ? "(정규화된 값 기준)" : string.Empty)}{T.Scope(Indicators, language)}");

    /// <summary>Gets the statistic. The default is <see cref="ImputationStatistic.Mean"/>.</summary>
    public ImputationStatistic Statistic { get; init; } = ImputationStatistic.Mean;

    /// <summary>Gets the hierarchy level whose groups define the rows (COINr <c>group_level</c>); must be at least 2. The default is 2.</summary>
    public int GroupLevel { get; init; } = 2;

    /// <summary>Gets a value indicating whether columns are direction-adjusted and min-max scaled first. The default is <see langword="true"/>.</summary>
    public bool NormalizeFirst { get; init; } = true;

    /// <summary>Gets the indicators to impute and use; empty (the default) means every indicator of the definition.</summary>
    public ImmutableArray<string> Indicators { get; init; } = [];

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId) =>
        WithoutId(Indicators, indicatorId) is { } rest ? (rest == Indicators ? this : this with { Indicators = rest }) : null;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(Enum.IsDefined(Statistic), $"{path}.statistic", $"Unknown statistic {(int)Statistic}.", errors);
        Require(GroupLevel >= 2, $"{path}.groupLevel", $"The group level must be at least 2 (the indicators' own groups); got {GroupLevel.ToString(CultureInfo.InvariantCulture)}.", errors);
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, path, "indicators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = ImputationKernels.TargetsByAncestor(context, Indicators, GroupLevel);

        var n = context.UnitCount;
        var how = Statistic == ImputationStatistic.Mean ? "mean" : "median";
        foreach (var (group, members) in groups)
        {
            var k = members.Count;
            var vars = members.Select(m => context.RequireVariable(m, "an indicator to impute")).ToArray();
            var sign = members.Select(m => context.PolarityOf(m) == Polarity.Negative ? -1.0 : 1.0).ToArray();
            var min = new double[k];
            var range = new double[k];
            var row = new double[k];
            var scratch = new double[k];
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var cols = vars.Select(v => context.Values(v, p).ToArray()).ToArray();
                if (!cols.Any(c => c.Any(double.IsNaN)))
                {
                    continue;
                }

                for (var j = 0; j < k; j++)
                {
                    if (NormalizeFirst)
                    {
                        var lo = double.PositiveInfinity;
                        var hi = double.NegativeInfinity;
                        foreach (var x in cols[j])
                        {
                            if (!double.IsNaN(x))
                            {
                                lo = Math.Min(lo, sign[j] * x);
                                hi = Math.Max(hi, sign[j] * x);
                            }
                        }

                        min[j] = lo;
                        range[j] = hi - lo;
                    }
                    else
                    {
                        min[j] = 0;
                        range[j] = 1;
                    }
                }

                for (var u = 0; u < n; u++)
                {
                    var missing = false;
                    for (var j = 0; j < k; j++)
                    {
                        var x = cols[j][u];
                        missing |= double.IsNaN(x);
                        row[j] = NormalizeFirst ? ((sign[j] * x) - min[j]) / range[j] : x;
                    }

                    if (!missing)
                    {
                        continue;
                    }

                    var z = ImputationKernels.Statistic(Statistic, row, scratch);
                    if (double.IsNaN(z))
                    {
                        continue;
                    }

                    for (var j = 0; j < k; j++)
                    {
                        if (!double.IsNaN(cols[j][u]) || !double.IsFinite(min[j]))
                        {
                            continue;
                        }

                        var value = NormalizeFirst ? ((z * range[j]) + min[j]) * sign[j] : z;
                        context.Values(vars[j], p)[u] = value;
                        ImputationKernels.Record(context, Name, members[j], u, p, value, $"{ImputationKernels.Imputed}row {how} of group '{group}'{(NormalizeFirst ? " after min-max scaling" : string.Empty)}.");
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(RowImputation? other) =>
        other is not null && Statistic == other.Statistic && GroupLevel == other.GroupLevel && NormalizeFirst == other.NormalizeFirst
        && StepEquality.Sequence(Indicators, other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Statistic, GroupLevel, NormalizeFirst, StepEquality.Hash(Indicators));
}
