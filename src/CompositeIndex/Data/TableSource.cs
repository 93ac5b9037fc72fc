using System.Globalization;

namespace CompositeIndex;

/// <summary>How a cell of a <see cref="TableSource"/> holds its value.</summary>
internal enum CellKind
{
    /// <summary>Text (every CSV field; a spreadsheet's text cell): missing tokens and numbers are parsed from it.</summary>
    Text,

    /// <summary>A number stored as a number (a spreadsheet's numeric cell): taken exactly, never parsed from text.</summary>
    Number,

    /// <summary>A spreadsheet error value such as <c>#N/A</c> or <c>#DIV/0!</c>: missing only when it is a missing token.</summary>
    Error,
}

/// <summary>
/// A table read record by record by the panel readers (<see cref="CsvPanelReader"/>): a CSV file, a spreadsheet sheet.
/// The first record is the header. Blank records are skipped by the source. The reader asks the source to name
/// places in errors, so a CSV error says "line 12" and a spreadsheet error "Data!C12".
/// </summary>
/// <remarks>Mutable and not thread-safe; one reader at a time.</remarks>
internal abstract class TableSource
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="name">The name used in messages (a file name).</param>
    protected TableSource(string name) => Name = name;

    /// <summary>Gets the name used in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the number of fields of the current record.</summary>
    public abstract int FieldCount { get; }

    /// <summary>Gets the 1-based position of the current record (CSV: the line it starts on; sheet: the row number).</summary>
    public abstract long Position { get; }

    /// <summary>Reads the next record that is not blank.</summary>
    /// <returns><see langword="false"/> at the end.</returns>
    public abstract bool Read();

    /// <summary>Gets the text of a field: a number cell in shortest round-trip invariant form, an error cell as its text (<c>#N/A</c>).</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The text (empty beyond the last field of a short spreadsheet row).</returns>
    public abstract string GetString(int field);

    /// <summary>Gets the text of a field without allocating when the source can.</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The text.</returns>
    public virtual ReadOnlySpan<char> GetSpan(int field) => GetString(field);

    /// <summary>Gets how a field holds its value. CSV fields are always text.</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The kind.</returns>
    public virtual CellKind GetKind(int field) => CellKind.Text;

    /// <summary>Gets a number cell's value (only when <see cref="GetKind"/> is <see cref="CellKind.Number"/>).</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The value.</returns>
    public virtual double GetNumber(int field) => throw new InvalidOperationException("A text field has no number.");

    /// <summary>Checks the current record against the header's width (CSV: exactly as many fields; a sheet: no value right of the header).</summary>
    /// <param name="headerCount">The number of header fields.</param>
    /// <exception cref="DataException">The record does not fit.</exception>
    public virtual void CheckWidth(int headerCount)
    {
        if (FieldCount != headerCount)
        {
            throw Error($"The row has {FieldCount} fields but the header has {headerCount}.");
        }
    }

    /// <summary>Creates the error for the current record, or one of its fields.</summary>
    /// <param name="message">The message.</param>
    /// <param name="field">The 0-based field, or -1 for the whole record.</param>
    /// <param name="column">The header name of the field, if known.</param>
    /// <returns>The exception to throw.</returns>
    public virtual DataException Error(string message, int field = -1, string? column = null) => new(message, Name, Position, column);

    /// <summary>Names a record position for a message: "line 12" (CSV), "row 12" (sheet).</summary>
    /// <param name="position">The position.</param>
    /// <returns>The text.</returns>
    public virtual string Describe(long position) => "line " + position.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A CSV file or text as a <see cref="TableSource"/> (RFC 4180, see <see cref="CsvTokenizer"/>).</summary>
internal sealed class CsvTableSource(TextReader reader, string name, char separator) : TableSource(name)
{
    private readonly CsvTokenizer csv = new(reader, name, separator);
    private List<string> row = [];

    public override int FieldCount => row.Count;

    public override long Position => csv.RecordLine;

    public override bool Read()
    {
        if (csv.ReadRecord() is { } r)
        {
            row = r;
            return true;
        }

        return false;
    }

    public override string GetString(int field) => row[field];
}
