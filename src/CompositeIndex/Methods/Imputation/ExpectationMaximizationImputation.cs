using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Expectation–maximisation (EM) imputation under a multivariate normal model: indicators of a group are modelled as
/// jointly normal, the mean vector and covariance matrix are estimated from the incomplete data by EM, and each missing
/// value is replaced by its conditional expectation given the unit's observed values.
/// </summary>
/// <remarks>
/// <para>Algorithm (Dempster, Laird &amp; Rubin 1977, doi:10.1111/j.2517-6161.1977.tb01600.x; Little &amp; Rubin,
/// <i>Statistical Analysis with Missing Data</i>, 3rd ed. 2019, §11.2; OECD/JRC Handbook 2008, §1.2 "expectation–maximisation"):
/// start from the available-case means and variances (zero covariances); E-step: for a unit with observed part o and
/// missing part m, <c>x̂ₘ = μₘ + Σₘₒ Σₒₒ⁻¹ (xₒ − μₒ)</c> and <c>Cₘₘ = Σₘₘ − Σₘₒ Σₒₒ⁻¹ Σₒₘ</c>; M-step:
/// <c>μ = mean of x̂</c>, <c>Σ = mean of (x̂ − μ)(x̂ − μ)ᵀ + C</c>. Iterate until the largest change of μ and Σ, relative to
/// the scale of each variable, is below <see cref="Tolerance"/>. The observed-data log-likelihood never decreases
/// from one iteration to the next; the report records it per iteration.</para>
/// <para>Unlike COINr's Amelia wrapper (a single random draw from the posterior, with bootstrap), this step is
/// deterministic: it imputes the conditional means at the maximum-likelihood estimate. Groups are the ancestors at
/// <see cref="GroupLevel"/> (COINr <c>impute_by = "df", group_level</c>); a level at or above the root models every
/// indicator jointly. Units with no observed value in a group get the group mean μ. <see cref="Ridge"/> adds λ·diag(Σ)
/// to the covariance for ill-conditioned groups (fewer units than indicators).</para>
/// <para>A covariance estimate that is singular (a constant indicator, collinear indicators, too few units) throws a
/// <see cref="NumericalException"/> naming the group and period and the remedies, instead of a linear-algebra error.</para>
/// </remarks>
public sealed record ExpectationMaximizationImputation : PipelineStep
{
    /// <summary>The JSON method name, <c>"imputeEM"</c>.</summary>
    public const string Name = "imputeEM";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"impute missing values by expectation–maximisation under a multivariate normal model (groups at level {GroupLevel}){T.Scope(Indicators, language)}", $"다변량 정규모형의 EM 알고리즘으로 결측값 대체(수준 {GroupLevel} 그룹){T.Scope(Indicators, language)}");

    /// <summary>Gets the hierarchy level whose groups are modelled separately (2 = the indicators' own groups; a level at or above the root, e.g. 99, models all indicators together). Must be at least 2. The default is 2.</summary>
    public int GroupLevel { get; init; } = 2;

    /// <summary>Gets the convergence tolerance (largest relative change of the parameters). Must be positive. The default is 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Gets the maximum number of EM iterations. Must be positive. The default is 10 000.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Gets the ridge factor λ ≥ 0 added as λ·diag(Σ) to the covariance at each M-step. The default is 0.</summary>
    public double Ridge { get; init; }

    /// <summary>Gets the indicators to impute and model; empty (the default) means every indicator of the definition.</summary>
    public ImmutableArray<string> Indicators { get; init; } = [];

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId) =>
        WithoutId(Indicators, indicatorId) is { } rest ? (rest == Indicators ? this : this with { Indicators = rest }) : null;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(GroupLevel >= 2, $"{path}.groupLevel", "The group level must be at least 2.", errors);
        Require(double.IsFinite(Tolerance) && Tolerance > 0, $"{path}.tolerance", "The tolerance must be finite and positive.", errors);
        Require(MaxIterations > 0, $"{path}.maxIterations", "The maximum number of iterations must be positive.", errors);
        Require(double.IsFinite(Ridge) && Ridge >= 0, $"{path}.ridge", "The ridge factor must be finite and non-negative.", errors);
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, path, "indicators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var groups = ImputationKernels.TargetsByAncestor(context, Indicators, GroupLevel);

        var n = context.UnitCount;
        foreach (var (group, members) in groups)
        {
            var vars = members.Select(m => context.RequireVariable(m, "an indicator to impute")).ToArray();
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var x = Matrix<double>.Build.Dense(n, vars.Length, (i, j) => context.Values(vars[j], p)[i]);
                if (!x.Enumerate().Any(double.IsNaN))
                {
                    continue;
                }

                (Vector<double> Mu, Matrix<double> Sigma, int Iterations, bool Converged, ImmutableArray<double> LogLikelihood)? fit;
                Matrix<double> filled;
                try
                {
                    fit = Fit(x);
                    filled = fit is { } f ? ConditionalMeans(x, f.Mu, f.Sigma, out _) : x;
                }
                catch (ArgumentException e) when (e.Message.Contains("positive definite", StringComparison.OrdinalIgnoreCase))
                {
                    // MathNet's Cholesky: the covariance estimate is singular.
                    throw context.Error(
                        "EM imputation cannot continue: the estimated covariance of the group's indicators is singular (an indicator is constant, "
                        + "indicators are collinear, or too few units have data). Leave constant indicators out of the step (\"indicators\"), set \"ridge\" (e.g. 1e-6) for collinear ones, or use another imputation.",
                        group,
                        p);
                }

                if (fit is null)
                {
                    context.Audit(Name, group, null, p, "not imputed: a variable of the group has fewer than two observed values.");
                    continue;
                }

                var (mu, sigma, iterations, converged, logLik) = fit.Value;
                if (!converged)
                {
                    throw context.Error($"EM did not converge in {MaxIterations} iterations (tolerance {Tolerance.ToString(CultureInfo.InvariantCulture)}).", group, p);
                }

                for (var j = 0; j < vars.Length; j++)
                {
                    var col = context.Values(vars[j], p);
                    for (var i = 0; i < n; i++)
                    {
                        if (double.IsNaN(col[i]))
                        {
                            col[i] = filled[i, j];
                            ImputationKernels.Record(context, Name, members[j], i, p, col[i], $"{ImputationKernels.Imputed}EM conditional mean within group '{group}'.");
                        }
                    }
                }

                context.Report(new ExpectationMaximizationReport(Name, group, context.Periods[p], [.. members], iterations, [.. mu], logLik));
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(ExpectationMaximizationImputation? other) =>
        other is not null && GroupLevel == other.GroupLevel && Tolerance.Equals(other.Tolerance) && MaxIterations == other.MaxIterations
        && Ridge.Equals(other.Ridge) && StepEquality.Sequence(Indicators, other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GroupLevel, Tolerance, MaxIterations, Ridge, StepEquality.Hash(Indicators));

    /// <summary>Runs EM on a data matrix with NaN for missing values; null when a column has fewer than two values.</summary>
    internal (Vector<double> Mu, Matrix<double> Sigma, int Iterations, bool Converged, ImmutableArray<double> LogLikelihood)? Fit(Matrix<double> x)
    {
        var n = x.RowCount;
        var k = x.ColumnCount;
        var mu = Vector<double>.Build.Dense(k);
        var sigma = Matrix<double>.Build.Dense(k, k);
        var scale = new double[k];
        for (var j = 0; j < k; j++)
        {
            var (m, sd, count) = Stats.MeanSd(x.Column(j).ToArray());
            if (count < 2)
            {
                return null;
            }

            mu[j] = m;
            sigma[j, j] = sd * sd * (count - 1) / count;
            scale[j] = sd > 0 ? sd : 1;
        }

        var logLik = ImmutableArray.CreateBuilder<double>();
        for (var it = 1; it <= MaxIterations; it++)
        {
            var filled = ConditionalMeans(x, mu, sigma, out var extra);
            logLik.Add(ObservedLogLikelihood(x, mu, sigma));
            var newMu = Vector<double>.Build.Dense(k, j => filled.Column(j).Sum() / n);
            var newSigma = Matrix<double>.Build.Dense(k, k);
            for (var i = 0; i < n; i++)
            {
                var d = filled.Row(i) - newMu;
                newSigma += d.OuterProduct(d);
            }

            newSigma = (newSigma + extra) / n;
            if (Ridge > 0)
            {
                for (var j = 0; j < k; j++)
                {
                    newSigma[j, j] *= 1 + Ridge;
                }
            }

            var change = 0.0;
            for (var a = 0; a < k; a++)
            {
                change = Math.Max(change, Math.Abs(newMu[a] - mu[a]) / scale[a]);
                for (var b = 0; b < k; b++)
                {
                    change = Math.Max(change, Math.Abs(newSigma[a, b] - sigma[a, b]) / (scale[a] * scale[b]));
                }
            }

            mu = newMu;
            sigma = newSigma;
            if (change < Tolerance)
            {
                logLik.Add(ObservedLogLikelihood(x, mu, sigma));
                return (mu, sigma, it, true, logLik.ToImmutable());
            }
        }

        return (mu, sigma, MaxIterations, false, logLik.ToImmutable());
    }

    /// <summary>The observed-data log-likelihood Σᵢ log N(xᵢ,ₒ; μₒ, Σₒₒ).</summary>
    internal static double ObservedLogLikelihood(Matrix<double> x, Vector<double> mu, Matrix<double> sigma)
    {
        double total = 0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var o = Enumerable.Range(0, x.ColumnCount).Where(j => !double.IsNaN(x[i, j])).ToArray();
            if (o.Length == 0)
            {
                continue;
            }

            var soo = Matrix<double>.Build.Dense(o.Length, o.Length, (a, b) => sigma[o[a], o[b]]);
            var d = Vector<double>.Build.Dense(o.Length, a => x[i, o[a]] - mu[o[a]]);
            var chol = soo.Cholesky();
            var logDet = 2 * chol.Factor.Diagonal().Select(v => Math.Log(v)).Sum();
            total += -0.5 * ((o.Length * Math.Log(2 * Math.PI)) + logDet + d.DotProduct(chol.Solve(d)));
        }

        return total;
    }

    /// <summary>E-step: conditional means of the missing entries, and the summed conditional covariances.</summary>
    private static Matrix<double> ConditionalMeans(Matrix<double> x, Vector<double> mu, Matrix<double> sigma, out Matrix<double> extra)
    {
        var n = x.RowCount;
        var k = x.ColumnCount;
        var filled = x.Clone();
        extra = Matrix<double>.Build.Dense(k, k);
        for (var i = 0; i < n; i++)
        {
            var m = Enumerable.Range(0, k).Where(j => double.IsNaN(x[i, j])).ToArray();
            if (m.Length == 0)
            {
                continue;
            }

            var o = Enumerable.Range(0, k).Where(j => !double.IsNaN(x[i, j])).ToArray();
            var smm = Matrix<double>.Build.Dense(m.Length, m.Length, (a, b) => sigma[m[a], m[b]]);
            Vector<double> cond;
            Matrix<double> cov;
            if (o.Length == 0)
            {
                cond = Vector<double>.Build.Dense(m.Length, a => mu[m[a]]);
                cov = smm;
            }
            else
            {
                var soo = Matrix<double>.Build.Dense(o.Length, o.Length, (a, b) => sigma[o[a], o[b]]);
                var smo = Matrix<double>.Build.Dense(m.Length, o.Length, (a, b) => sigma[m[a], o[b]]);
                var d = Vector<double>.Build.Dense(o.Length, a => x[i, o[a]] - mu[o[a]]);
                var chol = soo.Cholesky();
                cond = Vector<double>.Build.Dense(m.Length, a => mu[m[a]]) + (smo * chol.Solve(d));
                cov = smm - (smo * chol.Solve(smo.Transpose()));
            }

            for (var a = 0; a < m.Length; a++)
            {
                filled[i, m[a]] = cond[a];
                for (var b = 0; b < m.Length; b++)
                {
                    extra[m[a], m[b]] += cov[a, b];
                }
            }
        }

        return filled;
    }
}

/// <summary>What an <see cref="ExpectationMaximizationImputation"/> fitted for one group and period.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ExpectationMaximizationReport : StepReport
{
    internal ExpectationMaximizationReport(string step, string group, string period, ImmutableArray<string> indicators, int iterations, ImmutableArray<double> mean, ImmutableArray<double> logLikelihood) : base(step)
    {
        Group = group;
        Period = period;
        Indicators = indicators;
        Iterations = iterations;
        Mean = mean;
        LogLikelihood = logLikelihood;
    }

    /// <summary>Gets the group (the root when all indicators are modelled jointly).</summary>
    public string Group { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the indicators modelled, in the order of <see cref="Mean"/>.</summary>
    public ImmutableArray<string> Indicators { get; }

    /// <summary>Gets the number of EM iterations run.</summary>
    public int Iterations { get; }

    /// <summary>Gets the estimated mean vector.</summary>
    public ImmutableArray<double> Mean { get; }

    /// <summary>Gets the observed-data log-likelihood before each iteration and at the end (non-decreasing).</summary>
    public ImmutableArray<double> LogLikelihood { get; }
}
