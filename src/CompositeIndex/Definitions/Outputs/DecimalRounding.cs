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
}
