using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompositeIndex;

/// <summary>
/// The one implementation of the moment statistics used everywhere in the library (normalisation, imputation,
/// outlier treatment, the audit's <see cref="Analysis.IndexStatistics"/>): spans in which NaN marks a missing value
/// (skipped).
/// </summary>
/// <remarks>
/// <para>Sums use Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
/// Summation endlicher Summen", <i>ZAMM</i> 54; Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
/// §4.3); the mean and moment sums run it over four fixed SIMD lanes and add the lanes' sums and compensations with a
/// scalar Neumaier sum at the end (<see cref="LaneSums"/>, same results on every machine). The mean is the
/// compensated sum over n, refined by a second pass <c>m ← m + Σ(x − m)/n</c> (Björck 1996; Higham §1.9). Central moment sums are two-pass: the second pass accumulates Sₖ = Σ(x − m₀)ᵏ about the first-pass
/// mean m₀ and shifts them to the refined mean m = m₀ + S₁/n; for Σd² the shift is the Chan–Golub–LeVeque correction
/// <c>S₂ − S₁²/n</c> for the residual error of the mean (Chan, Golub &amp; LeVeque 1983, "Algorithms for computing the
/// sample variance", <i>The American Statistician</i> 37(3)). No one-pass <c>Σx² − n·x̄²</c> formula is used anywhere.</para>
/// </remarks>
internal static class Stats
{
    public static (double Min, double Max, int Count) MinMax(ReadOnlySpan<double> x)
    {
        // Vectorised: per lane the same strict comparisons as the loop below (NaN never compares, so it is skipped), then
        // the lanes' extremes compared the same way. The extremes' values are exact either way; only which of +0 and −0
        // is kept could differ from the sequential first-seen rule, so a zero extreme is recomputed sequentially.
        if (Vector.IsHardwareAccelerated && x.Length >= 4 * Vector<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            var vcount = Vector<long>.Zero;
            foreach (var v in vectors)
            {
                vmin = Vector.ConditionalSelect(Vector.LessThan(v, vmin), v, vmin);
                vmax = Vector.ConditionalSelect(Vector.GreaterThan(v, vmax), v, vmax);
                vcount -= Vector.Equals(v, v); // −1 in every lane that is not NaN
            }

            var (min, max, n) = SequentialMinMax(x[(vectors.Length * Vector<double>.Count)..]);
            n += (int)Vector.Sum(vcount);
            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                min = vmin[lane] < min ? vmin[lane] : min;
                max = vmax[lane] > max ? vmax[lane] : max;
            }

            if (min != 0 && max != 0)
            {
                return (min, max, n);
            }
        }

