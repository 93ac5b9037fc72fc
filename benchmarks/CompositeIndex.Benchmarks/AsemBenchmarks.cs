using BenchmarkDotNet.Attributes;
using CompositeIndex.Samples.Asem;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #7: full regeneration of COINr's ASEM example (denominate → impute → screen → treat → min-max → aggregate,
/// 51 units × 49 indicators, 4 levels). COINr 1.1.14 needs 0.108 s per <c>Regen(coin)</c> on this machine class;
/// the goal is at least 1,000× faster (≤ 108 µs). <see cref="Regenerate"/> = compile the definition + evaluate
/// (what Regen does); <see cref="Evaluate"/> = evaluate an already compiled index (what a sensitivity replicate
/// with the same structure does). Needs COINr's export in ../shared/data/coinr-asem (or COMPOSITE_INDEX_SHARED_DATA).
/// </summary>
[MemoryDiagnoser]
public class AsemBenchmarks
{
    private IndexDefinition definition = null!;
    private CompiledIndex compiled = null!;
    private Panel panel = null!;

    [GlobalSetup]
    public void Setup()
    {
        var env = Environment.GetEnvironmentVariable("COMPOSITE_INDEX_SHARED_DATA");
        var folder = AsemExample.FindDataFolder(env is { Length: > 0 } ? Path.Combine(env, "coinr-asem") : null);
        panel = AsemExample.LoadPanel(folder);
        definition = AsemExample.BuildDefinition(folder);
        compiled = CompiledIndex.Compile(definition);
    }

    [Benchmark(Baseline = true)]
    public double Regenerate() => CompiledIndex.Compile(definition).Evaluate(panel).GetScore("Index", "CHE", "2018");

    [Benchmark]
    public double Evaluate() => compiled.Evaluate(panel).GetScore("Index", "CHE", "2018");

    [Benchmark]
    public int Prepare() => compiled.Prepare(panel).Data.Units.Length;
}
