namespace CompositeIndex.Analysis;

/// <summary>
/// Numerically careful descriptive statistics over spans in which NaN marks a missing value (missing values are
/// skipped, like R's <c>na.rm = TRUE</c>). These are the statistics behind the audit (the audit functions).
/// </summary>
/// <remarks>
/// <para><b>Algorithms.</b> The mean, variance, skewness and kurtosis here are the library's single implementation of
/// moments, shared with z-score normalisation, mean imputation, EM imputation and outlier treatment, so the audit
/// reports exactly the statistics the pipeline used. Sums use Neumaier's compensated summation (Neumaier 1974,
/// "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen", <i>ZAMM</i> 54; Higham, <i>Accuracy and
/// Stability of Numerical Algorithms</i>, 2nd ed., §4.3). The mean is refined by a second pass, <c>m ← m + Σ(x − m)/n</c>,
/// and all central moments are accumulated from deviations about that mean (the two-pass algorithm of Chan, Golub &amp;
/// LeVeque 1983, "Algorithms for computing the sample variance", <i>The American Statistician</i> 37(3)). No one-pass
/// <c>Σx² − n·x̄²</c> formula is used anywhere.</para>
/// <para><b>Accuracy</b> (tested against NIST's Statistical Reference Datasets, certified to 15 digits): the mean
/// agrees to 15 significant digits on every univariate set; the standard deviation to 15 on Lew, Lottery, NumAcc1 and
/// NumAcc2, 13.8 on Michelso, 13.1 on Mavro, 9.4 on NumAcc3 and 8.2 on NumAcc4 (values 10000000.2 ± 0.1), where the
/// textbook one-pass formula loses all digits. The last two are limited by the input, not the algorithm: 10000000.1 is
/// not a binary64 number, and against the exact standard deviation of the stored doubles every set reaches 15 digits.
/// For data with many significant digits and a small spread, keep the text and use <see cref="DecimalStatistics"/>,
/// which reaches 15 digits on NumAcc4.</para>
/// <para>Pure functions, thread-safe.</para>
/// </remarks>
public static class IndexStatistics
{
    /// <summary>Counts the non-missing values.</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The number of non-NaN values.</returns>
    public static int Count(ReadOnlySpan<double> x) => Stats.Count(x);

    /// <summary>Computes the compensated (Neumaier) sum of the non-missing values.</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The sum; 0 when nothing is present.</returns>
    public static double Sum(ReadOnlySpan<double> x) => Stats.Sum(x);

    /// <summary>Computes the arithmetic mean of the non-missing values: compensated sum / n, refined by one corrective pass.</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The mean; NaN when nothing is present.</returns>
    public static double Mean(ReadOnlySpan<double> x) => Stats.Mean(x).Mean;

    /// <summary>Computes the sample variance <c>Σ(x − x̄)²/(n − 1)</c> of the non-missing values (two-pass, with the Chan–Golub–LeVeque correction).</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The variance; NaN with fewer than two values.</returns>
    public static double Variance(ReadOnlySpan<double> x)
    {
        var m = Stats.Moments.Of(x);
        return m.N < 2 ? double.NaN : m.M2 / (m.N - 1);
    }

    /// <summary>Computes the sample standard deviation (denominator n − 1), as R's <c>sd(x, na.rm = TRUE)</c>.</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The standard deviation; NaN with fewer than two values.</returns>
    public static double StandardDeviation(ReadOnlySpan<double> x) => Math.Sqrt(Variance(x));

    /// <summary>
    /// Computes the sample skewness of type 2 (the bias-adjusted G₁ of Joanes &amp; Gill 1998, "Comparing measures of
    /// sample skewness and kurtosis", <i>JRSS D</i> 47(1), doi:10.1111/1467-9884.00122; e1071's <c>skewness(type = 2)</c>,
    /// used by COINr): <c>G₁ = √n·Σd³/(Σd²)^1.5 · √(n(n − 1))/(n − 2)</c>, d = x − x̄.
    /// </summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The skewness; NaN with fewer than three values or zero variance.</returns>
    public static double Skewness(ReadOnlySpan<double> x) => Stats.SkewnessKurtosis(x).Skewness;

