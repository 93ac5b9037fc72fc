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

    /// <summary>
    /// The refined means of several spans, <c>values[start[g] .. start[g + 1])</c> for g = 0, 1, …, each equal to
    /// <see cref="Mean"/> of its span bit for bit: the same lane sums, whose reductions run four spans side by side
    /// (<see cref="LaneSums.Lane.Values"/>, the scalar reduction's operations per span), so that the spans' dependency
    /// chains overlap. NaN for an empty span (or one of missing values only).
    /// </summary>
    /// <param name="values">The spans' values, one after the other.</param>
    /// <param name="start">Where each span starts, and where the last ends (length = spans + 1, non-decreasing).</param>
    /// <param name="means">The means, one per span.</param>
    public static void Means(ReadOnlySpan<double> values, ReadOnlySpan<int> start, Span<double> means)
    {
        Span<double> center = stackalloc double[4];
        Span<int> count = stackalloc int[4];
        for (var g0 = 0; g0 < start.Length - 1; g0 += 4)
        {
            var k = Math.Min(4, start.Length - 1 - g0);
            LaneSums.Lane l0 = default, l1 = default, l2 = default, l3 = default;
            for (var j = 0; j < k; j++)
            {
                var (lane, n) = LaneSums.SumAndCountLanes(values[start[g0 + j]..start[g0 + j + 1]]);
                count[j] = n;
                _ = j switch { 0 => l0 = lane, 1 => l1 = lane, 2 => l2 = lane, _ => l3 = lane };
            }

            var sums = LaneSums.Lane.Values(l0, l1, l2, l3);
            for (var j = 0; j < k; j++)
            {
                center[j] = sums[j] / count[j];
                var lane = count[j] == 0 ? default : LaneSums.DeviationLanes(values[start[g0 + j]..start[g0 + j + 1]], center[j]);
                _ = j switch { 0 => l0 = lane, 1 => l1 = lane, 2 => l2 = lane, _ => l3 = lane };
            }

            var deviations = LaneSums.Lane.Values(l0, l1, l2, l3);
            for (var j = 0; j < k; j++)
            {
                means[g0 + j] = count[j] == 0 ? double.NaN : center[j] + (deviations[j] / count[j]);
            }
        }
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
    /// Decides the outlier check "|G₁| &lt; <paramref name="skewnessThreshold"/> or G₂ &lt; <paramref name="kurtosisThreshold"/>"
    /// and the sign of G₁ exactly as the values of <see cref="SkewnessKurtosis"/> decide them, without that routine's
    /// compensated second pass, whenever the answer is certain; returns <see langword="false"/> (decide with
    /// <see cref="SkewnessKurtosis"/>) when it is not.
    /// </summary>
    /// <remarks>
    /// <para>The first pass is <see cref="SkewnessKurtosis"/>'s own (count, compensated sum, centre m₀ = Σx/n), so the
    /// deviations d = x − m₀ and the terms d, d², d³ = d²·d, d⁴ = d²·d² are the routine's terms bit for bit. Only their
    /// summation differs: here plain sums Fₖ in four lanes (depth h = ⌈len/4⌉ + 3 additions), there Neumaier sums aₖ. With
    /// u = 2⁻⁵³ and Bₖ = Σ|termₖ|: recursive summation errs by at most γₕ·Bₖ, γₕ = hu/(1 − hu) (Higham 2002, Accuracy
    /// and Stability of Numerical Algorithms, §4.2); the lane Neumaier sum errs by at most (u + 1.1(m² + 64)u²)·Bₖ (each
    /// step's error term is exact by Dekker's Fast2Sum, the compensations' own rounding is second order, the final
    /// sum + compensation is one rounding; m = terms per lane), below 2u·Bₖ for len ≤ 2²⁰. Hence |Fₖ − aₖ| ≤ eₖ =
    /// 2(h + 2)u·B̂ₖ, with B̂ₖ the plain sum of |termₖ| (B̂₂ = F₂, B̂₄ = F₄; Bₖ ≤ B̂ₖ/(1 − γₕ)).</para>
    /// <para>Those intervals for a₁…a₄ are carried through the routine's moment shift by interval arithmetic: every
    /// operation of the routine is one IEEE rounding (relative error ≤ u; Math.Sqrt is correctly rounded), and every
    /// bound computed here is widened outwards by more than its own roundings (8u per stage, 1 + 10⁻¹² on the
    /// second-order shift terms). The skewness test compares G₁² = n²(n − 1)/(n − 2)²·(Σd³)²/(Σd²)³ with the squared
    /// threshold as products (the routine's G₁ has at most eight roundings, each side of the comparison here at most
    /// seven: 64u margins on each side); the sign of G₁ is the sign of Σd³ (a negative one only when |Σd³| ≥ 2⁻⁷⁰⁰, so
    /// that G₁ cannot underflow to −0). The kurtosis G₂ is increasing in r = n·Σd⁴/(Σd²)²: its interval is carried
    /// through the routine's five operations with a 4u widening each and 2⁻⁴⁰⁰ absolute (underflow in the shift
    /// terms). Range guards keep every intermediate value normal and finite (4 ≤ n, len ≤ 2²⁰, 2⁻²⁰⁰ ≤ Σd² ≤ 2²⁰⁰,
    /// Σd⁴ ≤ 2⁴⁰⁰, |Σd³| ≤ 2³⁰⁰, 2⁻¹⁰⁰ ≤ skewness threshold ≤ 2¹⁰⁰; otherwise undecided). An answer is given only when
    /// the whole interval lies on one side of the thresholds, so it is the exact routine's answer; values within about
    /// 10⁻¹⁴ (relative) of a threshold, or of 0 for the sign, fall back to the exact routine.</para>
    /// </remarks>
    /// <param name="x">The values (NaN = missing).</param>
    /// <param name="skewnessThreshold">The |skewness| threshold (positive).</param>
    /// <param name="kurtosisThreshold">The excess kurtosis threshold.</param>
    /// <param name="passed">|G₁| &lt; skewnessThreshold or G₂ &lt; kurtosisThreshold, when decided.</param>
    /// <param name="skewnessSign">+1 when G₁ ≥ 0 is certain, −1 when G₁ &lt; 0 is certain, 0 when undecided.</param>
    /// <returns>Whether <paramref name="passed"/> is decided.</returns>
    public static bool TryDecideSkewnessKurtosis(ReadOnlySpan<double> x, double skewnessThreshold, double kurtosisThreshold, out bool passed, out int skewnessSign)
    {
        passed = false;
        skewnessSign = 0;
        if (x.Length > MaxBoundedLength)
        {
            return false;
        }

        var (sum, count) = LaneSums.SumAndCount(x);
        if (count < 4)
        {
            return false;
        }

        double n = count;
        var c = Vector256.Create(sum / n);
        Vector256<double> f1 = default, f2 = default, f3 = default, f4 = default, abs1 = default, abs3 = default;
        var i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            Add(LaneSums.Deviation(Vector256.Create(x.Slice(i, 4)), c), ref f1, ref f2, ref f3, ref f4, ref abs1, ref abs3);
        }

        if (i < x.Length)
        {
            Add(LaneSums.Deviation(LaneSums.Tail(x, i), c), ref f1, ref f2, ref f3, ref f4, ref abs1, ref abs3);
        }

        var s1 = Vector256.Sum(f1);
        var s2 = Vector256.Sum(f2);
        var s3 = Vector256.Sum(f3);
        var s4 = Vector256.Sum(f4);
        var b1 = Vector256.Sum(abs1);
        var b3 = Vector256.Sum(abs3);
        if (!(double.IsFinite(s1) && double.IsFinite(s2) && double.IsFinite(s3) && double.IsFinite(s4) && double.IsFinite(b1) && double.IsFinite(b3)))
        {
            return false;
        }

        // |Fₖ − aₖ| ≤ eₖ (remarks).
        var kappa = 2 * ((double)((x.Length + 3) / 4) + 3 + 2) * U;
        var e1 = kappa * b1;
        var e2 = kappa * s2;
        var e3 = kappa * b3;
        var e4 = kappa * s4;

        // The routine's shift: δ = a₁/n, Σd² = max(a₂ − a₁δ, 0), Σd³ = a₃ − 3δa₂ + 2nδ³, Σd⁴ = a₄ − 4δa₃ + 6δ²a₂ − 3nδ⁴.
        var a1 = Math.Abs(s1) + e1;
        var delta = a1 / n * Second;
        var a2Hi = s2 + e2;
        var m2Lo = (s2 - e2 - (a1 * delta * Second)) * (1 - (8 * U));
        var m2Hi = a2Hi * (1 + (8 * U));
        var t3 = ((3 * delta * a2Hi) + (2 * n * delta * delta * delta)) * Second;
        var e3All = ((e3 + t3) * Second) + (8 * U * (Math.Abs(s3) + e3 + t3));
        var m3Lo = s3 - e3All;
        var m3Hi = s3 + e3All;
        var t4 = ((4 * delta * (Math.Abs(s3) + e3)) + (6 * delta * delta * a2Hi) + (3 * n * delta * delta * delta * delta)) * Second;
        var e4All = ((e4 + t4) * Second) + (8 * U * (s4 + e4 + t4));
        var m4Lo = Math.Max(s4 - e4All, 0);
        var m4Hi = s4 + e4All;
        if (!(m2Lo >= MinM2 && m2Hi <= MaxM2 && m4Hi <= MaxM4 && Math.Abs(m3Lo) <= MaxM3 && Math.Abs(m3Hi) <= MaxM3 && skewnessThreshold >= MinThreshold && skewnessThreshold <= MaxThreshold))
        {
            return false;
        }

        // G₁² = n²(n − 1)/(n − 2)² · (Σd³)²/(Σd²)³, compared as products (no square root, no division). The routine's
        // G₁ is the real formula of its Σd², Σd³ times (1 + θ), |θ| ≤ 8.1u (eight roundings); each product here has at
        // most seven roundings; the 64u margins cover both.
        var m3Max = Math.Max(Math.Abs(m3Lo), Math.Abs(m3Hi));
        var m3Min = m3Lo > 0 ? m3Lo : m3Hi < 0 ? -m3Hi : 0;
        var nn = n * n * (n - 1);
        var t2 = skewnessThreshold * skewnessThreshold * (n - 2) * (n - 2);
        if (nn * m3Max * m3Max * (1 + (64 * U)) < t2 * (m2Lo * m2Lo * m2Lo) * (1 - (64 * U)))
        {
            passed = true;
            skewnessSign = m3Lo >= 0 ? 1 : m3Hi < -MinSignedM3 ? -1 : 0;
            return true;
        }

        var skewFails = nn * m3Min * m3Min * (1 - (64 * U)) >= t2 * (m2Hi * m2Hi * m2Hi) * (1 + (64 * U));
        skewnessSign = m3Lo >= 0 ? 1 : m3Hi < -MinSignedM3 ? -1 : 0;

        // G₂ = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3)) with r = n·Σd⁴/(Σd²)², increasing in r; one widening per operation.
        var rLo = n * m4Lo / (m2Hi * m2Hi) * (1 - (8 * U));
        var rHi = n * m4Hi / (m2Lo * m2Lo) * (1 + (8 * U));
        var (k0, k1) = Widen(rLo - 3, rHi - 3);
        (k0, k1) = Widen((n + 1) * k0, (n + 1) * k1);
        (k0, k1) = Widen(k0 + 6, k1 + 6);
        (k0, k1) = Widen(k0 * (n - 1), k1 * (n - 1));
        var den = (n - 2) * (n - 3);
        (k0, k1) = Widen(k0 / den, k1 / den);
        k0 -= Tiny;
        k1 += Tiny;
        if (!(double.IsFinite(k0) && double.IsFinite(k1)))
        {
            return false;
        }

        if (k1 < kurtosisThreshold)
        {
            passed = true;
            return true;
        }

        if (skewFails && k0 >= kurtosisThreshold)
        {
            passed = false;
            return true;
        }

        return false;

        static void Add(Vector256<double> d, ref Vector256<double> f1, ref Vector256<double> f2, ref Vector256<double> f3, ref Vector256<double> f4, ref Vector256<double> abs1, ref Vector256<double> abs3)
        {
            var d2 = d * d;
            var d3 = d2 * d;
            f1 += d;
            f2 += d2;
            f3 += d3;
            f4 += d2 * d2;
            abs1 += Vector256.Abs(d);
            abs3 += Vector256.Abs(d3);
        }

        static (double Lo, double Hi) Widen(double lo, double hi)
        {
            var w = 4 * U * Math.Max(Math.Abs(lo), Math.Abs(hi));
            return (lo - w, hi + w);
        }
    }

    /// <summary>u = 2⁻⁵³, the unit roundoff of double.</summary>
    private const double U = 1.1102230246251565e-16;

    /// <summary>Widening of the second-order shift terms (covers any handful of roundings, each ≤ u relative).</summary>
    private const double Second = 1 + 1e-12;

    /// <summary>2⁻⁴⁰⁰: absolute widening of the G₂ interval (underflow in the shift terms, amplified at most 2⁴²⁰).</summary>
    private const double Tiny = 3.8725919148493183e-121;

    private const int MaxBoundedLength = 1 << 20;

    private const double MinM2 = 6.223015277861142e-61; // 2⁻²⁰⁰
    private const double MaxM2 = 1.6069380442589903e60; // 2²⁰⁰
    private const double MaxM3 = 2.037035976334486e90; // 2³⁰⁰
    private const double MaxM4 = 2.5822498780869086e120; // 2⁴⁰⁰
    private const double MinSignedM3 = 1.90109156629516e-211; // 2⁻⁷⁰⁰: below it a negative G₁ could underflow to −0 (≥ 0)
    private const double MinThreshold = 7.888609052210118e-31; // 2⁻¹⁰⁰
    private const double MaxThreshold = 1.2676506002282294e30; // 2¹⁰⁰

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
            var (acc, n) = SumAndCountLanes(x);
            return (acc.Value, n);
        }

        /// <summary><see cref="SumAndCount"/>'s lanes before their reduction (<see cref="Lane.Value"/>).</summary>
        public static (Lane Sum, int Count) SumAndCountLanes(ReadOnlySpan<double> x)
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

            return (acc, n);
        }

        /// <summary>Σ(x − <paramref name="center"/>) over the non-missing values, compensated as <see cref="CentralSums"/>'s first sum.</summary>
        public static double DeviationSum(ReadOnlySpan<double> x, double center) => DeviationLanes(x, center).Value;

        /// <summary><see cref="DeviationSum"/>'s lanes before their reduction.</summary>
        public static Lane DeviationLanes(ReadOnlySpan<double> x, double center)
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

            return acc;
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
        internal static Vector256<double> Deviation(Vector256<double> v, Vector256<double> center) =>
            Vector256.ConditionalSelect(Vector256.Equals(v, v), v - center, Vector256<double>.Zero);

        /// <summary>The last 1–3 values, padded with NaN (missing).</summary>
        internal static Vector256<double> Tail(ReadOnlySpan<double> x, int i) => Vector256.Create(
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
