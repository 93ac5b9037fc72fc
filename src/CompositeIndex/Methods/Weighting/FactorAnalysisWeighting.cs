using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>The rotation applied to retained factor loadings.</summary>
public enum FactorRotation
{
    /// <summary>Kaiser-normalised varimax (Kaiser 1958), the OECD/JRC Handbook's choice (the default).</summary>
    Varimax = 0,

    /// <summary>No rotation: the principal-component loadings are used as they are.</summary>
    None = 1,
}

/// <summary>How the factors are extracted from the correlation matrix before rotation.</summary>
public enum FactorExtraction
{
    /// <summary>Principal components: loadings <c>vₖ√λₖ</c> of the correlation matrix's leading eigenpairs (the default; Handbook Tables 8, 9, 17).</summary>
    PrincipalComponents = 0,

    /// <summary>
    /// Maximum likelihood (Lawley &amp; Maxwell 1971; Jöreskog 1967): uniquenesses Ψ minimising
    /// <c>F(Ψ) = Σ_{j&gt;k} (λ_j − ln λ_j − 1)</c> over the eigenvalues of <c>Ψ^{-1/2} R Ψ^{-1/2}</c>, as R's
    /// <c>stats::factanal</c> (Handbook Table 10 and the ML column of Table 18).
    /// </summary>
    MaximumLikelihood = 1,
}

