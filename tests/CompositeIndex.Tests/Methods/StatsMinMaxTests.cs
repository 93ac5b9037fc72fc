namespace CompositeIndex.Tests.Methods;

/// <summary>
/// Issue #22: <c>Stats.MinMax</c> runs vectorised; it must return exactly what the one-value-at-a-time loop returns
/// (the same extreme values, bit for bit including the sign of a zero extreme, and the same count of non-missing values).
/// </summary>
public class StatsMinMaxTests
{
    [Fact]
    public void MinMax_RandomSpansWithGapsInfinitiesAndSignedZeros_EqualsSequentialLoop()
    {
        var rng = new Random(22);
        var compared = 0;
        for (var length = 0; length < 200; length++)
        {
            for (var rep = 0; rep < 5; rep++)
            {
                var x = new double[length];
                for (var i = 0; i < length; i++)
                {
                    x[i] = rng.Next(12) switch
                    {
                        0 => double.NaN,
                        1 => rep == 4 ? 0.0 : -0.0,
                        2 => 0.0,
                        3 when rep == 3 => double.PositiveInfinity,
                        4 when rep == 3 => double.NegativeInfinity,
                        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 6)) * (rep == 2 ? -1 : 1),
                    };
                }

                if (rep == 1)
                {
                    Array.Fill(x, double.NaN); // all missing
                }

                var (min, max, n) = Stats.MinMax(x);
                var (emin, emax, en) = Sequential(x);
                Assert.Equal(BitConverter.DoubleToInt64Bits(emin), BitConverter.DoubleToInt64Bits(min));
                Assert.Equal(BitConverter.DoubleToInt64Bits(emax), BitConverter.DoubleToInt64Bits(max));
                Assert.Equal(en, n);
                compared++;
            }
        }

        Assert.Equal(1000, compared);
    }

    /// <summary>The definition: skip NaN, keep the first value that is strictly smaller (larger).</summary>
    private static (double Min, double Max, int Count) Sequential(double[] x)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var n = 0;
        foreach (var v in x)
        {
            if (!double.IsNaN(v))
            {
                n++;
                min = v < min ? v : min;
                max = v > max ? v : max;
            }
        }

        return (min, max, n);
    }
}
