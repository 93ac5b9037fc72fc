using Microsoft.Data.Analysis;

namespace CompositeIndex.DataFrames;

/// <summary>
/// Converts between <see cref="DataFrame"/> (Microsoft.Data.Analysis) and CompositeIndex: a panel from a wide or long
/// frame, read with the same column options and rules as CSV (<see cref="CsvOptions"/>), and results as frames.
/// </summary>
/// <remarks>
/// <para>Reading: the frame's column names are the header. Numeric columns (<see cref="double"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="decimal"/>, …) give their values exactly; a <see cref="float"/> column gives the
/// float's exact value, which is not the decimal number that was typed (<c>1.2f</c> is 1.2000000476837158):
/// <c>DataFrame.LoadCsv</c> infers <see cref="float"/> for numbers, so pass <c>dataTypes</c> with
/// <see cref="double"/> for value columns. Nulls are missing; string columns are parsed as CSV fields (missing tokens,
/// then numbers). Errors name the column and the 0-based row.</para>
/// <para>Thread-safe (no state); the frame is only read.</para>
/// </remarks>
public static class DataFrameExtensions
{
    /// <summary>Reads a wide frame (one row per unit and period, a column per indicator) as a panel.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/> (<c>unit</c>, <c>period</c>).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">A column is missing, or a value is not a number (named by column and row).</exception>
    /// <example><code>
    /// var frame = DataFrame.LoadCsv("cities.csv", dataTypes: [typeof(string), typeof(string), typeof(string), typeof(double), typeof(double)]);
    /// var panel = frame.ToWidePanel(new CsvOptions { UnitNameColumn = "name" });
    /// </code></example>
    public static Panel ToWidePanel(this DataFrame frame, CsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return CsvPanelReader.ReadWide(new DataFrameTableSource(frame, "DataFrame"), options ?? CsvOptions.Default);
    }

    /// <summary>Reads a long frame (one row per unit, period and indicator: <c>unit</c>, <c>period</c>, <c>indicator</c>, <c>value</c>) as a panel.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">A column is missing, a row repeats a cell, or a value is not a number (named by column and row).</exception>
    public static Panel ToLongPanel(this DataFrame frame, CsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return CsvPanelReader.ReadLong(new DataFrameTableSource(frame, "DataFrame"), options ?? CsvOptions.Default);
    }

    /// <summary>
    /// Makes a frame of score rows (<see cref="IndexResult.Rows"/>, filtered or not): columns <c>node</c>, <c>unit</c>,
    /// <c>unit_name</c>, <c>period</c>, <c>score</c> (<see cref="double"/>, null when missing), <c>rank</c>
    /// (<see cref="int"/>, null when missing), <c>published</c> (<see cref="decimal"/>, null when the node is not
    /// published directly) and <c>is_indicator</c>.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <returns>A new frame, one row per score row, in order.</returns>
    /// <example><code>
    /// var frame = result.Rows().Where(r =&gt; r.NodeId == result.RootId).ToDataFrame();
    /// </code></example>
    public static DataFrame ToDataFrame(this IEnumerable<ScoreRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var node = new StringDataFrameColumn("node");
        var unit = new StringDataFrameColumn("unit");
        var name = new StringDataFrameColumn("unit_name");
        var period = new StringDataFrameColumn("period");
        var score = new DoubleDataFrameColumn("score");
        var rank = new Int32DataFrameColumn("rank");
        var published = new DecimalDataFrameColumn("published");
        var indicator = new BooleanDataFrameColumn("is_indicator");
        foreach (var r in rows)
        {
            node.Append(r.NodeId);
            unit.Append(r.UnitId);
            name.Append(r.UnitName ?? r.UnitId);
            period.Append(r.Period);
            score.Append(double.IsNaN(r.Score) ? null : r.Score);
            rank.Append(r.Rank);
            published.Append(r.PublishedValue);
            indicator.Append(r.IsIndicator);
        }

        return new DataFrame(node, unit, name, period, score, rank, published, indicator);
    }

    /// <summary>
    /// Makes a frame of the results score table, the same table as <see cref="IndexResult.ExportCsv"/>: long
    /// (<c>unit, unit_name, period, node, node_name, kind, score, rank[, raw]</c>) or wide (a score and a rank column
    /// per node). Scores and raw values are <see cref="double"/> columns, ranks <see cref="int"/>, missing values null.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="layout">The layout.</param>
    /// <param name="rawData">The panel the result was computed from, to add each indicator's raw value; or <see langword="null"/>.</param>
    /// <returns>A new frame.</returns>
    /// <exception cref="ArgumentException"><paramref name="rawData"/> lacks a unit or period of the result.</exception>
    public static DataFrame ToDataFrame(this IndexResult result, CsvLayout layout, Panel? rawData)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (header, rows) = result.ScoreTable(layout, rawData, null, out var kinds);
        var table = rows.ToList();
        var columns = new List<DataFrameColumn>(header.Length);
        for (var c = 0; c < header.Length; c++)
        {
            var k = c;
            columns.Add(kinds[c] == typeof(double) ? new DoubleDataFrameColumn(header[c], table.Select(r => (double?)r[k]))
                : kinds[c] == typeof(int) ? new Int32DataFrameColumn(header[c], table.Select(r => (int?)r[k]))
                : new StringDataFrameColumn(header[c], table.Select(r => (string?)r[k])));
        }

        return new DataFrame(columns);
    }
}
