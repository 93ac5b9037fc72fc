using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Methods.Pipeline;

public class PipelineStepJsonTests
{
    public static TheoryData<PipelineStep> Steps =>
    [
        new DenominationStep { Denominators = System.Collections.Immutable.ImmutableSortedDictionary<string, Denominator>.Empty.Add("a", new Denominator("pop", 1000)) },
        new ColumnImputation { Statistic = ImputationStatistic.Median, GroupBy = "region", Indicators = ["a"] },
        new RowImputation { GroupLevel = 3, NormalizeFirst = false, Statistic = ImputationStatistic.Median },
        new PanelImputation { Kind = PanelImputationKind.Linear, MaxGap = 2 },
        new ExpectationMaximizationImputation { GroupLevel = 99, Tolerance = 1e-8, MaxIterations = 50, Ridge = 0.01 },
        new UnitScreening { Rule = ScreeningRule.ByMissingOrZeros, MinDataAvailability = 0.8, MinNonZeroShare = 0.1, ForceInclude = ["x"], ForceExclude = ["y"] },
        new OutlierTreatment
        {
            MaxWinsorizedPoints = int.MaxValue, Transformation = OutlierTransformation.BoxCox, BoxCoxLambda = 0.25, CombineTreatments = true, Exclude = ["b"],
            Overrides = System.Collections.Immutable.ImmutableSortedDictionary<string, OutlierTreatment>.Empty.Add("a", new OutlierTreatment { MaxWinsorizedPoints = 1 }),
        },
    ];

    [Theory]
    [MemberData(nameof(Steps))]
    public void SaveLoad_Step_RoundTripsToAnEqualDefinition(PipelineStep step)
    {
        var definition = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Group("root", g => g.Add("a", "b"))
            .Normalize(Normalization.MinMax()).AddStep(step).Build();
        var json = IndexDefinitionSerializer.Default.Save(definition);
        Assert.Contains($"\"method\": \"{step.MethodName}\"", json, StringComparison.Ordinal);
        var back = IndexDefinitionSerializer.Default.Load(json);
        Assert.Equal(definition, back);
        Assert.Equal(step, Assert.Single(back.Steps));
    }

    [Fact]
    public void Validate_UnknownIndicatorInStep_ReportsPathAndSuggestion()
    {
        var definition = IndexBuilder.Create("t", "T").Indicator("alpha").Group("root", g => g.Add("alpha")).Normalize(Normalization.MinMax()).Build();
        var report = (definition with { Steps = [new ColumnImputation { Indicators = ["alpah"] }, new UnitScreening { MinDataAvailability = 2 }] }).Validate();
        Assert.Contains(report.Errors, e => e.Path == "$.steps[0].indicators" && e.Message.Contains("did you mean 'alpha'", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Path == "$.steps[1].minDataAvailability" && e.Code == ErrorCodes.InvalidParameter);
    }
}
