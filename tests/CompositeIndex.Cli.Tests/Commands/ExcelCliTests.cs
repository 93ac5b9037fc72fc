using System.Globalization;
using CompositeIndex.Excel;
using CompositeIndex.Tests.Excel;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>--data x.xlsx [--sheet]</c> and <c>compute --out results.xlsx</c>.</summary>
public class ExcelCliTests
{
    /// <summary>The QuickStart CSV saved as a workbook as Excel would (numbers as numeric cells), on the second sheet.</summary>
    private static string QuickStartWorkbook(Func<string, int, object?>? edit = null)
    {
        var rows = File.ReadAllLines(QuickStartData).Where(l => l.Length > 0)
            .Select((line, r) => line.Split(',').Select((f, c) =>
                edit?.Invoke(f, r) is { } e ? e
                : r == 0 || f.Length == 0 ? (f.Length == 0 ? null : f)
                : double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (object?)f).ToArray())
            .ToList();
        var path = TempFile("cities.xlsx");
        XlsxFixture.Write(path, ("Notes", [new object?[] { "about" }]), ("Cities", rows));
        return path;
    }

    private static string ComputeCsv(params string[] data)
    {
        var file = TempFile("r.csv");
        var (code, _, stderr) = Run(["compute", QuickStartDefinition, "--out", file, "--raw", .. data]);
        Assert.True(code == 0, stderr);
        return File.ReadAllText(file);
    }

    [Fact]
    public void Compute_FromXlsxSheet_SameResultsCsvAsFromCsv()
    {
        var workbook = QuickStartWorkbook();
        var fromCsv = ComputeCsv("--data", QuickStartData);
        Assert.Equal(fromCsv, ComputeCsv("--data", workbook, "--sheet", "Cities"));
        Assert.Equal(fromCsv, ComputeCsv("--data", workbook, "--sheet", "2"));
        Assert.True(fromCsv.Split('\n').Length > 100);

        // The first sheet holds no data: the error names the missing columns, not an exception.
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", workbook);
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ErrorCell_OneLineNamingSheetAndCell()
    {
        var workbook = QuickStartWorkbook((f, r) => r == 1 && f == "71.2" ? new XlsxFixture.Error("#DIV/0!") : null);
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", workbook, "--sheet", "Cities");
        Assert.NotEqual(0, code);
        Assert.Contains("Cities!", stderr, StringComparison.Ordinal);
        Assert.Contains("#DIV/0!", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);

        var (unknown, _, err2) = Run("compute", QuickStartDefinition, "--data", workbook, "--sheet", "Towns");
        Assert.NotEqual(0, unknown);
        Assert.Contains("'Notes', 'Cities'", err2, StringComparison.Ordinal);

        var (csvSheet, _, err3) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--sheet", "1");
        Assert.NotEqual(0, csvSheet);
        Assert.Contains("--sheet applies to Excel workbooks", err3, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OutXlsx_WorkbookScoresEqualTheCsvScores()
    {
        var out1 = TempFile("results.xlsx");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--out", out1, "--layout", "wide");
        Assert.True(code == 0, stderr);
        Assert.Equal(["Read me", "Scores", "Ranks", "Raw values", "Normalised values", "Contributions", "Indicators"], XlsxFixture.SheetNames(out1));

        // The raw values sheet is the data as read, bit for bit (the CLI always writes it; --raw adds raw columns to Scores).
        var data = Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name" });
        var raw = ExcelPanel.ReadWide(out1, ExcelSheet.Named("Raw values"), new CsvOptions { UnitNameColumn = "unit_name" });
        var rawCompared = 0;
        foreach (var (indicator, unit, period) in from i in data.Indicators from u in data.Units from p in data.Periods select (i, u, p))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(data.GetValue(indicator, unit, period)), BitConverter.DoubleToInt64Bits(raw.GetValue(indicator, unit, period)));
            rawCompared++;
        }

        Assert.Equal(6 * 8 * 2, rawCompared);
        Assert.Equal(data.Indicators.ToArray(), raw.Indicators.ToArray());

        // Every score in the workbook is the number in the CSV results (shortest round-trip text of the same double).
        var csv = File.ReadAllLines(ComputeCsvWide());
        var header = csv[0].Split(',');
        var scores = ExcelPanel.ReadWide(out1, ExcelSheet.Named("Scores"), new CsvOptions { UnitNameColumn = "unit_name" });
        var compared = 0;
        foreach (var line in csv.Skip(1))
        {
            var f = line.Split(',');
            for (var c = 3; c < f.Length; c++)
            {
                var value = scores.GetValue(header[c], f[0], f[2]);
                Assert.Equal(f[c], double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture));
                compared++;
            }
        }

        Assert.Equal(8 * 2 * 9 * 2, compared); // 8 cities x 2 years x 9 nodes x (score, rank)
    }

    private static string ComputeCsvWide()
    {
        var file = TempFile("wide.csv");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--out", file, "--layout", "wide");
        Assert.True(code == 0, stderr);
        return file;
    }
}

/// <summary><c>audit --out dir --excel-compatible</c>: the audit CSVs neutralised for spreadsheets, as the results CSV.</summary>
public class AuditExcelCompatibleTests
{
    [Fact]
    public void AuditCsvs_ExcelCompatible_BomCrlfAndNoFormulaCells()
    {
        var data = TempFile("hostile.csv");
        File.WriteAllText(data, File.ReadAllText(QuickStartData).Replace("ALD,Aldmoor,", "+ALD,=HYPERLINK(1),", StringComparison.Ordinal));
        static string[] Audit(string data, params string[] extra)
        {
            var dir = Path.Combine(Path.GetTempPath(), "ci-audit-" + Guid.NewGuid().ToString("N"));
            var (code, _, stderr) = Run(["audit", QuickStartDefinition, "--data", data, "--out", dir, "--unit", "+ALD", .. extra]);
            Assert.True(code == 0, stderr);
            return Directory.GetFiles(dir, "*.csv");
        }

        static bool FormulaCell(string line) => line.Split(',').Any(c => c.TrimStart('"').Length > 0 && c.TrimStart('"')[0] is '=' or '+' or '@');

        var plain = Audit(data);
        Assert.Contains(plain, f => File.ReadAllLines(f).Any(FormulaCell)); // the payload reaches the plain CSVs

        var excel = Audit(data, "--excel-compatible");
        Assert.Equal(plain.Select(Path.GetFileName).Order(), excel.Select(Path.GetFileName).Order());
        foreach (var file in excel)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.DoesNotContain(text.Replace("\r\n", string.Empty, StringComparison.Ordinal), c => c == '\n');
            Assert.DoesNotContain(text.Split("\r\n"), FormulaCell);
        }

        Assert.Contains(excel, f => File.ReadAllText(f).Contains("'=HYPERLINK(1)", StringComparison.Ordinal) || File.ReadAllText(f).Contains("'+ALD", StringComparison.Ordinal));
    }
}
