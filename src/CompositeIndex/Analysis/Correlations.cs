using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The kind of correlation.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's product-moment correlation (<see cref="IndexStatistics.Pearson"/>).</summary>
    Pearson = 0,

    /// <summary>Spearman's rank correlation (<see cref="IndexStatistics.Spearman"/>).</summary>
    Spearman = 1,
}

/// <summary>
/// A matrix of pairwise-complete correlations between the columns of two tables, with the number of complete pairs
/// and two-sided p-values (COINr <c>get_corr</c> with <c>pval = 0</c>; <see cref="Significant"/> gives its default
/// <c>pval = 0.05</c>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CorrelationMatrix
{
    internal CorrelationMatrix(ImmutableArray<string> rowIds, ImmutableArray<string> columnIds, CorrelationMethod method, ImmutableArray<double> values, ImmutableArray<double> pValues, ImmutableArray<int> counts)
    {
        RowIds = rowIds;
        ColumnIds = columnIds;
        Method = method;
        Values = values;
        PValues = pValues;
        Counts = counts;
    }

    /// <summary>Gets the row variables.</summary>
    public ImmutableArray<string> RowIds { get; }

    /// <summary>Gets the column variables.</summary>
    public ImmutableArray<string> ColumnIds { get; }

    /// <summary>Gets the correlation method.</summary>
    public CorrelationMethod Method { get; }

    /// <summary>Gets the correlations, row-major (NaN when undefined or not significant).</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>Gets the p-values, row-major (0 for a variable with itself, as COINr).</summary>
    public ImmutableArray<double> PValues { get; }

    /// <summary>Gets the numbers of complete pairs, row-major.</summary>
    public ImmutableArray<int> Counts { get; }

    /// <summary>Gets the correlation of a row and a column variable.</summary>
    /// <param name="row">The row variable.</param>
    /// <param name="column">The column variable.</param>
    /// <returns>The correlation (NaN when undefined).</returns>
    /// <exception cref="UnknownKeyException">A variable is unknown.</exception>
    public double this[string row, string column] => Values[Offset(row, column)];

    /// <summary>Gets the p-value of a row and a column variable.</summary>
    /// <param name="row">The row variable.</param>
    /// <param name="column">The column variable.</param>
    /// <returns>The p-value.</returns>
    /// <exception cref="UnknownKeyException">A variable is unknown.</exception>
    public double PValue(string row, string column) => PValues[Offset(row, column)];

    /// <summary>Gets the number of complete pairs of a row and a column variable.</summary>
    /// <param name="row">The row variable.</param>
    /// <param name="column">The column variable.</param>
    /// <returns>The count.</returns>
    /// <exception cref="UnknownKeyException">A variable is unknown.</exception>
    public int Count(string row, string column) => Counts[Offset(row, column)];

    /// <summary>Returns a copy in which correlations whose p-value exceeds <paramref name="alpha"/> are NaN (COINr's <c>pval</c>).</summary>
    /// <param name="alpha">The significance level, e.g. 0.05; 0 keeps everything (COINr <c>pval = 0</c>).</param>
    /// <returns>The filtered matrix.</returns>
    public CorrelationMatrix Significant(double alpha) =>
        alpha <= 0 ? this : new CorrelationMatrix(RowIds, ColumnIds, Method, [.. Values.Select((r, k) => PValues[k] > alpha ? double.NaN : r)], PValues, Counts);

    private int Offset(string row, string column)
    {
        var i = RowIds.IndexOf(row, StringComparer.Ordinal);
        var j = ColumnIds.IndexOf(column, StringComparer.Ordinal);
        if (i < 0 || j < 0)
        {
            throw new UnknownKeyException("pair", $"{row}, {column}", $"The correlation matrix has no pair ('{row}', '{column}').");
        }

        return (i * ColumnIds.Length) + j;
    }
}

/// <summary>The correlation of a node with one of its ancestors (COINr <c>get_corr(withparent = TRUE or "family")</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AncestorCorrelation
{
    internal AncestorCorrelation(string nodeId, string ancestorId, int ancestorLevel, double correlation, double pValue, int count)
    {
        NodeId = nodeId;
        AncestorId = ancestorId;
        AncestorLevel = ancestorLevel;
        Correlation = correlation;
        PValue = pValue;
        Count = count;
    }

    /// <summary>Gets the indicator or group.</summary>
    public string NodeId { get; }

    /// <summary>Gets the ancestor group.</summary>
    public string AncestorId { get; }

    /// <summary>Gets the ancestor's level.</summary>
    public int AncestorLevel { get; }

    /// <summary>Gets the correlation.</summary>
    public double Correlation { get; }

    /// <summary>Gets its two-sided p-value.</summary>
    public double PValue { get; }

    /// <summary>Gets the number of complete pairs.</summary>
    public int Count { get; }
}

