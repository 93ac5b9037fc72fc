using System.Text;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>A <see cref="Panel"/> as a data-coverage table: for each indicator and period, how many units have a value.</summary>
internal static class PanelView
{
    public static string ToHtml(Panel p)
    {
        var sb = Begin("ci-panel");
        var units = p.Units.Length;
        sb.Append("<p class=\"ci-head\"><b>Panel</b> — ").Append(I(units)).Append(" units × ").Append(I(p.Indicators.Length)).Append(" indicators × ")
          .Append(I(p.Periods.Length)).Append(" periods (").Append(E(Range(p))).Append(")</p>");
        sb.Append("<p class=\"ci-note\">Data coverage: the share of units with a value, per indicator and period.</p>");
        sb.Append("<div class=\"ci-scroll\"><table class=\"ci-coverage\"><thead><tr><th>Indicator</th>");
        foreach (var t in p.Periods)
        {
            sb.Append("<th class=\"num\">").Append(E(t)).Append("</th>");
        }

        sb.Append("<th class=\"num\">all</th></tr></thead><tbody>");
        long present = 0;
        for (var i = 0; i < p.Indicators.Length; i++)
        {
            sb.Append("<tr><td><code>").Append(E(p.Indicators[i])).Append("</code></td>");
            var row = 0;
            for (var t = 0; t < p.Periods.Length; t++)
            {
                var n = Count(p.GetValues(i, t));
                row += n;
                Cell(sb, n, units);
            }

            present += row;
            Cell(sb, row, units * p.Periods.Length);
            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div>");
        var cells = (long)units * p.Indicators.Length * p.Periods.Length;
        sb.Append("<p class=\"ci-note\">").Append(cells == 0 ? "No cells." : $"{present:N0} of {cells:N0} values present ({N(100.0 * present / cells, "0.#")} %).".Replace(",", " ", StringComparison.Ordinal)).Append("</p>");
        if (units > 0)
        {
            sb.Append("<details><summary>Units</summary><p>")
              .Append(string.Join(", ", p.UnitInfo.Take(200).Select(u => u.Name is null ? E(u.Id) : $"{E(u.Name)} <code>{E(u.Id)}</code>")))
              .Append(units > 200 ? $", … ({units - 200} more)" : string.Empty).Append("</p></details>");
        }

        return End(sb);
    }

    private static void Cell(StringBuilder sb, int present, int total)
    {
        var share = total == 0 ? 0 : (double)present / total;
        var shade = share >= 0.999 ? "#e6f4ee" : share >= 0.8 ? "#f3f7e8" : share >= 0.5 ? "#fdf3e1" : "#fbe4dc";
        sb.Append("<td class=\"num\" style=\"background:").Append(shade).Append("\" title=\"").Append(I(present)).Append(" of ").Append(I(total)).Append("\">")
          .Append(N(100 * share, "0")).Append(" %</td>");
    }

    private static int Count(ReadOnlySpan<double> values)
    {
        var n = 0;
        foreach (var v in values)
        {
            n += double.IsNaN(v) ? 0 : 1;
        }

        return n;
    }

    private static string Range(Panel p) => p.Periods.Length switch
    {
        0 => "none",
        1 => p.Periods[0],
        _ => $"{p.Periods[0]}–{p.Periods[^1]}",
    };

    public static string ToText(Panel p)
    {
        var sb = new StringBuilder();
        sb.Append("Panel: ").Append(I(p.Units.Length)).Append(" units x ").Append(I(p.Indicators.Length)).Append(" indicators x ").Append(I(p.Periods.Length))
          .Append(" periods (").Append(Range(p)).AppendLine(")");
        for (var i = 0; i < p.Indicators.Length; i++)
        {
            sb.Append("  ").Append(Pad(p.Indicators[i], 24));
            for (var t = 0; t < p.Periods.Length; t++)
            {
                sb.Append(' ').Append(p.Periods[t]).Append(": ").Append(I(Count(p.GetValues(i, t)))).Append('/').Append(I(p.Units.Length));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
