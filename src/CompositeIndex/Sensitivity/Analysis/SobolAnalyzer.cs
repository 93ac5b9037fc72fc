using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompositeIndex.Sensitivity.Sobol;

/// <summary>Options of <see cref="SobolAnalyzer.Analyze(SobolDesign, ReadOnlySpan{double}, SobolAnalysisOptions?)"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SobolAnalysisOptions
{
    /// <summary>Gets the number of bootstrap resamples for the confidence intervals. Must be ≥ 0 (0 = no intervals). The default is 100 (as SALib).</summary>
    public int Resamples { get; init; } = 100;

    /// <summary>Gets the confidence level of the intervals. Must be in (0, 1). The default is 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the seed of the bootstrap; <see langword="null"/> uses the design's seed (one seed drives every draw). 0 is a valid seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Gets a stream number that keeps the bootstraps of several outputs of one design independent. The default is 0.</summary>
    public ulong Stream { get; init; }

    /// <summary>Gets the fingerprint of the design the outputs were computed with, when stored with them; it must match the design's.</summary>
    public string? OutputsFingerprint { get; init; }
}

/// <summary>
/// Estimates first- and total-order Sobol' indices from the outputs of a <see cref="SobolDesign"/>.
/// </summary>
/// <remarks>
/// <para>Estimators, with f centred on the mean of the A and B runs and V its variance over those 2N runs:</para>
/// <list type="bullet">
/// <item>first order (Saltelli et al. 2010, <i>Comput. Phys. Commun.</i> 181, 259–270, Table 2 (b)):
/// <c>S_i = (1/N) Σ_j f(B)_j·(f(AB_i)_j − f(A)_j) / V</c>;</item>
/// <item>total order (M. J. W. Jansen, "Analysis of variance designs for model output", <i>Comput. Phys. Commun.</i>
/// 117, 35–43, 1999; Saltelli et al. 2010, Table 2 (f)): <c>ST_i = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V</c>;</item>
/// <item>second order, when the design has the BA matrices (A. Saltelli, "Making best use of model evaluations to
/// compute sensitivity indices", <i>Comput. Phys. Commun.</i> 145, 280–297, 2002, eq. (15)–(16); the estimator of
/// SALib's <c>second_order</c>): BA_i and AB_j share exactly the columns i and j, so
/// <c>V^c_ij = (1/N) Σ_j [f(BA_i)_j·f(AB_j)_j − f(A)_j·f(B)_j]</c> estimates the closed variance V[E(Y | X_i, X_j)], and
/// <c>S2_ij = V^c_ij / V − S_i − S_j</c> for i &lt; j, with f centred on the mean of the A and B runs as above (SALib
/// standardises f over all runs first; the centring changes the estimate only by sampling error).</item>
/// </list>
/// <para>Confidence intervals: rows j are resampled with replacement (seeded from the master seed), the indices are
/// recomputed, and the half-width is <c>z_((1+level)/2)</c> times the bootstrap standard deviation (B. Efron and R.
/// Tibshirani 1993; the convention of SALib's <c>S1_conf</c>/<c>ST_conf</c>). Estimates are random: S1 may be negative
/// and S1 may exceed ST by sampling error; report the intervals next to the indices.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SobolAnalyzer
{
    /// <summary>Estimates S1 and ST (and S2 when the design has second order) with bootstrap confidence intervals.</summary>
    /// <param name="design">The design the outputs were computed on.</param>
    /// <param name="outputs">One finite output per run, in run order (length <see cref="SobolDesign.RunCount"/>).</param>
    /// <param name="options">Bootstrap options; <see langword="null"/> for the defaults.</param>
    /// <returns>The indices.</returns>
    /// <exception cref="ArgumentException">The outputs have the wrong length, contain a non-finite value, or the fingerprint does not match.</exception>
    public static SobolIndices Analyze(SobolDesign design, ReadOnlySpan<double> outputs, SobolAnalysisOptions? options = null) =>
        AnalyzeCore(design, outputs, options, firstOrderOnly: false);

    /// <summary>
    /// <see cref="Analyze(SobolDesign, ReadOnlySpan{double}, SobolAnalysisOptions?)"/>, optionally without S2 (for views
    /// that show S1 and ST only): S1, ST and their intervals are the same bits either way (S2 is computed after them
    /// from the same resample; without it the result has no pairs).
    /// </summary>
    internal static SobolIndices AnalyzeCore(SobolDesign design, ReadOnlySpan<double> outputs, SobolAnalysisOptions? options, bool firstOrderOnly)
    {
        ArgumentNullException.ThrowIfNull(design);
        options ??= new SobolAnalysisOptions();
        if (!design.IsConsistent())
        {
            throw new ArgumentException("The design's fingerprint does not match its parameters (it was altered or produced by another version).", nameof(design));
        }

        if (options.OutputsFingerprint is not null && options.OutputsFingerprint != design.Fingerprint)
        {
            throw new ArgumentException($"The outputs were computed for design {options.OutputsFingerprint}, not for this design ({design.Fingerprint}).", nameof(options));
        }

        if (outputs.Length != design.RunCount)
        {
            throw new ArgumentException($"The design has {design.RunCount} runs (N = {design.BaseSamples}, k = {design.Factors}) but {outputs.Length} outputs were given.", nameof(outputs));
        }

        for (var r = 0; r < outputs.Length; r++)
        {
            if (!double.IsFinite(outputs[r]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The output of run {r} is {outputs[r]}; every output must be finite."), nameof(outputs));
            }
        }

        if (options.Resamples < 0)
        {
            throw new ArgumentException("The number of resamples must be non-negative.", nameof(options));
        }

        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException("The confidence level must be in (0, 1).", nameof(options));
        }

        var estimate = Estimate(design.Factors, design.BaseSamples, outputs, options, options.Seed ?? design.Seed, secondOrder: design.SecondOrder, firstOrderOnly: firstOrderOnly);
        ImmutableArray<string> names = [.. Enumerable.Range(0, design.Factors).Select(FactorLabel)];
        return estimate.ToIndices(null, names, options, design.Fingerprint, unavailable: null, unavailableFactors: null, unavailablePairs: null);
    }

    /// <summary>The estimates from outputs in run order (the layout of a design with or without second order).</summary>
    /// <param name="k">The number of factors.</param>
    /// <param name="n">The number of base rows.</param>
    /// <param name="outputs">The outputs, N·(k + 2) of them (N·(2k + 2) when <paramref name="secondOrder"/>).</param>
    /// <param name="options">The bootstrap options.</param>
    /// <param name="seed">The seed of the bootstrap.</param>
    /// <param name="maxDegreeOfParallelism">The most threads the resamples use (-1: the machine's processors); the result does not depend on it.</param>
    /// <param name="secondOrder">Whether the outputs have the BA blocks (and S2 is estimated).</param>
    /// <param name="firstOrderOnly">Whether to skip S2 even when the outputs have the BA blocks (then no pairs; S1 and ST unchanged).</param>
    internal static SobolEstimate Estimate(int k, int n, ReadOnlySpan<double> outputs, SobolAnalysisOptions options, ulong seed, int maxDegreeOfParallelism = -1, bool secondOrder = false, bool firstOrderOnly = false)
    {
        var stride = secondOrder ? (2 * k) + 2 : k + 2;
        secondOrder &= !firstOrderOnly;
        var fa = new double[n];
        var fb = new double[n];
        var diffs = new Differences(k, n);
        var fab = secondOrder ? new double[k * n] : null; // row-major: fab[j·k + i] = f(AB_i)_j
        var fba = secondOrder ? new double[k * n] : null; // fba[j·k + i] = f(BA_i)_j
        for (var j = 0; j < n; j++)
        {
            var a = outputs[j * stride];
            fa[j] = a;
            fb[j] = outputs[(j * stride) + stride - 1];
            var ab = outputs.Slice((j * stride) + 1, k);
            var row = diffs.Row(j);
            for (var i = 0; i < k; i++)
            {
                row[i] = ab[i] - a;
            }

            if (fab is not null)
            {
                ab.CopyTo(fab.AsSpan(j * k, k));
                outputs.Slice((j * stride) + 1 + k, k).CopyTo(fba.AsSpan(j * k, k));
            }
        }

        var pairs = secondOrder ? k * (k - 1) / 2 : 0;
        var s1 = new double[k];
        var st = new double[k];
        var s2 = new double[pairs];
        var (mean, variance) = Compute(k, n, fa, fb, diffs, null, s1, st, new double[2 * n]);
        if (fba is not null)
        {
            SecondOrderIndices(k, n, fa, fb, fab!, fba, null, mean, variance, s1, s2);
        }

        var s1Conf = new double[k];
        var stConf = new double[k];
        var s2Conf = new double[pairs];
        if (options.Resamples > 0)
        {
            var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + options.ConfidenceLevel) / 2);
            var b = options.Resamples;
            var s1b = new double[b * k];
            var stb = new double[b * k];
            var s2b = new double[b * pairs];

            // Resample r depends only on (seed, stream, r) and writes its own slots: any thread count gives the same bits.
            // One strided share of the resamples per worker, so that each needs one set of buffers.
            var workers = Math.Min(b, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
            Parallel.For(
                0,
                workers,
                new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                worker =>
                {
                    var idx = new int[n];
                    var pooled = new double[2 * n];
                    for (var r = worker; r < b; r += workers)
                    {
                        var rng = RandomStream.Create(seed, RandomStream.Purpose.Bootstrap, options.Stream, (ulong)r);
                        rng.NextInts(n, idx);
                        var (m, v) = Compute(k, n, fa, fb, diffs, idx, s1b.AsSpan(r * k, k), stb.AsSpan(r * k, k), pooled);
                        if (fba is not null)
                        {
                            SecondOrderIndices(k, n, fa, fb, fab!, fba, idx, m, v, s1b.AsSpan(r * k, k), s2b.AsSpan(r * pairs, pairs));
                        }
                    }
                });

            for (var i = 0; i < k; i++)
            {
                s1Conf[i] = z * SampleSd(s1b, i, k, b);
                stConf[i] = z * SampleSd(stb, i, k, b);
            }

            for (var p = 0; p < pairs; p++)
            {
                s2Conf[p] = z * SampleSd(s2b, p, pairs, b);
            }
        }
        else
        {
            Array.Fill(s1Conf, double.NaN);
            Array.Fill(stConf, double.NaN);
            Array.Fill(s2Conf, double.NaN);
        }

        return new SobolEstimate(k, s1, s1Conf, st, stConf, s2, s2Conf, mean, variance);
    }

    /// <summary>The default name of factor i (0-based): <c>x1</c>, <c>x2</c>, … (SALib's default names).</summary>
    internal static string FactorLabel(int i) => string.Create(CultureInfo.InvariantCulture, $"x{i + 1}");

    /// <summary>
    /// S2 of every pair i &lt; j (pair order (0,1), (0,2), …, (k−2,k−1)) by Saltelli's (2002) estimator, from the same rows
    /// (resample <paramref name="idx"/>) and the same mean, variance and S1 as the first-order indices.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SecondOrderIndices(int k, int n, double[] fa, double[] fb, double[] fab, double[] fba, int[]? idx, double mean, double variance, ReadOnlySpan<double> s1, Span<double> s2)
    {
        s2.Clear();
        double cross = 0;
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            cross += (fa[r] - mean) * (fb[r] - mean);
            var ab = fab.AsSpan(r * k, k);
            var ba = fba.AsSpan(r * k, k);
            var p = 0;
            for (var i = 0; i < k; i++)
            {
                var bai = ba[i] - mean;
                for (var l = i + 1; l < k; l++, p++)
                {
                    s2[p] += bai * (ab[l] - mean);
                }
            }
        }

        for (int i = 0, p = 0; i < k; i++)
        {
            for (var l = i + 1; l < k; l++, p++)
            {
                s2[p] = variance > 0 ? ((s2[p] - cross) / n / variance) - s1[i] - s1[l] : double.NaN;
            }
        }
    }

    /// <summary>
    /// S1 and ST of every factor over the rows <paramref name="idx"/> (all rows in order when null); returns the mean and
    /// variance of the A and B outputs of those rows.
    /// </summary>
    /// <remarks>
    /// Bit for bit the estimator written out in the class remarks: with d_i = f(AB_i) − f(A) (stored once per row,
    /// <see cref="Differences"/>), <c>Σ (f(B) − mean)·d_i</c> and <c>Σ d_i²</c> (= (f(A) − f(AB_i))², the same IEEE
    /// value) are accumulated per factor from 0 in row order, four factors per <see cref="Vector256{T}"/> (lanes are
    /// independent sums: the same multiplications and additions, no fused multiply-add), sixteen factors per pass
    /// over the rows with the sums held in registers.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Mean, double Variance) Compute(int k, int n, double[] fa, double[] fb, Differences diffs, int[]? idx, Span<double> s1, Span<double> st, double[] pooled)
    {
        // Mean and centred population variance over the 2N values of A and B (Stats' moments, A_0, B_0, A_1, B_1, …).
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            pooled[2 * j] = fa[r];
            pooled[(2 * j) + 1] = fb[r];
        }

        var (mean, m2) = Stats.MeanAndM2(pooled);
        var variance = m2 / (2.0 * n);

        var chunks = diffs.Stride / Vector256<double>.Count;
        Span<double> first = stackalloc double[Vector256<double>.Count * 4];
        Span<double> total = stackalloc double[Vector256<double>.Count * 4];
        for (var c0 = 0; c0 < chunks; c0 += 4)
        {
            var (f0, f1, f2, f3, t0, t1, t2, t3) = Sums(n, Math.Min(4, chunks - c0), c0, diffs, idx, pooled, mean);
            f0.CopyTo(first);
            f1.CopyTo(first[4..]);
            f2.CopyTo(first[8..]);
            f3.CopyTo(first[12..]);
            t0.CopyTo(total);
            t1.CopyTo(total[4..]);
            t2.CopyTo(total[8..]);
            t3.CopyTo(total[12..]);
            for (var i = c0 * Vector256<double>.Count; i < Math.Min(k, (c0 + 4) * Vector256<double>.Count); i++)
            {
                var lane = i - (c0 * Vector256<double>.Count);
                s1[i] = variance > 0 ? first[lane] / n / variance : double.NaN;
                st[i] = variance > 0 ? total[lane] / (2.0 * n) / variance : double.NaN;
            }
        }

        return (mean, variance);
    }

    /// <summary>The sums of up to four chunks of four factors (chunks c0 … c0 + count − 1) over the rows, in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Vector256<double> F0, Vector256<double> F1, Vector256<double> F2, Vector256<double> F3, Vector256<double> T0, Vector256<double> T1, Vector256<double> T2, Vector256<double> T3) Sums(
        int n, int count, int c0, Differences diffs, int[]? idx, double[] pooled, double mean)
    {
        Vector256<double> f0 = default, f1 = default, f2 = default, f3 = default;
        Vector256<double> t0 = default, t1 = default, t2 = default, t3 = default;
        var data = diffs.Data;
        var stride = diffs.Stride;
        var offset = c0 * Vector256<double>.Count;
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            var b = Vector256.Create(pooled[(2 * j) + 1] - mean);
            var row = data.AsSpan((r * stride) + offset, count * Vector256<double>.Count);
            var d = Vector256.Create<double>(row);
            f0 += b * d;
            t0 += d * d;
            if (count > 1)
            {
                d = Vector256.Create<double>(row[4..]);
                f1 += b * d;
                t1 += d * d;
                if (count > 2)
                {
                    d = Vector256.Create<double>(row[8..]);
                    f2 += b * d;
                    t2 += d * d;
                    if (count > 3)
                    {
                        d = Vector256.Create<double>(row[12..]);
                        f3 += b * d;
                        t3 += d * d;
                    }
                }
            }
        }

        return (f0, f1, f2, f3, t0, t1, t2, t3);
    }

    /// <summary>
    /// f(AB_i)_j − f(A)_j for every row j and factor i, one row of <see cref="Stride"/> doubles per j (k rounded up to a
    /// multiple of four, the padding zero), so that a resampled row is one contiguous read.
    /// </summary>
    private sealed class Differences
    {
        public Differences(int k, int n)
        {
            Stride = (k + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
            Data = new double[(long)Stride * n];
        }

        public int Stride { get; }

        public double[] Data { get; }

        public Span<double> Row(int j) => Data.AsSpan(j * Stride, Stride);
    }

    private static double SampleSd(double[] values, int i, int k, int b)
    {
        // Non-finite bootstrap estimates (a replicate with zero variance) are left out.
        var finite = new double[b];
        for (var r = 0; r < b; r++)
        {
            var v = values[(r * k) + i];
            finite[r] = double.IsFinite(v) ? v : double.NaN;
        }

        return Stats.MeanSd(finite).Sd;
    }
}
