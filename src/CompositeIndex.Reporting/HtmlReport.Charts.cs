namespace CompositeIndex.Reporting;

/// <content>Cross-section charts: scores by group, contributions, uncertainty and correlations.</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        /// <summary>
        /// One value axis for every chart of scores on the same scale: from the lowest to the highest score of the index
        /// and its top-level groups in the period (and zero), so a 0–100 index does not end at 80 in one chart and 100 in the next.
        /// </summary>
        private (double Min, double Max) SharedRange(IEnumerable<string> nodes, IEnumerable<string> inPeriods)
        {
            double lo = 0, hi = 0;
            var any = false;
            foreach (var n in nodes)
            {
                foreach (var t in inPeriods)
                {
                    foreach (var v in result.GetScores(n, t).Span)
                    {
                        if (double.IsFinite(v))
                        {
                            lo = Math.Min(lo, v);
                            hi = Math.Max(hi, v);
                            any = true;
                        }
                    }
                }
            }

            if (!any || hi <= lo)
            {
                return (0, 1);
            }

            var axis = new Axis(lo, hi, 0, 1);
            return (axis.Lo, axis.Hi);
        }

        private ChartOptions ChartBase(string title, string id, string format) => new()
        {
            Title = title,
            Id = id,
            ValueFormat = format,
            MissingText = T("na"),
        };

        private void GroupCharts()
        {
            var groups = ResultCharts.GroupsTopDown(result);
            var top = TopGroups();
            var depthLimited = groups.Length > 12;
            var shown = groups.Where(g => !depthLimited || g.Id == result.RootId || top.Contains(g)).ToList();
            var (min, max) = SharedRange(shown.Select(g => g.Id), [period]);
            sb.Append("<p class=\"note\">").Append(H(T("scores.note"))).Append("</p>\n");
            if (result.Units.Length == 1)
            {
                // One unit (a city's own series, like Seoul's): one chart of the index and its groups, not one chart of one bar per group.
                var unit = result.Units[0];
                var bars = shown.Select(g => new BarItem(Name(g.Id), result.GetScore(g.Id, unit.Id, period)) { Highlight = g.Id == result.RootId }).ToList();
                var single = ChartBase(text.Format("chart.nodePeriod", UnitName(unit), period), "scores-unit", Chart(FormatOf(result.RootId))) with { Minimum = min, Maximum = max };
                Figure(SvgCharts.Bar(bars, single, standalone: false), null);
                shown = [];
            }

            foreach (var g in shown)
            {
                var options = ChartBase(text.Format("chart.nodePeriod", Name(g.Id), period), "scores-" + g.Id, Chart(FormatOf(g.Id))) with { Minimum = min, Maximum = max };
                Figure(ResultCharts.Scores(result, g.Id, period, options, o.Language, o.MaxChartRows, standalone: false, showing: text["chart.showingTop"]), null);
            }

            if (depthLimited)
            {
                sb.Append("<p class=\"note\">").Append(H(T("scores.depthLimited"))).Append("</p>\n");
            }
        }

        private void ContributionCharts()
        {
            sb.Append("<p class=\"note\">").Append(H(T("contributions.note"))).Append("</p>\n");
            var top = TopGroups();
            var groups = ResultCharts.GroupsTopDown(result).Where(g => (g.Id == result.RootId || top.Contains(g)) && g.Children.Length >= 2).ToList();
            var (min, max) = SharedRange(groups.Select(g => g.Id), [period]);
            foreach (var g in groups)
            {
                var options = ChartBase(text.Format("chart.contributionsTo", Name(g.Id), period), "contrib-" + g.Id, Chart(FormatOf(g.Id))) with { Minimum = min, Maximum = max };
                Figure(ResultCharts.Contributions(result, g.Id, period, options, o.Language, o.MaxChartRows, standalone: false, showing: text["chart.showingTop"]), null);
            }

            if (groups.Count == 0)
            {
                sb.Append("<p>").Append(H(T("contributions.none"))).Append("</p>\n");
            }
        }

        /// <summary>Chart labels use one decimal fewer than tables when a table shows three (bars are read roughly).</summary>
        private static string Chart(string format) => format == "0.000" ? "0.000" : format == "0.00" ? "0.0" : format;

        private void Uncertainty(SensitivityReport s)
        {
            if (s.Summary is not null)
            {
                sb.Append("<p class=\"note\">").Append(H(s.Summary)).Append("</p>\n");
            }

            if (!s.RankIntervals.IsDefaultOrEmpty)
            {
                var shown = s.RankIntervals.Take(o.MaxChartRows).ToList();
                var caption = shown.Count < s.RankIntervals.Length ? text.Format("chart.showingOf", shown.Count, s.RankIntervals.Length) : null;
                Figure(SvgCharts.RankIntervals(shown, ChartBase(T("chart.rankIntervals"), "rank-intervals", "0.0") with { Caption = caption }, standalone: false), T("uncertainty.intervalsCaption"));
            }

            if (!s.Indices.IsDefaultOrEmpty)
            {
                Figure(SvgCharts.SensitivityIndices(s.Indices, ChartBase(T("chart.sobol") + (s.Output is null ? string.Empty : $" ({s.Output})"), "sobol", "0.0"), standalone: false), T("uncertainty.sobolCaption"));
                sb.Append("<div class=\"table-wrap\"><table class=\"sobol\"><thead><tr><th>").Append(H(T("col.input"))).Append("</th><th class=\"num\">S1</th><th class=\"num\">± conf</th><th class=\"num\">ST</th><th class=\"num\">± conf</th></tr></thead>\n<tbody>\n");
                foreach (var i in s.Indices)
                {
                    sb.Append("<tr><td>").Append(H(i.Label)).Append("</td>");
                    NumCell(i.S1, "0.000");
                    NumCell(i.S1Conf, "0.000");
                    NumCell(i.ST, "0.000");
                    NumCell(i.STConf, "0.000");
                    sb.Append("</tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }
        }

        private void Correlations()
        {
            if (TooFewUnitsToCompare())
            {
                return;
            }

            var matrix = ResultCharts.CorrelationMatrix(result, period, o.Language);
            Figure(SvgCharts.Heatmap(matrix, ChartBase(text.Format("chart.correlations", period), "correlations", "0.00"), standalone: false), T("correlations.caption"));
        }
    }
}
