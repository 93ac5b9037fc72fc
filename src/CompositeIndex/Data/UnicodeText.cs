using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>Unicode normalisation form C for ids and header names.</summary>
internal static class UnicodeText
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28, SCount = LCount * VCount * TCount;

    /// <summary>
    /// Gets the NFC form of <paramref name="s"/> (the same instance when nothing changes): <see cref="string.Normalize()"/>,
    /// which needs the runtime's ICU data (it returns the text unchanged in globalisation-invariant mode), then the
    /// algorithmic composition of Hangul jamo into syllables (Unicode §3.12), which needs no data, so that Korean text
    /// in decomposed form (as macOS writes file names and some exports) matches in every mode.
    /// </summary>
    public static string Nfc(string s)
    {
        s = s.Normalize();
        var i = 0;
        while (i < s.Length && !IsJamo(s[i]))
        {
            i++;
        }

        if (i == s.Length)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length).Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            var c = s[i];
            var last = sb.Length > 0 ? sb[^1] : '\0';
            if (last is >= (char)LBase and < (char)(LBase + LCount) && c is >= (char)VBase and < (char)(VBase + VCount))
            {
                sb[^1] = (char)(SBase + ((((last - LBase) * VCount) + (c - VBase)) * TCount));
            }
            else if (last is >= (char)SBase and < (char)(SBase + SCount) && (last - SBase) % TCount == 0 && c is > (char)TBase and < (char)(TBase + TCount))
            {
                sb[^1] = (char)(last + (c - TBase));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Gets whether this process composes text beyond Korean (the runtime has ICU's normalisation data).</summary>
    public static bool CanNormalize { get; } = "e\u0301".Normalize() == "\u00E9";

    /// <summary>
    /// When the runtime cannot normalise (globalisation-invariant mode) and some ids hold combining marks (decomposed
    /// text such as <c>Zu</c> + U+0308 <c>rich</c>, as macOS and some exports write it), a warning naming them: such ids
    /// are kept as written and do not match their precomposed spelling. Otherwise <see langword="null"/>.
    /// </summary>
    public static string? DecomposedIds(IEnumerable<string> ids)
    {
        if (CanNormalize)
        {
            return null;
        }

        var found = ids.Where(id => id.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)).Take(4).ToList();
        return found.Count == 0
            ? null
            : $"Ids {string.Join(", ", found.Select(i => $"'{i}'"))} hold combining marks (decomposed text, e.g. u + U+0308 for ü); this process cannot compose them (globalisation-invariant mode), so they are kept as written and do not match the same name typed precomposed. Save the file with composed (NFC) text, or run where ICU is available.";
    }

    private static bool IsJamo(char c) => c is >= (char)LBase and < (char)(TBase + TCount);
}
