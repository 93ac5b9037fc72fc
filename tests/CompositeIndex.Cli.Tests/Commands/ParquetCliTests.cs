using CompositeIndex.Tests.Parquet;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>--data x.parquet</c> on the data commands: the same results as from the CSV, one-line errors.</summary>
public class ParquetCliTests
{
    /// <summary>The QuickStart CSV (no quoted fields) as a table of its text.</summary>
    private static ParquetFixture.Table QuickStartTable()
    {
        var lines = File.ReadAllLines(QuickStartData).Where(l => l.Length > 0).ToList();
        return new ParquetFixture.Table(lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    private static string Compute(params string[] data)
    {
        var file = TempFile("r.csv");
        var (code, _, stderr) = Run(["compute", QuickStartDefinition, "--out", file, "--raw", "--layout", "wide", .. data]);
        Assert.True(code == 0, stderr);
        return File.ReadAllText(file);
    }

    [Fact]
    public void Compute_FromParquetWideAndLong_SameResultsCsvBytesAsFromCsv()
    {
        var wide = TempFile("cities.parquet");
        Assert.Equal(4, ParquetFixture.Write(wide, QuickStartTable(), rowGroupSize: 5));
        var fromCsv = Compute("--data", QuickStartData);
        Assert.Equal(fromCsv, Compute("--data", wide));
        Assert.Equal(17, fromCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 8 cities x 2 years

        var table = QuickStartTable();
        var longPath = TempFile("cities-long.PARQUET"); // the extension is matched without regard to case
        var indicators = table.Header.Skip(3).Select(c => (c, c)).ToList();
        ParquetFixture.Write(longPath, ParquetFixture.ToLong(table, ["unit", "name", "period"], indicators), ParquetFixture.Kind.Text, rowGroupSize: 40);
        Assert.Equal(fromCsv, Compute("--data", longPath, "--long"));
    }

    [Fact]
    public void OtherDataCommands_ReadParquet()
    {
        var path = TempFile("cities.parquet");
        ParquetFixture.Write(path, QuickStartTable());

        var (code, stdout, stderr) = Run("explain", QuickStartDefinition, "--data", path, "--unit", "ALD", "--period", "2024");
        var (csvCode, csvOut, _) = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "ALD", "--period", "2024");
        Assert.True(code == 0, stderr);
        Assert.Equal(0, csvCode);
        Assert.Equal(csvOut, stdout);

        var starter = TempFile("starter.json");
        (code, _, stderr) = Run("new", "--data", path, "--out", starter);
        Assert.True(code == 0, stderr);
        var definition = File.ReadAllText(starter);
        foreach (var indicator in new[] { "income", "employment", "rent_burden", "life_expectancy", "unmet_care", "green_space" })
        {
            Assert.Contains($"\"{indicator}\"", definition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotParquetOrSheetOption_OneLineErrors()
    {
        var fake = TempFile("cities.parquet");
        File.Copy(QuickStartData, fake); // CSV text under a .parquet name
        var (code, stdout, stderr) = Run("compute", QuickStartDefinition, "--data", fake);
        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cities.parquet: The file is not a readable Parquet file (it cannot be opened): ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);

        var path = TempFile("ok.parquet");
        ParquetFixture.Write(path, QuickStartTable());
        (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", path, "--sheet", "1");
        Assert.Equal(2, code);
        Assert.Contains("--sheet applies to Excel workbooks (.xlsx, .xlsm); ok.parquet is read as Parquet.", stderr, StringComparison.Ordinal);

        // A text value that is not a number: one line naming the file, the row and the column.
        var table = QuickStartTable();
        table.Rows[2][3] = "31,200";
        var bad = TempFile("bad.parquet");
        ParquetFixture.Write(bad, table, ParquetFixture.Kind.Text);
        (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", bad);
        Assert.NotEqual(0, code);
        line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: bad.parquet, row 3, column 'income': '31,200' is not a number", line, StringComparison.Ordinal);
    }
}