/// <summary>
/// Weights from principal components / factor analysis, following the OECD/JRC Handbook procedure: retain the
/// leading factors, rotate their loadings (varimax), and weight each child by its largest squared loading scaled by
/// the variance its factor explains.
/// </summary>
/// <remarks>
/// <para><b>Procedure</b> (OECD/JRC <i>Handbook on Constructing Composite Indicators</i>, 2008, §6.1.1 and Tables
/// 16–18, doi:10.1787/9789264043466-en; Nicoletti, Scarpetta &amp; Boylaud 2000, OECD ECO WP 226):</para>
/// <list type="number">
/// <item>Correlation matrix R of the children (Pearson, on the complete observations); eigenvalues
/// λ₁ ≥ … ≥ λₙ and eigenvectors vₖ.</item>
/// <item>Retain k factors: <see cref="Factors"/> when set; otherwise the leading factors that each explain at least
/// <see cref="MinVarianceShare"/> of the variance (λ/n; and have λ ≥ <see cref="MinEigenvalue"/> when set), extended
/// until together they explain at least <see cref="MinCumulativeShare"/> (the Handbook's criteria; they retain four
/// factors for the TAI).</item>
/// <item>Extract k factors (<see cref="Extraction"/>): principal components <c>Lₖ = vₖ √λₖ</c> (the default), or
/// maximum likelihood (below).</item>
/// <item>Rotate the k loadings (<see cref="Rotation"/>, Kaiser-normalised varimax by default); each factor's sign is
/// chosen so that its loadings sum to a non-negative number.</item>
/// <item>Explained variance of factor f: <c>EVf = Σq L²qf</c>; scaled squared loadings <c>sqf = L²qf / EVf</c>.</item>
/// <item>Each child q is assigned to the factor f* with the largest sqf (first on ties);
/// <c>wq = sq,f* · EVf* / Σf EVf</c>, then normalised to sum to 1.</item>
/// </list>
/// <para><b>Fitted</b> on the children's normalised scores (complete cases). Correlations, and therefore the weights,
/// do not depend on a linear normalisation (min-max, z-score). Needs at least three observations and no constant
/// child (<see cref="NumericalException"/>). Eigenvalues, rotated loadings, explained variances and the factor of each
/// child are recorded as diagnostics.</para>
/// <para><b>Maximum-likelihood extraction</b> (Lawley &amp; Maxwell 1971, <i>Factor Analysis as a Statistical
/// Method</i>, 2nd ed.; Jöreskog 1967, "Some contributions to maximum likelihood factor analysis", <i>Psychometrika</i>
/// 32(4):443–482, doi:10.1007/BF02289658; the criterion, start and bounds of R's <c>stats::factanal</c>): model
/// <c>R ≈ ΛΛᵀ + Ψ</c>; with λ_j and E the eigenvalues (descending) and eigenvectors of <c>Ψ^{-1/2} R Ψ^{-1/2}</c>,
/// minimise <c>F(Ψ) = Σ_{j&gt;k} (λ_j − ln λ_j − 1)</c> over <c>Ψ ∈ [<see cref="MinUniqueness"/>, 1]</c>, starting at
/// <c>ψ_i = (1 − k/(2n)) / (R⁻¹)_ii</c>, by a projected quasi-Newton (BFGS) method with the analytic gradient
/// <c>∂F/∂ψ_i = (ΛΛᵀ + Ψ − R)_ii / ψ_i²</c>; loadings <c>Λ = Ψ^{1/2} E_k diag(√max(λ_j − 1, 0))</c>. Needs
/// <c>((n − k)² − (n + k))/2 ≥ 0</c> degrees of freedom (a fixed <see cref="Factors"/> that violates it is a validation
/// error; retained factors that do are a <see cref="NumericalException"/>), a positive-definite R (more complete
/// observations than children, no exact collinearity) and convergence (otherwise a <see cref="NumericalException"/>
/// naming the group). The number of factors is still chosen from the eigenvalues of R. A uniqueness that ends at the
/// lower bound is a Heywood case: recorded as a <c>heywood</c> diagnostic (value = the uniqueness), not an error.
/// The varimax rotation of ML loadings stops at factanal's tolerance (R's <c>varimax(eps = 1e-5)</c>), so that the
/// loadings are R's (checked against factanal's printed help-page example at 3 dp); principal-component loadings are
/// rotated to convergence (10⁻¹²), as before.
/// Uniquenesses, the objective, the iterations and the degrees of freedom are recorded as diagnostics.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record FactorAnalysisWeighting : FittedWeightingMethod
{
    /// <summary>The JSON method name, <c>"factorAnalysis"</c>.</summary>
    public const string Name = "factorAnalysis";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"weights from {(Extraction == FactorExtraction.PrincipalComponents ? "principal components" : "factor analysis")} ({Rotation.ToString().ToLowerInvariant()} rotation{(Factors is { } k ? $", {k} factors" : string.Empty)})", $"{(Extraction == FactorExtraction.PrincipalComponents ? "주성분 분석" : "요인 분석")}에서 도출한 가중치({Rotation} 회전{(Factors is { } n ? $", 요인 {n}개" : string.Empty)})");

    /// <summary>Gets the number of factors to retain; <see langword="null"/> (the default) applies the retention criteria.</summary>
    public int? Factors { get; init; }

    /// <summary>Gets the minimum share of the total variance each retained factor explains. Must be in [0, 1]. The default is 0.10.</summary>
    public double MinVarianceShare { get; init; } = 0.10;

    /// <summary>Gets the minimum share of the total variance the retained factors explain together. Must be in [0, 1]. The default is 0.60.</summary>
    public double MinCumulativeShare { get; init; } = 0.60;

    /// <summary>Gets the minimum eigenvalue of a retained factor (Kaiser's criterion uses 1); <see langword="null"/> (the default) for none.</summary>
    public double? MinEigenvalue { get; init; }

    /// <summary>Gets the rotation. The default is <see cref="FactorRotation.Varimax"/>.</summary>
    public FactorRotation Rotation { get; init; } = FactorRotation.Varimax;

    /// <summary>Gets how the factors are extracted. The default is <see cref="FactorExtraction.PrincipalComponents"/>.</summary>
    public FactorExtraction Extraction { get; init; } = FactorExtraction.PrincipalComponents;

    /// <summary>
    /// Gets the lower bound of each uniqueness in maximum-likelihood extraction (R's <c>factanal</c> <c>lower</c>). Must
    /// be in (0, 1). The default is 0.005. Ignored by principal-component extraction.
    /// </summary>
    public double MinUniqueness { get; init; } = DefaultMinUniqueness;

    /// <summary>The default <see cref="MinUniqueness"/>, R's <c>factanal</c> default lower bound.</summary>
    internal const double DefaultMinUniqueness = 0.005;

    /// <inheritdoc/>
    public override void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        var n = group.Children.IsDefault ? 0 : group.Children.Length;
        Require(Factors is null || (Factors >= 1 && Factors <= Math.Max(n, 1)), $"{path}.factors", $"The number of factors must be between 1 and the number of children ({n}).", errors);
        Require(MinVarianceShare >= 0 && MinVarianceShare <= 1, $"{path}.minVarianceShare", "The minimum variance share must be in [0, 1].", errors);
        Require(MinCumulativeShare >= 0 && MinCumulativeShare <= 1, $"{path}.minCumulativeShare", "The minimum cumulative share must be in [0, 1].", errors);
        Require(MinEigenvalue is null || (double.IsFinite(MinEigenvalue.Value) && MinEigenvalue >= 0), $"{path}.minEigenvalue", "The minimum eigenvalue must be finite and non-negative.", errors);
        Require(Enum.IsDefined(Rotation), $"{path}.rotation", "Unknown rotation.", errors);
        Require(Enum.IsDefined(Extraction), $"{path}.extraction", "Unknown extraction.", errors);
        Require(MinUniqueness > 0 && MinUniqueness < 1, $"{path}.minUniqueness", "The minimum uniqueness must be in (0, 1).", errors);
        if (Extraction == FactorExtraction.MaximumLikelihood && n >= 2)
        {
            var most = MaximumLikelihoodFactors.MaxFactors(n);
            Require(most >= 1, $"{path}.extraction", $"Maximum-likelihood factor analysis needs at least three children (group '{group.Id}' has {n}): with one factor, ((n − k)² − (n + k))/2 = {MaximumLikelihoodFactors.DegreesOfFreedom(n, 1)} degrees of freedom.", errors);
            if (most >= 1 && Factors is { } k && k >= 1 && k <= n)
            {
                Require(k <= most, $"{path}.factors", $"Maximum-likelihood factor analysis of the {n} children of group '{group.Id}' can identify at most {most} factor(s): {k} leave ((n − k)² − (n + k))/2 = {MaximumLikelihoodFactors.DegreesOfFreedom(n, k)} degrees of freedom.", errors);
            }
        }
        Require(n >= 2, $"{path}", $"Factor-analysis weights need at least two children (group '{group.Id}' has {n}).", errors);
    }

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Count;
        if (context.Rows < 3)
        {
            throw context.Error($"factor-analysis weights need at least three observations with every child present (got {context.Rows}).");
        }

        var r = WeightMath.CorrelationMatrix(context);
        var evd = r.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var lambda = order.Select(i => Math.Max(evd.EigenValues[i].Real, 0)).ToArray();
        var diagnostics = ImmutableArray.CreateBuilder<WeightingDiagnostic>();
        for (var i = 0; i < n; i++)
        {
            diagnostics.Add(new WeightingDiagnostic("eigenvalue", lambda[i], null, Component(i)));
        }

        var k = Retain(lambda);
        diagnostics.Add(new WeightingDiagnostic("retainedFactors", k));
        Matrix<double> loadings;
        if (Extraction == FactorExtraction.MaximumLikelihood)
        {
            loadings = MaximumLikelihood(context, r, k, diagnostics);
        }
        else
        {
            loadings = Matrix<double>.Build.Dense(n, k);
            for (var f = 0; f < k; f++)
            {
                loadings.SetColumn(f, evd.EigenVectors.Column(order[f]) * Math.Sqrt(lambda[f]));
            }
        }

        loadings = WeightMath.RotateAndOrient(loadings, Rotation == FactorRotation.Varimax, Extraction == FactorExtraction.MaximumLikelihood ? WeightMath.FactanalVarimaxTolerance : 1e-12);
        var explained = new double[k];
        for (var f = 0; f < k; f++)
        {
            var col = loadings.Column(f);
            explained[f] = col.DotProduct(col);
            diagnostics.Add(new WeightingDiagnostic("explainedVariance", explained[f], null, Factor(f)));
        }

        var totalExplained = explained.Sum();
        var w = new double[n];
        for (var q = 0; q < n; q++)
        {
            var best = 0;
            var bestShare = double.NegativeInfinity;
            for (var f = 0; f < k; f++)
            {
                var share = loadings[q, f] * loadings[q, f] / explained[f];
                diagnostics.Add(new WeightingDiagnostic("loading", loadings[q, f], context.ChildIds[q], Factor(f)));
                if (share > bestShare)
                {
                    bestShare = share;
                    best = f;
                }
            }

            w[q] = bestShare * explained[best] / totalExplained;
            diagnostics.Add(new WeightingDiagnostic("assignedFactor", best + 1, context.ChildIds[q], Factor(best)));
        }

        var rotation = Rotation == FactorRotation.Varimax ? "varimax-rotated" : "unrotated";
        var kind = Extraction == FactorExtraction.MaximumLikelihood
            ? $"maximum-likelihood factor(s) of {n.ToString(CultureInfo.InvariantCulture)} ({(totalExplained / n).ToString("P1", CultureInfo.InvariantCulture)} of variance)"
            : $"principal-component factor(s) of {n.ToString(CultureInfo.InvariantCulture)} ({(lambda.Take(k).Sum() / n).ToString("P1", CultureInfo.InvariantCulture)} of variance)";
        return new WeightingOutcome(
            [.. WeightMath.Normalize(w)],
            $"factor analysis: {k.ToString(CultureInfo.InvariantCulture)} {kind}, {rotation}, largest scaled squared loading per child over {context.Rows.ToString(CultureInfo.InvariantCulture)} observations")
        { Diagnostics = diagnostics.ToImmutable() };
    }

    /// <summary>Maximum-likelihood loadings (unrotated), with the fit recorded as diagnostics.</summary>
    private Matrix<double> MaximumLikelihood(WeightingContext context, Matrix<double> r, int k, ImmutableArray<WeightingDiagnostic>.Builder diagnostics)
    {
        var n = context.Count;
        var df = MaximumLikelihoodFactors.DegreesOfFreedom(n, k);
        if (df < 0)
        {
            throw context.Error($"maximum-likelihood factor analysis of {n} children cannot identify the {k} retained factors: ((n − k)² − (n + k))/2 = {df} degrees of freedom (at most {MaximumLikelihoodFactors.MaxFactors(n)} factor(s); set 'factors').");
        }

        var fit = MaximumLikelihoodFactors.Estimate(r, k, MinUniqueness)
            ?? throw context.Error($"maximum-likelihood factor analysis needs a positive-definite correlation matrix: the {n} children are collinear over the {context.Rows} complete observations (more observations than children are needed).");
        if (!fit.Converged)
        {
            throw context.Error($"maximum-likelihood factor analysis with {k} factor(s) did not converge after {fit.Iterations} iterations (projected gradient {fit.ProjectedGradient.ToString("G3", CultureInfo.InvariantCulture)}, objective {fit.Objective.ToString("G6", CultureInfo.InvariantCulture)}).");
        }

        diagnostics.Add(new WeightingDiagnostic("mlObjective", fit.Objective));
        diagnostics.Add(new WeightingDiagnostic("mlIterations", fit.Iterations));
        diagnostics.Add(new WeightingDiagnostic("degreesOfFreedom", df));
        for (var q = 0; q < n; q++)
        {
            diagnostics.Add(new WeightingDiagnostic("uniqueness", fit.Uniquenesses[q], context.ChildIds[q]));
            if (fit.Uniquenesses[q] <= MinUniqueness * (1 + 1e-9))
            {
                diagnostics.Add(new WeightingDiagnostic("heywood", fit.Uniquenesses[q], context.ChildIds[q]));
            }
        }

        return fit.Loadings;
    }

    /// <summary>The number of factors the retention criteria keep for the eigenvalues <paramref name="lambda"/> (descending); also used by the audit (<see cref="Analysis.IndexAudit.Run"/>).</summary>
    internal int Retain(double[] lambda)
    {
        var n = lambda.Length;
        if (Factors is { } fixedCount)
        {
            return Math.Clamp(fixedCount, 1, n);
        }

        var total = lambda.Sum();
        var k = 0;
        while (k < n && lambda[k] / total >= MinVarianceShare && (MinEigenvalue is null || lambda[k] >= MinEigenvalue))
        {
            k++;
        }

        double cumulative = 0;
        for (var i = 0; i < k; i++)
        {
            cumulative += lambda[i] / total;
        }

        while (k < n && cumulative < MinCumulativeShare)
        {
            cumulative += lambda[k] / total;
            k++;
        }

        return Math.Max(k, 1);
    }

    private static string Component(int i) => "component" + (i + 1).ToString(CultureInfo.InvariantCulture);

    private static string Factor(int f) => "factor" + (f + 1).ToString(CultureInfo.InvariantCulture);
}
