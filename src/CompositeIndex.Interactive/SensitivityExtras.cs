using System.Text;
using CompositeIndex.Reporting;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>The Morris measures and the convergence view of a <see cref="CompositeIndex.Sensitivity.SensitivityResult"/> in a notebook cell (issue #20), through <see cref="SensitivityCharts"/>.</summary>
internal static class SensitivityExtras
{
    public static void Append(StringBuilder sb, SensitivityReport report)
    {
        if (report.Morris is { } morris)
        {
            var m = morris.Indices;
            sb.Append(SensitivityCharts.MuStar(morris, new ChartOptions { Title = $"Morris μ* of {morris.Output}", Id = "ci-morris-mustar" }));
            sb.Append("<table class=\"ci-morris\"><thead><tr><th>Factor</th><th class=\"num\">μ*</th><th class=\"num\">± conf</th><th class=\"num\">μ</th><th class=\"num\">σ</th><th class=\"num\">Effects</th></tr></thead><tbody>");
            foreach (var i in Enumerable.Range(0, morris.Factors.Length).OrderByDescending(i => double.IsNaN(m.MuStar[i]) ? double.NegativeInfinity : m.MuStar[i]).ThenBy(i => i))
            {
                sb.Append("<tr><td>").Append(E(morris.Factors[i])).Append("</td>").NumCell(m.MuStar[i], "0.####").NumCell(m.MuStarConf[i], "0.####").NumCell(m.Mu[i], "0.####").NumCell(m.Sigma[i], "0.####")
                  .NumCell(m.Effects[i], "0").Append("</tr>");
            }

            sb.Append("</tbody></table><p class=\"ci-note\">μ*: mean absolute elementary effect (ranks the factors); σ: spread of the effects (interactions, non-linearity); μ ≪ μ*: effects of both signs.</p>");
        }

        if (report.Convergence is { } output)
        {
            var c = output.Convergence;
            var measures = c.Method == "morris" ? new[] { ConvergenceMeasure.MuStar } : [ConvergenceMeasure.FirstOrder, ConvergenceMeasure.TotalOrder];
            foreach (var measure in measures)
            {
                sb.Append(SensitivityCharts.Convergence(c, measure, new ChartOptions { Height = 280, ValueFormat = measure == ConvergenceMeasure.MuStar ? "0.###" : "0.00", Id = "ci-convergence-" + measure.ToString().ToLowerInvariant() }));
            }

            sb.Append("<p class=\"ci-note\">Convergence of ").Append(E(output.Output.ToString())).Append(": the indices from the first ")
              .Append(E(string.Join(", ", c.Points.Select(p => I(p.SampleSize))))).Append(c.Method == "morris" ? " trajectories" : " base rows")
              .Append(" of the same design (no extra runs); lines still moving at the right mean the sample is too small.</p>");
        }
    }
}
