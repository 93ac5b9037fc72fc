using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace CompositeIndex.Parquet;

/// <summary>
/// One column of one row group, read into memory as its own type: numbers stay numbers (converted to
/// <see cref="double"/> only when the reader asks for a value), nulls are empty text (missing), text is text.
/// </summary>
internal abstract class ParquetColumn
{
    /// <summary>Gets how a row's cell holds its value.</summary>
    public abstract CellKind Kind(int row);

    /// <summary>Gets a row's number (only when <see cref="Kind"/> is <see cref="CellKind.Number"/>).</summary>
    public virtual double Number(int row) => throw new InvalidOperationException("A text cell has no number.");

    /// <summary>Gets a row's text: a number in its exact invariant form (an id), a null as empty text.</summary>
    public abstract string Text(int row);

    /// <summary>Gets a plain-language description of a field's type when this reader cannot read it, or <see langword="null"/> when it can.</summary>
    public static string? Unsupported(Field field)
    {
        if (field is not DataField data)
        {
            return field.SchemaType switch
            {
                SchemaType.List => "a list column",
                SchemaType.Map => "a map column",
                SchemaType.Struct => "a struct (nested) column",
                _ => "a nested column",
            };
        }

        if (data.IsArray)
        {
            return "a repeated (array) column";
        }

        var t = data.ClrType;
        return t == typeof(double) || t == typeof(float) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(short)
            || t == typeof(ushort) || t == typeof(int) || t == typeof(uint) || t == typeof(long) || t == typeof(ulong)
            || t == typeof(decimal) || t == typeof(ReadOnlyMemory<char>) || t == typeof(string) || t == typeof(bool)
            || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(Guid)
            ? null
            : $"a column of type {(t == typeof(byte[]) ? "binary (bytes without the UTF-8 string annotation)" : t.Name)}";
    }

