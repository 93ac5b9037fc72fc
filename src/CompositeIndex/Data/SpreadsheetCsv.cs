using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>
/// CSV for spreadsheet programs: the formula-injection rule and a converter that makes any CSV "Excel-compatible"
/// (UTF-8 byte-order mark, CRLF line ends, formula-like text cells neutralised).
/// </summary>
/// <remarks>
/// <para>A spreadsheet opening a CSV runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (and, in
/// some programs, a tab or carriage return) as a formula: a unit named <c>=HYPERLINK("http://…")</c> becomes a
/// link, <c>=cmd|' /C calc'!A0</c> a command (OWASP, "CSV Injection"). Neutralising puts an apostrophe in front of such
/// a text cell, which spreadsheets show as text. Numbers (<c>-1.5</c>, <c>+3</c>, <c>-1e-3</c>) are left alone: they are
/// not formulas and must stay numbers.</para>
/// <para>Neutralising changes the text: a program reading the file back sees <c>'=x</c>, not <c>=x</c>. That is why the
/// library and the command-line tool write plain RFC 4180 CSV (UTF-8 without BOM, LF) by default, exactly what they
/// read back, and Excel-compatible CSV only when asked (<see cref="ResultCsvOptions.ExcelCompatible"/>,
/// <c>compindex … --excel-compatible</c>); the tool warns when a plain CSV it wrote holds formula-like text.</para>
/// </remarks>
public static class SpreadsheetCsv
{
    /// <summary>Gets whether a text cell would be taken as a formula by a spreadsheet: it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return and is not a plain number.</summary>
    /// <param name="cell">The cell text.</param>
    /// <returns><see langword="true"/> when the cell needs neutralising.</returns>
    public static bool IsFormulaLike(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Neutralises a formula-like text cell by prefixing an apostrophe; other cells are returned unchanged.</summary>
    /// <param name="cell">The cell text.</param>
    /// <returns>The cell, safe to open in a spreadsheet.</returns>
    public static string Neutralize(string cell) => IsFormulaLike(cell) ? "'" + cell : cell;

    /// <summary>
    /// Copies CSV text, making it Excel-compatible: a UTF-8 byte-order mark (written as U+FEFF, which a UTF-8 writer
    /// encodes as EF BB BF), CRLF line ends and every formula-like cell neutralised (see <see cref="IsFormulaLike"/>).
    /// Quoting is redone as RFC 4180 requires.
    /// </summary>
    /// <param name="csv">The CSV to convert (comma-separated).</param>
    /// <param name="output">The destination.</param>
    /// <exception cref="IndexDataException">The input is not well-formed CSV (an unclosed quote, a character after a closing quote).</exception>
    public static void MakeExcelCompatible(TextReader csv, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(output);
        var tokenizer = new CsvTokenizer(csv, "CSV");
        output.Write('\uFEFF');
        var line = new StringBuilder();
        while (tokenizer.ReadRecord() is { } record)
        {
            line.Clear();
            for (var i = 0; i < record.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                line.Append(Field(record[i], excelCompatible: true));
            }

            output.Write(line.Append("\r\n").ToString());
        }
    }

    /// <summary>A CSV field: neutralised when <paramref name="excelCompatible"/>, then quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    internal static string Field(string text, bool excelCompatible)
    {
        var s = excelCompatible ? Neutralize(text) : text;
        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
