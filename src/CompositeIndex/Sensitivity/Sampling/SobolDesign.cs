using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CompositeIndex.Sensitivity.Sobol;

/// <summary>The role of one run of a Saltelli design.</summary>
/// <param name="Row">The base row j in [0, N).</param>
/// <param name="Block">0 for A, i in [1, k] for AB_i (A with column i taken from B); with second order, k + i for BA_i
/// (B with column i taken from A); the last block (<see cref="SobolDesign.RunsPerRow"/> − 1) is B.</param>
public readonly record struct SaltelliRun(int Row, int Block);

/// <summary>
/// A Saltelli design for first- and total-order Sobol' indices: N base rows of two independent matrices A and B
/// (N × k each) and the k matrices AB_i, i.e. N·(k + 2) runs; with second order also the k matrices BA_i, i.e.
/// N·(2k + 2) runs.
/// </summary>
/// <remarks>
/// <para>Scheme (A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola, "Variance based
/// sensitivity analysis of model output. Design and estimator for the total sensitivity index", <i>Comput. Phys.
/// Commun.</i> 181, 259–270, 2010, doi:10.1016/j.cpc.2009.09.018): A and B are the first and last k columns of a
/// 2k-dimensional (quasi-)random sample; AB_i equals A except column i, which comes from B.</para>
/// <para>Block layout: runs are ordered by base row, k + 2 runs per row: <c>A_j, AB_1j, …, AB_kj, B_j</c> (the order
/// used by SALib), so run r has row r / (k + 2). With <see cref="SecondOrder"/> (A. Saltelli, "Making best use of model
/// evaluations to compute sensitivity indices", <i>Comput. Phys. Commun.</i> 145, 280–297, 2002,
/// doi:10.1016/S0010-4655(02)00280-1; SALib's <c>calc_second_order=True</c>) each row has 2k + 2 runs:
/// <c>A_j, AB_1j, …, AB_kj, BA_1j, …, BA_kj, B_j</c>, where BA_i equals B except column i, which comes from A. The A, B
/// and AB_i points are the same with or without second order, so S1 and ST estimated from either design are equal.</para>
/// <para>The design is fully determined by (k, N, seed, base points, shift); <see cref="Fingerprint"/> hashes these
/// and <see cref="SobolAnalyzer.Analyze(SobolDesign, ReadOnlySpan{double}, SobolAnalysisOptions?)"/> checks it.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class SobolDesign
{
    private readonly double[] a;
    private readonly double[] b;

    private SobolDesign(int factors, int baseSamples, ulong seed, BasePoints points, bool digitalShift, bool secondOrder, double[] a, double[] b)
    {
        SecondOrder = secondOrder;
        Factors = factors;
        BaseSamples = baseSamples;
        Seed = seed;
        Points = points;
        DigitalShift = digitalShift;
        this.a = a;
        this.b = b;
        Fingerprint = ComputeFingerprint(factors, baseSamples, seed, points, digitalShift, SecondOrder);
    }

    /// <summary>Gets the number of inputs (factors) k.</summary>
    public int Factors { get; }

    /// <summary>Gets the number of base rows N.</summary>
    public int BaseSamples { get; }

    /// <summary>Gets the master seed that drives the design (and, by default, the bootstrap).</summary>
    public ulong Seed { get; }

    /// <summary>Gets where the base points come from.</summary>
    public BasePoints Points { get; }

    /// <summary>Gets a value indicating whether Sobol' points are digitally shifted (ignored for pseudo-random points).</summary>
    public bool DigitalShift { get; }

    /// <summary>Gets a value indicating whether the design has the BA_i matrices for second-order indices (Saltelli 2002).</summary>
    public bool SecondOrder { get; }

    /// <summary>Gets the number of runs per base row: k + 2, or 2k + 2 with <see cref="SecondOrder"/>.</summary>
    public int RunsPerRow => SecondOrder ? (2 * Factors) + 2 : Factors + 2;

    /// <summary>Gets the number of model runs, N·<see cref="RunsPerRow"/>.</summary>
    public int RunCount => BaseSamples * RunsPerRow;

    /// <summary>Gets a hash of everything that determines the design (scheme version, k, N, seed, points, shift, second order).</summary>
    public string Fingerprint { get; }

    /// <summary>Creates a Saltelli design.</summary>
    /// <param name="factors">The number of inputs k ≥ 1 (at most 64 with Sobol' points: 2k dimensions are used).</param>
    /// <param name="baseSamples">The number of base rows N ≥ 2; a power of two keeps the Sobol' balance properties.</param>
    /// <param name="seed">The master seed. 0 is a valid seed.</param>
    /// <param name="points">Where base points come from. The default is <see cref="BasePoints.Sobol"/>.</param>
    /// <param name="digitalShift">Whether Sobol' points are digitally shifted from the seed. The default is <see langword="true"/>.</param>
    /// <param name="secondOrder">Whether to add the BA_i matrices for second-order indices (N·(2k + 2) runs). The default is <see langword="false"/>.</param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k or N is out of range.</exception>
    public static SobolDesign Create(int factors, int baseSamples, ulong seed, BasePoints points = BasePoints.Sobol, bool digitalShift = true, bool secondOrder = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 2);
        if (points == BasePoints.Sobol && 2 * factors > SobolSequence.MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(factors), factors, $"A Saltelli design with Sobol' points supports at most {SobolSequence.MaxDimensions / 2} factors (2k dimensions).");
        }

        if ((long)baseSamples * (secondOrder ? (2L * factors) + 2 : factors + 2) > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(baseSamples), baseSamples, "The number of runs N·(k + 2) (N·(2k + 2) with second order) exceeds the largest supported number of runs.");
        }

        var a = new double[baseSamples * factors];
        var b = new double[baseSamples * factors];
        var point = new double[2 * factors];
        if (points == BasePoints.Sobol)
        {
            // Rows in order, incrementally (the same points as SobolSequence.GetPoint(j)).
            new SobolSequence(2 * factors, digitalShift ? seed : null).WriteFirstPoints(baseSamples, point, (j, p) =>
            {
                p[..factors].CopyTo(a.AsSpan(j * factors, factors));
                p[factors..].CopyTo(b.AsSpan(j * factors, factors));
            });
        }
        else
        {
            for (var j = 0; j < baseSamples; j++)
            {
                var rng = RandomStream.Create(seed, RandomStream.Purpose.BasePoints, (ulong)j);
                for (var d = 0; d < point.Length; d++)
                {
                    point[d] = rng.NextDouble();
                }

                point.AsSpan(0, factors).CopyTo(a.AsSpan(j * factors, factors));
                point.AsSpan(factors, factors).CopyTo(b.AsSpan(j * factors, factors));
            }
        }

        return new SobolDesign(factors, baseSamples, seed, points, points == BasePoints.Sobol && digitalShift, secondOrder, a, b);
    }

    /// <summary>Gets the row of matrix A.</summary>
    /// <param name="row">The base row.</param>
    /// <returns>k coordinates in [0, 1).</returns>
    public ReadOnlySpan<double> GetA(int row) => a.AsSpan(row * Factors, Factors);

    /// <summary>Gets the row of matrix B.</summary>
    /// <param name="row">The base row.</param>
    /// <returns>k coordinates in [0, 1).</returns>
    public ReadOnlySpan<double> GetB(int row) => b.AsSpan(row * Factors, Factors);

    /// <summary>Gets the base row and block of a run.</summary>
    /// <param name="run">The run index in [0, <see cref="RunCount"/>).</param>
    /// <returns>The row and block.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The run is out of range.</exception>
    public SaltelliRun Locate(int run)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(run);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(run, RunCount);
        return new SaltelliRun(run / RunsPerRow, run % RunsPerRow);
    }

    /// <summary>Gets a short label of a block: <c>"A"</c>, <c>"B"</c>, <c>"AB3"</c> or <c>"BA3"</c> (1-based factor).</summary>
    /// <param name="block">The block number.</param>
    /// <returns>The label.</returns>
    public string BlockLabel(int block) =>
        block == 0 ? "A"
        : block == RunsPerRow - 1 ? "B"
        : block <= Factors ? string.Create(CultureInfo.InvariantCulture, $"AB{block}")
        : string.Create(CultureInfo.InvariantCulture, $"BA{block - Factors}");

    /// <summary>Gets the block of B in a row: <see cref="RunsPerRow"/> − 1.</summary>
    internal int BlockB => RunsPerRow - 1;

    /// <summary>Writes the input point of a run: the A row, the B row, the A row with column i from B (AB_i) or the B row with column i from A (BA_i).</summary>
    /// <param name="run">The run index.</param>
    /// <param name="destination">Receives k coordinates.</param>
    /// <exception cref="ArgumentOutOfRangeException">The run is out of range.</exception>
    public void GetRun(int run, Span<double> destination)
    {
        var (row, block) = Locate(run);
        if (block == RunsPerRow - 1)
        {
            GetB(row).CopyTo(destination);
            return;
        }

        if (block > Factors)
        {
            GetB(row).CopyTo(destination);
            var i = block - Factors - 1;
            destination[i] = a[(row * Factors) + i];
            return;
        }

        GetA(row).CopyTo(destination);
        if (block > 0)
        {
            destination[block - 1] = b[(row * Factors) + block - 1];
        }
    }

    /// <summary>Returns whether this design's fingerprint matches the one recomputed from its parameters.</summary>
    /// <summary>
    /// The design of the first <paramref name="baseSamples"/> rows: equal to <see cref="Create"/> with the same
    /// parameters and N = <paramref name="baseSamples"/> (row j of a design depends only on j and the seed), sharing
    /// this design's points instead of generating them again.
    /// </summary>
    internal SobolDesign Prefix(int baseSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baseSamples, BaseSamples);
        return baseSamples == BaseSamples ? this : new SobolDesign(Factors, baseSamples, Seed, Points, DigitalShift, SecondOrder, a, b);
    }

    internal bool IsConsistent() => Fingerprint == ComputeFingerprint(Factors, BaseSamples, Seed, Points, DigitalShift, SecondOrder);

    private static string ComputeFingerprint(int k, int n, ulong seed, BasePoints points, bool shift, bool secondOrder)
    {
        // The first-order-only text is unchanged from earlier versions, so existing fingerprints stay valid.
        var layout = secondOrder ? "A,AB1..ABk,BA1..BAk,B" : "A,AB1..ABk,B";
        var text = string.Create(CultureInfo.InvariantCulture, $"saltelli-2010/v1;k={k};n={n};seed={seed};points={points};shift={shift};second={secondOrder};layout={layout}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
