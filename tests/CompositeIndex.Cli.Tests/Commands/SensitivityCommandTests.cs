using System.Text.Json;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class SensitivityCommandTests
{
    private static string Factors => Path.Combine(RepoRoot, "samples", "QuickStart", "factors.json");

    [Fact]
    public void Sensitivity_QuickStart_PrintsRankIntervalsAndSobolIndices()
    {
        var (code, stdout, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "--samples", "16", "--no-progress");

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("Saltelli, 96 runs, seed 42", stdout, StringComparison.Ordinal); // 16 x (4 + 2)
        Assert.Contains("Rank intervals in 2024", stdout, StringComparison.Ordinal);
        Assert.Contains("Sobol indices of meanAbsoluteRankShift(2024)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_SecondOrder_PrintsS2TableAndWritesSecondOrderJson()
    {
        var (code, stdout, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "--samples", "16", "--second-order", "--no-progress");

        Assert.True(code == 0, stderr);
        Assert.Contains("Saltelli, 160 runs, seed 42", stdout, StringComparison.Ordinal); // 16 x (2·4 + 2)
        Assert.Contains("Second-order indices of meanAbsoluteRankShift(2024)", stdout, StringComparison.Ordinal);

        var json = TempFile("s2.json");
        Assert.Equal(0, Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "16", "--second-order", "--out", json).Code);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.True(doc.RootElement.GetProperty("secondOrder").GetBoolean());
        Assert.Equal(6, doc.RootElement.GetProperty("sensitivities")[0].GetProperty("secondOrder").GetArrayLength()); // 4 factors: 6 pairs
    }

    [Fact]
    public void Sensitivity_OneOrTwoThreads_SameJsonBytes()
    {
        var one = TempFile("one.json");
        var two = TempFile("two.json");
        Assert.Equal(0, Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "16", "--threads", "1", "--out", one).Code);
        Assert.Equal(0, Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "16", "--threads", "2", "--out", two).Code);

        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(one));
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void Sensitivity_PlainProgress_FourLinesOnStderr()
    {
        var (code, _, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "16");

        Assert.Equal(0, code);
        Assert.Equal(["sensitivity runs: 25%", "sensitivity runs: 50%", "sensitivity runs: 75%", "sensitivity runs: 100% (96/96)"], stderr.TrimEnd('\n').Split('\n').Select(l => l.Contains('(') && !l.Contains("100%") ? l[..l.IndexOf(" (", StringComparison.Ordinal)] : l));
    }

    [Fact]
    public void Sensitivity_UnknownGroup_ExitsOneWithTheFactorPath()
    {
        var (code, _, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Fixture("bad-factors.json"));

        Assert.Equal(1, code);
        Assert.Contains("$.factors[0].group", stderr, StringComparison.Ordinal);
        Assert.Contains("materiel", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithFactors_DrawsRankIntervalsAndSobolIndices()
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "16", "--out", file, "--no-progress");

        Assert.True(code == 0, stderr);
        var svgs = ReportCommandTests.Svgs(File.ReadAllText(file));
        var intervals = Assert.Single(svgs, s => ((string?)s.Attribute("class"))!.Contains("rank-interval", StringComparison.Ordinal));
        Assert.Equal(8, intervals.Descendants().Count(e => (string?)e.Attribute("class") == "median"));
        var sobol = Assert.Single(svgs, s => ((string?)s.Attribute("class"))!.Contains("sensitivity", StringComparison.Ordinal));
        Assert.Equal(4, sobol.Descendants().Count(e => (string?)e.Attribute("class") == "st"));
    }
}
