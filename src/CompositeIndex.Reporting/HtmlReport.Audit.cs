using System.Globalization;
using CompositeIndex.Analysis;

namespace CompositeIndex.Reporting;

/// <content>The statistical audit section.</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        private void Audit()
        {
            var a = IndexAudit.Run(result, o.Data, period, o.AuditOptions);
            var statsData = a.StatisticsData == AuditDataSet.Raw ? "raw data" : "normalised scores";
            var corrData = a.CorrelationData == AuditDataSet.Raw ? "raw data" : "normalised scores";
            sb.Append("<p class=\"note\">The audit of ").Append(H(period)).Append(" (COINr's analysis toolkit): statistics and availability of the ").Append(statsData)
              .Append("; correlations, Cronbach's alpha, principal components and factor analysis of the ").Append(corrData).Append(".</p>\n");
            foreach (var note in a.Notes)
            {
                sb.Append("<p class=\"note\">").Append(H(note)).Append("</p>\n");
            }

            AuditStatistics(a, statsData);
            AuditCorrelations(a, corrData);
            AuditGroups(a);
            AuditFactorAnalysis(a);
            AuditWeights(a);
            AuditProfiles(a);
        }

        private void AuditStatistics(IndexAuditResult a, string data)
        {
            sb.Append("<h3>Indicator statistics</h3>\n<p class=\"note\">Of the ").Append(data)
              .Append(". Flags: outliers when |skewness| &gt; 2 and kurtosis &gt; 3.5; low availability below 65 % of units; few non-zero or few distinct values below 50 % of units.</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"statistics\"><thead><tr><th>Indicator</th><th class=\"num\">Available</th><th class=\"num\">Min</th><th class=\"num\">Max</th>")
              .Append("<th class=\"num\">Mean</th><th class=\"num\">Median</th><th class=\"num\">SD</th><th class=\"num\">Skewness</th><th class=\"num\">Kurtosis</th><th>Flags</th></tr></thead>\n<tbody>\n");
            foreach (var s in a.Statistics)
            {
                var flags = new List<string>();
                if (s.Outliers)
                {
                    flags.Add("outliers");
                }

                if (s.LowAvailability)
                {
                    flags.Add("low availability");
                }

                if (s.LowNonZero)
                {
                    flags.Add("few non-zero");
                }

                if (s.LowUnique)
                {
                    flags.Add("few distinct");
                }

                sb.Append(flags.Count > 0 ? "<tr class=\"flagged\">" : "<tr>").Append("<td>").Append(H(Name(s.Id))).Append("</td><td class=\"num\">").Append(F(100 * s.FractionAvailable, "0")).Append(" %</td>");
                foreach (var v in new[] { s.Min, s.Max, s.Mean, s.Median, s.StandardDeviation })
                {
                    sb.Append("<td class=\"num\">").Append(H(Significant(v))).Append("</td>");
                }

                sb.Append("<td class=\"num\">").Append(F(s.Skewness, "0.00")).Append("</td><td class=\"num\">").Append(F(s.Kurtosis, "0.00")).Append("</td><td>")
                  .Append(H(string.Join(", ", flags))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            var complete = a.Availability.Units.Count(u => u.Missing == 0);
            sb.Append("<p>").Append(I(complete)).Append(" of ").Append(I(a.Availability.Units.Length)).Append(" units have a value for every indicator");
            var lowest = a.Availability.Units.Where(u => u.Missing > 0).OrderBy(u => u.Available).ThenBy(u => u.UnitId, StringComparer.Ordinal).Take(5).ToList();
            if (lowest.Count > 0)
            {
                sb.Append("; the least complete: ").AppendJoin(", ", lowest.Select(u => H(UnitName(u.UnitId)) + " " + F(100 * u.Available, "0") + " %"));
            }

            sb.Append(".</p>\n");
        }

        private void AuditCorrelations(IndexAuditResult a, string data)
        {
            if (a.Pearson is not { } m || m.RowIds.Length < 2)
            {
                return;
            }

            sb.Append("<h3>Correlations</h3>\n");
            var matrix = new LabeledMatrix([.. m.RowIds.Select(Name)], m.Values);
            Figure(SvgCharts.Heatmap(matrix, new ChartOptions { Title = $"Pearson correlations of the indicators ({data}), {period}", Id = "correlations" }, standalone: false),
                "Pairwise complete observations; grey cells have too few pairs or no variance. Normalised scores point in the 'higher is better' direction, so a negative correlation means indicators pull apart.");
            if (a.CorrelationFlags.IsEmpty)
            {
                sb.Append("<p>No pair of indicators in a group is flagged (collinear or negatively correlated).</p>\n");
            }
            else
            {
                sb.Append("<p class=\"note\">Pairs of indicators of the same group that are collinear (possible double counting) or negatively correlated (a trade-off inside the group).</p>\n")
                  .Append("<div class=\"table-wrap\"><table class=\"correlation-flags\"><thead><tr><th>Group</th><th>Indicator</th><th>Indicator</th><th class=\"num\">r</th><th class=\"num\">p</th><th>Flag</th></tr></thead>\n<tbody>\n");
                foreach (var f in a.CorrelationFlags.Take(o.MaxListRows))
                {
                    sb.Append("<tr><td>").Append(H(Name(f.GroupId))).Append("</td><td>").Append(H(Name(f.First))).Append("</td><td>").Append(H(Name(f.Second)))
                      .Append("</td><td class=\"num\">").Append(F(f.Correlation, "0.000")).Append("</td><td class=\"num\">").Append(PValue(m.PValue(f.First, f.Second)))
                      .Append("</td><td>").Append(f.Kind == CorrelationFlagKind.Collinear ? "collinear" : "negative").Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }

            if (!a.DenominatorCorrelations.IsEmpty)
            {
                sb.Append("<p class=\"note\">Indicators strongly correlated with a denominator (").Append(H(string.Join(", ", a.Denominators)))
                  .Append("), a hint that they measure size rather than performance:</p>\n<div class=\"table-wrap\"><table class=\"denominators\"><thead><tr><th>Indicator</th><th>Denominator</th><th class=\"num\">r</th><th class=\"num\">Units</th></tr></thead>\n<tbody>\n");
                foreach (var d in a.DenominatorCorrelations.Take(o.MaxListRows))
                {
                    sb.Append("<tr><td>").Append(H(Name(d.IndicatorId))).Append("</td><td>").Append(H(d.DenominatorId)).Append("</td><td class=\"num\">").Append(F(d.Correlation, "0.000"))
                      .Append("</td><td class=\"num\">").Append(I(d.Count)).Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }
        }

        private void AuditGroups(IndexAuditResult a)
        {
            if (a.Reliability.IsEmpty)
            {
                return;
            }

            sb.Append("<h3>Reliability and principal components by group</h3>\n<p class=\"note\">Cronbach's alpha over each group's indicators (above about 0.7, they measure one thing); ")
              .Append("the share of variance the first principal component of the group's own indicators explains, and its loadings (COINr's PCA weights).</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"reliability\"><thead><tr><th>Group</th><th class=\"num\">Indicators</th><th class=\"num\">Cronbach's α</th><th class=\"num\">PC1 variance</th><th>PC1 loadings</th></tr></thead>\n<tbody>\n");
            var pcas = a.PrincipalComponents.Where(p => p.GroupId is not null).ToDictionary(p => p.GroupId!, StringComparer.Ordinal);
            foreach (var g in ResultCharts.GroupsTopDown(result))
            {
                if (a.Reliability.FirstOrDefault(r => r.GroupId == g.Id) is not { } r)
                {
                    continue;
                }

                pcas.TryGetValue(g.Id, out var pca);
                sb.Append("<tr><td>").Append(H(Name(g.Id))).Append("</td><td class=\"num\">").Append(I(r.Variables)).Append("</td><td class=\"num\">").Append(F(r.Alpha, "0.000"))
                  .Append("</td><td class=\"num\">").Append(pca is null ? "–" : F(100 * pca.ProportionOfVariance[0], "0.0") + " %").Append("</td><td>")
                  .Append(pca is null ? "–" : H(string.Join(", ", pca.Variables.Select((v, k) => $"{Name(v)} {F(pca.Weights[k], "0.00")}")))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private void AuditFactorAnalysis(IndexAuditResult a)
        {
            if (a.FactorAnalyses.IsEmpty)
            {
                return;
            }

            sb.Append("<h3>Factor analysis by group</h3>\n<p class=\"note\">Maximum-likelihood factor analysis of each group's own indicators (varimax rotation; as many factors as ")
              .Append("the OECD/JRC Handbook's criteria retain, each explaining at least 10 % of the variance and together at least 60 %, within the degrees of freedom ML allows). ")
              .Append("Each indicator is shown with the factor it loads on most; a Heywood case (uniqueness at the bound 0.005) is marked *. ")
              .Append("The χ² test (Bartlett-corrected) asks whether that many factors suffice; it needs positive degrees of freedom.</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"factor-analysis\"><thead><tr><th>Group</th><th class=\"num\">Indicators</th><th class=\"num\">Factors</th><th class=\"num\">Variance explained</th>")
              .Append("<th class=\"num\">χ² (df)</th><th class=\"num\">p</th><th>Indicators by factor (loading)</th></tr></thead>\n<tbody>\n");
            var byGroup = a.FactorAnalyses.ToDictionary(g => g.GroupId, StringComparer.Ordinal);
            foreach (var node in ResultCharts.GroupsTopDown(result))
            {
                if (!byGroup.TryGetValue(node.Id, out var g))
                {
                    continue;
                }

                sb.Append("<tr><td>").Append(H(Name(g.GroupId))).Append("</td><td class=\"num\">").Append(I(g.Variables.Length)).Append("</td>");
                if (g.Result is not { } f)
                {
                    sb.Append("<td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"note\">Not fitted: ").Append(H(g.Reason ?? string.Empty)).Append("</td></tr>\n");
                    continue;
                }

                var factors = Enumerable.Range(0, f.Factors).Select(c => (c, items: Enumerable.Range(0, f.Variables.Length)
                    .Where(v => Enumerable.Range(0, f.Factors).MaxBy(k => Math.Abs(f.Loadings[v][k])) == c)
                    .Select(v => H(Name(f.Variables[v])) + (f.HeywoodCases.Contains(f.Variables[v]) ? "*" : string.Empty) + " " + F(f.Loadings[v][c], "0.00")).ToList()))
                    .Where(x => x.items.Count > 0)
                    .Select(x => "F" + I(x.c + 1) + ": " + string.Join(", ", x.items));
                sb.Append("<td class=\"num\">").Append(I(f.Factors)).Append("</td><td class=\"num\">").Append(F(100 * f.ProportionOfVariance.Sum(), "0.0")).Append(" %</td><td class=\"num\">")
                  .Append(double.IsNaN(f.Statistic) ? "–" : F(f.Statistic, "0.00")).Append(" (").Append(I(f.DegreesOfFreedom)).Append(")</td><td class=\"num\">").Append(PValue(f.PValue))
                  .Append("</td><td>").Append(string.Join("; ", factors)).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private void AuditWeights(IndexAuditResult a)
        {
            var realized = a.RealizedWeights.ToDictionary(r => r.IndicatorId, StringComparer.Ordinal);
            var items = a.EffectiveWeights.Where(e => realized.ContainsKey(e.NodeId))
                .Select(e => new BarItem(Name(e.NodeId), e.Effective) { Tooltip = string.Create(CultureInfo.InvariantCulture, $"{Name(e.NodeId)}: effective weight {F(e.Effective, "0.000")}, mean share of the index {F(realized[e.NodeId].MeanShare, "0.000")}") })
                .ToList();
            if (items.Count == 0)
            {
                return;
            }

            sb.Append("<h3>Effective weights</h3>\n");
            var shown = items.OrderByDescending(i => i.Value).ThenBy(i => items.IndexOf(i)).Take(o.MaxChartRows).ToList();
            var caption = shown.Count < items.Count ? string.Create(CultureInfo.InvariantCulture, $"Showing the {shown.Count} largest of {items.Count} indicators.") : null;
            Figure(SvgCharts.Bar(shown, new ChartOptions { Title = "Effective weight of each indicator in the index", Id = "effective-weights", ValueFormat = "0.000", Caption = caption }, standalone: false),
                "The product of the re-normalised weights from the index down to the indicator: its share of the index when every value is present and the means are arithmetic. The tooltip gives the mean share it actually carried this period.");
        }

        private void AuditProfiles(IndexAuditResult a)
        {
            if (a.Profiles.IsEmpty)
            {
                return;
            }

            var scores = result.GetScores(result.RootId, period).ToArray();
            var order = ResultCharts.Order(scores);
            var shown = order.Take(o.MaxChartRows).ToList();
            sb.Append("<h3>Strengths and weaknesses</h3>\n<p class=\"note\">Each unit's best- and worst-ranked indicators (rank among the units in brackets)");
            if (shown.Count < order.Count)
            {
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"; the top {shown.Count} of {order.Count} units"));
            }

            sb.Append(".</p>\n<div class=\"table-wrap\"><table class=\"strengths\"><thead><tr><th>Unit</th><th>Strengths</th><th>Weaknesses</th></tr></thead>\n<tbody>\n");
            foreach (var j in shown)
            {
                var p = a.Profiles[j];
                sb.Append("<tr><td>").Append(H(ResultCharts.UnitName(result.Units[j]))).Append("</td><td>")
                  .Append(H(string.Join(", ", p.Strengths.Take(3).Select(x => string.Create(CultureInfo.InvariantCulture, $"{Name(x.IndicatorId)} ({x.Rank})"))))).Append("</td><td>")
                  .Append(H(string.Join(", ", p.Weaknesses.Take(3).Select(x => string.Create(CultureInfo.InvariantCulture, $"{Name(x.IndicatorId)} ({x.Rank})"))))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private string UnitName(string id) => result.Units.FirstOrDefault(u => u.Id == id) is { } u ? ResultCharts.UnitName(u) : id;

        private static string PValue(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "&lt;0.001" : F(p, "0.000");

        /// <summary>About four significant digits; large values without decimals.</summary>
        private static string Significant(double v)
        {
            var x = Math.Abs(v);
            return F(v, x >= 1e7 ? "0.###e+0" : x >= 1000 ? "0" : x >= 100 ? "0.0" : x >= 1 ? "0.00" : x == 0 ? "0" : x >= 0.001 ? "0.####" : "0.###e+0");
        }
    }
}
