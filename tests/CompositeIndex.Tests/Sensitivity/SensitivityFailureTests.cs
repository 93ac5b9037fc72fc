using System.Text.Json;
using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Runs that cannot be evaluated: <see cref="FailurePolicy.Stop"/> names them, <see cref="FailurePolicy.Record"/> lists and excludes them.</summary>
public class SensitivityFailureTests
{
    // z-scores are negative for units below the mean, so a geometric root mean of z-scored groups fails (non-positive value).
    private static readonly IndexDefinition Index = SensitivityFixtures.Index() with { Normalization = Normalization.ZScore() };

    // 20 given runs; the aggregation factor picks geometric (level 1) in runs 3 and 17 only: 10 % of the runs fail.
    private static readonly int[] FailingRuns = [3, 17];

    private static SensitivityBuilder TenPercentFailing(FailurePolicy policy, IEnumerable<int> runs)
    {
        var rows = runs.Select(r => new[] { FailingRuns.Contains(r) ? 1 : 0, r % 3 }).ToArray();
        return SensitivityBuilder.For(Index)
            .ChooseAggregation("root", Aggregation.Arithmetic(), Aggregation.Geometric())
            .AlternativeWeights("root", new Dictionary<string, double> { ["g0"] = 2 }, new Dictionary<string, double> { ["g1"] = 2 }, new Dictionary<string, double> { ["g2"] = 2 })
            .Given(rows)
            .OnFailure(policy);
    }

    [Fact]
    public void Run_StopPolicy_ThrowsNamingTheFirstFailingRunAndItsLevels()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var analysis = TenPercentFailing(FailurePolicy.Stop, Enumerable.Range(0, 20)).Build();

        var ex = Assert.Throws<SensitivityRunException>(() => SensitivityAnalysis.Run(Index, panel, analysis));

        Assert.Equal(3, ex.Failure.Run);
        Assert.Equal("given", ex.Failure.Block);
        Assert.Equal(1, ex.Failure.Levels[0].Level);
        Assert.Equal("geometric (level 1 of 2)", ex.Failure.Levels[0].Description);
        Assert.Equal(0, ex.Failure.Levels[1].Level); // run 3: weight set 3 % 3 = 0
        Assert.IsType<NumericalException>(ex.InnerException);
        Assert.Contains("run 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("aggregation(root) = geometric (level 1 of 2)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("onFailure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RecordPolicy_ListsExactlyTheFailingRunsAndExcludesThemFromRankIntervals()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var analysis = TenPercentFailing(FailurePolicy.Record, Enumerable.Range(0, 20)).Build();

        var result = SensitivityAnalysis.Run(Index, panel, analysis, new SensitivityOptions { KeepReplicates = true });

        Assert.Equal(FailingRuns, result.FailedRuns.Select(f => f.Run).ToArray());
        Assert.Equal(18, result.SucceededRuns);
        Assert.All(result.FailedRuns, f =>
        {
            Assert.Equal("geometric (level 1 of 2)", f.Levels[0].Description);
            Assert.Equal($"weight set {f.Run % 3} (level {f.Run % 3} of 3)", f.Levels[1].Description);
            Assert.Contains("geometric", f.Error, StringComparison.OrdinalIgnoreCase);
        });

        // The rank intervals equal those of the 18 runs that succeed, run alone.
        var succeeding = TenPercentFailing(FailurePolicy.Stop, Enumerable.Range(0, 20).Where(r => !FailingRuns.Contains(r))).Build();
        var clean = SensitivityAnalysis.Run(Index, panel, succeeding);
        Assert.Equal(clean.RankIntervals.Length, result.RankIntervals.Length);
        Assert.All(result.RankIntervals, r => Assert.Equal(18, r.RankedRuns + r.MissingCount));
        SensitivityRunnerTests.AssertSameIntervals(clean.RankIntervals, result.RankIntervals);

        // The per-run table keeps the failed runs' levels and no scores.
        Assert.Equal(1.0, result.Replicates!.GetFactorValues(17).Span[0]);
        Assert.All(result.Replicates.GetScores(17, 0).ToArray(), s => Assert.True(double.IsNaN(s)));
    }

    [Fact]
    public void Run_RecordPolicyMonteCarlo_FailedRunsAreThoseWithTheFailingLevel()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var ten = Enumerable.Repeat<AggregationMethod>(Aggregation.Arithmetic(), 9).Append(Aggregation.Geometric()).ToArray();
        var analysis = SensitivityBuilder.For(Index).ChooseAggregation("root", ten).PerturbWeights("g0", 0.2).MonteCarlo(400).Seed(11).OnFailure(FailurePolicy.Record).Build();

        var result = SensitivityAnalysis.Run(Index, panel, analysis, new SensitivityOptions { KeepReplicates = true });

        var expected = Enumerable.Range(0, 400).Where(r => result.Replicates!.GetFactorValues(r).Span[0] == 9).ToArray();
        Assert.InRange(expected.Length, 25, 55); // about 10 % of 400
        Assert.Equal(expected, result.FailedRuns.Select(f => f.Run).ToArray());
        Assert.All(result.RankIntervals, r => Assert.Equal(400 - expected.Length, r.RankedRuns + r.MissingCount));
    }

