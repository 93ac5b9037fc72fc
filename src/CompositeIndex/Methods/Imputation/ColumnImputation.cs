using System.Collections.Immutable;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Column-wise imputation: a missing value of an indicator is replaced by the mean or median of the indicator over
/// the other units in the same period, optionally only over units of the same group (a unit attribute such as a
/// region or income group).
/// </summary>
/// <remarks>
/// <para>COINr <c>Impute(f_i = "i_mean" | "i_median")</c> and, with <see cref="GroupBy"/>,
/// <c>i_mean_grp</c> / <c>i_median_grp</c> with <c>use_group</c>; OECD/JRC Handbook 2008, §1.2 ("unconditional
/// mean/median imputation"). The statistic is computed per indicator and period over non-missing values, before any
/// value is filled in (so imputations never feed each other).</para>
/// <para>Edge cases: when every value of a column (or group) is missing the values stay missing; with
/// <see cref="GroupBy"/>, units without the attribute (absent, empty or <c>NA</c>) are left unchanged and do not
/// count in any group (COINr <c>skip_f_na = TRUE</c>). Every imputed value is written to the audit log and as an
/// <see cref="ImputedValue"/> report.</para>
/// </remarks>
public sealed record ColumnImputation : PipelineStep
{
    /// <summary>The JSON method name, <c>"imputeColumn"</c>.</summary>
    public const string Name = "imputeColumn";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"impute missing values with the indicator's {(Statistic == ImputationStatistic.Median ? "median" : "mean")} over the units{(GroupBy is null ? string.Empty : $" of the same {GroupBy}")}{T.Scope(Indicators, language)}", $"결측값을 단위 간 지표 {(Statistic == ImputationStatistic.Median ? "중앙값" : "평균")}으로 대체{(GroupBy is null ? string.Empty : $"(같은 {GroupBy} 안에서)")}{T.Scope(Indicators, language)}");

    /// <summary>Gets the statistic. The default is <see cref="ImputationStatistic.Mean"/>.</summary>
    public ImputationStatistic Statistic { get; init; } = ImputationStatistic.Mean;

    /// <summary>Gets the unit attribute that defines groups (e.g. <c>"EurAsia_group"</c>), or <see langword="null"/> to use all units.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Gets the indicators to impute; empty (the default) means every indicator of the definition.</summary>
    public ImmutableArray<string> Indicators { get; init; } = [];

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId) =>
        WithoutId(Indicators, indicatorId) is { } rest ? (rest == Indicators ? this : this with { Indicators = rest }) : null;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(Enum.IsDefined(Statistic), $"{path}.statistic", $"Unknown statistic {(int)Statistic}.", errors);
        Require(GroupBy is null || !string.IsNullOrWhiteSpace(GroupBy), $"{path}.groupBy", "The group attribute is empty.", errors);
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, $"{path}.indicators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.UnitCount;
        var group = new int[n];
        var groupNames = new List<string>();
        if (GroupBy is null)
        {
            groupNames.Add("all units");
        }
        else
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var any = false;
            for (var u = 0; u < n; u++)
            {
                var g = context.AttributeOf(u, GroupBy);
                if (g is null)
                {
                    group[u] = -1;
                    continue;
                }

                any = true;
                if (!index.TryGetValue(g, out var k))
                {
                    k = index[g] = groupNames.Count;
                    groupNames.Add(g);
                }

                group[u] = k;
            }

            if (!any && n > 0)
            {
                throw new IndexDataException($"No unit has the attribute '{GroupBy}' that imputation groups by.");
            }
        }

        // The members of each group in unit order (a stable counting sort of the units by group), so each column's
        // statistic gathers the same values in the same order without testing every unit's group once per group.
        var start = new int[groupNames.Count + 1];
        foreach (var g in group)
        {
            if (g >= 0)
            {
                start[g + 1]++;
            }
        }

        for (var g = 0; g < groupNames.Count; g++)
        {
            start[g + 1] += start[g];
        }

        var order = new int[start[groupNames.Count]];
        var fill = start.AsSpan(0, groupNames.Count).ToArray();
        for (var u = 0; u < n; u++)
        {
            if (group[u] >= 0)
            {
                order[fill[group[u]]++] = u;
            }
        }

        var stat = new double[groupNames.Count];
        var scratch = new double[n];
        var members = new double[n];
        var how = Statistic == ImputationStatistic.Mean ? "mean" : "median";
        var messages = groupNames.Select(g => GroupBy is null ? $"{ImputationKernels.Imputed}column {how}." : $"{ImputationKernels.Imputed}{how} of group '{g}' of '{GroupBy}'.").ToArray();
        foreach (var id in ImputationKernels.Targets(context, Indicators))
        {
            var v = context.RequireVariable(id, "an indicator to impute");
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var xs = context.Values(v, p);
                if (!ImputationKernels.HasMissing(xs))
                {
                    continue;
                }

                if (Statistic == ImputationStatistic.Mean)
                {
                    // Every group's members at once (order is grouped), their means side by side (the same bits as one by one).
                    for (var k = 0; k < order.Length; k++)
                    {
                        members[k] = xs[order[k]];
                    }

                    Stats.Means(members.AsSpan(0, order.Length), start, stat);
                }
                else
                {
                    for (var g = 0; g < stat.Length; g++)
                    {
                        var m = 0;
                        foreach (var u in order.AsSpan(start[g], start[g + 1] - start[g]))
                        {
                            members[m++] = xs[u];
                        }

                        stat[g] = ImputationKernels.Statistic(Statistic, members.AsSpan(0, m), scratch);
                    }
                }

                for (var u = 0; u < n; u++)
                {
                    if (double.IsNaN(xs[u]) && group[u] >= 0 && !double.IsNaN(stat[group[u]]))
                    {
                        xs[u] = stat[group[u]];
                        ImputationKernels.Record(context, Name, id, u, p, xs[u], messages[group[u]]);
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(ColumnImputation? other) =>
        other is not null && Statistic == other.Statistic && GroupBy == other.GroupBy && StepEquality.Sequence(Indicators, other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Statistic, GroupBy, StepEquality.Hash(Indicators));
}

