using CompositeIndex;
using CompositeIndex.Interactive;

namespace Snippets;

public static class Notebooks
{
    public static string StaticPage(IndexResult result, string unitId)
    {
        #region notebook-html
        // The notebook views outside a notebook: each value renders as one HTML fragment (scoped CSS, inline SVG).
        var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
            + NotebookFormatters.ToHtml(result.Definition)
            + NotebookFormatters.ToHtml(result)
            + NotebookFormatters.ToHtml(result.Explain(unitId))
            + "</body></html>";
        #endregion
        return page;
    }
}