    [Fact]
    public void Run_RecordPolicySaltelliWithFailingABRuns_IndicesUnavailableWithReason()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var ten = Enumerable.Repeat<AggregationMethod>(Aggregation.Arithmetic(), 9).Append(Aggregation.Geometric()).ToArray();
        var analysis = SensitivityBuilder.For(Index).ChooseAggregation("root", ten).PerturbWeights("g0", 0.2).Saltelli(64).Seed(3).OnFailure(FailurePolicy.Record).Build();

        var result = SensitivityAnalysis.Run(Index, panel, analysis);

        Assert.NotEmpty(result.FailedRuns);
        Assert.All(result.Sensitivities, s =>
        {
            Assert.All(s.Factors, f => Assert.True(double.IsNaN(f.S1) && double.IsNaN(f.ST)));
            Assert.Contains("runs of the A and B matrices failed", s.Unavailable, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Run_RecordPolicyNoFailure_SameResultAsStop()
    {
        var panel = SensitivityFixtures.Panel(SensitivityFixtures.Index());
        var b = SensitivityBuilder.For(SensitivityFixtures.Index()).ChooseAggregation("root", Aggregation.Arithmetic(), Aggregation.Geometric()).PerturbWeights("g0", 0.2).Saltelli(32).Seed(5);
        var analysis = b.Build();
        var stop = SensitivityAnalysis.Run(SensitivityFixtures.Index(), panel, analysis);
        var record = SensitivityAnalysis.Run(SensitivityFixtures.Index(), panel, analysis with { OnFailure = FailurePolicy.Record });

        Assert.Empty(record.FailedRuns);
        SensitivityRunnerTests.AssertSameIntervals(stop.RankIntervals, record.RankIntervals);
        SensitivityRunnerTests.AssertSameFactors(stop.Sensitivities[0].Factors, record.Sensitivities[0].Factors);
        Assert.Null(record.Sensitivities[0].Unavailable);
    }

    [Fact]
    public void Json_OnFailure_RoundTripsAndRejectsUnknownPolicy()
    {
        var options = IndexDefinitionSerializer.Default.Options;
        var read = JsonSerializer.Deserialize<SensitivityDefinition>("""{"factors":[],"onFailure":"record"}""", options)!;
        Assert.Equal(FailurePolicy.Record, read.OnFailure);
        Assert.Contains("\"onFailure\":\"record\"", JsonSerializer.Serialize(read, options), StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SensitivityDefinition>("""{"onFailure":"ignore"}""", options));
    }

    [Fact]
    public void WriteJson_RecordedFailures_ListsRunsLevelsAndErrors()
    {
        var panel = SensitivityFixtures.Panel(Index);
        var result = SensitivityAnalysis.Run(Index, panel, TenPercentFailing(FailurePolicy.Record, Enumerable.Range(0, 20)).Build());
        using var stream = new MemoryStream();
        result.WriteJson(stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("record", root.GetProperty("onFailure").GetString());
        Assert.Equal(2, root.GetProperty("failedRunCount").GetInt32());
        var failed = root.GetProperty("failedRuns").EnumerateArray().ToArray();
        Assert.Equal([3, 17], failed.Select(f => f.GetProperty("run").GetInt32()));
        Assert.Equal(1, failed[0].GetProperty("levels")[0].GetProperty("level").GetInt32());
    }
}
