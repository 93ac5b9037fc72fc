using System.Text.Json;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>Factors files: the starter of <c>new --factors</c>, <c>validate</c> on a factors file, failing runs in <c>sensitivity</c>.</summary>
public class FactorsFileCommandTests
{
    [Fact]
    public void NewFactors_QuickStart_WritesAFileThatValidatesAndRuns()
    {
        var file = TempFile("starter-factors.json");
        var (code, _, stderr) = Run("new", "--factors", QuickStartDefinition, "--data", QuickStartData, "--out", file);
        Assert.True(code == 0, stderr);
        var text = File.ReadAllText(file);
        Assert.StartsWith("// Starter sensitivity analysis", text, StringComparison.Ordinal);
        Assert.Contains("\"method\": \"geometric\"", text, StringComparison.Ordinal); // offered, with positive normalisations only
        Assert.DoesNotContain("zScore", text, StringComparison.Ordinal);

        var validated = Run("validate", file, "--index", QuickStartDefinition);
        Assert.True(validated.Code == 0, validated.Err);
        Assert.Contains("factors file for 'wellbeing'", validated.Out, StringComparison.Ordinal);

        var run = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", file, "-n", "8", "--no-progress");
        Assert.True(run.Code == 0, run.Err);
        Assert.DoesNotContain("runs failed", run.Out, StringComparison.Ordinal); // every combination of alternatives works on the data
    }

    [Fact]
    public void Validate_FactorsFileWithoutIndex_RecognisedNotReportedAsBrokenDefinition()
    {
        var (code, stdout, stderr) = Run("validate", Fixture("bad-factors.json"));

        Assert.True(code == 0, stderr);
        Assert.Contains("is a factors file", stdout, StringComparison.Ordinal);
        Assert.Contains("--index", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FactorsFileWithIndex_ReportsUnknownGroupWithPath()
    {
        var (code, _, stderr) = Run("validate", Fixture("bad-factors.json"), "--index", QuickStartDefinition);

        Assert.Equal(1, code);
        Assert.Contains("$.factors[0].group", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'material'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_StopOnFailingRun_ExitsOneNamingRunAndLevels()
    {
        var (code, _, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Fixture("failing-factors.json"), "--no-progress");

        Assert.Equal(1, code);
        Assert.Contains("run 2 (given)", stderr, StringComparison.Ordinal);
        Assert.Contains("aggregation(all groups) = geometric (level 1 of 2)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_RecordFailingRuns_ListsThemAndWritesThemToJson()
    {
        var factors = TempFile("record-factors.json");
        File.WriteAllText(factors, File.ReadAllText(Fixture("failing-factors.json")).Replace("\"stop\"", "\"record\"", StringComparison.Ordinal));
        var (code, stdout, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", factors, "--no-progress");
        Assert.True(code == 0, stderr);
        Assert.Contains("2 of 10 runs failed and are left out of the statistics", stdout, StringComparison.Ordinal);
        Assert.Contains("run 9 (given;", stdout, StringComparison.Ordinal);

        var json = TempFile("record.json");
        Assert.Equal(0, Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", factors, "--out", json, "--no-progress").Code);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal([2, 9], doc.RootElement.GetProperty("failedRuns").EnumerateArray().Select(f => f.GetProperty("run").GetInt32()));
        Assert.All(doc.RootElement.GetProperty("rankIntervals").EnumerateArray(), r => Assert.Equal(8, r.GetProperty("rankedRuns").GetInt32() + r.GetProperty("missingRuns").GetInt32()));
    }
}
