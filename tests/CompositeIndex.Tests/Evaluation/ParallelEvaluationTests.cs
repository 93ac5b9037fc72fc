using System.Globalization;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>
/// Issue #22: evaluation spreads normalisation (one indicator per work item) and aggregation (blocks of cells) over
/// threads, sums complete arithmetic groups column by column, and can evaluate into a reused buffer. None of this may
/// change a single bit of any score, rank, contribution, parameter or audit entry.
/// </summary>
public class ParallelEvaluationTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Evaluate_AnyDegreeOfParallelism_BitIdentical(int seed)
    {
        var (definition, panel) = RandomCase(seed);
        var index = CompiledIndex.Compile(definition);
        var one = index.Evaluate(panel, null, 1);
        var compared = 0;
        foreach (var threads in new[] { 2, 8 })
        {
            var many = index.Evaluate(panel, null, threads);
            compared += AssertSameResult(one, many);
        }

        // nodes × periods × units scores and ranks, twice; contributions of every unit and period.
        Assert.True(compared > 2 * index.Nodes.Length * panel.Periods.Length * panel.Units.Length, $"compared {compared}");
        Assert.NotEmpty(one.Audit); // the random cases exercise the per-cell path (missing children, out-of-domain values)
    }

    [Fact]
    public void Evaluate_CompleteArithmeticGroups_EqualTheFormulaCellByCell()
    {
        // An oracle written out here: min-max [1, 100] per period, then Σ w·x / Σ w over present children, summed in child
        // order (the published formula, OECD/JRC Handbook 2008 §6.1); equal bit for bit at 1 and 2 threads.
        var rng = new Random(11);
        const int units = 700;
        const int indicators = 6;
        var b = IndexBuilder.Create("o", "Oracle").Normalize(Normalization.MinMax(1, 100));
        double[] weights = [1, 2, 3, 0.5, 1.5, 2.5];
        for (var i = 0; i < indicators; i++)
        {
            b.Indicator($"i{i}");
        }

        b.Group("root", g => { for (var i = 0; i < indicators; i++) { g.Add($"i{i}", weights[i]); } });
        var pb = new PanelBuilder();
        var raw = new double[indicators, units];
        for (var j = 0; j < units; j++)
        {
            for (var i = 0; i < indicators; i++)
            {
                raw[i, j] = rng.NextDouble() < 0.05 ? double.NaN : rng.NextDouble() * 50;
                pb.AddValue($"i{i}", $"u{j}", "2024", raw[i, j]);
            }
        }

        var panel = pb.Build();
        var index = CompiledIndex.Compile(b.Build());
        foreach (var threads in new[] { 1, 2 })
        {
            var result = index.Evaluate(panel, null, threads);
            var scores = result.GetScores("root", "2024").Span;
            var compared = 0;
            for (var j = 0; j < units; j++)
            {
                var u = panel.Units.IndexOf($"u{j}");
                double total = 0;
                for (var i = 0; i < indicators; i++)
                {
                    if (!double.IsNaN(raw[i, j]))
                    {
                        total += weights[i];
                    }
                }

                double sum = 0;
                for (var i = 0; i < indicators; i++)
                {
                    if (!double.IsNaN(raw[i, j]))
                    {
                        sum += weights[i] / total * MinMax(raw, i, j, units);
                    }
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(scores[u]));
                compared++;
            }

            Assert.Equal(units, compared);
        }
    }

    [Fact]
    public void EvaluateInto_ReusedBuffer_EqualsFreshEvaluation_AndAllocatesNothingTheSecondTime()
    {
        // Fixed goalposts (nothing fitted): the second and later evaluations into the buffer allocate nothing at all.
        var (definition, panel) = RandomCase(7, geometric: false);
        definition = definition with { Normalization = Normalization.Goalposts(0, 1000) };
        var allocations = AssertBufferEqualsFresh(definition, panel);
        Assert.True(allocations.All(a => a == 0), $"allocated per evaluation: {string.Join(", ", allocations)} B");
    }

    [Fact]
    public void EvaluateInto_FittedNormalization_AllocatesPerIndicatorAndPeriodOnly()
    {
        // Data-fitted min-max: its typed fit allocates one small parameter record (and its named values) per indicator and
        // period, never per value: well under 256 B per indicator and period.
        var (definition, panel) = RandomCase(7, geometric: false);
        var allocations = AssertBufferEqualsFresh(definition, panel);
        var bound = 256L * definition.Indicators.Length * panel.Periods.Length;
        Assert.True(allocations.All(a => a < bound), $"allocated per evaluation: {string.Join(", ", allocations)} B (bound {bound} B)");
    }

    /// <summary>Evaluates into a buffer 67 times, compares every score and rank with a fresh evaluation, returns the bytes allocated by each of the last 6.</summary>
    internal static List<long> AssertBufferEqualsFresh(IndexDefinition definition, Panel panel, int threads = 1, Func<long>? allocated = null)
    {
        allocated ??= GC.GetAllocatedBytesForCurrentThread;
        var index = CompiledIndex.Compile(definition);
        var fresh = index.Evaluate(panel);
        var buffer = new EvaluationBuffer { MaxDegreeOfParallelism = threads };
        Assert.False(buffer.HasScores);
        index.EvaluateInto(panel, buffer);
        for (var k = 0; k < 60; k++)
        {
            // Past tiered compilation's call-count threshold (30): the runtime's one-off allocations when it installs
            // optimised code are not the evaluation's.
            index.EvaluateInto(panel, buffer);
        }

        Thread.Sleep(200); // let the background tier-1 compilation finish
        var allocations = new List<long>();
        for (var k = 0; k < 6; k++)
        {
            var before = allocated();
            index.EvaluateInto(panel, buffer);
            allocations.Add(allocated() - before);
        }

        var compared = 0;
        foreach (var node in index.NodeIds)
        {
            foreach (var period in panel.Periods)
            {
                var expected = fresh.GetScores(node, period).Span;
                var actual = buffer.GetScores(node, period).Span;
                Assert.Equal(expected.Length, actual.Length);
                for (var j = 0; j < expected.Length; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[j]), BitConverter.DoubleToInt64Bits(actual[j]));
                    compared++;
                }

                Assert.Equal(fresh.GetRanks(node, period).AsEnumerable(), buffer.GetRanks(node, period).AsEnumerable());
            }
        }

        Assert.Equal(index.Nodes.Length * panel.Periods.Length * panel.Units.Length, compared);
        Assert.Equal(fresh.GetScore(index.RootId, "u3", panel.Periods[0]), buffer.GetScore(index.RootId, "u3", panel.Periods[0]));
        return allocations;
    }

    [Fact]
    public void EvaluateInto_OtherPanelAndParallel_EqualsFreshEvaluation()
    {
        var (definition, panel) = RandomCase(8);
        // Other data for the same indicators: every value scaled, every 13th value missing.
        var values = panel.RawValues.Select((v, k) => k % 13 == 0 ? double.NaN : v * 1.5).ToArray();
        var other = new Panel(panel.UnitInfo, panel.Periods, panel.Indicators, values);
        var index = CompiledIndex.Compile(definition);
        var buffer = new EvaluationBuffer { MaxDegreeOfParallelism = 2 };
        index.EvaluateInto(panel, buffer);
        foreach (var data in new[] { other, panel })
        {
            index.EvaluateInto(data, buffer);
            var fresh = index.Evaluate(data);
            Assert.Equal(data.UnitInfo, buffer.Units);
            foreach (var node in index.NodeIds)
            {
                foreach (var period in data.Periods)
                {
                    Assert.True(fresh.GetScores(node, period).Span.SequenceEqual(buffer.GetScores(node, period).Span), $"{node} {period}");
                }
            }
        }
    }

    [Fact]
    public void EvaluateInto_FailingEvaluation_LeavesNoScores()
    {
        var definition = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.MinMax())
            .Build();
        var panel = new PanelBuilder().AddValue("a", "x", "1", 1).AddValue("a", "y", "1", 2).AddValue("b", "x", "1", 3).AddValue("b", "y", "1", 4).Build();
        var buffer = new EvaluationBuffer();
        Assert.Throws<NumericalException>(() => CompiledIndex.Compile(definition).EvaluateInto(panel, buffer));
        Assert.False(buffer.HasScores);
        Assert.Throws<InvalidOperationException>(() => buffer.GetScore("root", "x", "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationBuffer { MaxDegreeOfParallelism = 0 });
    }

    [Fact]
    public void Evaluate_ErrorInSeveralBlocks_ThrowsTheFirstInCellOrder_AtAnyDegree()
    {
        // A geometric group meets zeros (min-max to [0, 100]) in many units: the error names the first unit, whatever the threads.
        var b = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.MinMax());
        var pb = new PanelBuilder();
        for (var j = 0; j < 2000; j++)
        {
            pb.AddValue("a", $"u{j}", "1", j % 7).AddValue("b", $"u{j}", "1", j % 5);
        }

        var index = CompiledIndex.Compile(b.Build());
        var panel = pb.Build();
        var errors = new[] { 1, 2, 8 }.Select(t => Assert.Throws<NumericalException>(() => index.Evaluate(panel, null, t))).ToList();
        Assert.Equal("u0", errors[0].UnitId);
        Assert.All(errors, e => Assert.Equal(errors[0].Message, e.Message));
    }

    private static double MinMax(double[,] raw, int i, int j, int units)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var k = 0; k < units; k++)
        {
            var v = raw[i, k];
            if (!double.IsNaN(v))
            {
                min = v < min ? v : min;
                max = v > max ? v : max;
            }
        }

        return 1 + ((raw[i, j] - min) * ((100.0 - 1) / (max - min)));
    }

    /// <summary>Compares every score and rank (bits) and every contribution; returns how many values were compared.</summary>
    private static int AssertSameResult(IndexResult expected, IndexResult actual)
    {
        var compared = 0;
        foreach (var node in expected.NodeIds)
        {
            foreach (var period in expected.Periods)
            {
                var e = expected.GetScores(node, period).Span;
                var a = actual.GetScores(node, period).Span;
                for (var j = 0; j < e.Length; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(e[j]), BitConverter.DoubleToInt64Bits(a[j]));
                }

                Assert.Equal(expected.GetRanks(node, period).AsEnumerable(), actual.GetRanks(node, period).AsEnumerable());
                compared += 2 * e.Length;
            }
        }

        foreach (var unit in expected.Units)
        {
            foreach (var period in expected.Periods)
            {
                Assert.Equal(expected.ExplainScore(expected.RootId, unit.Id, period).Select(Key), actual.ExplainScore(actual.RootId, unit.Id, period).Select(Key));
                compared++;
            }
        }

        Assert.Equal(expected.Parameters.AsEnumerable(), actual.Parameters.AsEnumerable());
        Assert.Equal(expected.Audit.Select(a => (a.Step, a.NodeId, a.UnitId, a.Period, a.Message)), actual.Audit.Select(a => (a.Step, a.NodeId, a.UnitId, a.Period, a.Message)));
        Assert.Equal(expected.Weights.Select(Key), actual.Weights.Select(Key));
        return compared;

        // Result types are classes (reference equality): compare their values, doubles bit for bit.
        static string Key(object item) => item switch
        {
            Contribution c => $"{c.NodeId}|{c.ParentId}|{c.IsIndicator}|{c.Depth}|{Bits(c.Score)}|{Bits(c.Weight)}|{Bits(c.Share)}|{Bits(c.ToParent)}|{Bits(c.ToTarget)}",
            WeightingReport w => $"{w.GroupId}|{w.MethodName}|{string.Join(",", w.ChildIds)}|{string.Join(",", w.Weights.Select(Bits))}|{w.Derivation}|{w.UnitId}|{w.Period}|{string.Join(",", w.Diagnostics)}",
            _ => throw new ArgumentException(item.GetType().Name, nameof(item)),
        };

        static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
    }

    /// <summary>
    /// A random index and panel with gaps: pillars of 2–6 indicators, arithmetic or geometric (z-scores below zero treated
    /// as missing, with an audit entry each), minimum shares and propagation, 1–3 periods, 150–400 units, 10 % missing.
    /// </summary>
    internal static (IndexDefinition Definition, Panel Panel) RandomCase(int seed, bool geometric = true)
    {
        var rng = new Random(seed);
        var units = rng.Next(150, 400);
        var periods = rng.Next(1, 4);
        var pillars = rng.Next(3, 7);
        var b = IndexBuilder.Create("r", "Random").Normalize(Normalization.MinMax(1, 100));
        var indicatorIds = new List<string>();
        var pillarIds = new List<string>();
        for (var p = 0; p < pillars; p++)
        {
            var size = rng.Next(2, 7);
            var ids = Enumerable.Range(0, size).Select(i => $"p{p}i{i}").ToList();
            var isGeometric = geometric && p % 3 == 1;
            foreach (var id in ids)
            {
                var negative = rng.Next(4) == 0;
                b.Indicator(id, x =>
                {
                    if (negative)
                    {
                        x.LowerIsBetter();
                    }

                    if (isGeometric)
                    {
                        x.Normalize(Normalization.ZScore(0.5, 1));
                    }
                });
            }

            indicatorIds.AddRange(ids);
            var weights = ids.Select(_ => Math.Round(0.5 + (rng.NextDouble() * 3), 2)).ToList();
            var policy = (p % 3) switch
            {
                0 => MissingData.Renormalize(0.5),
                1 => MissingData.Renormalize() with { OutOfDomainAsMissing = true },
                _ => (MissingDataPolicy)MissingData.Propagate(),
            };
            b.Group($"p{p}", g =>
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    g.Add(ids[i], weights[i]);
                }

                g.MissingData(policy);
                if (isGeometric)
                {
                    g.Aggregate(Aggregation.Geometric());
                }
            });
            pillarIds.Add($"p{p}");
        }

        b.Group("index", g =>
        {
            foreach (var id in pillarIds)
            {
                g.Add(id, 1 + rng.Next(3));
            }
        });
        var pb = new PanelBuilder();
        for (var t = 0; t < periods; t++)
        {
            for (var j = 0; j < units; j++)
            {
                foreach (var id in indicatorIds)
                {
                    pb.AddValue(id, $"u{j}", (2020 + t).ToString(CultureInfo.InvariantCulture), rng.NextDouble() < 0.1 ? double.NaN : Math.Round(rng.NextDouble() * 1000, rng.Next(0, 4)));
                }
            }
        }

        return (b.Build(), pb.Build());
    }
}

