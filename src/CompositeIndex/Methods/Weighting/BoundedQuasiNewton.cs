namespace CompositeIndex;

/// <summary>
/// Deterministic minimisation of a smooth function over a box <c>l ≤ x ≤ u</c> by a projected quasi-Newton (BFGS)
/// method with an analytic gradient (Bertsekas 1982, "Projected Newton methods for optimization problems with simple
/// constraints", <i>SIAM J. Control Optim.</i> 20(2):221–246; Nocedal &amp; Wright 2006, <i>Numerical Optimization</i>,
/// 2nd ed., §6.1 BFGS and §16.7 gradient projection).
/// </summary>
/// <remarks>
/// <para>Each iteration: the active set A holds the variables at a bound whose gradient points out of the box; the
/// direction is <c>d_F = −H_FF g_F</c> on the free variables (H the inverse-Hessian approximation) and 0 on A; the step
/// is the first of t = 1, ½, ¼, … whose projected point <c>x(t) = P(x + t d)</c> satisfies Armijo's condition
/// <c>f(x(t)) ≤ f(x) + 10⁻⁴ gᵀ(x(t) − x)</c>. H starts as the identity (the first step is scaled so that no variable
/// moves more than <c>initialStep</c>), is rescaled to <c>sᵀy/yᵀy</c> after the first step (Nocedal &amp; Wright eq.
/// 6.20), gets the BFGS update when <c>sᵀy &gt; 0</c>, and is reset to that scaled identity whenever the active set
/// changes or d is not a descent direction.</para>
/// <para>Converged when the projected gradient <c>‖x − P(x − g)‖∞ ≤ gradientTolerance</c>, or when no step decreases f
/// any more (rounding level) and the projected gradient is at most <c>stallTolerance</c>. Deterministic: no randomness,
/// fixed evaluation order.</para>
/// </remarks>
internal static class BoundedQuasiNewton
{
    /// <summary>Evaluates the objective at <paramref name="x"/> and writes its gradient into <paramref name="gradient"/>; returns +∞ outside the domain.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public static Result Minimize(Objective f, double[] start, double[] lower, double[] upper, int maxIterations, double gradientTolerance = 1e-8, double stallTolerance = 1e-5, double initialStep = 0.1)
    {
        var n = start.Length;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(start[i], lower[i], upper[i]);
        }

        var g = new double[n];
        var fx = f(x, g);
        if (!double.IsFinite(fx))
        {
            return new Result(x, fx, 0, false, double.PositiveInfinity);
        }

        var h = Identity(n, 1);
        var gamma = 1.0;
        var first = true;
        var active = new bool[n];
        var previous = new bool[n];
        var d = new double[n];
        var xn = new double[n];
        var gn = new double[n];
        var s = new double[n];
        var y = new double[n];
        for (var iter = 0; iter < maxIterations; iter++)
        {
            var pg = ProjectedGradient(x, g, lower, upper);
            if (pg <= gradientTolerance)
            {
                return new Result(x, fx, iter, true, pg);
            }

            var changed = false;
            for (var i = 0; i < n; i++)
            {
                active[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
                changed |= active[i] != previous[i];
            }

            if (changed && !first)
            {
                h = Identity(n, gamma);
            }

            (previous, active) = (active, previous);
            var slope = Direction(h, g, previous, d);
            if (!(slope < 0))
            {
                h = Identity(n, gamma);
                slope = Direction(h, g, previous, d);
            }

            if (first)
            {
                var largest = d.Max(Math.Abs);
                if (largest > initialStep)
                {
                    for (var i = 0; i < n; i++)
                    {
                        d[i] *= initialStep / largest;
                    }
                }
            }

            var t = 1.0;
            var accepted = false;
            double fn = double.NaN;
            for (var ls = 0; ls < 60 && !accepted; ls++, t *= 0.5)
            {
                double decrease = 0;
                for (var i = 0; i < n; i++)
                {
                    xn[i] = Math.Clamp(x[i] + (t * d[i]), lower[i], upper[i]);
                    decrease += g[i] * (xn[i] - x[i]);
                }

                if (!(decrease < 0))
                {
                    // The projection bent a long step out of the descent cone; a shorter one may still descend.
                    continue;
                }

                fn = f(xn, gn);
                accepted = fn <= fx + (1e-4 * decrease);
            }

            if (!accepted)
            {
                return new Result(x, fx, iter, pg <= stallTolerance, pg);
            }

            double sy = 0, yy = 0, ss = 0;
            for (var i = 0; i < n; i++)
            {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
                ss += s[i] * s[i];
            }

            if (sy > 1e-12 * Math.Sqrt(ss * yy))
            {
                if (first)
                {
                    gamma = sy / yy;
                    h = Identity(n, gamma);
                }

                Update(h, s, y, sy);
            }

            first = false;
            (x, xn) = (xn, x);
            (g, gn) = (gn, g);
            fx = fn;
        }

        var final = ProjectedGradient(x, g, lower, upper);
        return new Result(x, fx, maxIterations, final <= gradientTolerance, final);
    }

    private static double ProjectedGradient(double[] x, double[] g, double[] lower, double[] upper)
    {
        double pg = 0;
        for (var i = 0; i < x.Length; i++)
        {
            pg = Math.Max(pg, Math.Abs(x[i] - Math.Clamp(x[i] - g[i], lower[i], upper[i])));
        }

        return pg;
    }

    /// <summary>Writes <c>d = −H_FF g_F</c> (0 on the active set) and returns <c>gᵀd</c>.</summary>
    private static double Direction(double[,] h, double[] g, bool[] active, double[] d)
    {
        var n = g.Length;
        double slope = 0;
        for (var i = 0; i < n; i++)
        {
            d[i] = 0;
            if (active[i])
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                if (!active[j])
                {
                    d[i] -= h[i, j] * g[j];
                }
            }

            slope += g[i] * d[i];
        }

        return slope;
    }

    /// <summary>BFGS update of the inverse Hessian: <c>H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ</c>, ρ = 1/sᵀy.</summary>
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var rho = 1 / sy;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hy[i] += h[i, j] * y[j];
            }
        }

        double yhy = 0;
        for (var i = 0; i < n; i++)
        {
            yhy += y[i] * hy[i];
        }

        // Expanded form: H + ρ²(yᵀHy)ssᵀ + ρssᵀ − ρ(Hy sᵀ + s yᵀH), with H symmetric.
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (((rho * rho * yhy) + rho) * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j])));
            }
        }
    }

    private static double[,] Identity(int n, double scale)
    {
        var h = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            h[i, i] = scale;
        }

        return h;
    }

    /// <summary>The minimiser found.</summary>
    /// <param name="X">The point.</param>
    /// <param name="Value">The objective there.</param>
    /// <param name="Iterations">The iterations used.</param>
    /// <param name="Converged">Whether a convergence criterion was met.</param>
    /// <param name="ProjectedGradient">The final projected-gradient norm <c>‖x − P(x − g)‖∞</c>.</param>
    public sealed record Result(double[] X, double Value, int Iterations, bool Converged, double ProjectedGradient);
}
