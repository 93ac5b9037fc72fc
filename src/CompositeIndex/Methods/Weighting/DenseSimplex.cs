namespace CompositeIndex;

/// <summary>The outcome of a <see cref="DenseSimplex"/> solve.</summary>
internal enum SimplexStatus
{
    Optimal = 0,
    Unbounded = 1,
    IterationLimit = 2,
}

/// <summary>
/// A small dense tableau simplex for <c>max cᵀx s.t. A x ≤ b, x ≥ 0</c> with <c>b ≥ 0</c> (so the slack basis is
/// feasible and no phase 1 is needed), as in the benefit-of-the-doubt LPs, which share A and b and differ in c.
/// </summary>
/// <remarks>
/// <para>Dantzig's tableau method (Chvátal 1983, <i>Linear Programming</i>, ch. 2–3). Entering variable: the most
/// negative reduced cost (Dantzig's rule), switching to Bland's smallest-index rule for both the entering and the
/// leaving variable after a run of degenerate pivots, which rules out cycling on the degenerate vertices that
/// share-bound constraints (right-hand side 0) create (Bland 1977, <i>Mathematics of Operations Research</i>
/// 2(2):103–107).</para>
/// <para>Successive <see cref="Solve"/> calls warm-start from the previous optimal basis (it stays feasible because
/// only the objective changes): the reduced costs are recomputed as <c>c_Bᵀ B⁻¹A − cᵀ</c> from the tableau.</para>
/// <para>Deterministic: the same sequence of inputs always gives the same vertices. Mutable, not thread-safe.</para>
/// </remarks>
internal sealed class DenseSimplex
{
    private const double Eps = 1e-11;
    private const int DegenerateRunBeforeBland = 50;

    private readonly int m;
    private readonly int n;
    private readonly int width;
    private readonly double[] t;
    private readonly int[] basis;

    public DenseSimplex(double[,] a, double[] b)
    {
        m = b.Length;
        n = a.GetLength(1);
        if (a.GetLength(0) != m)
        {
            throw new ArgumentException("Dimensions of A and b do not agree.", nameof(a));
        }

        // Tableau rows 0..m-1: [A | I | b]; row m: reduced costs [.. | .. | objective].
        width = n + m + 1;
        t = new double[(m + 1) * width];
        basis = new int[m];
        for (var i = 0; i < m; i++)
        {
            if (!(b[i] >= 0))
            {
                throw new ArgumentException("The right-hand sides must be non-negative.", nameof(b));
            }

            for (var j = 0; j < n; j++)
            {
                t[(i * width) + j] = a[i, j];
            }

            t[(i * width) + n + i] = 1;
            t[(i * width) + width - 1] = b[i];
            basis[i] = n + i;
        }
    }

    /// <summary>Maximises <c>cᵀx</c> subject to <c>A x ≤ b</c>, <c>x ≥ 0</c> (one-shot).</summary>
    public static (SimplexStatus Status, double[] X, double Value) Maximize(double[,] a, double[] b, double[] c) => new DenseSimplex(a, b).Solve(c);

    /// <summary>Maximises <c>cᵀx</c> over the workspace's constraints, starting from the last optimal basis.</summary>
    public (SimplexStatus Status, double[] X, double Value) Solve(double[] c)
    {
        if (c.Length != n)
        {
            throw new ArgumentException($"Expected {n} objective coefficients.", nameof(c));
        }

        // Reduced costs for the current basis: r_j = Σ_i c_B(i) t[i, j] − c_j (slack costs are 0).
        var obj = m * width;
        for (var j = 0; j < width; j++)
        {
            double r = 0;
            for (var i = 0; i < m; i++)
            {
                var cb = basis[i] < n ? c[basis[i]] : 0;
                if (cb != 0)
                {
                    r += cb * t[(i * width) + j];
                }
            }

            t[obj + j] = r - (j < n ? c[j] : 0);
        }

        var status = SimplexStatus.IterationLimit;
        var degenerateRun = 0;
        for (var iter = 0; iter < 100_000; iter++)
        {
            var bland = degenerateRun >= DegenerateRunBeforeBland;
            var enter = -1;
            var most = -Eps;
            for (var j = 0; j < n + m; j++)
            {
                var r = t[obj + j];
                if (r < most)
                {
                    enter = j;
                    if (bland)
                    {
                        break;
                    }

                    most = r;
                }
            }

            if (enter < 0)
            {
                status = SimplexStatus.Optimal;
                break;
            }

            // Ratio test; ties broken by the smallest basic variable index.
            var leave = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < m; i++)
            {
                var coef = t[(i * width) + enter];
                if (coef > Eps)
                {
                    var ratio = t[(i * width) + width - 1] / coef;
                    if (leave < 0 || ratio < best - Eps || (ratio <= best + Eps && basis[i] < basis[leave]))
                    {
                        best = leave < 0 ? ratio : Math.Min(best, ratio);
                        leave = i;
                    }
                }
            }

            if (leave < 0)
            {
                status = SimplexStatus.Unbounded;
                break;
            }

            degenerateRun = best <= Eps ? degenerateRun + 1 : 0;
            Pivot(leave, enter);
            basis[leave] = enter;
        }

        var x = new double[n];
        for (var i = 0; i < m; i++)
        {
            if (basis[i] < n)
            {
                x[basis[i]] = Math.Max(t[(i * width) + width - 1], 0);
            }
        }

        double value = 0;
        for (var j = 0; j < n; j++)
        {
            value += c[j] * x[j];
        }

        return (status, x, value);
    }

    private void Pivot(int row, int col)
    {
        var rowOffset = row * width;
        var p = t[rowOffset + col];
        for (var j = 0; j < width; j++)
        {
            t[rowOffset + j] /= p;
        }

        for (var i = 0; i <= m; i++)
        {
            if (i == row)
            {
                continue;
            }

            var offset = i * width;
            var f = t[offset + col];
            if (f == 0)
            {
                continue;
            }

            for (var j = 0; j < width; j++)
            {
                t[offset + j] -= f * t[rowOffset + j];
            }
        }
    }
}