/// <summary>What a <see cref="CorrelationFlag"/> signals.</summary>
public enum CorrelationFlagKind
{
    /// <summary>Two variables of a group correlate above the collinearity threshold (possible double counting).</summary>
    Collinear = 0,

    /// <summary>Two variables of a group correlate below the negative threshold (trade-off inside a group).</summary>
    Negative = 1,
}

/// <summary>A pair of variables of the same group whose correlation is suspiciously high or negative (COINr <c>get_corr_flags</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CorrelationFlag
{
    internal CorrelationFlag(string groupId, string first, string second, double correlation, CorrelationFlagKind kind)
    {
        GroupId = groupId;
        First = first;
        Second = second;
        Correlation = correlation;
        Kind = kind;
    }

    /// <summary>Gets the group both belong to.</summary>
    public string GroupId { get; }

    /// <summary>Gets the first variable (earlier in the data).</summary>
    public string First { get; }

    /// <summary>Gets the second variable.</summary>
    public string Second { get; }

    /// <summary>Gets the correlation.</summary>
    public double Correlation { get; }

    /// <summary>Gets the reason it is flagged.</summary>
    public CorrelationFlagKind Kind { get; }
}

/// <summary>An indicator strongly correlated with a denominator (COINr <c>get_denom_corr</c>): a hint to denominate it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DenominatorCorrelation
{
    internal DenominatorCorrelation(string indicatorId, string denominatorId, double correlation, int count)
    {
        IndicatorId = indicatorId;
        DenominatorId = denominatorId;
        Correlation = correlation;
        Count = count;
    }

    /// <summary>Gets the indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>Gets the denominator (GDP, population, area, ...).</summary>
    public string DenominatorId { get; }

    /// <summary>Gets the correlation.</summary>
    public double Correlation { get; }

    /// <summary>Gets the number of complete pairs.</summary>
    public int Count { get; }
}

