using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

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
    public static SobolIndices Analyze(SobolDesign design, ReadOnlySpan<double> outputs, SobolAnalysisOptions? options = null)
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

        var estimate = Estimate(design.Factors, design.BaseSamples, outputs, options, options.Seed ?? design.Seed, secondOrder: design.SecondOrder);
        ImmutableArray<string> names = [.. Enumerable.Range(0, design.Factors).Select(FactorLabel)];
        return estimate.ToIndices(null, names, options, design.Fingerprint, unavailable: null, unavailableFactors: null, unavailablePairs: null);
    }

    internal static SobolEstimate Estimate(int k, int n, ReadOnlySpan<double> outputs, SobolAnalysisOptions options, ulong seed, int maxDegreeOfParallelism = -1, bool secondOrder = false)
    {
        var stride = secondOrder ? (2 * k) + 2 : k + 2;
        var fa = new double[n];
        var fb = new double[n];
        var fab = new double[k * n]; // row-major: fab[j·k + i] = f(AB_i)_j
        var fba = secondOrder ? new double[k * n] : null; // fba[j·k + i] = f(BA_i)_j
        for (var j = 0; j < n; j++)
        {
            fa[j] = outputs[j * stride];
            fb[j] = outputs[(j * stride) + stride - 1];
            outputs.Slice((j * stride) + 1, k).CopyTo(fab.AsSpan(j * k, k));
            if (fba is not null)
            {
                outputs.Slice((j * stride) + 1 + k, k).CopyTo(fba.AsSpan(j * k, k));
            }
        }

        var pairs = secondOrder ? k * (k - 1) / 2 : 0;
        var s1 = new double[k];
        var st = new double[k];
        var s2 = new double[pairs];
        var (mean, variance) = Compute(k, n, fa, fb, fab, null, s1, st, new double[2 * n]);
        if (fba is not null)
        {
            SecondOrderIndices(k, n, fa, fb, fab, fba, null, mean, variance, s1, s2);
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
                        for (var j = 0; j < n; j++)
                        {
                            idx[j] = rng.NextInt(n);
                        }

                        var (m, v) = Compute(k, n, fa, fb, fab, idx, s1b.AsSpan(r * k, k), stb.AsSpan(r * k, k), pooled);
                        if (fba is not null)
                        {
                            SecondOrderIndices(k, n, fa, fb, fab, fba, idx, m, v, s1b.AsSpan(r * k, k), s2b.AsSpan(r * pairs, pairs));
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Mean, double Variance) Compute(int k, int n, double[] fa, double[] fb, double[] fab, int[]? idx, Span<double> s1, Span<double> st, double[] pooled)
    {
        // Mean and centred population variance over the 2N values of A and B (Stats' moments, A_0, B_0, A_1, B_1, …).
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            pooled[2 * j] = fa[r];
            pooled[(2 * j) + 1] = fb[r];
        }

        var moments = Stats.Moments.Of(pooled);
        var mean = moments.Mean;
        var variance = moments.M2 / (2.0 * n);

        // One pass over the rows; each factor keeps its own two sums, accumulated in row order as before.
        Span<double> first = k <= 64 ? stackalloc double[k] : new double[k];
        Span<double> total = k <= 64 ? stackalloc double[k] : new double[k];
        first.Clear();
        total.Clear();
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            var a = fa[r];
            var b = fb[r] - mean;
            var row = fab.AsSpan(r * k, k);
            for (var i = 0; i < row.Length; i++)
            {
                var ab = row[i];
                first[i] += b * (ab - a);
                var d = a - ab;
                total[i] += d * d;
            }
        }

        for (var i = 0; i < k; i++)
        {
            s1[i] = variance > 0 ? first[i] / n / variance : double.NaN;
            st[i] = variance > 0 ? total[i] / (2.0 * n) / variance : double.NaN;
        }

        return (mean, variance);
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
