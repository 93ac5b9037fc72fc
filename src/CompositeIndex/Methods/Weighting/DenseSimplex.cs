namespace CompositeIndex;

/// <summary>The outcome of <see cref="DenseSimplex.Maximize"/>.</summary>
internal enum SimplexStatus
{
    Optimal = 0,
    Unbounded = 1,
    IterationLimit = 2,
}

/// <summary>
/// A small dense tableau simplex for <c>max cᵀx s.t. A x ≤ b, x ≥ 0</c> with <c>b ≥ 0</c> (so the slack basis is
/// feasible and no phase 1 is needed), as in the benefit-of-the-doubt LPs.
/// </summary>
/// <remarks>
/// Dantzig's tableau method with Bland's smallest-index rule for both the entering and the leaving variable, which
/// rules out cycling on the degenerate vertices that share-bound constraints (right-hand side 0) create (Bland 1977,
/// <i>Mathematics of Operations Research</i> 2(2):103–107; Chvátal 1983, <i>Linear Programming</i>, ch. 3).
/// Deterministic: the same inputs always give the same vertex.
/// </remarks>
internal static class DenseSimplex
{
    private const double Eps = 1e-11;

    /// <summary>Maximises <c>cᵀx</c> subject to <c>A x ≤ b</c>, <c>x ≥ 0</c>; requires <c>b ≥ 0</c>.</summary>
    /// <param name="a">The m × n constraint matrix.</param>
    /// <param name="b">The m right-hand sides, all ≥ 0.</param>
    /// <param name="c">The n objective coefficients.</param>
    /// <returns>The status, the solution x and the objective value.</returns>
    public static (SimplexStatus Status, double[] X, double Value) Maximize(double[,] a, double[] b, double[] c)
    {
        var m = b.Length;
        var n = c.Length;
        if (a.GetLength(0) != m || a.GetLength(1) != n)
        {
            throw new ArgumentException("Dimensions of A, b and c do not agree.", nameof(a));
        }

        // Tableau: rows 0..m-1 constraints [A | I | b]; row m is the objective row [-c | 0 | 0].
        var width = n + m + 1;
        var t = new double[(m + 1) * width];
        var basis = new int[m];
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

        for (var j = 0; j < n; j++)
        {
            t[(m * width) + j] = -c[j];
        }

        var status = SimplexStatus.IterationLimit;
        for (var iter = 0; iter < 50_000; iter++)
        {
            // Bland: the entering variable is the smallest index with a negative reduced cost.
            var enter = -1;
            for (var j = 0; j < n + m; j++)
            {
                if (t[(m * width) + j] < -Eps)
                {
                    enter = j;
                    break;
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
                    if (ratio < best - Eps || (Math.Abs(ratio - best) <= Eps && leave >= 0 && basis[i] < basis[leave]))
                    {
                        best = Math.Min(best, ratio);
                        leave = i;
                    }
                }
            }

            if (leave < 0)
            {
                status = SimplexStatus.Unbounded;
                break;
            }

            Pivot(t, width, m, leave, enter);
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

    private static void Pivot(double[] t, int width, int m, int row, int col)
    {
        var p = t[(row * width) + col];
        for (var j = 0; j < width; j++)
        {
            t[(row * width) + j] /= p;
        }

        for (var i = 0; i <= m; i++)
        {
            if (i == row)
            {
                continue;
            }

            var f = t[(i * width) + col];
            if (f == 0)
            {
                continue;
            }

            for (var j = 0; j < width; j++)
            {
                t[(i * width) + j] -= f * t[(row * width) + j];
            }
        }
    }
}
