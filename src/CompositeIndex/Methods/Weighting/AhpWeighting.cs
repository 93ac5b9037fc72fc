using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>Which table of Saaty's random consistency index (RI) the consistency ratio uses.</summary>
public enum RandomIndexTable
{
    /// <summary>
    /// Saaty (1980), <i>The Analytic Hierarchy Process</i>, McGraw-Hill, for n = 1..10:
    /// 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 (the default).
    /// </summary>
    Saaty1980 = 0,

    /// <summary>
    /// Saaty (2005), <i>Theory and Applications of the Analytic Network Process</i>, RWS Publications, p. 31, for
    /// n = 1..15: 0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59.
    /// </summary>
    Saaty2005 = 1,
}

/// <summary>
/// Analytic hierarchy process (AHP): weights from one or more experts' pairwise comparisons of the children, as the
/// principal eigenvector of the (geometric-mean) comparison matrix, with Saaty's consistency ratio.
/// </summary>
/// <remarks>
/// <para><b>Method</b> (Saaty 1980; Saaty 2008, "Decision making with the analytic hierarchy process", <i>Int. J.
/// Services Sciences</i> 1(1):83–98, doi:10.1504/IJSSCI.2008.017590; OECD/JRC Handbook 2008, §6.1.7). Each expert
/// judges every pair of children: <c>aᵢⱼ</c> = how many times more important child i is than child j (Saaty's 1–9
/// scale and reciprocals); the matrix is reciprocal, <c>aⱼᵢ = 1/aᵢⱼ</c>, <c>aᵢᵢ = 1</c>. The weights are the principal
/// right eigenvector <c>A w = λmax w</c> normalised to <c>Σ wᵢ = 1</c> (computed by power iteration, which converges
/// for positive matrices by the Perron–Frobenius theorem).</para>
/// <para><b>Consistency</b>: <c>CI = (λmax − n)/(n − 1)</c>, <c>CR = CI/RI(n)</c> with the random index of
/// <see cref="RandomIndex"/>; CR = 0 for n ≤ 2 and for perfectly consistent matrices (<c>aᵢⱼ aⱼₖ = aᵢₖ</c>, e.g.
/// <c>aᵢⱼ = vᵢ/vⱼ</c>, whose eigenvector is v). Validation rejects any expert whose CR exceeds
/// <see cref="MaxConsistencyRatio"/> (Saaty's 0.1 by default), naming the group and the expert.</para>
/// <para><b>Several experts</b> are combined by the element-wise geometric mean of their judgments (aggregation of
/// individual judgments, Aczél &amp; Saaty 1983, <i>J. Math. Psychology</i> 27:93–102), which keeps the matrix
/// reciprocal; the weights are the eigenvector of that matrix, whose CR is recorded too.</para>
/// <para>Fixed: needs no data. Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
/// <param name="Experts">The experts' judgments; at least one.</param>
public sealed record AhpWeighting(ImmutableArray<PairwiseComparisons> Experts) : WeightingMethod
{
    /// <summary>The JSON method name, <c>"ahp"</c>.</summary>
    public const string Name = "ahp";

