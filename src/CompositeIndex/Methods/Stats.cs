namespace CompositeIndex;

/// <summary>
/// The one implementation of the moment statistics used everywhere in the library (normalisation, imputation,
/// outlier treatment, the audit's <see cref="Analysis.Statistics"/>): spans in which NaN marks a missing value
/// (skipped).
/// </summary>
/// <remarks>
/// <para>Sums use Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
/// Summation endlicher Summen", <i>ZAMM</i> 54; Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
/// §4.3). The mean is the compensated sum over n, refined by a second pass <c>m ← m + Σ(x − m)/n</c> (Björck 1996;
/// Higham §1.9). Central moment sums are two-pass: the second pass accumulates Sₖ = Σ(x − m₀)ᵏ about the first-pass
/// mean m₀ and shifts them to the refined mean m = m₀ + S₁/n; for Σd² the shift is the Chan–Golub–LeVeque correction
/// <c>S₂ − S₁²/n</c> for the residual error of the mean (Chan, Golub &amp; LeVeque 1983, "Algorithms for computing the
/// sample variance", <i>The American Statistician</i> 37(3)). No one-pass <c>Σx² − n·x̄²</c> formula is used anywhere.</para>
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

    /// <summary>Counts the non-NaN values.</summary>
    public static int Count(ReadOnlySpan<double> x)
    {
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The compensated sum of the non-NaN values (0 when there are none).</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        var acc = default(Accumulator);
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                acc.Add(v);
            }
        }

        return acc.Value;
    }

    /// <summary>The refined mean of the non-NaN values and their count; NaN when there are none.</summary>
    public static (double Mean, int Count) Mean(ReadOnlySpan<double> x)
    {
        var n = 0;
        var sum = default(Accumulator);
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                n++;
                sum.Add(v);
            }
        }

        if (n == 0)
        {
            return (double.NaN, 0);
        }

        var mean = sum.Value / n;
        var acc = default(Accumulator);
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                acc.Add(v - mean);
            }
        }

        return (mean + (acc.Value / n), n);
    }

    /// <summary>The mean and the sample standard deviation (denominator n − 1; NaN when n &lt; 2).</summary>
    public static (double Mean, double Sd, int Count) MeanSd(ReadOnlySpan<double> x)
    {
        var m = Moments.Of(x);
        return (m.Mean, m.N < 2 ? double.NaN : Math.Sqrt(m.M2 / (m.N - 1)), m.N);
    }

    /// <summary>
    /// Type-2 (bias-adjusted) sample skewness G₁ and excess kurtosis G₂ of Joanes &amp; Gill 1998 ("Comparing measures
    /// of sample skewness and kurtosis", <i>The Statistician</i> 47(1), doi:10.1111/1467-9884.00122; e1071 type 2, SAS,
    /// SPSS, Excel, COINr <c>skew</c>/<c>kurt</c>): with d = x − x̄, <c>G₁ = √n·Σd³/(Σd²)^1.5 · √(n(n − 1))/(n − 2)</c>
    /// (n ≥ 3), and with r = n·Σd⁴/(Σd²)², <c>G₂ = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3))</c> (n ≥ 4).
    /// Too few values or a constant column give NaN.
    /// </summary>
    public static (double Skewness, double Kurtosis) SkewnessKurtosis(ReadOnlySpan<double> x)
    {
        var m = Moments.Of(x);
        double n = m.N;
        if (m.N < 3 || m.M2 == 0)
        {
            return (double.NaN, double.NaN);
        }

        var skew = Math.Sqrt(n) * m.M3 / (m.M2 * Math.Sqrt(m.M2)) * Math.Sqrt(n * (n - 1)) / (n - 2); // (Σd²)^1.5 as Σd²·√Σd² (no pow)
        if (m.N < 4)
        {
            return (skew, double.NaN);
        }

        var r = n * m.M4 / (m.M2 * m.M2);
        return (skew, (((n + 1) * (r - 3)) + 6) * (n - 1) / ((n - 2) * (n - 3)));
    }

    /// <summary>
    /// The mean and the population standard deviation <c>√(Σd²/n)</c> (denominator n, as Mazziotta–Pareto and the
    /// Wrocław taxonomy standardise); NaN when there are no values.
    /// </summary>
    public static (double Mean, double Sd) MeanPopulationSd(ReadOnlySpan<double> x)
    {
        var m = Moments.Of(x);
        return (m.Mean, m.N == 0 ? double.NaN : Math.Sqrt(m.M2 / m.N));
    }

    /// <summary>
    /// Pearson's correlation of two equal-length spans without missing values, <c>r = Σdx·dy / √(Σdx²·Σdy²)</c> with
    /// deviations from the refined means and compensated sums, clamped to [−1, 1]; NaN with fewer than two pairs or a
    /// constant variable.
    /// </summary>
    public static double Pearson(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (xs.Length < 2)
        {
            return double.NaN;
        }

        var mx = Mean(xs).Mean;
        var my = Mean(ys).Mean;
        Accumulator sxy = default, sxx = default, syy = default;
        for (var i = 0; i < xs.Length; i++)
        {
            var dx = xs[i] - mx;
            var dy = ys[i] - my;
            sxy.Add(dx * dy);
            sxx.Add(dx * dx);
            syy.Add(dy * dy);
        }

        if (!(sxx.Value > 0 && syy.Value > 0))
        {
            return double.NaN;
        }

        var r = sxy.Value / (Math.Sqrt(sxx.Value) * Math.Sqrt(syy.Value));
        return Math.Clamp(r, -1, 1);
    }

    /// <summary>Neumaier's improved Kahan–Babuška compensated sum.</summary>
    internal struct Accumulator
    {
        private double sum;
        private double compensation;

        public readonly double Value => sum + compensation;

        public void Add(double v)
        {
            var t = sum + v;
            if (Math.Abs(sum) >= Math.Abs(v))
            {
                compensation += (sum - t) + v;
            }
            else
            {
                compensation += (v - t) + sum;
            }

            sum = t;
        }
    }

    /// <summary>Central moment sums Σd², Σd³, Σd⁴ about the refined mean (two passes), over the non-NaN values.</summary>
    internal readonly record struct Moments(int N, double Mean, double M2, double M3, double M4)
    {
        public static Moments Of(ReadOnlySpan<double> x)
        {
            // Pass 1: count and compensated sum, m₀ = Σx/n.
            var n = 0;
            var sum = default(Accumulator);
            foreach (var v in x)
            {
                if (!double.IsNaN(v))
                {
                    n++;
                    sum.Add(v);
                }
            }

            if (n == 0)
            {
                return new Moments(0, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            // Pass 2: compensated sums Sₖ = Σ(x − m₀)ᵏ, k = 1…4. S₁ is the refinement term of the mean (the same
            // compensated Σ(x − m₀) that Mean adds), so the refined mean m = m₀ + δ with δ = S₁/n costs no extra pass.
            var m0 = sum.Value / n;
            Accumulator s1 = default, s2 = default, s3 = default, s4 = default;
            foreach (var v in x)
            {
                if (double.IsNaN(v))
                {
                    continue;
                }

                var d = v - m0;
                var d2 = d * d;
                s1.Add(d);
                s2.Add(d2);
                s3.Add(d2 * d);
                s4.Add(d2 * d2);
            }

            // Central sums about m from the binomial shift of sums about m₀ (exact algebra; δ is of the order of the
            // mean's rounding error, so the terms in δ are tiny corrections): Σd² = S₂ − S₁δ (Chan–Golub–LeVeque),
            // Σd³ = S₃ − 3δS₂ + 2nδ³, Σd⁴ = S₄ − 4δS₃ + 6δ²S₂ − 3nδ⁴ (using S₁ = nδ).
            var delta = s1.Value / n;
            var a2 = s2.Value;
            var a3 = s3.Value;
            var m2 = Math.Max(a2 - (s1.Value * delta), 0);
            var m3 = a3 - (3 * delta * a2) + (2 * n * delta * delta * delta);
            var m4 = s4.Value - (4 * delta * a3) + (6 * delta * delta * a2) - (3 * n * delta * delta * delta * delta);
            return new Moments(n, m0 + delta, m2, m3, m4);
        }
    }
}
