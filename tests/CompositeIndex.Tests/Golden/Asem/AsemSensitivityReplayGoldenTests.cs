using System.Globalization;
using MathNet.Numerics.Statistics;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// Replays COINr's uncertainty analysis of the sensitivity vignette (expected/sensitivity/): the 100 replicates'
/// decoded choices (winmax 1–5, min-max [1, 100] or z-score (10, 2), arithmetic or geometric mean, one of 100 noisy
/// weight sets) are turned into definition variants and evaluated with our engine. Scores to a relative tolerance of
/// 1e-9, ranks and rank statistics exactly (R quantile type 7 = MathNet's R7 definition).
/// </summary>
public class AsemSensitivityReplayGoldenTests
{
    private static string Path(string file) => SharedData.PathOf(AsemData.Folder, "expected", "sensitivity", file);

    [SharedDataFact(AsemData.Folder)]
    public void Replay_UncertaintySample_ReproducesScoresRanksAndRankStatistics()
    {
        var sample = Table.Read(Path("ua_sample.csv"));
        var weightSets = Table.Read(Path("ua_noisy_weights.csv")).Rows
            .GroupBy(r => int.Parse(r["set"], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r["iCode"], r => Table.Number(r["Weight"]), StringComparer.Ordinal));
        var scores = Table.Read(Path("ua_scores.csv"));
        var ranks = Table.Read(Path("ua_ranks.csv"));
        var period = AsemData.Period;
        var cmp = new Comparer(1e-9);
        var replicateRanks = scores.Rows.ToDictionary(r => r["uCode"], _ => new List<double>());

        var nominal = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps())).Evaluate(AsemData.Panel);
        foreach (var row in scores.Rows)
        {
            cmp.Value(Table.Number(row["Nominal"]), nominal.GetScore("Index", row["uCode"], period), $"Nominal score {row["uCode"]}");
        }

        foreach (var rep in sample.Rows)
        {
            var k = rep["rep"];
            var winmax = int.Parse(rep["Winmax"], CultureInfo.InvariantCulture);
            NormalizationMethod norm = rep["Normalisation"] switch
            {
                "n_minmax(1,100)" => Normalization.MinMax(1, 100),
                "n_zscore(10,2)" => Normalization.ZScore(10, 2),
                var other => throw new InvalidOperationException(other),
            };
            AggregationMethod agg = rep["Aggregation"] == "a_gmean" ? Aggregation.Geometric() : Aggregation.Arithmetic();
            var weights = weightSets[int.Parse(rep["Weights_index"], CultureInfo.InvariantCulture)];
            var result = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps(winmax), norm, agg, weights)).Evaluate(AsemData.Panel);
            foreach (var row in scores.Rows)
            {
                var unit = row["uCode"];
                cmp.Value(Table.Number(row[$"r_{k}"]), result.GetScore("Index", unit, period), $"score {unit} r_{k}");
                var rank = result.GetRank("Index", unit, period);
                cmp.Equal(ranks.Row("uCode", unit)[$"r_{k}"], rank?.ToString(CultureInfo.InvariantCulture), $"rank {unit} r_{k}");
                replicateRanks[unit].Add(rank!.Value);
            }
        }

        var stats = Table.Read(Path("ua_rankstats.csv"));
        foreach (var row in stats.Rows)
        {
            var unit = row["uCode"];
            var r = replicateRanks[unit].ToArray();
            cmp.Equal(row["Nominal"], nominal.GetRank("Index", unit, period)?.ToString(CultureInfo.InvariantCulture), $"nominal rank {unit}");
            cmp.Value(Table.Number(row["Mean"]), r.Mean(), $"mean rank {unit}");
            cmp.Value(Table.Number(row["Median"]), r.QuantileCustom(0.5, QuantileDefinition.R7), $"median rank {unit}");
            cmp.Value(Table.Number(row["Q5"]), r.QuantileCustom(0.05, QuantileDefinition.R7), $"Q5 rank {unit}");
            cmp.Value(Table.Number(row["Q95"]), r.QuantileCustom(0.95, QuantileDefinition.R7), $"Q95 rank {unit}");
        }

        cmp.AssertAll((51 * 1) + (51 * 100 * 2) + (51 * 5));
    }
}