/// <summary>
/// Evaluation into a buffer on two threads allocates nothing in steady state: the fork/join is the buffer's own (helpers
/// are thread-pool work items, no task or closure per loop). Measured with the process-wide allocation counter (the helper
/// thread allocates too), so this class runs alone.
/// </summary>
[Collection(nameof(AllocationCollection))]
public class ParallelAllocationTests
{
    [Fact]
    public void EvaluateInto_TwoThreads_FixedGoalposts_AllocatesNothingTheSecondTime()
    {
        var (definition, panel) = ParallelEvaluationTests.RandomCase(7, geometric: false);
        definition = definition with { Normalization = Normalization.Goalposts(0, 1000) };
        var caller = ParallelEvaluationTests.AssertBufferEqualsFresh(definition, panel, threads: 2);
        Assert.True(caller.All(a => a == 0), $"allocated on the calling thread per evaluation: {string.Join(", ", caller)} B");

        // Process-wide: the minimum over 6 evaluations (a stray allocation of the test host's own threads can land in one
        // of them; the old Parallel.For allocated in every one).
        var all = ParallelEvaluationTests.AssertBufferEqualsFresh(definition, panel, threads: 2, allocated: () => GC.GetTotalAllocatedBytes(precise: true));
        Assert.True(all.Min() == 0, $"allocated in the process per evaluation: {string.Join(", ", all)} B");
    }
}

/// <summary>Tests that read process-wide counters: run after, not alongside, the others.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public class AllocationCollection
{
}
