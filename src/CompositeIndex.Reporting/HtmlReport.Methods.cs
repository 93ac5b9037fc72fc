using System.Globalization;

namespace CompositeIndex.Reporting;

/// <content>Data quality, methods and weights in plain language, fitted parameters.</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        private void Quality()
        {
            var audit = result.Audit;
            var imputed = audit.Where(a => a.UnitId is not null && Is(a.Step, "imput")).GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var treated = audit.Where(a => a.UnitId is not null && (Is(a.Step, "treat") || Is(a.Step, "winsor") || Is(a.Step, "cap") || Is(a.Step, "outlier"))).GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            sb.Append("<p class=\"note\">").Append(H(text.Format(o.Data is null ? "quality.noteScores" : "quality.noteRaw", period))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"quality\"><thead><tr><th>").Append(H(T("col.indicator"))).Append("</th><th class=\"num\">").Append(H(T("col.present")))
              .Append("</th><th class=\"num\">").Append(H(T("col.missing"))).Append("</th><th class=\"num\">").Append(H(T("col.imputed"))).Append("</th><th class=\"num\">").Append(H(T("col.treated"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var ind in result.Definition.Indicators)
            {
                var (present, total) = Coverage(ind.Id, period);
                sb.Append("<tr><td>").Append(H(ind.DisplayName(o.Language))).Append("</td><td class=\"num\">").Append(I(present)).Append("</td><td class=\"num\">").Append(I(total - present))
                  .Append("</td><td class=\"num\">").Append(I(imputed.GetValueOrDefault(ind.Id))).Append("</td><td class=\"num\">").Append(I(treated.GetValueOrDefault(ind.Id))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n<h3>").Append(H(T("quality.auditLog"))).Append("</h3>\n");
            if (audit.IsEmpty)
            {
                sb.Append("<p>").Append(H(T("quality.auditEmpty"))).Append("</p>\n");
                return;
            }

            sb.Append("<p>");
            sb.AppendJoin("; ", audit.GroupBy(a => a.Step).Select(g => H(text.Format("quality.entries", g.Key, g.Count()))));
            sb.Append(".</p>\n<div class=\"table-wrap\"><table class=\"audit\"><thead><tr><th>").Append(H(T("col.step"))).Append("</th><th>").Append(H(T("col.node"))).Append("</th><th>")
              .Append(H(T("col.unit"))).Append("</th><th>").Append(H(T("col.period"))).Append("</th><th>").Append(H(T("col.message"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var a in audit.Take(o.MaxListRows))
            {
                sb.Append("<tr><td>").Append(H(a.Step)).Append("</td><td>").Append(H(a.NodeId)).Append("</td><td>").Append(H(a.UnitId)).Append("</td><td>").Append(H(a.Period))
                  .Append("</td><td>").Append(H(a.Message)).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            if (audit.Length > o.MaxListRows)
            {
                sb.Append("<p class=\"note\">").Append(H(text.Format("list.shownOf", o.MaxListRows, audit.Length))).Append("</p>\n");
            }

            static bool Is(string step, string word) => step.Contains(word, StringComparison.OrdinalIgnoreCase);
        }

        private void Methods()
        {
            var d = result.Definition;
            var lang = o.Language;
            // Each child's weight within its group as the evaluation used it: the result's normalised weights
            // (IndexResult.Weights sums after scaling, so weights near the largest double do not overflow to ∞ or 0).
            var parent = new Dictionary<string, (GroupDefinition Group, double Weight)>(StringComparer.Ordinal);
            foreach (var g in d.Groups)
            {
                var used = result.Weights.FirstOrDefault(w => w.GroupId == g.Id && w.UnitId is null && (w.Period is null || w.Period == period) && w.ChildIds.Length == g.Children.Length);
                var nominal = used is null ? Relative([.. g.Children.Select(c => c.Weight)]) : null;
                foreach (var (c, k) in g.Children.Select((c, k) => (c, k)))
                {
                    parent[c.Id] = (g, used is not null ? used.Weights[k] : nominal![k]);
                }
            }

            if (!d.Steps.IsDefaultOrEmpty)
            {
                sb.Append("<h3>").Append(H(T("methods.steps"))).Append("</h3>\n<ol class=\"steps\">\n");
                foreach (var step in d.Steps)
                {
                    sb.Append("<li>").Append(H(step.Describe(lang))).Append("</li>\n");
                }

                sb.Append("</ol>\n");
            }

            sb.Append("<h3>").Append(H(T("methods.groups"))).Append("</h3>\n<p class=\"note\">").Append(H(T("methods.weightsNote"))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"methods\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th>").Append(H(T("col.parent")))
              .Append("</th><th class=\"num\">").Append(H(T("col.weight"))).Append("</th><th>").Append(H(T("col.aggregation"))).Append("</th><th>").Append(H(T("col.missingData"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var g in ResultCharts.GroupsTopDown(result))
            {
                var aggregation = g.Aggregation ?? d.Aggregation ?? new ArithmeticAggregation();
                var missing = g.MissingData ?? d.MissingData ?? new RenormalizeWeights();
                var method = aggregation.Describe(lang);
                if (g.Weighting is { } w)
                {
                    method += "; " + w.Describe(lang);
                }

                if (g.WeightScaling != WeightScaling.None)
                {
                    method += "; " + T("methods.scaling." + g.WeightScaling.ToString());
                }

                Row(g.Id, method, missing.Describe(lang));
            }

            sb.Append("</tbody></table></div>\n");

            // Normalisation: one row per distinct method, listing the indicators it applies to.
            sb.Append("<h3>").Append(H(T("methods.normalization"))).Append("</h3>\n<div class=\"table-wrap\"><table class=\"methods normalization\"><thead><tr><th>").Append(H(T("col.method"))).Append("</th><th>")
              .Append(H(T("col.indicators"))).Append("</th></tr></thead>\n<tbody>\n");
            var byMethod = new List<(NormalizationMethod? Method, List<string> Indicators)>();
            foreach (var ind in d.Indicators)
            {
                var method = ind.Normalization ?? FindGroupNormalization(ind.Id) ?? d.Normalization;
                var label = H(ind.DisplayName(lang)) + " <code>" + H(ind.Id) + "</code>" + (ind.Polarity == Polarity.Negative ? " (" + H(T("methods.lowerIsBetter")) + ")" : string.Empty);
                var entry = byMethod.FindIndex(x => Equals(x.Method, method));
                if (entry < 0)
                {
                    byMethod.Add((method, [label]));
                }
                else
                {
                    byMethod[entry].Indicators.Add(label);
                }
            }

            foreach (var (method, indicators) in byMethod)
            {
                sb.Append("<tr><td>").Append(H(method?.Describe(lang) ?? T("methods.none"))).Append("</td><td>").Append(string.Join(", ", indicators)).Append("</td></tr>\n"); // each part escaped above
            }

            sb.Append("</tbody></table></div>\n");
            if (!d.Outputs.IsDefaultOrEmpty)
            {
                sb.Append("<h3>").Append(H(T("methods.outputs"))).Append("</h3>\n<ul class=\"outputs\">\n");
                foreach (var x in d.Outputs)
                {
                    sb.Append("<li><b>").Append(H(x.DisplayName(lang))).Append("</b>: ").Append(H(x.Value.Describe(lang)));
                    if (x.Rounding is { } r)
                    {
                        sb.Append("; ").Append(H(text.Format("methods.rounding", r.Digits)));
                    }

                    if (x.Ranking is { } rk)
                    {
                        sb.Append("; ").Append(H(rk.Units is { } f ? text.Format("methods.rankedScope", f.Attribute, string.Join(", ", f.Values)) : T("methods.ranked")));
                    }

                    if (!x.Classes.IsDefaultOrEmpty)
                    {
                        sb.Append("; ").Append(H(text.Format("methods.classes", string.Join(", ", x.Classes.Select(c => c.Label).Distinct()))));
                    }

                    sb.Append("</li>\n");
                }

                sb.Append("</ul>\n");
            }

            var fitted = result.Weights.Where(w => w.UnitId is null && w.MethodName != "definition").ToList();
            if (fitted.Count > 0)
            {
                sb.Append("<h3>").Append(H(T("methods.derivedWeights"))).Append("</h3>\n<div class=\"table-wrap\"><table class=\"weights\"><thead><tr><th>").Append(H(T("col.group"))).Append("</th><th>")
                  .Append(H(T("col.method"))).Append("</th><th>").Append(H(T("col.weights"))).Append("</th><th>").Append(H(T("col.derivation"))).Append("</th></tr></thead>\n<tbody>\n");
                foreach (var w in fitted.Take(o.MaxListRows))
                {
                    var weights = string.Join(", ", w.ChildIds.Zip(w.Weights, (c, v) => $"{Name(c)} {SvgBuilder.Format(v, "0.000")}"));
                    sb.Append("<tr><td>").Append(H(Name(w.GroupId))).Append(w.Period is null ? string.Empty : " (" + H(w.Period) + ")").Append("</td><td>").Append(H(w.MethodName)).Append("</td><td>").Append(H(weights))
                      .Append("</td><td>").Append(H(w.Derivation)).Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }

            void Row(string id, string method, string missing)
            {
                var p = parent.TryGetValue(id, out var x) ? x : default;
                sb.Append("<tr><td>").Append(H(Name(id))).Append(" <code>").Append(H(id)).Append("</code></td><td>")
                  .Append(p.Group is null ? "–" : H(Name(p.Group.Id))).Append("</td><td class=\"num\">").Append(p.Group is null || !double.IsFinite(p.Weight) ? "–" : SvgBuilder.Format(p.Weight, "0.000"))
                  .Append("</td><td>").Append(H(method)).Append("</td><td>").Append(H(missing)).Append("</td></tr>\n");
            }

            // The definition's weights relative to their sum, divided by the largest first so the sum cannot overflow.
            static double[] Relative(double[] w)
            {
                var max = w.Where(double.IsFinite).DefaultIfEmpty(0).Max();
                var scaled = max > 0 ? w.Select(x => x / max).ToArray() : w;
                var sum = scaled.Sum();
                return [.. scaled.Select(x => sum > 0 ? x / sum : double.NaN)];
            }

            NormalizationMethod? FindGroupNormalization(string id)
            {
                var guard = 0;
                while (parent.TryGetValue(id, out var p) && guard++ < 10_000)
                {
                    if (p.Group.Normalization is not null)
                    {
                        return p.Group.Normalization;
                    }

                    id = p.Group.Id;
                }

                return null;
            }
        }

        /// <summary>
        /// The fitted parameters, each shown once: a parameter with the same value in every period (pooled, base-period
        /// or fixed goalposts) is one row "all periods"; one that differs by period has a row per period.
        /// </summary>
        private void Parameters()
        {
            var prm = result.Parameters;
            if (prm.IsEmpty)
            {
                sb.Append("<p>").Append(H(T("parameters.none"))).Append("</p>\n");
                return;
            }

            var rows = new List<(string Indicator, string Period, string Name, double Value)>();
            foreach (var g in prm.GroupBy(x => (x.IndicatorId, x.Name)))
            {
                var values = g.ToList();
                if (values.All(x => x.Value.Equals(values[0].Value)))
                {
                    rows.Add((g.Key.IndicatorId, values.Count == 1 && values[0].Period is { } only ? only : T("parameters.allPeriods"), g.Key.Name, values[0].Value));
                }
                else
                {
                    rows.AddRange(values.Select(x => (x.IndicatorId, x.Period ?? T("parameters.allPeriods"), x.Name, x.Value)));
                }
            }

            sb.Append("<p class=\"note\">").Append(H(T("parameters.note"))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"parameters\"><thead><tr><th>").Append(H(T("col.indicator"))).Append("</th><th>").Append(H(T("col.period"))).Append("</th><th>")
              .Append(H(T("col.parameter"))).Append("</th><th class=\"num\">").Append(H(T("col.value"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var p in rows.Take(o.MaxListRows))
            {
                sb.Append("<tr><td>").Append(H(Name(p.Indicator))).Append("</td><td>").Append(H(p.Period)).Append("</td><td>").Append(H(p.Name))
                  .Append("</td><td class=\"num\">").Append(H(p.Value.ToString("G6", CultureInfo.InvariantCulture))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            if (rows.Count > o.MaxListRows)
            {
                sb.Append("<p class=\"note\">").Append(H(text.Format("list.shownOf", o.MaxListRows, rows.Count))).Append("</p>\n");
            }
        }
    }
}
