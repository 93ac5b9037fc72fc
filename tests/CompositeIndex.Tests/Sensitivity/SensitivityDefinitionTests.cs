using System.Collections.Immutable;
using System.Text.Json;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

public class SensitivityDefinitionTests
{
    private static readonly IndexDefinition Index = SensitivityFixtures.Index();

    [Fact]
    public void Validate_UnknownGroupAndIndicator_TypedErrorsWithPaths()
    {
        var analysis = new SensitivityDefinition
        {
            Factors =
            [
                new UniformWeightsFactor("g9", 0.2),
                new IndicatorExclusionFactor(["i0_0", "i7_7"]),
                new NormalizationChoiceFactor("nowhere", [Normalization.MinMax()]),
                new AggregationChoiceFactor("gg0", [Aggregation.Arithmetic()]),
            ],
        };
        var report = analysis.Validate(Index);
        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.UnknownGroup && e.Path == "$.factors[0].group");
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.UnknownIndicator && e.Path == "$.factors[1].indicators[1]");
        Assert.Contains(report.Errors, e => e.Code == SensitivityErrorCodes.UnknownNode && e.Path == "$.factors[2].target");
        var suggestion = Assert.Single(report.Errors, e => e.Path == "$.factors[3].group");
        Assert.Contains("did you mean 'g0'", suggestion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidFactors_ThrowsSensitivityDefinitionExceptionWithEveryError()
    {
        var ex = Assert.Throws<SensitivityDefinitionException>(() => SensitivityBuilder.For(Index)
            .PerturbWeights("g0", 1.5)
            .PerturbWeights("g0", 0.1)
            .DirichletWeights("root", 0)
            .ChooseAggregation(null)
            .PerturbParameter("i0_0", "normalization", "nope", 0, 1)
            .PerturbParameter("i0_0", "normalisation", "upper", 0, 1)
            .ChooseParameter(null, "normalization", "upper", "abc")
            .ToggleStep("imputation")
            .Node("rooot")
            .MonteCarlo(1)
            .Build());
        var paths = ex.Report.Errors.Select(e => (e.Code, e.Path)).ToList();
        Assert.Contains((SensitivityErrorCodes.InvalidParameter, "$.factors[0].spread"), paths);
        Assert.Contains((SensitivityErrorCodes.Duplicate, "$.factors[1].group"), paths);
        Assert.Contains((SensitivityErrorCodes.InvalidParameter, "$.factors[2].concentration"), paths);
        Assert.Contains((SensitivityErrorCodes.NoAlternatives, "$.factors[3].alternatives"), paths);
        Assert.Contains((SensitivityErrorCodes.UnknownParameter, "$.factors[4].parameter"), paths);
        Assert.Contains((SensitivityErrorCodes.UnknownParameter, "$.factors[5].step"), paths);
        Assert.Contains((SensitivityErrorCodes.InvalidParameter, "$.factors[6].values[0]"), paths);
        Assert.Contains((SensitivityErrorCodes.UnknownParameter, "$.factors[7].step"), paths);
        Assert.Contains((SensitivityErrorCodes.UnknownNode, "$.node"), paths);
        Assert.Contains((SensitivityErrorCodes.Sampling, "$.samples"), paths);
    }

    [Fact]
    public void Validate_ParameterRangeMakingMethodInvalid_ReportsTheEnd()
    {
        // min-max [1, 100]: an upper of 1 equals the lower -> invalid at the lower end of the range.
        var analysis = new SensitivityDefinition { Factors = [new ParameterRangeFactor(null, "normalization", "upper", 1, 50)] };
        var error = Assert.Single(analysis.Validate(Index).Errors);
        Assert.Equal("$.factors[0].lower", error.Path);
    }

    [Fact]
    public void Validate_WeightSetWithUnknownChild_ErrorPathNamesTheChild()
    {
        var analysis = new SensitivityDefinition { Factors = [new WeightSetsFactor("g0", [ImmutableSortedDictionary<string, double>.Empty.Add("i9_9", 1)])] };
        var error = Assert.Single(analysis.Validate(Index).Errors);
        Assert.Equal("$.factors[0].sets[0].i9_9", error.Path);
        Assert.Equal(SensitivityErrorCodes.UnknownNode, error.Code);
    }

    [Fact]
    public void Validate_SeedZero_IsValid()
    {
        var analysis = SensitivityBuilder.For(Index).PerturbWeights("g0", 0.2).Seed(0).Saltelli(8).Build();
        Assert.Equal(0UL, analysis.Seed);
        Assert.Equal(8 * 3, analysis.RunCount);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var b = SensitivityBuilder.For(Index).PerturbWeights("g0", 0.2);
        b.Build();
        Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Throws<InvalidOperationException>(() => b.Seed(1));
    }

    [Fact]
    public void Json_FactorRecords_RoundTripWithKindDiscriminator()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        UncertaintyFactor[] factors =
        [
            new UniformWeightsFactor("g0", 0.25) { Name = "pillar weights" },
            new DirichletWeightsFactor("root", 50),
            new WeightSetsFactor("g1", [ImmutableSortedDictionary<string, double>.Empty.Add("i1_0", 2)]),
            new IndicatorExclusionFactor(["i0_0", "i1_1"]) { IncludeNone = false },
            new ParameterRangeFactor("i0_0", "normalization", "upper", 0.9, 1.1) { Relative = true },
            new ParameterChoiceFactor(null, "normalization", "reference.period", ["2020", "2021"]),
            new StepToggleFactor("missingData", "g0"),
        ];
        var json = JsonSerializer.Serialize(factors, options);
        Assert.Contains("\"kind\":\"uniformWeights\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"stepToggle\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<UncertaintyFactor[]>(json, options)!;
        Assert.Equal(factors, back);
    }
}
