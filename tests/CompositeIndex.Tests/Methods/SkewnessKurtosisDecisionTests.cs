namespace CompositeIndex.Tests.Methods;

/// <summary>
/// Issue #22 (ASEM regeneration): the outlier check is decided in one pass from plain power sums about the first value
/// with a forward error bound (<c>Stats.TryDecideSkewnessKurtosis</c>) and falls back to the compensated routine near a
/// threshold. A decision it gives must be the one the exact values (<c>Stats.SkewnessKurtosis</c>) give, for
/// thresholds placed at the exact values and a few ulps to a few thousand ulps around them, on spans that stress each
/// part of the bound: plain summation losing thousands of ulps (small terms after a large one), a first value far in
/// the tail (large shift), means far above the spread (the routine's centre error), spreads of a few ulps, nearly
/// symmetric spans (skewness a few ulps from 0), NaN gaps and lengths up to 10,000. Scaling the whole bound down by 100
/// makes this test fail (checked when it was written; single terms are worst-case bounds about ten times above the
/// errors met, so halving one alone is not detectable). The deferred check values of
/// <see cref="OutlierTreatment"/> must be those of the column as it was checked, also when a later step changes it.
/// </summary>
public class SkewnessKurtosisDecisionTests
{
    private const double Epsilon = 2.220446049250313e-16; // 2⁻⁵²

    private static readonly double[] Offsets = [0, 1, 4, 16, 64, 256, 1024, 4096];

    [Fact]
    public void TryDecide_RandomAndAdversarialSpans_ThresholdsAtAndAroundTheExactValues_SameDecisionAndSideAsExactValues()
    {
        var rng = new Random(2231);
        int compared = 0, decided = 0, decidedNear = 0, signs = 0;
        for (var k = 0; k < 4_000; k++)
        {
            var x = Span(rng, k);
            var (s, kurt) = Stats.SkewnessKurtosis(x);
            foreach (var ts in Thresholds(Math.Abs(s), rng).Where(t => t > 0 && double.IsFinite(t)).Append(2).Append(1e-3))
            {
                foreach (var tk in Thresholds(kurt, rng).Append(3.5).Append(-1))
                {
                    compared++;
                    if (!Stats.TryDecideSkewnessKurtosis(x, ts, tk, out var passed, out var sign))
                    {
                        continue;
                    }

                    decided++;
                    Assert.False(double.IsNaN(s) || double.IsNaN(kurt), $"span {k}: decided a check the exact routine cannot compute");
                    Assert.True((Math.Abs(s) < ts || kurt < tk) == passed, $"span {k}: skewness {s:R} kurtosis {kurt:R}, thresholds {ts:R} {tk:R}: decided {passed}");
                    if (sign != 0)
                    {
                        signs++;
                        Assert.True(sign > 0 == s >= 0, $"span {k}: skewness {s:R}, side {sign}");
                    }

                    // Decided by a comparison with a threshold within 10⁻⁹ (relative) of the exact value.
                    var skewDecides = kurt >= tk && Math.Abs(ts - Math.Abs(s)) <= 1e-9 * Math.Abs(s);
                    var kurtosisDecides = Math.Abs(s) >= ts && Math.Abs(tk - kurt) <= 1e-9 * Math.Abs(kurt);
                    decidedNear += skewDecides || kurtosisDecides ? 1 : 0;
                }
            }
        }

        // The fast path must actually decide (not fall back every time), also within 1e-9 of a threshold. Most
        // thresholds here lie within 10⁻¹² (relative) of the exact values, where the one-pass bound often falls back.
        Assert.True(compared > 300_000, $"{compared} comparisons");
        Assert.True(decided > compared / 8, $"{decided} of {compared} decided");
        Assert.True(decidedNear > 1_000, $"{decidedNear} decided near a threshold ({decided} of {compared} decided)");
        Assert.True(signs > decided / 2, $"{signs} sides decided");
    }

    [Fact]
    public void TryDecide_TooFewValuesConstantOrOverflowingColumns_Undecided()
    {
        Assert.False(Stats.TryDecideSkewnessKurtosis([1, 2, 3], 2, 3.5, out _, out _));
        Assert.False(Stats.TryDecideSkewnessKurtosis([1, 2, double.NaN, 3, double.NaN], 2, 3.5, out _, out _));
        Assert.False(Stats.TryDecideSkewnessKurtosis([5, 5, 5, 5, 5, 5], 2, 3.5, out _, out _));
        Assert.False(Stats.TryDecideSkewnessKurtosis([1e300, -1e300, 1, 2, 3], 2, 3.5, out _, out _));
        Assert.False(Stats.TryDecideSkewnessKurtosis([1, 2, double.PositiveInfinity, 3, 4], 2, 3.5, out _, out _));
        Assert.True(Stats.TryDecideSkewnessKurtosis([1, 2, 3, 4, 100], 2, 3.5, out var passed, out var sign));
        var (s, k) = Stats.SkewnessKurtosis([1, 2, 3, 4, 100]);
        Assert.Equal(Math.Abs(s) < 2 || k < 3.5, passed);
        Assert.Equal(1, sign);
    }