    /// <summary>
    /// Computes the sample excess kurtosis of type 2 (bias-adjusted G₂, Joanes &amp; Gill 1998; e1071's
    /// <c>kurtosis(type = 2)</c>, used by COINr): with r = n·Σd⁴/(Σd²)², <c>G₂ = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3))</c>.
    /// </summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The excess kurtosis; NaN with fewer than four values or zero variance.</returns>
    public static double Kurtosis(ReadOnlySpan<double> x) => Stats.SkewnessKurtosis(x).Kurtosis;

    /// <summary>Computes the median of the non-missing values (the mean of the two middle values when n is even; R's <c>median</c>).</summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <returns>The median; NaN when nothing is present.</returns>
    public static double Median(ReadOnlySpan<double> x) => Quantile(x, 0.5);

    /// <summary>
    /// Computes a quantile by linear interpolation between order statistics (Hyndman &amp; Fan 1996, type 7; R's default
    /// <c>quantile(type = 7)</c>, numpy's default): <c>j = 1 + (n − 1)p</c>, <c>h = j − ⌊j⌋</c>,
    /// <c>Q = (1 − h)·x₍⌊j⌋₎ + h·x₍⌈j⌉₎</c> (1-based order statistics), evaluated in R's order of operations so that the
    /// result is bit-identical to R's (e.g. COINr's rank statistics); <c>Q = x₍⌊j⌋₎</c> when both order statistics are equal.
    /// </summary>
    /// <param name="x">The values (NaN = missing).</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <returns>The quantile; NaN when nothing is present.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static double Quantile(ReadOnlySpan<double> x, double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must be in [0, 1].");
        }

        var sorted = Present(x);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var (lo, hi, h) = Type7Position(sorted.Length, p);
        return Type7(sorted[lo], sorted[hi], h);
    }

    /// <summary>
    /// The positions of R's type-7 quantile among <paramref name="n"/> sorted values (<c>stats:::quantile.default</c>):
    /// <c>index = 1 + (n − 1)p</c>; returns the 0-based order statistics ⌊index⌋ − 1 and ⌈index⌉ − 1 and
    /// <c>h = index − ⌊index⌋</c>.
    /// </summary>
    internal static (int Lo, int Hi, double H) Type7Position(int n, double p)
    {
        var index = 1 + ((n - 1) * p);
        var lo = Math.Floor(index);
        return ((int)lo - 1, (int)Math.Ceiling(index) - 1, index - lo);
    }

    /// <summary>R's type-7 interpolation, with R's arithmetic: <c>(1 − h)·x[lo] + h·x[hi]</c>, or <c>x[lo]</c> when h = 0 or both are equal.</summary>
    internal static double Type7(double xlo, double xhi, double h) => h > 0 && xhi != xlo ? ((1 - h) * xlo) + (h * xhi) : xlo;

    /// <summary>
    /// Computes the lag-1 autocorrelation of a series, <c>r(1) = Σᵢ₌₂ⁿ(yᵢ − ȳ)(yᵢ₋₁ − ȳ) / Σᵢ₌₁ⁿ(yᵢ − ȳ)²</c>
    /// (the definition certified by NIST StRD). The series must have no missing values.
    /// </summary>
    /// <param name="y">The series, in order.</param>
    /// <returns>The autocorrelation; NaN with fewer than two values or zero variance.</returns>
    /// <exception cref="ArgumentException">The series contains NaN.</exception>
    public static double Lag1Autocorrelation(ReadOnlySpan<double> y)
    {
        if (Count(y) != y.Length)
        {
            throw new ArgumentException("The series has missing values.", nameof(y));
        }

        if (y.Length < 2)
        {
            return double.NaN;
        }

        var mean = Mean(y);
        var num = default(Stats.Accumulator);
        var den = default(Stats.Accumulator);
        for (var i = 0; i < y.Length; i++)
        {
            var d = y[i] - mean;
            den.Add(d * d);
            if (i > 0)
            {
                num.Add(d * (y[i - 1] - mean));
            }
        }

        return den.Value == 0 ? double.NaN : num.Value / den.Value;
    }

    /// <summary>
    /// Computes the sample covariance of the pairs where both values are present (R's
    /// <c>cov(x, y, use = "pairwise.complete.obs")</c>): means over those pairs, then <c>Σ(x − x̄)(y − ȳ)/(n − 1)</c>.
    /// </summary>
    /// <param name="x">The first variable.</param>
    /// <param name="y">The second variable, same length.</param>
    /// <returns>The covariance; NaN with fewer than two complete pairs.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (xs, ys) = CompletePairs(x, y);
        if (xs.Length < 2)
        {
            return double.NaN;
        }

        var mx = Mean(xs);
        var my = Mean(ys);
        var acc = default(Stats.Accumulator);
        for (var i = 0; i < xs.Length; i++)
        {
            acc.Add((xs[i] - mx) * (ys[i] - my));
        }

        return acc.Value / (xs.Length - 1);
    }

    /// <summary>
    /// Computes Pearson's correlation over the complete pairs (R's <c>cor(x, y, use = "pairwise.complete.obs")</c>):
    /// <c>r = Σdx·dy / √(Σdx²·Σdy²)</c> with deviations from the means of the complete pairs.
    /// </summary>
    /// <param name="x">The first variable.</param>
    /// <param name="y">The second variable, same length.</param>
    /// <returns>The correlation in [−1, 1]; NaN with fewer than two complete pairs or a constant variable.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (xs, ys) = CompletePairs(x, y);
        return PearsonComplete(xs, ys);
    }

    /// <summary>
    /// Computes Spearman's rank correlation over the complete pairs: the values of each variable are ranked among the
    /// complete pairs (ties get average ranks) and Pearson's r of the ranks is returned (R's
    /// <c>cor(x, y, method = "spearman", use = "pairwise.complete.obs")</c>).
    /// </summary>
    /// <param name="x">The first variable.</param>
    /// <param name="y">The second variable, same length.</param>
    /// <returns>The rank correlation; NaN with fewer than two complete pairs or a constant variable.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var (xs, ys) = CompletePairs(x, y);
        return PearsonComplete(AverageRanks(xs), AverageRanks(ys));
    }

    /// <summary>
    /// Computes the two-sided p-value of a correlation r from n pairs under the null hypothesis of no correlation, with
    /// the t statistic <c>t = r·√((n − 2)/(1 − r²))</c> on n − 2 degrees of freedom (R's <c>cor.test</c> for Pearson;
    /// for Spearman this is the large-sample approximation R uses when there are ties or n ≥ 1290).
    /// </summary>
    /// <param name="r">The correlation.</param>
    /// <param name="n">The number of complete pairs.</param>
    /// <returns>The p-value in [0, 1]; NaN when n &lt; 3 or r is NaN.</returns>
    public static double CorrelationPValue(double r, int n)
    {
        if (n < 3 || double.IsNaN(r))
        {
            return double.NaN;
        }

        if (Math.Abs(r) >= 1)
        {
            return 0;
        }

        double df = n - 2;
        var t = r * Math.Sqrt(df / (1 - (r * r)));
        return 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, -Math.Abs(t));
    }

    /// <summary>Ranks values in ascending order with ties sharing the average of the ranks they span; NaN stays NaN.</summary>
    /// <param name="x">The values.</param>
    /// <returns>The ranks (1 = smallest).</returns>
    public static double[] AverageRanks(ReadOnlySpan<double> x)
    {
        var ranks = new double[x.Length];
        CompositeIndex.Ranking.AverageRanksAscending(x, ranks, new int[x.Length]);
        return ranks;
    }

    internal static double PearsonComplete(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys) => Stats.Pearson(xs, ys);

    internal static (double[] X, double[] Y) CompletePairs(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"The variables have different lengths ({x.Length} and {y.Length}).", nameof(y));
        }

        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                n++;
            }
        }

        var xs = new double[n];
        var ys = new double[n];
        n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                xs[n] = x[i];
                ys[n++] = y[i];
            }
        }

        return (xs, ys);
    }

    internal static double[] Present(ReadOnlySpan<double> x)
    {
        var result = new double[Count(x)];
        var k = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                result[k++] = v;
            }
        }

        return result;
    }
}
