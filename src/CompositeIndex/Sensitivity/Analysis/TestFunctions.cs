using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity.Sobol;

/// <summary>
/// Analytic test functions of global sensitivity analysis with known Sobol' indices, for verifying samplers and
/// estimators (as SALib's <c>test_functions</c>). Inputs are given on the unit hypercube [0, 1)^k.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TestFunctions
{
    /// <summary>
    /// The Ishigami function <c>f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁</c> with x_i uniform on [−π, π] (here mapped from
    /// u ∈ [0, 1)³ by x = −π + 2πu).
    /// </summary>
    /// <remarks>T. Ishigami and T. Homma, "An importance quantification technique in uncertainty analysis for computer
    /// models", ISUMA '90, 398–403, 1990; Saltelli et al., <i>Global Sensitivity Analysis. The Primer</i>, Wiley 2008.</remarks>
    /// <param name="u">Three coordinates in [0, 1).</param>
    /// <param name="a">The parameter a. The usual value is 7.</param>
    /// <param name="b">The parameter b. The usual value is 0.1.</param>
    /// <returns>The function value.</returns>
    public static double Ishigami(ReadOnlySpan<double> u, double a = 7, double b = 0.1)
    {
        var x1 = -Math.PI + (2 * Math.PI * u[0]);
        var x2 = -Math.PI + (2 * Math.PI * u[1]);
        var x3 = -Math.PI + (2 * Math.PI * u[2]);
        var s2 = Math.Sin(x2);
        return Math.Sin(x1) + (a * s2 * s2) + (b * x3 * x3 * x3 * x3 * Math.Sin(x1));
    }

    /// <summary>Gets the analytic first- and total-order indices of <see cref="Ishigami"/>.</summary>
    /// <remarks>
    /// With <c>V₁ = ½(1 + bπ⁴/5)²</c>, <c>V₂ = a²/8</c>, <c>V₁₃ = b²π⁸(1/18 − 1/50)</c> and <c>V = V₁ + V₂ + V₁₃</c>:
    /// S = (V₁, V₂, 0)/V and ST = (V₁ + V₁₃, V₂, V₁₃)/V (Sobol' and Levitan 1999; the Primer, §4.9).
    /// </remarks>
    /// <param name="a">The parameter a.</param>
    /// <param name="b">The parameter b.</param>
    /// <returns>The indices S1 and ST (3 each).</returns>
    public static (ImmutableArray<double> S1, ImmutableArray<double> ST) IshigamiIndices(double a = 7, double b = 0.1)
    {
        var pi4 = Math.Pow(Math.PI, 4);
        var pi8 = pi4 * pi4;
        var v1 = 0.5 * Math.Pow(1 + (b * pi4 / 5), 2);
        var v2 = a * a / 8;
        var v13 = b * b * pi8 * ((1.0 / 18) - (1.0 / 50));
        var v = v1 + v2 + v13;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    /// <summary>
    /// Sobol's G function <c>f = Π_i (|4u_i − 2| + a_i)/(1 + a_i)</c> on [0, 1)^k; small a_i mean important inputs.
    /// </summary>
    /// <remarks>I. M. Sobol', "Theorems and examples on high dimensional model representation", <i>Reliab. Eng. Syst. Saf.</i>
    /// 79, 187–193, 2003; A. Saltelli and I. M. Sobol', 1995.</remarks>
    /// <param name="u">k coordinates in [0, 1).</param>
    /// <param name="a">k non-negative parameters.</param>
    /// <returns>The function value.</returns>
    public static double SobolG(ReadOnlySpan<double> u, ReadOnlySpan<double> a)
    {
        double f = 1;
        for (var i = 0; i < a.Length; i++)
        {
            f *= (Math.Abs((4 * u[i]) - 2) + a[i]) / (1 + a[i]);
        }

        return f;
    }

    /// <summary>Gets the analytic indices of <see cref="SobolG"/>: with <c>V_i = 1/(3(1 + a_i)²)</c> and <c>V = Π(1 + V_i) − 1</c>,
    /// S_i = V_i/V and ST_i = V_i Π_(j≠i)(1 + V_j)/V.</summary>
    /// <param name="a">The parameters.</param>
    /// <returns>The indices S1 and ST.</returns>
    public static (ImmutableArray<double> S1, ImmutableArray<double> ST) SobolGIndices(ReadOnlySpan<double> a)
    {
        var vi = new double[a.Length];
        double prod = 1;
        for (var i = 0; i < a.Length; i++)
        {
            vi[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
            prod *= 1 + vi[i];
        }

        var v = prod - 1;
        var s1 = new double[a.Length];
        var st = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            s1[i] = vi[i] / v;
            st[i] = vi[i] * (prod / (1 + vi[i])) / v;
        }

        return ([.. s1], [.. st]);
    }
}
