using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CompositeIndex.Reporting.Maps;

/// <summary>
/// Draws a choropleth map of an index result as SVG: each unit's shapes coloured by its score on a sequential scale
/// with a legend, units without a score hatched, units without a shape listed by name under the map, a tooltip
/// (name, score, rank) on every unit.
/// </summary>
/// <remarks>
/// <para>Steps: shapes are joined to units (<see cref="MapOptions.Keys"/>, a fallback list of <see cref="MapKey"/>s),
/// projected (<see cref="MapProjection"/>), fitted into the map area, simplified (Douglas–Peucker at
/// <see cref="MapOptions.Tolerance"/> user units) and coloured by equal-interval classes of the shown scores
/// (<see cref="MapOptions.ClassCount"/>, ColorBrewer YlGnBu: pale for low, dark blue for high). Shapes that are not
/// units of the index are drawn light grey so the map keeps its outline.</para>
/// <para>When an output of the definition publishes the mapped node (a <c>score</c> expression of it) and
/// <see cref="MapOptions.PublishedOutputs"/> is on, the map shows what the output publishes: its rounded values,
/// its ranks (units outside its ranking scope, such as regional aggregates, have none) and, when the output has
/// classes, one colour per class (the legend lists the class labels, lowest first; units without a class are
/// hatched); an output without classes is coloured by equal intervals of its published values.</para>
/// <para>Each unit is one <c>&lt;path&gt;</c> carrying <c>data-unit</c> (its id) and <c>data-class</c> (its class, −1
/// without a score); the HTML report's weight explorer recolours maps through them. Output is deterministic. Stateless
/// and thread-safe.</para>
/// </remarks>
public static class ChoroplethMap
{
    private const double Margin = 8;
    private const double FontSize = 11;

    /// <summary>Draws the map of one node's scores in one period.</summary>
    /// <param name="result">The result whose scores colour the map.</param>
    /// <param name="shapes">The shapes (see <see cref="GeoShapes.Load"/>).</param>
    /// <param name="options">The join keys and what to show.</param>
    /// <returns>The SVG and the units that could not be drawn.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="MapOptions.Keys"/> is empty, or the node or period is not in the result.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, class count or tolerance is out of range.</exception>
    public static MapRendering Render(IndexResult result, GeoShapes shapes, MapOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(options);
        Check(options);
        var node = options.NodeId ?? result.RootId;
        if (!result.NodeIds.Contains(node))
        {
            throw new ArgumentException($"The result has no indicator or group '{node}'.", nameof(options));
        }

        var period = options.Period ?? result.Periods[^1];
        if (!result.Periods.Contains(period))
        {
            throw new ArgumentException($"The result has no period '{period}'.", nameof(options));
        }

        var units = result.Units;
        var join = MapJoin.Match(shapes, units, options.Keys);
        var map = ProjectedMap.Create(shapes, join, units.Length, options.Projection, options.Width, options.MaxHeight, options.Tolerance, options.Keys[0]);
        var scores = result.GetScores(node, period).ToArray();
        var ranks = result.GetRanks(node, period);
        var title = options.Title ?? $"{ResultCharts.NodeName(result, node, options.Language)}, {period}";
        var output = options.PublishedOutputs ? new Published(result).ForNode(node) : null;
        return Draw(map, join, units, scores, [.. ranks], node, period, title, options, output);
    }

    /// <summary>Checks the options' ranges.</summary>
    internal static void Check(MapOptions options)
    {
        if (options.Keys.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A map needs at least one key joining shapes to units (MapOptions.Keys).", nameof(options));
        }

        if (!(options.Width is >= 200 and <= 4000) || !(options.MaxHeight is >= 100 and <= 4000))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The map's width and height must be in [200, 4000] and [100, 4000].");
        }

