using System.Collections.Immutable;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>Every weighting method and non-compensatory aggregation survives a JSON round trip (STYLE.md rule 16).</summary>
public class WeightingJsonTests
{
    private static ImmutableSortedDictionary<string, double> Map(params (string Key, double Value)[] items) =>
        items.ToImmutableSortedDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    /// <summary>A definition of indicators a, b, c under one group "root" whose <c>"weighting"</c> is <paramref name="weighting"/>.</summary>
    private static string RootWeightingJson(string weighting) => $$"""
        {
          "schemaVersion": 2,
          "id": "t", "name": "T",
          "normalization": { "method": "minMax" },
          "indicators": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
          "groups": [ {
            "id": "root",
            "children": [ { "id": "a" }, { "id": "b" }, { "id": "c" } ],
            "weighting": {{weighting}}
          } ]
        }
        """;

    public static TheoryData<string, WeightingMethod?, AggregationMethod?> Cases() => new()
    {
        { "equal", Weighting.Equal(), null },
        { "explicit", Weighting.Explicit(Map(("a", 2), ("b", 1), ("c", 1))), null },
        { "budget", Weighting.BudgetAllocation(new ExpertAllocation("E1", Map(("a", 50), ("b", 30), ("c", 20))), new ExpertAllocation("E2", Map(("a", 10), ("b", 10), ("c", 80)))), null },
        { "ahp", Weighting.Ahp(PairwiseComparisons.FromMatrix("E1", ["a", "b", "c"], [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])) with { MaxConsistencyRatio = 0.2, RandomIndex = RandomIndexTable.Saaty2005 }, null },
        { "entropy", Weighting.Entropy() with { Period = "2020" }, null },
        { "factor", Weighting.FactorAnalysis(2) with { Rotation = FactorRotation.None, MinEigenvalue = 1 }, null },
        { "factorMl", Weighting.FactorAnalysis(1, FactorExtraction.MaximumLikelihood) with { MinUniqueness = 0.01 }, null },
        { "balance", Weighting.Balance(Map(("a", 2), ("b", 1), ("c", 1))) with { MaxIterations = 100 }, null },
        { "infomax", Weighting.InfoMax(), null },
        { "bod", null, Aggregation.BenefitOfTheDoubt(0.1, 0.5) },
        { "mpi", null, Aggregation.MazziottaPareto(UnbalancePenalty.Positive) },
        { "ampi", null, Aggregation.AdjustedMazziottaPareto(inputScale: 100) },
        { "meanMin", null, Aggregation.MeanMin(0.5, 10) },
        { "owa", null, Aggregation.OrderedWeighted(0.5, 0.3, 0.2) },
        { "wroclaw", null, Aggregation.WroclawTaxonomy() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SaveLoad_Method_RoundTripsToEqualDefinition(string name, WeightingMethod? weighting, AggregationMethod? aggregation)
    {
        var def = IndexBuilder.Create("t", name).Indicator("a").Indicator("b").Indicator("c").Normalize(Normalization.MinMax())
            .Group("root", g =>
            {
                g.Add("a", "b", "c");
                if (weighting is not null)
                {
                    g.Weight(weighting);
                }

                if (aggregation is not null)
                {
                    g.Aggregate(aggregation);
                }
            })
            .Build();
        var json = IndexDefinitionSerializer.Default.Save(def);
        var back = IndexDefinitionSerializer.Default.Load(json);
        Assert.Equal(def, back);
        Assert.Equal(json, IndexDefinitionSerializer.Default.Save(back));
    }

    [Fact]
    public void Load_AhpJson_ReadsJudgmentsAndValidatesConsistency()
    {
        var json = RootWeightingJson("""
            { "method": "ahp", "experts": [ { "expert": "Dr. X", "judgments": [
              { "row": "a", "column": "b", "value": 9 }, { "row": "b", "column": "c", "value": 9 }, { "row": "c", "column": "a", "value": 9 } ] } ] }
            """);
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionSerializer.Default.Load(json));
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.experts[0].judgments" && e.Message.Contains("Dr. X", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FactorAnalysisMaximumLikelihoodJson_ReadsExtraction()
    {
        var json = RootWeightingJson("""{ "method": "factorAnalysis", "factors": 1, "extraction": "maximumLikelihood", "minUniqueness": 0.01 }""");
        var weighting = Assert.IsType<FactorAnalysisWeighting>(IndexDefinitionSerializer.Default.Load(json).Groups[0].Weighting);
        Assert.Equal(FactorExtraction.MaximumLikelihood, weighting.Extraction);
        Assert.Equal(0.01, weighting.MinUniqueness);
    }

    [Fact]
    public void Load_FactorAnalysisMaximumLikelihoodTooManyFactors_ReportsFactorsPath()
    {
        var json = RootWeightingJson("""{ "method": "factorAnalysis", "factors": 2, "extraction": "maximumLikelihood" }""");
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionSerializer.Default.Load(json));
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.factors" && e.Message.Contains("'root'", StringComparison.Ordinal));
    }
}
