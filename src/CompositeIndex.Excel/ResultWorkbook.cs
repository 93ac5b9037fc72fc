using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CompositeIndex.Excel;

/// <summary>How <see cref="ResultWorkbook.Write(IndexResult, Stream, ResultWorkbookOptions?)"/> lays out a results workbook.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ResultWorkbookOptions
{
    /// <summary>Gets the layout of the <c>Scores</c> sheet (as <see cref="ResultCsvOptions.Layout"/>). The default is <see cref="CsvLayout.Long"/>.</summary>
    public CsvLayout Layout { get; init; } = CsvLayout.Long;

    /// <summary>Gets the language of node names, or <see langword="null"/> for the default names.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// Gets the panel the result was computed from, to write each indicator's raw value next to its score in the
    /// <c>Scores</c> sheet (as <see cref="ResultCsvOptions.RawData"/>). <see langword="null"/> (the default) writes none.
    /// </summary>
    public Panel? RawData { get; init; }

    /// <summary>
    /// Gets a value indicating whether the workbook has a <c>Contributions</c> sheet (every node's share of its parent
    /// and contribution to the index, per unit and period; see <see cref="IndexResult.ExplainScore"/>). The default is
    /// <see langword="true"/>. The sheet has up to (nodes − 1) rows per unit and period: turn it off for results larger
    /// than a sheet holds (<see cref="ResultWorkbook.MaxRows"/>).
    /// </summary>
    public bool Contributions { get; init; } = true;
}

/// <summary>
/// Writes an <see cref="IndexResult"/> as an Excel workbook, one sheet per table: <c>Read me</c> (index, definition and
/// data fingerprints, library version, what each sheet holds), <c>Outputs</c> (the definition's published values,
/// ranks and classes, when it has outputs), <c>Scores</c> (every score and rank, long or wide, optionally with raw
/// values; the same table as <see cref="IndexResult.ExportCsv"/>), <c>Ranks</c> (a rank column per node),
/// <c>Raw values</c> (each indicator as read, when <see cref="ResultWorkbookOptions.RawData"/> is given),
/// <c>Normalised values</c> (each indicator's normalised value), <c>Contributions</c> (each node's weight, share and
/// contribution to its parent and to the index, see <see cref="IndexResult.ExplainScore"/>) and <c>Indicators</c>
/// (the definition's indicator table).
/// </summary>
/// <remarks>
/// <para>Cells are typed: numbers are numeric cells holding the exact double (so the workbook re-reads to the
/// result's values bit for bit), ranks are whole numbers, missing values are empty cells, and text is stored as
/// inline text cells. No cell is ever a formula: text starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> is shown
/// as written and never run, so formula injection is impossible without altering the text (unlike CSV, see
/// <see cref="SpreadsheetCsv"/>). Characters XML cannot hold (control characters) are replaced with U+FFFD.</para>
/// <para>Sheets are streamed (<c>OpenXmlWriter</c>); the workbook is written to the stream given, which is left
/// open. Thread-safe (no state).</para>
/// </remarks>
public static class ResultWorkbook
{
    /// <summary>The most characters Excel holds in one cell.</summary>
    public const int MaxCellText = 32767;

