using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <content>One profile per unit (anchor <c>#unit-&lt;id&gt;</c>).</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        private void Profiles()
        {
            var d = result.Definition;
            var top = TopLevel();
            var medians = top.ToDictionary(c => c, c => Median(result.GetScores(c, period).Span), StringComparer.Ordinal);
            var indicatorRanks = d.Indicators.ToDictionary(i => i.Id, i => result.GetRanks(i.Id, period), StringComparer.Ordinal);
            var rootRanks = periods.ToDictionary(t => t, t => result.GetRanks(result.RootId, t), StringComparer.Ordinal);
            var intervals = o.Sensitivity is { RankIntervals.IsDefaultOrEmpty: false } s ? s.RankIntervals : ImmutableArray<RankIntervalItem>.Empty;
            sb.Append("<p class=\"note\">").Append(H(text.Format("profiles.note", period))).Append("</p>\n");
            foreach (var j in HeadlineOrder())
            {
                var unit = result.Units[j];
                var h = published.Headline;
                var value = h is not null ? published.Text(h, unit.Id, period) : SvgBuilder.Format(result.GetScore(result.RootId, unit.Id, period), FormatOf(result.RootId));
                var rank = h is { Definition.Ranking: not null } ? h.GetRank(unit.Id, period) : rootRanks[period][j];
                sb.Append("<details class=\"profile\" id=\"").Append(Anchor(unit.Id)).Append("\"><summary>").Append(H(UnitName(unit)))
                  .Append(" <span>").Append(H(text.Format("profiles.summary", HeadlineName, value.Length == 0 || value == "n/a" ? T("na") : value, rank is { } r ? I(r) : T("na"), period))).Append("</span></summary>\n");
                if (unit.Name is not null)
                {
                    sb.Append("<p class=\"note\">id <code>").Append(H(unit.Id)).Append("</code></p>\n");
                }

                ProfileTime(unit, j, rootRanks);
                sb.Append("<div class=\"cols\"><div>\n");
                ProfileGroups(unit, top, medians);
                ProfileContributions(unit);
                sb.Append("</div><div>\n");
                ProfileStrengths(unit, j, indicatorRanks);
                if (intervals.FirstOrDefault(x => x.Label == UnitName(unit) || x.Label == unit.Id) is { } interval)
                {
                    sb.Append("<h4>").Append(H(T("profiles.rankInterval"))).Append("</h4>\n<p>")
                      .Append(H(text.Format("profiles.rankIntervalValue", SvgBuilder.Format(interval.Low, "0"), SvgBuilder.Format(interval.High, "0"), SvgBuilder.Format(interval.Median, "0.#")))).Append("</p>\n");
                }

                sb.Append("</div></div>\n");
                ProfileIndicators(unit, indicatorRanks);
                sb.Append("</details>\n");
            }
        }

        /// <summary>Score (published when the definition publishes it) and rank in every shown period, with the change since the previous period.</summary>
        private void ProfileTime(UnitInfo unit, int j, Dictionary<string, ImmutableArray<int?>> rootRanks)
        {
            if (periods.Length < 2)
            {
                return;
            }

            var h = published.Headline;
            var format = HeadlineFormat;
            sb.Append("<h4>").Append(H(T("profiles.overTime"))).Append("</h4>\n<div class=\"table-wrap\"><table class=\"profile-time\"><thead><tr><th></th>");
            foreach (var t in periods)
            {
                sb.Append("<th class=\"num\">").Append(H(t)).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n<tr><td>").Append(H(HeadlineName)).Append("</td>");
            var series = HeadlineSeries(unit.Id);
            foreach (var v in series)
            {
                NumCell(v, format);
            }

            sb.Append("</tr>\n<tr><td>").Append(H(T("col.rank"))).Append("</td>");
            foreach (var t in periods)
            {
                var r = h is { Definition.Ranking: not null } ? h.GetRank(unit.Id, t) : rootRanks[t][j];
                sb.Append("<td class=\"num\">").Append(r is { } x ? I(x) : "–").Append("</td>");
            }

            sb.Append("</tr>\n<tr><td>").Append(H(T("col.deltaScore"))).Append("</td>");
            for (var k = 0; k < series.Length; k++)
            {
                if (k == 0)
                {
                    sb.Append("<td class=\"num\"></td>");
                }
                else
                {
                    DeltaCell(series[k] - series[k - 1], format);
                }
            }

            sb.Append("</tr>\n</tbody></table></div>\n");
            if (previous is not null)
            {
                sb.Append("<p class=\"note\">").Append(H(text.Format("profiles.explainHint", previous, period, unit.Id))).Append("</p>\n");
            }
        }

        private void ProfileGroups(UnitInfo unit, List<string> top, Dictionary<string, double> medians)
        {
            sb.Append("<h4>").Append(H(T("profiles.groups"))).Append("</h4>\n<table class=\"profile-groups\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th class=\"num\">")
              .Append(H(T("col.score"))).Append("</th><th class=\"num\">").Append(H(T("col.median"))).Append("</th><th class=\"num\">").Append(H(T("col.vsMedian"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var c in top)
            {
                var v = result.GetScore(c, unit.Id, period);
                var f = FormatOf(c);
                sb.Append("<tr><td>").Append(H(Name(c))).Append("</td>");
                NumCell(v, f, double.IsNaN(v) ? MissingReason(c, unit.Id, period) : null);
                NumCell(medians[c], f);
                DeltaCell(v - medians[c], f);
                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        private void ProfileContributions(UnitInfo unit)
        {
            var score = result.GetScore(result.RootId, unit.Id, period);
            if (double.IsNaN(score))
            {
                return;
            }

            var contributions = result.ExplainScore(result.RootId, unit.Id, period).Where(c => c.Depth == 1).ToList();
            ChangeDecomposition? change = null;
            if (previous is not null && !double.IsNaN(result.GetScore(result.RootId, unit.Id, previous)))
            {
                try
                {
                    change = result.ExplainChange(result.RootId, unit.Id, previous, period);
                }
                catch (MethodNotSupportedException)
                {
                    change = null;
                }
            }

            var f = FormatOf(result.RootId);
            sb.Append("<h4>").Append(H(T("profiles.contributions"))).Append("</h4>\n<table class=\"profile-contributions\"><thead><tr><th>").Append(H(T("col.component"))).Append("</th><th class=\"num\">")
              .Append(H(T("col.weight"))).Append("</th><th class=\"num\">").Append(H(T("col.contribution"))).Append("</th>");
            if (change is not null)
            {
                sb.Append("<th class=\"num\">").Append(H(text.Format("col.deltaContributionSince", previous))).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var c in contributions)
            {
                sb.Append("<tr><td>").Append(H(Name(c.NodeId))).Append("</td>");
                NumCell(c.Weight, "0.000");
                NumCell(c.ToTarget, f);
                if (change is not null)
                {
                    DeltaCell(change.Contributions.FirstOrDefault(x => x.NodeId == c.NodeId)?.Contribution ?? double.NaN, f);
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        private void ProfileStrengths(UnitInfo unit, int j, Dictionary<string, ImmutableArray<int?>> indicatorRanks)
        {
            if (result.Units.Length < 3)
            {
                return;
            }

            var ranked = result.Definition.Indicators.Select(i => (i, Rank: indicatorRanks[i.Id][j])).Where(x => x.Rank is not null).OrderBy(x => x.Rank).ThenBy(x => x.i.Id, StringComparer.Ordinal).ToList();
            if (ranked.Count < 2)
            {
                return;
            }

            var n = Math.Min(3, ranked.Count / 2);
            sb.Append("<h4>").Append(H(T("profiles.strengths"))).Append("</h4>\n<table class=\"profile-strengths\"><thead><tr><th>").Append(H(T("col.strengths"))).Append("</th><th>")
              .Append(H(T("col.weaknesses"))).Append("</th></tr></thead>\n<tbody>\n");
            for (var k = 0; k < n; k++)
            {
                var best = ranked[k];
                var worst = ranked[ranked.Count - 1 - k];
                sb.Append("<tr><td>").Append(H(best.i.DisplayName(o.Language))).Append(" (").Append(I(best.Rank!.Value)).Append(")</td><td>")
                  .Append(H(worst.i.DisplayName(o.Language))).Append(" (").Append(I(worst.Rank!.Value)).Append(")</td></tr>\n");
            }

            sb.Append("</tbody></table>\n<p class=\"note\">").Append(H(text.Format("profiles.strengthsNote", result.Units.Length))).Append("</p>\n");
        }

        /// <summary>Raw values with their units next to the normalised scores and the unit's rank on each indicator.</summary>
        private void ProfileIndicators(UnitInfo unit, Dictionary<string, ImmutableArray<int?>> indicatorRanks)
        {
            var panel = o.Data;
            var p = panel?.IndexOfPeriod(period) ?? -1;
            var row = panel?.IndexOfUnit(unit.Id) ?? -1;
            var j = result.Units.IndexOf(unit);
            sb.Append("<h4>").Append(H(text.Format("profiles.indicators", period))).Append("</h4>\n<div class=\"table-wrap\"><table class=\"profile-indicators\"><thead><tr><th>").Append(H(T("col.indicator"))).Append("</th>");
            if (panel is not null)
            {
                sb.Append("<th class=\"num\">").Append(H(T("col.raw"))).Append("</th><th>").Append(H(T("col.measure"))).Append("</th>");
            }

            sb.Append("<th class=\"num\">").Append(H(T("col.normalised"))).Append("</th><th class=\"num\">").Append(H(T("col.rank"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var ind in result.Definition.Indicators)
            {
                sb.Append("<tr><td>").Append(H(ind.DisplayName(o.Language))).Append("</td>");
                if (panel is not null)
                {
                    var i = panel.IndexOfIndicator(ind.Id);
                    var raw = i >= 0 && p >= 0 && row >= 0 ? panel.GetValues(i, p)[row] : double.NaN;
                    NumCell(raw, "G6", double.IsNaN(raw) ? T("missing.noData") : null);
                    sb.Append("<td>").Append(H(ind.MeasurementUnit ?? string.Empty)).Append("</td>");
                }

                var v = result.GetScore(ind.Id, unit.Id, period);
                NumCell(v, FormatOf(ind.Id), double.IsNaN(v) ? MissingReason(ind.Id, unit.Id, period) : null);
                sb.Append("<td class=\"num\">").Append(indicatorRanks[ind.Id][j] is { } r ? I(r) : "–").Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private static double Median(ReadOnlySpan<double> values)
        {
            var list = new List<double>();
            foreach (var v in values)
            {
                if (double.IsFinite(v))
                {
                    list.Add(v);
                }
            }

            if (list.Count == 0)
            {
                return double.NaN;
            }

            list.Sort();
            var m = list.Count / 2;
            return list.Count % 2 == 1 ? list[m] : (list[m - 1] + list[m]) / 2;
        }
    }
}
