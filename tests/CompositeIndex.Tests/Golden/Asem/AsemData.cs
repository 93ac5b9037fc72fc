using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// Loads COINr's ASEM example (../shared/data/coinr-asem) and builds its definition with the fluent API from
/// <c>ASEM_iMeta.csv</c>, exactly as COINr's <c>build_example_coin()</c> specifies it.
/// </summary>
internal static class AsemData
{
    public const string Folder = "coinr-asem";

    public static readonly string[] Attributes = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"];

    /// <summary>COINr's iMeta and iData read by the library's COINr import: every ASEM golden test runs on what it makes of them.</summary>
    private static readonly Lazy<CoinrImport> LazyImport = new(() => IndicatorTable.ReadCoinr(
        SharedData.PathOf(Folder, "ASEM_iMeta.csv"),
        SharedData.PathOf(Folder, "ASEM_iData.csv"),
        new CoinrImportOptions { IndexId = "asem", IndexName = "ASEM Sustainable Connectivity (COINr example)", Denominate = false }));

    private static readonly Lazy<Panel> LazyPanel = new(() => LazyImport.Value.Panel!);

    private static readonly Lazy<Table> LazyMeta = new(() => Table.Read(SharedData.PathOf(Folder, "ASEM_iMeta.csv")));

    public static Panel Panel => LazyPanel.Value;

    public static Table Meta => LazyMeta.Value;

    public static string Period => Panel.Periods.Single();

    public static IEnumerable<Dictionary<string, string>> IndicatorRows => Meta.Rows.Where(r => r["Type"] == "Indicator");

    public static IReadOnlyList<string> IndicatorIds => [.. IndicatorRows.Select(r => r["iCode"])];

    public static IReadOnlyList<string> AggregateIds => [.. Meta.Rows.Where(r => r["Type"] == "Aggregate").Select(r => r["iCode"])];

    /// <summary>The steps of build_example_coin(): Denominate, Impute(i_mean_grp by EurAsia_group), Screen(0.9, byNA), Treat(winmax).</summary>
    public static ImmutableArray<PipelineStep> ExampleSteps(int winmax = 5) =>
    [
        Denominators(),
        Imputation.GroupMean("EurAsia_group"),
        Screening.ByMissing(0.9),
        Treatment.Winsorize(winmax),
    ];

    public static DenominationStep Denominators() =>
        Denomination.By([.. IndicatorRows.Where(r => r["Denominator"] != "NA").Select(r => (r["iCode"], r["Denominator"]))]);

