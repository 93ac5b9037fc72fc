using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex;

/// <summary>Small numerical helpers shared by the weighting methods.</summary>
internal static class WeightMath
{
    /// <summary>
    /// Weights are relative, so multiplying all of them by a power of two changes no ratio (exactly: only the exponent
    /// moves, barring weights 2^1022 times smaller than the largest, which underflow). When the sum of non-negative
    /// weights could overflow (largest × count above 1e300), returns them scaled so the largest lies in [1, 2);
    /// otherwise returns <paramref name="v"/> itself, so ordinary weights are used bit for bit as given.
    /// </summary>
    public static double[] ScaleToFiniteSum(double[] v)
    {
        double max = 0;
        foreach (var x in v)
        {
            if (x > max)
            {
                max = x;
            }
        }

        if (!(max > 1e300 / Math.Max(1, v.Length)) || !double.IsFinite(max))
        {
            return v;
        }

        var k = -Math.ILogB(max);
        var r = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            r[i] = Math.ScaleB(v[i], k);
        }

        return r;
    }

    /// <summary>Returns <c>v / Σ v</c>, summing after <see cref="ScaleToFiniteSum"/> (so weights near the largest double do not overflow); the input is not modified.</summary>
    public static double[] Normalize(double[] v)
    {
        v = ScaleToFiniteSum(v);
        double sum = 0;
        foreach (var x in v)
        {
            sum += x;
        }

        var r = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            r[i] = v[i] / sum;
        }

        return r;
    }

    public static bool MapEquals(ImmutableSortedDictionary<string, double>? a, ImmutableSortedDictionary<string, double>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var o) || !v.Equals(o))
            {
                return false;
            }
        }

        return true;
    }

    public static int MapHash(ImmutableSortedDictionary<string, double>? a)
    {
        var h = new HashCode();
        if (a is not null)
        {
            foreach (var (k, v) in a)
            {
                h.Add(k);
                h.Add(v);
            }
        }

        return h.ToHashCode();
    }

    /// <summary>Pearson correlation of two equal-length spans without missing values (NaN when one is constant); <see cref="Stats.Pearson"/>.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Stats.Pearson(x, y);

    /// <summary>The correlation matrix of the context's children.</summary>
    public static Matrix<double> CorrelationMatrix(WeightingContext context)
    {
        var n = context.Count;
        var r = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            r[i, i] = 1;
            for (var j = i + 1; j < n; j++)
            {
                var c = Correlation(context.Column(i), context.Column(j));
                if (double.IsNaN(c))
                {
                    var constant = double.IsNaN(Correlation(context.Column(i), context.Column(i))) ? context.ChildIds[i] : context.ChildIds[j];
                    throw context.Error($"child '{constant}' is constant over the {context.Rows} observations, so its correlations are undefined.");
                }

                r[i, j] = c;
                r[j, i] = c;
            }
        }

        return r;
    }

    /// <summary>
    /// The varimax tolerance R's <c>factanal</c> uses (<c>varimax(eps = 1e-5)</c>, R's default): the iteration stops when
    /// the criterion grows by less than a factor 1 + 10⁻⁵, which leaves loadings up to ~10⁻³ from the fully converged
    /// rotation. Used with maximum-likelihood extraction so that its loadings are factanal's.
    /// </summary>
    public const double FactanalVarimaxTolerance = 1e-5;

    /// <summary>
    /// Rotates loadings with Kaiser-normalised varimax (when <paramref name="varimax"/>) and orients each factor so that
    /// its loadings sum to a non-negative number (a factor's sign is arbitrary); the input is not modified.
    /// </summary>
    /// <param name="loadings">p × k loadings.</param>
    /// <param name="varimax">Whether to rotate.</param>
    /// <param name="tolerance">The varimax convergence tolerance (<see cref="FactanalVarimaxTolerance"/> to match R's <c>factanal</c>).</param>
    public static Matrix<double> RotateAndOrient(Matrix<double> loadings, bool varimax, double tolerance = 1e-12)
    {
        var result = varimax ? Varimax(loadings, true, tolerance) : loadings.Clone();
        for (var f = 0; f < result.ColumnCount; f++)
        {
            var col = result.Column(f);
            if (col.Sum() < 0)
            {
                result.SetColumn(f, -col);
            }
        }

        return result;
    }

    /// <summary>
    /// Kaiser-normalised varimax rotation (Kaiser 1958, <i>Psychometrika</i> 23:187–200), by the SVD iteration used in
    /// R's <c>stats::varimax</c>: <c>B = Xᵀ(Z³ − Z·diag(ΣZ²)/p)</c>, <c>T = U Vᵀ</c> from <c>B = U D Vᵀ</c>, until Σ D stops growing.
    /// </summary>
    /// <param name="loadings">p × k loadings.</param>
    /// <param name="normalize">Whether to apply Kaiser's row normalisation.</param>
    /// <param name="tolerance">The relative convergence tolerance.</param>
    /// <returns>The rotated loadings.</returns>
    public static Matrix<double> Varimax(Matrix<double> loadings, bool normalize = true, double tolerance = 1e-12)
    {
        var p = loadings.RowCount;
        var k = loadings.ColumnCount;
        if (k < 2)
        {
            return loadings.Clone();
        }

        var x = loadings.Clone();
        var sc = new double[p];
        if (normalize)
        {
            for (var i = 0; i < p; i++)
            {
                sc[i] = Math.Sqrt(x.Row(i).DotProduct(x.Row(i)));
                if (sc[i] > 0)
                {
                    x.SetRow(i, x.Row(i) / sc[i]);
                }
            }
        }

        var t = Matrix<double>.Build.DenseIdentity(k);
        double d = 0;
        for (var iter = 0; iter < 10_000; iter++)
        {
            var z = x * t;
            var colSq = new double[k];
            for (var j = 0; j < k; j++)
            {
                colSq[j] = z.Column(j).DotProduct(z.Column(j));
            }

            var target = z.PointwisePower(3) - (z * Matrix<double>.Build.DenseOfDiagonalArray(colSq) / p);
            var b = x.TransposeThisAndMultiply(target);
            var svd = b.Svd(true);
            t = svd.U * svd.VT;
            var past = d;
            d = svd.S.Sum();
            if (d < past * (1 + tolerance))
            {
                break;
            }
        }

        var rotated = x * t;
        if (normalize)
        {
            for (var i = 0; i < p; i++)
            {
                rotated.SetRow(i, rotated.Row(i) * sc[i]);
            }
        }

        return rotated;
    }
}
