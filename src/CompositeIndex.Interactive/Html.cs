using System.Globalization;
using System.Text;

namespace CompositeIndex.Interactive;

/// <summary>Small HTML helpers shared by the notebook views: escaping, invariant numbers, the scoped style sheet and the table-sorting script.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class Html
{
    /// <summary>The style sheet of every view, scoped to <c>.ci-notebook</c> so that it does not leak into the notebook.</summary>
    public const string Style = """
        <style>
        .ci-notebook{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:13px;line-height:1.4;color:#222;max-width:960px}
        .ci-notebook .ci-head{margin:0 0 .4em 0}.ci-notebook .ci-head b{font-size:14px}
        .ci-notebook .ci-note{color:#666;margin:.3em 0}
        .ci-notebook code{font-size:12px;background:#f3f3f3;padding:0 3px;border-radius:3px}
        .ci-notebook table{border-collapse:collapse;margin:.4em 0}
        .ci-notebook th,.ci-notebook td{padding:2px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
        .ci-notebook th{background:#f6f6f6;font-weight:600}
        .ci-notebook .num{text-align:right;font-variant-numeric:tabular-nums}
        .ci-notebook .up{color:#009E73}.ci-notebook .down{color:#D55E00}
        .ci-notebook th.ci-sort{cursor:pointer;user-select:none}.ci-notebook th.ci-sort:after{content:" \2195";color:#999}
        .ci-notebook .ci-scroll{max-height:480px;overflow:auto}
        .ci-notebook ul.ci-tree{list-style:none;padding-left:1.2em;margin:.1em 0}
        .ci-notebook ul.ci-tree li{margin:.1em 0}
        .ci-notebook .ci-tag{color:#555;background:#eef4fa;border-radius:3px;padding:0 4px;margin-left:4px;font-size:11px}
        .ci-notebook .ci-w{color:#0072B2;font-weight:600;margin-left:4px}
        .ci-notebook .ci-bar{display:inline-block;height:9px;background:#0072B2;vertical-align:middle}
        .ci-notebook .ci-bar.neg{background:#D55E00}
        .ci-notebook .ci-error td.code{font-family:monospace;color:#D55E00}
        .ci-notebook .ci-ok{color:#009E73;font-weight:600}.ci-notebook .ci-bad{color:#D55E00;font-weight:600}
        .ci-notebook details>summary{cursor:pointer}
        </style>
        """;

    /// <summary>Defines <c>ciNotebookSort(th)</c> once per page: click a header to sort its table (numbers by <c>data-v</c>, missing values last).</summary>
    public const string SortScript = """
        <script>if(!window.ciNotebookSort){window.ciNotebookSort=function(th){var t=th.closest('table'),b=t.tBodies[0],hs=th.parentNode.children,i=Array.prototype.indexOf.call(hs,th),d=th.getAttribute('data-dir')==='asc'?'desc':'asc';for(var k=0;k<hs.length;k++){hs[k].removeAttribute('data-dir');}th.setAttribute('data-dir',d);var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i],va=a.getAttribute('data-v'),vc=c.getAttribute('data-v');if(va!==null&&vc!==null){var fa=parseFloat(va),fc=parseFloat(vc);if(isNaN(fa)||isNaN(fc)){return isNaN(fa)?(isNaN(fc)?0:1):-1;}return d==='asc'?fa-fc:fc-fa;}var r=a.textContent.localeCompare(c.textContent);return d==='asc'?r:-r;});for(var j=0;j<rows.length;j++){b.appendChild(rows[j]);}};}</script>
        """;

    /// <summary>Escapes a user string with the one escaping rule of every writer (<see cref="Reporting.HtmlText.Escape"/>).</summary>
    public static string E(string? text) => Reporting.HtmlText.Escape(text);

    public static string N(double value, string format = "0.00") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sort key of a numeric cell: round-trip invariant text, empty for a missing value.</summary>
    public static string V(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Starts a view: the outer <c>div</c> with the marker classes and the style sheet.</summary>
    public static StringBuilder Begin(string kind)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"").Append(NotebookFormatters.CssClass).Append(' ').Append(kind).Append("\">").Append(Style);
        return sb;
    }

    public static string End(StringBuilder sb) => sb.Append("</div>").ToString();

    /// <summary>Writes a sortable header cell.</summary>
    public static StringBuilder SortHeader(this StringBuilder sb, string label, bool numeric = false) =>
        sb.Append("<th class=\"ci-sort").Append(numeric ? " num" : string.Empty).Append("\" onclick=\"ciNotebookSort(this)\">").Append(E(label)).Append("</th>");

    /// <summary>Writes a numeric cell with its sort key.</summary>
    public static StringBuilder NumCell(this StringBuilder sb, double value, string format = "0.00", string? cssClass = null) =>
        sb.Append("<td class=\"num").Append(cssClass is null ? string.Empty : " " + cssClass).Append("\" data-v=\"").Append(V(value)).Append("\">").Append(N(value, format)).Append("</td>");

    /// <summary>A horizontal CSS bar of |value| / scale (at most 120 px), orange when negative.</summary>
    public static string Bar(double value, double scale)
    {
        if (!double.IsFinite(value) || !(scale > 0))
        {
            return string.Empty;
        }

        var width = Math.Min(120, 120 * Math.Abs(value) / scale);
        return string.Create(CultureInfo.InvariantCulture, $"<span class=\"ci-bar{(value < 0 ? " neg" : string.Empty)}\" style=\"width:{width:0.#}px\"></span>");
    }

    /// <summary>Pads or cuts text to a width for plain-text tables.</summary>
    public static string Pad(string text, int width) =>
        text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);
}
