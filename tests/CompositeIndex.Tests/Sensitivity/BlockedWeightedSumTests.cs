namespace CompositeIndex.Tests.Sensitivity;

/// <summary>
/// Issue #22: the sensitivity fast path sums a group's child columns with a register-blocked kernel
/// (<c>AggregationKernel.WeightedSumBlocked</c>: 32/8 cells per block at 512 bits, 16/4 at 256 bits, then one cell at a
/// time). Every cell must be exactly <c>s = 0; s = s + w₀·x₀; s = s + w₁·x₁; …</c> in child order (one IEEE multiply
/// and one IEEE add per term), the formula written out below, for column lengths on both sides of every block size and
/// for values where the order or a fused multiply-add would show: signed zeros, NaN, infinities, subnormals, cancelling
/// magnitudes.
/// </summary>
public class BlockedWeightedSumTests
{
    private static readonly double[] Specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, 1e308, -1e308, 1e-300, 1 + 1e-15, 3.0];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(17)]
    public void WeightedSumBlocked_EqualsTheSumWrittenOutPerCell_Bitwise(int children)
    {
        var rng = new Random(children);
        var compared = 0;
        for (var size = 0; size <= 75; size++)
        {
            for (var rep = 0; rep < 6; rep++)
            {
                var special = rep >= 3;
                var columns = new double[children][];
                var offsets = new int[children];
                var weights = new double[children];
                for (var c = 0; c < children; c++)
                {
                    // Each column in its own array at its own offset (some share an array), as the fast path lays them out.
                    offsets[c] = rng.Next(0, 9);
                    columns[c] = c > 0 && rng.Next(3) == 0 ? columns[c - 1] : new double[offsets[c] + size + rng.Next(0, 5)];
                    if (columns[c].Length < offsets[c] + size)
                    {
                        columns[c] = new double[offsets[c] + size];
                    }

                    for (var i = 0; i < columns[c].Length; i++)
                    {
                        columns[c][i] = Value(rng, special);
                    }

                    weights[c] = special && rng.Next(4) == 0 ? Specials[rng.Next(Specials.Length)] : rng.NextDouble() * (rng.Next(2) == 0 ? 1 : -1);
                }

                var output = new double[size];
                output.AsSpan().Fill(42);
                AggregationKernel.WeightedSumBlocked(output, weights, columns, offsets);
                for (var i = 0; i < size; i++)
                {
                    double s = 0;
                    for (var c = 0; c < children; c++)
                    {
                        s = s + (weights[c] * columns[c][offsets[c] + i]);
                    }

                    Assert.Equal(BitConverter.DoubleToInt64Bits(s), BitConverter.DoubleToInt64Bits(output[i]));
                    compared++;
                }
            }
        }

        Assert.Equal(6 * 75 * 76 / 2, compared);
    }

    [Fact]
    public void WeightedSumBlocked_SignedZeroProducts_StartFromPositiveZero()
    {
        // 0 + (−0) = +0: a kernel that started from the first product instead of 0 would give −0 here.
        double[][] columns = [[-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0]];
        var output = new double[33];
        AggregationKernel.WeightedSumBlocked(output, [1.0], columns, [0]);
        Assert.All(output, v => Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(v)));
    }

    private static double Value(Random rng, bool special) =>
        special && rng.Next(5) == 0 ? Specials[rng.Next(Specials.Length)] : (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-3, 4));
}
