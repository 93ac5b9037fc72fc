using System.Collections.Immutable;
using MathNet.Numerics.LinearAlgebra;

namespace CompositeIndex.Analysis;

/// <summary>
/// A principal component analysis of standardised variables (R's <c>prcomp(center = TRUE, scale. = TRUE)</c>, as COINr
/// <c>get_PCA</c> runs it), with PCA-based weights.
/// </summary>
/// <remarks>
/// <para><b>Signs.</b> A component's sign is arbitrary (LAPACK, and so R, may return either). Here every component is
/// sign-normalised so that its loadings sum to a non-negative number (when the sum is zero, the largest loading in
/// absolute value is positive). Compare with R up to the sign of each component.</para>
/// <para><b>Weights.</b> <see cref="Weights"/> are the loadings of the first component (COINr's "PCA weights", here
/// sign-normalised); <see cref="SquaredLoadingWeights"/> are the squared first-component loadings, which are
/// non-negative and sum to 1 (OECD/JRC Handbook 2008, §6.1, "weights based on principal components").</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PcaResult
{
    internal PcaResult(string? groupId, ImmutableArray<string> variables, ImmutableArray<string> unitsUsed, ImmutableArray<double> center, ImmutableArray<double> scale, ImmutableArray<double> standardDeviations, ImmutableArray<ImmutableArray<double>> loadings)
    {
        GroupId = groupId;
        Variables = variables;
        UnitsUsed = unitsUsed;
        Center = center;
        Scale = scale;
        StandardDeviations = standardDeviations;
        Loadings = loadings;
    }

    /// <summary>Gets the group analysed, or <see langword="null"/> for an ad-hoc set of variables.</summary>
    public string? GroupId { get; }

    /// <summary>Gets the variables, in order.</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>Gets the units used: those with a value for every variable (complete cases).</summary>
    public ImmutableArray<string> UnitsUsed { get; }

    /// <summary>Gets the mean of each variable over the units used.</summary>
    public ImmutableArray<double> Center { get; }

    /// <summary>Gets the standard deviation (n − 1) of each variable over the units used.</summary>
    public ImmutableArray<double> Scale { get; }

    /// <summary>Gets the standard deviation of each component (singular value / √(n − 1)), descending.</summary>
    public ImmutableArray<double> StandardDeviations { get; }

    /// <summary>Gets the loadings (rotation): <c>Loadings[v][c]</c> is variable v on component c; each component has unit length.</summary>
    public ImmutableArray<ImmutableArray<double>> Loadings { get; }

    /// <summary>Gets the variance of each component (the eigenvalues of the correlation matrix).</summary>
    public ImmutableArray<double> Variances => [.. StandardDeviations.Select(s => s * s)];

    /// <summary>Gets the proportion of the total variance each component explains.</summary>
    public ImmutableArray<double> ProportionOfVariance
    {
        get
        {
            var total = Variances.Sum();
            return [.. Variances.Select(v => v / total)];
        }
    }

    /// <summary>Gets the cumulative proportion of variance explained.</summary>
    public ImmutableArray<double> CumulativeProportion
    {
        get
        {
            var acc = 0.0;
            return [.. ProportionOfVariance.Select(v => acc += v)];
        }
    }

    /// <summary>Gets the loadings of the first component (sign-normalised), COINr's PCA weights.</summary>
    public ImmutableArray<double> Weights => [.. Loadings.Select(l => l[0])];

    /// <summary>Gets the squared first-component loadings: non-negative weights that sum to 1.</summary>
    public ImmutableArray<double> SquaredLoadingWeights => [.. Loadings.Select(l => l[0] * l[0])];
}

