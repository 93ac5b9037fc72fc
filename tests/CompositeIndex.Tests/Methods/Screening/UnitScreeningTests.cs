using CompositeIndex.Tests.Methods.Pipeline;

namespace CompositeIndex.Tests.Methods.Screening;

public class UnitScreeningTests
{
    private const double NA = double.NaN;

    private static Panel Data() => PipelineTestData.Panel(
        ("full", "1", "a", 1), ("full", "1", "b", 2), ("full", "1", "c", 3),
        ("half", "1", "a", 1), ("half", "1", "b", NA), ("half", "1", "c", 3),
        ("zeros", "1", "a", 0), ("zeros", "1", "b", 0), ("zeros", "1", "c", 0),
        ("other", "1", "a", 5), ("other", "1", "b", 1), ("other", "1", "c", 9));

    [Fact]
    public void ByMissing_UnitBelowThreshold_IsRemovedFromPreparationAndResult()
    {
        var def = PipelineTestData.Definition(CompositeIndex.Screening.ByMissing(0.9));
        var result = CompiledIndex.Compile(def).Evaluate(Data());
        Assert.Equal(["half"], result.Preparation!.RemovedUnits.ToArray());
        Assert.DoesNotContain(result.Units, u => u.Id == "half");
        Assert.Contains(result.Audit, a => a.Step == UnitScreening.Name && a.NodeId == "half");
        var row = Assert.Single(result.Preparation.Reports.OfType<ScreeningReport>()).Units.Single(u => u.UnitId == "half");
        Assert.Equal(2.0 / 3.0, row.DataAvailability, 12);
    }

    [Fact]
    public void ByMissing_AtThreshold_IsKept()
    {
        var p = PipelineTestData.Prepare(Data(), CompositeIndex.Screening.ByMissing(2.0 / 3.0));
        Assert.Empty(p.RemovedUnits);
    }

    [Fact]
    public void ByZeros_AllZeroUnit_IsRemoved()
    {
        var p = PipelineTestData.Prepare(Data(), CompositeIndex.Screening.ByZeros());
        Assert.Equal(["zeros"], p.RemovedUnits.ToArray());
    }

    [Fact]
    public void Force_IncludeAndExclude_OverrideTheRule()
    {
        var p = PipelineTestData.Prepare(Data(), new UnitScreening { Rule = ScreeningRule.ByMissingOrZeros, MinDataAvailability = 0.9, ForceInclude = ["half"], ForceExclude = ["other"] });
        Assert.Equal(["zeros", "other"], p.RemovedUnits.ToArray());
    }
}
