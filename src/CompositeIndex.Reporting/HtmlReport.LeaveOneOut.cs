using CompositeIndex.Analysis;

namespace CompositeIndex.Reporting;

/// <content>The leave-one-out section (<see cref="IndexAudit.RemoveElements"/>; owned by #20, plugged in by one line of <c>Writer.Plan()</c>).</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        /// <summary>How many of the units that move most the table names per element.</summary>
        private const int RemovalMovesShown = 5;

        private void LeaveOneOut(ElementRemovalResult removal)
        {
            if (!removal.Periods.Contains(period))
            {
                sb.Append("<p class=\"note\">").Append(H(text.Format("removal.noPeriod", period))).Append("</p>\n");
                return;
            }

            sb.Append("<p class=\"note\">").Append(H(text.Format("removal.note", removal.Level, period, Name(removal.NodeId)))).Append("</p>\n");
            foreach (var note in removal.Notes)
            {
                sb.Append("<p class=\"note\">").Append(H(note)).Append("</p>\n");
            }

            var ordered = removal.Elements
                .Select((e, k) => (Id: e, Order: k, Entry: removal.Get(e, period)))
                .OrderByDescending(x => double.IsNaN(x.Entry.MeanAbsoluteRankChange) ? double.NegativeInfinity : x.Entry.MeanAbsoluteRankChange).ThenBy(x => x.Order)
                .ToList();
            var bars = ordered.Take(o.MaxChartRows).Select(x => new BarItem(Name(x.Id), x.Entry.MeanAbsoluteRankChange)).ToList();
            var caption = bars.Count < ordered.Count ? text.Format("chart.showingOf", bars.Count, ordered.Count) : null;
            Figure(SvgCharts.Bar(bars, new ChartOptions { Title = T("removal.chartTitle"), Id = "leave-one-out", ValueFormat = "0.00", Caption = caption, MissingText = T("na") }, standalone: false), null);

            var units = result.Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
            sb.Append("<div class=\"table-wrap\"><table class=\"leave-one-out\"><thead><tr><th>").Append(H(T("removal.element"))).Append("</th><th class=\"num\">")
              .Append(H(T("removal.meanChange"))).Append("</th><th class=\"num\">").Append(H(T("removal.maxChange"))).Append("</th><th>").Append(H(T("removal.moves"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var (id, _, entry) in ordered)
            {
                sb.Append("<tr><td>").Append(H(Name(id))).Append("</td>");
                NumCell(entry.MeanAbsoluteRankChange, "0.00");
                var changes = entry.RankChanges.Where(c => c is not null).Select(c => Math.Abs(c!.Value)).ToList();
                NumCell(changes.Count == 0 ? double.NaN : changes.Max(), "0");
                sb.Append("<td>");
                var moves = removal.LargestRankChanges(id, period, RemovalMovesShown);
                if (moves.IsEmpty)
                {
                    sb.Append(H(T("removal.none")));
                }

                for (var k = 0; k < moves.Length; k++)
                {
                    var m = moves[k];
                    var name = units.TryGetValue(m.UnitId, out var u) ? UnitName(u) : m.UnitId;
                    sb.Append(k > 0 ? ", " : string.Empty).Append("<span style=\"white-space:nowrap\"><a href=\"#").Append(Anchor(m.UnitId)).Append("\">").Append(H(name)).Append("</a> ")
                      .Append(H(SvgBuilder.Format(m.RankChange, "+0;−0"))).Append(" (").Append(I(m.NominalRank)).Append(" → ").Append(I(m.Rank)).Append(")</span>");
                }

                sb.Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }
    }
}
