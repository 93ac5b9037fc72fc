using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>Result rows for LINQ and data frames, and CSV in the layouts spreadsheets and analysts use.</summary>
public sealed partial class IndexResult
{
    /// <summary>
    /// Enumerates every score as a row: one per node (indicators, then groups, in the order of <see cref="NodeIds"/>),
    /// period and unit, with the rank and, for a node that a definition output publishes directly (an output whose value
    /// is the node's score, e.g. the HDI rounded to three digits), the published value. Lazy: rows are made as they are
    /// read; ranks are computed once per node and period.
    /// </summary>
    /// <returns>The rows, node-major, then period, then unit (in the order of <see cref="Units"/>).</returns>
    /// <example><code>
    /// var top = result.Rows().Where(r => r.NodeId == result.RootId &amp;&amp; r.Period == "2024" &amp;&amp; r.Rank &lt;= 10);
    /// </code></example>
    public IEnumerable<ScoreRow> Rows()
    {
        var indicators = Definition.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var published = PublishedOutputs();
        foreach (var node in NodeIds)
        {
            var isIndicator = indicators.Contains(node);
            published.TryGetValue(node, out var output);
            foreach (var period in Periods)
            {
                var values = GetScores(node, period).ToArray();
                var ranks = GetRanks(node, period);
                for (var j = 0; j < values.Length; j++)
                {
                    var unit = Units[j];
                    yield return new ScoreRow(node, unit.Id, period, values[j], ranks[j], output?.GetPublished(unit.Id, period))
                    {
                        UnitName = unit.Name,
                        IsIndicator = isIndicator,
                    };
                }
            }
        }
    }

    /// <summary>
    /// Writes every score as CSV in the layout asked for (long: one row per unit, period and node; wide: one row per
    /// unit and period, a score and a rank column per node), optionally with the indicators' raw values and in
    /// Excel-compatible form (see <see cref="ResultCsvOptions"/>). Numbers in invariant culture, shortest round-trip form;
    /// missing scores and ranks are empty cells.
    /// </summary>
    /// <param name="writer">The destination. For Excel-compatible output it should encode UTF-8 (the byte-order mark is written as U+FEFF).</param>
    /// <param name="options">The layout and options.</param>
    /// <exception cref="ArgumentException"><see cref="ResultCsvOptions.RawData"/> lacks a unit or period of this result.</exception>
    public void ExportCsv(TextWriter writer, ResultCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var excel = options.ExcelCompatible;
        var newline = excel ? "\r\n" : "\n";
        var (header, rows) = ScoreTable(options.Layout, options.RawData, options.Language);
        if (excel)
        {
            writer.Write('\uFEFF');
        }

        var sb = new StringBuilder();
        void Write(IReadOnlyList<object?> cells)
        {
            sb.Clear();
            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(cells[i] switch
                {
                    null => string.Empty,
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    int n => n.ToString(CultureInfo.InvariantCulture),
                    string t => SpreadsheetCsv.Field(t, excel),
                    var other => throw new InvalidOperationException($"Unexpected cell {other.GetType()}."),
                });
            }

            writer.Write(sb.Append(newline).ToString());
        }

