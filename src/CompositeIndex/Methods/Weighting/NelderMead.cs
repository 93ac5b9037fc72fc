namespace CompositeIndex;

/// <summary>
/// Deterministic Nelder–Mead simplex minimisation (Nelder &amp; Mead 1965, <i>Computer Journal</i> 7:308–313) with the
/// standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al. 1998, <i>SIAM J.
/// Optim.</i> 9(1):112–147), as R's <c>optim(method = "Nelder-Mead")</c> that COINr uses.
/// </summary>
internal static class NelderMead
{
    public static (double[] X, double Value, int Iterations) Minimize(Func<double[], double> f, double[] start, double step, int maxIterations, double tolerance)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            var p = (double[])start.Clone();
            p[i] += step;
            points[i + 1] = p;
        }

        for (var i = 0; i <= n; i++)
        {
            values[i] = f(points[i]);
        }

        var iter = 0;
        var order = new int[n + 1];
        for (; iter < maxIterations; iter++)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => values[a].CompareTo(values[b]) is var c && c != 0 ? c : a.CompareTo(b));
            var best = order[0];
            var worst = order[n];
            var second = order[n - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + tolerance))
            {
                break;
            }

            var centroid = new double[n];
            for (var k = 0; k < n; k++)
            {
                var i = order[k];
                for (var d = 0; d < n; d++)
                {
                    centroid[d] += points[i][d] / n;
                }
            }

            var reflected = Combine(centroid, points[worst], -1);
            var fr = f(reflected);
            if (fr < values[best])
            {
                var expanded = Combine(centroid, points[worst], -2);
                var fe = f(expanded);
                (points[worst], values[worst]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[second])
            {
                (points[worst], values[worst]) = (reflected, fr);
            }
            else
            {
                var outside = fr < values[worst];
                var contracted = outside ? Combine(centroid, points[worst], -0.5) : Combine(centroid, points[worst], 0.5);
                var fc = f(contracted);
                if (fc < (outside ? fr : values[worst]))
                {
                    (points[worst], values[worst]) = (contracted, fc);
                }
                else
                {
                    for (var k = 1; k <= n; k++)
                    {
                        var i = order[k];
                        for (var d = 0; d < n; d++)
                        {
                            points[i][d] = points[best][d] + (0.5 * (points[i][d] - points[best][d]));
                        }

                        values[i] = f(points[i]);
                    }
                }
            }
        }

        var arg = 0;
        for (var i = 1; i <= n; i++)
        {
            if (values[i] < values[arg])
            {
                arg = i;
            }
        }

        return (points[arg], values[arg], iter);
    }

    /// <summary><c>c + t·(p − c)</c>: t = −1 reflects p through c, −2 expands, ±½ contracts.</summary>
    private static double[] Combine(double[] c, double[] p, double t)
    {
        var r = new double[c.Length];
        for (var d = 0; d < c.Length; d++)
        {
            r[d] = c[d] + (t * (p[d] - c[d]));
        }

        return r;
    }
}
