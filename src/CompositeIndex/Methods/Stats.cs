namespace CompositeIndex;

/// <summary>
/// Numerically careful summary statistics over spans that may contain NaN (missing values are skipped).
/// </summary>
/// <remarks>
/// The mean uses a two-pass correction (Björck 1996; Higham, <i>Accuracy and Stability of Numerical
/// Algorithms</i>, 2nd ed., §1.9): <c>m = Σx/n</c> then <c>m += Σ(x − m)/n</c>. The variance is the
/// two-pass corrected sum of squares <c>(Σ(x−m)² − (Σ(x−m))²/n)/(n − 1)</c> (Chan, Golub &amp; LeVeque 1983).
/// </remarks>
internal static class Stats
{
    public static (double Min, double Max, int Count) MinMax(ReadOnlySpan<double> x)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var n = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            n++;
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        return (min, max, n);
    }

    public static (double Mean, int Count) Mean(ReadOnlySpan<double> x)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        if (n == 0)
        {
            return (double.NaN, 0);
        }

        var mean = sum / n;
        double correction = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                correction += v - mean;
            }
        }

        return (mean + (correction / n), n);
    }

    /// <summary>Sample standard deviation (denominator n − 1), skipping NaN.</summary>
    public static (double Mean, double Sd, int Count) MeanSd(ReadOnlySpan<double> x)
    {
        var (mean, n) = Mean(x);
        if (n < 2)
        {
            return (mean, double.NaN, n);
        }

        double ss = 0, s = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                var d = v - mean;
                ss += d * d;
                s += d;
            }
        }

        var variance = (ss - (s * s / n)) / (n - 1);
        return (mean, Math.Sqrt(Math.Max(variance, 0)), n);
    }
}
