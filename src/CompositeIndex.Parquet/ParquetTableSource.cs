using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace CompositeIndex.Parquet;

/// <summary>
/// A Parquet file as a <see cref="TableSource"/>: the header is the schema's top-level column names; then the rows of
/// the row group last loaded (<see cref="LoadAsync"/>), only the columns the reader selected. Rows are numbered
/// across row groups from 1 (the first data row), so an error says <c>cities.parquet, row 70001</c> whichever row
/// group holds it.
/// </summary>
internal sealed class ParquetTableSource : TableSource
{
    /// <summary>The most rows one row group may declare (its selected columns are held in memory at once).</summary>
    internal const long MaxRowGroupRows = 1L << 26;

    private readonly ParquetReader reader;
    private readonly long maxRowGroupRows;
    private readonly Field[] fields;
    private readonly ParquetColumn?[] columns;
    private bool[] selected;
    private bool headerDone;
    private bool inHeader;
    private int row = -1;
    private int groupRows;
    private long rowsBefore;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="reader">The open file.</param>
    /// <param name="name">The name used in messages.</param>
    /// <param name="maxRowGroupRows">The most rows a row group may declare (tests lower it).</param>
    public ParquetTableSource(ParquetReader reader, string name, long maxRowGroupRows = MaxRowGroupRows)
        : base(name)
    {
        this.reader = reader;
        this.maxRowGroupRows = maxRowGroupRows;
        fields = [.. reader.Schema.Fields];
        columns = new ParquetColumn?[fields.Length];
        selected = new bool[fields.Length];
    }

    public override int FieldCount => fields.Length;

    /// <summary>Gets the current row, from 1 across row groups; 0 for the header (the schema).</summary>
    public override long Position => inHeader ? 0 : rowsBefore + row + 1;

    public override bool Read()
    {
        if (!headerDone)
        {
            headerDone = true;
            inHeader = true;
            return true;
        }

        inHeader = false;
        if (row + 1 >= groupRows)
        {
            return false;
        }

        row++;
        return true;
    }

    public override string GetString(int field) =>
        inHeader ? fields[field].Name : columns[field]?.Text(row) ?? string.Empty;

    public override ReadOnlySpan<char> GetSpan(int field) =>
        inHeader ? fields[field].Name : columns[field] is { } column ? column.Span(row) : [];

    public override CellKind GetKind(int field) =>
        inHeader || columns[field] is not { } column ? CellKind.Text : column.Kind(row);

    public override double GetNumber(int field) => columns[field]!.Number(row);

    /// <summary>Every row has every column: nothing to check.</summary>
    public override void CheckWidth(int headerCount)
    {
    }

    public override void Select(IReadOnlyCollection<int> fields)
    {
        var chosen = new bool[this.fields.Length];
        foreach (var f in fields.Where(f => f >= 0))
        {
            if (ParquetColumn.Unsupported(this.fields[f]) is { } what)
            {
                throw new IndexDataException(
                    $"The column '{this.fields[f].Name}' is {what}; only plain columns of numbers, text, booleans, dates or UUIDs are read. Leave it out of the columns read (map the indicators you need, or drop the column when writing the file).",
                    Name,
                    column: this.fields[f].Name);
            }

            chosen[f] = true;
        }

        selected = chosen;
    }

    public override IndexDataException Error(string message, int field = -1, string? column = null) =>
        new(message, $"{Name}, {Describe(Position)}", null, column ?? (field >= 0 ? fields[field].Name : null));

    public override string Describe(long position) =>
        position == 0 ? "schema" : "row " + position.ToString(CultureInfo.InvariantCulture);

    /// <summary>Loads a row group's selected columns; the rows before it are counted so positions run across the file.</summary>
    /// <param name="index">The 0-based row group.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="IndexDataException">The row group declares more rows than <see cref="MaxRowGroupRows"/> or a negative count.</exception>
    public async Task LoadAsync(int index, CancellationToken cancellationToken)
    {
        rowsBefore += groupRows;
        groupRows = 0;
        row = -1;
        Array.Clear(columns);
        using var group = reader.OpenRowGroupReader(index);
        var count = group.RowCount;
        if (count < 0 || count > maxRowGroupRows)
        {
            throw new IndexDataException(
                $"Row group {index} declares {count.ToString("N0", CultureInfo.InvariantCulture)} rows; at most {maxRowGroupRows.ToString("N0", CultureInfo.InvariantCulture)} rows per row group are read (the file is damaged, or rewrite it with smaller row groups).",
                Name);
        }

        for (var f = 0; f < fields.Length; f++)
        {
            if (selected[f])
            {
                columns[f] = await ParquetColumn.ReadAsync(group, (DataField)fields[f], (int)count, cancellationToken).ConfigureAwait(false);
            }
        }

        groupRows = (int)count;
    }
}
