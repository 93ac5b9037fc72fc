using System.Globalization;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Reporting;

/// <content>The Morris screening and convergence sections (issue #20; plugged in by one line of <c>Writer.Plan()</c>).</content>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        /// <summary>Adds the Morris and convergence sections after the uncertainty section, when the sensitivity result has them.</summary>
        private void AddSensitivitySections(List<(string Id, string Title, Action Content)> plan)
        {
            if (o.Sensitivity is not { } s)
            {
                return;
            }

            if (s.Morris is { } morris)
            {
                plan.Add(("morris", T("section.morris"), () => MorrisSection(morris)));
            }

            if (s.Convergence is { } convergence)
            {
                plan.Add(("convergence", T("section.convergence"), () => ConvergenceSection(convergence)));
            }
        }

        private void MorrisSection(MorrisOutput morris)
        {
            var m = morris.Indices;
            sb.Append("<p class=\"note\">").Append(H(text.Format("morris.note", morris.Output.ToString(), m.Trajectories, morris.Factors.Length + 1))).Append("</p>\n");
            Figure(SensitivityCharts.MuStar(morris, new ChartOptions { Title = T("morris.chartTitle"), Id = "morris", ValueFormat = ValueFormat(m.MuStar), MissingText = T("na") }, standalone: false), null);
            sb.Append("<div class=\"table-wrap\"><table class=\"morris\"><thead><tr><th>").Append(H(T("col.input")))
              .Append("</th><th class=\"num\">μ*</th><th class=\"num\">± conf</th><th class=\"num\">μ</th><th class=\"num\">σ</th><th class=\"num\">").Append(H(T("morris.effects"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var i in SensitivityCharts.Order(morris))
            {
                sb.Append("<tr><td>").Append(H(morris.Factors[i])).Append("</td>");
                foreach (var v in new[] { m.MuStar[i], m.MuStarConf[i], m.Mu[i], m.Sigma[i] })
                {
                    sb.Append("<td class=\"num\">").Append(H(SensitivityCharts.Format(v))).Append("</td>");
                }

                sb.Append("<td class=\"num\">").Append(I(m.Effects[i])).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private void ConvergenceSection(OutputConvergence output)
        {
            var c = output.Convergence;
            var morris = c.Method == "morris";
            var sizes = string.Join(", ", c.Points.Select(p => I(p.SampleSize)));
            sb.Append("<p class=\"note\">").Append(H(text.Format("convergence.note", output.Output.ToString(), sizes, T(morris ? "convergence.trajectories" : "convergence.baseRows")))).Append("</p>\n");
            var measures = morris ? new[] { ConvergenceMeasure.MuStar } : [ConvergenceMeasure.FirstOrder, ConvergenceMeasure.TotalOrder];
            foreach (var measure in measures)
            {
                var key = measure switch { ConvergenceMeasure.FirstOrder => "convergence.s1Title", ConvergenceMeasure.TotalOrder => "convergence.stTitle", _ => "convergence.muStarTitle" };
                var id = measure switch { ConvergenceMeasure.FirstOrder => "convergence-s1", ConvergenceMeasure.TotalOrder => "convergence-st", _ => "convergence-mustar" };
                Figure(SensitivityCharts.Convergence(c, measure, new ChartOptions { Title = T(key), Id = id, Height = 300, ValueFormat = morris ? ValueFormat(c.Points[^1].MuStar) : "0.00", MissingText = T("na") }, standalone: false), null);
            }

            sb.Append("<div class=\"table-wrap\"><table class=\"convergence\"><thead><tr><th>").Append(H(T("col.input"))).Append("</th>");
            foreach (var p in c.Points)
            {
                sb.Append("<th class=\"num\">").Append(morris ? "r = " : "N = ").Append(I(p.SampleSize)).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            for (var i = 0; i < c.Factors.Length; i++)
            {
                sb.Append("<tr><td>").Append(H(c.Factors[i])).Append("</td>");
                foreach (var p in c.Points)
                {
                    var cell = morris ? SensitivityCharts.Format(p.MuStar[i]) : F(p.S1[i], "0.000") + " / " + F(p.ST[i], "0.000");
                    sb.Append("<td class=\"num\">").Append(H(cell)).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n<p class=\"note\">").Append(H(T(morris ? "convergence.tableMorris" : "convergence.tableSobol"))).Append("</p>\n");
        }

        private static string ValueFormat(IEnumerable<double> values)
        {
            var max = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            return max >= 100 ? "0" : max >= 1 ? "0.0" : max >= 0.1 ? "0.00" : "0.000";
        }
    }
}