    /// <summary>The most rows an Excel sheet holds (2^20, the Excel specifications and limits).</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>The most columns an Excel sheet holds (2^14, column XFD).</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Writes the results workbook to a stream.</summary>
    /// <param name="result">The result.</param>
    /// <param name="destination">The stream (left open). A stream that cannot be read and sought (a pipe, a write-only file) gets the workbook built in a temporary file first.</param>
    /// <param name="options">The layout; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><see cref="ResultWorkbookOptions.RawData"/> lacks a unit or period of the result, a text is longer than <see cref="MaxCellText"/>, or a sheet would have more rows or columns than Excel holds (<see cref="MaxRows"/>, <see cref="MaxColumns"/>; checked before anything is written).</exception>
    /// <example><code>
    /// using var file = File.Create("results.xlsx");
    /// ResultWorkbook.Write(result, file, new ResultWorkbookOptions { Layout = CsvLayout.Wide, RawData = panel });
    /// </code></example>
    public static void Write(IndexResult result, Stream destination, ResultWorkbookOptions? options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new ResultWorkbookOptions();
        var (scoreHeader, scoreRows) = result.ScoreTable(options.Layout, options.RawData, options.Language);
        CheckSize(result, options, scoreHeader.Length);
        if (!destination.CanRead || !destination.CanSeek)
        {
            // The package writer reads back what it wrote: build the workbook in a temporary file (bounded memory), then copy.
            using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            Write(result, temp, options);
            temp.Position = 0;
            temp.CopyTo(destination);
            return;
        }

        using var doc = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        var workbookPart = doc.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var hasOutputs = !result.Outputs.IsDefaultOrEmpty;
        var contents = new List<(string Sheet, string Holds)>
        {
            ("Read me", "this sheet: what the workbook holds and where it comes from"),
        };
        if (hasOutputs)
        {
            contents.Add(("Outputs", "the definition's published outputs per unit and period: value as published (rounded), rank, class"));
        }

        contents.Add(("Scores", options.Layout == CsvLayout.Long
            ? "every score (normalised value for an indicator, aggregate for a group) and rank, one row per unit, period and node" + (options.RawData is null ? string.Empty : "; raw = the indicator's value as read")
            : "every score and rank, one row per unit and period, a score and a rank column per node" + (options.RawData is null ? string.Empty : "; '<indicator> raw' = the value as read")));
        contents.Add(("Ranks", "the rank of every unit on every node (1 = best, ties share the best rank), one row per unit and period, a column per node"));
        if (options.RawData is not null)
        {
            contents.Add(("Raw values", "each indicator's value as read from the data, one row per unit and period, a column per indicator"));
        }

        contents.Add(("Normalised values", "each indicator's normalised value (its score), one row per unit and period, a column per indicator"));
        if (options.Contributions)
        {
            contents.Add(("Contributions", "for every node below the index: weight in its parent (re-normalised over present siblings), share of the parent's score, contribution to the parent and to the index; one row per unit, period and node"));
        }

        contents.Add(("Indicators", "the definition's indicators: id, name, unit, polarity, source, description"));

        var run = result.Run;
        var readMe = new List<object?[]>
        {
            new object?[] { "Index", result.Definition.DisplayName(options.Language) },
            new object?[] { "Index id", result.Definition.Id },
            new object?[] { "Definition version", result.Definition.Version },
            new object?[] { "Definition fingerprint", run.DefinitionFingerprint },
            new object?[] { "Data fingerprint", run.DataFingerprint },
            new object?[] { "Library version", run.LibraryVersion },
            new object?[] { "Units", result.Units.Length },
            new object?[] { "Periods", string.Join(", ", result.Periods) },
            new object?[] { "Missing values", "empty cells" },
            new object?[] { null, null },
        };
        readMe.AddRange(contents.Select(c => new object?[] { c.Sheet, c.Holds }));

        uint id = 1;
        void AddSheet(string name, IReadOnlyList<string>? header, IEnumerable<object?[]> rows)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, name, header, rows);
            sheets.Append(new Sheet { Name = name, SheetId = id++, Id = workbookPart.GetIdOfPart(part) });
        }

        AddSheet("Read me", null, readMe);
        if (hasOutputs)
        {
            var (header, rows) = OutputsTable(result.Outputs);
            AddSheet("Outputs", header, rows);
        }

        AddSheet("Scores", scoreHeader, scoreRows);
        var nodes = result.NodeIds;
        var indicators = result.Definition.Indicators.Select(i => i.Id).Where(nodes.Contains).ToList();
        AddSheet("Ranks", ["unit", "unit_name", "period", .. nodes], WideRows(result, nodes.Length, (period, k) => result.GetRanks(nodes[k], period).Select(r => (object?)r).ToArray()));
        if (options.RawData is { } raw)
        {
            var present = indicators.Select(i => raw.IndexOfIndicator(i) >= 0).ToArray();
            AddSheet("Raw values", ["unit", "unit_name", "period", .. indicators], WideRows(result, indicators.Count, (period, k) =>
                result.Units.Select(u => present[k] ? Number(raw.GetValue(indicators[k], u.Id, period)) : null).ToArray()));
        }

        AddSheet("Normalised values", ["unit", "unit_name", "period", .. indicators], WideRows(result, indicators.Count, (period, k) =>
            result.GetScores(indicators[k], period).ToArray().Select(Number).ToArray()));
        if (options.Contributions)
        {
            AddSheet("Contributions", ["unit", "unit_name", "period", "node", "node_name", "parent", "depth", "kind", "score", "weight", "share", "to_parent", "to_index"], ContributionRows(result, options.Language));
        }

        AddSheet(
            "Indicators",
            ["id", "name", "unit", "polarity", "source", "description"],
            result.Definition.Indicators.Select(i => new object?[]
            {
                i.Id, i.DisplayName(options.Language), i.MeasurementUnit, i.Polarity == Polarity.Negative ? "negative" : "positive", i.Source, i.Description,
            }));
        workbookPart.Workbook.Save();
    }

    /// <summary>Writes the results workbook to a file (created or replaced).</summary>
    /// <param name="result">The result.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">The layout; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><see cref="ResultWorkbookOptions.RawData"/> lacks a unit or period of the result, a text is longer than <see cref="MaxCellText"/>, or a sheet would have more rows or columns than Excel holds.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(IndexResult result, string path, ResultWorkbookOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Write(result, file, options);
    }

    /// <summary>Checks every sheet's size against Excel's limits before anything is written.</summary>
    private static void CheckSize(IndexResult result, ResultWorkbookOptions options, int scoreColumns)
    {
        long units = result.Units.Length, periods = result.Periods.Length, nodes = result.NodeIds.Length;
        var wideRows = (units * periods) + 1;
        Check("Scores", options.Layout == CsvLayout.Long ? (nodes * periods * units) + 1 : wideRows, scoreColumns, "write the wide layout, or CSV");
        Check("Ranks", wideRows, 3 + nodes, "write CSV or JSON");
        Check("Normalised values", wideRows, 3 + result.Definition.Indicators.Length, "write CSV or JSON");
        if (options.Contributions)
        {
            Check("Contributions", (Math.Max(nodes - 1, 0) * periods * units) + 1, 13, "set ResultWorkbookOptions.Contributions to false (compindex explain and the result JSON also give contributions)");
        }

        static void Check(string sheet, long rows, long columns, string instead)
        {
            if (rows > MaxRows || columns > MaxColumns)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The {sheet} sheet would have {rows:N0} rows and {columns:N0} columns; an Excel sheet holds at most {MaxRows:N0} rows and {MaxColumns:N0} columns: {instead}."));
            }
        }
    }

    private static object? Number(double v) => double.IsNaN(v) ? null : v;

    /// <summary>One row per period and unit (the order of the long score table's periods and <see cref="IndexResult.Units"/>): unit, unit name, period, then <paramref name="columns"/> cells, column <c>k</c> of a period given for all units at once by <paramref name="column"/>.</summary>
    private static IEnumerable<object?[]> WideRows(IndexResult result, int columns, Func<string, int, object?[]> column)
    {
        foreach (var period in result.Periods)
        {
            var values = new object?[columns][];
            for (var k = 0; k < columns; k++)
            {
                values[k] = column(period, k);
            }

            for (var j = 0; j < result.Units.Length; j++)
            {
                var unit = result.Units[j];
                var cells = new object?[3 + columns];
                cells[0] = unit.Id;
                cells[1] = unit.Name ?? unit.Id;
                cells[2] = period;
                for (var k = 0; k < columns; k++)
                {
                    cells[3 + k] = values[k][j];
                }

                yield return cells;
            }
        }
    }

    /// <summary>The index explained for every unit and period (<see cref="IndexResult.ExplainScore"/> of the root): one row per node below it with a score.</summary>
    private static IEnumerable<object?[]> ContributionRows(IndexResult result, string? language)
    {
        var definition = result.Definition;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in definition.Indicators)
        {
            names[i.Id] = i.DisplayName(language);
        }

        foreach (var g in definition.Groups)
        {
            names.TryAdd(g.Id, g.DisplayName(language));
        }

        foreach (var period in result.Periods)
        {
            foreach (var unit in result.Units)
            {
                foreach (var c in result.ExplainScore(result.RootId, unit.Id, period))
                {
                    yield return
                    [
                        unit.Id, unit.Name ?? unit.Id, period, c.NodeId, names.GetValueOrDefault(c.NodeId, c.NodeId), c.ParentId, c.Depth,
                        c.IsIndicator ? "indicator" : "group", Number(c.Score), Number(c.Weight), Number(c.Share), Number(c.ToParent), Number(c.ToTarget),
                    ];
                }
            }
        }
    }

    /// <summary>The outputs as one table: unit, unit_name, period, then per output its value, and rank and class when it has them; rows where every output is missing left out (as <see cref="OutputResult.WriteCsv"/>).</summary>
    private static (string[] Header, IEnumerable<object?[]> Rows) OutputsTable(IReadOnlyList<OutputResult> outputs)
    {
        var header = new List<string> { "unit", "unit_name", "period" };
        foreach (var o in outputs)
        {
            header.Add(o.Id);
            if (o.Definition.Ranking is not null)
            {
                header.Add(o.Id + "_rank");
            }

            if (!o.Definition.Classes.IsDefaultOrEmpty)
            {
                header.Add(o.Id + "_class");
            }
        }

        IEnumerable<object?[]> Rows()
        {
            var first = outputs[0];
            foreach (var unit in first.Units)
            {
                foreach (var period in first.Periods)
                {
                    if (outputs.All(o => double.IsNaN(o.GetValue(unit.Id, period))))
                    {
                        continue;
                    }

                    var cells = new List<object?> { unit.Id, unit.Name ?? unit.Id, period };
                    foreach (var o in outputs)
                    {
                        cells.Add(o.GetPublished(unit.Id, period) is { } published ? (double)published : null);
                        if (o.Definition.Ranking is not null)
                        {
                            cells.Add(o.GetRank(unit.Id, period));
                        }

                        if (!o.Definition.Classes.IsDefaultOrEmpty)
                        {
                            cells.Add(o.GetClass(unit.Id, period));
                        }
                    }

                    yield return [.. cells];
                }
            }
        }

        return ([.. header], Rows());
    }

    private static void WriteSheet(WorksheetPart part, string sheetName, IReadOnlyList<string>? header, IEnumerable<object?[]> rows)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new SheetData());
        uint r = 0;
        if (header is not null)
        {
            WriteRow(w, sheetName, ++r, [.. header]);
        }

        foreach (var row in rows)
        {
            WriteRow(w, sheetName, ++r, row);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter w, string sheetName, uint r, IReadOnlyList<object?> cells)
    {
        w.WriteStartElement(new Row { RowIndex = r });
        for (var c = 0; c < cells.Count; c++)
        {
            var reference = SheetTableSource.CellName(c, r);
            switch (cells[c])
            {
                case null:
                    break;
                case double d when double.IsFinite(d):
                    w.WriteElement(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) });
                    break;
                case double:
                    break; // NaN (missing) and infinities: an empty cell
                case int n:
                    w.WriteElement(new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) });
                    break;
                case string s:
                    if (s.Length > MaxCellText)
                    {
                        throw new ArgumentException($"The text for {sheetName}!{reference} has {s.Length} characters; an Excel cell holds at most {MaxCellText}.");
                    }

                    w.WriteElement(new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(XmlSafe(s)) { Space = SpaceProcessingModeValues.Preserve }),
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected cell {cells[c]!.GetType()}.");
            }
        }

        w.WriteEndElement();
    }

    /// <summary>Replaces characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) with U+FFFD.</summary>
    internal static string XmlSafe(string s)
    {
        var i = 0;
        while (i < s.Length && Ok(s, i))
        {
            i += char.IsHighSurrogate(s[i]) ? 2 : 1;
        }

        if (i >= s.Length)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length).Append(s, 0, i);
        while (i < s.Length)
        {
            if (Ok(s, i))
            {
                var n = char.IsHighSurrogate(s[i]) ? 2 : 1;
                sb.Append(s, i, n);
                i += n;
            }
            else
            {
                sb.Append('\uFFFD');
                i++;
            }
        }

        return sb.ToString();

        static bool Ok(string s, int i)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            }

            return c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsLowSurrogate(c) && c is not '\uFFFE' and not '\uFFFF');
        }
    }
}
