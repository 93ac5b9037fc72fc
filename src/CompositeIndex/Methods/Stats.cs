using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// and the sign of G₁ exactly as the values of <see cref="SkewnessKurtosis"/> decide them, in one plain pass over the
    /// values, whenever the answer is certain; returns <see langword="false"/> (decide with <see cref="SkewnessKurtosis"/>)
    /// when it is not.
    /// </summary>
    /// <remarks>
    /// <para>One pass forms plain sums Pₖ (four lanes, depth h = ⌈len/4⌉ + 3 additions; the last four values are read
    /// again with the lanes already added masked off) of the terms d = fl(x − c), d², d³ = d²·d, d⁴ = d²·d² about c, the
    /// first present value, and counts n. Notation: x̄ the exact mean, Mₖ = Σ(x − x̄)ᵏ the exact central sums, u = 2⁻⁵³,
    /// γₖ = ku/(1 − ku), τ = 2⁻¹⁰⁷⁴ (an underflowing product; Higham 2002, <i>Accuracy and Stability of Numerical
    /// Algorithms</i>, 2nd ed., (2.8)). Three steps bound the distance between our shifted sums and the exact routine's
    /// Σd², Σd³, Σd⁴ (after its shift), whatever the rounding errors of either were.</para>
    /// <para>(1) Our sums. A term of power k carries at most 2k − 1 roundings (|θ| ≤ γ₂ₖ₋₁, Higham Lemma 3.1) and a
    /// summation of depth h errs by at most γₕ·Σ|terms| (Higham §4.2, (4.4), any order of depth h). So, the even terms
    /// being nonnegative, Wₖ = Pₖ(1 + κ) + 2⁻¹⁰⁰⁰ ≥ Σ(x − c)ᵏ for k = 2, 4, with κ = (h + 16)u; Cauchy–Schwarz gives
    /// W₁ = √(nW₂) ≥ Σ|x − c| and W₃ = √(W₂W₄) ≥ Σ|x − c|³; and |Pₖ − Σ(x − c)ᵏ| ≤ Fₖ = κWₖ + 2⁻¹⁰⁰⁰
    /// (γₕ + γ₂ₖ₋₁ + γₕγ₂ₖ₋₁ ≤ (h + 8)u; the rest of κ covers the bound's own roundings; 2⁻¹⁰⁰⁰ ≥ 2nτ).</para>
    /// <para>(2) Lemma (the routine's moment shift). Let sums aₖ about a centre z satisfy |aₖ − Sₖ| ≤ Eₖ with
    /// Sₖ = Σ(x − z)ᵏ; let δ = (a₁/n)(1 + θ), |θ| ≤ γ₂ (fl(a₁/n) in the routine, a₁·fl(1/n) here), and
    /// m₂ = a₂ − a₁δ, m₃ = a₃ − 3δa₂ + 2nδ³, m₄ = a₄ − 4δa₃ + 6δ²a₂ − 3nδ⁴ be evaluated in that order, as
    /// <see cref="Moments.Of"/> does. With δ* = S₁/n = x̄ − z, the binomial expansion gives exactly M₂ = S₂ − nδ*²,
    /// M₃ = S₃ − 3δ*S₂ + 2nδ*³, M₄ = S₄ − 4δ*S₃ + 6δ*²S₂ − 3nδ*⁴. With |δ − δ*| ≤ η = E₁/n + 3u|δ| + τ,
    /// Δ ≥ max(|δ|, |δ*|), |δᵖ − δ*ᵖ| ≤ pηΔᵖ⁻¹, and the roundings of the evaluation (a₁δ = nδ²(1 + θ₃); in m₃, γ₂ on
    /// a₃ and γ₄ on each shift term; in m₄, γ₃ on a₄ and γ₅ on each shift term), the computed mₖ satisfy
    /// |mₖ − Mₖ| ≤ Gₖ with G₂ = ξ + 2u(m₂⁺ + ξ), ξ = E₂ + nΔ(2η + 4uΔ) + V, m₂⁺ ≥ |m₂| before its last rounding;
    /// G₃ = E₃ + 3(η|a₂| + ΔE₂) + 6nηΔ² + 3u|a₃| + 5u(3Δ|a₂| + 2nΔ³) + V;
    /// G₄ = E₄ + 4(η|a₃| + ΔE₃) + 6(2ηΔ|a₂| + Δ²E₂) + 12nηΔ³ + 4u|a₄| + 6u(4Δ|a₃| + 6Δ²|a₂| + 3nΔ⁴) + V,
    /// where V = 2⁻¹⁰⁰⁰(1 + Δ)³(1 + |a₂| + |a₃|) covers underflow in the shift products (at most 16 operations, each
    /// 2⁻¹⁰⁷⁵ absolute times the later factors: 2⁻¹⁰⁷¹(1 + Δ)³(1 + |a₂| + |a₃|) per application; a normal number, so
    /// that no bound costs a subnormal operation).</para>
    /// <para>(3) Applied to both. Ours: z = c, aₖ = Pₖ, Eₖ = Fₖ, δ = P₁·fl(1/n) known, Δ = |δ| + η, m₂⁺ = |m₂|. The
    /// routine's: z = m₀ = fl(σ/n), where σ, its lane Neumaier sum of x, errs by at most 2u·Σ|x| (a lane Neumaier sum of
    /// m terms per lane errs by at most (u + 1.1(m² + 64)u²)·Σ|terms|: each step's error is exact by Dekker's Fast2Sum,
    /// Neumaier 1974, Higham §4.3; below 2u for len ≤ 2²⁰), so |m₀ − x̄| ≤ εₘ = 3.1u(|c| + W₁/n) + 2⁻¹⁰⁰⁰
    /// (Σ|x| ≤ n|c| + W₁), and |m₀ − c| ≤ Δ + εₘ. Its deviations obey Σ|x − m₀| ≤ W₁ᵐ = W₁ + nεₘ (Σ|x − x̄| ≤ √(nM₂)
    /// ≤ W₁, as M₂ ≤ Σ(x − c)²), Σ(x − m₀)² ≤ W₂ᵐ = W₂ + nεₘ² (Σ(x − z)² = M₂ + n(z − x̄)²), and
    /// Σ|x − m₀|ᵏ ≤ Wₖᵐ = 2ᵏ⁻¹(Wₖ + n(Δ + εₘ)ᵏ) for k = 3, 4 (convexity: (a + b)ᵏ ≤ 2ᵏ⁻¹(aᵏ + bᵏ)). Its terms carry
    /// γ₂ₖ₋₁ and its sums 2u: Eₖᵐ = (2k + 2)u·Wₖᵐ + 2⁻¹⁰⁰⁰ (also 2nτ for underflowing terms), |aₖ| ≤ Wₖᵐ + Eₖᵐ,
    /// Δᵐ = (εₘ + E₁ᵐ/n)(1 + 2u) + 2⁻¹⁰⁰⁰ ≥ max(|δ|, |δ*|), ηᵐ = E₁ᵐ/n + 3uΔᵐ + 2⁻¹⁰⁰⁰, m₂⁺ = W₂. The two Gₖ add up to
    /// at most one evaluation of the lemma's formulas at the sums of the two inputs (polynomials with nonnegative
    /// coefficients and, but for V, no constant term, hence superadditive; V's constant is 2⁷⁰ times what the two
    /// applications need), so the routine's Σd², Σd³, Σd⁴ lie within that Gₖ of our mₖ. Every bound formula has
    /// nonnegative terms only, so its own evaluation errs by at most γ₄₀₀₀ relative, covered by a factor 1 + 2⁻⁴⁰,
    /// plus 4u|v| when it widens a value v.</para>
    /// <para>Those intervals are carried through G₁ and G₂ by interval arithmetic: every operation of the routine is one
    /// IEEE rounding (relative error ≤ u; Math.Sqrt is correctly rounded). The skewness test compares
    /// G₁² = n²(n − 1)/(n − 2)²·(Σd³)²/(Σd²)³ with the squared threshold as products (the routine's G₁ has at most eight
    /// roundings, each side of the comparison here at most seven: 64u margins on each side); the sign of G₁ is the sign
    /// of Σd³ (a negative one only when |Σd³| ≥ 2⁻⁷⁰⁰, so that G₁ cannot underflow to −0). The kurtosis G₂ is increasing
    /// in r = n·Σd⁴/(Σd²)² (r's interval widened by 8u for its three roundings here and there). Expanding the roundings
    /// term by term (Higham Lemma 3.1), the routine's five-operation evaluation at its r, and ours at an end of r's
    /// interval (six operations: the division by (n − 2)(n − 3) is a product with its rounded reciprocal), are within
    /// γ₆·Z of the exact G₂ there, Z = (|r − 3|(n + 1) + 6)(n − 1)/((n − 2)(n − 3)) taken at the end farther from 3; so
    /// our values at the ends, widened by 16u·Z (both errors and our last two roundings) and 2⁻⁴⁰⁰ absolute as a
    /// margin, bracket the routine's G₂. Range guards keep every intermediate value normal and
    /// finite (4 ≤ n, len ≤ 2²⁰, 2⁻²⁰⁰ ≤ Σd² ≤ 2²⁰⁰, 0 ≤ Σd⁴ ≤ 2⁴⁰⁰, |Σd³| ≤ 2³⁰⁰, 2⁻¹⁰⁰ ≤ skewness threshold ≤ 2¹⁰⁰;
    /// every bound finite; otherwise undecided). An answer is given only when the whole interval lies on one side of
    /// the thresholds, so it is the exact routine's answer; values within about 10⁻¹³ (relative; more when the first
    /// value lies far out in the tail) of a threshold, or of 0 for the sign, fall back to the exact routine, and so do
    /// columns whose spread is below about 10⁻¹² of their mean.</para>
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
        var first = 0;
        while (first < x.Length && double.IsNaN(x[first]))
        {
            first++;
        }

        if (x.Length > MaxBoundedLength || x.Length - first < 4)
        {
            return false;
        }

        var center = x[first];
        var c = Vector256.Create(center);
        Vector256<double> p1 = default, p2 = default, p3 = default, p4 = default;
        var present = Vector256<long>.Zero;
        var i = 0;
        for (; i + 4 <= x.Length; i += 4)
        {
            Add(Vector256.Create(x.Slice(i, 4)), Vector256<double>.AllBitsSet, c, ref p1, ref p2, ref p3, ref p4, ref present);
        }

        if (i < x.Length)
        {
            // The last four values (len ≥ 4), without those already added (lane k holds value len − 4 + k).
            var fresh = Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)(i - x.Length + 4))).AsDouble();
            Add(Vector256.Create(x[^4..]), fresh, c, ref p1, ref p2, ref p3, ref p4, ref present);
        }

        var count = -Vector256.Sum(present);
        if (count < 4)
        {
            return false;
        }

        double n = count;
        var s1 = Vector256.Sum(p1);
        var s2 = Vector256.Sum(p2);
        var s3 = Vector256.Sum(p3);
        var s4 = Vector256.Sum(p4);

        // (1) Wₖ ≥ Σ|x − c|ᵏ and |Pₖ − Σ(x − c)ᵏ| ≤ Fₖ (remarks).
        var kappa = ((double)((x.Length + 3) / 4) + 3 + 16) * U;
        var w2 = (s2 * (1 + kappa)) + Tiny;
        var w4 = (s4 * (1 + kappa)) + Tiny;
        var w1 = Math.Sqrt(n * w2) * (1 + (4 * U));
        var w3 = Math.Sqrt(w2 * w4) * (1 + (4 * U));

        // Our shift, evaluated as the routine's (Moments.Of) but with δ = P₁·fl(1/n); our Fₖ, η, Δ (remarks, step 3).
        var inverseN = 1 / n;
        var delta = s1 * inverseN;
        var m2 = s2 - (s1 * delta);
        var m3 = s3 - (3 * delta * s2) + (2 * n * delta * delta * delta);
        var m4 = s4 - (4 * delta * s3) + (6 * delta * delta * s2) - (3 * n * delta * delta * delta * delta);
        var e1 = (kappa * w1) + Tiny;
        var e2 = (kappa * w2) + Tiny;
        var e3 = (kappa * w3) + Tiny;
        var e4 = (kappa * w4) + Tiny;
        var eta = (e1 * inverseN) + (3 * U * Math.Abs(delta)) + Tiny;
        var big = Math.Abs(delta) + eta;

        // The routine's: |m₀ − x̄| ≤ εₘ, its sums' bounds Wₖᵐ and errors Eₖᵐ, its η and Δ.
        var em = (3.1 * U * (Math.Abs(center) + (w1 * inverseN))) + Tiny;
        var reach = big + em;
        var reach2 = reach * reach;
        var wm1 = w1 + (n * em);
        var wm2 = w2 + (n * em * em);
        var wm3 = 4 * (w3 + (n * reach2 * reach));
        var wm4 = 8 * (w4 + (n * reach2 * reach2));
        var em1 = (4 * U * wm1) + Tiny;
        var em2 = (6 * U * wm2) + Tiny;
        var em3 = (8 * U * wm3) + Tiny;
        var em4 = (10 * U * wm4) + Tiny;
        var bigM = ((em + (em1 * inverseN)) * (1 + (2 * U))) + Tiny;
        var etaM = (em1 * inverseN) + (3 * U * bigM) + Tiny;

        // One lemma evaluation for both (its bounds are superadditive): |our mₖ − routine's mₖ| ≤ Gₖ.
        var (g2, g3, g4) = ShiftBounds(
            n,
            eta + etaM,
            big + bigM,
            Math.Abs(s2) + wm2 + em2,
            Math.Abs(s3) + wm3 + em3,
            Math.Abs(s4) + wm4 + em4,
            e2 + em2,
            e3 + em3,
            e4 + em4,
            Math.Abs(m2) + w2);
        var m2Lo = Below(m2, g2);
        var m2Hi = Above(m2, g2);
        var m3Lo = Below(m3, g3);
        var m3Hi = Above(m3, g3);
        var m4Lo = Below(m4, g4);
        var m4Hi = Above(m4, g4);
        if (!(m2Lo >= MinM2 && m2Hi <= MaxM2 && m4Lo >= 0 && m4Hi <= MaxM4 && Math.Abs(m3Lo) <= MaxM3 && Math.Abs(m3Hi) <= MaxM3 && skewnessThreshold >= MinThreshold && skewnessThreshold <= MaxThreshold))
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

        // G₂ = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3)) with r = n·Σd⁴/(Σd²)², increasing in r; either evaluation
        // (the routine's five roundings, our six) is within γ₆·Z of the exact value at its r (remarks).
        var rLo = n * m4Lo / (m2Hi * m2Hi) * (1 - (8 * U));
        var rHi = n * m4Hi / (m2Lo * m2Lo) * (1 + (8 * U));
        var inverseDen = 1 / ((n - 2) * (n - 3));
        var z = (((Math.Max(Math.Abs(rLo - 3), Math.Abs(rHi - 3)) * (n + 1)) + 6) * (n - 1) * inverseDen) * (16 * U);
        var k0 = (((((rLo - 3) * (n + 1)) + 6) * (n - 1) * inverseDen) - z) - ShiftTiny;
        var k1 = (((((rHi - 3) * (n + 1)) + 6) * (n - 1) * inverseDen) + z) + ShiftTiny;
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Add(Vector256<double> v, Vector256<double> use, Vector256<double> c, ref Vector256<double> p1, ref Vector256<double> p2, ref Vector256<double> p3, ref Vector256<double> p4, ref Vector256<long> present)
        {
            var mask = Vector256.Equals(v, v) & use;
            var d = Vector256.ConditionalSelect(mask, v - c, Vector256<double>.Zero);
            var d2 = d * d;
            present += mask.AsInt64();
            p1 += d;
            p2 += d2;
            p3 += d2 * d;
            p4 += d2 * d2;
        }
    }

    /// <summary>
    /// The lemma of <see cref="TryDecideSkewnessKurtosis"/>'s remarks: bounds G₂, G₃, G₄ on |mₖ − Mₖ| for the routine's
    /// shift of sums aₖ about a centre z (|aₖ| ≤ <paramref name="a2"/>…, errors ≤ <paramref name="e2"/>…), with
    /// |δ − δ*| ≤ <paramref name="eta"/>, max(|δ|, |δ*|) ≤ <paramref name="big"/> and |m₂| ≤ <paramref name="m2"/> (before
    /// its own rounding). Nonnegative terms only (its evaluation errs below the true bound by at most γ₆₀ relative).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double G2, double G3, double G4) ShiftBounds(double n, double eta, double big, double a2, double a3, double a4, double e2, double e3, double e4, double m2)
    {
        var big2 = big * big;
        var v = (1 + big) * (1 + big) * (1 + big) * (1 + a2 + a3) * Tiny;
        var xi = e2 + (n * big * ((2 * eta) + (4 * U * big))) + v;
        var g2 = xi + (2 * U * (m2 + xi));
        var g3 = e3 + (3 * ((eta * a2) + (big * e2))) + (6 * n * eta * big2) + (3 * U * a3) + (5 * U * ((3 * big * a2) + (2 * n * big2 * big))) + v;
        var g4 = e4 + (4 * ((eta * a3) + (big * e3))) + (6 * ((2 * eta * big * a2) + (big2 * e2))) + (12 * n * eta * big2 * big)
            + (4 * U * a4) + (6 * U * ((4 * big * a3) + (6 * big2 * a2) + (3 * n * big2 * big2))) + v;
        return (g2, g3, g4);
    }

    /// <summary>A value below <paramref name="v"/> − <paramref name="g"/> for a bound g computed with at most 4000 roundings of nonnegative terms (factor 1 + 2⁻⁴⁰; 4u|v| covers the subtraction's rounding).</summary>
    private static double Below(double v, double g) => v - ((g * Up) + (4 * U * Math.Abs(v)));

    /// <summary>A value above <paramref name="v"/> + <paramref name="g"/> (as <see cref="Below"/>).</summary>
    private static double Above(double v, double g) => v + ((g * Up) + (4 * U * Math.Abs(v)));

    /// <summary>u = 2⁻⁵³, the unit roundoff of double.</summary>
    private const double U = 1.1102230246251565e-16;

    /// <summary>1 + 2⁻⁴⁰: covers the relative rounding error (≤ γ₄₀₀₀) of a bound formula with nonnegative terms.</summary>
    private const double Up = 1 + 9.094947017729282e-13;

    /// <summary>2⁻¹⁰⁰⁰: covers n·τ-sized absolute errors from underflowing products (n ≤ 2²⁰, τ = 2⁻¹⁰⁷⁴).</summary>
    private const double Tiny = 9.332636185032189e-302;


    /// <summary>2⁻⁴⁰⁰: absolute widening of the G₂ interval (underflow in the shift terms, amplified at most 2⁴²⁰).</summary>
    private const double ShiftTiny = 3.8725919148493183e-121;

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
