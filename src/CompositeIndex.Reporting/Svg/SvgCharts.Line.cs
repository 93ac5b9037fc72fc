using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <content>Line charts over periods.</content>
public static partial class SvgCharts
{
    /// <summary>
    /// Draws a line chart over ordered categories (periods): one line per series, a point per value. A missing value
    /// (NaN) breaks the line and draws no point. With a single series every point is labelled with its value.
    /// </summary>
    /// <param name="categories">The x-axis categories in order (e.g. periods).</param>
    /// <param name="series">The series; each has one value per category.</param>
    /// <param name="options">Layout options (<see cref="ChartOptions.Height"/>, <see cref="ChartOptions.Minimum"/>/<see cref="ChartOptions.Maximum"/> for a shared axis); <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document. Points carry the class <c>point</c> and <c>data-series</c>, <c>data-x</c> and <c>data-value</c> attributes (the value in <see cref="ChartOptions.ValueFormat"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A series has a different number of values than there are categories.</exception>
    public static string Line(IReadOnlyList<string> categories, IEnumerable<LineSeries> series, ChartOptions? options = null) =>
        Line(categories, series, options, standalone: true);

    internal static string Line(IReadOnlyList<string> categories, IEnumerable<LineSeries> series, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var o = Check(options);
        var list = series.ToList();
        foreach (var s in list)
        {
            if (s.Values.IsDefault || s.Values.Length != categories.Count)
            {
                throw new ArgumentException($"The series '{s.Label}' has {(s.Values.IsDefault ? 0 : s.Values.Length)} values but there are {categories.Count} categories.", nameof(series));
            }
        }

        var legend = new Legend(o.Width, o.ShowLegend && list.Count > 1 ? list.Select((s, k) => (s.Label, Colour(o, k, BarColour), LegendMark.Line)) : []);
        var height = o.Height ?? Math.Round(o.Width * 0.5);
        var top = (o.Title is null ? 8 : 30) + legend.Height;
        var bottom = height - 26 - (o.Caption is null ? 0 : 16);
        var finite = list.SelectMany(s => s.Values).Where(double.IsFinite).ToList();
        var lo = o.Minimum ?? (finite.Count > 0 ? finite.Min() : 0);
        var hi = o.Maximum ?? (finite.Count > 0 ? finite.Max() : 1);
        var axis = new Axis(lo, hi, bottom, top + 8, nice: o.Minimum is null || o.Maximum is null);
        var format = axis.TickFormat();
        var tickWidth = axis.Ticks().Select(t => SvgBuilder.TextWidth(SvgBuilder.Format(t, format), 10)).DefaultIfEmpty(20).Max();
        var x0 = 12 + tickWidth;
        var x1 = o.Width - 18;
        double X(int k) => categories.Count == 1 ? (x0 + x1) / 2 : x0 + 10 + ((x1 - x0 - 20) * k / (categories.Count - 1));

        var svg = new SvgBuilder(o.Width, height, o.Id, o.Title, standalone, "line-chart");
        if (o.Title is not null)
        {
            svg.Text(8, 20, SvgBuilder.Fit(o.Title, o.Width - 16, 13), fontSize: 13, bold: true, cssClass: "chart-title", title: o.Title);
        }

        legend.Draw(svg, o.Title is null ? 6 : 28);
        svg.Open("grid");
        foreach (var t in axis.Ticks())
        {
            var y = axis.Map(t);
            svg.Line(x0, y, x1, y, GridColour, 1);
            svg.Text(x0 - 4, y + 3.5, SvgBuilder.Format(t, format), "end", fontSize: 10, fill: Muted);
        }

        svg.Close();
        svg.Open("axis");
        svg.Line(x0, bottom, x1, bottom, Muted, 1);
        var every = Math.Max(1, (int)Math.Ceiling(categories.Select(c => SvgBuilder.TextWidth(c, 10) + 8).DefaultIfEmpty(10).Max() / Math.Max(1, (x1 - x0 - 20) / Math.Max(1, categories.Count - 1))));
        for (var k = 0; k < categories.Count; k++)
        {
            if (k % every == 0 || k == categories.Count - 1)
            {
                svg.Text(X(k), bottom + 15, categories[k], "middle", fontSize: 10, fill: Muted);
            }
        }

        svg.Close();
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            var colour = Colour(o, i, BarColour);
            svg.Open("series", s.Label);
            var run = new List<(double X, double Y)>();
            for (var k = 0; k <= categories.Count; k++)
            {
                var v = k < categories.Count ? s.Values[k] : double.NaN;
                if (double.IsFinite(v))
                {
                    run.Add((X(k), axis.Map(v)));
                    continue;
                }

                if (run.Count > 1)
                {
                    svg.Raw("<polyline class=\"line\" fill=\"none\" stroke=\"" + HtmlText.Escape(colour) + "\" stroke-width=\"2\" points=\"" + string.Join(' ', run.Select(p => SvgBuilder.Num(p.X) + "," + SvgBuilder.Num(p.Y))) + "\"/>");
                }

                run.Clear();
            }

            for (var k = 0; k < categories.Count; k++)
            {
                var v = s.Values[k];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                var text = SvgBuilder.Format(v, o.ValueFormat);
                var (px, py) = (X(k), axis.Map(v));
                svg.Raw("<circle class=\"point\" data-series=\"" + HtmlText.Escape(s.Label) + "\" data-x=\"" + HtmlText.Escape(categories[k]) + "\" data-value=\"" + HtmlText.Escape(text)
                    + "\" cx=\"" + SvgBuilder.Num(px) + "\" cy=\"" + SvgBuilder.Num(py) + "\" r=\"3.5\" fill=\"" + HtmlText.Escape(colour) + "\"><title>"
                    + HtmlText.Escape($"{s.Label}, {categories[k]}: {text}") + "</title></circle>");
                if (list.Count == 1)
                {
                    svg.Text(px, py - 7, text, "middle", fontSize: 10, cssClass: "value");
                }
            }

            svg.Close();
        }

        if (o.Caption is not null)
        {
            svg.Text(8, height - 6, o.Caption, fontSize: 10, fill: Muted, cssClass: "caption");
        }

        return svg.ToString();
    }
}

/// <summary>One line of a <see cref="SvgCharts.Line(IReadOnlyList{string}, IEnumerable{LineSeries}, ChartOptions?)"/> chart.</summary>
/// <param name="Label">The series label (e.g. a unit name).</param>
/// <param name="Values">One value per category; NaN for missing (no point, a gap in the line).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LineSeries(string Label, ImmutableArray<double> Values);
