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
            if (ExplorerModel.WhyNot(result, o.Language) is { } why)
            {
                sb.Append("<p class=\"note\">").Append(HtmlText.Escape(why)).Append("</p>\n");
                return;
            }

            sb.Append("<p class=\"note\">").Append(HtmlText.Escape(T("explorer.intro"))).Append("</p>\n")
              .Append("<noscript><p class=\"note\">").Append(HtmlText.Escape(T("explorer.noscript"))).Append("</p></noscript>\n")
              .Append("<div id=\"ci-explorer\" class=\"ex\" hidden></div>\n")
              .Append("<script type=\"application/json\" id=\"ci-explorer-data\">")
              .Append(ExplorerModel.ToJson(result, period, o.Language, Maps()))
              .Append("</script>\n");
        }
    }
}
