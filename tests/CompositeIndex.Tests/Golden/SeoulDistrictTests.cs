using CompositeIndex.Samples.Seoul;

namespace CompositeIndex.Tests.Golden;

/// <summary>The district-level variant of the Seoul sample (synthetic, deterministic data).</summary>
public class SeoulDistrictTests
{
    private static string SampleFile(string name) => Path.Combine(SharedData.RepoRoot, "samples", "seoul", "data", name);

    private static Panel Districts() => Panel.ReadLongCsv(SampleFile("districts-synthetic.csv"), new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] });

    [Fact]
    public void Generate_SameSeed_ReproducesCommittedFileByteForByte()
    {
        var city = Panel.ReadLongCsv(SampleFile("illustrative-values.csv"));
        var text = DistrictData.Generate(city);
        Assert.Equal(File.ReadAllText(SampleFile("districts-synthetic.csv")), text);
        Assert.NotEqual(text, DistrictData.Generate(city, seed: 1));
    }

    [Fact]
    public void Evaluate_25Districts_EveryDistrictRankedOnce()
    {
        var result = CompiledIndex.Compile(SeoulDefinition.Build()).Evaluate(Districts());
        Assert.Equal(25, result.Units.Length);
        var ranks = result.GetRanks("seoul", "2024");
        Assert.Equal(Enumerable.Range(1, 25), ranks.Select(r => r!.Value).Order());
        Assert.Equal(["M07"], result.GetDroppedIndicators(result.RootId, "jung", "2024").ToArray());
        Assert.Equal(["H03"], result.GetDroppedIndicators(result.RootId, "mapo", "2023").ToArray());
    }

    [Fact]
    public void Evaluate_OneDistrictAlone_SameScoresAsInThePanelOfAll()
    {
        // Ratio-to-base normalisation and count weights are per unit: a district's score does not depend on the others.
        var all = CompiledIndex.Compile(SeoulDefinition.Build()).Evaluate(Districts());
        var b = new PanelBuilder();
        var panel = Districts();
        foreach (var indicator in panel.Indicators)
        {
            foreach (var period in panel.Periods)
            {
                b.AddValue(indicator, "mapo", period, panel.GetValue(indicator, "mapo", period));
            }
        }

        var alone = CompiledIndex.Compile(SeoulDefinition.Build()).Evaluate(b.Build());
        foreach (var period in panel.Periods)
        {
            Assert.Equal(all.GetScore("seoul", "mapo", period), alone.GetScore("seoul", "mapo", period));
        }
    }
}
