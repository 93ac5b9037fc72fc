using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex;

/// <summary>
/// Maximum-likelihood factor extraction from a correlation matrix (Lawley &amp; Maxwell 1971, <i>Factor Analysis as a
/// Statistical Method</i>, 2nd ed., ch. 4; Jöreskog 1967, "Some contributions to maximum likelihood factor analysis",
/// <i>Psychometrika</i> 32(4):443–482, doi:10.1007/BF02289658), with the criterion, start and bounds documented for
/// R's <c>stats::factanal</c>.
/// </summary>
/// <remarks>
/// <para>Model <c>R ≈ ΛΛᵀ + Ψ</c> (p variables, k factors, Ψ diagonal uniquenesses). For given Ψ, let
/// λ₁ ≥ … ≥ λ_p and E be the eigenvalues and eigenvectors of <c>Ψ^{-1/2} R Ψ^{-1/2}</c>. The ML discrepancy concentrated
/// in Ψ is <c>F(Ψ) = Σ_{j&gt;k} (λ_j − ln λ_j − 1)</c>, minimised over <c>Ψ ∈ [ψ_min, 1]^p</c>; the loadings are
/// <c>Λ = Ψ^{1/2} E_k diag(√max(λ_j − 1, 0))</c>. Gradient (Jöreskog 1967):
/// <c>∂F/∂ψ_i = ((ΛΛᵀ + Ψ − R)_ii) / ψ_i²</c>. Start <c>ψ_i = (1 − k/(2p)) / (R⁻¹)_ii</c>; the minimisation is
/// <see cref="BoundedQuasiNewton"/>. A uniqueness at <c>ψ_min</c> is a Heywood case (the unbounded optimum has
/// ψ ≤ 0). Needs a positive-definite R and <c>((p − k)² − (p + k))/2 ≥ 0</c> degrees of freedom.</para>
/// </remarks>
internal static class MaximumLikelihoodFactors
{
    /// <summary>The iteration limit of the minimisation.</summary>
    public const int MaxIterations = 1000;

    /// <summary>The degrees of freedom of the k-factor model of p variables, <c>((p − k)² − (p + k))/2</c>.</summary>
    public static int DegreesOfFreedom(int p, int k) => (((p - k) * (p - k)) - (p + k)) / 2;

    /// <summary>The largest number of factors with non-negative degrees of freedom (0 when none).</summary>
    public static int MaxFactors(int p)
    {
        var k = 0;
        while (k + 1 <= p && DegreesOfFreedom(p, k + 1) >= 0)
        {
            k++;
        }

        return k;
    }

    /// <summary>Fits k factors to the correlation matrix <paramref name="r"/>.</summary>
    /// <param name="r">A positive-definite correlation matrix (not modified).</param>
    /// <param name="k">The number of factors.</param>
    /// <param name="minUniqueness">The lower bound of each uniqueness, in (0, 1).</param>
    /// <returns>The fit, or <see langword="null"/> when <paramref name="r"/> is not positive definite.</returns>
    public static Fit? Estimate(Matrix<double> r, int k, double minUniqueness) => Estimate(r, k, [.. Enumerable.Repeat(minUniqueness, r.RowCount)]);

    /// <summary>Fits k factors with a lower bound per uniqueness (e.g. to hold some uniquenesses at published values).</summary>
    /// <param name="r">A positive-definite correlation matrix (not modified).</param>
    /// <param name="k">The number of factors.</param>
    /// <param name="minUniqueness">The lower bound of each uniqueness, in (0, 1).</param>
    /// <param name="maxIterations">The iteration limit of the minimisation.</param>
    /// <returns>The fit, or <see langword="null"/> when <paramref name="r"/> is not positive definite.</returns>
    public static Fit? Estimate(Matrix<double> r, int k, double[] minUniqueness, int maxIterations = MaxIterations)
    {
        var p = r.RowCount;
        Matrix<double> inverse;
        try
        {
            var cholesky = r.Cholesky();
            if (!(cholesky.Determinant > 0))
            {
                return null;
            }

            inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(p));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var start = new double[p];
        var lower = new double[p];
        var upper = new double[p];
        for (var i = 0; i < p; i++)
        {
            start[i] = (1 - (0.5 * k / p)) / inverse[i, i];
            lower[i] = minUniqueness[i];
            upper[i] = 1;
        }

        var work = new Workspace(r, k);
        var result = BoundedQuasiNewton.Minimize(work.Evaluate, start, lower, upper, maxIterations);
        var loadings = work.Loadings(result.X);
        return new Fit(result.X, loadings, result.Value, result.Iterations, result.Converged, result.ProjectedGradient);
    }

