using System.IO.Packaging;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CompositeIndex.Excel;

/// <summary>
/// Reads panels from Excel workbooks (<c>.xlsx</c>, <c>.xlsm</c>): one sheet, in the wide or long layout, with the same
/// column options and rules as CSV (<see cref="CsvOptions"/>: unit, period, name, indicator and value columns,
/// indicator maps, attributes, missing tokens).
/// </summary>
/// <remarks>
/// <para>Cells are read by type: a numeric cell is the number Excel stored (bit for bit the double a CSV of the same
/// number gives, with no culture involved; <see cref="CsvOptions.DecimalComma"/> applies only to numbers typed as
/// text); a text cell is parsed as a CSV field is (missing tokens, then a number); an empty cell is missing; an error
/// cell (<c>#N/A</c>, <c>#DIV/0!</c>) fails the read with its place named as Excel names it (<c>Data!C12</c>) unless the
/// error text is one of <see cref="CsvOptions.MissingTokens"/>. A formula cell is read as its saved result. Ids from
/// numeric cells (a year as the period) are written in shortest round-trip form (<c>2024</c>). The first row holding a
/// value is the header; rows without values are skipped; a row may end early (empty cells), but no value may stand
/// right of the header's last column. <see cref="CsvOptions.Separator"/> and <see cref="CsvOptions.Encoding"/> do not
/// apply. Date-formatted cells are read as their serial numbers: store periods as text or whole numbers.</para>
/// <para>Built on the Open XML SDK (DocumentFormat.OpenXml); the sheet is streamed a row at a time. Thread-safe
/// (no state).</para>
/// </remarks>
public static class ExcelPanel
{
    /// <summary>Reads a wide sheet: one row per unit and period, a column per indicator.</summary>
    /// <param name="path">The workbook file.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook, has no such sheet, or a cell is malformed (named as <c>Sheet!C12</c>).</exception>
    public static Panel ReadWide(string path, ExcelSheet? sheet, CsvOptions? options) => ReadWide(path, sheet, options, CancellationToken.None);

    /// <summary>Reads a wide sheet: one row per unit and period, a column per indicator.</summary>
    /// <param name="path">The workbook file.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook, has no such sheet, or a cell is malformed (named as <c>Sheet!C12</c>).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    /// <example><code>
    /// var panel = ExcelPanel.ReadWide("indicators.xlsx", ExcelSheet.Named("2024"), new CsvOptions { UnitColumn = "district", DefaultPeriod = "2024" });
    /// </code></example>
    public static Panel ReadWide(string path, ExcelSheet? sheet, CsvOptions? options, CancellationToken cancellationToken) =>
        Read(path, sheet, (s, c) => CsvPanelReader.ReadWide(s, options ?? CsvOptions.Default, c), cancellationToken);

    /// <summary>Reads a long sheet: one row per unit, period and indicator.</summary>
    /// <param name="path">The workbook file.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook, has no such sheet, or a cell is malformed (named as <c>Sheet!C12</c>).</exception>
    public static Panel ReadLong(string path, ExcelSheet? sheet, CsvOptions? options) => ReadLong(path, sheet, options, CancellationToken.None);

    /// <summary>Reads a long sheet: one row per unit, period and indicator.</summary>
    /// <param name="path">The workbook file.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook, has no such sheet, or a cell is malformed (named as <c>Sheet!C12</c>).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadLong(string path, ExcelSheet? sheet, CsvOptions? options, CancellationToken cancellationToken) =>
        Read(path, sheet, (s, c) => CsvPanelReader.ReadLong(s, options ?? CsvOptions.Default, c), cancellationToken);

    /// <summary>Reads a wide sheet from a stream (seekable streams are read in place; others are copied to memory first).</summary>
    /// <param name="stream">The workbook bytes.</param>
    /// <param name="source">A name for the workbook used in messages.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The stream is not a workbook, has no such sheet, or a cell is malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadWide(Stream stream, string source, ExcelSheet? sheet, CsvOptions? options, CancellationToken cancellationToken) =>
        Read(stream, source, sheet, (s, c) => CsvPanelReader.ReadWide(s, options ?? CsvOptions.Default, c), cancellationToken);

    /// <summary>Reads a long sheet from a stream (seekable streams are read in place; others are copied to memory first).</summary>
    /// <param name="stream">The workbook bytes.</param>
    /// <param name="source">A name for the workbook used in messages.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The stream is not a workbook, has no such sheet, or a cell is malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadLong(Stream stream, string source, ExcelSheet? sheet, CsvOptions? options, CancellationToken cancellationToken) =>
        Read(stream, source, sheet, (s, c) => CsvPanelReader.ReadLong(s, options ?? CsvOptions.Default, c), cancellationToken);

