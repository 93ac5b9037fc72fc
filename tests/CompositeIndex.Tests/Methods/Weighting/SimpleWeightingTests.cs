using System.Collections.Immutable;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>Equal, explicit and budget-allocation weights, and the weighting step in evaluation (hand calculations).</summary>
public class SimpleWeightingTests
{
    private static WeightingContext Fixed(params string[] ids) =>
        new("g", [.. ids], [.. ids.Select(_ => 1.0)], new ArithmeticAggregation(), [], 0);

    private static ImmutableSortedDictionary<string, double> Map(params (string Key, double Value)[] items) =>
        items.ToImmutableSortedDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    [Fact]
    public void Equal_ThreeChildren_OneThirdEach()
    {
        var w = Weighting.Equal().ComputeWeights(Fixed("a", "b", "c")).Weights;
        Assert.All(w, x => Assert.Equal(1.0 / 3, x, 15));
    }

    [Fact]
    public void Explicit_RelativeWeights_NormalisedInChildOrder()
    {
        var w = Weighting.Explicit(Map(("b", 3), ("a", 1))).ComputeWeights(Fixed("a", "b")).Weights;
        Assert.Equal([0.25, 0.75], w.ToArray());
    }

    [Fact]
    public void BudgetAllocation_TwoExperts_MeanOfPointShares()
    {
        // Expert 1: 60/40 of 100 points; expert 2 spends 50 points: 10/40 -> 0.2/0.8. Mean: 0.4/0.6.
        var method = Weighting.BudgetAllocation(new ExpertAllocation("E1", Map(("a", 60), ("b", 40))), new ExpertAllocation("E2", Map(("a", 10), ("b", 40))));
        var outcome = method.ComputeWeights(Fixed("a", "b"));
        Assert.Equal(0.4, outcome.Weights[0], 15);
        Assert.Equal(0.6, outcome.Weights[1], 15);
        Assert.Contains(outcome.Diagnostics, d => d.Name == "share" && d.Qualifier == "E2" && d.ChildId == "a" && Math.Abs(d.Value - 0.2) < 1e-15);
    }

    [Fact]
    public void Validate_ExplicitMissingChildAndUnknownChild_BothReported()
    {
        var builder = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Weight(Weighting.Explicit(Map(("a", 1), ("c", 2)))));
        var ex = Assert.Throws<IndexDefinitionException>(() => builder.Build());
        Assert.Contains(ex.Report.Errors, e => e.Code == ErrorCodes.UnknownChild && e.Path == "$.groups[0].weighting.weights.c");
        Assert.Contains(ex.Report.Errors, e => e.Code == ErrorCodes.Missing && e.Message.Contains("'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BudgetNegativePoints_ReportsExpertPath()
    {
        var builder = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Weight(Weighting.BudgetAllocation(new ExpertAllocation("E1", Map(("a", -1), ("b", 2))))));
        var ex = Assert.Throws<IndexDefinitionException>(() => builder.Build());
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.experts[0].points.a" && e.Message.Contains("E1", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WeightingReplacesChildWeights_AndIsRecordedWithContributions()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", 5).Add("b", 1).Weight(Weighting.Explicit(Map(("a", 1), ("b", 3)))))
            .Build();
        var panel = new PanelBuilder().AddValue("a", "x", "2020", 0).AddValue("a", "y", "2020", 10).AddValue("b", "x", "2020", 10).AddValue("b", "y", "2020", 0).Build();
        var result = CompiledIndex.Compile(def).Evaluate(panel);
        Assert.Equal(75, result.GetScore("root", "x", "2020"), 12);
        var report = Assert.Single(result.Weights);
        Assert.Equal("explicit", report.MethodName);
        Assert.Equal(0.75, report.WeightOf("b"), 15);
        var contributions = result.ExplainScore(result.RootId, "x", "2020");
        Assert.Equal(0.75, contributions.Single(c => c.NodeId == "b").Weight, 15);
    }

    [Fact]
    public void Evaluate_NoWeighting_ReportsDefinitionWeights()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", 1).Add("b", 3)).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "2020", 0).AddValue("a", "y", "2020", 10).AddValue("b", "x", "2020", 10).AddValue("b", "y", "2020", 0).Build();
        var report = Assert.Single(CompiledIndex.Compile(def).Evaluate(panel).Weights);
        Assert.Equal("definition", report.MethodName);
        Assert.Equal([0.25, 0.75], report.Weights.ToArray());
    }

    [Fact]
    public void GroupDefinition_WithDifferentWeighting_NotEqual()
    {
        var a = new GroupDefinition { Id = "g", Weighting = Weighting.Equal() };
        var b = new GroupDefinition { Id = "g", Weighting = Weighting.Entropy() };
        var c = new GroupDefinition { Id = "g", Weighting = Weighting.Equal() };
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
    }

    [Fact]
    public void MethodRegistry_Default_KnowsWeightingMethods()
    {
        var names = MethodRegistry.Default.NamesOf(typeof(WeightingMethod)).ToArray();
        Assert.Contains("ahp", names);
        Assert.Contains("equal", names);
        Assert.Contains("factorAnalysis", names);
        Assert.Contains("entropy", names);
        Assert.Contains("budgetAllocation", names);
        Assert.Contains("explicit", names);
    }
}
