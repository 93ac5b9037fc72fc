using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace CompositeIndex.Tests.Parquet;

/// <summary>
/// Parquet files written with Parquet.Net from the samples' CSV text, as a data tool would save the same table:
/// columns whose every field is a whole number become INT32, other numeric columns DOUBLE (the value double.Parse
/// gives for the field), the rest strings; empty fields are nulls. Also reshapes tables (wide to long, long to wide).
/// </summary>
internal static partial class ParquetFixture
{
    /// <summary>A table as CSV text: the header and the records.</summary>
    public sealed record Table(string[] Header, List<string[]> Rows)
    {
        public int Column(string name) => Array.IndexOf(Header, name) is >= 0 and var i ? i : throw new ArgumentException(name);
    }

    public enum Kind
    {
        /// <summary>Chosen from the fields: whole numbers INT32, other numbers DOUBLE, else text.</summary>
        Infer,

        /// <summary>Every field written as text (the reader parses it as CSV).</summary>
        Text,
    }

    /// <summary>A wide table as long: the id columns, then indicator and value, one row per record and value column (in record order).</summary>
    public static Table ToLong(Table wide, IReadOnlyList<string> idColumns, IReadOnlyList<(string Column, string Indicator)> valueColumns)
    {
        var ids = idColumns.Select(wide.Column).ToArray();
        var values = valueColumns.Select(v => wide.Column(v.Column)).ToArray();
        var rows = new List<string[]>();
        foreach (var r in wide.Rows)
        {
            for (var k = 0; k < values.Length; k++)
            {
                rows.Add([.. ids.Select(i => r[i]), valueColumns[k].Indicator, r[values[k]]]);
            }
        }

        return new Table([.. idColumns, "indicator", "value"], rows);
    }

    /// <summary>A long table as wide: one row per distinct (id columns) in first-seen order, a column per indicator (empty where absent).</summary>
    public static Table ToWide(Table longTable, IReadOnlyList<string> idColumns)
    {
        var ids = idColumns.Select(longTable.Column).ToArray();
        var ind = longTable.Column("indicator");
        var val = longTable.Column("value");
        var indicators = longTable.Rows.Select(r => r[ind]).Distinct().ToList();
        var keys = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var order = new List<string[]>();
        foreach (var r in longTable.Rows)
        {
            var key = string.Join('\u0001', ids.Select(i => r[i]));
            if (!keys.TryGetValue(key, out var row))
            {
                row = [.. ids.Select(i => r[i]), .. indicators.Select(_ => string.Empty)];
                keys[key] = row;
                order.Add(row);
            }

            row[ids.Length + indicators.IndexOf(r[ind])] = r[val];
        }

        return new Table([.. idColumns, .. indicators], order);
    }

    /// <summary>Writes a table as Parquet, <paramref name="rowGroupSize"/> rows per row group.</summary>
    /// <returns>The number of row groups written.</returns>
    public static int Write(string path, Table table, Kind kind = Kind.Infer, IReadOnlyCollection<string>? textColumns = null, int rowGroupSize = 1 << 20) =>
        WriteAsync(path, table, kind, textColumns, rowGroupSize).GetAwaiter().GetResult();

