namespace CompositeIndex;

/// <summary>
/// Exact fast path for the plain decimals data files are made of (<c>-12.5</c>, <c>0.000123</c>, <c>31200</c>): at most
/// 15 significant digits and 22 decimals, no exponent. Such a number is <c>m / 10^k</c> with <c>m &lt; 10^15 &lt; 2^53</c>
/// and <c>10^k</c> (k ≤ 22) both exact doubles, so one IEEE division gives the correctly rounded value — the same bits as
/// <see cref="double.Parse(ReadOnlySpan{char}, System.Globalization.NumberStyles, IFormatProvider?)"/>, which rounds
/// correctly too (Clinger 1990, "How to read floating point numbers accurately", the fast path; used the same way by
/// fast_float, Lemire 2021). Anything else (exponents, more digits, spaces, text) is left to the general parser.
/// </summary>
internal static class DecimalText
{
    /// <summary>Gets 10^0 … 10^22, every one an exact double (read-only data in the assembly, no array).</summary>
    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <c>[+-]digits[.digits]</c> (at least one digit) when it has at most 15 significant digits and 22 decimals.</summary>
    /// <param name="text">The text (already trimmed).</param>
    /// <param name="decimalSeparator">The decimal separator: <c>'.'</c>, or <c>','</c> for a decimal comma.</param>
    /// <param name="value">The value, bit for bit what the general parser gives.</param>
    /// <returns><see langword="false"/> when the text is not of that form (the caller then uses the general parser).</returns>
    public static bool TryParse(ReadOnlySpan<char> text, char decimalSeparator, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        ulong m = 0;
        var significant = 0;
        var decimals = -1; // -1: no separator seen yet
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                digits++;
                if (m != 0 || d != 0)
                {
                    significant++;
                    if (significant > 15)
                    {
                        return false;
                    }
                }

                m = (m * 10) + d;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (c == decimalSeparator && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || decimals > 22)
        {
            return false;
        }

        var v = decimals > 0 ? m / PowersOfTen[decimals] : m;
        value = negative ? -v : v;
        return true;
    }
}