    /// <summary>The ASEM index: 49 indicators, 8 pillars, 2 sub-indices, the index; weights from iMeta (or a weight table).</summary>
    public static IndexDefinition Definition(
        IEnumerable<PipelineStep>? steps = null,
        NormalizationMethod? normalization = null,
        AggregationMethod? aggregation = null,
        IReadOnlyDictionary<string, double>? weights = null,
        IReadOnlyDictionary<int, AggregationMethod>? aggregationByLevel = null)
    {
        // The imported definition (indicators, directions, tree, iMeta weights, min-max [0, 100], arithmetic mean) with
        // the methods and steps of the test; weights and per-level aggregation overridden where asked.
        var d = LazyImport.Value.Definition;
        var levels = Meta.Rows.Where(r => r["Type"] == "Aggregate").ToDictionary(r => r["iCode"], r => int.Parse(r["Level"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return d with
        {
            Normalization = normalization ?? d.Normalization,
            Aggregation = aggregation ?? d.Aggregation,
            Steps = [.. steps ?? []],
            Groups =
            [
                .. d.Groups.Select(g => g with
                {
                    Children = [.. g.Children.Select(c => weights is not null && weights.TryGetValue(c.Id, out var w) ? c with { Weight = w } : c)],
                    Aggregation = aggregationByLevel is not null && aggregationByLevel.TryGetValue(levels[g.Id], out var m) ? m : g.Aggregation,
                }),
            ],
        };
    }

    /// <summary>Reads a COINr weight table (iCode, Level, Weight).</summary>
    public static Dictionary<string, double> ReadWeights(string path) =>
        Table.Read(path).Rows.ToDictionary(r => r["iCode"], r => double.Parse(r["Weight"], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}

/// <summary>A small reader of COINr's quoted CSV exports.</summary>
internal sealed class Table
{
    private Table(List<string> header, List<Dictionary<string, string>> rows, string? key)
    {
        Header = header;
        Rows = rows;
        Key = key;
    }

    /// <summary>Gets the file's path relative to <c>coinr-asem/expected/</c> (e.g. <c>pipeline/01_raw.csv</c>), or null for other files.</summary>
    public string? Key { get; }

    public List<string> Header { get; }

    public List<Dictionary<string, string>> Rows { get; }

    public static Table Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = Split(lines[0]);
        var rows = lines.Skip(1).Select(Split).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal)).ToList();
        return new Table(header, rows, ExpectedKey(path));
    }

    /// <summary>The path relative to <c>coinr-asem/expected/</c> with '/' separators, or null when the file lies elsewhere.</summary>
    public static string? ExpectedKey(string path)
    {
        var root = Path.GetFullPath(SharedData.PathOf(AsemData.Folder, "expected")) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        return full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..].Replace(Path.DirectorySeparatorChar, '/') : null;
    }

    public static double Number(string s) => s is "NA" or "NaN" or "" ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    public Dictionary<string, string> Row(string key, string value) => Rows.Single(r => r[key] == value);

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}

/// <summary>
/// Compares our numbers with COINr's and counts the comparisons, per expected file (the current key, set by
/// <see cref="For"/> or by <c>Table</c> from the table's file); a passing
/// <see cref="AssertAll"/> records the per-file counts in the <see cref="GoldenLedger"/>.
/// </summary>
internal sealed class Comparer(double tolerance)
{
    private readonly List<string> failures = [];
    private readonly Dictionary<string, int> perKey = new(StringComparer.Ordinal);
    private string? key;

    public int Count { get; private set; }

    /// <summary>Attributes the following comparisons to an expected file (relative to <c>expected/</c>) or <c>file#case</c>.</summary>
    public Comparer For(string expectedKey)
    {
        key = expectedKey;
        return this;
    }

    private void Counted()
    {
        Count++;
        if (key is not null)
        {
            perKey[key] = perKey.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>|a − e| ≤ tol·max(1, |e|); NA matches NaN.</summary>
    public void Value(double expected, double actual, string what)
    {
        Counted();
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            if (double.IsNaN(expected) != double.IsNaN(actual))
            {
                failures.Add($"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
            }

            return;
        }

        if (Math.Abs(actual - expected) > tolerance * Math.Max(1, Math.Abs(expected)))
        {
            failures.Add($"{what}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)} (diff {(actual - expected).ToString("G3", CultureInfo.InvariantCulture)})");
        }
    }

    public void Equal<T>(T expected, T actual, string what)
    {
        Counted();
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            failures.Add($"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>Compares every numeric column of a uCode-keyed expected table (except <paramref name="skip"/>) with a lookup.</summary>
    public void Table(Table expected, Func<string, string, double> actual, string file, params string[] skip)
    {
        key = expected.Key ?? key;
        foreach (var row in expected.Rows)
        {
            var unit = row["uCode"];
            foreach (var col in expected.Header.Where(h => h != "uCode" && !skip.Contains(h)))
            {
                Value(global::CompositeIndex.Tests.Golden.Asem.Table.Number(row[col]), actual(unit, col), $"{file} {unit}/{col}");
            }
        }
    }

    public void AssertAll(int expectedCount)
    {
        Assert.True(failures.Count == 0, $"{failures.Count} of {Count} values differ:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(30))}");
        Assert.Equal(expectedCount, Count);
        foreach (var (k, n) in perKey)
        {
            GoldenLedger.Compared(k, n);
        }
    }
}