/// <content>Correlation analysis.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Correlates every column of <paramref name="rows"/> with every column of <paramref name="columns"/> (all of
    /// <paramref name="rows"/> with each other when <paramref name="columns"/> is <see langword="null"/>), over the units
    /// where both have a value (R's <c>cor(use = "pairwise.complete.obs")</c>), with p-values from the t distribution on
    /// n − 2 degrees of freedom (<see cref="IndexStatistics.CorrelationPValue"/>).
    /// </summary>
    /// <param name="rows">The row variables.</param>
    /// <param name="columns">The column variables (same units in the same order), or <see langword="null"/>.</param>
    /// <param name="method">Pearson (default) or Spearman.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">The two tables have different units.</exception>
    public static CorrelationMatrix Correlations(AuditData rows, AuditData? columns = null, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cols = columns ?? rows;
        if (!rows.Units.SequenceEqual(cols.Units, StringComparer.Ordinal))
        {
            throw new ArgumentException("The two tables must have the same units in the same order.", nameof(columns));
        }

        var m = rows.Columns.Length;
        var k = cols.Columns.Length;
        var r = new double[m * k];
        var p = new double[m * k];
        var n = new int[m * k];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var (xs, ys) = IndexStatistics.CompletePairs(rows.Column(i), cols.Column(j));
                var value = method == CorrelationMethod.Spearman
                    ? IndexStatistics.PearsonComplete(IndexStatistics.AverageRanks(xs), IndexStatistics.AverageRanks(ys))
                    : IndexStatistics.PearsonComplete(xs, ys);
                r[(i * k) + j] = value;
                n[(i * k) + j] = xs.Length;
                p[(i * k) + j] = rows.Columns[i] == cols.Columns[j] ? 0 : IndexStatistics.CorrelationPValue(value, xs.Length);
            }
        }

        return new CorrelationMatrix(rows.Columns, cols.Columns, method, [.. r], [.. p], [.. n]);
    }

    /// <summary>
    /// Correlates each node of level <paramref name="level"/> that is a column of <paramref name="data"/> with its
    /// ancestors that are columns too: its parent (COINr <c>withparent = TRUE</c>) and every higher ancestor
    /// (<c>withparent = "family"</c>).
    /// </summary>
    /// <param name="data">Scores of the nodes and of their ancestors (e.g. <see cref="AuditData.FromResult"/>).</param>
    /// <param name="definition">The index definition.</param>
    /// <param name="level">The level of the nodes (1 = indicators). The default is 1.</param>
    /// <param name="method">Pearson (default) or Spearman.</param>
    /// <returns>One entry per node and ancestor, by ancestor level, then node order in <paramref name="data"/>.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static ImmutableArray<AncestorCorrelation> AncestorCorrelations(AuditData data, IndexDefinition definition, int level = 1, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fw = Framework.Of(definition);
        var top = fw.Level[fw.Root];
        var result = ImmutableArray.CreateBuilder<AncestorCorrelation>();
        for (var l = level + 1; l <= top; l++)
        {
            foreach (var node in data.Columns.Where(c => fw.Level.TryGetValue(c, out var cl) && cl == level))
            {
                if (fw.AncestorAt(node, l) is { } ancestor && data.Contains(ancestor))
                {
                    var (xs, ys) = IndexStatistics.CompletePairs(data[node], data[ancestor]);
                    var r = method == CorrelationMethod.Spearman
                        ? IndexStatistics.PearsonComplete(IndexStatistics.AverageRanks(xs), IndexStatistics.AverageRanks(ys))
                        : IndexStatistics.PearsonComplete(xs, ys);
                    result.Add(new AncestorCorrelation(node, ancestor, l, r, IndexStatistics.CorrelationPValue(r, xs.Length), xs.Length));
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Flags pairs of variables in the same group (the ancestors at <paramref name="groupLevel"/>) that correlate above
    /// <paramref name="collinearAbove"/> (COINr <c>get_corr_flags(thresh_type = "high")</c>) or below
    /// <paramref name="negativeBelow"/> (<c>thresh_type = "low"</c>). Each pair is reported once.
    /// </summary>
    /// <param name="data">The variables (e.g. normalised indicators).</param>
    /// <param name="definition">The index definition.</param>
    /// <param name="groupLevel">The level of the groups within which pairs are compared. The default is 2 (pillars).</param>
    /// <param name="collinearAbove">Correlations strictly above this are flagged as collinear; <see langword="null"/> to skip. The default is 0.9 (COINr).</param>
    /// <param name="negativeBelow">Correlations strictly below this are flagged as negative; <see langword="null"/> to skip. The default is 0.</param>
    /// <param name="method">Pearson (default) or Spearman.</param>
    /// <returns>The flags, by group (children before parents) and pair order in <paramref name="data"/>.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static ImmutableArray<CorrelationFlag> CorrelationFlags(AuditData data, IndexDefinition definition, int groupLevel = 2, double? collinearAbove = 0.9, double? negativeBelow = 0, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fw = Framework.Of(definition);
        var result = ImmutableArray.CreateBuilder<CorrelationFlag>();
        foreach (var g in fw.GroupsAt(groupLevel))
        {
            var members = data.Columns.Where(c => c != g && (fw.Parent.ContainsKey(c) && (fw.AncestorAt(c, groupLevel) == g))).ToList();
            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    var r = method == CorrelationMethod.Spearman ? IndexStatistics.Spearman(data[members[a]], data[members[b]]) : IndexStatistics.Pearson(data[members[a]], data[members[b]]);
                    if (collinearAbove is { } hi && r > hi)
                    {
                        result.Add(new CorrelationFlag(g, members[a], members[b], r, CorrelationFlagKind.Collinear));
                    }
                    else if (negativeBelow is { } lo && r < lo)
                    {
                        result.Add(new CorrelationFlag(g, members[a], members[b], r, CorrelationFlagKind.Negative));
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Lists indicator–denominator pairs whose absolute correlation exceeds <paramref name="threshold"/> (COINr
    /// <c>get_denom_corr</c>), sorted by indicator then denominator (ordinal).
    /// </summary>
    /// <param name="indicators">The indicators (usually raw).</param>
    /// <param name="denominators">The candidate denominators, same units in the same order.</param>
    /// <param name="threshold">The absolute correlation above which a pair is listed. The default is 0.6 (COINr).</param>
    /// <param name="method">Pearson (default) or Spearman.</param>
    /// <returns>The pairs.</returns>
    /// <exception cref="ArgumentException">The two tables have different units.</exception>
    public static ImmutableArray<DenominatorCorrelation> DenominatorCorrelations(AuditData indicators, AuditData denominators, double threshold = 0.6, CorrelationMethod method = CorrelationMethod.Pearson)
    {
        var m = Correlations(indicators, denominators, method);
        var result = new List<DenominatorCorrelation>();
        for (var i = 0; i < m.RowIds.Length; i++)
        {
            for (var j = 0; j < m.ColumnIds.Length; j++)
            {
                var k = (i * m.ColumnIds.Length) + j;
                if (m.RowIds[i] != m.ColumnIds[j] && Math.Abs(m.Values[k]) > threshold)
                {
                    result.Add(new DenominatorCorrelation(m.RowIds[i], m.ColumnIds[j], m.Values[k], m.Counts[k]));
                }
            }
        }

        return [.. result.OrderBy(x => x.IndicatorId, StringComparer.Ordinal).ThenBy(x => x.DenominatorId, StringComparer.Ordinal)];
    }
}