    /// <summary>A maximum-likelihood fit.</summary>
    /// <param name="Uniquenesses">Ψ, in variable order.</param>
    /// <param name="Loadings">The unrotated loadings Λ (p × k).</param>
    /// <param name="Objective">F(Ψ) at the solution.</param>
    /// <param name="Iterations">The quasi-Newton iterations used.</param>
    /// <param name="Converged">Whether the minimisation converged.</param>
    /// <param name="ProjectedGradient">The final projected-gradient norm.</param>
    public sealed record Fit(double[] Uniquenesses, Matrix<double> Loadings, double Objective, int Iterations, bool Converged, double ProjectedGradient);

    /// <summary>Objective, gradient and loadings for one correlation matrix (buffers reused across evaluations of one fit).</summary>
    private sealed class Workspace(Matrix<double> r, int k)
    {
        private readonly int p = r.RowCount;
        private readonly Matrix<double> scaled = Matrix<double>.Build.Dense(r.RowCount, r.RowCount);

        public double Evaluate(double[] psi, double[] gradient)
        {
            if (psi.Any(v => !(v > 0 && double.IsFinite(1 / v))))
            {
                return double.PositiveInfinity;
            }

            var (values, vectors) = Decompose(psi);
            double f = 0;
            for (var j = k; j < p; j++)
            {
                if (!(values[j] > 0))
                {
                    return double.PositiveInfinity;
                }

                f += values[j] - Math.Log(values[j]) - 1;
            }

            for (var i = 0; i < p; i++)
            {
                // Communality of the fitted model: Σ_c Λ_ic² = ψ_i Σ_c E_ic² max(λ_c − 1, 0).
                double h = 0;
                for (var c = 0; c < k; c++)
                {
                    h += vectors[i, c] * vectors[i, c] * Math.Max(values[c] - 1, 0);
                }

                h *= psi[i];
                gradient[i] = (h + psi[i] - r[i, i]) / (psi[i] * psi[i]);
            }

            return f;
        }

        public Matrix<double> Loadings(double[] psi)
        {
            var (values, vectors) = Decompose(psi);
            var loadings = Matrix<double>.Build.Dense(p, k);
            for (var c = 0; c < k; c++)
            {
                var scale = Math.Sqrt(Math.Max(values[c] - 1, 0));
                for (var i = 0; i < p; i++)
                {
                    loadings[i, c] = Math.Sqrt(psi[i]) * vectors[i, c] * scale;
                }
            }

            return loadings;
        }

        /// <summary>Eigenvalues (descending) and matching eigenvectors (columns) of Ψ^{-1/2} R Ψ^{-1/2}.</summary>
        private (double[] Values, Matrix<double> Vectors) Decompose(double[] psi)
        {
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < p; j++)
                {
                    scaled[i, j] = r[i, j] / Math.Sqrt(psi[i] * psi[j]);
                }
            }

            var evd = scaled.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            var values = new double[p];
            var vectors = Matrix<double>.Build.Dense(p, p);
            for (var c = 0; c < p; c++)
            {
                values[c] = evd.EigenValues[order[c]].Real;
                vectors.SetColumn(c, evd.EigenVectors.Column(order[c]));
            }

            return (values, vectors);
        }
    }
}
