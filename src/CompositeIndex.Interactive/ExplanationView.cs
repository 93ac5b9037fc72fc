using System.Text;
using CompositeIndex.Reporting;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>A <see cref="UnitExplanation"/>: the score tree with weights, shares and contributions, and a bar chart of the top-level contributions.</summary>
internal static class ExplanationView
{
    public static string ToHtml(UnitExplanation x)
    {
        var r = x.Result;
        var sb = Begin("ci-explanation");
        var unit = r.Units.FirstOrDefault(u => u.Id == x.UnitId);
        sb.Append("<p class=\"ci-head\"><b>").Append(E(unit?.Name ?? x.UnitId)).Append("</b> — ").Append(E(ResultView.Name(r, x.GroupId))).Append(", ").Append(E(x.Period))
          .Append(": <b>").Append(N(x.Score)).Append("</b>").Append(x.Rank is { } rank ? $" (rank {I(rank)} of {I(r.Units.Length)})" : string.Empty).Append("</p>");
        sb.Append("<p class=\"ci-note\">Weight is the effective weight in the parent (re-normalised over the children present); share is the part of the parent's score; the contributions to the parent and to the total add up to their scores.</p>");
        var byParent = x.Contributions.ToLookup(c => c.ParentId, StringComparer.Ordinal);
        var top = byParent[x.GroupId].ToList();
        var scale = x.Contributions.Where(c => double.IsFinite(c.ToTarget)).Select(c => Math.Abs(c.ToTarget)).DefaultIfEmpty(0).Max();
        sb.Append("<table class=\"ci-tree-table\"><thead><tr><th>Node</th><th class=\"num\">Score</th><th class=\"num\">Weight</th><th class=\"num\">Share</th><th class=\"num\">To parent</th><th class=\"num\">To total</th><th></th></tr></thead><tbody>");
        sb.Append("<tr><td><b>").Append(E(ResultView.Name(r, x.GroupId))).Append("</b></td><td class=\"num\"><b>").Append(N(x.Score)).Append("</b></td><td></td><td></td><td></td><td class=\"num\">").Append(N(x.Score)).Append("</td><td></td></tr>");
        Rows(sb, r, byParent, x.GroupId, 1, scale);
        sb.Append("</tbody></table>");
        if (top.Count > 0)
        {
            var bars = top.Select(c => new BarItem(ResultView.Name(r, c.NodeId), c.ToTarget) { Tooltip = $"score {N(c.Score)}, weight {N(c.Weight, "0.###")}" });
            sb.Append(SvgCharts.Bar(bars, new ChartOptions { Title = $"Contributions to {ResultView.Name(r, x.GroupId)} — {unit?.Name ?? x.UnitId}, {x.Period}" }));
        }

        return End(sb);
    }

    private static void Rows(StringBuilder sb, IndexResult r, ILookup<string, Contribution> byParent, string parent, int depth, double scale)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (var c in byParent[parent])
        {
            sb.Append("<tr><td style=\"padding-left:").Append(I(8 + (18 * depth))).Append("px\">").Append(c.IsIndicator ? string.Empty : "<b>").Append(E(ResultView.Name(r, c.NodeId)))
              .Append(c.IsIndicator ? string.Empty : "</b>").Append(" <code>").Append(E(c.NodeId)).Append("</code></td>")
              .NumCell(c.Score).NumCell(c.Weight, "0.###").NumCell(100 * c.Share, "0.0' %'").NumCell(c.ToParent).NumCell(c.ToTarget)
              .Append("<td>").Append(Bar(c.ToTarget, scale)).Append("</td></tr>");
            if (!c.IsIndicator)
            {
                Rows(sb, r, byParent, c.NodeId, depth + 1, scale);
            }
        }
    }

    public static string ToText(UnitExplanation x)
    {
        var sb = new StringBuilder();
        sb.Append(x.UnitId).Append(", ").Append(x.GroupId).Append(", ").Append(x.Period).Append(": ").AppendLine(N(x.Score));
        var byParent = x.Contributions.ToLookup(c => c.ParentId, StringComparer.Ordinal);
        Text(sb, byParent, x.GroupId, 1);
        return sb.ToString();
    }

    private static void Text(StringBuilder sb, ILookup<string, Contribution> byParent, string parent, int depth)
    {
        foreach (var c in byParent[parent])
        {
            sb.Append(new string(' ', 2 * depth)).Append(Pad(c.NodeId, Math.Max(8, 28 - (2 * depth)))).Append(" score ").Append(N(c.Score)).Append("  weight ").Append(N(c.Weight, "0.###"))
              .Append("  to total ").AppendLine(N(c.ToTarget, "0.000"));
            if (!c.IsIndicator && depth < 64)
            {
                Text(sb, byParent, c.NodeId, depth + 1);
            }
        }
    }
}
