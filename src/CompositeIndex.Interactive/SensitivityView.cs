using System.Text;
using CompositeIndex.Reporting;
using CompositeIndex.Sensitivity;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>A <see cref="SensitivityResult"/>: rank intervals (chart and table) and first-order/total Sobol indices with confidence intervals, through <see cref="SensitivityReport.From"/> and <see cref="SvgCharts"/>.</summary>
internal static class SensitivityView
{
    private const int MaxChartRows = 40;

    public static string ToHtml(SensitivityResult s)
    {
        var names = UnitNames(s);
        var report = SensitivityReport.From(s, unitNames: names);
        var sb = Begin("ci-sensitivity");
        var period = s.Periods.Length > 0 ? s.Periods[^1] : string.Empty;
        sb.Append("<p class=\"ci-head\"><b>Sensitivity of <code>").Append(E(s.IndexId)).Append("</code></b> (").Append(E(s.NodeId)).Append(") — ").Append(I(s.RunCount)).Append(" runs, seed ")
          .Append(E(s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append("</p>");
        if (report.Summary is { } summary)
        {
            sb.Append("<p class=\"ci-note\">").Append(E(summary)).Append("</p>");
        }

        if (!report.RankIntervals.IsDefaultOrEmpty)
        {
            var shown = report.RankIntervals.Take(MaxChartRows).ToList();
            sb.Append(SvgCharts.RankIntervals(shown, new ChartOptions
            {
                Title = $"Rank intervals, {period}",
                Caption = shown.Count < report.RankIntervals.Length ? $"Showing the first {I(shown.Count)} of {I(report.RankIntervals.Length)} units by nominal rank." : null,
            }));
            sb.Append("<details><summary>Rank intervals as a table</summary>").Append(SortScript).Append("<div class=\"ci-scroll\"><table class=\"ci-intervals\"><thead><tr>")
              .SortHeader("Nominal", numeric: true).SortHeader("Unit").SortHeader("Median", numeric: true).SortHeader("Lower", numeric: true).SortHeader("Upper", numeric: true)
              .SortHeader("Best", numeric: true).SortHeader("Worst", numeric: true).SortHeader("Mean |shift|", numeric: true).Append("</tr></thead><tbody>");
            foreach (var r in s.RankIntervals.Where(r => r.Period == period).OrderBy(r => r.NominalRank ?? int.MaxValue).ThenBy(r => r.MedianRank))
            {
                sb.Append("<tr>").NumCell(r.NominalRank ?? double.NaN, "0").Append("<td title=\"").Append(E(r.UnitId)).Append("\">").Append(E(names.GetValueOrDefault(r.UnitId, r.UnitId))).Append("</td>").NumCell(r.MedianRank, "0.#").NumCell(r.LowerRank, "0.#")
                  .NumCell(r.UpperRank, "0.#").NumCell(r.BestRank ?? double.NaN, "0").NumCell(r.WorstRank ?? double.NaN, "0").NumCell(r.MeanAbsoluteRankShift).Append("</tr>");
            }

            sb.Append("</tbody></table></div></details>");
        }

        if (!report.Indices.IsDefaultOrEmpty)
        {
            sb.Append(SvgCharts.SensitivityIndices(report.Indices, new ChartOptions { Title = $"Sobol indices of {report.Output}" }));
            sb.Append("<table class=\"ci-sobol\"><thead><tr><th>Factor</th><th class=\"num\">S1</th><th class=\"num\">± conf</th><th class=\"num\">ST</th><th class=\"num\">± conf</th></tr></thead><tbody>");
            foreach (var i in report.Indices)
            {
                sb.Append("<tr><td>").Append(E(i.Label)).Append("</td>").NumCell(i.S1, "0.000").NumCell(i.S1Conf, "0.000").NumCell(i.ST, "0.000").NumCell(i.STConf, "0.000").Append("</tr>");
            }

            sb.Append("</tbody></table><p class=\"ci-note\">S1: first-order index (the share of the output variance due to the factor alone); ST: total effect (including interactions). Estimates can be slightly negative; ± is the half-width of the bootstrap interval.</p>");
        }

        SensitivityExtras.Append(sb, report);
        return End(sb);
    }

    public static string ToText(SensitivityResult s)
    {
        var report = SensitivityReport.From(s, unitNames: UnitNames(s));
        var sb = new StringBuilder();
        sb.Append("SensitivityResult ").Append(s.IndexId).Append(": ").Append(I(s.RunCount)).AppendLine(" runs");
        if (report.Summary is { } summary)
        {
            sb.AppendLine(summary);
        }

        foreach (var r in report.RankIntervals.Take(10))
        {
            sb.Append("  ").Append(Pad(r.Label, 24)).Append(" nominal ").Append(r.Nominal is { } n ? N(n, "0") : "-").Append(", median ").Append(N(r.Median, "0.#"))
              .Append(", interval ").Append(N(r.Low, "0.#")).Append('-').AppendLine(N(r.High, "0.#"));
        }

        foreach (var i in report.Indices)
        {
            sb.Append("  ").Append(Pad(i.Label, 24)).Append(" S1 ").Append(N(i.S1, "0.000")).Append(" ± ").Append(N(i.S1Conf, "0.000"))
              .Append(", ST ").Append(N(i.ST, "0.000")).Append(" ± ").AppendLine(N(i.STConf, "0.000"));
        }

        return sb.ToString();
    }

    /// <summary>Display names by unit id (the data's names; ids where it gives none).</summary>
    private static Dictionary<string, string> UnitNames(SensitivityResult s) =>
        s.Units.Zip(s.UnitNames).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
}
