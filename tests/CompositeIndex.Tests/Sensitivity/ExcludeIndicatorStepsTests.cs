using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Excluding an indicator (sensitivity factor) adjusts the data-preparation steps that name it instead of failing validation.</summary>
public class ExcludeIndicatorStepsTests
{
    private static IndexDefinition WithSteps() =>
        SensitivityFixtures.Index() with
        {
            Steps =
            [
                Denomination.By(("i0_0", "pop"), ("i0_1", "pop")),
                Imputation.ColumnMean() with { Indicators = ["i0_0"] },
                Imputation.ColumnMedian() with { Indicators = ["i0_0", "i2_2"] },
                new OutlierTreatment { Indicators = ["i0_0", "i1_1"], Exclude = ["i0_0"] },
            ],
        };

    [Fact]
    public void ExcludeIndicator_StepsNamingIt_AdjustedAndTheVariantValidates()
    {
        var d = WithSteps();
        Assert.True(d.Validate().IsValid, d.Validate().ToString());
        Assert.False((d with { Indicators = [.. d.Indicators.Where(i => i.Id != "i0_0")], Groups = [.. d.Groups.Select(g => g with { Children = [.. g.Children.Where(c => c.Id != "i0_0")] })] }).Validate().IsValid);

        var edited = DefinitionEditor.ExcludeIndicator(d, "i0_0");

        Assert.True(edited.Validate().IsValid, edited.Validate().ToString());
        Assert.Equal(3, edited.Steps.Length); // the mean imputation named only i0_0: removed (an empty list would mean every indicator)
        Assert.Equal(["i0_1"], ((DenominationStep)edited.Steps[0]).Denominators.Keys);
        Assert.Equal(["i2_2"], ((ColumnImputation)edited.Steps[1]).Indicators.ToArray());
        Assert.Equal(ImputationStatistic.Median, ((ColumnImputation)edited.Steps[1]).Statistic);
        var treatment = (OutlierTreatment)edited.Steps[2];
        Assert.Equal(["i1_1"], treatment.Indicators.ToArray());
        Assert.Empty(treatment.Exclude);

        // An indicator no step names leaves the steps as they are (same instances).
        var other = DefinitionEditor.ExcludeIndicator(d, "i1_2");
        Assert.True(d.Steps.Zip(other.Steps).All(p => ReferenceEquals(p.First, p.Second)));
    }

    [Fact]
    public void Run_IndicatorExclusionOverIndicatorsNamedBySteps_EveryRunSucceeds()
    {
        var d = SensitivityFixtures.Index() with
        {
            Steps = [Imputation.ColumnMean() with { Indicators = ["i0_0"] }, new OutlierTreatment { Indicators = ["i0_0", "i1_1"] }],
        };
        var panel = SensitivityFixtures.Panel(d, missingShare: 0.05);
        var analysis = SensitivityBuilder.For(d).ExcludeIndicators("i0_0", "i1_1", "i2_0").MonteCarlo(40).Seed(3).Build();
        var result = SensitivityAnalysis.Run(d, panel, analysis);
        Assert.Empty(result.FailedRuns);
        Assert.Equal(40, result.RunCount);
    }
}
