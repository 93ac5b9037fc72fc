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

    private static bool IsJamo(char c) => c is >= (char)LBase and < (char)(TBase + TCount);
}
