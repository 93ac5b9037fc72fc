using BenchmarkDotNet.Attributes;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #9: cost of the weighting step and of the LP-based aggregation on one period. Targets (not asserted): benefit
/// of the doubt for 200 units × 10 indicators (200 LPs) well under a second; fitted weights (factor analysis, balance)
/// for 1,000 units × 10 indicators in tens of milliseconds.
/// </summary>
[MemoryDiagnoser]
public class WeightingBenchmarks
{
    private Panel panel200 = null!;
    private Panel panel1000 = null!;
    private CompiledIndex bod = null!;
    private CompiledIndex factor = null!;
    private CompiledIndex factorMl = null!;
    private CompiledIndex balance = null!;
    private CompiledIndex entropy = null!;

    [GlobalSetup]
    public void Setup()
    {
        panel200 = MakePanel(200, 10, 1);
        panel1000 = MakePanel(1000, 10, 2);
        bod = Compile(g => g.Aggregate(Aggregation.BenefitOfTheDoubt(0.05, 0.2)));
        factor = Compile(g => g.Weight(Weighting.FactorAnalysis()));
        factorMl = Compile(g => g.Weight(Weighting.FactorAnalysis(extraction: FactorExtraction.MaximumLikelihood)));
        balance = Compile(g => g.Weight(Weighting.Balance()));
        entropy = Compile(g => g.Weight(Weighting.Entropy()));
    }

    [Benchmark]
    public IndexResult BenefitOfTheDoubt200x10() => bod.Evaluate(panel200);

    [Benchmark]
    public IndexResult FactorAnalysis1000x10() => factor.Evaluate(panel1000);

    [Benchmark]
    public IndexResult FactorAnalysisMaximumLikelihood1000x10() => factorMl.Evaluate(panel1000);

    [Benchmark]
    public IndexResult Balance1000x10() => balance.Evaluate(panel1000);

    [Benchmark]
    public IndexResult Entropy1000x10() => entropy.Evaluate(panel1000);

    private static CompiledIndex Compile(Action<GroupBuilder> configure)
    {
        var b = IndexBuilder.Create("bench", "Weighting benchmark").Normalize(Normalization.MinMax(0, 1));
        var ids = Enumerable.Range(0, 10).Select(i => $"i{i}").ToArray();
        foreach (var id in ids)
        {
            b.Indicator(id);
        }

        return CompiledIndex.Compile(b.Group("root", g => { g.Add(ids); configure(g); }).Build());
    }

    private static Panel MakePanel(int units, int indicators, int seed)
    {
        // Correlated indicators: a common factor plus noise (deterministic).
        var rng = new Random(seed);
        var pb = new PanelBuilder();
        for (var u = 0; u < units; u++)
        {
            var common = rng.NextDouble();
            for (var i = 0; i < indicators; i++)
            {
                pb.AddValue($"i{i}", $"u{u}", "2024", (common * (1 + (i % 3))) + rng.NextDouble());
            }
        }

        return pb.Build();
    }
}
