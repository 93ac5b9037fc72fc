using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>
/// A units × columns table of one period that the audit functions work on: raw indicators from a <see cref="Panel"/>,
/// normalised indicators and group scores from an <see cref="IndexResult"/>, or any columns (denominators, external
/// variables). NaN marks a missing value.
/// </summary>
/// <remarks>Immutable and thread-safe. The data are copied on construction, so later changes to a source cannot
/// change an audit.</remarks>
public sealed class AuditData
{
    private readonly double[] values;
    private readonly Dictionary<string, int> columnIndex;

    private AuditData(ImmutableArray<string> units, ImmutableArray<string> columns, double[] values)
    {
        Units = units;
        Columns = columns;
        this.values = values;
        columnIndex = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!columnIndex.TryAdd(columns[i], i))
            {
                throw new ArgumentException($"The column '{columns[i]}' appears twice.", nameof(columns));
            }
        }
    }

    /// <summary>Gets the unit ids (rows).</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the column ids (indicators, groups or other variables).</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>Creates a table from columns of values, one value per unit.</summary>
    /// <param name="units">The unit ids.</param>
    /// <param name="columns">The columns: id and one value per unit (NaN = missing).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A column has the wrong length or an id appears twice.</exception>
    public static AuditData Create(IEnumerable<string> units, IEnumerable<KeyValuePair<string, double[]>> columns)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(columns);
        var u = units.ToImmutableArray();
        var ids = ImmutableArray.CreateBuilder<string>();
        var data = new List<double>();
        foreach (var (id, column) in columns)
        {
            if (column.Length != u.Length)
            {
                throw new ArgumentException($"Column '{id}' has {column.Length} values for {u.Length} units.", nameof(columns));
            }

            ids.Add(id);
            data.AddRange(column);
        }

        return new AuditData(u, ids.ToImmutable(), [.. data]);
    }

    /// <summary>Takes the raw values of a panel's indicators in one period.</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="period">The period.</param>
    /// <param name="indicators">The indicators to take, in order; <see langword="null"/> for all.</param>
    /// <returns>The table.</returns>
    /// <exception cref="UnknownKeyException">The period or an indicator is not in the panel.</exception>
    public static AuditData FromPanel(Panel panel, string period, IEnumerable<string>? indicators = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var p = panel.IndexOfPeriod(period);
        if (p < 0)
        {
            throw new UnknownKeyException("period", period, $"The panel has no period '{period}'.");
        }

        var ids = (indicators ?? panel.Indicators).ToList();
        return Create(panel.Units, ids.Select(id =>
        {
            var i = panel.IndexOfIndicator(id);
            return i < 0 ? throw new UnknownKeyException("indicator", id, $"The panel has no indicator '{id}'.") : KeyValuePair.Create(id, panel.GetValues(i, p).ToArray());
        }));
    }

    /// <summary>Takes the scores of a result's nodes in one period: normalised indicators and group scores.</summary>
    /// <param name="result">The result.</param>
    /// <param name="period">The period.</param>
    /// <param name="nodes">The nodes to take, in order; <see langword="null"/> for every node (indicators, then groups, the root last).</param>
    /// <returns>The table.</returns>
    /// <exception cref="UnknownKeyException">The period or a node is unknown.</exception>
    public static AuditData FromResult(IndexResult result, string period, IEnumerable<string>? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ids = (nodes ?? result.NodeIds).ToList();
        return Create(result.Units.Select(x => x.Id), ids.Select(id => KeyValuePair.Create(id, result.GetScores(id, period).ToArray())));
    }

    /// <summary>Gets the values of a column, one per unit.</summary>
    /// <param name="column">The column id.</param>
    /// <returns>The values.</returns>
    /// <exception cref="UnknownKeyException">The column is unknown.</exception>
    public ReadOnlySpan<double> this[string column] => Column(IndexOf(column));

    /// <summary>Gets the values of a column by position.</summary>
    /// <param name="column">The column's position in <see cref="Columns"/>.</param>
    /// <returns>The values.</returns>
    public ReadOnlySpan<double> Column(int column) => values.AsSpan(column * Units.Length, Units.Length);

    /// <summary>Gets a value indicating whether the table has a column.</summary>
    /// <param name="column">The column id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string column) => columnIndex.ContainsKey(column);

    /// <summary>Selects columns, in the given order.</summary>
    /// <param name="columns">The column ids.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="UnknownKeyException">A column is unknown.</exception>
    public AuditData Select(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Create(Units, columns.Select(c => KeyValuePair.Create(c, this[c].ToArray())));
    }

    internal int IndexOf(string column) =>
        columnIndex.TryGetValue(column, out var i) ? i : throw new UnknownKeyException("column", column, $"The audit data has no column '{column}'.");
}
