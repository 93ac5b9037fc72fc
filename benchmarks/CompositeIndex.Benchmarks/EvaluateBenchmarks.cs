using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #2: evaluate 3,500 units × 200 indicators × 20 periods with a 3-level hierarchy
/// (200 indicators → 20 pillars → 4 sub-indices → index). Goal: under 1 s, allocation-light.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private CompiledIndex index = null!;
    private Panel panel = null!;

    [Params(3500)]
    public int Units { get; set; }

    [Params(200)]
    public int Indicators { get; set; }

    [Params(20)]
    public int Periods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var b = IndexBuilder.Create("bench", "Benchmark index");
        for (var i = 0; i < Indicators; i++)
        {
            var id = $"i{i}";
            b.Indicator(id, x => { if (i % 7 == 0) { x.LowerIsBetter(); } });
        }

        var pillars = Indicators / 10;
        for (var p = 0; p < pillars; p++)
        {
            var first = p * 10;
            b.Group($"p{p}", g => { for (var i = first; i < first + 10; i++) { g.Add($"i{i}", 1 + (i % 3)); } });
        }

        for (var s = 0; s < 4; s++)
        {
            var s0 = s;
            b.Group($"s{s}", g => { for (var p = s0; p < pillars; p += 4) { g.Add($"p{p}"); } });
        }

        b.Group("index", g => g.Add("s0", "s1", "s2", "s3"));
        index = CompiledIndex.Compile(b.Normalize(Normalization.MinMax(1, 100)).Build());

        var rng = new Random(42);
        var values = new double[Indicators * Periods * Units];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = rng.NextDouble() < 0.02 ? double.NaN : rng.NextDouble() * 1000;
        }

        panel = new Panel(
            [.. Enumerable.Range(0, Units).Select(u => new UnitInfo($"u{u}"))],
            [.. Enumerable.Range(2001, Periods).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, Indicators).Select(i => $"i{i}")],
            values);
    }

    [Benchmark]
    public double Evaluate() => index.Evaluate(panel).GetScore("index", "u0", "2020");
}
