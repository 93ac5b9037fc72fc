using System.Text;
using CompositeIndex.Reporting.Maps;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>
/// A choropleth map of a result for a notebook cell: the same map as the HTML report's (<see cref="ChoroplethMap"/>:
/// GeoJSON shapes joined to units, projected, coloured by score or by an output's classes, units without a shape
/// listed by name), shown as inline SVG by the notebook formatters.
/// </summary>
/// <remarks>Create one with <see cref="IndexResultExtensions.Map(IndexResult, GeoShapes, string[])"/>. Immutable and thread-safe.</remarks>
public sealed class MapView
{
    /// <summary>Draws the map.</summary>
    /// <param name="result">The result whose scores colour the map.</param>
    /// <param name="shapes">The shapes (see <see cref="GeoShapes.Load"/>).</param>
    /// <param name="options">The join keys and what to show (see <see cref="MapOptions"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No join key, or the node or period is not in the result.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, class count or tolerance is out of range.</exception>
    public MapView(IndexResult result, GeoShapes shapes, MapOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        Result = result;
        var node = options.NodeId ?? result.RootId;
        var period = options.Period ?? (result.Periods.Length > 0 ? result.Periods[^1] : string.Empty);

        // Inline SVG with ids of its own (several maps in one notebook page must not share a hatch pattern id).
        Rendering = ChoroplethMap.Render(result, shapes, options with { Standalone = false, Id = options.Id ?? $"ci-map-{Sanitize(node)}-{Sanitize(period)}" });
    }

    /// <summary>Gets the result shown.</summary>
    public IndexResult Result { get; }

    /// <summary>Gets the drawn map: the SVG, its classes and the units that have no shape.</summary>
    public MapRendering Rendering { get; }

    /// <summary>Renders the view as HTML (what the notebook shows).</summary>
    /// <returns>One <c>div</c> with the classes <c>ci-notebook ci-map</c>: a heading line and the SVG.</returns>
    internal string ToHtml()
    {
        var r = Rendering;
        var sb = Begin("ci-map");
        sb.Append("<p class=\"ci-head\"><b>").Append(E(ResultView.Name(Result, r.NodeId))).Append("</b> — ").Append(E(r.Period)).Append(", ")
          .Append(I(r.DrawnUnits)).Append(" of ").Append(I(Result.Units.Length)).Append(" units drawn")
          .Append(r.NotDrawn.IsEmpty ? "." : $"; {I(r.NotDrawn.Length)} without a shape are listed under the map.").Append("</p>")
          .Append("<div class=\"ci-scroll\">").Append(r.Svg).Append("</div>");
        return End(sb);
    }

    /// <summary>Renders the view as plain text: what is mapped and what could not be drawn.</summary>
    internal string ToText()
    {
        var r = Rendering;
        var sb = new StringBuilder();
        sb.Append("Map of ").Append(ResultView.Name(Result, r.NodeId)).Append(", ").Append(r.Period).Append(": ").Append(I(r.DrawnUnits)).Append(" of ")
          .Append(I(Result.Units.Length)).Append(" units drawn; classes: ").AppendJoin(", ", r.Classes.Select(c => c.Label)).Append('.');
        if (!r.NotDrawn.IsEmpty)
        {
            sb.Append(" No shape: ").AppendJoin(", ", r.NotDrawn.Select(u => u.Name ?? u.Id)).Append('.');
        }

        return sb.ToString();
    }

    private static string Sanitize(string s) => new([.. s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