        Write(header);
        foreach (var row in rows)
        {
            Write(row);
        }
    }

    /// <summary>
    /// The score table of <see cref="ExportCsv"/> (and of the spreadsheet writer): the header and the rows, each cell a
    /// <see cref="string"/>, a finite <see cref="double"/>, an <see cref="int"/> (rank) or <see langword="null"/> (missing).
    /// Rows are made as they are read.
    /// </summary>
    internal (string[] Header, IEnumerable<object?[]> Rows) ScoreTable(CsvLayout layout, Panel? rawData, string? language) =>
        ScoreTable(layout, rawData, language, out _);

    /// <summary>The score table with the type of each column's cells: <see cref="string"/>, <see cref="double"/> or <see cref="int"/>.</summary>
    internal (string[] Header, IEnumerable<object?[]> Rows) ScoreTable(CsvLayout layout, Panel? rawData, string? language, out Type[] kinds)
    {
        var raw = RawLookup(rawData);
        var indicators = Definition.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var names = NodeIds.ToDictionary(n => n, n => NodeDisplayName(n, language), StringComparer.Ordinal);
        static object? Num(double v) => double.IsNaN(v) ? null : v;
        static object? Rank(int? r) => r;
        if (layout == CsvLayout.Long)
        {
            string[] longHeader = raw is null
                ? ["unit", "unit_name", "period", "node", "node_name", "kind", "score", "rank"]
                : ["unit", "unit_name", "period", "node", "node_name", "kind", "score", "rank", "raw"];
            kinds = [typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(double), typeof(int), .. raw is null ? Type.EmptyTypes : [typeof(double)]];
            IEnumerable<object?[]> LongRows()
            {
                foreach (var row in Rows())
                {
                    var cells = new object?[longHeader.Length];
                    cells[0] = row.UnitId;
                    cells[1] = row.UnitName ?? row.UnitId;
                    cells[2] = row.Period;
                    cells[3] = row.NodeId;
                    cells[4] = names[row.NodeId];
                    cells[5] = row.IsIndicator ? "indicator" : "group";
                    cells[6] = Num(row.Score);
                    cells[7] = Rank(row.Rank);
                    if (raw is not null)
                    {
                        cells[8] = row.IsIndicator ? Num(raw(row.NodeId, row.UnitId, row.Period)) : null;
                    }

                    yield return cells;
                }
            }

            return (longHeader, LongRows());
        }

        // Wide: unit, unit_name, period; per node "<id>" (score) and "<id> rank"; then "<indicator> raw" per indicator.
        var nodes = NodeIds;
        var rawIndicators = raw is null ? [] : nodes.Where(indicators.Contains).ToList();
        var header = new List<string> { "unit", "unit_name", "period" };
        foreach (var n in nodes)
        {
            header.Add(n);
            header.Add(n + " rank");
        }

        header.AddRange(rawIndicators.Select(n => n + " raw"));
        kinds = [typeof(string), typeof(string), typeof(string), .. nodes.SelectMany(_ => new[] { typeof(double), typeof(int) }), .. rawIndicators.Select(_ => typeof(double))];
        IEnumerable<object?[]> WideRows()
        {
            foreach (var period in Periods)
            {
                var scores = nodes.Select(n => GetScores(n, period).ToArray()).ToList();
                var ranks = nodes.Select(n => GetRanks(n, period)).ToList();
                for (var j = 0; j < Units.Length; j++)
                {
                    var cells = new object?[header.Count];
                    cells[0] = Units[j].Id;
                    cells[1] = Units[j].Name ?? Units[j].Id;
                    cells[2] = period;
                    var c = 3;
                    for (var k = 0; k < nodes.Length; k++)
                    {
                        cells[c++] = Num(scores[k][j]);
                        cells[c++] = Rank(ranks[k][j]);
                    }

                    foreach (var n in rawIndicators)
                    {
                        cells[c++] = Num(raw!(n, Units[j].Id, period));
                    }

                    yield return cells;
                }
            }
        }

        return ([.. header], WideRows());
    }

    /// <summary>The outputs whose value is a node's score in the primary result (e.g. <c>hdi</c> = score of node <c>hdi</c>, rounded), by node.</summary>
    private Dictionary<string, OutputResult> PublishedOutputs()
    {
        var map = new Dictionary<string, OutputResult>(StringComparer.Ordinal);
        if (Variant is not null || Outputs.IsDefaultOrEmpty)
        {
            return map;
        }

        foreach (var o in Outputs)
        {
            if (o.Definition.Value is ScoreExpression { Variant: null } s)
            {
                map.TryAdd(s.Node, o);
            }
        }

        return map;
    }

    private string NodeDisplayName(string nodeId, string? language) =>
        Definition.Indicators.FirstOrDefault(i => i.Id == nodeId)?.DisplayName(language)
        ?? Definition.Groups.FirstOrDefault(g => g.Id == nodeId)?.DisplayName(language)
        ?? nodeId;

    /// <summary>A look-up of raw values (NaN when the panel has no such indicator or value), checked to cover this result's units and periods.</summary>
    private Func<string, string, string, double>? RawLookup(Panel? panel)
    {
        if (panel is null)
        {
            return null;
        }

        foreach (var unit in Units)
        {
            if (panel.IndexOfUnit(unit.Id) < 0)
            {
                throw new ArgumentException($"The raw data has no unit '{unit.Id}' of the result.", nameof(panel));
            }
        }

        foreach (var period in Periods)
        {
            if (panel.IndexOfPeriod(period) < 0)
            {
                throw new ArgumentException($"The raw data has no period '{period}' of the result.", nameof(panel));
            }
        }

        return (indicator, unit, period) => panel.IndexOfIndicator(indicator) < 0 ? double.NaN : panel.GetValue(indicator, unit, period);
    }
}

