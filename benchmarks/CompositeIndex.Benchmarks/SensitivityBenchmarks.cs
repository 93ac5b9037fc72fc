using System.Globalization;
using BenchmarkDotNet.Attributes;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #6: uncertainty and sensitivity analysis.
/// (a) <see cref="SaltelliSmallIndex"/>: 50 indicators × 25 units × 2 periods, 6 groups (5 pillars + index),
/// 10 factors, Saltelli N = 2^14 (196,608 runs) with bootstrap CIs — goal under 2 s on 2 cores.
/// (b) <see cref="MonteCarloLargeIndex"/>: 3,500 units × 200 indicators (10 pillars + index), 1,000 Monte Carlo
/// replicates with weight perturbation of every group — goal under 10 s; allocations per replicate =
/// allocated bytes / 1,000. Both include validation, nominal evaluation and variant compilation.
/// (c) <see cref="SaltelliParameterRange"/> (#22): the small index with a continuous parameter factor (min-max upper
/// bound drawn in [80, 120], JSON Pointer <c>/upper</c>) next to 6 weight factors and an aggregation choice, Saltelli
/// N = 2^10 (10,240 runs): a continuous value needs a variant compiled and evaluated for it (and the method's JSON
/// round trip), so this measures that path.
/// </summary>
[MemoryDiagnoser]
public class SensitivityBenchmarks
{
    private IndexDefinition small = null!;
    private Panel smallPanel = null!;
    private SensitivityDefinition smallAnalysis = null!;
    private SensitivityDefinition rangeAnalysis = null!;
    private IndexDefinition large = null!;
    private Panel largePanel = null!;
    private SensitivityDefinition largeAnalysis = null!;

    [GlobalSetup]
    public void Setup()
    {
        (small, smallPanel) = Build(units: 25, pillars: 5, perPillar: 10, periods: 2);
        smallAnalysis = SensitivityBuilder.For(small)
            .PerturbWeights("p0", 0.25).PerturbWeights("p1", 0.25).PerturbWeights("p2", 0.25).PerturbWeights("p3", 0.25).PerturbWeights("p4", 0.25)
            .DirichletWeights("index", 20)
            .ChooseNormalization(null, Normalization.MinMax(1, 100), Normalization.MinMax(1, 100, NormalizationReference.Pooled))
            .ChooseAggregation("index", Aggregation.Arithmetic(), Aggregation.Geometric())
            .ExcludeIndicators()
            .ChooseParameter(null, "missingData", "minShare", "0", "0.5")
            .Saltelli(1 << 14)
            .Seed(2026)
            .Build();

        rangeAnalysis = SensitivityBuilder.For(small)
            .PerturbWeights("p0", 0.25).PerturbWeights("p1", 0.25).PerturbWeights("p2", 0.25).PerturbWeights("p3", 0.25).PerturbWeights("p4", 0.25)
            .DirichletWeights("index", 20)
            .ChooseAggregation("index", Aggregation.Arithmetic(), Aggregation.Geometric())
            .PerturbParameter(null, "normalization", "/upper", 80, 120)
            .Saltelli(1 << 10)
            .Seed(2026)
            .Build();

        (large, largePanel) = Build(units: 3500, pillars: 10, perPillar: 20, periods: 1);
        var b = SensitivityBuilder.For(large);
        for (var p = 0; p < 10; p++)
        {
            b.PerturbWeights($"p{p}", 0.25);
        }

        largeAnalysis = b.PerturbWeights("index", 0.25).MonteCarlo(1000).Seed(2026).Build();
    }

    [Benchmark]
    public double SaltelliSmallIndex() => SensitivityAnalysis.Run(small, smallPanel, smallAnalysis).Sensitivities[0].Variance;

    [Benchmark]
    public double SaltelliParameterRange() => SensitivityAnalysis.Run(small, smallPanel, rangeAnalysis).Sensitivities[0].Variance;

    [Benchmark]
    public double MonteCarloLargeIndex() => SensitivityAnalysis.Run(large, largePanel, largeAnalysis).RankIntervals[0].MedianRank;

    internal static (IndexDefinition Index, Panel Panel) Build(int units, int pillars, int perPillar, int periods)
    {
        var b = IndexBuilder.Create("bench", "Benchmark index").Normalize(Normalization.MinMax(1, 100));
        for (var p = 0; p < pillars; p++)
        {
            for (var i = 0; i < perPillar; i++)
            {
                b.Indicator($"x{p}_{i}");
            }
        }

        for (var p = 0; p < pillars; p++)
        {
            var pp = p;
            b.Group($"p{p}", g =>
            {
                for (var i = 0; i < perPillar; i++)
                {
                    g.Add($"x{pp}_{i}");
                }
            });
        }

        b.Group("index", g =>
        {
            for (var p = 0; p < pillars; p++)
            {
                g.Add($"p{p}");
            }
        });

        var rng = new Random(7);
        var panel = new PanelBuilder();
        for (var t = 0; t < periods; t++)
        {
            var period = (2020 + t).ToString(CultureInfo.InvariantCulture);
            for (var j = 0; j < units; j++)
            {
                var unit = $"u{j}";
                for (var p = 0; p < pillars; p++)
                {
                    for (var i = 0; i < perPillar; i++)
                    {
                        panel.AddValue($"x{p}_{i}", unit, period, 10 + (90 * rng.NextDouble()));
                    }
                }
            }
        }

        return (b.Build(), panel.Build());
    }
}