    private static async Task<int> WriteAsync(string path, Table table, Kind kind, IReadOnlyCollection<string>? textColumns, int rowGroupSize)
    {
        var fields = new DataField[table.Header.Length];
        for (var c = 0; c < fields.Length; c++)
        {
            var column = table.Rows.Select(r => r[c]).Where(f => f.Length > 0).ToList();
            var type = kind == Kind.Text || (textColumns?.Contains(table.Header[c]) ?? false) ? typeof(string)
                : column.Count > 0 && column.All(IsInt) ? typeof(int?)
                : column.Count > 0 && column.All(IsDouble) ? typeof(double?)
                : typeof(string);
            fields[c] = new DataField(table.Header[c], type);
        }

        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        var groups = 0;
        for (var start = 0; start < table.Rows.Count || (start == 0 && groups == 0); start += rowGroupSize)
        {
            var rows = table.Rows.Skip(start).Take(rowGroupSize).ToList();
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                var texts = rows.Select(r => r[c]).ToList();
                if (fields[c].ClrType == typeof(int))
                {
                    await group.WriteAsync<int>(fields[c], texts.Select(f => f.Length == 0 ? (int?)null : int.Parse(f, CultureInfo.InvariantCulture)).ToArray().AsMemory());
                }
                else if (fields[c].ClrType == typeof(double))
                {
                    await group.WriteAsync<double>(fields[c], texts.Select(f => f.Length == 0 ? (double?)null : double.Parse(f, CultureInfo.InvariantCulture)).ToArray().AsMemory());
                }
                else
                {
                    await group.WriteAsync(fields[c], texts.Select(f => f.Length == 0 ? null : f).ToArray());
                }
            }

            groups++;
            if (rows.Count == 0)
            {
                break;
            }
        }

        return groups;
    }

    /// <summary>Writes one row group of typed columns (each array: the column's values, nulls where missing).</summary>
    public static void WriteColumns(string path, params (DataField Field, Array Values)[] columns) =>
        WriteColumnsAsync(path, columns).GetAwaiter().GetResult();

    private static async Task WriteColumnsAsync(string path, (DataField Field, Array Values)[] columns)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field)), stream);
        using var group = writer.CreateRowGroup();
        foreach (var (field, values) in columns)
        {
            switch (values)
            {
                case string?[] s: await group.WriteAsync(field, s); break;
                case double?[] d: await group.WriteAsync<double>(field, d.AsMemory()); break;
                case float?[] f: await group.WriteAsync<float>(field, f.AsMemory()); break;
                case int?[] i: await group.WriteAsync<int>(field, i.AsMemory()); break;
                case long?[] l: await group.WriteAsync<long>(field, l.AsMemory()); break;
                case ulong?[] ul: await group.WriteAsync<ulong>(field, ul.AsMemory()); break;
                case short?[] sh: await group.WriteAsync<short>(field, sh.AsMemory()); break;
                case decimal?[] m: await group.WriteAsync<decimal>(field, m.AsMemory()); break;
                case bool?[] b: await group.WriteAsync<bool>(field, b.AsMemory()); break;
                case DateTime?[] t: await group.WriteAsync<DateTime>(field, t.AsMemory()); break;
                default: throw new ArgumentException($"No writer for {values.GetType()}.");
            }
        }
    }

    private static bool IsInt(string f) =>
        int.TryParse(f, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) && i.ToString(CultureInfo.InvariantCulture) == f;

    private static bool IsDouble(string f) =>
        double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && f.Trim() == f;

    /// <summary>
    /// Asserts two panels hold the same units (in order), periods (in order), names and attributes, the same set of
    /// indicators, and every value bit for bit (looked up by ids, so a long and a wide reading can be compared).
    /// </summary>
    /// <returns>The number of present values compared.</returns>
    public static int AssertSameValues(Panel expected, Panel actual)
    {
        Assert.Equal(expected.Units.ToArray(), actual.Units.ToArray());
        Assert.Equal(expected.Periods.ToArray(), actual.Periods.ToArray());
        Assert.Equal(expected.Indicators.Order(StringComparer.Ordinal).ToArray(), actual.Indicators.Order(StringComparer.Ordinal).ToArray());
        for (var u = 0; u < expected.Units.Length; u++)
        {
            Assert.Equal(expected.UnitInfo[u].Name, actual.UnitInfo[u].Name);
            Assert.Equal(expected.UnitInfo[u].Attributes, actual.UnitInfo[u].Attributes);
        }

        var present = 0;
        foreach (var i in expected.Indicators)
        {
            foreach (var u in expected.Units)
            {
                foreach (var p in expected.Periods)
                {
                    var e = expected.GetValue(i, u, p);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(actual.GetValue(i, u, p)));
                    present += double.IsNaN(e) ? 0 : 1;
                }
            }
        }

        return present;
    }
}
