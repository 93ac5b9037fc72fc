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
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, path, "indicators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.UnitCount;

        // The members of each group in unit order (cached on the panel while no unit was removed), so each column's
        // statistic gathers the same values in the same order without testing every unit's group once per group.
        var groups = context.GroupsBy(GroupBy);
        if (GroupBy is not null && !groups.Any && n > 0)
        {
            throw new IndexDataException($"No unit has the attribute '{GroupBy}' that imputation groups by.");
        }

        var group = groups.Group;
        var start = groups.Start;
        var order = groups.Order;
        var stat = new double[groups.Names.Length];
        double[]? scratch = null;
        double[]? members = null;
        var messages = Statistic == ImputationStatistic.Mean ? groups.MeanMessages : groups.MedianMessages;
        var listed = !Indicators.IsDefaultOrEmpty;
        var targets = ImputationKernels.Targets(context, Indicators);
        for (var t = 0; t < targets.Length; t++)
        {
            var id = targets[t];
            var v = listed ? context.RequireVariable(id, "an indicator to impute") : context.RequireIndicatorVariable(t, "an indicator to impute");
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var xs = context.Values(v, p);
                var first = ImputationKernels.IndexOfMissing(xs, 0);
                if (first < 0)
                {
                    continue;
                }

                // The groups of the missing values: most columns lack values in one group only, whose statistic is then
                // computed alone (Stats.Means gives each span's Stats.Mean bit for bit, so the value is the same).
                var only = -1;
                for (var u = first; u >= 0; u = ImputationKernels.IndexOfMissing(xs, u + 1))
                {
                    var g = group[u];
                    if (g >= 0 && g != only)
                    {
                        if (only >= 0)
                        {
                            only = -2; // several groups
                            break;
                        }

                        only = g;
                    }
                }

                if (only == -1)
                {
                    continue; // no missing value is in a group: nothing to fill
                }

                if (only >= 0)
                {
                    var m = start[only + 1] - start[only];
                    ReadOnlySpan<double> span = xs.Slice(start[only], m);
                    if (!groups.IsIdentity)
                    {
                        members ??= new double[n];
                        var k = 0;
                        foreach (var u in order.AsSpan(start[only], m))
                        {
                            members[k++] = xs[u];
                        }

                        span = members.AsSpan(0, m);
                    }

                    stat[only] = Statistic == ImputationStatistic.Mean ? Stats.Mean(span).Mean : ImputationKernels.Statistic(Statistic, span, scratch ??= new double[n]);
                }
                else if (Statistic == ImputationStatistic.Mean)
                {
                    // Every group's members at once (order is grouped), their means side by side (the same bits as one by one);
                    // a column already in group order is read in place.
                    ReadOnlySpan<double> grouped = xs;
                    if (!groups.IsIdentity)
                    {
                        members ??= new double[n];
                        for (var k = 0; k < order.Length; k++)
                        {
                            members[k] = xs[order[k]];
                        }

                        grouped = members.AsSpan(0, order.Length);
                    }

                    Stats.Means(grouped, start, stat);
                }
                else
                {
                    members ??= new double[n];
                    scratch ??= new double[n];
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

                // Only the missing positions, in unit order (a filled value is no longer missing, so the search moves on).
                for (var u = first; u >= 0; u = ImputationKernels.IndexOfMissing(xs, u + 1))
                {
                    if (group[u] >= 0 && !double.IsNaN(stat[group[u]]))
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

