using System.Collections.Immutable;
using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity;

public class SensitivityRunnerTests
{
    private static SensitivityDefinition Mixed(IndexDefinition index, SamplingScheme scheme, int samples, ulong seed = 11) =>
        new()
        {
            Factors =
            [
                new UniformWeightsFactor("g0", 0.3),
                new DirichletWeightsFactor("root", 20),
                new WeightSetsFactor("g1", [ImmutableSortedDictionary<string, double>.Empty.Add("i1_0", 3), ImmutableSortedDictionary<string, double>.Empty.Add("i1_2", 0)]),
                new NormalizationChoiceFactor(null, [Normalization.MinMax(1, 100), Normalization.ZScore(10, 2)]),
                new AggregationChoiceFactor("root", [Aggregation.Arithmetic(), Aggregation.Geometric()]),
                new IndicatorExclusionFactor([]),
            ],
            Scheme = scheme,
            Samples = samples,
            Seed = seed,
            Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift), new SensitivityOutput(OutputKind.Rank, "2021", "u03"), new SensitivityOutput(OutputKind.Score, "2020", "u05")],
        };

    /// <summary>Asserts two factor lists have the same names and bit-identical indices and half-widths.</summary>
    internal static void AssertSameFactors(IReadOnlyList<FactorSensitivity> a, IReadOnlyList<FactorSensitivity> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Factor, b[i].Factor);
            Assert.Equal(
                new[] { a[i].S1, a[i].S1Conf, a[i].ST, a[i].STConf }.Select(BitConverter.DoubleToInt64Bits),
                new[] { b[i].S1, b[i].S1Conf, b[i].ST, b[i].STConf }.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>Asserts two rank-interval lists have the same units, periods and counts and bit-identical doubles, in order.</summary>
    internal static void AssertSameIntervals(IReadOnlyList<RankInterval> a, IReadOnlyList<RankInterval> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(Value(a[i]), Value(b[i]));
        }

        static (string, string, int?, long, long, long, long, int?, int?, long, int, int) Value(RankInterval r) => (
            r.UnitId,
            r.Period,
            r.NominalRank,
            BitConverter.DoubleToInt64Bits(r.NominalScore),
            BitConverter.DoubleToInt64Bits(r.MedianRank),
            BitConverter.DoubleToInt64Bits(r.LowerRank),
            BitConverter.DoubleToInt64Bits(r.UpperRank),
            r.BestRank,
            r.WorstRank,
            BitConverter.DoubleToInt64Bits(r.MeanAbsoluteRankShift),
            r.RankedRuns,
            r.MissingCount);
    }

    /// <summary>Asserts two failed-run lists have the same runs, blocks, errors and factor levels (values bit for bit), in order.</summary>
    internal static void AssertSameFailures(IReadOnlyList<FailedRun> a, IReadOnlyList<FailedRun> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal((a[i].Run, a[i].Block, a[i].Error), (b[i].Run, b[i].Block, b[i].Error));
            Assert.Equal(a[i].Levels.Select(Value), b[i].Levels.Select(Value));
        }

        static (string, int?, long, string) Value(FactorLevel l) => (l.Factor, l.Level, BitConverter.DoubleToInt64Bits(l.Value), l.Description);
    }

    internal static void AssertBitIdentical(SensitivityResult a, SensitivityResult b)
    {
        AssertSameIntervals(a.RankIntervals, b.RankIntervals);

        Assert.Equal(a.Sensitivities.Length, b.Sensitivities.Length);
        for (var o = 0; o < a.Sensitivities.Length; o++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.Sensitivities[o].Variance), BitConverter.DoubleToInt64Bits(b.Sensitivities[o].Variance));
            AssertSameFactors(a.Sensitivities[o].Factors, b.Sensitivities[o].Factors);
            Assert.Equal(a.Sensitivities[o].SecondOrder.Length, b.Sensitivities[o].SecondOrder.Length);
            for (var p = 0; p < a.Sensitivities[o].SecondOrder.Length; p++)
            {
                var (x, y) = (a.Sensitivities[o].SecondOrder[p], b.Sensitivities[o].SecondOrder[p]);
                Assert.Equal((x.FirstFactor, x.SecondFactor), (y.FirstFactor, y.SecondFactor));
                Assert.Equal(BitConverter.DoubleToInt64Bits(x.S2), BitConverter.DoubleToInt64Bits(y.S2));
                Assert.Equal(BitConverter.DoubleToInt64Bits(x.S2Conf), BitConverter.DoubleToInt64Bits(y.S2Conf));
            }
        }

        AssertSameFailures(a.FailedRuns, b.FailedRuns);

        if (a.Replicates is not null)
        {
            for (var r = 0; r < a.RunCount; r++)
            {
                for (var t = 0; t < a.Periods.Length; t++)
                {
                    Assert.True(a.Replicates.GetScores(r, t).Span.SequenceEqual(b.Replicates!.GetScores(r, t).Span));
                    Assert.True(a.Replicates.GetRanks(r, t).SequenceEqual(b.Replicates.GetRanks(r, t)));
                }
            }
        }
    }

    [Fact]
    public void Run_PanelWithSomeUnitNames_UnitNamesFollowUnitsAndFallBackToIds()
    {
        var index = SensitivityFixtures.Index();
        var named = new PanelBuilder().AddUnit(new UnitInfo("u00", "Aldara")).AddUnit(new UnitInfo("u01", "Borvik"));
        foreach (var (unit, period, indicator, value) in Cells(SensitivityFixtures.Panel(index)))
        {
            named.AddValue(indicator, unit, period, value);
        }

        var result = SensitivityAnalysis.Run(index, named.Build(), Mixed(index, SamplingScheme.MonteCarlo, 8), new SensitivityOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(result.Units.Length, result.UnitNames.Length);
        Assert.Equal("Aldara", result.UnitNames[result.Units.IndexOf("u00")]);
        Assert.Equal("Borvik", result.UnitNames[result.Units.IndexOf("u01")]);
        Assert.Equal("u05", result.UnitNames[result.Units.IndexOf("u05")]);

        static IEnumerable<(string, string, string, double)> Cells(Panel p)
        {
            foreach (var unit in p.Units)
            {
                foreach (var period in p.Periods)
                {
                    foreach (var indicator in p.Indicators)
                    {
                        yield return (unit, period, indicator, p.GetValue(indicator, unit, period));
                    }
                }
            }
        }
    }

    [Fact]
    public void Run_Dop1VersusDop8_BitIdenticalResults()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Mixed(index, SamplingScheme.Saltelli, 64);
        var one = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 1, KeepReplicates = true });
        var eight = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 8, KeepReplicates = true });
        Assert.Equal(64 * 8, one.RunCount);
        AssertBitIdentical(one, eight);
        Assert.Contains(one.Sensitivities[0].Factors, f => f.ST > 0.01);
    }

    [Fact]
    public void Run_MonteCarloDop1VersusDop8_BitIdentical()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index, missingShare: 0.05);
        var analysis = Mixed(index, SamplingScheme.MonteCarlo, 300) with { Points = BasePoints.Sobol };
        AssertBitIdentical(
            SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 1 }),
            SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 8 }));
    }

    [Fact]
    public void RunShard_ThreeShardsMergedInAnyOrder_BitIdenticalToSingleRun()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Mixed(index, SamplingScheme.Saltelli, 32);
        var whole = SensitivityAnalysis.Run(index, panel, analysis);
        var parts = Enumerable.Range(0, 3).Select(i => SensitivityAnalysis.RunShard(index, panel, analysis, i, 3)).ToArray();
        AssertBitIdentical(whole, SensitivityAnalysis.Merge([parts[2], parts[0], parts[1]]));
        Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Merge([parts[0], parts[2]]));
        Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Merge([parts[0], parts[1], parts[1], parts[2]]));
    }

    [Fact]
    public void Run_ZeroPerturbation_EveryRankIntervalEqualsNominalRank()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index, missingShare: 0.1);
        var analysis = new SensitivityDefinition
        {
            Factors =
            [
                new UniformWeightsFactor("g0", 0),
                new UniformWeightsFactor("root", 0),
                new ParameterRangeFactor("i0_0", "normalization", "upper", 1, 1) { Relative = true },
            ],
            Scheme = SamplingScheme.Saltelli,
            Samples = 16,
        };
        var result = SensitivityAnalysis.Run(index, panel, analysis);
        var nominal = CompiledIndex.Compile(index).Evaluate(panel);
        foreach (var r in result.RankIntervals)
        {
            Assert.Equal(nominal.GetRank("root", r.UnitId, r.Period), r.NominalRank);
            if (r.NominalRank is { } n)
            {
                Assert.Equal(n, r.MedianRank);
                Assert.Equal(n, r.LowerRank);
                Assert.Equal(n, r.UpperRank);
                Assert.Equal(0, r.MeanAbsoluteRankShift);
                Assert.Equal(result.RunCount, r.RankedRuns);
            }
        }
    }

    [Fact]
    public void Variant_Reaggregation_BitIdenticalToCompiledIndexEvaluateWithWeights()
    {
        var index = SensitivityFixtures.Index(3, 4) with { Aggregation = Aggregation.Geometric() };
        var panel = SensitivityFixtures.Panel(index, units: 20, missingShare: 0.15);
        var plans = new[] { new FactorPlan(new UniformWeightsFactor("g1", 0.4), 0, index, 5), new FactorPlan(new UniformWeightsFactor("root", 0.4), 1, index, 5) };
        var variant = new Variant(index, panel, plans, "root", panel.Units, panel.Periods);
        Assert.True(variant.IsFast);
        var ws = new Workspace(2, 20, variant.MaxChildren, 2, plans);
        var rng = new Random(3);
        for (var rep = 0; rep < 20; rep++)
        {
            AssertReaggregationBitIdenticalToEngine(variant, ws, plans, panel, [rng.NextDouble(), rng.NextDouble()]);
        }
    }

    [Fact]
    public void Variant_CompleteDataOneFactorChangedAtATime_ReusedAndColumnwiseScoresBitIdenticalToEngine()
    {
        // Complete data takes the column-wise path (arithmetic and geometric), and a workspace keeps the scores of groups
        // whose inputs did not change since its previous evaluation. Alternate two variants and change one weight factor
        // at a time, as a Saltelli design does, and compare every evaluation with the engine's, bit for bit.
        var arithmetic = SensitivityFixtures.Index(3, 4);
        var geometric = arithmetic with { Aggregation = Aggregation.Geometric() };
        var panel = SensitivityFixtures.Panel(arithmetic, units: 21);
        var plans = new[] { new FactorPlan(new UniformWeightsFactor("g0", 0.4), 0, arithmetic, 5), new FactorPlan(new UniformWeightsFactor("g2", 0.4), 1, arithmetic, 5), new FactorPlan(new DirichletWeightsFactor("root", 10), 2, arithmetic, 5) };
        var ids = new ContentIds(); // shared, as a runner's variants share theirs: the workspace then reuses groups across the two
        var variants = new[] { new Variant(arithmetic, panel, plans, "root", panel.Units, panel.Periods, ids), new Variant(geometric, panel, plans, "root", panel.Units, panel.Periods, ids) };
        Assert.All(variants, v => Assert.True(v.IsFast));
        var ws = new Workspace(2, 21, variants.Max(v => v.MaxChildren), 3, plans);
        var rng = new Random(11);
        var u = new double[3];
        for (var rep = 0; rep < 60; rep++)
        {
            var variant = variants[(rep / 5) % 2];
            if (rep == 0 || rep % 3 == 0)
            {
                u[rng.Next(3)] = rng.NextDouble();
            }

            AssertReaggregationBitIdenticalToEngine(variant, ws, plans, panel, u);
        }
    }

    [Fact]
    public void Variant_OutOfDomainAsMissingUnderGeometricRoot_FastAndBitIdenticalToEngine()
    {
        // u0 is the minimum of both g0 indicators, so its g0 score is 0: outside the geometric root's domain. With
        // outOfDomainAsMissing the engine treats it as missing (root = g1 alone); re-aggregation must do the same.
        var index = IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d")
            .Group("g0", g => g.Add("a").Add("b"))
            .Group("g1", g => g.Add("c").Add("d", 2))
            .Group("root", g => g.Add("g0").Add("g1").Aggregate(Aggregation.Geometric()).MissingData(new RenormalizeWeights { OutOfDomainAsMissing = true }))
            .Build();
        var panel = new PanelBuilder()
            .AddValue("a", "u0", "2020", 1).AddValue("b", "u0", "2020", 2).AddValue("c", "u0", "2020", 5).AddValue("d", "u0", "2020", 7)
            .AddValue("a", "u1", "2020", 4).AddValue("b", "u1", "2020", 9).AddValue("c", "u1", "2020", 3).AddValue("d", "u1", "2020", 8)
            .AddValue("a", "u2", "2020", 6).AddValue("b", "u2", "2020", 5).AddValue("c", "u2", "2020", 9).AddValue("d", "u2", "2020", 2)
            .Build();
        var plans = new[] { new FactorPlan(new UniformWeightsFactor("g1", 0.5), 0, index, 5), new FactorPlan(new UniformWeightsFactor("root", 0.5), 1, index, 5) };
        var variant = new Variant(index, panel, plans, "root", panel.Units, panel.Periods);
        Assert.True(variant.IsFast);
        var ws = new Workspace(1, 3, variant.MaxChildren, 2, plans);
        var rng = new Random(5);
        for (var rep = 0; rep < 10; rep++)
        {
            AssertReaggregationBitIdenticalToEngine(variant, ws, plans, panel, [rng.NextDouble(), rng.NextDouble()]);
        }
    }

    [Fact]
    public void Variant_GeometricZerosMissing_SharedCellKernelFastAndBitIdenticalToEngine()
    {
        // Geometric root with zeros = missing: u0's g0 score is 0 (the minimum of both g0 indicators), so the engine's root
        // score for u0 is missing (the method returns missing) while u1 and u2 get scores. Re-aggregation uses the engine's
        // own cell kernel, so it agrees (NaN included) and stays on the fast path; before the kernel was shared, the
        // sensitivity copy threw on the missing score and the variant fell back to full evaluations.
        var index = IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d")
            .Group("g0", g => g.Add("a").Add("b"))
            .Group("g1", g => g.Add("c").Add("d", 2))
            .Group("root", g => g.Add("g0").Add("g1").Aggregate(new GeometricAggregation { Zeros = GeometricZeroPolicy.Missing }))
            .Build();
        var panel = new PanelBuilder()
            .AddValue("a", "u0", "2020", 1).AddValue("b", "u0", "2020", 2).AddValue("c", "u0", "2020", 5).AddValue("d", "u0", "2020", 7)
            .AddValue("a", "u1", "2020", 4).AddValue("b", "u1", "2020", 9).AddValue("c", "u1", "2020", 3).AddValue("d", "u1", "2020", 8)
            .AddValue("a", "u2", "2020", 6).AddValue("b", "u2", "2020", 5).AddValue("c", "u2", "2020", 9).AddValue("d", "u2", "2020", 2)
            .Build();
        var nominal = CompiledIndex.Compile(index).Evaluate(panel);
        Assert.True(double.IsNaN(nominal.GetScore("root", "u0", "2020")));
        Assert.False(double.IsNaN(nominal.GetScore("root", "u1", "2020")));
        var plans = new[] { new FactorPlan(new UniformWeightsFactor("g1", 0.5), 0, index, 5), new FactorPlan(new UniformWeightsFactor("root", 0.5), 1, index, 5) };
        var variant = new Variant(index, panel, plans, "root", panel.Units, panel.Periods);
        Assert.True(variant.IsFast);
        var ws = new Workspace(1, 3, variant.MaxChildren, 2, plans);
        var rng = new Random(7);
        for (var rep = 0; rep < 10; rep++)
        {
            AssertReaggregationBitIdenticalToEngine(variant, ws, plans, panel, [rng.NextDouble(), rng.NextDouble()]);
        }
    }

    /// <summary>
    /// Draws each plan's weights from its uniform <paramref name="u"/>, re-aggregates with <paramref name="variant"/> and
    /// evaluates the engine (<c>CompiledIndex.Evaluate(panel, weights)</c>) with the same weights; the root scores
    /// must be bit-identical in every period.
    /// </summary>
    private static void AssertReaggregationBitIdenticalToEngine(Variant variant, Workspace ws, FactorPlan[] plans, Panel panel, double[] u)
    {
        var fw = new double[]?[plans.Length];
        var byNode = new double[]?[variant.Compiled.Nodes.Length];
        for (var f = 0; f < plans.Length; f++)
        {
            fw[f] = new double[plans[f].ChildIds.Length];
            plans[f].FillWeights(u[f], fw[f]);
            byNode[variant.Compiled.NodeIndex[plans[f].Group!]] = fw[f];
        }

        var units = panel.Units.Length;
        var target = new double[panel.Periods.Length * units];
        variant.EvaluateTarget(ws, fw, target);
        var reference = variant.Compiled.Evaluate(panel, byNode);
        for (var t = 0; t < panel.Periods.Length; t++)
        {
            var expected = reference.GetScores("root", panel.Periods[t]).Span;
            for (var j = 0; j < units; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[j]), BitConverter.DoubleToInt64Bits(target[(t * units) + j]));
            }
        }
    }

    [Fact]
    public void Run_WeightSetsBetweenTwoDominantIndicators_RankIntervalsMatchHandCount()
    {
        // Root = weighted mean of a and b (min-max 0..100). Units: x (a=10,b=0), y (a=0,b=10), z (a=5,b=5).
        // Set 1: a only -> ranks x1 z2 y3; set 2: b only -> y1 z2 x3. Nominal (equal): all score 50 -> all rank 1.
        // 400 MC runs choose each set with probability 1/2: x's ranks are {1, 3}, median of that mix is 1 or 3 or 2.
        var index = IndexBuilder.Create("t", "t").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.MinMax()).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "x", "2020", 10).AddValue("b", "x", "2020", 0)
            .AddValue("a", "y", "2020", 0).AddValue("b", "y", "2020", 10)
            .AddValue("a", "z", "2020", 5).AddValue("b", "z", "2020", 5).Build();
        var analysis = SensitivityBuilder.For(index)
            .AlternativeWeights("root", new Dictionary<string, double> { ["a"] = 1, ["b"] = 0 }, new Dictionary<string, double> { ["a"] = 0, ["b"] = 1 })
            .MonteCarlo(400).Seed(0).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var table = result.Replicates!;
        var setA = Enumerable.Range(0, 400).Count(r => table.GetFactorValues(r).Span[0] == 0);
        Assert.InRange(setA, 150, 250);
        var x = result.GetRankInterval("x", "2020");
        Assert.Equal(1, x.NominalRank);
        Assert.Equal(1, x.BestRank);
        Assert.Equal(3, x.WorstRank);
        Assert.Equal(1, x.LowerRank);
        Assert.Equal(3, x.UpperRank);
        Assert.Equal((400 - setA) * 2 / 400.0, x.MeanAbsoluteRankShift, 12);
        var z = result.GetRankInterval("z", "2020");
        Assert.Equal(2, z.MedianRank);
        Assert.Equal(2, z.LowerRank);
        Assert.Equal(2, z.UpperRank);
        Assert.Equal(1, z.MeanAbsoluteRankShift);
        for (var r = 0; r < 400; r++)
        {
            var ranks = table.GetRanks(r, 0);
            Assert.Equal(table.GetFactorValues(r).Span[0] == 0 ? new int?[] { 1, 3, 2 } : new int?[] { 3, 1, 2 }, ranks.ToArray());
        }
    }

    [Fact]
    public void Replicates_UnitWithoutScoreInARun_HasNullRank_AndEmptyCsvCells()
    {
        // z has only b. Runs excluding b leave z without a score: ranks x 1, y 2, z null (never 0).
        // Runs keeping b: min-max a (x 100, y 0), b (x 0, y 100, z 80); the mean over present children gives
        // x 50, y 50, z 80 -> z 1, x 2, y 2 (competition ranks).
        var index = IndexBuilder.Create("t", "t").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.MinMax()).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "x", "2020", 10).AddValue("b", "x", "2020", 0)
            .AddValue("a", "y", "2020", 0).AddValue("b", "y", "2020", 10)
            .AddValue("b", "z", "2020", 8).Build();
        var analysis = SensitivityBuilder.For(index).ExcludeIndicators("b").MonteCarlo(40).Seed(3).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var table = result.Replicates!;
        Assert.Equal(["x", "y", "z"], table.Units.ToArray());
        var excludedRuns = 0;
        for (var r = 0; r < 40; r++)
        {
            var excluded = table.GetFactorValues(r).Span[0] == 1;
            excludedRuns += excluded ? 1 : 0;
            Assert.Equal(excluded ? new int?[] { 1, 2, null } : new int?[] { 2, 2, 1 }, table.GetRanks(r, 0).ToArray());
            Assert.Equal(excluded, double.IsNaN(table.GetScores(r, 0).Span[2]));
        }

        Assert.InRange(excludedRuns, 1, 39); // both levels drawn, so the null case was exercised
        Assert.Equal(excludedRuns, result.GetRankInterval("z", "2020").MissingCount);
        using var csv = new StringWriter();
        table.WriteCsv(csv);
        var zRows = csv.ToString().Split('\n').Where(l => l.Contains(",2020,z,", StringComparison.Ordinal)).ToArray();
        Assert.Equal(40, zRows.Length);
        Assert.Equal(excludedRuns, zRows.Count(l => l.EndsWith(",2020,z,,", StringComparison.Ordinal)));
        Assert.DoesNotContain(zRows, l => l.EndsWith(",0", StringComparison.Ordinal));
    }

    [Fact]
    public void Replicates_BlockLabelsFollowTheScheme()
    {
        var index = SensitivityFixtures.Index(2, 2);
        var panel = SensitivityFixtures.Panel(index, units: 6, periods: 1);
        var keep = new SensitivityOptions { KeepReplicates = true };
        var morris = SensitivityAnalysis.Run(index, panel, SensitivityBuilder.For(index).PerturbWeights("g0", 0.3).PerturbWeights("g1", 0.3).Morris(3).Seed(5).Build(), keep).Replicates!;
        Assert.Equal(9, morris.RunCount); // r (k + 1) = 3 x 3
        Assert.Equal(["T1.0", "T1.1", "T1.2", "T2.0", "T2.1", "T2.2", "T3.0", "T3.1", "T3.2"], Enumerable.Range(0, 9).Select(morris.BlockOf).ToArray());
        var saltelli = SensitivityAnalysis.Run(index, panel, SensitivityBuilder.For(index).PerturbWeights("g0", 0.3).PerturbWeights("g1", 0.3).Saltelli(4).Seed(5).Build(), keep).Replicates!;
        Assert.Equal(["A", "AB1", "AB2", "B"], Enumerable.Range(0, 4).Select(saltelli.BlockOf).ToArray());
        var mc = SensitivityAnalysis.Run(index, panel, SensitivityBuilder.For(index).PerturbWeights("g0", 0.3).MonteCarlo(3).Build(), keep).Replicates!;
        Assert.All(Enumerable.Range(0, 3), r => Assert.Equal("MC", mc.BlockOf(r)));
        Assert.Throws<ArgumentOutOfRangeException>(() => mc.BlockOf(3));
    }

    [Fact]
    public void Run_ExcludeIndicator_VariantEqualsDefinitionWithoutIt()
    {
        var index = SensitivityFixtures.Index(2, 2);
        var panel = SensitivityFixtures.Panel(index, units: 8, periods: 1);
        var analysis = SensitivityBuilder.For(index).ExcludeIndicators("i0_1").MonteCarlo(50).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var without = IndexBuilder.Create("test", "Test index").Normalize(Normalization.MinMax(1, 100))
            .Indicator("i0_0").Indicator("i1_0").Indicator("i1_1", x => x.LowerIsBetter())
            .Group("g0", g => g.Add("i0_0", 1)).Group("g1", g => g.Add("i1_0", 1).Add("i1_1", 1.5))
            .Group("root", g => g.Add("g0").Add("g1")).Build();
        var expected = CompiledIndex.Compile(without).Evaluate(panel).GetScores("root", "2020").ToArray();
        var nominal = CompiledIndex.Compile(index).Evaluate(panel).GetScores("root", "2020").ToArray();
        var table = result.Replicates!;
        for (var r = 0; r < 50; r++)
        {
            var excluded = table.GetFactorValues(r).Span[0] == 1;
            Assert.Equal(excluded ? expected : nominal, table.GetScores(r, 0).ToArray());
        }
    }

    [Fact]
    public void Run_ParameterChoiceBasePeriod_UsesEachBasePeriod()
    {
        var index = IndexBuilder.Create("t", "t").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.RatioToBase("2020")).Build();
        var panel = SensitivityFixtures.Panel(index, units: 5, periods: 3);
        var analysis = SensitivityBuilder.For(index).ChooseParameter(null, "normalization", "basePeriod", "2020", "2021", "2022").MonteCarlo(30).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var table = result.Replicates!;
        for (var r = 0; r < 30; r++)
        {
            var basePeriod = (2020 + (int)table.GetFactorValues(r).Span[0]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reference = CompiledIndex.Compile(index with { Normalization = Normalization.RatioToBase(basePeriod) }).Evaluate(panel);
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(reference.GetScores("root", panel.Periods[t]).ToArray(), table.GetScores(r, t).ToArray());
            }
        }
    }

    [Fact]
    public void Run_StepToggleMissingData_OffUsesDefaultPolicy()
    {
        var index = SensitivityFixtures.Index(2, 2) with { MissingData = MissingData.Propagate() };
        var panel = SensitivityFixtures.Panel(index, units: 10, periods: 1, missingShare: 0.2);
        var analysis = SensitivityBuilder.For(index).ToggleStep("missingData").MonteCarlo(20).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var off = CompiledIndex.Compile(index with { MissingData = null }).Evaluate(panel).GetScores("root", "2020").ToArray();
        var on = CompiledIndex.Compile(index).Evaluate(panel).GetScores("root", "2020").ToArray();
        Assert.NotEqual(off.Count(double.IsNaN), on.Count(double.IsNaN));
        for (var r = 0; r < 20; r++)
        {
            Assert.Equal(result.Replicates!.GetFactorValues(r).Span[0] == 1 ? off : on, result.Replicates.GetScores(r, 0).ToArray());
        }
    }

    [Fact]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SensitivityAnalysis.Run(index, panel, Mixed(index, SamplingScheme.MonteCarlo, 500), cancellationToken: cts.Token));
    }

    [Fact]
    public void Run_CancelledMidRunFromProgress_ThrowsAndStopsEarly()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        using var cts = new CancellationTokenSource();
        var reports = new System.Collections.Concurrent.ConcurrentBag<SensitivityProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            cts.Cancel();
        });
        var options = new SensitivityOptions { Progress = progress, MaxDegreeOfParallelism = 1 };
        Assert.ThrowsAny<OperationCanceledException>(() => SensitivityAnalysis.Run(index, panel, Mixed(index, SamplingScheme.MonteCarlo, 500), options, cts.Token));
        Assert.Single(reports);
        Assert.True(reports.Single().CompletedRuns < 500);
    }

    [Fact]
    public void Run_Progress_ReportsAllRuns()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var reports = new System.Collections.Concurrent.ConcurrentBag<SensitivityProgress>();
        var progress = new SynchronousProgress(reports.Add);
        SensitivityAnalysis.Run(index, panel, Mixed(index, SamplingScheme.MonteCarlo, 300), new SensitivityOptions { Progress = progress });
        Assert.Equal(300, reports.Max(p => p.CompletedRuns));
        Assert.All(reports, p => Assert.Equal(300, p.TotalRuns));
    }

    [Fact]
    public void WriteJson_Result_ContainsIntervalsAndIndices()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var result = SensitivityAnalysis.Run(index, panel, Mixed(index, SamplingScheme.Saltelli, 16));
        using var ms = new MemoryStream();
        result.WriteJson(ms);
        using var doc = System.Text.Json.JsonDocument.Parse(ms.ToArray());
        Assert.Equal(24, doc.RootElement.GetProperty("rankIntervals").GetArrayLength());
        Assert.Equal(3, doc.RootElement.GetProperty("sensitivities").GetArrayLength());
        Assert.Equal(11UL, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    private sealed class SynchronousProgress(Action<SensitivityProgress> report) : IProgress<SensitivityProgress>
    {
        public void Report(SensitivityProgress value) => report(value);
    }
}

