using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex.Analysis;

/// <summary>
/// A k-factor analysis of the correlation matrix of some variables: rotated loadings, uniquenesses, communalities and
/// explained variance (R's <c>factanal</c> for maximum likelihood; the OECD/JRC Handbook 2008, Tables 9 and 10).
/// </summary>
/// <remarks>
/// <para>Factor order after rotation and factor signs are arbitrary (as in any factor analysis); compare with other
/// software up to the order and sign of each factor.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FactorAnalysisResult
{
    internal FactorAnalysisResult(string? groupId, ImmutableArray<string> variables, ImmutableArray<string> unitsUsed, FactorExtraction extraction, FactorRotation rotation, ImmutableArray<ImmutableArray<double>> loadings, ImmutableArray<double> uniquenesses, double objective, int iterations, int degreesOfFreedom, ImmutableArray<string> heywoodCases)
    {
        GroupId = groupId;
        Variables = variables;
        UnitsUsed = unitsUsed;
        Extraction = extraction;
        Rotation = rotation;
        Loadings = loadings;
        Uniquenesses = uniquenesses;
        Objective = objective;
        Iterations = iterations;
        DegreesOfFreedom = degreesOfFreedom;
        HeywoodCases = heywoodCases;
    }

    /// <summary>Gets the group the variables belong to, or <see langword="null"/> for an ad-hoc set.</summary>
    public string? GroupId { get; }

    /// <summary>Gets the variables, in order.</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>Gets the units used: those with a value for every variable (complete cases).</summary>
    public ImmutableArray<string> UnitsUsed { get; }

    /// <summary>Gets how the factors were extracted.</summary>
    public FactorExtraction Extraction { get; }

    /// <summary>Gets the rotation applied.</summary>
    public FactorRotation Rotation { get; }

    /// <summary>Gets the (rotated) loadings: <c>Loadings[v][f]</c> is variable v on factor f; each factor is oriented so that its loadings sum to a non-negative number.</summary>
    public ImmutableArray<ImmutableArray<double>> Loadings { get; }

    /// <summary>Gets ψ of each variable: the fitted uniquenesses (maximum likelihood) or <c>1 − communality</c> (principal components).</summary>
    public ImmutableArray<double> Uniquenesses { get; }

    /// <summary>Gets the maximum-likelihood discrepancy <c>F(Ψ) = Σ_{j&gt;k} (λ_j − ln λ_j − 1)</c> at the solution; NaN for principal components.</summary>
    public double Objective { get; }

    /// <summary>Gets the quasi-Newton iterations of the maximum-likelihood fit; 0 for principal components.</summary>
    public int Iterations { get; }

    /// <summary>Gets the degrees of freedom of the factor model, <c>((p − k)² − (p + k))/2</c>.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Gets the variables whose uniqueness ended at the lower bound 0.005 (maximum likelihood only): Heywood cases, whose loadings should be read with care.</summary>
    public ImmutableArray<string> HeywoodCases { get; }

    /// <summary>Gets the number of factors.</summary>
    public int Factors => Loadings.IsDefaultOrEmpty ? 0 : Loadings[0].Length;

    /// <summary>Gets each variable's communality, the sum of its squared loadings <c>Σ_f L²_vf</c> (unchanged by an orthogonal rotation).</summary>
    public ImmutableArray<double> Communalities => [.. Loadings.Select(l => l.Sum(x => x * x))];

    /// <summary>Gets the variance each factor explains, the sum of its squared loadings <c>Σ_v L²_vf</c> (the Handbook's "Expl.Var").</summary>
    public ImmutableArray<double> ExplainedVariance => [.. Enumerable.Range(0, Factors).Select(f => Loadings.Sum(l => l[f] * l[f]))];

    /// <summary>Gets the share of the total variance (the number of variables) each factor explains.</summary>
    public ImmutableArray<double> ProportionOfVariance => [.. ExplainedVariance.Select(v => v / Variables.Length)];

    /// <summary>
    /// Gets the likelihood-ratio statistic of the hypothesis that k factors suffice, with Bartlett's correction as in
    /// R's <c>factanal</c>: <c>(n − 1 − (2p + 5)/6 − 2k/3)·F(Ψ)</c> over n units; NaN for principal components or zero
    /// degrees of freedom.
    /// </summary>
    public double Statistic => Extraction == FactorExtraction.MaximumLikelihood && DegreesOfFreedom > 0
        ? (UnitsUsed.Length - 1 - (((2.0 * Variables.Length) + 5) / 6) - (2.0 * Factors / 3)) * Objective
        : double.NaN;

    /// <summary>Gets the upper-tail χ² probability of <see cref="Statistic"/> with <see cref="DegreesOfFreedom"/> degrees of freedom; NaN when the statistic is.</summary>
    public double PValue => double.IsNaN(Statistic) ? double.NaN : 1 - ChiSquared.CDF(DegreesOfFreedom, Math.Max(Statistic, 0));
}

