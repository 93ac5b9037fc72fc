using System.Globalization;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.AggregationMethods;

public class BenefitOfTheDoubtAggregationTests
{
    private static (IndexResult Result, string[] Countries) EvaluateTai(BenefitOfTheDoubtAggregation method)
    {
        var (panel, countries) = TaiData.Load("bod");
        return (CompiledIndex.Compile(TaiData.Definition(aggregation: method)).Evaluate(panel), countries);
    }

    // The Handbook's published BoD scores (Table 19) and ranks (Table 23) are reproduced from the definition file
    // samples/gallery/tai/tai-bod.json by GalleryTests.Tai_HandbookTables19_23_38_Reproduce69Of69PublishedValues.
    [SharedDataFact("method-examples")]
    public void Scores_Tai_InZeroOneWithAtLeastOneUnitAtOne_AndWeightSharesWithinBounds()
    {
        var (result, countries) = EvaluateTai(Aggregation.BenefitOfTheDoubt(0.10, 0.15));
        var scores = countries.Select(c => result.GetScore("TAI", c, "2001")).ToArray();
        Assert.All(scores, s => Assert.InRange(s, 1e-9, 1));
        Assert.Contains(scores, s => Math.Abs(s - 1) < 1e-9);
        var unitReports = result.Weights.Where(r => r.UnitId is not null).ToArray();
        Assert.Equal(23, unitReports.Length);
        Assert.All(unitReports, r =>
        {
            Assert.Equal(1, r.Weights.Sum(), 9);
            Assert.All(r.Weights, w => Assert.InRange(w, 0.10 - 1e-9, 0.15 + 1e-9));
        });

        // Contributions of a unit use its own BoD weights and add up to its score.
        var contributions = result.ExplainScore(result.RootId, countries[5], "2001");
        Assert.Equal(scores[5], contributions.Sum(c => c.ToParent), 9);
    }

    [SharedDataFact("method-examples")]
    public void Scores_TaiWithoutBounds_AtLeastBoundedScoresAndSomeUnitAtOne()
    {
        // Dropping the share bounds relaxes the LP, so no score can fall.
        var (bounded, countries) = EvaluateTai(Aggregation.BenefitOfTheDoubt(0.10, 0.15));
        var (free, _) = EvaluateTai(Aggregation.BenefitOfTheDoubt());
        foreach (var c in countries)
        {
            Assert.InRange(free.GetScore("TAI", c, "2001"), bounded.GetScore("TAI", c, "2001") - 1e-9, 1);
        }

        Assert.Contains(countries, c => Math.Abs(free.GetScore("TAI", c, "2001") - 1) < 1e-9);
    }

    [Fact]
    public void Simplex_TextbookWyndorProblem_OptimumAt2And6()
    {
        // Hillier & Lieberman, Introduction to Operations Research, §3.1: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18.
        var (status, x, value) = DenseSimplex.Maximize(new double[,] { { 1, 0 }, { 0, 2 }, { 3, 2 } }, [4, 12, 18], [3, 5]);
        Assert.Equal(SimplexStatus.Optimal, status);
        Assert.Equal(2, x[0], 12);
        Assert.Equal(6, x[1], 12);
        Assert.Equal(36, value, 12);
    }

    [Fact]
    public void Simplex_Unbounded_Reported()
    {
        var (status, _, _) = DenseSimplex.Maximize(new double[,] { { 1, -1 } }, [1], [0, 1]);
        Assert.Equal(SimplexStatus.Unbounded, status);
    }

    [Fact]
    public void Scores_TwoUnitsTwoChildren_HandCalculation()
    {
        // Unit x = (1, 0.5), y = (0.5, 1). Unbounded weights: each unit can put all weight on its best child -> both 1.
        // Shares in [0.5, 0.5] (equal weights forced): w = (w, w), max over units (1.5w) ≤ 1 -> w = 2/3, scores 1 and 1.
        // Unit z = (0.5, 0.5): max 0.5(w1 + w2) s.t. w1 + 0.5w2 ≤ 1, 0.5w1 + w2 ≤ 1 -> w1 = w2 = 2/3 -> 2/3.
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.Goalposts(0, 1))
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.BenefitOfTheDoubt())).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "1", 1).AddValue("b", "x", "1", 0.5).AddValue("a", "y", "1", 0.5).AddValue("b", "y", "1", 1)
            .AddValue("a", "z", "1", 0.5).AddValue("b", "z", "1", 0.5).Build();
        var result = CompiledIndex.Compile(def).Evaluate(panel);
        Assert.Equal(1, result.GetScore("root", "x", "1"), 12);
        Assert.Equal(1, result.GetScore("root", "y", "1"), 12);
        Assert.Equal(2.0 / 3, result.GetScore("root", "z", "1"), 12);
    }

    [Fact]
    public void Validate_InfeasibleOrInvalidBounds_Reported()
    {
        var errors = new List<DefinitionError>();
        (Aggregation.BenefitOfTheDoubt(0.6, 0.5)).Validate("$.aggregation", errors);
        Assert.Contains(errors, e => e.Path == "$.aggregation.minWeightShare");
        errors.Clear();
        (Aggregation.BenefitOfTheDoubt(-0.1, 1.5)).Validate("$.aggregation", errors);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Aggregate_SingleUnit_NotSupported()
    {
        Assert.Throws<InvalidOperationException>(() => Aggregation.BenefitOfTheDoubt().Aggregate([1.0], [1.0]));
    }
}
