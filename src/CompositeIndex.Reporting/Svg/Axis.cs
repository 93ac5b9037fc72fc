namespace CompositeIndex.Reporting;

/// <summary>A linear value axis mapped onto a horizontal pixel range, with "nice" ticks (1, 2, 2.5 or 5 × 10ᵏ).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class Axis
{
    public Axis(double lo, double hi, double x0, double x1, bool nice = true)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi))
        {
            lo = 0;
            hi = 1;
        }

        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }

        if (hi - lo < 1e-12)
        {
            var pad = Math.Abs(hi) > 1e-12 ? Math.Abs(hi) * 0.1 : 1;
            lo -= lo == 0 ? 0 : pad;
            hi += pad;
        }

        Step = NiceStep((hi - lo) / 5);
        if (nice)
        {
            lo = Math.Floor((lo / Step) + 1e-9) * Step;
            hi = Math.Ceiling((hi / Step) - 1e-9) * Step;
        }

        Lo = lo;
        Hi = hi;
        X0 = x0;
        X1 = x1;
    }

    public double Lo { get; }

    public double Hi { get; }

    public double X0 { get; }

    public double X1 { get; }

    public double Step { get; }

    /// <summary>Maps a value to a pixel position, clamped to the axis range.</summary>
    public double Map(double v)
    {
        var c = Math.Clamp(v, Lo, Hi);
        return X0 + ((c - Lo) / (Hi - Lo) * (X1 - X0));
    }

    /// <summary>Gets the ticks from <see cref="Lo"/> to <see cref="Hi"/> on multiples of <see cref="Step"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var first = Math.Ceiling((Lo / Step) - 1e-9);
        for (var k = first; (k * Step) <= Hi + (Step * 1e-9); k++)
        {
            var t = k * Step;
            yield return Math.Abs(t) < Step * 1e-9 ? 0 : t;
        }
    }

    /// <summary>Gets a format with as many decimals as the step needs.</summary>
    public string TickFormat()
    {
        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step) - 1e-9));
        if (Math.Abs((Step * Math.Pow(10, decimals)) - Math.Round(Step * Math.Pow(10, decimals))) > 1e-9)
        {
            decimals++;
        }

        return decimals == 0 ? "0" : "0." + new string('0', Math.Min(decimals, 6));
    }

    private static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw))
        {
            return 1;
        }

        var exp = Math.Floor(Math.Log10(raw));
        var f = raw / Math.Pow(10, exp);
        var nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exp);
    }
}
