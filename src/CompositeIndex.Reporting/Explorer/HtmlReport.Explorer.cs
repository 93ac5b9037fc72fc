using System.Reflection;
using CompositeIndex.Reporting.Explorer;

namespace CompositeIndex.Reporting;

/// <summary>The weight explorer section of the HTML report (<see cref="ReportOptions.Interactive"/>).</summary>
public static partial class HtmlReport
{
    /// <summary>Reads an embedded resource of this assembly (the explorer's script and style sheet).</summary>
    internal static string Resource(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("CompositeIndex.Reporting.Explorer." + name)
            ?? throw new InvalidOperationException($"The resource '{name}' is missing from {typeof(HtmlReport).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed partial class Writer
    {
        /// <summary>The section: an explanation, the container the script fills, and the model as JSON.</summary>
        private void ExplorerSection()
        {
            if (ExplorerModel.WhyNot(result) is { } why)
            {
                sb.Append("<p class=\"note\">").Append(HtmlText.Escape(why)).Append("</p>\n");
                return;
            }

            sb.Append("<p class=\"note\">Move a slider to change a weight, or drop an indicator: the ranking below, the group bars and the maps are recomputed in this page from the normalised indicator scores it carries (normalisation does not depend on weights), with each group's own mean and missing-data rule. Weights are relative within their group. Ranks are of the unrounded scores; ties share the best rank. \"Share\" puts the weights in the link.</p>\n")
              .Append("<noscript><p class=\"note\">The weight explorer needs JavaScript; the rest of the report does not.</p></noscript>\n")
              .Append("<div id=\"ci-explorer\" class=\"ex\" hidden></div>\n")
              .Append("<script type=\"application/json\" id=\"ci-explorer-data\">")
              .Append(ExplorerModel.ToJson(result, period, o.Language, Maps()))
              .Append("</script>\n");
        }
    }
}
