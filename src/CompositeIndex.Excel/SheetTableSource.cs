using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CompositeIndex.Excel;

/// <summary>
/// One worksheet as a <see cref="TableSource"/>, streamed a row at a time (<c>OpenXmlReader</c>): numeric cells
/// as numbers (the stored double, never re-parsed through a culture), text cells (shared, inline and formula strings)
/// as text, error cells (<c>#N/A</c>) as errors, empty cells and missing cells as empty text, booleans as
/// <c>TRUE</c>/<c>FALSE</c>. A formula cell is read as its saved result. Places in errors are named as Excel names them:
/// <c>Data!C12</c>.
/// </summary>
internal sealed class SheetTableSource : TableSource, IDisposable
{
    private readonly OpenXmlReader reader;
    private readonly string[] sharedStrings;
    private readonly string sheetRef;
    private CellKind[] kinds = new CellKind[16];
    private string[] texts = new string[16];
    private double[] numbers = new double[16];
    private int count;
    private long row;

    public SheetTableSource(string fileName, string sheetName, WorksheetPart part, string[] sharedStrings)
        : base(fileName)
    {
        reader = OpenXmlReader.Create(part);
        this.sharedStrings = sharedStrings;
        SheetName = sheetName;
        sheetRef = IsPlain(sheetName) ? sheetName : "'" + sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public string SheetName { get; }

    public override int FieldCount => count;

    public override long Position => row;

    public override bool Read()
    {
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var r = (Row)reader.LoadCurrentElement()!;
            row = r.RowIndex?.Value is { } ri ? ri : row + 1;
            Array.Fill(texts, string.Empty, 0, count);
            Array.Fill(kinds, CellKind.Text, 0, count);
            count = 0;
            var column = -1;
            foreach (var cell in r.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : column + 1;
                if (Load(cell, column))
                {
                    count = column + 1;
                }
            }

            if (count > 0)
            {
                return true; // a row with no value is blank, as a blank CSV line
            }
        }

        return false;
    }

    public override string GetString(int field) => field < count ? texts[field] : string.Empty;

    public override CellKind GetKind(int field) => field < count ? kinds[field] : CellKind.Text;

    public override double GetNumber(int field) => numbers[field];

    /// <summary>A row may be shorter than the header (Excel leaves trailing empty cells out), never hold a value right of it.</summary>
    public override void CheckWidth(int headerCount)
    {
        if (count > headerCount)
        {
            throw Error($"The cell holds a value right of the header's last column ({CellName(headerCount - 1, row)}): give the column a header or clear the cell.", count - 1);
        }
    }

    public override IndexDataException Error(string message, int field = -1, string? column = null) =>
        new(message, field >= 0 ? $"{Name}, {sheetRef}!{CellName(field, row)}" : $"{Name}, {sheetRef} row {row.ToString(CultureInfo.InvariantCulture)}", null, column);

    public override string Describe(long position) => $"{sheetRef} row {position.ToString(CultureInfo.InvariantCulture)}";

    public void Dispose() => reader.Dispose();

    /// <summary>Gets a cell's Excel name: column letters and 1-based row, e.g. <c>C12</c>.</summary>
    internal static string CellName(int column, long row)
    {
        var letters = new StringBuilder();
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((c - 1) % 26)));
        }

        return letters.Append(row.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Gets the 0-based column of a cell reference such as <c>AB12</c>.</summary>
    private static int ColumnOf(string reference)
    {
        var c = 0;
        foreach (var ch in reference)
        {
            var up = char.ToUpperInvariant(ch);
            if (up is < 'A' or > 'Z')
            {
                break;
            }

            c = checked((c * 26) + (up - 'A' + 1));
        }

        if (c is 0 or > 16384)
        {
            throw new IndexDataException($"The cell reference '{reference}' is not valid.");
        }

        return c - 1;
    }

    /// <summary>Stores one cell; returns whether it holds a value.</summary>
    private bool Load(Cell cell, int column)
    {
        if (column >= texts.Length)
        {
            var size = Math.Max(column + 1, texts.Length * 2);
            Array.Resize(ref texts, size);
            Array.Resize(ref kinds, size);
            Array.Resize(ref numbers, size);
            Array.Fill(texts, string.Empty, count, size - count);
        }

        for (var i = count; i < column; i++)
        {
            texts[i] = string.Empty; // cells left out between two values are empty
            kinds[i] = CellKind.Text;
        }

        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text;
        var kind = CellKind.Text;
        string text;
        if (type == CellValues.InlineString)
        {
            text = cell.InlineString is { } inline ? TextOf(inline) : string.Empty;
        }
        else if (raw is null)
        {
            if (cell.CellFormula is { } formula)
            {
                kind = CellKind.Error;
                text = $"(no saved result of the formula ={formula.Text}: open and save the workbook in Excel)";
            }
            else
            {
                text = string.Empty;
            }
        }
        else if (type == CellValues.SharedString)
        {
            text = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < sharedStrings.Length
                ? sharedStrings[k]
                : throw new IndexDataException($"The cell refers to shared string {raw}, which the workbook does not have.", $"{Name}, {sheetRef}!{CellName(column, row)}");
        }
        else if (type == CellValues.Boolean)
        {
            text = raw == "1" ? "TRUE" : "FALSE";
        }
        else if (type == CellValues.Error)
        {
            kind = CellKind.Error;
            text = raw;
        }
        else if (type is null || type == CellValues.Number)
        {
            if (raw.Length == 0)
            {
                text = string.Empty;
            }
            else if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                kind = CellKind.Number;
                numbers[column] = number;
                text = number.ToString("R", CultureInfo.InvariantCulture);
            }
            else
            {
                throw new IndexDataException($"The numeric cell holds '{raw}', which is not a number.", $"{Name}, {sheetRef}!{CellName(column, row)}");
            }
        }
        else
        {
            text = raw; // formula strings (str) and ISO dates (d) as written
        }

        texts[column] = text;
        kinds[column] = kind;
        return text.Length > 0;
    }

    /// <summary>Gets the text of a shared or inline string: its plain text, or its rich-text runs joined (phonetic guides left out).</summary>
    internal static string TextOf(OpenXmlCompositeElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain)
        {
            return plain.Text;
        }

        var sb = new StringBuilder();
        foreach (var run in item.Elements<Run>())
        {
            sb.Append(run.Text?.Text);
        }

        return sb.ToString();
    }

    private static bool IsPlain(string name) => name.All(c => char.IsLetterOrDigit(c) || c == '_') && !char.IsDigit(name[0]);
}
