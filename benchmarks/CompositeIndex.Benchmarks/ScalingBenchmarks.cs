using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Issue #22: reading long CSV (<c>unit,period,indicator,value</c>, round-trip numbers, 2 % empty values) from memory at
/// three sizes growing 10× and 100× (140 k, 1.4 M and 14 M values would be 4 MB, 40 MB and 400 MB of text; the largest
/// here is 1.4 M values so that a benchmark run stays minutes long). The file end to end (1 GB, 14 M values) is measured
/// with the CLI, see the README. Cost per value = time / values; memory per value = allocated / values.
/// </summary>
[MemoryDiagnoser]
public class CsvReadBenchmarks
{
    private string text = string.Empty;

    /// <summary>Gets the sizes: 14 k, 140 k and 1.4 M values.</summary>
    public static IEnumerable<PanelShape> Shapes =>
    [
        new(35, 40, 10),
        new(350, 40, 10),
        new(1750, 80, 10),
    ];

    [ParamsSource(nameof(Shapes))]
    public PanelShape Shape { get; set; } = new(350, 40, 10);

    [GlobalSetup]
    public void Setup() => text = LongCsv(Shape, seed: 42);

    [Benchmark]
    public int ReadLong() => Panel.ReadLongCsv(new StringReader(text), "bench.csv", null).Units.Length;

    /// <summary>Writes a long CSV of random values (2 % empty) for a shape, unit-major like most exports.</summary>
    internal static string LongCsv(PanelShape shape, int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder(checked((int)Math.Min(int.MaxValue / 4, shape.Values * 32)));
        sb.Append("unit,period,indicator,value\n");
        for (var u = 0; u < shape.Units; u++)
        {
            for (var t = 0; t < shape.Periods; t++)
            {
                for (var i = 0; i < shape.Indicators; i++)
                {
                    sb.Append('u').Append(u).Append(',').Append(2001 + t).Append(",i").Append(i).Append(',');
                    if (rng.NextDouble() >= 0.02)
                    {
                        sb.Append((rng.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture));
                    }

                    sb.Append('\n');
                }
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// Issue #22: the Monte Carlo engine (1,000 replicates perturbing the weights of all 11 groups: 10 pillars of 20
/// indicators + index, one period) at three sizes growing 10× and 100× in units (35, 350, 3,500 units × 200
/// indicators = 7 k, 70 k and 700 k values; the largest is <see cref="SensitivityBenchmarks.MonteCarloLargeIndex"/>).
/// The rank histogram (periods × units² counts) grows with the square of the units, so memory per value is not flat by
/// design; time per value is what should stay flat.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloScalingBenchmarks
{
    private IndexDefinition index = null!;
    private Panel panel = null!;
    private SensitivityDefinition analysis = null!;

    [Params(35, 350, 3500)]
    public int Units { get; set; } = 350;

    [GlobalSetup]
    public void Setup()
    {
        (index, panel) = SensitivityBenchmarks.Build(units: Units, pillars: 10, perPillar: 20, periods: 1);
        var b = SensitivityBuilder.For(index);
        for (var p = 0; p < 10; p++)
        {
            b.PerturbWeights($"p{p}", 0.25);
        }

        analysis = b.PerturbWeights("index", 0.25).MonteCarlo(1000).Seed(2026).Build();
    }

    [Benchmark]
    public double MonteCarlo() => SensitivityAnalysis.Run(index, panel, analysis).RankIntervals[0].MedianRank;
}
