using System.Text.Json;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>compindex sensitivity</c> with <c>"scheme": "morris"</c>: terminal table and JSON (issue #20).</summary>
public class MorrisCommandTests
{
    private const string Factors = """
        {
          "scheme": "morris", "samples": 12, "seed": 4,
          "morris": { "levels": 4, "candidates": 30 },
          "factors": [
            { "kind": "uniformWeights", "group": "material", "spread": 0.9 },
            { "kind": "indicatorExclusion", "indicators": [ "income", "employment", "unmet_care" ] }
          ]
        }
        """;

    [Fact]
    public void Sensitivity_Morris_TableAndJson()
    {
        var factors = TempFile("morris.json");
        File.WriteAllText(factors, Factors);
        var json = TempFile("morris-out.json");

        var (code, stdout, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", factors);
        var (code2, _, stderr2) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", factors, "--out", json, "--threads", "1");

        Assert.True(code == 0, stderr);
        Assert.Contains("Morris elementary effects of meanAbsoluteRankShift(2024) (12 trajectories, 4 levels, chosen from 30 candidates", stdout, StringComparison.Ordinal);
        Assert.Contains("Convergence of meanAbsoluteRankShift(2023) (mu* from the first 3, 6, 12 trajectories", stdout, StringComparison.Ordinal);
        Assert.True(code2 == 0, stderr2);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("Morris", root.GetProperty("scheme").GetString());
        Assert.Equal(12 * 3, root.GetProperty("runs").GetInt32());
        Assert.Equal(30, root.GetProperty("morrisDesign").GetProperty("candidates").GetInt32());
        var morris = root.GetProperty("morris");
        Assert.Equal(2, morris.GetArrayLength()); // one output per period
        var f = morris[0].GetProperty("factors");
        Assert.Equal(["weights(material)", "excludedIndicator"], f.EnumerateArray().Select(x => x.GetProperty("factor").GetString()));
        Assert.All(f.EnumerateArray(), x => Assert.Equal(12, x.GetProperty("effects").GetInt32()));
        Assert.All(f.EnumerateArray(), x => Assert.True(x.GetProperty("muStar").GetDouble() >= Math.Abs(x.GetProperty("mu").GetDouble())));
        var points = root.GetProperty("convergence")[0].GetProperty("points");
        Assert.Equal([3, 6, 12], points.EnumerateArray().Select(p => p.GetProperty("sampleSize").GetInt32()));
        Assert.Equal(f[1].GetProperty("muStar").GetDouble(), points[2].GetProperty("factors")[1].GetProperty("muStar").GetDouble());
    }

    [Fact]
    public void Sensitivity_MorrisOddLevels_OneLineErrorWithPath()
    {
        var factors = TempFile("morris-bad.json");
        File.WriteAllText(factors, Factors.Replace("\"levels\": 4", "\"levels\": 5", StringComparison.Ordinal));

        var (code, _, stderr) = Run("sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", factors);

        Assert.NotEqual(0, code);
        Assert.Contains("$.morris.levels", stderr, StringComparison.Ordinal);
        Assert.Contains("must be even", stderr, StringComparison.Ordinal);
    }
}