    private static readonly ImmutableArray<double> Ri1980 = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];
    private static readonly ImmutableArray<double> Ri2005 = [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59];

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"analytic hierarchy process: pairwise comparisons by {T.Count(Experts)} experts, consistency ratio at most {T.N(MaxConsistencyRatio)}", $"계층분석법(AHP): 전문가 {T.Count(Experts)}명의 쌍대 비교, 일관성 비율 {T.N(MaxConsistencyRatio)} 이하");

    /// <summary>Gets the largest acceptable consistency ratio of an expert. Must be in (0, 1]. The default is 0.1.</summary>
    public double MaxConsistencyRatio { get; init; } = 0.1;

    /// <summary>Gets the random-index table. The default is <see cref="RandomIndexTable.Saaty1980"/> (n ≤ 10; use <see cref="RandomIndexTable.Saaty2005"/> up to n = 15).</summary>
    public RandomIndexTable RandomIndex { get; init; } = RandomIndexTable.Saaty1980;

    /// <summary>Gets the random index RI(n) of a table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="n">The matrix order.</param>
    /// <returns>RI(n).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The table has no entry for <paramref name="n"/>.</exception>
    public static double RandomIndexOf(RandomIndexTable table, int n)
    {
        var values = table == RandomIndexTable.Saaty2005 ? Ri2005 : Ri1980;
        return n >= 1 && n <= values.Length ? values[n - 1] : throw new ArgumentOutOfRangeException(nameof(n), n, $"The {table} random-index table covers n = 1..{values.Length}.");
    }

    /// <summary>Computes the principal eigenvector, λmax and consistency ratio of a positive reciprocal matrix.</summary>
    /// <param name="matrix">The n × n matrix, row-major (<c>matrix[i][j] = aᵢⱼ</c>).</param>
    /// <param name="table">The random-index table.</param>
    /// <returns>The priorities (summing to 1), λmax, CI and CR.</returns>
    /// <exception cref="ArgumentException">The matrix is not square, or has a non-positive entry.</exception>
    public static AhpPriorities Priorities(IReadOnlyList<IReadOnlyList<double>> matrix, RandomIndexTable table = RandomIndexTable.Saaty1980)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Count;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (matrix[i].Count != n)
            {
                throw new ArgumentException("The comparison matrix must be square.", nameof(matrix));
            }

            for (var j = 0; j < n; j++)
            {
                a[i, j] = matrix[i][j];
                if (!(a[i, j] > 0) || !double.IsFinite(a[i, j]))
                {
                    throw new ArgumentException("Comparison matrix entries must be positive and finite.", nameof(matrix));
                }
            }
        }

        return Priorities(a, table);
    }

    /// <inheritdoc/>
    public override void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(errors);
        Require(MaxConsistencyRatio > 0 && MaxConsistencyRatio <= 1, $"{path}.maxConsistencyRatio", "The maximum consistency ratio must be in (0, 1].", errors);
        Require(Enum.IsDefined(RandomIndex), $"{path}.randomIndex", "Unknown random-index table.", errors);
        var ids = group.Children.IsDefault ? [] : group.Children.Where(c => c?.Id is not null).Select(c => c.Id).ToImmutableArray();
        var table = Enum.IsDefined(RandomIndex) ? RandomIndex : RandomIndexTable.Saaty2005;
        var max = table == RandomIndexTable.Saaty2005 ? Ri2005.Length : Ri1980.Length;
        if (ids.Length > max)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.randomIndex", $"Group '{group.Id}' has {ids.Length} children, but the {table} random-index table covers at most {max} (use {nameof(RandomIndexTable.Saaty2005)} for up to 15, or split the group)."));
            return;
        }

        if (Experts.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.experts", $"The AHP weighting of group '{group.Id}' has no experts."));
            return;
        }

        for (var e = 0; e < Experts.Length; e++)
        {
            var expert = Experts[e];
            var p = $"{path}.experts[{e}]";
            if (expert is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, p, "The expert entry is null."));
                continue;
            }

            var before = errors.Count;
            var matrix = expert.ToMatrix(ids, p, group.Id, errors);
            if (errors.Count > before || matrix is null)
            {
                continue;
            }

            var result = Priorities(matrix, table);
            if (result.ConsistencyRatio > MaxConsistencyRatio)
            {
                errors.Add(new DefinitionError(
                    ErrorCodes.InvalidParameter,
                    $"{p}.judgments",
                    $"The pairwise comparisons of expert '{expert.Expert}' for group '{group.Id}' are inconsistent: consistency ratio {result.ConsistencyRatio.ToString("0.000", CultureInfo.InvariantCulture)} > {MaxConsistencyRatio.ToString(CultureInfo.InvariantCulture)} (λmax = {result.LambdaMax.ToString("0.000", CultureInfo.InvariantCulture)}, n = {ids.Length}). Revise the judgments or raise maxConsistencyRatio."));
            }
        }
    }

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Count;
        var log = new double[n, n];
        var diagnostics = ImmutableArray.CreateBuilder<WeightingDiagnostic>();
        var errors = new List<DefinitionError>();
        foreach (var expert in Experts)
        {
            var m = expert.ToMatrix(context.ChildIds, "$", context.GroupId, errors)
                ?? throw context.Error($"the judgments of expert '{expert.Expert}' do not match the group's children: {string.Join("; ", errors.Select(x => x.Message))}");
            var single = Priorities(m, RandomIndex);
            diagnostics.Add(new WeightingDiagnostic("consistencyRatio", single.ConsistencyRatio, null, expert.Expert));
            diagnostics.Add(new WeightingDiagnostic("lambdaMax", single.LambdaMax, null, expert.Expert));
            for (var i = 0; i < n; i++)
            {
                diagnostics.Add(new WeightingDiagnostic("priority", single.Weights[i], context.ChildIds[i], expert.Expert));
                for (var j = 0; j < n; j++)
                {
                    log[i, j] += Math.Log(m[i, j]) / Experts.Length;
                }
            }
        }

        var combined = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                combined[i, j] = Math.Exp(log[i, j]);
            }
        }

        var result = Priorities(combined, RandomIndex);
        diagnostics.Add(new WeightingDiagnostic("consistencyRatio", result.ConsistencyRatio));
        diagnostics.Add(new WeightingDiagnostic("lambdaMax", result.LambdaMax));
        var derivation = Experts.Length == 1
            ? $"AHP principal eigenvector of expert '{Experts[0].Expert}' (CR = {result.ConsistencyRatio.ToString("0.000", CultureInfo.InvariantCulture)})"
            : $"AHP principal eigenvector of the geometric mean of {Experts.Length} experts' judgments (CR = {result.ConsistencyRatio.ToString("0.000", CultureInfo.InvariantCulture)})";
        return new WeightingOutcome(result.Weights, derivation) { Diagnostics = diagnostics.ToImmutable() };
    }

    /// <inheritdoc/>
    public bool Equals(AhpWeighting? other) =>
        other is not null && Equality.Sequence(Experts, other.Experts) && MaxConsistencyRatio.Equals(other.MaxConsistencyRatio) && RandomIndex == other.RandomIndex;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Equality.Hash(Experts), MaxConsistencyRatio, RandomIndex);

    internal static AhpPriorities Priorities(double[,] a, RandomIndexTable table)
    {
        var n = a.GetLength(0);
        var w = new double[n];
        Array.Fill(w, 1.0 / n);
        var next = new double[n];
        for (var iter = 0; iter < 100_000; iter++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var j = 0; j < n; j++)
                {
                    s += a[i, j] * w[j];
                }

                next[i] = s;
                sum += s;
            }

            double change = 0;
            for (var i = 0; i < n; i++)
            {
                next[i] /= sum;
                change = Math.Max(change, Math.Abs(next[i] - w[i]));
            }

            (w, next) = (next, w);
            if (change < 1e-15)
            {
                break;
            }
        }

        // λmax = Σᵢ (A w)ᵢ when Σ w = 1.
        double lambda = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                lambda += a[i, j] * w[j];
            }
        }

        var ci = n > 1 ? (lambda - n) / (n - 1) : 0;
        var ri = RandomIndexOf(table, n);
        var cr = ri > 0 ? Math.Max(ci, 0) / ri : 0;
        return new AhpPriorities([.. w], lambda, ci, cr);
    }
}

