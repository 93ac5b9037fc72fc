using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>explain, report and audit from a saved result JSON (compute --out result.json), without recomputing.</summary>
public class SavedResultTests
{
    private static string SavedResult()
    {
        var file = TempFile("result.json");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--out", file);
        Assert.True(code == 0, stderr);
        return file;
    }

    /// <summary>Runs a command computing the result and the same command reading the saved result; both must succeed with the same output.</summary>
    private static string AssertReadingEqualsComputing(string[] computing, string[] reading)
    {
        var computed = Run(computing);
        var read = Run(reading);

        Assert.True(computed.Code == 0, computed.Err);
        Assert.True(read.Code == 0, read.Err);
        Assert.Equal(computed.Out, read.Out);
        return read.Out;
    }

    [Fact]
    public void Explain_FromASavedResult_PrintsWhatComputingPrints()
    {
        var read = AssertReadingEqualsComputing(
            ["explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "HOL"],
            ["explain", SavedResult(), "--unit", "HOL"]);

        Assert.Contains("(new)", read, StringComparison.Ordinal); // the change decomposition ran on the read result
    }

    [Fact]
    public void Audit_FromASavedResultWithTheData_GivesTheSameJsonAsComputing()
    {
        AssertReadingEqualsComputing(
            ["audit", QuickStartDefinition, "--data", QuickStartData, "--json", "-"],
            ["audit", SavedResult(), "--data", QuickStartData, "--json", "-"]);
    }

    [Fact]
    public void Report_FromASavedResult_EqualsTheComputedReport_ButForTheDataSource()
    {
        var saved = SavedResult();
        var (a, b) = (TempFile("computed.html"), TempFile("read.html"));

        Assert.Equal(0, Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", a).Code);
        var read = Run("report", saved, "--data", QuickStartData, "--out", b);

        Assert.True(read.Code == 0, read.Err);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b).Replace("cities.csv (scores from result.json)", "cities.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_FromASavedResultAlone_WorksWithoutTheData()
    {
        var saved = SavedResult();
        var file = TempFile("report.html");

        var (code, _, stderr) = Run("report", saved, "--out", file);

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        Assert.Contains("Aldmoor", html, StringComparison.Ordinal);
        Assert.Contains("raw data not supplied", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WithResultOptionAndTheDefinition_ReadsTheSavedResult()
    {
        AssertReadingEqualsComputing(
            ["explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "ALD"],
            ["explain", QuickStartDefinition, "--result", SavedResult(), "--unit", "ALD"]);
    }

    [Fact]
    public void Explain_NeitherDataNorResult_IsAOneLineUsageError()
    {
        var (code, _, stderr) = Run("explain", QuickStartDefinition, "--unit", "ALD");

        Assert.NotEqual(0, code);
        Assert.Contains("--data is required", stderr, StringComparison.Ordinal);
    }
}