    [Fact]
    public void Treatment_DeferredCheckValues_AreTheCheckedColumnsEvenWhenALaterStepChangesIt()
    {
        var rng = new Random(2232);
        var compared = 0;
        for (var k = 0; k < 200; k++)
        {
            var n = rng.Next(4, 60);
            var x = Enumerable.Range(0, n).Select(_ => rng.Next(8) == 0 ? double.NaN : Math.Exp(rng.NextDouble() * (k % 4 == 0 ? 8 : 1))).ToArray();
            var d = Enumerable.Range(0, n).Select(_ => 1 + rng.NextDouble()).ToArray();
            var panel = new Panel([.. Enumerable.Range(0, n).Select(u => new UnitInfo($"u{u}"))], ["2020"], ["x", "d"], [.. x, .. d]);
            var treat = new OutlierTreatment { MaxWinsorizedPoints = rng.Next(0, 4), Transformation = (OutlierTransformation)rng.Next(4), ForceWinsorization = k % 7 == 0 };
            var index = CompiledIndex.Compile(IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100)).Indicator("x").Group("root", g => g.Add("x"))
                .AddStep(treat).AddStep(CompositeIndex.Denomination.By(("x", "d"))).Build());
            var reference = CompiledIndex.Compile(IndexBuilder.Create("t", "t").Normalize(Normalization.MinMax(0, 100)).Indicator("x").Group("root", g => g.Add("x")).AddStep(treat).Build());
            var prepared = index.Prepare(panel);
            var treatedOnly = reference.Prepare(panel).Data.GetValues(0, 0).ToArray();
            foreach (var report in prepared.Reports.OfType<OutlierTreatmentReport>())
            {
                // The check of the values as left (the last check) is that of the treated column before the denomination changed it.
                var last = report.AfterTransformation ?? report.AfterWinsorization ?? report.Before;
                var (s, kurt) = Stats.SkewnessKurtosis(treatedOnly);
                Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(last.Skewness));
                Assert.Equal(BitConverter.DoubleToInt64Bits(kurt), BitConverter.DoubleToInt64Bits(last.Kurtosis));
                compared++;

                var (s0, k0) = Stats.SkewnessKurtosis(x);
                Assert.Equal(BitConverter.DoubleToInt64Bits(s0), BitConverter.DoubleToInt64Bits(report.Before.Skewness));
                Assert.Equal(BitConverter.DoubleToInt64Bits(k0), BitConverter.DoubleToInt64Bits(report.Before.Kurtosis));
                Assert.Equal(Math.Abs(s0) < treat.SkewnessThreshold || k0 < treat.KurtosisThreshold, report.Before.Passed);
                compared++;
            }
        }

        Assert.True(compared > 250, $"{compared} checks compared");
    }

    private static IEnumerable<double> Thresholds(double exact, Random rng)
    {
        if (!double.IsFinite(exact))
        {
            yield return rng.NextDouble() * 5;
            yield break;
        }

        yield return Math.BitIncrement(exact);
        yield return Math.BitDecrement(exact);
        foreach (var j in Offsets)
        {
            yield return exact * (1 + (j * Epsilon));
            yield return exact * (1 - (j * Epsilon));
        }
    }

    private static double[] Span(Random rng, int k)
    {
        var kind = k % 12;
        if (kind >= 8)
        {
            return Stressing(rng, kind);
        }

        if (kind == 7)
        {
            // Adversarial for plain summation: one or two large deviations, then thousands of terms below half an ulp
            // of the running d⁴ sum (plain lanes drop them, the compensated routine keeps them).
            var n = rng.Next(200, 6000);
            var y = new double[n];
            var big = Math.Pow(10, rng.Next(1, 4)) * (1 + rng.NextDouble());
            y[0] = big;
            y[1] = rng.Next(2) == 0 ? 0 : -big / 2;
            var small = Math.Pow(0.4 * Math.ScaleB(1, Math.ILogB(big * big * big * big) - 52), 0.25) * (0.6 + (0.4 * rng.NextDouble()));
            for (var i = 2; i < n; i++)
            {
                y[i] = (rng.Next(2) == 0 ? 1 : -1) * small * (0.9 + (0.1 * rng.NextDouble()));
            }

            return y;
        }

        var x = new double[rng.Next(0, 120)];
        var offset = kind == 3 ? 1e8 : 0;
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = rng.Next(20) switch
            {
                0 => double.NaN,
                1 when kind == 1 => 0.0,
                2 when kind == 1 => -0.0,
                3 when kind == 2 => Math.Round(rng.NextDouble() * 3),
                4 when kind == 4 && k % 3 == 0 => 1e300,
                _ => offset + kind switch
                {
                    4 => -Math.Exp(rng.NextDouble() * 6),
                    5 => Math.Pow(rng.NextDouble(), 8) * 1e6,
                    6 => Math.Exp(rng.NextDouble() * 3) * 1e-200,
                    _ => Math.Exp(rng.NextDouble() * 7) - 50,
                },
            };
        }

        return x;
    }

    private static double[] Stressing(Random rng, int kind)
    {
        var x = new double[rng.Next(10) == 0 ? rng.Next(200, 10_001) : rng.Next(4, 80)];
        var center = rng.NextDouble() * 100;
        var offset = Math.Pow(10, rng.Next(2, 16));
        var b = (1 + rng.NextDouble()) * Math.Pow(2, rng.Next(-60, 60));
        for (var i = 0; i < x.Length; i++)
        {
            var d = Math.Exp(rng.NextDouble() * 3);
            x[i] = kind switch
            {
                8 => i == 0 ? Math.Pow(10, rng.Next(1, 8)) * (rng.Next(2) == 0 ? 1 : -1) : rng.NextDouble(), // first value far out
                9 => i % 2 == 0 || i == x.Length - 1 ? center + d : 2 * center - x[i - 1], // nearly symmetric
                10 => offset + d, // mean far above the spread
                _ => BitIncrements(b, rng.Next(0, 40)), // a spread of a few ulps
            };
        }

        for (var i = 0; i < x.Length; i++)
        {
            x[i] = rng.Next(15) == 0 ? double.NaN : x[i];
        }

        return x;
    }

    private static double BitIncrements(double v, int k)
    {
        for (var j = 0; j < k; j++)
        {
            v = Math.BitIncrement(v);
        }

        return v;
    }
}
