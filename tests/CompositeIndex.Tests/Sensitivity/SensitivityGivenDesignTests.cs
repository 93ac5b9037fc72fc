using System.Text.Json;
using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>The <see cref="SamplingScheme.Given"/> scheme: runs follow the given rows of levels, nothing is drawn.</summary>
public class SensitivityGivenDesignTests
{
    private static readonly IndexDefinition Index = SensitivityFixtures.Index();

    [Fact]
    public void Run_GivenRows_EachRunUsesTheGivenLevels()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var onlyG0 = new Dictionary<string, double> { ["g0"] = 1, ["g1"] = 0, ["g2"] = 0 };
        var onlyG2 = new Dictionary<string, double> { ["g0"] = 0, ["g1"] = 0, ["g2"] = 1 };
        var analysis = SensitivityBuilder.For(Index)
            .ChooseAggregation(null, Aggregation.Arithmetic(), Aggregation.Geometric())
            .AlternativeWeights("root", onlyG0, onlyG2)
            .Given([0, 0], [0, 1], [1, 1], [0, 0])
            .Build();
        Assert.Equal(4, analysis.RunCount);

        var result = SensitivityAnalysis.Run(index: Index, panel: panel, analysis: analysis, options: new SensitivityOptions { KeepReplicates = true, MaxDegreeOfParallelism = 1 });
        var table = result.Replicates!;
        Assert.Equal(4, result.RunCount);
        Assert.Equal(new[] { 0.0, 0.0 }, table.GetFactorValues(0).ToArray());
        Assert.Equal(new[] { 0.0, 1.0 }, table.GetFactorValues(1).ToArray());
        Assert.Equal(new[] { 1.0, 1.0 }, table.GetFactorValues(2).ToArray());
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal("given", table.BlockOf(r))); // not "MC": nothing was drawn

        // Arithmetic mean with all the root's weight on one child: the index score is that child's score.
        var nominal = CompiledIndex.Compile(Index).Evaluate(panel);
        for (var t = 0; t < result.Periods.Length; t++)
        {
            for (var j = 0; j < result.Units.Length; j++)
            {
                var (unit, period) = (result.Units[j], result.Periods[t]);
                Assert.Equal(nominal.GetScore("g0", unit, period), table.GetScores(0, t).Span[j], 12);
                Assert.Equal(nominal.GetScore("g2", unit, period), table.GetScores(1, t).Span[j], 12);
                Assert.Equal(table.GetScores(0, t).Span[j], table.GetScores(3, t).Span[j]);
            }
        }
    }

    [Fact]
    public void Validate_GivenRowsOutOfShape_ReportsEveryRowAndFactor()
    {
        var analysis = new SensitivityDefinition
        {
            Factors = [new AggregationChoiceFactor(null, [Aggregation.Arithmetic(), Aggregation.Geometric()]), new UniformWeightsFactor("root", 0.2)],
            Scheme = SamplingScheme.Given,
            DesignRows = [[0], [2, 0]],
        };
        var report = analysis.Validate(Index);
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.Sampling && e.Path == "$.factors[1]");
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.Sampling && e.Path == "$.designRows[0]");
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.Sampling && e.Path == "$.designRows[1][0]");
        Assert.Contains(new SensitivityDefinition { Scheme = SamplingScheme.Given }.Validate(Index).Errors, e => e.Path == "$.designRows");
    }

    [Fact]
    public void Json_GivenDesign_ReadsSchemeAndRows()
    {
        const string json = """
            { "factors": [ { "kind": "aggregationChoice", "group": null, "alternatives": [ { "method": "arithmetic" }, { "method": "geometric" } ] } ],
              "scheme": "given", "designRows": [ [1], [0], [1] ] }
            """;
        var analysis = JsonSerializer.Deserialize<SensitivityDefinition>(json, IndexDefinitionSerializer.Default.Options)!;
        Assert.Equal(SamplingScheme.Given, analysis.Scheme);
        Assert.Equal(3, analysis.RunCount);
        Assert.Equal(new[] { 1, 0, 1 }, analysis.DesignRows.Select(r => Assert.Single(r)).ToArray());
        Assert.True(analysis.Validate(Index).IsValid);
        var back = JsonSerializer.Deserialize<SensitivityDefinition>(JsonSerializer.Serialize(analysis, IndexDefinitionSerializer.Default.Options), IndexDefinitionSerializer.Default.Options);
        Assert.Equal(analysis, back);
    }
}