/// <content>Factor analysis (principal-component or maximum-likelihood extraction).</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Runs a k-factor analysis on the Pearson correlations of <paramref name="variables"/> over the units that have all
    /// of them. Maximum likelihood (the default; Lawley &amp; Maxwell 1971; Jöreskog 1967, <i>Psychometrika</i>
    /// 32:443–482): uniquenesses Ψ ∈ [0.005, 1] minimising <c>F(Ψ) = Σ_{j&gt;k} (λ_j − ln λ_j − 1)</c> over the
    /// eigenvalues λ of <c>Ψ^{-1/2} R Ψ^{-1/2}</c> (the criterion, start and bounds of R's <c>factanal</c>; see
    /// <see cref="FactorAnalysisWeighting"/>); principal components: loadings <c>vₖ√λₖ</c> of R. Then the rotation
    /// (Kaiser-normalised varimax by default; for maximum likelihood with factanal's tolerance, so that the result is
    /// R's <c>factanal(x, factors)</c>: checked against its printed help-page example at 3 dp).
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="variables">The variables (at least three for maximum likelihood, two for principal components).</param>
    /// <param name="factors">The number of factors k (maximum likelihood needs <c>((p − k)² − (p + k))/2 ≥ 0</c>).</param>
    /// <param name="extraction">The extraction. The default is maximum likelihood.</param>
    /// <param name="rotation">The rotation. The default is varimax.</param>
    /// <param name="groupId">The group the variables belong to, recorded in the result and named in errors.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException">Too few variables or units, a constant variable, too many factors for the degrees of freedom, or (maximum likelihood) a correlation matrix that is not positive definite.</exception>
    /// <exception cref="UnknownKeyException">A variable is not a column of <paramref name="data"/>.</exception>
    /// <exception cref="NumericalException">The maximum-likelihood fit did not converge.</exception>
    public static FactorAnalysisResult FactorAnalysis(AuditData data, IEnumerable<string> variables, int factors, FactorExtraction extraction = FactorExtraction.MaximumLikelihood, FactorRotation rotation = FactorRotation.Varimax, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(variables);
        var ids = variables.ToImmutableArray();
        var p = ids.Length;
        var ml = extraction == FactorExtraction.MaximumLikelihood;
        if (p < (ml ? 3 : 2))
        {
            throw new ArgumentException($"A {(ml ? "maximum-likelihood " : string.Empty)}factor analysis needs at least {(ml ? 3 : 2)} variables (got {p}).", nameof(variables));
        }

        var df = MaximumLikelihoodFactors.DegreesOfFreedom(p, factors);
        if (factors < 1 || factors > p || (ml && df < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(factors), factors, ml
                ? $"Maximum-likelihood factor analysis of {p} variables can identify 1 to {MaximumLikelihoodFactors.MaxFactors(p)} factor(s): {factors} leave ((p − k)² − (p + k))/2 = {df} degrees of freedom."
                : $"The number of factors must be between 1 and {p}.");
        }

        var cols = ids.Select(v => data[v].ToArray()).ToArray();
        var rows = Enumerable.Range(0, data.Units.Length).Where(j => cols.All(c => !double.IsNaN(c[j]))).ToArray();
        if (rows.Length < 3)
        {
            throw new ArgumentException($"A factor analysis needs at least three units with every variable present (found {rows.Length}).", nameof(data));
        }

        var complete = cols.Select(c => rows.Select(j => c[j]).ToArray()).ToArray();
        var r = Matrix<double>.Build.DenseIdentity(p);
        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                var c = Stats.Pearson(complete[a], complete[b]);
                if (double.IsNaN(c))
                {
                    var constant = double.IsNaN(Stats.Pearson(complete[a], complete[a])) ? ids[a] : ids[b];
                    throw new ArgumentException($"Variable '{constant}' is constant over the {rows.Length} units used; its correlations are undefined.", nameof(variables));
                }

                r[a, b] = c;
                r[b, a] = c;
            }
        }

        Matrix<double> loadings;
        double[] uniquenesses;
        var objective = double.NaN;
        var iterations = 0;
        var heywood = ImmutableArray<string>.Empty;
        if (ml)
        {
            var fit = MaximumLikelihoodFactors.Estimate(r, factors, FactorAnalysisWeighting.DefaultMinUniqueness)
                ?? throw new ArgumentException($"The correlation matrix of the {p} variables over {rows.Length} units is not positive definite (collinear variables or too few units); maximum likelihood needs it to be.", nameof(data));
            if (!fit.Converged)
            {
                throw new NumericalException($"maximum-likelihood factor analysis with {factors} factor(s) did not converge after {fit.Iterations} iterations (projected gradient {fit.ProjectedGradient.ToString("G3", CultureInfo.InvariantCulture)}).", groupId ?? string.Join(",", ids));
            }

            loadings = fit.Loadings;
            uniquenesses = fit.Uniquenesses;
            objective = fit.Objective;
            iterations = fit.Iterations;
            heywood = [.. ids.Where((_, i) => fit.Uniquenesses[i] <= FactorAnalysisWeighting.DefaultMinUniqueness * (1 + 1e-9))];
        }
        else
        {
            var evd = r.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            loadings = Matrix<double>.Build.Dense(p, factors);
            for (var f = 0; f < factors; f++)
            {
                loadings.SetColumn(f, evd.EigenVectors.Column(order[f]) * Math.Sqrt(Math.Max(evd.EigenValues[order[f]].Real, 0)));
            }

            uniquenesses = [.. Enumerable.Range(0, p).Select(i => 1 - loadings.Row(i).DotProduct(loadings.Row(i)))];
        }

        var rotated = WeightMath.RotateAndOrient(loadings, rotation == FactorRotation.Varimax, ml ? WeightMath.FactanalVarimaxTolerance : 1e-12);
        return new FactorAnalysisResult(
            groupId,
            ids,
            [.. rows.Select(j => data.Units[j])],
            extraction,
            rotation,
            [.. Enumerable.Range(0, p).Select(i => Enumerable.Range(0, factors).Select(f => rotated[i, f]).ToImmutableArray())],
            [.. uniquenesses],
            objective,
            iterations,
            df,
            heywood);
    }
}