    /// <summary>Gets the names of a workbook's sheets in tab order (hidden sheets included).</summary>
    /// <param name="path">The workbook file.</param>
    /// <returns>The names.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook.</exception>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        using var stream = OpenFile(path);
        using var doc = OpenDocument(stream, Path.GetFileName(path));
        return [.. Sheets(doc).Select(s => s.Name?.Value ?? string.Empty)];
    }

    /// <summary>Reads the header row of a sheet (names trimmed, in Unicode form C as the reader stores them).</summary>
    /// <param name="path">The workbook file.</param>
    /// <param name="sheet">The sheet; <see langword="null"/> for the first.</param>
    /// <returns>The column names; empty for a sheet with no value.</returns>
    /// <exception cref="IndexDataException">The file is not a workbook or has no such sheet.</exception>
    public static IReadOnlyList<string> ReadHeader(string path, ExcelSheet? sheet)
    {
        using var stream = OpenFile(path);
        using var doc = OpenDocument(stream, Path.GetFileName(path));
        using var source = Open(doc, Path.GetFileName(path), sheet ?? ExcelSheet.First);
        if (!source.Read())
        {
            return [];
        }

        return [.. Enumerable.Range(0, source.FieldCount).Select(i => PanelBuilder.NormalizeId(source.GetString(i).Trim()))];
    }

    private static Panel Read(string path, ExcelSheet? sheet, Func<TableSource, CancellationToken, Panel> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenFile(path);
        return Read(stream, Path.GetFileName(path), sheet, read, cancellationToken);
    }

    private static Panel Read(Stream stream, string source, ExcelSheet? sheet, Func<TableSource, CancellationToken, Panel> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        using var seekable = stream.CanSeek ? null : new MemoryStream();
        if (seekable is not null)
        {
            stream.CopyTo(seekable);
            seekable.Position = 0;
        }

        using var doc = OpenDocument(seekable ?? stream, source);
        using var table = Open(doc, source, sheet ?? ExcelSheet.First);
        try
        {
            return read(table, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or InvalidDataException or OpenXmlPackageException or IOException)
        {
            throw new IndexDataException($"The sheet '{table.SheetName}' cannot be read: {ex.Message}", source, inner: ex);
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }
    }

    private static SpreadsheetDocument OpenDocument(Stream stream, string source)
    {
        try
        {
            return SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or System.Xml.XmlException or ArgumentException)
        {
            var old = stream.CanSeek && LooksLikeBinaryXls(stream);
            throw new IndexDataException(
                old
                    ? "The file is an Excel 97-2003 workbook (.xls), which is not read: save it as .xlsx (Excel Workbook) or as CSV UTF-8."
                    : $"The file is not an Excel workbook (.xlsx): {ex.Message}",
                source,
                inner: ex);
        }
    }

    private static bool LooksLikeBinaryXls(Stream stream)
    {
        // OLE2 compound file signature D0 CF 11 E0 A1 B1 1A E1.
        Span<byte> head = stackalloc byte[8];
        stream.Position = 0;
        return stream.Read(head) == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    }

    private static List<Sheet> Sheets(SpreadsheetDocument doc) =>
        doc.WorkbookPart?.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];

    private static SheetTableSource Open(SpreadsheetDocument doc, string source, ExcelSheet selector)
    {
        var workbook = doc.WorkbookPart ?? throw new IndexDataException("The workbook has no sheets.", source);
        var sheets = Sheets(doc);
        var names = sheets.Select(s => s.Name?.Value ?? string.Empty).ToList();
        Sheet? chosen = null;
        if (selector.Name is { } name)
        {
            chosen = sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase));
            if (chosen is null && selector.NameOrNumber && int.Parse(name, System.Globalization.CultureInfo.InvariantCulture) is var n && n <= sheets.Count)
            {
                chosen = sheets[n - 1];
            }
        }
        else if (selector.Index is { } index && index < sheets.Count)
        {
            chosen = sheets[index];
        }

        if (chosen is null)
        {
            throw new IndexDataException($"The workbook has no {selector} (sheets: {string.Join(", ", names.Select(n => $"'{n}'"))}).", source);
        }

        if (chosen.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            throw new IndexDataException($"The sheet '{chosen.Name?.Value}' is not a worksheet (a chart sheet or a dialog sheet holds no cells).", source);
        }

        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(SheetTableSource.TextOf).ToArray() ?? [];
        return new SheetTableSource(source, chosen.Name?.Value ?? string.Empty, part, shared);
    }
}
