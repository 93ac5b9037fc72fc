using System.Text;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>A <see cref="ValidationReport"/>: every error with its code, path (e.g. <c>$.groups[2].children[0].weight</c>), line and message.</summary>
internal static class ValidationView
{
    public static string ToHtml(ValidationReport report)
    {
        var sb = Begin("ci-validation");
        if (report.IsValid)
        {
            sb.Append("<p class=\"ci-head\"><span class=\"ci-ok\">✓ Valid</span> — no errors.</p>");
            return End(sb);
        }

        sb.Append("<p class=\"ci-head\"><span class=\"ci-bad\">✗ ").Append(I(report.Errors.Length)).Append(report.Errors.Length == 1 ? " error" : " errors").Append("</span></p>")
          .Append("<table class=\"ci-error\"><thead><tr><th>Code</th><th>Path</th><th class=\"num\">Line</th><th>Message</th></tr></thead><tbody>");
        foreach (var e in report.Errors)
        {
            sb.Append("<tr><td class=\"code\">").Append(E(e.Code)).Append("</td><td><code>").Append(E(e.Path)).Append("</code></td><td class=\"num\">")
              .Append(e.Line is { } line ? I(line) : string.Empty).Append("</td><td>").Append(E(e.Message)).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
        return End(sb);
    }

    public static string ToText(ValidationReport report)
    {
        if (report.IsValid)
        {
            return "Valid: no errors.";
        }

        var sb = new StringBuilder();
        sb.Append(I(report.Errors.Length)).AppendLine(report.Errors.Length == 1 ? " error:" : " errors:");
        foreach (var e in report.Errors)
        {
            sb.Append("  ").Append(e.Code).Append(' ').Append(e.Path).Append(e.Line is { } line ? $" (line {I(line)})" : string.Empty).Append(": ").AppendLine(e.Message);
        }

        return sb.ToString();
    }
}
