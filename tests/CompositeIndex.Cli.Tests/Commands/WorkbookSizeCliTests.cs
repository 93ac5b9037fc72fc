using System.Globalization;
using System.Text;
using CompositeIndex.Serialization;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>
/// <c>compute --out results.xlsx</c> when a sheet would exceed Excel's 1,048,576 rows: long Scores refused with a
/// one-line error asking for <c>--layout wide</c> (no file left behind), Contributions left out with a warning.
/// </summary>
public class WorkbookSizeCliTests
{
    private const int MaxRows = 1_048_576;

    /// <summary>An index of <paramref name="indicators"/> indicators under one root group (nodes = indicators + 1).</summary>
    private static string Definition(int indicators)
    {
        var ids = Enumerable.Range(1, indicators).Select(i => $"x{i}").ToList();
        return $$"""
            {
              "schemaVersion": 2, "id": "tiny", "name": "Tiny",
              "indicators": [ {{string.Join(", ", ids.Select(i => $"{{ \"id\": \"{i}\" }}"))}} ],
              "groups": [ { "id": "index", "children": [ {{string.Join(", ", ids.Select(i => $"{{ \"id\": \"{i}\" }}"))}} ] } ],
              "normalization": { "method": "minMax", "lower": 0, "upper": 100 },
              "aggregation": { "method": "arithmetic" }
            }
            """;
    }

    /// <summary>A wide CSV of <paramref name="units"/> x <paramref name="periods"/> rows, each indicator a value from a fixed pattern.</summary>
    private static string Data(int units, int periods, int indicators)
    {
        var sb = new StringBuilder("unit,period");
        for (var i = 1; i <= indicators; i++)
        {
            sb.Append(",x").Append(i);
        }

        sb.Append('\n');
        for (var u = 0; u < units; u++)
        {
            for (var p = 0; p < periods; p++)
            {
                sb.Append('u').Append(u).Append(',').Append(2000 + p);
                for (var i = 1; i <= indicators; i++)
                {
                    sb.Append(',').Append(((u * 7) + (p * 3) + i) % 101);
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void LongScoresTooLarge_OneLineErrorAskingForWide_NoFileLeftAndTheOldOneKept()
    {
        // 2 nodes x 1,024 units x 512 periods = 1,048,576 score rows + the header: one row more than Excel holds.
        var definition = TempFile("tiny.json");
        File.WriteAllText(definition, Definition(1));
        // The data as Parquet: typed columns skip the CSV tokenizer, which is slow in the Debug builds tests run on.
        var data = Path.Combine(Path.GetDirectoryName(definition)!, "data.parquet");
        const int Units = 1024, Periods = 512;
        var units = new string?[Units * Periods];
        var periods = new int?[Units * Periods];
        var values = new double?[Units * Periods];
        for (var k = 0; k < units.Length; k++)
        {
            units[k] = "u" + (k / Periods).ToString(CultureInfo.InvariantCulture);
            periods[k] = 2000 + (k % Periods);
            values[k] = k % 101;
        }

        CompositeIndex.Tests.Parquet.ParquetFixture.WriteColumns(
            data,
            (new global::Parquet.Schema.DataField<string>("unit"), units),
            (new global::Parquet.Schema.DataField<int>("period"), periods),
            (new global::Parquet.Schema.DataField<double>("x1"), values));
        var output = Path.Combine(Path.GetDirectoryName(definition)!, "results.xlsx");
        File.WriteAllText(output, "an earlier result");

        var (code, stdout, stderr) = Run("compute", definition, "--data", data, "--out", output);

        Assert.True(code == 2, $"exit code {code}: {stderr}");
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: The long Scores sheet would need 1,048,576 rows, more than Excel's 1,048,576: pass --layout wide, or write .csv or .json.", line);
        Assert.Equal("an earlier result", File.ReadAllText(output)); // not replaced, not truncated
        Assert.Equal(["data.parquet", "results.xlsx", "tiny.json"], Directory.GetFiles(Path.GetDirectoryName(definition)!).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The decision the CLI takes before writing (<c>ComputeCommand.WorkbookOptions</c>, which compute calls with the
    /// evaluated result's node, unit and period counts), at the boundary: Contributions needs (nodes - 1) x units x
    /// periods rows plus a header, long Scores nodes x units x periods plus a header. A workbook at that size has
    /// millions of cells in its other sheets (minutes to write in a test run), so the boundary is tested on the counts;
    /// the wiring from a real run is the test above, and the sheets kept are tested by the library.
    /// </summary>
    [Fact]
    public void ContributionsTooLarge_LeftOutWithAWarning_AtExactlyTheBoundary()
    {
        var panel = Panel.ReadWideCsv(new StringReader(Data(2, 1, 1)), "data.csv", null);
        (bool Contributions, string Err) Decide(int nodes, int units, int periods, CsvLayout layout)
        {
            var stderr = new StringWriter { NewLine = "\n" };
            var ctx = new CliContext(new StringWriter(), stderr, terminal: false);
            var options = ComputeCommand.WorkbookOptions(nodes, units, periods, panel, new ResultCsvOptions { Layout = layout }, ctx);
            Assert.Same(panel, options.RawData); // the Raw values sheet always
            Assert.Equal(layout, options.Layout);
            return (options.Contributions, stderr.ToString());
        }

        // 2 nodes, 1,024 x 1,024 = 1,048,576 contribution rows + the header: one row more than Excel holds.
        var (tooMany, warning) = Decide(2, 1024, 1024, CsvLayout.Wide);
        Assert.False(tooMany);
        Assert.Equal("warning: The workbook has no Contributions sheet: it would need 1,048,576 rows, more than Excel's 1,048,576; 'compindex explain' and the JSON results give contributions.\n", warning);

        // 1,023 x 1,025 = 1,048,575 rows + the header = 1,048,576: exactly full, kept, no warning.
        var (fits, none) = Decide(2, 1023, 1025, CsvLayout.Wide);
        Assert.True(fits);
        Assert.Equal(string.Empty, none);

        // Long scores: 2 x 524,287 + the header = 1,048,575 rows fit (with the contributions); 2 x 524,288 + 1 do not.
        Assert.True(Decide(2, 524_287, 1, CsvLayout.Long).Contributions);
        var ex = Assert.Throws<UsageException>(() => Decide(2, 1024, 512, CsvLayout.Long));
        Assert.Equal("The long Scores sheet would need 1,048,576 rows, more than Excel's 1,048,576: pass --layout wide, or write .csv or .json.", ex.Message);

        // Many nodes: 8,001 x 131 x 1 = 1,048,131 long rows fit; contributions 8,000 x 131 = 1,048,000 rows fit too.
        Assert.True(Decide(8001, 131, 1, CsvLayout.Long).Contributions);
        Assert.False(Decide(8001, 132, 1, CsvLayout.Wide).Contributions); // 8,000 x 132 = 1,056,000
        Assert.Equal(MaxRows, Excel.ResultWorkbook.MaxRows);
    }
}
