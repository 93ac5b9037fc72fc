using System.Globalization;
using Microsoft.Data.Analysis;

namespace CompositeIndex.DataFrames;

/// <summary>
/// A <see cref="DataFrame"/> as a <see cref="TableSource"/>: the header is the column names, then one record per row.
/// Numeric columns give numbers (converted to <see cref="double"/> exactly), nulls are empty (missing), other values
/// their invariant text. Places in errors are named by 0-based row index, as the frame numbers its rows.
/// </summary>
internal sealed class DataFrameTableSource(DataFrame frame, string name) : TableSource(name)
{
    private readonly bool[] numeric = [.. frame.Columns.Select(c => IsNumeric(c.DataType))];
    private long row = -2; // -1: the header; 0...: data rows

    public override int FieldCount => frame.Columns.Count;

    /// <summary>Gets the position of the current record: the 0-based row index (-1 for the header).</summary>
    public override long Position => row;

    public override bool Read()
    {
        row++;
        return row < frame.Rows.Count;
    }

    public override string GetString(int field)
    {
        if (row < 0)
        {
            return frame.Columns[field].Name;
        }

        return Value(field) switch
        {
            null => string.Empty,
            IFormattable f when numeric[field] => NumberOf(f).ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var o => o.ToString() ?? string.Empty,
        };
    }

    public override CellKind GetKind(int field) => row >= 0 && numeric[field] && Value(field) is not null ? CellKind.Number : CellKind.Text;

    public override double GetNumber(int field) => NumberOf((IFormattable)Value(field)!);

    public override IndexDataException Error(string message, int field = -1, string? column = null) =>
        new(message, $"{Name} {Describe(row)}", null, column ?? (field >= 0 ? frame.Columns[field].Name : null));

    public override string Describe(long position) => position < 0 ? "header" : "row " + position.ToString(CultureInfo.InvariantCulture);

    private object? Value(int field) => frame.Columns[field][row];

    private static double NumberOf(IFormattable value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(short)
        || t == typeof(byte) || t == typeof(sbyte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort);
}
