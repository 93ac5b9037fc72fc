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

/// <summary><c>compindex new --coinr-meta</c>: a COINr index (iMeta + iData) as a definition that computes as written.</summary>
public class CoinrImportCommandTests
{
    [Fact]
    public void NewCoinrMeta_SmallIndex_WritesDefinitionThatComputesWithTheCommandItPrints()
    {
        var meta = TempFile("iMeta.csv");
        File.WriteAllText(meta, "iCode,iName,Level,Parent,Weight,Direction,Type,Denominator\nx,Ex,1,G,1,1,Indicator,NA\ny,Why,1,G,3,-1,Indicator,pop\nG,Gee,2,,1,1,Aggregate,NA\nregion,Region,NA,NA,NA,NA,Group,NA\npop,Population,NA,NA,NA,NA,Denominator,NA\n");
        var data = TempFile("iData.csv");
        File.WriteAllText(data, "uCode,uName,Time,region,pop,x,y\nA,Aa,2020,n,2,1,4\nB,Bb,2020,s,4,3,4\n");
        var file = TempFile("coinr.json");

        var (code, _, stderr) = Run("new", "--coinr-meta", meta, "--data", data, "--out", file);
        Assert.True(code == 0, stderr);
        var text = File.ReadAllText(file);
        Assert.Contains("\"polarity\": \"negative\"", text, StringComparison.Ordinal);
        Assert.Contains("\"method\": \"denominate\"", text, StringComparison.Ordinal);
        var command = text.Split('\n').Single(l => l.StartsWith("//   compindex compute ", StringComparison.Ordinal))["//   compindex ".Length..].Split(' ');

        var computed = Run(command);
        Assert.True(computed.Code == 0, computed.Err);
        // y / pop: A 2, B 1, lower is better: A 0, B 100; x: A 0, B 100; G = (1·x + 3·y) / 4: A 0, B 100.
        Assert.Matches(@"1\s+B\s+Bb\s+100\.00", computed.Out);
    }
}
