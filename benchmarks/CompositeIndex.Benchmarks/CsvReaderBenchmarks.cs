using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// The panel reader's own CSV tokenizer against Sep and Sylvan.Data.Csv on the same long file
/// (<c>unit,name,period,indicator,value</c>, 2 % empty values), three sizes, generated at setup into a temporary folder
/// (never committed). Each reader feeds the same panel builder through the same span look-ups and number parsing, so
/// the difference is the tokenizer; <c>OwnReader</c> is the public <see cref="Panel.ReadLongCsv(string)"/> path.
/// </summary>
[MemoryDiagnoser]
public class CsvReaderBenchmarks
{
    private string path = string.Empty;

    /// <summary>Gets or sets the number of units (× 10 periods × 50 indicators values; 100 units ≈ 2.3 MB).</summary>
    [Params(100, 1_000, 4_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"ci-csv-bench-{Units}.csv");
        if (File.Exists(path))
        {
            return;
        }

        var random = new Random(7);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.Write("unit,name,period,indicator,value\n");
        for (var u = 0; u < Units; u++)
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

    [Benchmark(Baseline = true)]
    public Panel OwnReader() => Panel.ReadLongCsv(path);

    [Benchmark]
    public Panel Sep()
    {
        var b = new PanelBuilder();
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            Add(b, row[0].Span, row[2].Span, row[3].Span, row[4].Span);
        }

        return b.Build();
    }

    [Benchmark]
    public Panel Sylvan()
    {
        var b = new PanelBuilder();
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        while (csv.Read())
        {
            Add(b, csv.GetFieldSpan(0), csv.GetFieldSpan(2), csv.GetFieldSpan(3), csv.GetFieldSpan(4));
        }

        return b.Build();
    }

    /// <summary>What the own reader does per long record: slots by span, the value parsed invariantly, empty = missing.</summary>
    private static void Add(PanelBuilder b, ReadOnlySpan<char> unit, ReadOnlySpan<char> period, ReadOnlySpan<char> indicator, ReadOnlySpan<char> text)
    {
        var value = text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!b.TrySet(b.UnitSlot(unit, out _), b.PeriodSlot(period), b.IndicatorSlot(indicator), value))
        {
            throw new InvalidOperationException("duplicate");
        }
    }
}
