using System.Runtime.Intrinsics;

namespace CompositeIndex.Tests.Methods;

/// <summary>
/// Issue #22: the four central moment sums (Σd, Σd², Σd³, Σd⁴) are reduced from their four lanes side by side
/// (<c>Stats.LaneSums.Lane.Values</c>) instead of one after the other (<c>Lane.Value</c>); the result must have the bits of
/// the one-at-a-time reduction for every lane state, including NaN, infinities, signed zeros and cancelling values.
/// </summary>
public class StatsLaneSumTests
{
    [Fact]
    public void Values_FourLanesSideBySide_SameBitsAsEachLanesValue()
    {
        var rng = new Random(2212);
        var compared = 0;
        for (var k = 0; k < 20_000; k++)
        {
            var lanes = new Stats.LaneSums.Lane[4];
            for (var j = 0; j < 4; j++)
            {
                for (var add = rng.Next(0, 12); add > 0; add--)
                {
                    lanes[j].Add(Vector256.Create(Draw(rng, k), Draw(rng, k), Draw(rng, k), Draw(rng, k)));
                }
            }

            var together = Stats.LaneSums.Lane.Values(lanes[0], lanes[1], lanes[2], lanes[3]);
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(lanes[j].Value), BitConverter.DoubleToInt64Bits(together[j]));
                compared++;
            }
        }

        Assert.Equal(80_000, compared);
    }

    [Fact]
    public void Means_SpansSideBySide_SameBitsAsMeanOfEachSpan()
    {
        // Group-mean imputation computes the means of all groups at once; each must be Stats.Mean of its span.
        var rng = new Random(2233);
        var compared = 0;
        for (var k = 0; k < 5_000; k++)
        {
            var spans = rng.Next(0, 10);
            var start = new int[spans + 1];
            for (var g = 0; g < spans; g++)
            {
                start[g + 1] = start[g] + (rng.Next(6) == 0 ? 0 : rng.Next(1, 45));
            }

            var values = new double[start[spans]];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Draw(rng, k);
            }

            var means = new double[spans];
            Stats.Means(values, start, means);
            for (var g = 0; g < spans; g++)
            {
                var expected = Stats.Mean(values.AsSpan(start[g], start[g + 1] - start[g])).Mean;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(means[g]));
                compared++;
            }
        }

        Assert.True(compared > 20_000, $"{compared} means compared");
    }

    private static double Draw(Random rng, int k) => rng.Next(16) switch
    {
        0 when k % 5 == 0 => double.NaN,
        1 when k % 7 == 0 => double.PositiveInfinity,
        2 when k % 11 == 0 => double.NegativeInfinity,
        3 => 0.0,
        4 => -0.0,
        5 => 1e16, // cancels against the next draws: large compensations
        6 => -1e16,
        7 => double.Epsilon,
        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-10, 11)),
    };
}
