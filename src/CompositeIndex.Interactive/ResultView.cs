using System.Text;
using CompositeIndex.Reporting;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>An <see cref="IndexResult"/> as a sortable ranking table (latest period, rank change since the previous one, the scores of the root's children) and a contribution chart.</summary>
internal static class ResultView
{
    /// <summary>The most units drawn in the contribution chart (the table lists all).</summary>
    private const int MaxChartRows = 30;

    public static string ToHtml(IndexResult r)
    {
        var sb = Begin("ci-result");
        var d = r.Definition;
        var root = r.RootId;
        if (r.Periods.Length == 0)
        {
            sb.Append("<p class=\"ci-head\"><b>").Append(E(d.DisplayName())).Append("</b> — no periods.</p>");
            return End(sb);
        }

        var period = r.Periods[^1];
        var previous = r.Periods.Length > 1 ? r.Periods[^2] : null;
        var children = d.Groups.FirstOrDefault(g => g.Id == root)?.Children.Select(c => c.Id).ToList() ?? [];
        sb.Append("<p class=\"ci-head\"><b>").Append(E(d.DisplayName())).Append("</b> — ").Append(I(r.Units.Length)).Append(" units, ")
          .Append(r.Periods.Length == 1 ? "period " + E(period) : $"periods {E(r.Periods[0])}–{E(period)}")
          .Append(r.Variant is { } v ? $", variant <code>{E(v)}</code>" : string.Empty).Append("</p>");
        sb.Append("<p class=\"ci-note\">Ranking in ").Append(E(period)).Append(" (1 is best; click a column to sort)")
          .Append(previous is null ? string.Empty : $"; Δ rank is the change since {E(previous)} (+ = moved up)")
          .Append(". <code>result.Explain(\"unit\")</code> shows one unit's score tree.</p>");

        Outputs(sb, r, period, previous);
        var scores = r.GetScores(root, period).ToArray();
        var ranks = r.GetRanks(root, period);
        var before = previous is null ? default : r.GetRanks(root, previous);
        var childScores = children.Select(c => r.GetScores(c, period).ToArray()).ToList();
        sb.Append(SortScript).Append("<div class=\"ci-scroll\"><table class=\"ci-ranking\"><thead><tr>");
        sb.SortHeader("Rank", numeric: true).SortHeader("Unit").SortHeader(Name(r, root), numeric: true);
        if (previous is not null)
        {
            sb.SortHeader("Δ rank", numeric: true);
        }

        foreach (var c in children)
        {
            sb.SortHeader(Name(r, c), numeric: true);
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var j in Enumerable.Range(0, r.Units.Length).OrderBy(j => ranks[j] ?? int.MaxValue).ThenBy(j => j))
        {
            var unit = r.Units[j];
            sb.Append("<tr>").NumCell(ranks[j] ?? double.NaN, "0").Append("<td title=\"").Append(E(unit.Id)).Append("\">").Append(E(unit.Name ?? unit.Id)).Append("</td>").NumCell(scores[j]);
            if (previous is not null)
            {
                var delta = before[j] is { } b && ranks[j] is { } now ? b - now : double.NaN;
                sb.NumCell(delta, "+0;-0;0", delta > 0 ? "up" : delta < 0 ? "down" : null);
            }

            foreach (var s in childScores)
            {
                sb.NumCell(s[j]);
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div>");
        if (children.Count > 0 && d.Groups.Any(g => g.Id == root))
        {
            sb.Append("<details><summary>Contributions to the index, ").Append(E(period)).Append(r.Units.Length > MaxChartRows ? $" (top {I(MaxChartRows)})" : string.Empty).Append("</summary>")
              .Append(ResultCharts.TopContributions(r, MaxChartRows, period: period))
              .Append("</details>");
        }

        return End(sb);
    }

    /// <summary>
    /// The published face first (as the HTML report): every output's published value at its rounding, its own rank
    /// (only the units its ranking covers) and class, the headline output first; the group scores follow.
    /// </summary>
    private static void Outputs(StringBuilder sb, IndexResult r, string period, string? previous)
    {
        var published = new Published(r);
        if (published.Headline is not { } headline)
        {
            return;
        }

        sb.Append("<p class=\"ci-note\">Published values in ").Append(E(period)).Append(" (the definition's outputs, at their rounding; ranks and classes from the published values)")
          .Append(previous is null ? "." : $"; Δ is the change of {E(headline.Definition.DisplayName())} since {E(previous)}.").Append("</p>");
        sb.Append("<div class=\"ci-scroll\"><table class=\"ci-outputs\"><thead><tr>").SortHeader("Unit");
        foreach (var o in published.Ordered)
        {
            sb.SortHeader(o.Definition.DisplayName(), numeric: true);
            if (o.Definition.Ranking is not null)
            {
                sb.SortHeader(o.Definition.DisplayName() + " rank", numeric: true);
            }

            if (!o.Definition.Classes.IsDefaultOrEmpty)
            {
                sb.SortHeader(o.Definition.DisplayName() + " group");
            }
        }

        if (previous is not null)
        {
            sb.SortHeader("Δ", numeric: true);
        }

        sb.Append("</tr></thead><tbody>");
        var format = published.DisplayFormat(headline);
        foreach (var unit in r.Units.OrderBy(u => headline.GetRank(u.Id, period) ?? int.MaxValue).ThenByDescending(u => Published.Value(headline, u.Id, period) is var v && double.IsNaN(v) ? double.NegativeInfinity : v))
        {
            sb.Append("<tr><td title=\"").Append(E(unit.Id)).Append("\">").Append(E(unit.Name ?? unit.Id)).Append("</td>");
            foreach (var o in published.Ordered)
            {
                sb.NumCell(Published.Value(o, unit.Id, period), published.DisplayFormat(o));
                if (o.Definition.Ranking is not null)
                {
                    sb.NumCell(o.GetRank(unit.Id, period) ?? double.NaN, "0");
                }

                if (!o.Definition.Classes.IsDefaultOrEmpty)
                {
                    sb.Append("<td>").Append(E(o.GetClass(unit.Id, period) ?? "–")).Append("</td>");
                }
            }

            if (previous is not null)
            {
                var delta = Published.Difference(headline, unit.Id, period, previous);
                sb.NumCell(delta, "+" + format + ";-" + format + ";" + format, delta > 0 ? "up" : delta < 0 ? "down" : null);
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div><p class=\"ci-note\">Scores by group:</p>");
    }

    public static string ToText(IndexResult r)
    {
        var sb = new StringBuilder();
        sb.Append("IndexResult ").Append(r.Definition.Id).Append(": ").Append(I(r.Units.Length)).Append(" units, ").Append(I(r.Periods.Length)).AppendLine(" periods");
        if (r.Periods.Length == 0)
        {
            return sb.ToString();
        }

        var period = r.Periods[^1];
        var scores = r.GetScores(r.RootId, period).ToArray();
        var ranks = r.GetRanks(r.RootId, period);
        sb.Append("Top units in ").Append(period).AppendLine(":");
        foreach (var j in Enumerable.Range(0, r.Units.Length).OrderBy(j => ranks[j] ?? int.MaxValue).ThenBy(j => j).Take(10))
        {
            sb.Append(Pad(ranks[j] is { } k ? I(k) : "-", 5)).Append(Pad(r.Units[j].Name ?? r.Units[j].Id, 28)).AppendLine(N(scores[j]));
        }

        return sb.ToString();
    }

    internal static string Name(IndexResult r, string id)
    {
        var d = r.Definition;
        return d.Indicators.FirstOrDefault(i => i.Id == id)?.DisplayName()
            ?? (id == r.RootId && d.Groups.FirstOrDefault(g => g.Id == id) is { Name: null } ? d.DisplayName() : null)
            ?? d.Groups.FirstOrDefault(g => g.Id == id)?.DisplayName()
            ?? id;
    }
}
