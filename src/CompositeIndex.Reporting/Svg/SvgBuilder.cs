using System.Globalization;
using System.Text;

namespace CompositeIndex.Reporting;

/// <summary>
/// Writes SVG markup with invariant-culture numbers rounded to 2 decimals and escaped text, so the same chart
/// always produces the same bytes.
/// </summary>
/// <remarks>Mutable and not thread-safe (one builder per chart).</remarks>
internal sealed class SvgBuilder
{
    /// <summary>
    /// The font stack of every chart: DejaVu Sans (installed on the Debian images) for Latin text, then Korean fonts
    /// for Hangul (Noto Sans CJK KR from Debian's fonts-noto-cjk, Malgun Gothic on Windows, Apple SD Gothic Neo on
    /// macOS), then the generic family. Browsers fall back per character, so Latin and Hangul mix on one line.
    /// </summary>
    public const string FontFamily = "DejaVu Sans, Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif";

    /// <summary>The approximate advance of one character, as a fraction of the font size (DejaVu Sans averages ~0.6).</summary>
    public const double CharWidth = 0.6;

    /// <summary>The advance of a wide (East Asian) character, as a fraction of the font size: Hangul and CJK glyphs are square.</summary>
    public const double WideCharWidth = 1.0;

    private readonly StringBuilder sb = new();

    public SvgBuilder(double width, double height, string? id, string? title, bool standalone, string cssClass)
    {
        Width = width;
        Height = height;
        sb.Append("<svg");
        if (standalone)
        {
            sb.Append(" xmlns=\"http://www.w3.org/2000/svg\"");
        }

        if (id is not null)
        {
            sb.Append(" id=\"").Append(HtmlText.Escape(id)).Append('"');
        }

        sb.Append(" class=\"ci-chart ").Append(cssClass).Append('"')
          .Append(" viewBox=\"0 0 ").Append(Num(width)).Append(' ').Append(Num(height)).Append('"')
          .Append(" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height)).Append('"')
          .Append(" style=\"max-width:100%;height:auto\" role=\"img\"");
        if (title is not null)
        {
            sb.Append(" aria-label=\"").Append(HtmlText.Escape(title)).Append('"');
        }

        sb.Append(" font-family=\"").Append(FontFamily).Append("\" font-size=\"11\">");
        if (title is not null)
        {
            sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        }

        sb.Append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").Append(Num(width)).Append("\" height=\"").Append(Num(height)).Append("\" fill=\"#ffffff\"/>");
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Formats a coordinate or value: invariant culture, at most 2 decimals, no negative zero.</summary>
    public static string Num(double v)
    {
        var r = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        if (r == 0 || !double.IsFinite(r))
        {
            r = 0;
        }

        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks a caller's .NET numeric format before any drawing: at most 64 characters, a standard format's precision at
    /// most 99 (<c>"F999999999"</c> would allocate a gigabyte per value), and one that formats a number at all
    /// (<c>"Q2"</c> throws <see cref="FormatException"/> in <see cref="double.ToString(string?, IFormatProvider?)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The format is refused; the message quotes it.</exception>
    internal static void CheckFormat(string? format, string paramName)
    {
        if (format is null || format.Length > 64)
        {
            throw new ArgumentException($"The value format must be a .NET numeric format of at most 64 characters (got {(format is null ? "null" : format.Length + " characters")}).", paramName);
        }

        if (format.Length > 3 && char.IsAsciiLetter(format[0]) && format.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            throw new ArgumentException($"The value format \"{format}\" asks for more than 99 digits.", paramName);
        }

        try
        {
            _ = 1.5.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The value format \"{format}\" is not a .NET numeric format: {e.Message}", paramName, e);
        }
    }

    /// <summary>Formats a value for display with a .NET format string, invariant culture; NaN is "n/a".</summary>
    public static string Format(double v, string format) =>
        double.IsNaN(v) ? "n/a" : (v == 0 ? 0.0 : v).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Shortens a label to at most <paramref name="maxWidth"/> user units at <paramref name="fontSize"/>, ending it with an ellipsis.</summary>
    public static string Fit(string label, double maxWidth, double fontSize)
    {
        if (TextWidth(label, fontSize) <= maxWidth)
        {
            return label;
        }

        // Keep as many characters as fit with the ellipsis (at least one).
        var budget = maxWidth - (fontSize * CharWidth);
        var used = 0.0;
        var n = 0;
        while (n < label.Length && used + (Advance(label[n]) * fontSize) <= budget)
        {
            used += Advance(label[n]) * fontSize;
            n++;
        }

        return string.Concat(label.AsSpan(0, Math.Max(1, n)).TrimEnd(), "…");
    }

    /// <summary>Estimates the width of a text in user units (wide East Asian characters count as a full em).</summary>
    public static double TextWidth(string text, double fontSize)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += Advance(c);
        }

