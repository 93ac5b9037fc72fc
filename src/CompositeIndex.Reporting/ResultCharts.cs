using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Reporting;

/// <summary>
/// Charts of an <see cref="IndexResult"/>: the data extraction in front of <see cref="SvgCharts"/>, shared by the HTML
/// report, the command-line tool and notebook formatters.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ResultCharts
{
    /// <summary>Draws the scores of one node for every unit in a period as bars, best first (units without a score last).</summary>
    /// <param name="result">The result.</param>
    /// <param name="nodeId">The group or indicator; <see langword="null"/> for the index (root).</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">Chart options; <see langword="null"/> gives a title naming the node and period.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public static string Scores(IndexResult result, string? nodeId = null, string? period = null, ChartOptions? options = null, string? language = null) =>
        Scores(result, nodeId, period, options, language, maxRows: int.MaxValue, standalone: true);

    /// <summary>
    /// Draws the contributions of a group's children to its score for every unit in a period as stacked bars, best
    /// first (see <see cref="IndexResult.ExplainScore"/>: each bar's segments sum to the group score).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="groupId">The group; <see langword="null"/> for the index (root).</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">Chart options; <see langword="null"/> gives a title naming the group and period.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The group or period is unknown.</exception>
    /// <exception cref="ArgumentException">The node is an indicator.</exception>
    public static string Contributions(IndexResult result, string? groupId = null, string? period = null, ChartOptions? options = null, string? language = null) =>
        Contributions(result, groupId, period, options, language, maxRows: int.MaxValue, standalone: true);

    /// <summary>Draws the scores of one node for the best <paramref name="maxRows"/> units in a period as bars, with a caption saying how many are shown.</summary>
    /// <param name="result">The result.</param>
    /// <param name="nodeId">The group or indicator; <see langword="null"/> for the index (root).</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">Chart options; <see langword="null"/> gives a title naming the node and period.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <param name="maxRows">The maximum number of units drawn. Must be positive.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is not positive.</exception>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public static string TopScores(IndexResult result, int maxRows, string? nodeId = null, string? period = null, ChartOptions? options = null, string? language = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        return Scores(result, nodeId, period, options, language, maxRows, standalone: true);
    }

    /// <summary>Draws the contributions of a group's children to its score for the best <paramref name="maxRows"/> units in a period as stacked bars.</summary>
    /// <param name="result">The result.</param>
    /// <param name="groupId">The group; <see langword="null"/> for the index (root).</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">Chart options; <see langword="null"/> gives a title naming the group and period.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <param name="maxRows">The maximum number of units drawn. Must be positive.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is not positive.</exception>
    /// <exception cref="UnknownKeyException">The group or period is unknown.</exception>
    /// <exception cref="ArgumentException">The node is an indicator.</exception>
    public static string TopContributions(IndexResult result, int maxRows, string? groupId = null, string? period = null, ChartOptions? options = null, string? language = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        return Contributions(result, groupId, period, options, language, maxRows, standalone: true);
    }

    /// <summary>
    /// Draws the Pearson correlations between the normalised indicator scores in a period as a heatmap (pairwise
    /// complete observations, <see cref="CompositeIndex.Analysis.IndexStatistics.Pearson"/>; NaN when fewer than two units
    /// have both values or a column is constant).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">Chart options; <see langword="null"/> gives a title.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The period is unknown.</exception>
    public static string Correlations(IndexResult result, string? period = null, ChartOptions? options = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = PeriodOrLatest(result, period);
        return SvgCharts.Heatmap(CorrelationMatrix(result, t, language), options ?? new ChartOptions { Title = $"Correlations between indicators, {t}" }, standalone: true);
    }

    /// <summary>
    /// Computes the Pearson correlation matrix of the normalised indicator scores in a period, over the units that have
    /// both values (pairwise complete), with the core's <see cref="CompositeIndex.Analysis.IndexStatistics.Pearson"/> (R's
    /// <c>cor(use = "pairwise.complete.obs")</c>): NaN when fewer than two units qualify or a column is constant; two
    /// units give ±1, as in the statistical audit's correlation matrix.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    /// <returns>The matrix labelled with indicator names, in definition order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The period is unknown.</exception>
    public static LabeledMatrix CorrelationMatrix(IndexResult result, string? period = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = PeriodOrLatest(result, period);
        var indicators = result.Definition.Indicators;
        var columns = indicators.Select(i => result.GetScores(i.Id, t).ToArray()).ToArray();
        var n = indicators.Length;
        var values = new double[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = a; b < n; b++)
            {
                var r = CompositeIndex.Analysis.IndexStatistics.Pearson(columns[a], columns[b]);
                values[(a * n) + b] = r;
                values[(b * n) + a] = r;
            }
        }

        return new LabeledMatrix([.. indicators.Select(i => i.DisplayName(language))], [.. values]);
    }

    internal static string Scores(IndexResult result, string? nodeId, string? period, ChartOptions? options, string? language, int maxRows, bool standalone, string? showing = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var node = nodeId ?? result.RootId;
        var t = PeriodOrLatest(result, period);
        var scores = result.GetScores(node, t).ToArray();
        var order = Order(scores);
        var shown = order.Take(maxRows).ToList();
        var items = shown.Select(j => new BarItem(UnitName(result.Units[j]), scores[j])).ToList();
        var o = options ?? new ChartOptions { Title = $"{NodeName(result, node, language)}, {t}" };
        if (shown.Count < order.Count && o.Caption is null)
        {
            o = o with { Caption = string.Format(CultureInfo.InvariantCulture, showing ?? "Showing the top {0} of {1} units.", shown.Count, order.Count) };
        }

        return SvgCharts.Bar(items, o, standalone);
    }

    internal static string Contributions(IndexResult result, string? groupId, string? period, ChartOptions? options, string? language, int maxRows, bool standalone, string? showing = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var group = groupId ?? result.RootId;
        var t = PeriodOrLatest(result, period);
        var definition = result.Definition.Groups.FirstOrDefault(g => g.Id == group)
            ?? (result.NodeIds.Contains(group) ? throw new ArgumentException($"'{group}' is an indicator; contributions are defined for groups.", nameof(groupId)) : throw new UnknownKeyException("node", group));
        var children = definition.Children.Select(c => c.Id).ToList();
        var scores = result.GetScores(group, t).ToArray();
        var order = Order(scores);
        var shown = order.Take(maxRows).ToList();
        var items = new List<StackedBarItem>();
        foreach (var j in shown)
        {
            var unit = result.Units[j];
            var segments = new double[children.Count];
            segments.AsSpan().Fill(double.NaN);
            if (double.IsFinite(scores[j]))
            {
                foreach (var c in result.ExplainScore(group, unit.Id, t))
                {
                    if (c.ParentId == group)
                    {
                        segments[children.IndexOf(c.NodeId)] = c.ToParent;
                    }
                }
            }

            items.Add(new StackedBarItem(UnitName(unit), [.. segments]));
        }

        var o = options ?? new ChartOptions { Title = $"Contributions to {NodeName(result, group, language)}, {t}" };
        if (shown.Count < order.Count && o.Caption is null)
        {
            o = o with { Caption = string.Format(CultureInfo.InvariantCulture, showing ?? "Showing the top {0} of {1} units.", shown.Count, order.Count) };
        }

        return SvgCharts.StackedBar(items, [.. children.Select(c => NodeName(result, c, language))], o, standalone);
    }

    internal static string PeriodOrLatest(IndexResult result, string? period)
    {
        if (period is null)
        {
            return result.Periods.Length > 0 ? result.Periods[^1] : throw new UnknownKeyException("period", string.Empty, "The result has no periods.");
        }

        return result.Periods.Contains(period) ? period : throw new UnknownKeyException("period", period);
    }

    internal static string UnitName(UnitInfo unit) => unit.Name ?? unit.Id;

    internal static string NodeName(IndexResult result, string id, string? language)
    {
        if (id == result.RootId && result.Definition.Groups.FirstOrDefault(g => g.Id == id) is { } root && root.Name is null)
        {
            return result.Definition.DisplayName(language);
        }

        return result.Definition.Indicators.FirstOrDefault(i => i.Id == id)?.DisplayName(language)
            ?? result.Definition.Groups.FirstOrDefault(g => g.Id == id)?.DisplayName(language)
            ?? id;
    }

    /// <summary>Unit indices ordered by descending score, missing scores last, ties by data order.</summary>
    internal static List<int> Order(double[] scores) =>
        [.. Enumerable.Range(0, scores.Length).OrderBy(j => double.IsNaN(scores[j]) ? 1 : 0).ThenByDescending(j => double.IsNaN(scores[j]) ? 0 : scores[j]).ThenBy(j => j)];

    internal static ImmutableArray<GroupDefinition> GroupsTopDown(IndexResult result)
    {
        var byId = result.Definition.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<GroupDefinition>();
        var queue = new Queue<string>();
        queue.Enqueue(result.RootId);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!byId.TryGetValue(id, out var g))
            {
                continue;
            }

            list.Add(g);
            foreach (var c in g.Children)
            {
                queue.Enqueue(c.Id);
            }
        }

        return list.ToImmutable();
    }
}