/// <summary>The outcome of AHP on one comparison matrix.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AhpPriorities
{
    internal AhpPriorities(ImmutableArray<double> weights, double lambdaMax, double consistencyIndex, double consistencyRatio)
    {
        Weights = weights;
        LambdaMax = lambdaMax;
        ConsistencyIndex = consistencyIndex;
        ConsistencyRatio = consistencyRatio;
    }

    /// <summary>Gets the principal right eigenvector, normalised to sum to 1.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Gets the principal eigenvalue λmax (≥ n for a positive reciprocal matrix).</summary>
    public double LambdaMax { get; }

    /// <summary>Gets the consistency index CI = (λmax − n)/(n − 1).</summary>
    public double ConsistencyIndex { get; }

    /// <summary>Gets the consistency ratio CR = CI/RI(n); 0 when RI(n) = 0.</summary>
    public double ConsistencyRatio { get; }
}

/// <summary>One expert's pairwise comparisons of a group's children (see <see cref="AhpWeighting"/>).</summary>
/// <param name="Expert">The expert's name or code (named in consistency errors).</param>
/// <param name="Judgments">One judgment per unordered pair of children (the reciprocal is implied).</param>
/// <remarks>Immutable and thread-safe. Equality is structural.</remarks>
public sealed record PairwiseComparisons(string Expert, ImmutableArray<PairwiseJudgment> Judgments)
{
    /// <summary>Creates the judgments from the upper triangle of a comparison matrix (the lower triangle is implied by reciprocity and ignored).</summary>
    /// <param name="expert">The expert.</param>
    /// <param name="ids">The children ids, in matrix order.</param>
    /// <param name="matrix">The matrix, row-major: <c>matrix[i][j]</c> = how many times more important <c>ids[i]</c> is than <c>ids[j]</c>.</param>
    /// <returns>The comparisons.</returns>
    /// <exception cref="ArgumentException">The matrix does not match the ids.</exception>
    public static PairwiseComparisons FromMatrix(string expert, IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<double>> matrix)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Count != ids.Count || matrix.Any(r => r.Count != ids.Count))
        {
            throw new ArgumentException($"The matrix must be {ids.Count} x {ids.Count}.", nameof(matrix));
        }

        var list = ImmutableArray.CreateBuilder<PairwiseJudgment>();
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                list.Add(new PairwiseJudgment(ids[i], ids[j], matrix[i][j]));
            }
        }

        return new PairwiseComparisons(expert, list.ToImmutable());
    }

    /// <inheritdoc/>
    public bool Equals(PairwiseComparisons? other) => other is not null && Expert == other.Expert && Equality.Sequence(Judgments, other.Judgments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Expert, Equality.Hash(Judgments));

    internal double[,]? ToMatrix(ImmutableArray<string> ids, string path, string groupId, ICollection<DefinitionError> errors)
    {
        var n = ids.Length;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            index[ids[i]] = i;
        }

        var a = new double[n, n];
        var judgments = Judgments.IsDefault ? [] : Judgments;
        for (var k = 0; k < judgments.Length; k++)
        {
            var jd = judgments[k];
            var p = $"{path}.judgments[{k}]";
            if (jd is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, p, "The judgment is null."));
                continue;
            }

            if (!index.TryGetValue(jd.Row ?? string.Empty, out var i))
            {
                errors.Add(new DefinitionError(ErrorCodes.UnknownChild, $"{p}.row", $"Expert '{Expert}' compares '{jd.Row}', which is not a child of group '{groupId}'{DefinitionValidator.Suggest(jd.Row ?? string.Empty, ids)}."));
                continue;
            }

            if (!index.TryGetValue(jd.Column ?? string.Empty, out var j))
            {
                errors.Add(new DefinitionError(ErrorCodes.UnknownChild, $"{p}.column", $"Expert '{Expert}' compares '{jd.Column}', which is not a child of group '{groupId}'{DefinitionValidator.Suggest(jd.Column ?? string.Empty, ids)}."));
                continue;
            }

            if (i == j)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, p, $"Expert '{Expert}' compares '{jd.Row}' with itself."));
                continue;
            }

            if (!(jd.Value > 0) || !double.IsFinite(jd.Value))
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{p}.value", $"Expert '{Expert}''s judgment of '{jd.Row}' over '{jd.Column}' must be positive and finite (got {jd.Value.ToString("R", CultureInfo.InvariantCulture)})."));
                continue;
            }

            if (a[i, j] != 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.DuplicateChild, p, $"Expert '{Expert}' judges the pair '{jd.Row}'/'{jd.Column}' more than once."));
                continue;
            }

            a[i, j] = jd.Value;
            a[j, i] = 1 / jd.Value;
        }

        var complete = true;
        for (var i = 0; i < n; i++)
        {
            a[i, i] = 1;
            for (var j = i + 1; j < n; j++)
            {
                if (a[i, j] == 0)
                {
                    complete = false;
                    errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.judgments", $"Expert '{Expert}' has no judgment of '{ids[i]}' versus '{ids[j]}' in group '{groupId}'."));
                }
            }
        }

        return complete ? a : null;
    }
}

/// <summary>One pairwise judgment: <see cref="Row"/> is <see cref="Value"/> times as important as <see cref="Column"/>.</summary>
/// <param name="Row">The first child id.</param>
/// <param name="Column">The second child id.</param>
/// <param name="Value">The intensity <c>a(row, column)</c>, positive; Saaty's scale uses 1/9..9 (1 = equal, 3 = moderate, 5 = strong, 7 = very strong, 9 = extreme).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PairwiseJudgment(string Row, string Column, double Value);
