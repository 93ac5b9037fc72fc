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
            if (TooFewUnitsToCompare())
            {
                return;
            }

            var a = IndexAudit.Run(result, o.Data, period, o.AuditOptions);
            var statsData = T(a.StatisticsData == AuditDataSet.Raw ? "audit.rawData" : "audit.normalisedScores");
            var corrData = T(a.CorrelationData == AuditDataSet.Raw ? "audit.rawData" : "audit.normalisedScores");
            sb.Append("<p class=\"note\">").Append(H(text.Format("audit.note", period, statsData, corrData))).Append("</p>\n");
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

        /// <summary>
        /// The audit and the correlations compare units: with fewer than 3 units scored in the period every spread,
        /// skewness, correlation and principal component is undefined (skewness needs 3 values; a correlation of 2 is
        /// always ±1). Writes one note saying so instead of tables of "n/a" and returns <see langword="true"/> then.
        /// </summary>
        private bool TooFewUnitsToCompare()
        {
            var scored = 0;
            foreach (var v in result.GetScores(result.RootId, period).Span)
            {
                scored += double.IsNaN(v) ? 0 : 1;
            }

            if (scored >= 3)
            {
                return false;
            }

            sb.Append("<p class=\"note\">").Append(H(text.Format("audit.tooFewUnits", scored, period))).Append("</p>\n");
            return true;
        }

        private void AuditStatistics(IndexAuditResult a, string data)
        {
            sb.Append("<h3>").Append(H(T("audit.statistics"))).Append("</h3>\n<p class=\"note\">").Append(H(text.Format("audit.statisticsNote", data))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"statistics\"><thead><tr><th>").Append(H(T("col.indicator"))).Append("</th><th class=\"num\">").Append(H(T("audit.available"))).Append("</th><th class=\"num\">").Append(H(T("audit.min"))).Append("</th><th class=\"num\">").Append(H(T("audit.max"))).Append("</th>")
              .Append("<th class=\"num\">").Append(H(T("audit.mean"))).Append("</th><th class=\"num\">").Append(H(T("audit.median"))).Append("</th><th class=\"num\">").Append(H(T("audit.sd"))).Append("</th><th class=\"num\">").Append(H(T("audit.skewness"))).Append("</th><th class=\"num\">").Append(H(T("audit.kurtosis"))).Append("</th><th>").Append(H(T("audit.flags"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var s in a.Statistics)
            {
                var flags = new List<string>();
                if (s.Outliers)
                {
                    flags.Add(T("audit.flag.outliers"));
                }

                if (s.LowAvailability)
                {
                    flags.Add(T("audit.flag.lowAvailability"));
                }

                if (s.LowNonZero)
                {
                    flags.Add(T("audit.flag.fewNonZero"));
                }

                if (s.LowUnique)
                {
                    flags.Add(T("audit.flag.fewDistinct"));
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
            sb.Append("<p>").Append(H(text.Format("audit.complete", complete, a.Availability.Units.Length)));
            var lowest = a.Availability.Units.Where(u => u.Missing > 0).OrderBy(u => u.Available).ThenBy(u => u.UnitId, StringComparer.Ordinal).Take(5).ToList();
            if (lowest.Count > 0)
            {
                sb.Append(H(T("audit.leastComplete"))).AppendJoin(", ", lowest.Select(u => H(UnitName(u.UnitId)) + " " + F(100 * u.Available, "0") + " %"));
            }

            sb.Append(".</p>\n");
        }

        private void AuditCorrelations(IndexAuditResult a, string data)
        {
            if (a.Pearson is not { } m || m.RowIds.Length < 2)
            {
                return;
            }

            sb.Append("<h3>").Append(H(T("audit.correlations"))).Append("</h3>\n");
            var matrix = new LabeledMatrix([.. m.RowIds.Select(Name)], m.Values);
            Figure(SvgCharts.Heatmap(matrix, new ChartOptions { Title = text.Format("audit.correlationsTitle", data, period), Id = "correlations", MissingText = T("na") }, standalone: false),
                T("correlations.caption"));
            if (a.CorrelationFlags.IsEmpty)
            {
                sb.Append("<p>").Append(H(T("audit.noFlaggedPairs"))).Append("</p>\n");
            }
            else
            {
                sb.Append("<p class=\"note\">").Append(H(T("audit.flaggedPairsNote"))).Append("</p>\n")
                  .Append("<div class=\"table-wrap\"><table class=\"correlation-flags\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th>").Append(H(T("col.indicator"))).Append("</th><th>").Append(H(T("col.indicator"))).Append("</th><th class=\"num\">r</th><th class=\"num\">p</th><th>").Append(H(T("audit.flag"))).Append("</th></tr></thead>\n<tbody>\n");
                foreach (var f in a.CorrelationFlags.Take(o.MaxListRows))
                {
                    sb.Append("<tr><td>").Append(H(Name(f.GroupId))).Append("</td><td>").Append(H(Name(f.First))).Append("</td><td>").Append(H(Name(f.Second)))
                      .Append("</td><td class=\"num\">").Append(F(f.Correlation, "0.000")).Append("</td><td class=\"num\">").Append(PValue(m.PValue(f.First, f.Second)))
                      .Append("</td><td>").Append(H(T(f.Kind == CorrelationFlagKind.Collinear ? "audit.collinear" : "audit.negative"))).Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }

            if (!a.DenominatorCorrelations.IsEmpty)
            {
                sb.Append("<p class=\"note\">").Append(H(text.Format("audit.denominatorsNote", string.Join(", ", a.Denominators))))
                  .Append("</p>\n<div class=\"table-wrap\"><table class=\"denominators\"><thead><tr><th>").Append(H(T("col.indicator"))).Append("</th><th>").Append(H(T("audit.denominator"))).Append("</th><th class=\"num\">r</th><th class=\"num\">").Append(H(T("fact.units"))).Append("</th></tr></thead>\n<tbody>\n");
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

            sb.Append("<h3>").Append(H(T("audit.reliability"))).Append("</h3>\n<p class=\"note\">").Append(H(T("audit.reliabilityNote"))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"reliability\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th class=\"num\">").Append(H(T("col.indicators"))).Append("</th><th class=\"num\">").Append(H(T("audit.alpha"))).Append("</th><th class=\"num\">").Append(H(T("audit.pc1Variance"))).Append("</th><th>").Append(H(T("audit.pc1Loadings"))).Append("</th></tr></thead>\n<tbody>\n");
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

            sb.Append("<h3>").Append(H(T("audit.factorAnalysis"))).Append("</h3>\n<p class=\"note\">").Append(H(T("audit.factorAnalysisNote"))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"factor-analysis\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th class=\"num\">").Append(H(T("col.indicators"))).Append("</th><th class=\"num\">").Append(H(T("audit.factors"))).Append("</th><th class=\"num\">").Append(H(T("audit.varianceExplained"))).Append("</th>")
              .Append("<th class=\"num\">χ² (df)</th><th class=\"num\">p</th><th>").Append(H(T("audit.byFactor"))).Append("</th></tr></thead>\n<tbody>\n");
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
                    sb.Append("<td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"note\">").Append(H(text.Format("audit.notFitted", g.Reason ?? string.Empty))).Append("</td></tr>\n");
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
                .Select(e => new BarItem(Name(e.NodeId), e.Effective) { Tooltip = text.Format("audit.effectiveTip", Name(e.NodeId), F(e.Effective, "0.000"), F(realized[e.NodeId].MeanShare, "0.000")) })
                .ToList();
            if (items.Count == 0)
            {
                return;
            }

            sb.Append("<h3>").Append(H(T("audit.effectiveWeights"))).Append("</h3>\n");
            var shown = items.OrderByDescending(i => i.Value).ThenBy(i => items.IndexOf(i)).Take(o.MaxChartRows).ToList();
            var caption = shown.Count < items.Count ? text.Format("audit.showingLargest", shown.Count, items.Count) : null;
            Figure(SvgCharts.Bar(shown, new ChartOptions { Title = T("audit.effectiveWeightsTitle"), Id = "effective-weights", ValueFormat = "0.000", Caption = caption, MissingText = T("na") }, standalone: false),
                T("audit.effectiveWeightsCaption"));
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
            sb.Append("<h3>").Append(H(T("profiles.strengths"))).Append("</h3>\n<p class=\"note\">").Append(H(T("audit.strengthsNote")));
            if (shown.Count < order.Count)
            {
                sb.Append(H(text.Format("audit.strengthsTop", shown.Count, order.Count)));
            }

            sb.Append(".</p>\n<div class=\"table-wrap\"><table class=\"strengths\"><thead><tr><th>").Append(H(T("col.unit"))).Append("</th><th>").Append(H(T("col.strengths"))).Append("</th><th>").Append(H(T("col.weaknesses"))).Append("</th></tr></thead>\n<tbody>\n");
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
