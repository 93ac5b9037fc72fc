using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CompositeIndex.Sensitivity.Morris;

/// <summary>
/// A design for Morris' elementary effects: r trajectories of k + 1 points each on a p-level grid of the unit
/// hypercube, each trajectory moving one factor at a time by Δ = p / (2(p − 1)); optionally the r trajectories of
/// largest spread among M random candidates (Campolongo, Cariboni and Saltelli 2007).
/// </summary>
/// <remarks>
/// <para>Trajectories (M. D. Morris, "Factorial sampling plans for preliminary computational experiments",
/// <i>Technometrics</i> 33(2), 161–174, 1991, doi:10.1080/00401706.1991.10484804; in the form of F. Campolongo, J.
/// Cariboni and A. Saltelli, "An effective screening design for sensitivity analysis of large models", <i>Environ.
/// Model. Softw.</i> 22(10), 1509–1518, 2007, doi:10.1016/j.envsoft.2006.10.004, and SALib's
/// <c>sample.morris.sample</c>): the grid is {0, 1/(p − 1), …, 1}; a trajectory draws a base point x* with each
/// coordinate in {0, 1/(p − 1), …, 1 − Δ}, a direction d_i ∈ {−1, +1} and an order π of the factors; it starts at
/// x*_i (d_i = +1) or x*_i + Δ (d_i = −1) and at step j moves factor π_j by d·Δ, so every factor moves exactly once,
/// between x*_i and x*_i + Δ. Run r is point r mod (k + 1) of trajectory r / (k + 1).</para>
/// <para>Optimised trajectories (Campolongo et al. 2007, §3): M candidates are drawn; the distance of two trajectories
/// is d_ml = Σ_i Σ_j ‖X_i(m) − X_j(l)‖₂ over their points, and the r trajectories kept maximise
/// D = (Σ_{pairs} d²)^½. The maximum is searched with the local heuristic of M. V. Ruano, J. Ribes, A. Seco and J.
/// Ferrer, "An improved sampling strategy based on trajectory design for application of the Morris method to systems
/// with many input factors", <i>Environ. Model. Softw.</i> 37, 103–109, 2012, doi:10.1016/j.envsoft.2012.03.008 (SALib's
/// default <c>local_optimization=True</c>); ties go to the lower candidate number, and the kept trajectories are
/// used in increasing candidate order.</para>
/// <para>Candidate t depends only on (seed, t): the design, and so every result computed on it, is the same for any
/// number of threads. p should be even (Morris 1991; SALib warns otherwise); an odd p is refused. Immutable and
/// thread-safe.</para>
/// </remarks>
public sealed class MorrisDesign
{
    /// <summary>The largest number of candidate trajectories (M) accepted.</summary>
    public const int MaxCandidates = 1000;

    /// <summary>Purpose number of the trajectory streams (kept apart from the other sensitivity streams of the same seed).</summary>
    private const RandomStream.Purpose TrajectoryPurpose = (RandomStream.Purpose)16;

    private readonly int[] start;   // trajectory-major: k grid indices of the first point
    private readonly int[] order;   // trajectory-major: the factor moved at step j (1..k) is order[t·k + j − 1]
    private readonly int[] sign;    // trajectory-major: +1 or −1 per factor

    private MorrisDesign(int factors, int levels, ulong seed, int? candidates, ImmutableArray<int> selected, int[] start, int[] order, int[] sign, double spread)
    {
        Factors = factors;
        Levels = levels;
        Seed = seed;
        Candidates = candidates;
        SelectedCandidates = selected;
        this.start = start;
        this.order = order;
        this.sign = sign;
        Spread = spread;
        Fingerprint = ComputeFingerprint(factors, selected.Length, levels, seed, candidates);
    }

    /// <summary>Gets the number of factors k.</summary>
    public int Factors { get; }

    /// <summary>Gets the number of trajectories r.</summary>
    public int Trajectories => SelectedCandidates.Length;

