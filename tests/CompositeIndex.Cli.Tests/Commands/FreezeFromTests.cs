using System.Globalization;
using CompositeIndex.Serialization;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>compute --freeze-from</c>: 2022–2023's pooled min and max applied to 2024, checked by hand.</summary>
public class FreezeFromTests
{
    [Fact]
    public void Compute_FreezeFrom_AppliesTheSavedResultsParameters()
    {
        var definition = TempFile("index.json");
        IndexDefinitionJson.SaveFile(
            IndexBuilder.Create("f", "Frozen").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.MinMax(0, 100, NormalizationReference.Pooled)).Build(),
            definition);
        var early = Path.Combine(Path.GetDirectoryName(definition)!, "early.csv");
        var late = Path.Combine(Path.GetDirectoryName(definition)!, "late.csv");
        File.WriteAllText(early, "unit,period,a\nu1,2022,1\nu2,2022,5\nu1,2023,3\nu2,2023,11\n");
        File.WriteAllText(late, "unit,period,a\nu1,2024,2\nu2,2024,12\n");
        var saved = Path.Combine(Path.GetDirectoryName(definition)!, "early.json");
        Assert.Equal(0, Run("compute", definition, "--data", early, "--out", saved).Code);

        var frozen = Run("compute", definition, "--data", late, "--freeze-from", saved, "--format", "csv");
        var refitted = Run("compute", definition, "--data", late, "--format", "csv");

        Assert.True(frozen.Code == 0, frozen.Err);
        Assert.Equal(100 * (2 - 1) / 10.0, Score(frozen.Out, "u1"), 12); // min 1, max 11 of 2022–2023
        Assert.Equal(100 * (12 - 1) / 10.0, Score(frozen.Out, "u2"), 12);
        Assert.Equal(0.0, Score(refitted.Out, "u1"), 12); // refitted on 2024 alone: min 2, max 12
    }

    [Fact]
    public void Compute_FreezeFromAMissingFile_IsAOneLineError()
    {
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--freeze-from", TempFile("absent.json"));

        Assert.NotEqual(0, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    private static double Score(string csv, string unit) =>
        double.Parse(csv.Split('\n').Single(l => l.StartsWith(unit + ",", StringComparison.Ordinal) && l.Contains(",a,", StringComparison.Ordinal)).Split(',')[6], CultureInfo.InvariantCulture);
}
