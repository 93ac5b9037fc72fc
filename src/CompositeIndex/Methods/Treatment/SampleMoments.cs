namespace CompositeIndex;

/// <summary>
/// Bias-adjusted sample skewness and excess kurtosis ("type 2" of Joanes &amp; Gill 1998, as e1071, SAS, SPSS and
/// Excel compute them; COINr <c>skew</c>/<c>kurt</c>), skipping NaN.
/// </summary>
/// <remarks>
/// With d = x − mean over the n non-missing values:
/// skewness = √n·Σd³/(Σd²)^{3/2} · √(n(n−1))/(n−2) (needs n ≥ 3);
/// kurtosis = ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)) with r = n·Σd⁴/(Σd²)² (needs n ≥ 4).
/// Too few values, or a constant column, give NaN. Reference: D. N. Joanes and C. A. Gill (1998), "Comparing measures
/// of sample skewness and kurtosis", <i>The Statistician</i> 47(1), 183–189, doi:10.1111/1467-9884.00122.
/// </remarks>
internal static class SampleMoments
{
    /// <summary>Skewness and kurtosis from one mean and one pass over the deviations.</summary>
    public static (double Skewness, double Kurtosis) Both(ReadOnlySpan<double> x)
    {
        var (mean, n) = Stats.Mean(x);
        if (n < 3)
        {
            return (double.NaN, double.NaN);
        }

        double s2 = 0, s3 = 0, s4 = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                var d = v - mean;
                var d2 = d * d;
                s2 += d2;
                s3 += d2 * d;
                s4 += d2 * d2;
            }
        }

        var skew = Math.Sqrt(n) * s3 / Math.Pow(s2, 1.5) * Math.Sqrt((double)n * (n - 1)) / (n - 2);
        if (n < 4)
        {
            return (skew, double.NaN);
        }

        var r = n * s4 / (s2 * s2);
        return (skew, (((n + 1) * (r - 3)) + 6) * (n - 1) / ((double)(n - 2) * (n - 3)));
    }
}