    /// <summary>Reads a field of a row group (<see cref="Unsupported"/> must have said it can be read).</summary>
    /// <param name="group">The row group.</param>
    /// <param name="field">The field.</param>
    /// <param name="rows">The row group's row count (checked by the caller).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The column.</returns>
    public static async Task<ParquetColumn> ReadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
    {
        var t = field.ClrType;
        if (t == typeof(double))
        {
            return new FloatColumn<double>(await Read<double>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(float))
        {
            return new FloatColumn<float>(await Read<float>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(int))
        {
            return new IntegerColumn<int>(await Read<int>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(long))
        {
            return new IntegerColumn<long>(await Read<long>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(short))
        {
            return new IntegerColumn<short>(await Read<short>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(sbyte))
        {
            return new IntegerColumn<sbyte>(await Read<sbyte>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(byte))
        {
            return new IntegerColumn<byte>(await Read<byte>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(ushort))
        {
            return new IntegerColumn<ushort>(await Read<ushort>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(uint))
        {
            return new IntegerColumn<uint>(await Read<uint>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(ulong))
        {
            return new IntegerColumn<ulong>(await Read<ulong>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(decimal))
        {
            return new DecimalColumn(await Read<decimal>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        if (t == typeof(bool))
        {
            var values = await Read<bool>(group, field, rows, cancellationToken).ConfigureAwait(false);
            return new TextColumn([.. values.Select(v => v is { } b ? (b ? "true" : "false") : null)]);
        }

        if (t == typeof(DateTime))
        {
            var values = await Read<DateTime>(group, field, rows, cancellationToken).ConfigureAwait(false);
            return new TextColumn([.. values.Select(v => v is { } d ? DateText(d) : null)]);
        }

        if (t == typeof(DateOnly))
        {
            var values = await Read<DateOnly>(group, field, rows, cancellationToken).ConfigureAwait(false);
            return new TextColumn([.. values.Select(v => v?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        }

        if (t == typeof(Guid))
        {
            var values = await Read<Guid>(group, field, rows, cancellationToken).ConfigureAwait(false);
            return new TextColumn([.. values.Select(v => v?.ToString("D"))]);
        }

        if (t == typeof(ReadOnlyMemory<char>))
        {
            // Strings as slices of the decoded text: no string per row (ids are looked up and values parsed from spans).
            return new CharsColumn(await Read<ReadOnlyMemory<char>>(group, field, rows, cancellationToken).ConfigureAwait(false));
        }

        var texts = new string?[rows];
        await group.ReadAsync(field, texts.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        return new TextColumn(texts);
    }

    /// <summary>Gets a row's text without allocating where the column can.</summary>
    public virtual ReadOnlySpan<char> Span(int row) => Text(row);

    /// <summary>A date as <c>2024-01-31</c>, or with its time of day (<c>2024-01-31T08:30:00</c>) when it has one.</summary>
    internal static string DateText(DateTime d) =>
        d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a column of values into a nullable buffer. A required (non-nullable) column is read into a plain buffer
    /// and copied: Parquet.Net 6.1.0 reading a required column straight into a nullable buffer returned spurious nulls
    /// once its pooled buffers were reused (seen in about two runs of three after a few reads of a 524,288-row INT32
    /// column in one process; never with the plain buffer), so the nullable overload is used only for optional columns.
    /// </summary>
    private static async Task<T?[]> Read<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[rows];
        if (field.IsNullable)
        {
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        var plain = new T[rows];
        await group.ReadAsync(field, plain.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < plain.Length; i++)
        {
            values[i] = plain[i];
        }

        return values;
    }

    /// <summary>
    /// A <c>DOUBLE</c> or <c>FLOAT</c> column: each value widened to <see cref="double"/>, which is exact. A NaN value
    /// reads as the text <c>NaN</c> (missing under the default missing tokens, as in CSV); infinities are numbers
    /// (refused by the reader as not finite).
    /// </summary>
    private sealed class FloatColumn<T>(T?[] values) : ParquetColumn
        where T : struct, IFloatingPointIeee754<T>
    {
        public override CellKind Kind(int row) => values[row] is { } v && !T.IsNaN(v) ? CellKind.Number : CellKind.Text;

        public override double Number(int row) => double.CreateChecked(values[row]!.Value);

        public override string Text(int row) => values[row] is { } v
            ? (T.IsNaN(v) ? "NaN" : double.CreateChecked(v).ToString("R", CultureInfo.InvariantCulture))
            : string.Empty;
    }

    /// <summary>
    /// An integer column (8 to 64 bits, signed or not): the value is the nearest double (the conversion rounds to
    /// nearest, as parsing the integer's CSV text does, so integers beyond 2^53 read as their CSV text would); as an
    /// id, its exact digits.
    /// </summary>
    private sealed class IntegerColumn<T>(T?[] values) : ParquetColumn
        where T : struct, IBinaryInteger<T>
    {
        public override CellKind Kind(int row) => values[row] is null ? CellKind.Text : CellKind.Number;

        public override double Number(int row) => double.CreateChecked(values[row]!.Value);

        public override string Text(int row) => values[row] is { } v ? v.ToString(null, CultureInfo.InvariantCulture) : string.Empty;
    }

    /// <summary>
    /// A <c>DECIMAL</c> column: the value is its exact decimal text parsed as CSV parses it (correctly rounded; a
    /// plain <c>(double)decimal</c> conversion can be one unit in the last place off), the id its decimal text.
    /// </summary>
    private sealed class DecimalColumn(decimal?[] values) : ParquetColumn
    {
        public override CellKind Kind(int row) => values[row] is null ? CellKind.Text : CellKind.Number;

        public override double Number(int row) => double.Parse(Text(row), NumberStyles.Float, CultureInfo.InvariantCulture);

        public override string Text(int row) => values[row] is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty;
    }

    /// <summary>A UTF-8 string column, each value a slice of the decoded text: parsed by the reader as a CSV field is; a null is empty (missing).</summary>
    private sealed class CharsColumn(ReadOnlyMemory<char>?[] values) : ParquetColumn
    {
        public override CellKind Kind(int row) => CellKind.Text;

        public override string Text(int row) => values[row] is { } v ? new string(v.Span) : string.Empty;

        public override ReadOnlySpan<char> Span(int row) => values[row] is { } v ? v.Span : [];
    }

    /// <summary>A text column (or booleans, dates, UUIDs as text): parsed by the reader as a CSV field is; a null is empty (missing).</summary>
    private sealed class TextColumn(string?[] values) : ParquetColumn
    {
        public override CellKind Kind(int row) => CellKind.Text;

        public override string Text(int row) => values[row] ?? string.Empty;
    }
}
