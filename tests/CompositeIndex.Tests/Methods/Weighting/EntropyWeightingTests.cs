using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.WeightingMethods;

public class EntropyWeightingTests
{
    [Fact]
    public void ComputeWeights_HandCalculation_MatchesFormula()
    {
        // Child a over 2 units: (1, 3) -> p = (1/4, 3/4); e = -(p ln p summed)/ln 2 = 0.811278...; d = 0.188722.
        // Child b: (2, 2) -> p = (1/2, 1/2), e = 1, d = 0. Child c: (0, 5) -> p = (0, 1), e = 0, d = 1.
        var ctx = new WeightingContext("g", ["a", "b", "c"], [1, 1, 1], new ArithmeticAggregation(), [1, 3, 2, 2, 0, 5], 2);
        var outcome = Weighting.Entropy().ComputeWeights(ctx);
        var ea = -((0.25 * Math.Log(0.25)) + (0.75 * Math.Log(0.75))) / Math.Log(2);
        var da = 1 - ea;
        Assert.Equal(0.8112781244591328, ea, 12);
        Assert.Equal(da / (da + 1), outcome.Weights[0], 12);
        Assert.Equal(0, outcome.Weights[1], 12);
        Assert.Equal(1 / (da + 1), outcome.Weights[2], 12);
    }

    [Fact]
    public void ComputeWeights_NegativeScore_ThrowsNamingChild()
    {
        var ctx = new WeightingContext("g", ["a", "b"], [1, 1], new ArithmeticAggregation(), [1, -1, 2, 3], 2);
        var ex = Assert.Throws<NumericalException>(() => Weighting.Entropy().ComputeWeights(ctx));
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FittedOnNormalisedScores_PooledOverPeriods()
    {
        // Min-max [0, 1] pooled: a -> (0, 1, 0.5, 0.5) with p = (0, 1/2, 1/4, 1/4); b -> constant shares (1/4 each).
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b")
            .Normalize(Normalization.MinMax(0, 1, NormalizationReference.Pooled))
            .Group("root", g => g.Add("a", "b").Weight(Weighting.Entropy()))
            .Build();
        var panel = new PanelBuilder()
            .AddValue("a", "x", "1", 0).AddValue("a", "y", "1", 2).AddValue("a", "x", "2", 1).AddValue("a", "y", "2", 1)
            .AddValue("b", "x", "1", 1).AddValue("b", "y", "1", 2).AddValue("b", "x", "2", 2).AddValue("b", "y", "2", 1)
            .Build();
        var result = CompiledIndex.Compile(def).Evaluate(panel);
        var report = Assert.Single(result.Weights);
        Assert.Equal("entropy", report.MethodName);
        // b normalised: (0, 1, 1, 0) -> p = (0, 1/2, 1/2, 0), e = ln2/ln4 = 0.5. a: e = (ln 2/2 + 2·ln4/4)/ln 4 = 0.75.
        Assert.Equal(0.25 / 0.75, report.WeightOf("a"), 12);
        Assert.Equal(0.5 / 0.75, report.WeightOf("b"), 12);
    }
}
