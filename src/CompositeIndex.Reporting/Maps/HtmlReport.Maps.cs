using System.Globalization;
using CompositeIndex.Reporting.Maps;

namespace CompositeIndex.Reporting;

/// <summary>The map section of the HTML report.</summary>
public static partial class HtmlReport
{
    private sealed partial class Writer
    {
        private List<(string SvgId, string NodeId, MapRendering Map)>? maps;
        private string? mapNote;

        /// <summary>Gets the maps of the report (drawn once; the explorer's model refers to them): the index and each top-level group, one projection of the shapes.</summary>
        private List<(string SvgId, string NodeId, MapRendering Map)> Maps()
        {
            if (maps is not null)
            {
                return maps;
            }

            maps = [];
            if (o.Map is not { } m)
            {
                return maps;
            }

            var units = result.Units;
            var join = MapJoin.Match(m.Shapes, units, m.Keys);
            var options = new MapOptions { Keys = m.Keys, Projection = m.Projection, ClassCount = m.ClassCount, Period = period, Language = o.Language, Standalone = false };
            ChoroplethMap.Check(options);
            if (m.MaxMaps < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(o), m.MaxMaps, "ReportMap.MaxMaps must be positive.");
            }

            var projected = ProjectedMap.Create(m.Shapes, join, units.Length, m.Projection, options.Width, options.MaxHeight, options.Tolerance, m.Keys[0]);
            var nodes = new List<string> { result.RootId };
            nodes.AddRange(TopGroups().Select(g => g.Id));
            var i = 0;
            foreach (var node in nodes.Take(m.MaxMaps))
            {
                var scores = result.GetScores(node, period).ToArray();
                var ranks = result.GetRanks(node, period).ToArray();
                var svgId = "map-" + (i++).ToString(CultureInfo.InvariantCulture);
                var output = published.ForNode(node);
                maps.Add((svgId, node, ChoroplethMap.Draw(projected, join, units, scores, ranks, node, period, $"{Name(node)}, {period}", options with { Id = svgId }, output)));
            }

            var drawn = units.Length - join.Unmatched().Length;
            var notes = new List<string>
            {
                text.Format("map.note", m.Shapes.Source ?? T("map.aGeoJsonFile"), string.Join(T("map.then"), m.Keys.Select(k => k.ToString())), drawn, units.Length, T(projected.Projection == MapProjection.EqualEarth ? "map.equalEarth" : "map.equirectangular")),
            };
            foreach (var (_, node, map) in maps.Where(x => x.Map.Output is { Definition.Classes.IsDefaultOrEmpty: false }))
            {
                notes.Add(text.Format("map.noteClasses", Name(node), string.Join(", ", map.Classes.Select(c => c.Label))));
            }

            if (maps.Any(x => x.Map.Output is not { Definition.Classes.IsDefaultOrEmpty: false }))
            {
                notes.Add(text.Format("map.noteEqual", m.ClassCount));
            }

            mapNote = string.Join(" ", notes);
            return maps;
        }

        /// <summary>One choropleth map for the index and one per top-level group.</summary>
        private void MapSection()
        {
            var list = Maps();
            sb.Append("<p class=\"note\">").Append(HtmlText.Escape(mapNote)).Append("</p>\n");
            foreach (var (_, _, map) in list)
            {
                sb.Append("<figure class=\"map\">").Append(map.Svg).Append("</figure>\n");
            }
        }
    }
}
