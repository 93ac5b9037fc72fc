using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <summary>Layout and labelling options shared by every chart of <see cref="SvgCharts"/>.</summary>
/// <remarks>
/// <para>Charts are laid out in a fixed coordinate system of <see cref="Width"/> user units; the SVG scales down to
/// its container (<c>max-width: 100%</c>), so one chart serves a desktop page, a phone and print.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ChartOptions
{
    /// <summary>Gets the default options.</summary>
    public static ChartOptions Default { get; } = new();

    /// <summary>Gets the title drawn above the chart and used as its accessible name, if any.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the width in SVG user units (pixels at 100 %). Must be at least 200. The default is 640.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Gets the height of one row (bar, interval or heatmap cell) in user units. Must be at least 8. The default is 18.</summary>
    public double RowHeight { get; init; } = 18;

    /// <summary>Gets the .NET numeric format of values printed on the chart (invariant culture). The default is <c>"0.0"</c>.</summary>
    public string ValueFormat { get; init; } = "0.0";

    /// <summary>Gets the lower end of the value axis; <see langword="null"/> means "from the data, including zero".</summary>
    public double? Minimum { get; init; }

    /// <summary>Gets the upper end of the value axis; <see langword="null"/> means "from the data, including zero".</summary>
    public double? Maximum { get; init; }

    /// <summary>
    /// Gets the fill colours (CSS colours) used in order for series or bars. Empty means the built-in colour-blind-safe
    /// palette (Okabe and Ito, 2008, "Color Universal Design").
    /// </summary>
    public ImmutableArray<string> Palette { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Gets an optional id for the root <c>&lt;svg&gt;</c> element (escaped); also prefixes internal ids.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the height of a chart that is not laid out in rows (line charts) in user units; <see langword="null"/> for half the width. Must be at least 120.</summary>
    public double? Height { get; init; }

    /// <summary>Gets the text shown for a missing value (e.g. "n/a", or "해당 없음" in a Korean report). The default is <c>n/a</c>.</summary>
    public string MissingText { get; init; } = "n/a";

    /// <summary>Gets a value indicating whether a chart with several series draws its legend. The default is <see langword="true"/>.</summary>
    public bool ShowLegend { get; init; } = true;

    /// <summary>Gets the caption written below the chart (e.g. "Showing the top 50 of 191 units"), if any.</summary>
    public string? Caption { get; init; }
}