        return em * fontSize;
    }

    /// <summary>The advance of a character in ems: Hangul (jamo, compatibility jamo, syllables), CJK ideographs, kana and fullwidth forms are wide.</summary>
    private static double Advance(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6')
            ? WideCharWidth : CharWidth;

    public SvgBuilder Raw(string markup)
    {
        sb.Append(markup);
        return this;
    }

    public SvgBuilder Open(string cssClass, string? title = null)
    {
        sb.Append("<g class=\"").Append(cssClass).Append("\">");
        if (title is not null)
        {
            sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        }

        return this;
    }

    public SvgBuilder Close()
    {
        sb.Append("</g>");
        return this;
    }

    public SvgBuilder Rect(double x, double y, double w, double h, string fill, string? cssClass = null, string? title = null, string? stroke = null)
    {
        if (w < 0)
        {
            x += w;
            w = -w;
        }

        sb.Append("<rect");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append("\" width=\"").Append(Num(w))
          .Append("\" height=\"").Append(Num(h)).Append("\" fill=\"").Append(HtmlText.Escape(fill)).Append('"');
        if (stroke is not null)
        {
            sb.Append(" stroke=\"").Append(HtmlText.Escape(stroke)).Append("\" stroke-width=\"0.5\"");
        }

        return EndElement("rect", title);
    }

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? cssClass = null, string? title = null, bool dashed = false)
    {
        sb.Append("<line");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" x1=\"").Append(Num(x1)).Append("\" y1=\"").Append(Num(y1)).Append("\" x2=\"").Append(Num(x2))
          .Append("\" y2=\"").Append(Num(y2)).Append("\" stroke=\"").Append(HtmlText.Escape(stroke)).Append("\" stroke-width=\"").Append(Num(strokeWidth)).Append('"');
        if (dashed)
        {
            sb.Append(" stroke-dasharray=\"3 3\"");
        }

        return EndElement("line", title);
    }

    public SvgBuilder Circle(double cx, double cy, double r, string fill, string? cssClass = null, string? title = null)
    {
        sb.Append("<circle");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" cx=\"").Append(Num(cx)).Append("\" cy=\"").Append(Num(cy)).Append("\" r=\"").Append(Num(r)).Append("\" fill=\"").Append(HtmlText.Escape(fill)).Append('"');
        return EndElement("circle", title);
    }

    public SvgBuilder Diamond(double cx, double cy, double r, string fill, string? cssClass = null, string? title = null)
    {
        sb.Append("<path");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" d=\"M").Append(Num(cx)).Append(' ').Append(Num(cy - r))
          .Append(" L").Append(Num(cx + r)).Append(' ').Append(Num(cy))
          .Append(" L").Append(Num(cx)).Append(' ').Append(Num(cy + r))
          .Append(" L").Append(Num(cx - r)).Append(' ').Append(Num(cy)).Append(" Z\" fill=\"").Append(HtmlText.Escape(fill)).Append('"');
        return EndElement("path", title);
    }

    public SvgBuilder Text(double x, double y, string text, string anchor = "start", double? fontSize = null, string? fill = null, bool bold = false, string? cssClass = null, string? title = null)
    {
        sb.Append("<text");
        if (cssClass is not null)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }

        sb.Append(" x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append('"');
        if (anchor != "start")
        {
            sb.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (fontSize is { } fs)
        {
            sb.Append(" font-size=\"").Append(Num(fs)).Append('"');
        }

        if (fill is not null)
        {
            sb.Append(" fill=\"").Append(HtmlText.Escape(fill)).Append('"');
        }

        if (bold)
        {
            sb.Append(" font-weight=\"bold\"");
        }

        sb.Append('>');
        if (title is not null)
        {
            sb.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>");
        }

        sb.Append(HtmlText.Escape(text)).Append("</text>");
        return this;
    }

    public override string ToString() => sb.ToString() + "</svg>";

    private SvgBuilder EndElement(string name, string? title)
    {
        if (title is null)
        {
            sb.Append("/>");
        }
        else
        {
            sb.Append("><title>").Append(HtmlText.Escape(title)).Append("</title></").Append(name).Append('>');
        }

        return this;
    }
}
