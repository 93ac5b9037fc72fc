using System.Text;
using CompositeIndex.Reporting;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>A <see cref="ChangeDecomposition"/>: what drove a unit's change between two periods (top-level contributions as bars, the largest indicator contributions as a table).</summary>
internal static class ChangeView
{
    private const int MaxIndicators = 12;

    public static string ToHtml(ChangeDecomposition c)
    {
        var sb = Begin("ci-change");
        sb.Append("<p class=\"ci-head\"><b>").Append(E(c.DisplayName(c.TargetId))).Append("</b>, <code>").Append(E(c.UnitId)).Append("</code>: ")
          .Append(N(c.ScoreFrom, "0.000")).Append(" in ").Append(E(c.FromPeriod)).Append(" → ").Append(N(c.ScoreTo, "0.000")).Append(" in ").Append(E(c.ToPeriod))
          .Append(" = <b class=\"").Append(c.Change >= 0 ? "up" : "down").Append("\">").Append(N(c.Change, "+0.000;-0.000;0.000")).Append("</b> <span class=\"ci-tag\">").Append(E(c.Method.ToString())).Append("</span></p>");
        var top = c.TopLevel.ToList();
        sb.Append(SvgCharts.Bar(
            top.Select(x => new BarItem(c.DisplayName(x.NodeId), x.Contribution) { Highlight = x.Contribution < 0, Tooltip = $"{N(x.ScoreFrom)} → {N(x.ScoreTo)}" }),
            new ChartOptions { Title = $"Contributions to the change {c.FromPeriod} → {c.ToPeriod}", ValueFormat = "+0.000;-0.000;0" }));
        sb.Append("<table><thead><tr><th>Component</th><th class=\"num\">").Append(E(c.FromPeriod)).Append("</th><th class=\"num\">").Append(E(c.ToPeriod))
          .Append("</th><th class=\"num\">Value effect</th><th class=\"num\">Weight effect</th><th class=\"num\">Contribution</th></tr></thead><tbody>");
        foreach (var x in top)
        {
            Row(sb, c, x);
        }

        sb.Append("<tr><td><b>Total</b></td><td class=\"num\">").Append(N(c.ScoreFrom, "0.000")).Append("</td><td class=\"num\">").Append(N(c.ScoreTo, "0.000"))
          .Append("</td><td></td><td></td><td class=\"num\"><b>").Append(N(top.Sum(x => x.Contribution), "+0.000;-0.000;0.000")).Append("</b></td></tr></tbody></table>");
        var indicators = c.Indicators.Where(x => double.IsFinite(x.Contribution)).OrderByDescending(x => Math.Abs(x.Contribution)).Take(MaxIndicators).ToList();
        if (indicators.Count > 0)
        {
            sb.Append("<details><summary>The ").Append(I(indicators.Count)).Append(" largest indicator contributions</summary><table><thead><tr><th>Indicator</th><th class=\"num\">")
              .Append(E(c.FromPeriod)).Append("</th><th class=\"num\">").Append(E(c.ToPeriod)).Append("</th><th class=\"num\">Value effect</th><th class=\"num\">Weight effect</th><th class=\"num\">Contribution</th></tr></thead><tbody>");
            foreach (var x in indicators)
            {
                Row(sb, c, x);
            }

            sb.Append("</tbody></table></details>");
        }

        return End(sb);
    }

    private static void Row(StringBuilder sb, ChangeDecomposition c, ChangeContribution x)
    {
        sb.Append("<tr><td>").Append(E(c.DisplayName(x.NodeId))).Append(" <code>").Append(E(x.NodeId)).Append("</code>")
          .Append(x.Status == ChangeStatus.Continuing ? string.Empty : $" <span class=\"ci-tag\">{E(x.Status.ToString().ToLowerInvariant())}</span>").Append("</td>")
          .NumCell(x.ScoreFrom, "0.0").NumCell(x.ScoreTo, "0.0").NumCell(x.ValueEffect, "+0.000;-0.000;0.000").NumCell(x.WeightEffect, "+0.000;-0.000;0.000")
          .NumCell(x.Contribution, "+0.000;-0.000;0.000", x.Contribution > 0 ? "up" : x.Contribution < 0 ? "down" : null).Append("</tr>");
    }

    public static string ToText(ChangeDecomposition c)
    {
        var sb = new StringBuilder();
        sb.Append(c.TargetId).Append(' ').Append(c.UnitId).Append(": ").Append(N(c.ScoreFrom, "0.000")).Append(" (").Append(c.FromPeriod).Append(") -> ").Append(N(c.ScoreTo, "0.000"))
          .Append(" (").Append(c.ToPeriod).Append(") = ").AppendLine(N(c.Change, "+0.000;-0.000;0.000"));
        foreach (var x in c.TopLevel)
        {
            sb.Append("  ").Append(Pad(c.DisplayName(x.NodeId), 40)).Append(' ').AppendLine(N(x.Contribution, "+0.000;-0.000;0.000"));
        }

        return sb.ToString();
    }
}
