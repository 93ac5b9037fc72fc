using CompositeIndex.Tests.Methods.Pipeline;

namespace CompositeIndex.Tests.Methods.Denomination;

public class DenominationStepTests
{
    private static Panel Data(double popY = 4) => PipelineTestData.Panel(
        ("x", "2020", "a", 10), ("y", "2020", "a", 20), ("x", "2020", "b", 1), ("y", "2020", "b", 2), ("x", "2020", "c", 3), ("y", "2020", "c", double.NaN),
        ("x", "2020", "pop", 5), ("y", "2020", "pop", popY));

    [Fact]
    public void Apply_ScaleFactor_DividesByDenominatorOverScale()
    {
        var step = new DenominationStep { Denominators = System.Collections.Immutable.ImmutableSortedDictionary<string, Denominator>.Empty.Add("a", new Denominator("pop", 1000)).Add("c", new Denominator("pop")) };
        var p = PipelineTestData.Prepare(Data(), step);
        Assert.Equal(10 / (5 / 1000.0), p.Data.GetValue("a", "x", "2020"), 12);
        Assert.Equal(20 / (4 / 1000.0), p.Data.GetValue("a", "y", "2020"), 12);
        Assert.Equal(0.6, p.Data.GetValue("c", "x", "2020"), 12);
        Assert.True(double.IsNaN(p.Data.GetValue("c", "y", "2020")));
        Assert.Equal(1, p.Data.GetValue("b", "x", "2020"));
        Assert.Equal(2, p.Audit.Count(a => a.Step == DenominationStep.Name));
    }

    [Fact]
    public void Apply_CopyWithOtherDenominators_EachStepDividesByItsOwn()
    {
        // The step keeps its denominators as arrays after the first run; a `with` copy must not use the original's.
        var first = CompositeIndex.Denomination.By(("a", "pop"));
        var p1 = PipelineTestData.Prepare(Data(), first);
        var second = first with { Denominators = System.Collections.Immutable.ImmutableSortedDictionary<string, Denominator>.Empty.Add("b", new Denominator("pop", 2)) };
        var p2 = PipelineTestData.Prepare(Data(), second);
        var p3 = PipelineTestData.Prepare(Data(), first);
        foreach (var p in new[] { p1, p3 })
        {
            Assert.Equal(2.0, p.Data.GetValue("a", "x", "2020")); // 10 / 5
            Assert.Equal(1.0, p.Data.GetValue("b", "x", "2020"));
            Assert.Equal(["divided by 'pop'."], p.Audit.Select(e => e.Message).ToArray());
        }

        Assert.Equal(10.0, p2.Data.GetValue("a", "x", "2020"));
        Assert.Equal(0.4, p2.Data.GetValue("b", "x", "2020")); // 1 / (5 / 2)
        Assert.Equal([("b", "divided by 'pop' / 2.")], p2.Audit.Select(e => (e.NodeId, e.Message)).ToArray());
    }

    [Fact]
    public void Apply_ZeroDenominator_ThrowsNumericalExceptionNamingUnit()
    {
        var ex = Assert.Throws<NumericalException>(() => PipelineTestData.Prepare(Data(popY: 0), CompositeIndex.Denomination.By(("a", "pop"))));
        Assert.Equal("a", ex.NodeId);
        Assert.Equal("y", ex.UnitId);
    }

    [Fact]
    public void Apply_UnknownDenominator_ThrowsDataExceptionWithSuggestion()
    {
        var ex = Assert.Throws<IndexDataException>(() => PipelineTestData.Prepare(Data(), CompositeIndex.Denomination.By(("a", "popp"))));
        Assert.Contains("did you mean 'pop'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithVariables_SinglePeriodTable_IsBroadcastToEveryPeriodAndMatchedByUnit()
    {
        var panel = PipelineTestData.Panel(("x", "2020", "a", 10), ("x", "2021", "a", 12), ("y", "2020", "a", 20), ("y", "2021", "a", 30),
            ("x", "2020", "b", 1), ("y", "2020", "b", 1), ("x", "2020", "c", 1), ("y", "2020", "c", 1));
        var denominators = PipelineTestData.Panel(("z", "all", "pop", 7), ("y", "all", "pop", 10), ("x", "all", "pop", 2));
        var joined = panel.WithVariables(denominators);
        Assert.Equal(2, joined.GetValue("pop", "x", "2021"));
        var p = CompiledIndex.Compile(PipelineTestData.Definition(CompositeIndex.Denomination.By(("a", "pop")))).Prepare(joined);
        Assert.Equal(6, p.Data.GetValue("a", "x", "2021"), 12);
        Assert.Equal(3, p.Data.GetValue("a", "y", "2021"), 12);
        Assert.Equal(10, panel.GetValue("a", "x", "2020")); // input untouched
    }
}
