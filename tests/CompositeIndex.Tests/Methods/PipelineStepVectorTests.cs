using System.Collections.Immutable;

namespace CompositeIndex.Tests.Methods;

/// <summary>
/// Issue #22 (ASEM regeneration): the data-preparation steps run parts of their loops several values at a time. Each
/// must give exactly what the one-value definition written out here gives — the same bits, the same counts, the same
/// first error — on random data with gaps, signed zeros, infinities and ties, at lengths with and without a vector tail.
/// </summary>
public class PipelineStepVectorTests
{
    [Fact]
    public void ExtremeAndNext_RandomSpansWithGapsZerosInfinitiesAndTies_SameBitsAsOnePassLoop()
    {
        var rng = new Random(2207);
        var compared = 0;
        for (var k = 0; k < 20_000; k++)
        {
            var x = new double[rng.Next(0, 70)];
            var palette = new[] { rng.NextDouble() * 10, -rng.NextDouble() * 10, 3, 3, 0.0, -0.0 };
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = rng.Next(16) switch
                {
                    0 => double.NaN,
                    1 => 0.0,
                    2 => -0.0,
                    3 when k % 5 == 0 => double.PositiveInfinity,
                    4 when k % 5 == 1 => double.NegativeInfinity,
                    5 or 6 or 7 => palette[rng.Next(palette.Length)], // ties
                    _ => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-3, 4)),
                };
            }

            foreach (var high in new[] { true, false })
            {
                var (extreme, next) = OutlierTreatment.ExtremeAndNext(x, high);
                var (expectedExtreme, expectedNext) = OnePass(x, high);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedExtreme), BitConverter.DoubleToInt64Bits(extreme));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedNext), BitConverter.DoubleToInt64Bits(next));
                compared++;
            }
        }

        Assert.Equal(40_000, compared);
    }

    [Fact]
    public void Denomination_RandomValuesWithGaps_SameBitsAsOneValueDivisionAndFirstZeroDenominatorThrows()
    {
        var rng = new Random(2208);
        var compared = 0;
        var thrown = 0;
        for (var k = 0; k < 300; k++)
        {
            var n = rng.Next(1, 40);
            var x = Column(rng, n, zeros: false);
            var d = Column(rng, n, zeros: k % 3 == 0);
            for (var u = 0; u < n; u++)
            {
                if (rng.Next(15) == 0)
                {
                    // NaNs with payloads, signalling (quiet bit clear) and quiet, in the data and the denominator.
                    var nan = BitConverter.Int64BitsToDouble(rng.Next(2) == 0 ? 0x7FF0_0000_0000_0F00L + rng.Next(255) : unchecked((long)0xFFF8_0000_0000_0A00UL) + rng.Next(255));
                    _ = rng.Next(2) == 0 ? d[u] = nan : x[u] = nan;
                }
            }

            var scale = k % 2 == 0 ? 1 : 1000;
            var panel = Panel(n, ("x", x), ("d", d));
            var index = CompiledIndex.Compile(IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100))
                .Indicator("x")
                .Group("root", g => g.Add("x"))
                .AddStep(CompositeIndex.Denomination.By([new KeyValuePair<string, Denominator>("x", new Denominator("d", scale))]))
                .Build());
            var firstZero = Enumerable.Range(0, n).Cast<int?>().FirstOrDefault(u => d[u!.Value] / scale == 0 && !double.IsNaN(x[u.Value]));
            if (firstZero is { } zeroUnit)
            {
                var e = Assert.Throws<NumericalException>(() => index.Prepare(panel));
                Assert.Equal($"u{zeroUnit}", e.UnitId);
                thrown++;
                continue;
            }

            var prepared = index.Prepare(panel).Data;
            for (var u = 0; u < n; u++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(x[u] / (d[u] / scale)), BitConverter.DoubleToInt64Bits(prepared.GetValue("x", $"u{u}", "2020")));
                compared++;
            }
        }

        Assert.True(thrown > 30 && compared > 2000, $"thrown {thrown}, compared {compared}");
    }

    [Fact]
    public void Screening_RandomPanels_MissingAndZeroCountsPerUnitAsCountedOneByOne()
    {
        var rng = new Random(2209);
        var compared = 0;
        for (var k = 0; k < 200; k++)
        {
            var n = rng.Next(1, 40);
            var columns = Enumerable.Range(0, rng.Next(1, 5)).Select(i => ($"i{i}", Column(rng, n, zeros: true))).ToArray();
            var builder = IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100));
            foreach (var (id, _) in columns)
            {
                builder.Indicator(id);
            }

            var index = CompiledIndex.Compile(builder.Group("root", g => g.Add([.. columns.Select(c => c.Item1)])).AddStep(CompositeIndex.Screening.ByMissing(0)).Build());
            var report = index.Prepare(Panel(n, columns)).Reports.OfType<ScreeningReport>().Single();
            for (var u = 0; u < n; u++)
            {
                Assert.Equal(columns.Sum(c => double.IsNaN(c.Item2[u]) ? 1 : 0), report.Units[u].Missing);
                Assert.Equal(columns.Sum(c => c.Item2[u] == 0 ? 1 : 0), report.Units[u].Zeros);
                compared++;
            }
        }

        Assert.True(compared > 3000, $"compared {compared}");
    }

    [Fact]
    public void Screening_SeveralPeriodsAndOtherVariables_CountsPooledOverPeriodsOfTheIndicatorsOnly()
    {
        var rng = new Random(2213);
        var compared = 0;
        for (var k = 0; k < 150; k++)
        {
            var n = rng.Next(1, 30);
            var periods = Enumerable.Range(0, rng.Next(1, 4)).Select(t => $"{2018 + t}").ToArray();
            var variables = new[] { "other", "i1", "i0", "i2" }; // panel order differs from definition order; "other" is no indicator
            var columns = variables.ToDictionary(v => v, _ => periods.Select(_ => Column(rng, n, zeros: true)).ToArray());
            var values = variables.SelectMany(v => columns[v].SelectMany(c => c)).ToArray();
            var panel = new Panel([.. Enumerable.Range(0, n).Select(u => new UnitInfo($"u{u}"))], [.. periods], [.. variables], values);
            var definition = IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100)).Indicator("i0").Indicator("i1").Indicator("i2")
                .Group("root", g => g.Add("i0", "i1", "i2")).AddStep(CompositeIndex.Screening.ByMissing(0)).Build();
            var report = CompiledIndex.Compile(definition).Prepare(panel).Reports.OfType<ScreeningReport>().Single();
            for (var u = 0; u < n; u++)
            {
                var cells = new[] { "i0", "i1", "i2" }.SelectMany(v => columns[v].Select(c => c[u])).ToArray();
                Assert.Equal(cells.Count(double.IsNaN), report.Units[u].Missing);
                Assert.Equal(cells.Count(x => x == 0), report.Units[u].Zeros);
                compared++;
            }
        }

        Assert.True(compared > 1500, $"compared {compared}");
    }

    [Theory]
    [InlineData(ImputationStatistic.Mean)]
    [InlineData(ImputationStatistic.Median)]
    public void GroupImputation_RandomGroupsWithUngroupedUnits_StatisticOfTheGroupsValuesInUnitOrder(ImputationStatistic statistic)
    {
        var rng = new Random(2210 + (int)statistic);
        var compared = 0;
        for (var k = 0; k < 200; k++)
        {
            var n = rng.Next(1, 40);
            var x = Column(rng, n, zeros: true);
            var groups = Enumerable.Range(0, n).Select(_ => rng.Next(5) switch { 0 => null, 1 => "NA", var g => $"g{g}" }).ToArray();
            var units = Enumerable.Range(0, n).Select(u => new UnitInfo($"u{u}") { Attributes = groups[u] is { } g ? ImmutableSortedDictionary<string, string>.Empty.Add("grp", g) : ImmutableSortedDictionary<string, string>.Empty }).ToArray();
            if (!groups.Any(g => g is not null and not "NA"))
            {
                continue; // no unit in any group: the step throws (tested elsewhere)
            }

            var panel = new Panel([.. units], ["2020"], ["x"], (double[])x.Clone());
            var step = statistic == ImputationStatistic.Mean ? CompositeIndex.Imputation.GroupMean("grp") : CompositeIndex.Imputation.GroupMedian("grp");
            var prepared = CompiledIndex.Compile(IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100)).Indicator("x").Group("root", g => g.Add("x")).AddStep(step).Build()).Prepare(panel).Data;
            for (var u = 0; u < n; u++)
            {
                var expected = x[u];
                if (double.IsNaN(x[u]) && groups[u] is { } g and not "NA")
                {
                    var members = Enumerable.Range(0, n).Where(v => groups[v] == g).Select(v => x[v]).ToArray(); // unit order
                    expected = statistic == ImputationStatistic.Mean ? Stats.Mean(members).Mean : ImputationKernels.Median([.. members.Where(m => !double.IsNaN(m))]);
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(prepared.GetValue("x", $"u{u}", "2020")));
                compared++;
            }
        }

        Assert.True(compared > 3000, $"compared {compared}");
    }

    [Fact]
    public void IndexOfMissing_RandomSpansAndStarts_FirstNaNAtOrAfterTheStart()
    {
        var rng = new Random(2211);
        for (var k = 0; k < 5000; k++)
        {
            var x = Enumerable.Range(0, rng.Next(0, 40)).Select(_ => rng.Next(rng.Next(2) == 0 ? 4 : 60) == 0 ? double.NaN : rng.Next(10) == 0 ? double.NegativeInfinity : rng.NextDouble()).ToArray();
            var start = rng.Next(0, x.Length + 1);
            var expected = Array.FindIndex(x, start, double.IsNaN);
            Assert.Equal(expected, ImputationKernels.IndexOfMissing(x, start));
        }
    }

    /// <summary>The definition: one pass over sign·x keeping the largest value and the largest value below it (NaN skipped).</summary>
    private static (double Extreme, double Next) OnePass(double[] x, bool high)
    {
        var sign = high ? 1.0 : -1.0;
        double extreme = double.NegativeInfinity, next = double.NegativeInfinity;
        foreach (var raw in x)
        {
            if (double.IsNaN(raw))
            {
                continue;
            }

            var v = sign * raw;
            if (v > extreme)
            {
                (next, extreme) = (extreme, v);
            }
            else if (v < extreme && v > next)
            {
                next = v;
            }
        }

        return (extreme * sign, next * sign);
    }

    private static double[] Column(Random rng, int n, bool zeros) =>
        [.. Enumerable.Range(0, n).Select(_ => rng.Next(12) switch
        {
            0 => double.NaN,
            1 when zeros => 0.0,
            2 when zeros => -0.0,
            3 => zeros ? rng.Next(3) - 1 : rng.Next(1, 3),
            _ => (rng.NextDouble() - 0.2) * 1000,
        })];

    private static Panel Panel(int n, params (string Id, double[] Values)[] columns) =>
        new([.. Enumerable.Range(0, n).Select(u => new UnitInfo($"u{u}"))], ["2020"], [.. columns.Select(c => c.Id)], [.. columns.SelectMany(c => c.Values)]);
}
