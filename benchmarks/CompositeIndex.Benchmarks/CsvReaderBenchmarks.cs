using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Reading a long CSV panel (<c>unit,name,period,indicator,value</c>, 2 % empty values; three sizes, generated at setup
/// into a temporary folder, never committed) with the panel reader fed by three tokenizers: its own
/// (<see cref="Panel.ReadLongCsv(string)"/>, the baseline), Sep and Sylvan.Data.Csv, each behind the reader's table
/// abstraction, so all three run the same checks, id look-ups and number parsing and differ only in the tokenizer —
/// what adopting Sep or Sylvan would give. Ratios are robust to a loaded machine; absolute times are not.
/// </summary>
[MemoryDiagnoser]
public class CsvReaderBenchmarks
{
    private string path = string.Empty;

    /// <summary>Gets or sets the number of units (× 10 periods × 50 indicators values; 100 units ≈ 2.3 MB).</summary>
    [Params(100, 1_000, 4_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => path = CsvBenchmarkFiles.Long(Units);

    [Benchmark(Baseline = true)]
    public Panel OwnReader() => Panel.ReadLongCsv(path);

    [Benchmark]
    public Panel SepReader()
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        return CsvPanelReader.ReadLong(new SepTableSource(reader, Path.GetFileName(path)), new CsvOptions());
    }

    [Benchmark]
    public Panel SylvanReader()
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false });
        return CsvPanelReader.ReadLong(new SylvanTableSource(csv, Path.GetFileName(path)), new CsvOptions());
    }
}

/// <summary>
/// The tokenizers alone on the file of <see cref="CsvReaderBenchmarks"/>: every field of every record touched as a
/// span (no panel), own (<c>CsvTableSource</c>, the baseline) against Sep and Sylvan.Data.Csv.
/// </summary>
[MemoryDiagnoser]
public class CsvTokenizerBenchmarks
{
    private string path = string.Empty;

    /// <summary>Gets or sets the number of units (see <see cref="CsvReaderBenchmarks.Units"/>).</summary>
    [Params(1_000, 4_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => path = CsvBenchmarkFiles.Long(Units);

    [Benchmark(Baseline = true)]
    public long OwnTokenizer()
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, true), false, 1 << 16);
        var csv = new CsvTableSource(reader, path, ',');
        long sum = 0;
        while (csv.Read())
        {
            for (var f = 0; f < csv.FieldCount; f++)
            {
                sum += csv.GetSpan(f).Length;
            }
        }

        return sum;
    }

    [Benchmark]
    public long SepTokenizer()
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        long sum = 0;
        foreach (var row in reader)
        {
            for (var f = 0; f < row.ColCount; f++)
            {
                sum += row[f].Span.Length;
            }
        }

        return sum;
    }

    [Benchmark]
    public long SylvanTokenizer()
    {
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = false });
        long sum = 0;
        while (csv.Read())
        {
            for (var f = 0; f < csv.RowFieldCount; f++)
            {
                sum += csv.GetFieldSpan(f).Length;
            }
        }

        return sum;
    }
}

/// <summary>Sep behind the panel reader's table abstraction (what adopting it would be): records as spans, line numbers from Sep.</summary>
internal sealed class SepTableSource(SepReader reader, string name) : TableSource(name)
{
    public override int FieldCount => reader.Current.ColCount;

    public override long Position => reader.Current.LineNumberFrom;

    public override bool Read()
    {
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (row.ColCount != 1 || row.Span.Length != 0)
            {
                return true;
            }
        }

        return false;
    }

    public override string GetString(int field) => reader.Current[field].ToString();

    public override ReadOnlySpan<char> GetSpan(int field) => reader.Current[field].Span;
}

/// <summary>Sylvan.Data.Csv behind the panel reader's table abstraction.</summary>
internal sealed class SylvanTableSource(CsvDataReader reader, string name) : TableSource(name)
{
    public override int FieldCount => reader.RowFieldCount;

    public override long Position => reader.RowNumber;

    public override bool Read() => reader.Read();

    public override string GetString(int field) => reader.GetString(field);

    public override ReadOnlySpan<char> GetSpan(int field) => reader.GetFieldSpan(field);
}

/// <summary>The generated long CSV files of the CSV benchmarks (in the temporary folder, made once per size).</summary>
internal static class CsvBenchmarkFiles
{
    public static string Long(int units)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ci-csv-bench-{units}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(7);
        var temp = path + ".tmp";
        using (var w = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 16))
        {
            w.Write("unit,name,period,indicator,value\n");
            for (var u = 0; u < units; u++)
            {
                for (var p = 0; p < 10; p++)
                {
                    for (var i = 0; i < 50; i++)
                    {
                        w.Write(string.Create(CultureInfo.InvariantCulture, $"U{u:D5},Unit number {u},{2001 + p},ind{i:D3},"));
                        if (random.NextDouble() >= 0.02)
                        {
                            w.Write((random.NextDouble() * 1000).ToString("F6", CultureInfo.InvariantCulture));
                        }

                        w.Write('\n');
                    }
                }
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