public class SensitivityEngineFallbackTests
{
    [Fact]
    public void Run_DataFittedWeightingAndWeightScaling_MatchesEngineEvaluation()
    {
        // Entropy weighting (fitted on the data) and count-scaled weights are not re-aggregated in place: the runner
        // falls back to CompiledIndex.Evaluate with weight overrides; each run must equal that evaluation exactly.
        var index = IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(1, 100))
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d")
            .Group("g0", g => g.Add("a").Add("b").Weight(Weighting.Entropy()))
            .Group("g1", g => g.Add("c").Add("d"))
            .Group("root", g => g.Add("g0").Add("g1").WeightByIndicatorCount())
            .Build();
        var panel = SensitivityFixtures.Panel(index, units: 9, periods: 1, missingShare: 0.1);
        var analysis = SensitivityBuilder.For(index).PerturbWeights("root", 0.5).PerturbWeights("g1", 0.5).MonteCarlo(20).Seed(4).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true, MaxDegreeOfParallelism = 2 });
        var compiled = CompiledIndex.Compile(index);
        var plans = new[] { new FactorPlan(analysis.Factors[0], 0, index, 4), new FactorPlan(analysis.Factors[1], 1, index, 4) };
        for (var r = 0; r < 20; r++)
        {
            var overrides = new double[]?[compiled.Nodes.Length];
            for (var f = 0; f < 2; f++)
            {
                var w = new double[plans[f].ChildIds.Length];
                plans[f].FillWeights(result.Replicates!.GetFactorValues(r).Span[f], w);
                overrides[compiled.NodeIndex[plans[f].Group!]] = w;
            }

            var expected = compiled.Evaluate(panel, overrides).GetScores("root", "2020").ToArray();
            Assert.Equal(expected, result.Replicates!.GetScores(r, 0).ToArray());
        }
    }

    [Fact]
    public void Run_ToggleImputationStep_OffRemovesTheStep()
    {
        var index = SensitivityFixtures.Index(2, 2) with { Steps = [Imputation.ColumnMean()] };
        var panel = SensitivityFixtures.Panel(index, units: 10, periods: 1, missingShare: 0.2);
        var step = index.Steps[0].MethodName;
        var analysis = SensitivityBuilder.For(index).ToggleStep(step).MonteCarlo(16).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var on = CompiledIndex.Compile(index).Evaluate(panel).GetScores("root", "2020").ToArray();
        var off = CompiledIndex.Compile(index with { Steps = [] }).Evaluate(panel).GetScores("root", "2020").ToArray();
        Assert.NotEqual(on, off);
        for (var r = 0; r < 16; r++)
        {
            Assert.Equal(result.Replicates!.GetFactorValues(r).Span[0] == 1 ? off : on, result.Replicates.GetScores(r, 0).ToArray());
        }
    }
}
