using System.Globalization;
using System.Text;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>Reading data as spreadsheets save it (encodings, semicolons, decimal commas, missing markers) and writing results for them (layouts, raw values, Excel-compatible CSV).</summary>
public class CsvInOutTests
{
    /// <summary>The QuickStart data re-saved as a European spreadsheet would: semicolons, decimal commas, "n/a" for a missing value, in a code page.</summary>
    private static string Resave(string name, Encoding encoding, Func<string, string> edit)
    {
        var text = edit(File.ReadAllText(QuickStartData));
        var file = TempFile(name);
        File.WriteAllBytes(file, encoding.GetBytes(text));
        return file;
    }

    private static string Euro(string csv) =>
        string.Join('\n', csv.Split('\n').Select(l => l.Replace(',', ';').Replace('.', ',')));

    private static string Results(params string[] extra)
    {
        var file = TempFile("r.csv");
        var (code, _, stderr) = Run(["compute", QuickStartDefinition, "--out", file, .. extra]);
        Assert.True(code == 0, stderr);
        return file;
    }

    [Fact]
    public void SemicolonDecimalCommaLatin1File_ReadWithOptions_GivesTheSameScoresBitwise()
    {
        var plain = File.ReadAllText(Results("--data", QuickStartData));
        var euro = Resave("euro.csv", Encoding.Latin1, t => Euro(t).Replace("Aldmoor", "Äldmoor", StringComparison.Ordinal));
        var read = File.ReadAllText(Results("--data", euro, "--separator", ";", "--decimal-comma", "--encoding", "latin1"));
        Assert.Equal(plain.Replace("Aldmoor", "Äldmoor", StringComparison.Ordinal), read);
    }

    [Fact]
    public void SemicolonFile_WithoutSeparator_SaysItLooksSemicolonSeparated()
    {
        var euro = Resave("euro.csv", Encoding.UTF8, Euro);
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", euro);
        Assert.NotEqual(0, code);
        Assert.Contains("looks semicolon-separated: pass --separator ';'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1File_WithoutEncoding_NamesTheLineAndLatin1()
    {
        var file = Resave("latin1.csv", Encoding.Latin1, t => t.Replace("Aldmoor", "Äldmoor", StringComparison.Ordinal));
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", file);
        Assert.NotEqual(0, code);
        Assert.Contains("line 2", stderr, StringComparison.Ordinal);
        Assert.Contains("--encoding latin1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMarker_IsReadAsMissing()
    {
        var file = Resave("na.csv", Encoding.UTF8, t => t.Replace("31200", "n/a", StringComparison.Ordinal));
        var (bad, _, stderr) = Run("compute", QuickStartDefinition, "--data", file);
        Assert.NotEqual(0, bad);
        Assert.Contains("'n/a' is not a number", stderr, StringComparison.Ordinal);

        var rows = File.ReadAllLines(Results("--data", file, "--missing", "n/a,..", "--raw"));
        var income = rows.Single(r => r.StartsWith("ALD,Aldmoor,2023,income,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(string.Empty, income[6]); // no score
        Assert.Equal(string.Empty, income[8]); // no raw value
    }

    [Fact]
    public void WideLayout_WithRaw_OneRowPerUnitAndPeriod()
    {
        var rows = File.ReadAllLines(Results("--data", QuickStartData, "--layout", "wide", "--raw"));
        var header = rows[0].Split(',');
        Assert.Equal(1 + (8 * 2), rows.Length);
        var ald = rows.Single(r => r.StartsWith("ALD,Aldmoor,2024,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(32900, double.Parse(ald[Array.IndexOf(header, "income raw")], CultureInfo.InvariantCulture));
        var income = (32900 - 24100) / (35900.0 - 24100) * 100; // min-max pooled over 2023-2024 (see ComputeCommandTests)
        Assert.Equal(income, double.Parse(ald[Array.IndexOf(header, "income")], CultureInfo.InvariantCulture), 9);
        Assert.Contains("wellbeing rank", header);
    }

    [Fact]
    public void FormulaLikeUnitName_IsWarnedInPlainCsv_AndNeutralisedWhenExcelCompatible()
    {
        var file = Resave("evil.csv", Encoding.UTF8, t => t.Replace(",Aldmoor,", ",\"=HYPERLINK(\"\"http://x\"\")\",", StringComparison.Ordinal));
        var plainOut = TempFile("plain.csv");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", file, "--out", plainOut);
        Assert.True(code == 0, stderr);
        Assert.Contains("--excel-compatible", stderr, StringComparison.Ordinal);
        Assert.Contains(",\"=HYPERLINK(", File.ReadAllText(plainOut), StringComparison.Ordinal);

        var excelOut = TempFile("excel.csv");
        (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", file, "--out", excelOut, "--excel-compatible");
        Assert.True(code == 0, stderr);
        var bytes = File.ReadAllBytes(excelOut);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains(",\"'=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }
}
