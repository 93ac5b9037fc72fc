using System.Globalization;

namespace CompositeIndex;

/// <summary>Exact decimal views of doubles for rounding and threshold comparisons (see <see cref="OutputRounding"/>).</summary>
internal static class DecimalRounding
{
    /// <summary>
    /// The shortest round-trip decimal representation of <paramref name="value"/> as a <see cref="decimal"/>
    /// (unlike a cast, which keeps 15 significant digits only). Very small magnitudes underflow to 0.
    /// </summary>
    public static decimal ToDecimal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values have a decimal representation.");
        }

        if (Math.Abs(value) < 1e-28)
        {
            return 0m;
        }

        return decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rounds every finite value of <paramref name="values"/> in place by <paramref name="rounding"/> (as a decimal, like
    /// <see cref="OutputRounding.Round"/>); NaN stays NaN. Magnitudes of 10^15 and above are left as they are: a double
    /// that large has no digits after the decimal point to round.
    /// </summary>
    public static void RoundInPlace(Span<double> values, OutputRounding rounding)
    {
        for (var k = 0; k < values.Length; k++)
        {
            var v = values[k];
            if (double.IsFinite(v) && Math.Abs(v) < 1e15)
            {
                values[k] = (double)Math.Round(ToDecimal(v), rounding.Digits, rounding.Midpoint);
            }
        }
    }
}