/// <summary>One score of an <see cref="IndexResult"/>: a node (indicator or group) for a unit in a period (see <see cref="IndexResult.Rows"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ScoreRow
{
    internal ScoreRow(string nodeId, string unitId, string period, double score, int? rank, decimal? publishedValue)
    {
        NodeId = nodeId;
        UnitId = unitId;
        Period = period;
        Score = score;
        Rank = rank;
        PublishedValue = publishedValue;
    }

    /// <summary>Gets the indicator or group id.</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit id.</summary>
    public string UnitId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the score (an indicator's normalised value); NaN when missing.</summary>
    public double Score { get; }

    /// <summary>Gets the rank among units on this node in this period (1 = best, ties share the best rank); <see langword="null"/> when the score is missing.</summary>
    public int? Rank { get; }

    /// <summary>Gets the value as a definition output publishes it (rounded), for a node that an output publishes directly; otherwise <see langword="null"/>.</summary>
    public decimal? PublishedValue { get; }

    /// <summary>Gets the unit's display name, if the data gave one.</summary>
    public string? UnitName { get; internal init; }

    /// <summary>Gets a value indicating whether the node is an indicator (its score is the normalised value) rather than a group.</summary>
    public bool IsIndicator { get; internal init; }
}

/// <summary>The layout of a results CSV.</summary>
public enum CsvLayout
{
    /// <summary>One row per unit, period and node: <c>unit,unit_name,period,node,node_name,kind,score,rank</c> (tidy; for R, pandas, pivot tables).</summary>
    Long,

    /// <summary>One row per unit and period, a score column (<c>&lt;node&gt;</c>) and a rank column (<c>&lt;node&gt; rank</c>) per node (for reading in a spreadsheet).</summary>
    Wide,
}

/// <summary>How <see cref="IndexResult.ExportCsv"/> writes a results CSV.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ResultCsvOptions
{
    /// <summary>Gets the layout. The default is <see cref="CsvLayout.Long"/>.</summary>
    public CsvLayout Layout { get; init; } = CsvLayout.Long;

    /// <summary>
    /// Gets a value indicating whether to write for spreadsheet programs: a UTF-8 byte-order mark (so Excel on Windows
    /// reads <c>Sankt Göran</c> and Korean names correctly), CRLF line ends, and formula-like text cells neutralised
    /// with a leading apostrophe (see <see cref="SpreadsheetCsv"/>). The default is <see langword="false"/>: plain
    /// RFC 4180 CSV that programs read back exactly.
    /// </summary>
    public bool ExcelCompatible { get; init; }

    /// <summary>Gets the language of node names, or <see langword="null"/> for the default names.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// Gets the panel the result was computed from, to write each indicator's raw value (as read, before
    /// normalisation) next to its score: a <c>raw</c> column (long) or a <c>&lt;indicator&gt; raw</c> column per
    /// indicator (wide). <see langword="null"/> (the default) writes no raw values.
    /// </summary>
    public Panel? RawData { get; init; }
}
