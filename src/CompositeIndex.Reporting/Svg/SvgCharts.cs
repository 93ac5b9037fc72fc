using System.Globalization;

namespace CompositeIndex.Reporting;

/// <summary>
/// Hand-written, dependency-free SVG charts for composite indices: bars, stacked contribution bars, rank intervals,
/// Sobol-index bars with confidence intervals and a correlation heatmap.
/// </summary>
/// <remarks>
/// <para>Every method returns a standalone SVG document (with the SVG namespace) as a string. Output is
/// deterministic: numbers are written with the invariant culture and rounded to 2 decimals, labels are
/// XML-escaped, and nothing depends on the machine, the culture or the time, so the same input gives the same
/// bytes. Text uses the font stack <c>DejaVu Sans, sans-serif</c>; long labels are shortened with an ellipsis and
/// given in full in a tooltip (<c>&lt;title&gt;</c>).</para>
/// <para>Marks carry CSS classes that tests and stylesheets can select: <c>bar</c>, <c>seg</c> (stacked segment),
/// <c>interval</c>, <c>median</c>, <c>nominal</c>, <c>s1</c>, <c>st</c>, <c>ci</c>, <c>cell</c>.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static partial class SvgCharts
{
    /// <summary>The default palette: Okabe and Ito (2008), "Color Universal Design", colour-blind safe (black replaced by grey).</summary>
    private static readonly string[] OkabeIto = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

    private const string Ink = "#222222";
    private const string GridColour = "#e3e3e3";
    private const string Muted = "#666666";
    private const string BarColour = "#0072B2";
    private const string HighlightColour = "#D55E00";
    private const double FontSize = 11;

    /// <summary>Draws a horizontal bar chart, one row per item in the given order.</summary>
    /// <param name="items">The bars; NaN values show "n/a" and no bar.</param>
    /// <param name="options">Layout options; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public static string Bar(IEnumerable<BarItem> items, ChartOptions? options = null) => Bar(items, options, standalone: true);

    /// <summary>
    /// Draws horizontal stacked bars, e.g. the contributions of a group's children to each unit's score; positive
    /// segments stack right of zero, negative ones left of it, and the total is printed at the end of the row.
    /// </summary>
    /// <param name="items">The bars, one row each in the given order.</param>
    /// <param name="series">The series (segment) names, in segment order; shown in the legend.</param>
    /// <param name="options">Layout options; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An item has more segments than there are series.</exception>
    public static string StackedBar(IEnumerable<StackedBarItem> items, IReadOnlyList<string> series, ChartOptions? options = null) =>
        StackedBar(items, series, options, standalone: true);

    /// <summary>
    /// Draws rank intervals: for each unit a line from its best to its worst rank, a dot at the median rank and a
    /// diamond at the nominal rank; rank 1 is on the left.
    /// </summary>
    /// <param name="items">The units, one row each in the given order (usually sorted by median or nominal rank).</param>
    /// <param name="options">Layout options; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public static string RankIntervals(IEnumerable<RankIntervalItem> items, ChartOptions? options = null) => RankIntervals(items, options, standalone: true);

    /// <summary>
    /// Draws first-order (S1) and total-effect (ST) Sobol indices as paired bars with confidence-interval whiskers
    /// (± the half-widths); negative estimates are drawn left of zero, as computed.
    /// </summary>
    /// <param name="items">The inputs (factors), one row each in the given order.</param>
    /// <param name="options">Layout options; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public static string SensitivityIndices(IEnumerable<SensitivityIndexItem> items, ChartOptions? options = null) =>
        SensitivityIndices(items, options, standalone: true);

    /// <summary>
    /// Draws a heatmap of a square matrix (e.g. correlations between indicators) on a diverging blue–white–red scale
    /// from <see cref="ChartOptions.Minimum"/> (default −1) to <see cref="ChartOptions.Maximum"/> (default 1). Rows are
    /// labelled "k label" and columns "k"; values are printed in cells large enough to hold them.
    /// </summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="options">Layout options; <see langword="null"/> for <see cref="ChartOptions.Default"/>.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is <see langword="null"/>.</exception>
    public static string Heatmap(LabeledMatrix matrix, ChartOptions? options = null) => Heatmap(matrix, options, standalone: true);

    internal static string Bar(IEnumerable<BarItem> items, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(items);
        var o = Check(options);
        var list = items.ToList();
        var layout = new RowLayout(o, list.Select(i => i.Label), legendHeight: 0, rowHeight: o.RowHeight, rows: list.Count);
        var finite = list.Select(i => i.Value).Where(double.IsFinite).ToList();
        var axis = new Axis(o.Minimum ?? Math.Min(0, finite.DefaultIfEmpty(0).Min()), o.Maximum ?? Math.Max(0, finite.DefaultIfEmpty(1).Max()), layout.PlotX0, layout.PlotX1, nice: o.Minimum is null || o.Maximum is null);
        var svg = layout.Begin(o, standalone, "bar-chart");
        Hatch(svg, o, list.Any(i => !double.IsFinite(i.Value)));
        layout.Grid(svg, axis);
        var zero = axis.Map(0);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var y = layout.RowY(i);
            var value = Value(item.Value, o);
            var tip = item.Tooltip ?? $"{item.Label}: {value}";
            layout.Label(svg, i, item.Label);
            if (double.IsFinite(item.Value))
            {
                var x = axis.Map(item.Value);
                svg.Rect(Math.Min(zero, x), y + 2, Math.Abs(x - zero), o.RowHeight - 4, item.Highlight ? HighlightColour : Colour(o, 0, BarColour), "bar", tip);
            }
            else
            {
                Missing(svg, o, layout.PlotX0, y + 2, layout.PlotX1 - layout.PlotX0, o.RowHeight - 4, tip);
            }

            svg.Text(layout.ValueX, y + (o.RowHeight / 2) + 4, value, "start", fill: double.IsNaN(item.Value) ? Muted : Ink, cssClass: "value");
        }

        svg.Line(zero, layout.PlotTop, zero, layout.PlotBottom, Ink, 1, "zero");
        layout.Axis(svg, axis);
        layout.Caption(svg, o);
        return svg.ToString();
    }

    internal static string StackedBar(IEnumerable<StackedBarItem> items, IReadOnlyList<string> series, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(series);
        var o = Check(options);
        var list = items.ToList();
        foreach (var item in list)
        {
            if (!item.Segments.IsDefault && item.Segments.Length > series.Count)
            {
                throw new ArgumentException($"The bar '{item.Label}' has {item.Segments.Length} segments but there are only {series.Count} series.", nameof(series));
            }
        }

        var legend = new Legend(o.Width, series.Select((s, k) => (s, Colour(o, k, BarColour), LegendMark.Box)));
        var layout = new RowLayout(o, list.Select(i => i.Label), legend.Height, o.RowHeight, list.Count);
        double lo = 0, hi = 0;
        foreach (var item in list)
        {
            double pos = 0, neg = 0;
            foreach (var s in item.Segments.IsDefault ? [] : item.Segments)
            {
                if (double.IsFinite(s))
                {
                    if (s >= 0)
                    {
                        pos += s;
                    }
                    else
                    {
                        neg += s;
                    }
                }
            }

            lo = Math.Min(lo, neg);
            hi = Math.Max(hi, pos);
        }

        var axis = new Axis(o.Minimum ?? lo, o.Maximum ?? (hi > lo ? hi : lo + 1), layout.PlotX0, layout.PlotX1, nice: o.Minimum is null || o.Maximum is null);
        var svg = layout.Begin(o, standalone, "stacked-bar-chart");
        Hatch(svg, o, list.Any(i => double.IsNaN(i.Total)));
        legend.Draw(svg, layout.LegendTop);
        layout.Grid(svg, axis);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var y = layout.RowY(i);
            layout.Label(svg, i, item.Label);
            if (double.IsNaN(item.Total))
            {
                Missing(svg, o, layout.PlotX0, y + 2, layout.PlotX1 - layout.PlotX0, o.RowHeight - 4, item.Tooltip ?? $"{item.Label}: {o.MissingText}");
                svg.Text(layout.ValueX, y + (o.RowHeight / 2) + 4, o.MissingText, fill: Muted, cssClass: "value");
                continue;
            }

            svg.Open("row", item.Tooltip ?? $"{item.Label}: {SvgBuilder.Format(item.Total, o.ValueFormat)}");
            double pos = 0, neg = 0;
            var segments = item.Segments.IsDefault ? [] : item.Segments;
            for (var k = 0; k < segments.Length; k++)
            {
                var s = segments[k];
                if (!double.IsFinite(s) || s == 0)
                {
                    continue;
                }

                double from, to;
                if (s > 0)
                {
                    from = pos;
                    pos += s;
                    to = pos;
                }
                else
                {
                    from = neg;
                    neg += s;
                    to = neg;
                }

                var x0 = axis.Map(from);
                var x1 = axis.Map(to);
                svg.Rect(Math.Min(x0, x1), y + 2, Math.Abs(x1 - x0), o.RowHeight - 4, Colour(o, k, BarColour), "seg", $"{item.Label} — {series[k]}: {SvgBuilder.Format(s, o.ValueFormat)}", "#ffffff");
            }

            svg.Close();
            svg.Text(layout.ValueX, y + (o.RowHeight / 2) + 4, SvgBuilder.Format(item.Total, o.ValueFormat), cssClass: "value");
        }

        svg.Line(axis.Map(0), layout.PlotTop, axis.Map(0), layout.PlotBottom, Ink, 1, "zero");
        layout.Axis(svg, axis);
        layout.Caption(svg, o);
        return svg.ToString();
    }

    internal static string RankIntervals(IEnumerable<RankIntervalItem> items, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(items);
        var o = Check(options);
        var list = items.ToList();
        var hasNominal = list.Any(i => i.Nominal is not null);
        var marks = new List<(string, string, LegendMark)> { ("interval", Colour(o, 0, BarColour), LegendMark.Line), ("median", Ink, LegendMark.Dot) };
        if (hasNominal)
        {
            marks.Add(("nominal rank", HighlightColour, LegendMark.Diamond));
        }

        var legend = new Legend(o.Width, marks);
        var layout = new RowLayout(o, list.Select(i => i.Label), legend.Height, o.RowHeight, list.Count, valueWidth: 58);
        var maxRank = Math.Max(list.Count, list.Select(i => Math.Max(i.High, i.Nominal ?? 0)).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        var axis = new Axis(o.Minimum ?? 1, o.Maximum ?? Math.Max(2, maxRank), layout.PlotX0, layout.PlotX1, nice: false);
        var svg = layout.Begin(o, standalone, "rank-interval-chart");
        legend.Draw(svg, layout.LegendTop);
        layout.Grid(svg, axis, integerTicks: true);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var y = layout.RowY(i) + (o.RowHeight / 2);
            layout.Label(svg, i, item.Label);
            var range = string.Create(CultureInfo.InvariantCulture, $"{Rank(item.Low)}–{Rank(item.High)}");
            var tip = $"{item.Label}: median rank {Rank(item.Median)}, interval {range}" + (item.Nominal is { } n ? $", nominal rank {Rank(n)}" : string.Empty);
            svg.Open("unit", tip);
            if (double.IsFinite(item.Low) && double.IsFinite(item.High))
            {
                svg.Line(axis.Map(item.Low), y, axis.Map(item.High), y, Colour(o, 0, BarColour), 3, "interval");
            }

            if (double.IsFinite(item.Median))
            {
                svg.Circle(axis.Map(item.Median), y, 3.5, Ink, "median");
            }

            if (item.Nominal is { } nominal && double.IsFinite(nominal))
            {
                svg.Diamond(axis.Map(nominal), y, 4.5, HighlightColour, "nominal");
            }

            svg.Close();
            svg.Text(layout.ValueX, y + 4, range, cssClass: "value");
        }

        layout.Axis(svg, axis, integerTicks: true, title: "rank (1 = best)");
        layout.Caption(svg, o);
        return svg.ToString();
    }

    internal static string SensitivityIndices(IEnumerable<SensitivityIndexItem> items, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(items);
        var o = Check(options);
        var list = items.ToList();
        var s1Colour = Colour(o, 0, BarColour);
        var stColour = Colour(o, 1, "#E69F00");
        var legend = new Legend(o.Width, [("first order S1", s1Colour, LegendMark.Box), ("total effect ST", stColour, LegendMark.Box), ("confidence interval", Ink, LegendMark.Whisker)]);
        var rowHeight = o.RowHeight * 2;
        var layout = new RowLayout(o, list.Select(i => i.Label), legend.Height, rowHeight, list.Count, valueWidth: 78);
        var ends = list.SelectMany(i => new[] { i.S1, i.ST, i.S1 - Conf(i.S1Conf), i.S1 + Conf(i.S1Conf), i.ST - Conf(i.STConf), i.ST + Conf(i.STConf) }).Where(double.IsFinite).ToList();
        var axis = new Axis(o.Minimum ?? Math.Min(0, ends.DefaultIfEmpty(0).Min()), o.Maximum ?? Math.Max(0.1, ends.DefaultIfEmpty(1).Max()), layout.PlotX0, layout.PlotX1, nice: o.Minimum is null || o.Maximum is null);
        var svg = layout.Begin(o, standalone, "sensitivity-chart");
        legend.Draw(svg, layout.LegendTop);
        layout.Grid(svg, axis);
        var zero = axis.Map(0);
        var h = (rowHeight - 6) / 2;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var y = layout.RowY(i);
            layout.Label(svg, i, item.Label);
            Pair(item.S1, item.S1Conf, y + 2, s1Colour, "s1", "S1");
            Pair(item.ST, item.STConf, y + 3 + h, stColour, "st", "ST");
            svg.Text(layout.ValueX, y + (rowHeight / 2) - 2, "S1 " + SvgBuilder.Format(item.S1, "0.00"), fontSize: 10, cssClass: "value");
            svg.Text(layout.ValueX, y + (rowHeight / 2) + 10, "ST " + SvgBuilder.Format(item.ST, "0.00"), fontSize: 10, cssClass: "value");
        }

        svg.Line(zero, layout.PlotTop, zero, layout.PlotBottom, Ink, 1, "zero");
        layout.Axis(svg, axis, title: "Sobol index");
        layout.Caption(svg, o);
        return svg.ToString();

        void Pair(double value, double conf, double top, string colour, string cssClass, string name)
        {
            if (!double.IsFinite(value))
            {
                return;
            }

            var item = SvgBuilder.Format(value, "0.000") + (double.IsFinite(conf) ? " ± " + SvgBuilder.Format(conf, "0.000") : string.Empty);
            var x = axis.Map(value);
            svg.Rect(Math.Min(zero, x), top, Math.Abs(x - zero), h, colour, cssClass, $"{name} = {item}");
            if (double.IsFinite(conf) && conf > 0)
            {
                var mid = top + (h / 2);
                var a = axis.Map(value - conf);
                var b = axis.Map(value + conf);
                svg.Open("ci")
                   .Line(a, mid, b, mid, Ink, 1)
                   .Line(a, mid - 3, a, mid + 3, Ink, 1)
                   .Line(b, mid - 3, b, mid + 3, Ink, 1)
                   .Close();
            }
        }

        static double Conf(double c) => double.IsFinite(c) ? Math.Abs(c) : 0;
    }

    internal static string Heatmap(LabeledMatrix matrix, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var o = Check(options);
        var n = matrix.Labels.Length;
        var lo = o.Minimum ?? -1;
        var hi = o.Maximum ?? 1;
        var numbered = matrix.Labels.Select((l, k) => string.Create(CultureInfo.InvariantCulture, $"{k + 1} {l}")).ToList();
        var labelWidth = Math.Clamp(numbered.Select(l => SvgBuilder.TextWidth(l, FontSize)).DefaultIfEmpty(0).Max() + 10, 48, o.Width * 0.4);
        var cell = n == 0 ? o.RowHeight : Math.Clamp((o.Width - labelWidth - 12) / n, 8, Math.Max(o.RowHeight * 2, 8));
        var top = (o.Title is null ? 8 : 30) + 16;
        var legendTop = top + (n * cell) + 10;
        var height = legendTop + 34 + (o.Caption is null ? 0 : 18);
        var svg = new SvgBuilder(o.Width, height, o.Id, o.Title, standalone, "heatmap-chart");
        if (o.Title is not null)
        {
            svg.Text(8, 20, o.Title, fontSize: 13, bold: true, cssClass: "chart-title");
        }

        var showValues = cell >= 28;

        // Small cells (many variables): labels shrink with the cells, and column numbers are thinned so they do not overlap.
        var labelFont = Math.Min(FontSize, Math.Max(6, cell - 1));
        var columnStep = cell >= 14 ? 1 : cell >= 8 ? 2 : 5;
        for (var c = 0; c < n; c++)
        {
            if (c % columnStep == 0)
            {
                svg.Text(labelWidth + (c * cell) + (cell / 2), top - 4, (c + 1).ToString(CultureInfo.InvariantCulture), "middle", fontSize: Math.Min(10, labelFont), fill: Muted, cssClass: "col-label", title: matrix.Labels[c]);
            }
        }

        for (var r = 0; r < n; r++)
        {
            var y = top + (r * cell);
            svg.Text(labelWidth - 6, y + (cell / 2) + (labelFont >= FontSize ? 4 : labelFont * 0.36), SvgBuilder.Fit(numbered[r], labelWidth - 10, labelFont), "end", fontSize: labelFont, cssClass: "label", title: numbered[r]);
            for (var c = 0; c < n; c++)
            {
                var v = matrix[r, c];
                var x = labelWidth + (c * cell);
                var fill = double.IsFinite(v) ? Diverging(v, lo, hi) : "#dddddd";
                svg.Rect(x, y, cell, cell, fill, "cell", $"{matrix.Labels[r]} × {matrix.Labels[c]}: {SvgBuilder.Format(v, "0.00")}", "#ffffff");
                if (showValues)
                {
                    var t = double.IsFinite(v) ? (v - lo) / (hi - lo) : 0.5;
                    svg.Text(x + (cell / 2), y + (cell / 2) + 3.5, SvgBuilder.Format(v, "0.00"), "middle", fontSize: 9, fill: t < 0.2 || t > 0.8 ? "#ffffff" : Ink);
                }
            }
        }

        // Colour scale.
        const int steps = 20;
        var scaleWidth = Math.Min(200, o.Width - labelWidth - 20);
        for (var k = 0; k < steps; k++)
        {
            var v = lo + ((hi - lo) * (k + 0.5) / steps);
            svg.Rect(labelWidth + (k * scaleWidth / steps), legendTop, (scaleWidth / steps) + 0.3, 10, Diverging(v, lo, hi), "scale");
        }

        svg.Text(labelWidth, legendTop + 24, SvgBuilder.Format(lo, "0.0"), "start", fontSize: 10, fill: Muted)
           .Text(labelWidth + (scaleWidth / 2), legendTop + 24, SvgBuilder.Format((lo + hi) / 2, "0.0"), "middle", fontSize: 10, fill: Muted)
           .Text(labelWidth + scaleWidth, legendTop + 24, SvgBuilder.Format(hi, "0.0"), "end", fontSize: 10, fill: Muted);
        if (o.Caption is not null)
        {
            svg.Text(8, height - 6, o.Caption, fontSize: 10, fill: Muted, cssClass: "caption");
        }

        return svg.ToString();
    }

    /// <summary>Interpolates #2166ac (low) → #f7f7f7 (middle) → #b2182b (high), the ColorBrewer RdBu end points.</summary>
    internal static string Diverging(double v, double lo, double hi)
    {
        var t = hi > lo ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5;
        (int R, int G, int B) a = (0x21, 0x66, 0xac), m = (0xf7, 0xf7, 0xf7), b = (0xb2, 0x18, 0x2b);
        (int R, int G, int B) from = t < 0.5 ? a : m, to = t < 0.5 ? m : b;
        var f = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        static int Mix(int x, int y, double f) => (int)Math.Round(x + ((y - x) * f), MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(from.R, to.R, f):x2}{Mix(from.G, to.G, f):x2}{Mix(from.B, to.B, f):x2}");
    }

    internal static string Colour(ChartOptions o, int k, string fallback) =>
        !o.Palette.IsDefaultOrEmpty ? o.Palette[k % o.Palette.Length] : k == 0 ? fallback : OkabeIto[k % OkabeIto.Length];

    /// <summary>Gets the colour of series <paramref name="k"/> in the default palette.</summary>
    internal static string PaletteColour(int k) => OkabeIto[k % OkabeIto.Length];

    private static string Rank(double r) => double.IsFinite(r) ? SvgBuilder.Format(r, "0.#") : "n/a";

    /// <summary>Formats a value, or the chart's missing text for NaN.</summary>
    private static string Value(double v, ChartOptions o) => double.IsNaN(v) ? o.MissingText : SvgBuilder.Format(v, o.ValueFormat);

    /// <summary>Defines the hatch pattern of missing values (once per chart, only when a value is missing).</summary>
    private static void Hatch(SvgBuilder svg, ChartOptions o, bool needed)
    {
        if (needed)
        {
            svg.Raw($"<defs><pattern id=\"{HtmlText.Escape(HatchId(o))}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c8c8c8\" stroke-width=\"2\"/></pattern></defs>");
        }
    }

    private static string HatchId(ChartOptions o) => (o.Id ?? "ci") + "-hatch";

    /// <summary>Draws a missing value: a hatched band (class <c>missing</c>, not a data mark) with the reason as its tooltip.</summary>
    private static void Missing(SvgBuilder svg, ChartOptions o, double x, double y, double w, double h, string tip) =>
        svg.Rect(x, y, w, h, $"url(#{HatchId(o)})", "missing", tip);

    private static ChartOptions Check(ChartOptions? options)
    {
        var o = options ?? ChartOptions.Default;
        if (!(o.Width >= 200) || !double.IsFinite(o.Width))
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.Width, "The chart width must be at least 200.");
        }

        if (!(o.RowHeight >= 8) || !double.IsFinite(o.RowHeight))
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.RowHeight, "The row height must be at least 8.");
        }

        if (o.Height is { } h && (!(h >= 120) || !double.IsFinite(h)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), h, "The chart height must be at least 120.");
        }

        SvgBuilder.CheckFormat(o.ValueFormat, nameof(options));
        return o;
    }

    private enum LegendMark
    {
        Box,
        Line,
        Dot,
        Diamond,
        Whisker,
    }

    /// <summary>A legend laid out in rows that wrap at the chart width.</summary>
    private sealed class Legend
    {
        private readonly List<(string Name, string Colour, LegendMark Mark, double X, int Row)> entries = [];

        public Legend(double width, IEnumerable<(string Name, string Colour, LegendMark Mark)> items)
        {
            double x = 8;
            var row = 0;
            foreach (var (name, colour, mark) in items)
            {
                var w = 18 + SvgBuilder.TextWidth(name, 10) + 14;
                if (x + w > width - 8 && x > 8)
                {
                    row++;
                    x = 8;
                }

                entries.Add((name, colour, mark, x, row));
                x += w;
            }

            Height = entries.Count == 0 ? 0 : ((row + 1) * 16) + 4;
        }

        public double Height { get; }

        public void Draw(SvgBuilder svg, double top)
        {
            if (entries.Count == 0)
            {
                return;
            }

            svg.Open("legend");
            foreach (var (name, colour, mark, x, row) in entries)
            {
                var y = top + (row * 16) + 8;
                switch (mark)
                {
                    case LegendMark.Box: svg.Rect(x, y - 5, 12, 10, colour); break;
                    case LegendMark.Line: svg.Line(x, y, x + 12, y, colour, 3); break;
                    case LegendMark.Dot: svg.Circle(x + 6, y, 3.5, colour); break;
                    case LegendMark.Diamond: svg.Diamond(x + 6, y, 4.5, colour); break;
                    default: svg.Line(x, y, x + 12, y, colour, 1).Line(x, y - 3, x, y + 3, colour, 1).Line(x + 12, y - 3, x + 12, y + 3, colour, 1); break;
                }

                svg.Text(x + 17, y + 3.5, name, fontSize: 10);
            }

            svg.Close();
        }
    }

    /// <summary>The common layout of row charts: title, legend, label column, plot area, value column, axis, caption.</summary>
    private sealed class RowLayout
    {
        private readonly double rowHeight;

        public RowLayout(ChartOptions o, IEnumerable<string> labels, double legendHeight, double rowHeight, int rows, double valueWidth = 52)
        {
            this.rowHeight = rowHeight;
            var longest = labels.Select(l => SvgBuilder.TextWidth(l ?? string.Empty, FontSize)).DefaultIfEmpty(0).Max();
            LabelWidth = Math.Clamp(longest + 10, 48, o.Width * 0.34);
            LegendTop = o.Title is null ? 6 : 28;
            PlotTop = LegendTop + legendHeight + 4;
            PlotBottom = PlotTop + (rows * rowHeight);
            PlotX0 = LabelWidth + 6;
            ValueX = o.Width - valueWidth;
            PlotX1 = ValueX - 10;
            Height = PlotBottom + 30 + (o.Caption is null ? 0 : 16);
        }

        public double LabelWidth { get; }

        public double LegendTop { get; }

        public double PlotTop { get; }

        public double PlotBottom { get; }

        public double PlotX0 { get; }

        public double PlotX1 { get; }

        public double ValueX { get; }

        public double Height { get; }

        public double RowY(int i) => PlotTop + (i * rowHeight);

        public SvgBuilder Begin(ChartOptions o, bool standalone, string cssClass)
        {
            var svg = new SvgBuilder(o.Width, Height, o.Id, o.Title, standalone, cssClass);
            if (o.Title is not null)
            {
                svg.Text(8, 20, o.Title, fontSize: 13, bold: true, cssClass: "chart-title");
            }

            return svg;
        }

        public void Label(SvgBuilder svg, int i, string label)
        {
            label ??= string.Empty;
            var fitted = SvgBuilder.Fit(label, LabelWidth - 8, FontSize);
            svg.Text(LabelWidth, RowY(i) + (rowHeight / 2) + 4, fitted, "end", cssClass: "label", title: fitted == label ? null : label);
        }

        public void Grid(SvgBuilder svg, Axis axis, bool integerTicks = false)
        {
            svg.Open("grid");
            foreach (var t in Ticks(axis, integerTicks))
            {
                var x = axis.Map(t);
                svg.Line(x, PlotTop, x, PlotBottom, GridColour, 1);
            }

            svg.Close();
        }

        public void Axis(SvgBuilder svg, Axis axis, bool integerTicks = false, string? title = null)
        {
            svg.Open("axis");
            svg.Line(axis.X0, PlotBottom, axis.X1, PlotBottom, Muted, 1);
            var format = integerTicks ? "0" : axis.TickFormat();
            foreach (var t in Ticks(axis, integerTicks))
            {
                var x = axis.Map(t);
                svg.Line(x, PlotBottom, x, PlotBottom + 4, Muted, 1);
                svg.Text(x, PlotBottom + 15, SvgBuilder.Format(t, format), "middle", fontSize: 10, fill: Muted);
            }

            if (title is not null)
            {
                svg.Text(axis.X1, PlotBottom + 27, title, "end", fontSize: 10, fill: Muted, cssClass: "axis-title");
            }

            svg.Close();
        }

        public void Caption(SvgBuilder svg, ChartOptions o)
        {
            if (o.Caption is not null)
            {
                svg.Text(8, Height - 6, o.Caption, fontSize: 10, fill: Muted, cssClass: "caption");
            }
        }

        private static IEnumerable<double> Ticks(Axis axis, bool integerTicks)
        {
            if (!integerTicks)
            {
                return axis.Ticks();
            }

            // Ranks: 1, then multiples of a nice step.
            var span = axis.Hi - axis.Lo;
            var step = span <= 10 ? 1 : span <= 25 ? 5 : span <= 60 ? 10 : span <= 150 ? 25 : span <= 300 ? 50 : 100;
            var ticks = new List<double> { axis.Lo };
            for (var t = step; t <= axis.Hi + 1e-9; t += step)
            {
                if (t > axis.Lo + (step * 0.4))
                {
                    ticks.Add(t);
                }
            }

            return ticks;
        }
    }
}
