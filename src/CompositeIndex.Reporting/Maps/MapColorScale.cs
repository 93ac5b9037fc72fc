using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Reporting.Maps;

/// <summary>One class of a choropleth map's colour scale: the values in [<see cref="Lower"/>, <see cref="Upper"/>) get <see cref="Color"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MapClass
{
    internal MapClass(double lower, double upper, string label, string color)
    {
        Lower = lower;
        Upper = upper;
        Label = label;
        Color = color;
    }

    /// <summary>Gets the lowest value of the class (inclusive).</summary>
    public double Lower { get; }

    /// <summary>Gets the upper end of the class (exclusive, except for the last class, which includes it).</summary>
    public double Upper { get; }

    /// <summary>Gets the legend label, e.g. <c>"96.5–103.2"</c>.</summary>
    public string Label { get; }

    /// <summary>Gets the fill colour, <c>#rrggbb</c>.</summary>
    public string Color { get; }
}

/// <summary>The sequential colour scale of a choropleth map: equal-interval classes over the values' range.</summary>
internal static class MapColorScale
{
    /// <summary>The fill of a unit that is in the index but has no score (drawn with the hatch pattern over it).</summary>
    public const string MissingStroke = "#8a8a8a";

    /// <summary>The fill of a shape that is not a unit of the index.</summary>
    public const string OtherFill = "#ececec";

    /// <summary>
    /// The ColorBrewer "YlGnBu" 9-class sequential scheme (Brewer, Harrower and The Pennsylvania State University,
    /// colorbrewer2.org, Apache-2.0 licence): light yellow for low, dark blue for high values; ordered for readers with
    /// colour-vision deficiency and in grey-scale print.
    /// </summary>
    private static readonly string[] Ramp = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"];

    /// <summary>
    /// Equal-interval classes: edges <c>eᵢ = min + i·(max − min)/k</c>, i = 0…k, over the finite values; a value v belongs
    /// to class <c>min(k − 1, ⌊(v − min)/(max − min)·k⌋)</c> (values outside [min, max] to the first or last class). With
    /// one distinct value there is one class.
    /// </summary>
    public static ImmutableArray<MapClass> EqualInterval(ReadOnlySpan<double> values, int count, string format)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (!double.IsFinite(min))
        {
            return [];
        }

        if (max == min)
        {
            count = 1;
        }

        var colors = Colors(count);
        var classes = ImmutableArray.CreateBuilder<MapClass>(count);
        for (var i = 0; i < count; i++)
        {
            var lower = Edge(min, max, i, count);
            var upper = Edge(min, max, i + 1, count);
            classes.Add(new MapClass(lower, upper, Label(lower, upper, format), colors[i]));
        }

        return classes.MoveToImmutable();
    }

    /// <summary>
    /// Classes from an output's class rules (<see cref="OutputDefinition.Classes"/>): one class per distinct label, ordered
    /// from low to high by the lowest bound of its rules (a rule without a lower bound is lowest), coloured from the same
    /// sequential scale. A label with several rules spans from its lowest lower bound to its highest upper bound.
    /// </summary>
    public static ImmutableArray<MapClass> FromRules(ImmutableArray<ClassRule> rules)
    {
        var byLabel = rules.GroupBy(r => r.Label, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Lower: g.Min(r => r.Min ?? double.NegativeInfinity), Upper: g.Max(r => r.Max ?? double.PositiveInfinity)))
            .OrderBy(x => x.Lower).ThenBy(x => x.Upper).ToList();
        var colors = Colors(byLabel.Count);
        return [.. byLabel.Select((x, i) => new MapClass(x.Lower, x.Upper, x.Label, colors[i]))];
    }

    /// <summary>The class of a value, or -1 for a missing value (see <see cref="EqualInterval"/>).</summary>
    public static int ClassOf(ImmutableArray<MapClass> classes, double value)
    {
        if (double.IsNaN(value) || classes.IsEmpty)
        {
            return -1;
        }

        var k = classes.Length;
        double min = classes[0].Lower, max = classes[^1].Upper;
        if (!(max > min))
        {
            return 0;
        }

        var i = (int)Math.Floor((value - min) / (max - min) * k);
        return Math.Clamp(i, 0, k - 1);
    }

    /// <summary>k colours sampled evenly from the ramp, skipping its palest tenth (too close to the page).</summary>
    public static string[] Colors(int count)
    {
        var colors = new string[count];
        for (var i = 0; i < count; i++)
        {
            var t = count == 1 ? 0.6 : 0.12 + (0.88 * i / (count - 1));
            colors[i] = Sample(t);
        }

        return colors;
    }

    /// <summary>A display format for values of this range: enough decimals to tell the class edges apart.</summary>
    public static string FormatFor(double min, double max, int count)
    {
        var step = (max - min) / Math.Max(1, count);
        return !(step > 0) ? "0.###" : step >= 10 ? "0" : step >= 1 ? "0.0" : step >= 0.1 ? "0.00" : step >= 0.01 ? "0.000" : "0.####";
    }

    private static double Edge(double min, double max, int i, int count) => i == count ? max : min + (i * (max - min) / count);

    private static string Label(double lower, double upper, string format) =>
        lower == upper ? Fmt(lower, format) : Fmt(lower, format) + "–" + Fmt(upper, format);

    private static string Fmt(double v, string format) => (v == 0 ? 0.0 : v).ToString(format, CultureInfo.InvariantCulture);

    private static string Sample(double t)
    {
        var x = Math.Clamp(t, 0, 1) * (Ramp.Length - 1);
        var i = Math.Min((int)x, Ramp.Length - 2);
        var f = x - i;
        var (r0, g0, b0) = Rgb(Ramp[i]);
        var (r1, g1, b1) = Rgb(Ramp[i + 1]);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r0, r1, f):x2}{Mix(g0, g1, f):x2}{Mix(b0, b1, f):x2}");

        static int Mix(int a, int b, double f) => (int)Math.Round(a + ((b - a) * f), MidpointRounding.AwayFromZero);
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
