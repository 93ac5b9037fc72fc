using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #2 / #22: evaluate units × indicators × periods with a 3-level hierarchy (indicators → pillars of 10 →
/// 4 sub-indices → index), min-max [1, 100], 2 % missing values, at three sizes growing 10× and 100× (the largest is
/// 3,500 × 200 × 20 = 14 M values). In the same class, the bandwidth floor over the same number of doubles: one read
/// pass (<see cref="ReadPass"/>, a vectorised sum) and one read + write pass (<see cref="ReadWritePass"/>, a copy into
/// a second array) — the baseline, so BenchmarkDotNet prints the evaluation's ratio to the floor of this machine in
/// the same run. A normalise + aggregate evaluation has to read the panel, write the normalised scores and read them
/// again, so it cannot beat the read + write pass.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private CompiledIndex index = null!;
    private Panel panel = null!;
    private double[] copy = [];
    private EvaluationBuffer buffer = new();
    private CompiledIndex fixedIndex = null!;
    private EvaluationBuffer fixedBuffer = new();

    /// <summary>Gets the sizes: 100×, 10× smaller and the full size.</summary>
    public static IEnumerable<PanelShape> Shapes =>
    [
        new(350, 40, 10),
        new(1750, 80, 10),
        new(3500, 200, 20),
    ];

    [ParamsSource(nameof(Shapes))]
    public PanelShape Shape { get; set; } = new(3500, 200, 20);

    [GlobalSetup]
    public void Setup()
    {
        (index, panel) = Build(Shape);
        copy = new double[panel.RawValues.Length];
        buffer = new EvaluationBuffer();
        fixedIndex = Build(Shape, goalposts: true).Index;
        fixedBuffer = new EvaluationBuffer();
    }

    /// <summary>The read + write floor: copies the panel's values (memmove, the fastest read + write there is).</summary>
    [Benchmark(Baseline = true)]
    public double ReadWritePass()
    {
        panel.RawValues.AsSpan().CopyTo(copy);
        return copy[^1];
    }

    /// <summary>The read floor: a vectorised sum over the panel's values (NaN included: the sum is only a sink).</summary>
    [Benchmark]
    public double ReadPass()
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(panel.RawValues.AsSpan());
        Vector<double> a = default, b = default, c = default, d = default;
        var v = 0;
        for (; v + 4 <= vectors.Length; v += 4)
        {
            a += vectors[v];
            b += vectors[v + 1];
            c += vectors[v + 2];
            d += vectors[v + 3];
        }

        for (; v < vectors.Length; v++)
        {
            a += vectors[v];
        }

        return Vector.Sum(a + b + c + d);
    }

    /// <summary>A full evaluation returning a new result (scores, parameters, audit).</summary>
    [Benchmark]
    public double Evaluate() => index.Evaluate(panel).GetScore("index", "u0", Last(panel));

    /// <summary>The same evaluation into a reused, caller-owned buffer (steady state: no score array, no parameters or audit kept).</summary>
    [Benchmark]
    public double EvaluateIntoBuffer()
    {
        index.EvaluateInto(panel, buffer);
        return buffer.GetScore("index", "u0", Last(panel));
    }

    /// <summary>
    /// The same into a reused buffer with fixed goalposts [0, 1000] instead of min-max fitted on the data: nothing is fitted,
    /// so a steady-state evaluation allocates nothing at all, on any number of threads (the data-fitted min-max allocates its
    /// typed parameter record per indicator and period).
    /// </summary>
    [Benchmark]
    public double EvaluateIntoBufferGoalposts()
    {
        fixedIndex.EvaluateInto(panel, fixedBuffer);
        return fixedBuffer.GetScore("index", "u0", Last(panel));
    }

    internal static (CompiledIndex Index, Panel Panel) Build(PanelShape shape, bool goalposts = false)
    {
        var b = IndexBuilder.Create("bench", "Benchmark index");
        for (var i = 0; i < shape.Indicators; i++)
        {
            var id = $"i{i}";
            b.Indicator(id, x => { if (i % 7 == 0) { x.LowerIsBetter(); } });
        }

        var pillars = shape.Indicators / 10;
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
        var index = CompiledIndex.Compile(b.Normalize(goalposts ? Normalization.Goalposts(0, 1000) : Normalization.MinMax(1, 100)).Build());

        var rng = new Random(42);
        var values = new double[shape.Indicators * shape.Periods * shape.Units];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = rng.NextDouble() < 0.02 ? double.NaN : rng.NextDouble() * 1000;
        }

        var panel = new Panel(
            [.. Enumerable.Range(0, shape.Units).Select(u => new UnitInfo($"u{u}"))],
            [.. Enumerable.Range(2001, shape.Periods).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, shape.Indicators).Select(i => $"i{i}")],
            values);
        return (index, panel);
    }

    private static string Last(Panel panel) => panel.Periods[^1];
}

/// <summary>A panel size: units × indicators × periods.</summary>
/// <param name="Units">The number of units.</param>
/// <param name="Indicators">The number of indicators (a multiple of 10, at least 40).</param>
/// <param name="Periods">The number of periods.</param>
public sealed record PanelShape(int Units, int Indicators, int Periods)
{
    /// <summary>Gets the number of values, units × indicators × periods.</summary>
    public long Values => (long)Units * Indicators * Periods;

    /// <inheritdoc/>
    public override string ToString() => $"{Units}x{Indicators}x{Periods}";
}