    /// <summary>Gets the number of grid levels p.</summary>
    public int Levels { get; }

    /// <summary>Gets the step Δ = p / (2(p − 1)) in the unit hypercube (2/3 for p = 4).</summary>
    public double Delta => Levels / (2.0 * (Levels - 1));

    /// <summary>Gets the master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Gets the number of candidate trajectories M the r were chosen from; <see langword="null"/> when the first r candidates are used as drawn.</summary>
    public int? Candidates { get; }

    /// <summary>Gets the candidate number of each trajectory used, in increasing order (0 … r − 1 without optimisation).</summary>
    public ImmutableArray<int> SelectedCandidates { get; }

    /// <summary>Gets Campolongo's spread D = (Σ_{pairs} d_ml²)^½ of the trajectories used (larger = better coverage of the input space).</summary>
    public double Spread { get; }

    /// <summary>Gets the number of points per trajectory, k + 1.</summary>
    public int PointsPerTrajectory => Factors + 1;

    /// <summary>Gets the number of model runs, r·(k + 1).</summary>
    public int RunCount => Trajectories * PointsPerTrajectory;

    /// <summary>Gets a hash of everything that determines the design (scheme version, k, r, p, seed, M).</summary>
    public string Fingerprint { get; }

    /// <summary>Creates a Morris design.</summary>
    /// <param name="factors">The number of factors k ≥ 1.</param>
    /// <param name="trajectories">The number of trajectories r ≥ 2.</param>
    /// <param name="levels">The number of grid levels p: even, from 2 to 1000. SALib's default is 4.</param>
    /// <param name="seed">The master seed. 0 is a valid seed.</param>
    /// <param name="candidates">
    /// The number of candidate trajectories M (r ≤ M ≤ <see cref="MaxCandidates"/>) to choose the r of largest spread
    /// from (Campolongo et al. 2007 use 500 to 1000); <see langword="null"/> (the default) for the first r candidates as drawn.
    /// </param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentOutOfRangeException">k, r, p or M is out of range, or r·(k + 1) exceeds the largest supported number of runs.</exception>
    public static MorrisDesign Create(int factors, int trajectories, int levels = 4, ulong seed = 0, int? candidates = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 2);
        if (levels < 2 || levels > 1000 || levels % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "The number of grid levels must be even, from 2 to 1000.");
        }

        if (candidates is { } m && (m < trajectories || m > MaxCandidates))
        {
            throw new ArgumentOutOfRangeException(nameof(candidates), m, $"The number of candidate trajectories must be between the number of trajectories ({trajectories}) and {MaxCandidates}.");
        }

        if ((long)trajectories * (factors + 1) > Limits.MaxSensitivityRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), trajectories, $"r·(k + 1) exceeds the largest supported number of runs ({Limits.MaxSensitivityRuns}).");
        }

        var drawn = candidates ?? trajectories;
        var start = new int[drawn * factors];
        var order = new int[drawn * factors];
        var sign = new int[drawn * factors];
        var half = levels / 2;
        for (var t = 0; t < drawn; t++)
        {
            var rng = RandomStream.Create(seed, TrajectoryPurpose, (ulong)t);
            var s = start.AsSpan(t * factors, factors);
            var o = order.AsSpan(t * factors, factors);
            var d = sign.AsSpan(t * factors, factors);
            for (var i = 0; i < factors; i++)
            {
                var baseLevel = rng.NextInt(half);
                d[i] = (rng.NextUInt64() & 1) == 0 ? 1 : -1;
                s[i] = baseLevel + (d[i] < 0 ? half : 0);
                o[i] = i;
            }

            for (var i = factors - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (o[i], o[j]) = (o[j], o[i]);
            }
        }

        ImmutableArray<int> selected;
        if (candidates is null)
        {
            selected = [.. Enumerable.Range(0, trajectories)];
        }
        else
        {
            var distances = Distances(factors, levels, drawn, start, order, sign);
            selected = [.. SelectLocal(distances, drawn, trajectories).Order()];
        }

        var r = selected.Length;
        var keptStart = new int[r * factors];
        var keptOrder = new int[r * factors];
        var keptSign = new int[r * factors];
        for (var t = 0; t < r; t++)
        {
            start.AsSpan(selected[t] * factors, factors).CopyTo(keptStart.AsSpan(t * factors));
            order.AsSpan(selected[t] * factors, factors).CopyTo(keptOrder.AsSpan(t * factors));
            sign.AsSpan(selected[t] * factors, factors).CopyTo(keptSign.AsSpan(t * factors));
        }

        var spread = Math.Sqrt(SumSquares(Distances(factors, levels, r, keptStart, keptOrder, keptSign), r, [.. Enumerable.Range(0, r)]));
        return new MorrisDesign(factors, levels, seed, candidates, selected, keptStart, keptOrder, keptSign, spread);
    }

    /// <summary>Gets the trajectory and point of a run.</summary>
    /// <param name="run">The run index in [0, <see cref="RunCount"/>).</param>
    /// <returns>The trajectory (0-based) and the point in it (0 = start, j = after the j-th move).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The run is out of range.</exception>
    public (int Trajectory, int Point) Locate(int run)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(run);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(run, RunCount);
        return (run / PointsPerTrajectory, run % PointsPerTrajectory);
    }

    /// <summary>Gets the factor that moves at a step of a trajectory, and the direction of the move.</summary>
    /// <param name="trajectory">The trajectory, in [0, <see cref="Trajectories"/>).</param>
    /// <param name="step">The step, in [1, k]: the move from point step − 1 to point step.</param>
    /// <returns>The factor (0-based) and +1 (it increases by Δ) or −1 (it decreases by Δ).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The trajectory or step is out of range.</exception>
    public (int Factor, int Direction) GetMove(int trajectory, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trajectory);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trajectory, Trajectories);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, Factors);
        var f = order[(trajectory * Factors) + step - 1];
        return (f, sign[(trajectory * Factors) + f]);
    }

    /// <summary>Writes the input point of a run: k coordinates on the grid {0, 1/(p − 1), …, 1}.</summary>
    /// <param name="run">The run index.</param>
    /// <param name="destination">Receives k coordinates in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The run is out of range.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than k.</exception>
    public void GetRun(int run, Span<double> destination)
    {
        var (t, point) = Locate(run);
        if (destination.Length < Factors)
        {
            throw new ArgumentException($"The destination needs {Factors} elements.", nameof(destination));
        }

        Point(Factors, Levels, start.AsSpan(t * Factors, Factors), order.AsSpan(t * Factors, Factors), sign.AsSpan(t * Factors, Factors), point, destination);
    }

    /// <summary>Writes point j of a trajectory (grid indices → coordinates).</summary>
    private static void Point(int k, int levels, ReadOnlySpan<int> start, ReadOnlySpan<int> order, ReadOnlySpan<int> sign, int point, Span<double> destination)
    {
        var half = levels / 2;
        Span<int> grid = k <= 256 ? stackalloc int[k] : new int[k];
        start.CopyTo(grid);
        for (var j = 0; j < point; j++)
        {
            var f = order[j];
            grid[f] += sign[f] * half;
        }

        for (var i = 0; i < k; i++)
        {
            destination[i] = grid[i] / (double)(levels - 1);
        }
    }

    /// <summary>Campolongo's distance matrix d_ml = Σ_i Σ_j ‖X_i(m) − X_j(l)‖₂ (symmetric, zero diagonal); rows are independent (computed in parallel, bit-identical).</summary>
    private static double[] Distances(int k, int levels, int count, int[] start, int[] order, int[] sign)
    {
        var points = new double[count * (k + 1) * k];
        for (var t = 0; t < count; t++)
        {
            for (var j = 0; j <= k; j++)
            {
                Point(k, levels, start.AsSpan(t * k, k), order.AsSpan(t * k, k), sign.AsSpan(t * k, k), j, points.AsSpan(((t * (k + 1)) + j) * k, k));
            }
        }

        var d = new double[count * count];
        var size = (k + 1) * k;
        Parallel.For(0, count, m =>
        {
            var pm = points.AsSpan(m * size, size);
            for (var l = m + 1; l < count; l++)
            {
                var pl = points.AsSpan(l * size, size);
                double sum = 0;
                for (var i = 0; i <= k; i++)
                {
                    var xi = pm.Slice(i * k, k);
                    for (var j = 0; j <= k; j++)
                    {
                        var xj = pl.Slice(j * k, k);
                        double s = 0;
                        for (var z = 0; z < k; z++)
                        {
                            var diff = xi[z] - xj[z];
                            s += diff * diff;
                        }

                        sum += Math.Sqrt(s);
                    }
                }

                d[(m * count) + l] = sum;
                d[(l * count) + m] = sum;
            }
        });
        return d;
    }

    /// <summary>Σ d² over the pairs of a set (the square of Campolongo's D).</summary>
    private static double SumSquares(double[] d, int count, IReadOnlyList<int> set)
    {
        double s = 0;
        for (var a = 0; a < set.Count; a++)
        {
            for (var b = a + 1; b < set.Count; b++)
            {
                var v = d[(set[a] * count) + set[b]];
                s += v * v;
            }
        }

        return s;
    }

    /// <summary>
    /// Ruano et al.'s (2012) local search, as SALib's <c>LocalOptimisation.find_local_maximum</c>: for each seed size
    /// i = 1 … r − 1, every candidate with its i farthest candidates forms a set; the set of largest D is grown one
    /// candidate at a time (the one that maximises D) up to r; the best of the r − 1 results is kept.
    /// </summary>
    private static List<int> SelectLocal(double[] d, int m, int r)
    {
        // For each candidate, the others by decreasing distance (ties: lower candidate first).
        var farthest = new int[m][];
        Parallel.For(0, m, row => farthest[row] = [.. Enumerable.Range(0, m).Where(c => c != row).OrderByDescending(c => d[(row * m) + c]).ThenBy(c => c).Take(r - 1)]);
        List<int>? best = null;
        var bestValue = double.NegativeInfinity;
        for (var i = 1; i < r; i++)
        {
            List<int>? seedSet = null;
            var seedValue = double.NegativeInfinity;
            for (var row = 0; row < m; row++)
            {
                // The i candidates farthest from `row`, then `row`.
                var set = farthest[row].Take(i).Append(row).ToList();
                var value = SumSquares(d, m, set);
                if (value > seedValue)
                {
                    seedValue = value;
                    seedSet = set;
                }
            }

            var current = seedSet!;
            var currentValue = seedValue;
            while (current.Count < r)
            {
                var inSet = new bool[m];
                foreach (var c in current)
                {
                    inSet[c] = true;
                }

                var add = -1;
                var addValue = double.NegativeInfinity;
                for (var c = 0; c < m; c++)
                {
                    if (inSet[c])
                    {
                        continue;
                    }

                    double extra = 0;
                    foreach (var s in current)
                    {
                        var v = d[(s * m) + c];
                        extra += v * v;
                    }

                    if (currentValue + extra > addValue)
                    {
                        addValue = currentValue + extra;
                        add = c;
                    }
                }

                current = [.. current, add];
                currentValue = addValue;
            }

            if (currentValue > bestValue)
            {
                bestValue = currentValue;
                best = current;
            }
        }

        return best!;
    }

    private static string ComputeFingerprint(int k, int r, int p, ulong seed, int? m)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"morris-1991/v1;k={k};r={r};p={p};seed={seed};candidates={m?.ToString(CultureInfo.InvariantCulture) ?? "none"};selection=ruano-2012-local");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
