using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>
/// Maximum-likelihood factor extraction and its bounded quasi-Newton minimiser, against analytic cases: a correlation
/// matrix generated exactly from a factor model <c>R = ΛΛᵀ + Ψ</c> is fitted exactly (F = 0), so Λ (up to sign, or
/// up to rotation for k &gt; 1) and Ψ come back.
/// </summary>
public class MaximumLikelihoodFactorsTests
{
    private static Matrix<double> Model(double[,] lambda)
    {
        var l = Matrix<double>.Build.DenseOfArray(lambda);
        var r = l * l.Transpose();
        for (var i = 0; i < r.RowCount; i++)
        {
            r[i, i] = 1;
        }

        return r;
    }

    [Fact]
    public void Estimate_ExactOneFactorModel_ReturnsLoadingsAndUniquenessesWithin1e6()
    {
        double[] lambda = [0.9, 0.8, 0.7, 0.6, 0.5];
        var r = Model(new double[,] { { 0.9 }, { 0.8 }, { 0.7 }, { 0.6 }, { 0.5 } });
        var fit = MaximumLikelihoodFactors.Estimate(r, 1, 0.005)!;
        Assert.True(fit.Converged);
        Assert.InRange(fit.Objective, -1e-12, 1e-10);
        var sign = Math.Sign(fit.Loadings[0, 0]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(lambda[i], sign * fit.Loadings[i, 0], 6);
            Assert.Equal(1 - (lambda[i] * lambda[i]), fit.Uniquenesses[i], 6);
        }
    }

    [Fact]
    public void Estimate_ExactTwoFactorModel_ReproducesCorrelationsAndUniquenessesWithin1e6()
    {
        // Six variables, two factors (df = ((6 − 2)² − 8)/2 = 4): Λ is identified only up to an orthogonal rotation,
        // so compare ΛΛᵀ and Ψ.
        var lambda = new double[,] { { 0.8, 0.1 }, { 0.7, 0.2 }, { 0.6, 0.0 }, { 0.1, 0.7 }, { 0.2, 0.6 }, { 0.0, 0.5 } };
        var r = Model(lambda);
        var fit = MaximumLikelihoodFactors.Estimate(r, 2, 0.005)!;
        Assert.True(fit.Converged);
        var implied = fit.Loadings * fit.Loadings.Transpose();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(1 - (lambda[i, 0] * lambda[i, 0]) - (lambda[i, 1] * lambda[i, 1]), fit.Uniquenesses[i], 6);
            for (var j = 0; j < 6; j++)
            {
                if (i != j)
                {
                    Assert.Equal(r[i, j], implied[i, j], 6);
                }
            }
        }
    }

    [Fact]
    public void Estimate_OneFactorNeedingLoadingAboveOne_IsHeywoodAtLowerBound()
    {
        // Three variables, one factor, df = 0: λ₁² = r₁₂ r₁₃ / r₂₃ = 0.64 / 0.5 = 1.28 > 1, so ψ₁ would be −0.28; the
        // bounded optimum puts ψ₁ at the lower bound 0.005.
        var r = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.8, 0.8 }, { 0.8, 1, 0.5 }, { 0.8, 0.5, 1 } });
        var fit = MaximumLikelihoodFactors.Estimate(r, 1, 0.005)!;
        Assert.True(fit.Converged);
        Assert.Equal(0.005, fit.Uniquenesses[0], 12);
        Assert.True(fit.Uniquenesses[1] > 0.005 && fit.Uniquenesses[2] > 0.005);
    }

    [Fact]
    public void Estimate_SingularCorrelationMatrix_ReturnsNull()
    {
        var r = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0.5 }, { 1, 1, 0.5 }, { 0.5, 0.5, 1 } });
        Assert.Null(MaximumLikelihoodFactors.Estimate(r, 1, 0.005));
    }

    [Theory]
    [InlineData(8, 1, 20)]
    [InlineData(8, 4, 2)]
    [InlineData(8, 5, -2)]
    [InlineData(3, 1, 0)]
    [InlineData(2, 1, -1)]
    public void DegreesOfFreedom_PAndK_MatchFormula(int p, int k, int expected) =>
        Assert.Equal(expected, MaximumLikelihoodFactors.DegreesOfFreedom(p, k));

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(8, 4)]
    [InlineData(10, 6)]
    public void MaxFactors_P_IsLargestKWithNonNegativeDegreesOfFreedom(int p, int expected) =>
        Assert.Equal(expected, MaximumLikelihoodFactors.MaxFactors(p));

    [Fact]
    public void Minimize_QuadraticWithOptimumOutsideBox_StopsAtProjection()
    {
        // min (x − 2)² + (y + 1)² over [0, 1]²: the solution is the projection (1, 0).
        var result = BoundedQuasiNewton.Minimize(
            (x, g) =>
            {
                g[0] = 2 * (x[0] - 2);
                g[1] = 2 * (x[1] + 1);
                return ((x[0] - 2) * (x[0] - 2)) + ((x[1] + 1) * (x[1] + 1));
            },
            [0.5, 0.5],
            [0, 0],
            [1, 1],
            100);
        Assert.True(result.Converged);
        Assert.Equal(1, result.X[0], 12);
        Assert.Equal(0, result.X[1], 12);
    }

    [Fact]
    public void Minimize_RosenbrockInBox_ReachesInteriorMinimumWithin1e6()
    {
        var result = BoundedQuasiNewton.Minimize(
            (x, g) =>
            {
                var a = 1 - x[0];
                var b = x[1] - (x[0] * x[0]);
                g[0] = (-2 * a) - (400 * x[0] * b);
                g[1] = 200 * b;
                return (a * a) + (100 * b * b);
            },
            [-1.2, 1],
            [-2, -2],
            [2, 2],
            1000);
        Assert.True(result.Converged);
        Assert.Equal(1, result.X[0], 6);
        Assert.Equal(1, result.X[1], 6);
    }

    [Fact]
    public void Estimate_IterationLimitTooSmall_ReportsNotConverged()
    {
        var r = Model(new double[,] { { 0.9 }, { 0.8 }, { 0.7 }, { 0.6 }, { 0.5 } });
        var fit = MaximumLikelihoodFactors.Estimate(r, 1, [0.005, 0.005, 0.005, 0.005, 0.005], maxIterations: 1)!;
        Assert.False(fit.Converged);
        Assert.Equal(1, fit.Iterations);
        Assert.True(fit.ProjectedGradient > 1e-8);
    }

    [Fact]
    public void Estimate_SameInput_IsBitIdentical()
    {
        var r = Model(new double[,] { { 0.8, 0.1 }, { 0.7, 0.2 }, { 0.6, 0.3 }, { 0.1, 0.7 }, { 0.2, 0.6 }, { 0.3, 0.5 } });
        r[0, 5] = r[5, 0] = 0.1;
        var a = MaximumLikelihoodFactors.Estimate(r, 2, 0.005)!;
        var b = MaximumLikelihoodFactors.Estimate(r, 2, 0.005)!;
        Assert.Equal(a.Uniquenesses, b.Uniquenesses);
        Assert.Equal(a.Loadings.ToArray(), b.Loadings.ToArray());
    }
}