/// <content>Principal component analysis.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Runs a PCA on standardised variables over the units that have all of them (units with any missing value are
    /// dropped, as COINr does), by singular value decomposition of the standardised data (MathNet.Numerics).
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="variables">The variables (at least two).</param>
    /// <param name="groupId">The group the variables belong to, recorded in the result.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException">Fewer than two variables or two complete units, or a variable is constant.</exception>
    /// <exception cref="UnknownKeyException">A variable is not a column of <paramref name="data"/>.</exception>
    public static PcaResult PrincipalComponents(AuditData data, IEnumerable<string> variables, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(variables);
        var ids = variables.ToImmutableArray();
        if (ids.Length < 2)
        {
            throw new ArgumentException("A PCA needs at least two variables.", nameof(variables));
        }

        var cols = ids.Select(v => data[v].ToArray()).ToArray();
        var rows = Enumerable.Range(0, data.Units.Length).Where(j => cols.All(c => !double.IsNaN(c[j]))).ToArray();
        var n = rows.Length;
        if (n < 2)
        {
            throw new ArgumentException($"A PCA needs at least two units with every variable present (found {n}).", nameof(data));
        }

        var p = ids.Length;
        var center = new double[p];
        var scale = new double[p];
        var x = Matrix<double>.Build.Dense(n, p);
        for (var v = 0; v < p; v++)
        {
            var col = data[ids[v]].ToArray();
            var values = rows.Select(j => col[j]).ToArray();
            center[v] = IndexStatistics.Mean(values);
            scale[v] = IndexStatistics.StandardDeviation(values);
            if (!(scale[v] > 0))
            {
                throw new ArgumentException($"Variable '{ids[v]}' is constant over the units used; it cannot be standardised.", nameof(variables));
            }

            for (var r = 0; r < n; r++)
            {
                x[r, v] = (values[r] - center[v]) / scale[v];
            }
        }

        var svd = x.Svd(computeVectors: true);
        var k = Math.Min(n, p);
        var sd = new double[k];
        var loadings = new double[p][];
        for (var v = 0; v < p; v++)
        {
            loadings[v] = new double[k];
        }

        for (var c = 0; c < k; c++)
        {
            sd[c] = svd.S[c] / Math.Sqrt(n - 1);
            double sum = 0;
            var largest = 0.0;
            for (var v = 0; v < p; v++)
            {
                var l = svd.VT[c, v];
                sum += l;
                if (Math.Abs(l) > Math.Abs(largest))
                {
                    largest = l;
                }
            }

            var sign = Math.Abs(sum) > 1e-12 ? Math.Sign(sum) : (largest < 0 ? -1 : 1);
            for (var v = 0; v < p; v++)
            {
                loadings[v][c] = sign * svd.VT[c, v];
            }
        }

        return new PcaResult(groupId, ids, [.. rows.Select(j => data.Units[j])], [.. center], [.. scale], [.. sd], [.. loadings.Select(l => l.ToImmutableArray())]);
    }

    /// <summary>
    /// Runs <see cref="PrincipalComponents"/> on the level-<paramref name="level"/> columns of <paramref name="data"/>:
    /// within each parent group (COINr <c>get_PCA(by_groups = TRUE)</c>) or over all of them (<c>by_groups = FALSE</c>).
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="definition">The index definition.</param>
    /// <param name="level">The level of the variables (1 = indicators). The default is 1.</param>
    /// <param name="byGroup">Whether to analyse each parent group separately. The default is <see langword="true"/>.</param>
    /// <returns>One analysis per group with at least two variables (groups in order of first appearance), or one over all variables (group id <c>null</c>).</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static ImmutableArray<PcaResult> PrincipalComponentsByGroup(AuditData data, IndexDefinition definition, int level = 1, bool byGroup = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fw = Framework.Of(definition);
        var columns = data.Columns.Where(c => fw.Level.TryGetValue(c, out var l) && l == level).ToList();
        if (!byGroup)
        {
            return [PrincipalComponents(data, columns)];
        }

        return [.. columns.Where(c => fw.Parent.ContainsKey(c)).Select(c => fw.Parent[c]).Distinct().Select(g => (g, members: columns.Where(c => fw.Parent.GetValueOrDefault(c) == g).ToList()))
            .Where(x => x.members.Count >= 2)
            .Select(x => PrincipalComponents(data, x.members, x.g))];
    }
}