        return SequentialMinMax(x);
    }

    private static (double Min, double Max, int Count) SequentialMinMax(ReadOnlySpan<double> x)
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

    /// <summary>The compensated sum of the non-NaN values (0 when there are none): the same lane sum the mean starts from.</summary>
    public static double Sum(ReadOnlySpan<double> x) => LaneSums.SumAndCount(x).Sum;

    /// <summary>The refined mean of the non-NaN values and their count; NaN when there are none.</summary>
    public static (double Mean, int Count) Mean(ReadOnlySpan<double> x)
    {
        var (sum, n) = LaneSums.SumAndCount(x);
        if (n == 0)
        {
            return (double.NaN, 0);
        }

        var mean = sum / n;
        return (mean + (LaneSums.DeviationSum(x, mean) / n), n);
    }

    /// <summary>The largest absolute value of the non-NaN values (0 when there is none).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (var v in x)
        {
            var a = Math.Abs(v);
            if (a > m)
            {
                m = a;
            }
        }

        return m;
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
            var (sum, n) = LaneSums.SumAndCount(x);
            if (n == 0)
            {
                return new Moments(0, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            // Pass 2: compensated sums Sₖ = Σ(x − m₀)ᵏ, k = 1…4. S₁ is the refinement term of the mean (the same
            // compensated Σ(x − m₀) that Mean adds), so the refined mean m = m₀ + δ with δ = S₁/n costs no extra pass.
            var m0 = sum / n;
            var (a1, a2, a3, a4) = LaneSums.CentralSums(x, m0);

            // Central sums about m from the binomial shift of sums about m₀ (exact algebra; δ is of the order of the
            // mean's rounding error, so the terms in δ are tiny corrections): Σd² = S₂ − S₁δ (Chan–Golub–LeVeque),
            // Σd³ = S₃ − 3δS₂ + 2nδ³, Σd⁴ = S₄ − 4δS₃ + 6δ²S₂ − 3nδ⁴ (using S₁ = nδ).
            var delta = a1 / n;
            var m2 = Math.Max(a2 - (a1 * delta), 0);
            var m3 = a3 - (3 * delta * a2) + (2 * n * delta * delta * delta);
            var m4 = a4 - (4 * delta * a3) + (6 * delta * delta * a2) - (3 * n * delta * delta * delta * delta);
            return new Moments(n, m0 + delta, m2, m3, m4);
        }
    }

    /// <summary>
    /// The refined mean and Σd² of the non-NaN values: <see cref="Moments.Of"/>'s <c>Mean</c> and <c>M2</c> bit for bit
    /// (same passes and shift), without the third and fourth moment sums. NaN for both when there are no values.
    /// </summary>
    public static (double Mean, double M2) MeanAndM2(ReadOnlySpan<double> x)
    {
        var (sum, n) = LaneSums.SumAndCount(x);
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }

        var m0 = sum / n;
        var (a1, a2) = LaneSums.CentralSums2(x, m0);
        var delta = a1 / n;
        return (m0 + delta, Math.Max(a2 - (a1 * delta), 0));
    }

    /// <summary>
    /// Compensated sums over four fixed lanes (element i goes to lane i mod 4; <see cref="Vector256{T}"/> arithmetic,
    /// which is IEEE double per lane whether or not the hardware accelerates it, so results are the same on every
    /// machine). Each lane is a Neumaier accumulator made branch-free (the larger-magnitude operand is selected, not
    /// branched on); the four lanes are combined at the end with a scalar Neumaier sum of their sums plus their
    /// compensations. Missing values (NaN) contribute an exact zero and are not counted.
    /// </summary>
    internal static class LaneSums
    {
        public static (double Sum, int Count) SumAndCount(ReadOnlySpan<double> x)
        {
            var acc = default(Lane);
            var count = Vector256<long>.Zero;
            var i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                var v = Vector256.Create(x.Slice(i, 4));
                var present = Vector256.Equals(v, v);
                acc.Add(Vector256.ConditionalSelect(present, v, Vector256<double>.Zero));
                count -= present.AsInt64();
            }

            var n = (int)Vector256.Sum(count);
            if (i < x.Length)
            {
                var v = Tail(x, i);
                var present = Vector256.Equals(v, v);
                acc.Add(Vector256.ConditionalSelect(present, v, Vector256<double>.Zero));
                n -= (int)Vector256.Sum(present.AsInt64());
            }

            return (acc.Value, n);
        }

        /// <summary>Σ(x − <paramref name="center"/>) over the non-missing values, compensated as <see cref="CentralSums"/>'s first sum.</summary>
        public static double DeviationSum(ReadOnlySpan<double> x, double center)
        {
            var acc = default(Lane);
            var c = Vector256.Create(center);
            var i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                acc.Add(Deviation(Vector256.Create(x.Slice(i, 4)), c));
            }

            if (i < x.Length)
            {
                acc.Add(Deviation(Tail(x, i), c));
            }

            return acc.Value;
        }

        /// <summary>Σd, Σd², Σd³, Σd⁴ with d = x − <paramref name="center"/> over the non-missing values.</summary>
        public static (double S1, double S2, double S3, double S4) CentralSums(ReadOnlySpan<double> x, double center)
        {
            Lane s1 = default, s2 = default, s3 = default, s4 = default;
            var c = Vector256.Create(center);
            var i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                Add(Deviation(Vector256.Create(x.Slice(i, 4)), c), ref s1, ref s2, ref s3, ref s4);
            }

            if (i < x.Length)
            {
                Add(Deviation(Tail(x, i), c), ref s1, ref s2, ref s3, ref s4);
            }

            var sums = Lane.Values(s1, s2, s3, s4);
            return (sums[0], sums[1], sums[2], sums[3]);

            static void Add(Vector256<double> d, ref Lane s1, ref Lane s2, ref Lane s3, ref Lane s4)
            {
                var d2 = d * d;
                s1.Add(d);
                s2.Add(d2);
                s3.Add(d2 * d);
                s4.Add(d2 * d2);
            }
        }

        /// <summary>Σd and Σd² with d = x − <paramref name="center"/>: the first two sums of <see cref="CentralSums"/>, bit for bit (each lane sum is independent of the others).</summary>
        public static (double S1, double S2) CentralSums2(ReadOnlySpan<double> x, double center)
        {
            Lane s1 = default, s2 = default;
            var c = Vector256.Create(center);
            var i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                var d = Deviation(Vector256.Create(x.Slice(i, 4)), c);
                s1.Add(d);
                s2.Add(d * d);
            }

            if (i < x.Length)
            {
                var d = Deviation(Tail(x, i), c);
                s1.Add(d);
                s2.Add(d * d);
            }

            return (s1.Value, s2.Value);
        }

        /// <summary>x − center, with missing lanes set to an exact zero.</summary>
        private static Vector256<double> Deviation(Vector256<double> v, Vector256<double> center) =>
            Vector256.ConditionalSelect(Vector256.Equals(v, v), v - center, Vector256<double>.Zero);

        /// <summary>The last 1–3 values, padded with NaN (missing).</summary>
        private static Vector256<double> Tail(ReadOnlySpan<double> x, int i) => Vector256.Create(
            x[i],
            i + 1 < x.Length ? x[i + 1] : double.NaN,
            i + 2 < x.Length ? x[i + 2] : double.NaN,
            double.NaN);

        /// <summary>Four Neumaier accumulators side by side.</summary>
        internal struct Lane
        {
            private Vector256<double> sum;
            private Vector256<double> compensation;

            public readonly double Value
            {
                get
                {
                    var acc = default(Accumulator);
                    for (var l = 0; l < 4; l++)
                    {
                        acc.Add(sum[l]);
                    }

                    for (var l = 0; l < 4; l++)
                    {
                        acc.Add(compensation[l]);
                    }

                    return acc.Value;
                }
            }

            /// <summary>
            /// The <see cref="Value"/> of four lanes at once: the same scalar Neumaier sum of each one's sums, then its
            /// compensations, run for the four side by side (element k of the result is <paramref name="d0"/>…<paramref name="d3"/>[k]'s
            /// <see cref="Value"/>; <see cref="Add"/>'s select is the scalar update's branch, so the bits are the same).
            /// </summary>
            public static Vector256<double> Values(in Lane d0, in Lane d1, in Lane d2, in Lane d3)
            {
                var acc = default(Lane);
                for (var l = 0; l < 4; l++)
                {
                    acc.Add(Vector256.Create(d0.sum[l], d1.sum[l], d2.sum[l], d3.sum[l]));
                }

                for (var l = 0; l < 4; l++)
                {
                    acc.Add(Vector256.Create(d0.compensation[l], d1.compensation[l], d2.compensation[l], d3.compensation[l]));
                }

                return acc.sum + acc.compensation;
            }

            public void Add(Vector256<double> v)
            {
                var t = sum + v;
                var sumIsLarger = Vector256.GreaterThanOrEqual(Vector256.Abs(sum), Vector256.Abs(v));
                var big = Vector256.ConditionalSelect(sumIsLarger, sum, v);
                var small = Vector256.ConditionalSelect(sumIsLarger, v, sum);
                compensation += (big - t) + small;
                sum = t;
            }
        }
    }
}
