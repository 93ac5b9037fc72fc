using System.Text;

namespace CompositeIndex.Reporting;

/// <summary>
/// The one escaping rule for every string from a definition, a data file or an option that CompositeIndex writes into
/// HTML or SVG (the report, the charts, the notebook views): every writer calls <see cref="Escape"/> and none writes
/// a user string raw.
/// </summary>
/// <remarks>
/// <para>The result is safe both as element content and inside a double- or single-quoted attribute value of HTML5,
/// XHTML and SVG: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c> become character references, so
/// no text can open or close an element, an attribute, a comment or a CDATA section. Characters XML 1.0 cannot hold
/// (C0 controls other than tab, line feed and carriage return; unpaired surrogates; U+FFFE and U+FFFF) become
/// U+FFFD, so the output always parses as XML too. Everything else, including non-ASCII text such as Korean, is
/// kept as is (the documents declare UTF-8).</para>
/// <para>It does not make a string safe inside a <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c> element, a URL
/// attribute (<c>href</c>, <c>src</c>) or an event-handler attribute: CompositeIndex never puts a user string there.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class HtmlText
{
    /// <summary>Escapes text for HTML/XML element content and quoted attribute values.</summary>
    /// <param name="text">The text; <see langword="null"/> gives the empty string.</param>
    /// <returns>The escaped text (the same instance when nothing needed escaping).</returns>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = FirstToEscape(text);
        if (first < 0)
        {
            return text;
        }

        var b = new StringBuilder(text.Length + 16);
        b.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': b.Append("&amp;"); break;
                case '<': b.Append("&lt;"); break;
                case '>': b.Append("&gt;"); break;
                case '"': b.Append("&quot;"); break;
                case '\'': b.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        b.Append(c).Append(text[++i]);
                    }
                    else if (IsInvalidXml(c))
                    {
                        b.Append('\uFFFD');
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.ToString();
    }

    private static int FirstToEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '&' or '<' or '>' or '"' or '\'')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsInvalidXml(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsInvalidXml(char c) =>
        char.IsSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF';
}
