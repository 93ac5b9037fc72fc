using System.Globalization;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// COINr get_results() tables of the example coin (expected/results/) and the aggregation variants of the
/// aggregation vignette (expected/aggregate/), to a relative tolerance of 1e-9, ranks exactly.
/// </summary>
public class AsemResultsGoldenTests
{
    private const double Tol = 1e-9;

    private static readonly Lazy<IndexResult> Example = new(() => CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps())).Evaluate(AsemData.Panel));

    private static string Path(string folder, string file) => SharedData.PathOf(AsemData.Folder, "expected", folder, file);

    [SharedDataTheory(AsemData.Folder)]
    [InlineData("summ_scores_full.csv", 2)]
    [InlineData("aggs_scores_full.csv", 12)]
    [InlineData("full_scores_full.csv", 61)]
    public void ScoresAndRanks_ExampleCoin_MatchGetResultsWithin1e9AndRanksExactly(string file, int columns)
    {
        var result = Example.Value;
        var period = AsemData.Period;
        var expected = Table.Read(Path("results", file));
        var cmp = new Comparer(Tol);
        cmp.Table(expected, (unit, node) => result.GetScore(node, unit, period), file, "Rank");
        foreach (var row in expected.Rows)
        {
            cmp.Equal(int.Parse(row["Rank"], CultureInfo.InvariantCulture), result.GetRank(result.RootId, row["uCode"], period), $"{file} {row["uCode"]}/Rank");
        }

        cmp.AssertAll(51 * columns);
        var order = expected.Rows.Select(r => result.GetScore("Index", r["uCode"], period)).ToList();
        Assert.Equal(order.OrderByDescending(x => x), order);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Ranks_ExampleCoin_MatchFullRanksExactly()
    {
        var result = Example.Value;
        var expected = Table.Read(Path("results", "full_ranks.csv"));
        var cmp = new Comparer(0).For("results/full_ranks.csv");
        foreach (var row in expected.Rows)
        {
            foreach (var node in expected.Header.Skip(1))
            {
                cmp.Equal(row[node] == "NA" ? (int?)null : int.Parse(row[node], CultureInfo.InvariantCulture), result.GetRank(node, row["uCode"], AsemData.Period), $"{row["uCode"]}/{node}");
            }
        }

        cmp.AssertAll(51 * 60);
    }

    [SharedDataFact(AsemData.Folder)]
    public void GetRanksWithin_GdpGroup_MatchesGroupRanksExactly()
    {
        var result = Example.Value;
        var expected = Table.Read(Path("results", "aggs_groupranks_GDP_group.csv"));
        var cmp = new Comparer(0).For("results/aggs_groupranks_GDP_group.csv");
        var units = result.Units.Select(u => u.Id).ToList();
        foreach (var node in expected.Header.Skip(2))
        {
            var ranks = result.GetRanksWithin(node, AsemData.Period, "GDP_group");
            foreach (var row in expected.Rows)
            {
                cmp.Equal(int.Parse(row[node], CultureInfo.InvariantCulture), ranks[units.IndexOf(row["uCode"])], $"{row["uCode"]}/{node}");
            }
        }

        foreach (var row in expected.Rows)
        {
            cmp.Equal(row["GDP_group"], result.Units.Single(u => u.Id == row["uCode"]).Attributes["GDP_group"], $"{row["uCode"]}/GDP_group");
        }

        cmp.AssertAll(51 * 12);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Scores_RoundedToTwoDecimals_MatchGetResultsDefault()
    {
        var result = Example.Value;
        var expected = Table.Read(Path("results", "aggs_scores_round2_default.csv"));
        var cmp = new Comparer(Tol);
        cmp.Table(expected, (unit, node) => Math.Round(result.GetScore(node, unit, AsemData.Period), 2, MidpointRounding.ToEven), "aggs_scores_round2_default.csv", "Rank");
        foreach (var row in expected.Rows)
        {
            cmp.Equal(int.Parse(row["Rank"], CultureInfo.InvariantCulture), result.GetRank(result.RootId, row["uCode"], AsemData.Period), $"aggs_scores_round2_default.csv {row["uCode"]}/Rank");
        }

        cmp.AssertAll(51 * 12);
    }

    [SharedDataFact(AsemData.Folder)]
    public void IndexAndRank_ByAggregationMethod_MatchCoinrWithin1e9()
    {
        var steps = AsemData.ExampleSteps();
        var variants = new (string Name, NormalizationMethod Norm, AggregationMethod Agg)[]
        {
            ("amean_0_100", Normalization.MinMax(0, 100), Aggregation.Arithmetic()),
            ("gmean_1_100", Normalization.MinMax(1, 100), Aggregation.Geometric()),
            ("hmean_1_100", Normalization.MinMax(1, 100), Aggregation.Harmonic()),
            ("genmean_p2_1_100", Normalization.MinMax(1, 100), Aggregation.PowerMean(2)),
        };
        var expected = Table.Read(Path("results", "index_ranks_by_aggregation.csv"));
        var cmp = new Comparer(Tol).For("results/index_ranks_by_aggregation.csv");
        foreach (var (name, norm, agg) in variants)
        {
            var result = CompiledIndex.Compile(AsemData.Definition(steps, norm, agg)).Evaluate(AsemData.Panel);
            foreach (var row in expected.Rows)
            {
                cmp.Value(Table.Number(row[$"Index_{name}"]), result.GetScore("Index", row["uCode"], AsemData.Period), $"{row["uCode"]}/Index_{name}");
                cmp.Equal(int.Parse(row[$"Rank_{name}"], CultureInfo.InvariantCulture), result.GetRank("Index", row["uCode"], AsemData.Period), $"{row["uCode"]}/Rank_{name}");
            }
        }

        cmp.AssertAll(51 * 8);
    }

    public static TheoryData<string> AggregateFiles =>
    [
        "amean_0_100.csv", "amean_0_100_weights_alt.csv", "normalised_1_100.csv", "amean_1_100.csv", "gmean_1_100.csv", "hmean_1_100.csv",
        "genmean_p2_1_100.csv", "genmean_pm1_1_100.csv", "genmean_p0.5_1_100.csv", "mixed_amean_gmean_amean_1_100.csv",
    ];

    [SharedDataTheory(AsemData.Folder)]
    [MemberData(nameof(AggregateFiles))]
    public void Evaluate_AggregationVariant_MatchesCoinrWithin1e9(string file)
    {
        var oneTo100 = file.EndsWith("_1_100.csv", StringComparison.Ordinal);
        var norm = oneTo100 ? Normalization.MinMax(1, 100) : Normalization.MinMax(0, 100);
        AggregationMethod agg = file switch
        {
            _ when file.StartsWith("gmean", StringComparison.Ordinal) => Aggregation.Geometric(),
            _ when file.StartsWith("hmean", StringComparison.Ordinal) => Aggregation.Harmonic(),
            _ when file.StartsWith("genmean_p2_", StringComparison.Ordinal) => Aggregation.PowerMean(2),
            _ when file.StartsWith("genmean_pm1_", StringComparison.Ordinal) => Aggregation.PowerMean(-1),
            _ when file.StartsWith("genmean_p0.5_", StringComparison.Ordinal) => Aggregation.PowerMean(0.5),
            _ => Aggregation.Arithmetic(),
        };
        var weights = file.Contains("weights_alt", StringComparison.Ordinal) ? AsemData.ReadWeights(Path("aggregate", "weights_alt.csv")) : null;
        var byLevel = file.StartsWith("mixed", StringComparison.Ordinal)
            ? new Dictionary<int, AggregationMethod> { [2] = Aggregation.Arithmetic(), [3] = Aggregation.Geometric(), [4] = Aggregation.Arithmetic() }
            : null;
        var result = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps(), norm, agg, weights, byLevel)).Evaluate(AsemData.Panel);
        var expected = Table.Read(Path("aggregate", file));
        var cmp = new Comparer(Tol);
        cmp.Table(expected, (unit, node) => result.GetScore(node, unit, AsemData.Period), file);
        cmp.AssertAll(51 * (expected.Header.Count - 1));
        Assert.True(expected.Header.Count - 1 is 49 or 60);
    }

    /// <summary>
    /// The input <c>aggregate/weights_alt.csv</c> follows the rule the README states (weight 2 for the first indicator
    /// of each pillar, in COINr's alphabetical lineage order, and for Conn; every other weight as in the definition),
    /// so <c>amean_0_100_weights_alt.csv</c> is compared with the weights it was made with. 60 weights, exactly.
    /// </summary>
    [SharedDataFact(AsemData.Folder)]
    public void WeightsAlt_Input_FollowsTheVignetteRule()
    {
        var definition = AsemData.Definition();
        var pillars = definition.Groups.Where(g => g.Children.All(c => definition.Indicators.Any(i => i.Id == c.Id)));
        var doubled = pillars.Select(g => g.Children.Select(c => c.Id).Order(StringComparer.Ordinal).First()).Append("Conn").ToHashSet(StringComparer.Ordinal);
        var weights = definition.Groups.SelectMany(g => g.Children).ToDictionary(c => c.Id, c => c.Weight, StringComparer.Ordinal);
        weights["Index"] = 1; // the root has no weight in a definition; COINr's weight table gives it iMeta's 1
        var expected = Table.Read(Path("aggregate", "weights_alt.csv"));
        var cmp = new Comparer(0).For("aggregate/weights_alt.csv");
        foreach (var row in expected.Rows)
        {
            cmp.Value(Table.Number(row["Weight"]), doubled.Contains(row["iCode"]) ? 2 * weights[row["iCode"]] : weights[row["iCode"]], $"weights_alt {row["iCode"]}");
        }

        cmp.AssertAll(60);
        Assert.Equal(9, doubled.Count);
    }
}
