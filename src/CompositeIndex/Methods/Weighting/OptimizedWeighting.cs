using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>What <see cref="OptimizedWeighting"/> optimises.</summary>
public enum OptimizationGoal
{
    /// <summary>
    /// Make the children's correlations with the group score, normalised to sum to 1, match the target importances
    /// (COINr's <c>optype = "balance"</c>). The default.
    /// </summary>
    Balance = 0,

    /// <summary>Maximise the sum of the children's correlations with the group score (COINr's <c>optype = "infomax"</c>).</summary>
    InfoMax = 1,
}

/// <summary>
/// Optimised weights: weights chosen so that each child's correlation with the group score matches a target
/// importance ("balance"), or so that the children's correlations with it are as large as possible ("infomax").
/// </summary>
/// <remarks>
/// <para><b>Method</b> (Becker, Saisana, Paruolo &amp; Vandecasteele 2017, "Weights and importance in composite
/// indicators: closing the gap", <i>Ecological Indicators</i> 80:12–22, doi:10.1016/j.ecolind.2017.03.056, in the
/// linear form of COINr's <c>get_opt_weights</c>): for trial weights w (normalised to sum to 1) the group score of
/// every observation is computed with the group's own aggregation, and <c>cᵢ</c> is the Pearson correlation of child i
/// with it. <see cref="OptimizationGoal.Balance"/> minimises <c>Σᵢ (tᵢ − cᵢ/Σⱼcⱼ)²</c> with targets t (the
/// <see cref="TargetImportance"/> normalised to sum to 1; equal when <see langword="null"/>), starting from w = t;
/// <see cref="OptimizationGoal.InfoMax"/> maximises <c>Σᵢ cᵢ</c>, starting from the definition's weights. Weights are
/// parameterised as <c>wᵢ = exp θᵢ / Σ exp θⱼ</c> (so they stay positive) and θ is found by a deterministic
/// Nelder–Mead search with restarts (R's <c>optim</c> default, which COINr uses).</para>
/// <para>Unlike COINr, which correlates one level with the index, this correlates a group's children with the group
/// itself (the group is optimised in isolation, so the step composes at every level).</para>
/// <para><b>Fitted</b> on the children's normalised scores (complete cases). The achieved and target correlations are
/// recorded as diagnostics, so whether the balance was reached can be checked from the result. Needs a per-unit
/// aggregation (not a cross-sectional one) and at least three observations.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
public sealed record OptimizedWeighting : FittedWeightingMethod
{
    /// <summary>The JSON method name, <c>"optimized"</c>.</summary>
    public const string Name = "optimized";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"weights optimised so that {(Goal == OptimizationGoal.Balance ? "each component has its target importance (correlation with the score)" : "the score carries the most information (sum of correlations)")}", $"{(Goal == OptimizationGoal.Balance ? "각 구성요소가 목표 중요도(점수와의 상관)를 갖도록" : "점수가 최대한 많은 정보를 담도록(상관계수 합 최대)")} 최적화한 가중치");

    /// <summary>Gets the goal. The default is <see cref="OptimizationGoal.Balance"/>.</summary>
    public OptimizationGoal Goal { get; init; } = OptimizationGoal.Balance;

    /// <summary>Gets the relative target importance of each child, keyed by child id (balance only); <see langword="null"/> (the default) means equal importance.</summary>
    public ImmutableSortedDictionary<string, double>? TargetImportance { get; init; }

    /// <summary>Gets the maximum number of Nelder–Mead iterations. Must be positive. The default is 5,000.</summary>
    public int MaxIterations { get; init; } = 5_000;

    /// <summary>Gets the relative convergence tolerance on the objective. Must be positive. The default is 1e-12.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <inheritdoc/>
    public override void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        Require(Enum.IsDefined(Goal), $"{path}.goal", "Unknown optimisation goal.", errors);
        Require(MaxIterations > 0, $"{path}.maxIterations", "The maximum number of iterations must be positive.", errors);
        Require(double.IsFinite(Tolerance) && Tolerance > 0, $"{path}.tolerance", "The tolerance must be finite and positive.", errors);
        if (TargetImportance is not null)
        {
            RequireChildMap(TargetImportance, $"{path}.targetImportance", group, "target importance", errors);
        }

        var aggregation = group.Aggregation;
        Require(aggregation is not CrossSectionalAggregationMethod, $"{path}", $"Optimised weights need a per-unit aggregation, but group '{group.Id}' uses '{aggregation?.MethodName}'.", errors);
    }

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Count;
        var rows = context.Rows;
        if (rows < 3)
        {
            throw context.Error($"optimised weights need at least three observations with every child present (got {rows}).");
        }

        if (context.Aggregation is CrossSectionalAggregationMethod)
        {
            throw context.Error($"optimised weights need a per-unit aggregation, not '{context.Aggregation.MethodName}'.");
        }

        for (var i = 0; i < n; i++)
        {
            var col = context.Column(i);
            if (double.IsNaN(WeightMath.Correlation(col, col)))
            {
                throw context.Error($"child '{context.ChildIds[i]}' is constant over the {rows} observations, so its correlation with the group is undefined.");
            }
        }

        var target = WeightMath.Normalize(TargetImportance is null ? [.. Enumerable.Repeat(1.0, n)] : [.. context.ChildIds.Select(id => TargetImportance[id])]);
        var x = new double[rows * n]; // row-major copy for the aggregation
        for (var i = 0; i < n; i++)
        {
            var col = context.Column(i);
            for (var r = 0; r < rows; r++)
            {
                x[(r * n) + i] = col[r];
            }
        }

        var score = new double[rows];
        var corr = new double[n];
        var w = new double[n];

        double Objective(double[] theta)
        {
            if (!Correlations(theta))
            {
                return double.MaxValue;
            }

            if (Goal == OptimizationGoal.InfoMax)
            {
                return -corr.Sum();
            }

            var sum = corr.Sum();
            double f = 0;
            for (var i = 0; i < n; i++)
            {
                var d = target[i] - (corr[i] / sum);
                f += d * d;
            }

            return f;
        }

        bool Correlations(double[] theta)
        {
            // Softmax: smooth, strictly positive weights (w = exp θ / Σ exp θ), shifted by max θ against overflow.
            var top = theta.Max();
            double total = 0;
            for (var i = 0; i < n; i++)
            {
                w[i] = Math.Exp(theta[i] - top);
                total += w[i];
            }

            if (!(total > 0))
            {
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                w[i] /= total;
            }

            for (var r = 0; r < rows; r++)
            {
                score[r] = context.Aggregation.Aggregate(x.AsSpan(r * n, n), w);
            }

            for (var i = 0; i < n; i++)
            {
                corr[i] = WeightMath.Correlation(context.Column(i), score);
                if (!double.IsFinite(corr[i]))
                {
                    return false;
                }
            }

            return true;
        }

        var start = (Goal == OptimizationGoal.Balance ? target : WeightMath.Normalize([.. context.NominalWeights])).Select(x => Math.Log(Math.Max(x, 1e-12))).ToArray();
        var (theta, value, iterations) = NelderMead.Minimize(Objective, start, 0.5, MaxIterations, Tolerance);

        // Restarts from the optimum (the standard guard against Nelder–Mead stalling on a collapsed simplex).
        for (var restart = 0; restart < 3; restart++)
        {
            var again = NelderMead.Minimize(Objective, theta, 0.25, MaxIterations, Tolerance);
            iterations += again.Iterations;
            if (!(again.Value < value))
            {
                break;
            }

            (theta, value) = (again.X, again.Value);
        }

        Correlations(theta);
        var weights = (double[])w.Clone();
        var diagnostics = ImmutableArray.CreateBuilder<WeightingDiagnostic>();
        var corrSum = corr.Sum();
        for (var i = 0; i < n; i++)
        {
            diagnostics.Add(new WeightingDiagnostic("correlation", corr[i], context.ChildIds[i]));
            diagnostics.Add(new WeightingDiagnostic("normalizedCorrelation", corr[i] / corrSum, context.ChildIds[i]));
            if (Goal == OptimizationGoal.Balance)
            {
                diagnostics.Add(new WeightingDiagnostic("target", target[i], context.ChildIds[i]));
            }
        }

        diagnostics.Add(new WeightingDiagnostic("objective", value));
        diagnostics.Add(new WeightingDiagnostic("iterations", iterations));
        var what = Goal == OptimizationGoal.Balance ? "balance correlations with the group score to the target importances" : "maximise the children's correlations with the group score";
        return new WeightingOutcome([.. weights], $"optimised ({(Goal == OptimizationGoal.Balance ? "balance" : "infomax")}) to {what} over {rows.ToString(CultureInfo.InvariantCulture)} observations (objective {value.ToString("G4", CultureInfo.InvariantCulture)})")
        {
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    /// <inheritdoc/>
    public bool Equals(OptimizedWeighting? other) =>
        other is not null && Period == other.Period && Goal == other.Goal && WeightMath.MapEquals(TargetImportance, other.TargetImportance)
        && MaxIterations == other.MaxIterations && Tolerance.Equals(other.Tolerance);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Period, Goal, WeightMath.MapHash(TargetImportance), MaxIterations, Tolerance);
}
