using System.Globalization;
using CompositeIndex.Reporting.Maps;

namespace CompositeIndex.Reporting;

/// <summary>The map section of the HTML report.</summary>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        /// <summary>One choropleth map for the index and one per top-level group, sharing one projection of the shapes.</summary>
        private void MapSection(ReportMap m)
        {
            var units = result.Units;
            var join = MapJoin.Match(m.Shapes, units, m.Keys);
            var options = new MapOptions { Keys = m.Keys, Projection = m.Projection, ClassCount = m.ClassCount, Period = period, Language = o.Language, Standalone = false };
            ChoroplethMap.Check(options);
            var projected = ProjectedMap.Create(m.Shapes, join, units.Length, m.Projection, options.Width, options.MaxHeight, options.Tolerance, m.Keys[0]);
            var nodes = new List<string> { result.RootId };
            nodes.AddRange(TopGroups().Select(g => g.Id));
            var notDrawn = join.Unmatched();
            sb.Append("<p class=\"note\">Shapes from ").Append(HtmlText.Escape(m.Shapes.Source ?? "a GeoJSON file")).Append(", joined on ")
              .Append(HtmlText.Escape(string.Join(", then ", m.Keys.Select(k => k.ToString())))).Append(string.Create(CultureInfo.InvariantCulture, $"; {units.Length - notDrawn.Length} of {units.Length} units drawn ("))
              .Append(projected.Projection == MapProjection.EqualEarth ? "Equal Earth projection" : "equirectangular projection").Append("). Colours: five equal intervals of each map's scores; hatched units have no score.</p>\n");
            var i = 0;
            foreach (var node in nodes.Take(m.MaxMaps))
            {
                var scores = result.GetScores(node, period).ToArray();
                var ranks = result.GetRanks(node, period).ToArray();
                var map = ChoroplethMap.Draw(projected, join, units, scores, ranks, node, period, $"{Name(node)}, {period}", options with { Id = "map-" + (i++).ToString(CultureInfo.InvariantCulture) });
                sb.Append("<figure class=\"map\">").Append(map.Svg).Append("</figure>\n");
            }
        }
    }
}