        if (options.ClassCount is < 2 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ClassCount, "The number of colour classes must be in [2, 9].");
        }

        if (!(options.Tolerance is >= 0 and <= 5))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "The simplification tolerance must be in [0, 5].");
        }

        if (options.ValueFormat is { } format)
        {
            SvgBuilder.CheckFormat(format, nameof(options));
        }
    }

    /// <summary>Writes the SVG of a projected map coloured by one set of scores.</summary>
    /// <param name="map">The projected shapes.</param>
    /// <param name="join">Which shapes are which units.</param>
    /// <param name="units">The units.</param>
    /// <param name="scores">The node's scores, unit order.</param>
    /// <param name="ranks">The node's ranks, unit order.</param>
    /// <param name="node">The node.</param>
    /// <param name="period">The period.</param>
    /// <param name="title">The title (empty for none).</param>
    /// <param name="options">The options.</param>
    /// <param name="output">The output that publishes the node, or null: its published values, ranks and classes are shown instead.</param>
    internal static MapRendering Draw(ProjectedMap map, MapJoin join, ImmutableArray<UnitInfo> units, double[] scores, int?[] ranks, string node, string period, string title, MapOptions options, OutputResult? output = null)
    {
        var text = ReportText.For(options.Language);
        string?[]? labels = null;
        ImmutableArray<MapClass> fixedClasses = [];
        if (output is not null)
        {
            scores = [.. units.Select(u => Published.Value(output, u.Id, period))];
            ranks = [.. units.Select(u => output.GetRank(u.Id, period))];
            if (!output.Definition.Classes.IsDefaultOrEmpty)
            {
                fixedClasses = MapColorScale.FromRules(output.Definition.Classes);
                labels = [.. units.Select(u => output.GetClass(u.Id, period))];
            }
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in scores)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        var format = options.ValueFormat ?? (output is not null ? Published.FormatOf(output) : double.IsFinite(min) ? MapColorScale.FormatFor(min, max, options.ClassCount) : "0.00");
        var classes = labels is null ? MapColorScale.EqualInterval(scores, options.ClassCount, format) : fixedClasses;
        int ClassOf(int j) => labels is null ? MapColorScale.ClassOf(classes, scores[j]) : labels[j] is { } l ? classes.IndexOf(classes.First(c => c.Label == l)) : -1;
        var id = options.Id ?? "map";
        var w = map.Width;
        var top = title.Length > 0 ? 26.0 : 0;
        var ranked = ranks.Count(r => r is not null);
        // Units without a shape: those the output ranks (or all, without a scoped ranking) are listed as not drawn; the
        // ones outside the output's ranking scope (UNDP's regional aggregates) on a line of their own: not map units.
        var scope = output?.Definition.Ranking?.Units;
        var unmatched = join.Unmatched();
        ImmutableArray<int> notDrawn = scope is null ? unmatched : [.. unmatched.Where(j => scope.Matches(units[j]))];
        var outOfScope = scope is null ? [] : unmatched.Where(j => !scope.Matches(units[j])).ToList();
        var listLines = Wrap(notDrawn.Select(j => ResultCharts.UnitName(units[j])).ToList(), w - (2 * Margin), text.Format("map.notDrawn", notDrawn.Length));
        listLines.AddRange(Wrap(outOfScope.Select(j => ResultCharts.UnitName(units[j])).ToList(), w - (2 * Margin), text.Format("map.notRanked", output?.Definition.DisplayName(options.Language), outOfScope.Count)));
        var anyMissing = Enumerable.Range(0, units.Length).Any(j => map.UnitPaths[j] is not null && ClassOf(j) < 0);
        var legendTop = top + map.Height + 4;
        var legendHeight = classes.IsEmpty && !anyMissing && map.Others.Count == 0 ? 0 : 36.0;
        var height = legendTop + legendHeight + (listLines.Count * 15) + (listLines.Count > 0 ? 8 : 0);

        var sb = new StringBuilder();
        sb.Append("<svg");
        if (options.Standalone)
        {
            sb.Append(" xmlns=\"http://www.w3.org/2000/svg\"");
        }

        sb.Append(" id=\"").Append(HtmlText.Escape(id)).Append("\" class=\"ci-chart ci-map\" viewBox=\"0 0 ").Append(SvgBuilder.Num(w)).Append(' ').Append(SvgBuilder.Num(height))
          .Append("\" width=\"").Append(SvgBuilder.Num(w)).Append("\" height=\"").Append(SvgBuilder.Num(height)).Append("\" style=\"max-width:100%;height:auto\" role=\"img\"")
          .Append(" data-node=\"").Append(HtmlText.Escape(node)).Append("\" data-period=\"").Append(HtmlText.Escape(period)).Append('"');
        if (title.Length > 0)
        {
            sb.Append(" aria-label=\"").Append(HtmlText.Escape(title)).Append('"');
        }

        sb.Append(" font-family=\"").Append(SvgBuilder.FontFamily).Append("\" font-size=\"11\">");
        if (title.Length > 0)
        {
            sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        }

        sb.Append("<defs><pattern id=\"").Append(HtmlText.Escape(id)).Append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" patternTransform=\"rotate(45)\">")
          .Append("<rect width=\"5\" height=\"5\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"").Append(MapColorScale.MissingStroke).Append("\" stroke-width=\"1.6\"/></pattern></defs>")
          .Append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").Append(SvgBuilder.Num(w)).Append("\" height=\"").Append(SvgBuilder.Num(height)).Append("\" fill=\"#ffffff\"/>");
        if (title.Length > 0)
        {
            sb.Append("<text x=\"").Append(SvgBuilder.Num(Margin)).Append("\" y=\"17\" font-size=\"13\" font-weight=\"bold\">").Append(HtmlText.Escape(title)).Append("</text>");
        }

        var hatch = "url(#" + HtmlText.Escape(id) + "-hatch)";
        sb.Append("<g class=\"shapes\" transform=\"translate(0 ").Append(SvgBuilder.Num(top)).Append(")\" stroke=\"#ffffff\" stroke-width=\"0.6\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">");
        foreach (var (name, path) in map.Others)
        {
            sb.Append("<path class=\"other\" fill=\"").Append(MapColorScale.OtherFill).Append("\" d=\"").Append(path).Append("\"><title>")
              .Append(HtmlText.Escape(text.Format("map.notInIndexTip", name))).Append("</title></path>");
        }

        var drawn = 0;
        for (var j = 0; j < units.Length; j++)
        {
            if (map.UnitPaths[j] is not { } path)
            {
                continue;
            }

            drawn++;
            var c = ClassOf(j);
            var name = ResultCharts.UnitName(units[j]);
            var value = SvgBuilder.Format(scores[j], format);
            var tip = double.IsNaN(scores[j]) ? text.Format("map.tipNoScore", name)
                : labels?[j] is { } label ? (ranks[j] is { } rc ? text.Format("map.tipClass", name, value, label, rc, ranked) : text.Format("map.tipClassNoRank", name, value, label))
                : ranks[j] is { } r ? text.Format("map.tipRank", name, value, r, ranked) : text.Format("map.tipValue", name, value);
            sb.Append("<path class=\"unit\" data-unit=\"").Append(HtmlText.Escape(units[j].Id)).Append("\" data-class=\"").Append(c.ToString(CultureInfo.InvariantCulture))
              .Append("\" fill=\"").Append(c < 0 ? hatch : classes[c].Color).Append("\" d=\"").Append(path).Append("\"><title>").Append(HtmlText.Escape(tip)).Append("</title></path>");
        }

        sb.Append("</g>");
        Legend(sb, classes, anyMissing, map.Others.Count > 0, hatch, legendTop, w, text);
        var y = legendTop + legendHeight + 12;
        for (var i = 0; i < listLines.Count; i++)
        {
            sb.Append("<text class=\"not-drawn\" x=\"").Append(SvgBuilder.Num(Margin)).Append("\" y=\"").Append(SvgBuilder.Num(y + (i * 15))).Append("\" font-size=\"10.5\" fill=\"#444444\">")
              .Append(HtmlText.Escape(listLines[i])).Append("</text>");
        }

        sb.Append("</svg>");
        return new MapRendering(sb.ToString(), map.Projection, classes, [.. notDrawn.Select(j => units[j])], drawn, node, period, format)
        {
            Output = output,
            OutOfScope = [.. outOfScope.Select(j => units[j])],
        };
    }

    private static void Legend(StringBuilder sb, ImmutableArray<MapClass> classes, bool missing, bool others, string hatch, double top, double width, ReportText text)
    {
        var entries = classes.Select(c => (c.Color, c.Label)).ToList();
        if (missing)
        {
            entries.Add((hatch, text["map.noScore"]));
        }

        if (others)
        {
            entries.Add((MapColorScale.OtherFill, text["map.notInIndex"]));
        }

        if (entries.Count == 0)
        {
            return;
        }

        var cell = Math.Min(110, (width - (2 * Margin)) / entries.Count);
        sb.Append("<g class=\"legend\" transform=\"translate(").Append(SvgBuilder.Num(Margin)).Append(' ').Append(SvgBuilder.Num(top)).Append(")\">");
        for (var i = 0; i < entries.Count; i++)
        {
            var x = i * cell;
            sb.Append("<rect class=\"swatch\" x=\"").Append(SvgBuilder.Num(x)).Append("\" y=\"2\" width=\"").Append(SvgBuilder.Num(cell - 4)).Append("\" height=\"12\" fill=\"")
              .Append(entries[i].Color).Append("\" stroke=\"#bbbbbb\" stroke-width=\"0.5\"/><text x=\"").Append(SvgBuilder.Num(x)).Append("\" y=\"28\" font-size=\"10\">")
              .Append(HtmlText.Escape(SvgBuilder.Fit(entries[i].Label, cell - 2, 10))).Append("</text>");
        }

        sb.Append("</g>");
    }

    /// <summary>"No shape on the map (n): a, b, c" wrapped into lines of the map's width (every name: none is dropped silently).</summary>
    private static List<string> Wrap(List<string> names, double width, string lead)
    {
        var lines = new List<string>();
        if (names.Count == 0)
        {
            return lines;
        }

        var max = Math.Max(20 * 10.5 * SvgBuilder.CharWidth, width);
        var line = new StringBuilder(lead);
        for (var i = 0; i < names.Count; i++)
        {
            var item = names[i] + (i < names.Count - 1 ? ", " : ".");
            if (SvgBuilder.TextWidth(line.ToString() + item, 10.5) > max && line.Length > 0)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
            }

            line.Append(item);
        }

        lines.Add(line.ToString().TrimEnd());
        return lines;
    }
}
