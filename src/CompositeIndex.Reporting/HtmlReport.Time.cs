using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <content>Change over time: trend chart of the index, small multiples per top-level group and the table of every period.</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        /// <summary>The headline series of a unit over the shown periods: the headline output's published values, else the index score.</summary>
        private double[] HeadlineSeries(string unitId) => Series(published.Headline, result.RootId, unitId);

        /// <summary>The series of a node for a unit: the published values of the output that publishes it when there is one (or the given output), else the scores.</summary>
        private double[] Series(OutputResult? output, string nodeId, string unitId)
        {
            var values = new double[periods.Length];
            for (var k = 0; k < periods.Length; k++)
            {
                values[k] = output is not null ? Published.Value(output, unitId, periods[k]) : result.GetScore(nodeId, unitId, periods[k]);
            }

            return values;
        }

        private string HeadlineName => published.Headline?.Definition.DisplayName(o.Language) ?? Name(result.RootId);

        private string HeadlineFormat => published.Headline is { } h ? Published.FormatOf(h) : FormatOf(result.RootId);

        private void Time()
        {
            var first = periods[0];
            var last = periods[^1];
            sb.Append("<p class=\"note\">").Append(H(text.Format("time.note", periods.Length, first, last)));
            if (basePeriod is not null)
            {
                sb.Append(' ').Append(H(text.Format("time.baseNote", basePeriod)));
            }

            sb.Append("</p>\n");
            var order = HeadlineOrder();
            var shown = order.Take(o.MaxTrendUnits).ToList();
            var caption = shown.Count < order.Count ? text.Format("chart.showingTopTrend", shown.Count, order.Count, period) : null;
            var labels = ImmutableArray.CreateRange(periods);

            // The index (headline) over time.
            var headlineSeries = shown.Select(j => new LineSeries(UnitName(result.Units[j]), [.. HeadlineSeries(result.Units[j].Id)])).ToList();
            var range = Range(headlineSeries);
            Figure(
                SvgCharts.Line(labels, headlineSeries, ChartBase(text.Format("chart.trend", HeadlineName, first, last), "trend", HeadlineFormat) with { Caption = caption, Minimum = range.Min, Maximum = range.Max }, standalone: false),
                null);

            // Small multiples: each top-level group on one shared axis.
            var top = TopLevel();
            if (top.Count > 1)
            {
                sb.Append("<h3>").Append(H(T("time.byGroup"))).Append("</h3>\n");
                var multiples = top.Select(c => (Id: c, Series: shown.Select(j => new LineSeries(UnitName(result.Units[j]), [.. Series(published.ForNode(c), c, result.Units[j].Id)])).ToList())).ToList();
                var shared = Range(multiples.SelectMany(m => m.Series));
                sb.Append("<div class=\"multiples\">\n");
                foreach (var (id, series) in multiples)
                {
                    var format = published.ForNode(id) is { } x ? published.DisplayFormat(x) : FormatOf(id);
                    var options = ChartBase(Name(id), "trend-" + id, format) with { Width = 340, Height = 210, Minimum = shared.Min, Maximum = shared.Max, ShowLegend = false };
                    Figure(SvgCharts.Line(labels, series, options, standalone: false), null);
                }

                sb.Append("</div>\n");
                if (shown.Count > 1)
                {
                    sb.Append("<p class=\"note\">").Append(H(T("time.multiplesNote"))).Append("</p>\n");
                }
            }

            TimeTable(order);
        }

        /// <summary>A shared axis range for line charts: from the data (not from zero), widened to nice ticks.</summary>
        private static (double? Min, double? Max) Range(IEnumerable<LineSeries> series)
        {
            var values = series.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
            if (values.Count == 0)
            {
                return (null, null);
            }

            var lo = values.Min();
            var hi = values.Max();
            var pad = hi > lo ? (hi - lo) * 0.08 : Math.Max(Math.Abs(hi) * 0.05, 1e-3);
            var axis = new Axis(lo - pad, hi + pad, 0, 1);
            return (axis.Lo, axis.Hi);
        }

        /// <summary>Every unit's headline value in every shown period, with the change since the previous period, Δrank and the change since the base period.</summary>
        private void TimeTable(List<int> order)
        {
            var h = published.Headline;
            var format = HeadlineFormat;
            var showBase = basePeriod is not null && basePeriod != period;
            sb.Append("<h3>").Append(H(text.Format("time.tableTitle", HeadlineName))).Append("</h3>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"time\">\n<thead><tr><th>").Append(H(T("col.unit"))).Append("</th>");
            foreach (var t in periods)
            {
                sb.Append("<th class=\"num\">").Append(H(t)).Append("</th>");
            }

            if (previous is not null)
            {
                sb.Append("<th class=\"num\">").Append(H(text.Format("col.deltaSince", previous))).Append("</th><th class=\"num\">").Append(H(T("col.deltaRank"))).Append("</th>");
            }

            if (showBase)
            {
                sb.Append("<th class=\"num\">").Append(H(text.Format("col.deltaBase", basePeriod))).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var j in order)
            {
                var unit = result.Units[j];
                sb.Append("<tr data-unit=\"").Append(H(unit.Id)).Append("\"><td><a href=\"#").Append(Anchor(unit.Id)).Append("\">").Append(H(UnitName(unit))).Append("</a></td>");
                var series = HeadlineSeries(unit.Id);
                foreach (var v in series)
                {
                    NumCell(v, format);
                }

                if (previous is not null)
                {
                    DeltaCell(h is not null ? Published.Difference(h, unit.Id, period, previous) : result.GetChange(result.RootId, unit.Id, period), format, " data-delta=\"score\"");
                    RankDeltaCell(h is { Definition.Ranking: not null }
                        ? (h.GetRank(unit.Id, previous) is { } before && h.GetRank(unit.Id, period) is { } now ? before - now : null)
                        : result.GetRankChange(result.RootId, unit.Id, period), " data-delta=\"rank\"");
                }

                if (showBase)
                {
                    DeltaCell(h is not null ? Published.Difference(h, unit.Id, period, basePeriod!) : result.GetChangeSince(result.RootId, unit.Id, period, basePeriod!), format, " data-delta=\"base\"");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n<p class=\"note\">").Append(H(T("time.explainNote"))).Append("</p>\n");
        }
    }
}
