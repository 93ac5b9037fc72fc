using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>
/// Issue #22: the Sobol' estimators and their bootstrap run on a vectorised kernel (differences f(AB_i) − f(A) stored
/// once per row, four factors per vector, sums in registers). It must give exactly what the estimator written out one
/// factor and one row at a time gives (the definition in <see cref="SobolAnalyzer"/>'s remarks), bit for bit, for
/// factor counts on both sides of the kernel's chunk sizes (4 per vector, 16 per pass) and for odd and even N.
/// </summary>
public class SobolBootstrapKernelTests
{
    [Theory]
    [InlineData(1, 7, 5)]
    [InlineData(3, 64, 11)]
    [InlineData(4, 33, 9)]
    [InlineData(5, 50, 7)]
    [InlineData(10, 129, 20)]
    [InlineData(17, 40, 6)]
    [InlineData(21, 31, 4)]
    public void Analyze_EqualsTheEstimatorWrittenOutRowByRow_Bitwise(int k, int n, int resamples)
    {
        var design = SobolDesign.Create(k, n, seed: (ulong)(k * 100 + n), BasePoints.PseudoRandom);
        var y = new double[design.RunCount];
        var x = new double[k];
        for (var r = 0; r < y.Length; r++)
        {
            design.GetRun(r, x);
            double v = 0;
            for (var i = 0; i < k; i++)
            {
                v += (i + 1) * Math.Sin(6 * x[i]) * (i % 3 == 0 ? x[(i + 1) % k] : 1);
            }

            y[r] = v;
        }

        var options = new SobolAnalysisOptions { Resamples = resamples, ConfidenceLevel = 0.9, Stream = 3 };
        var actual = SobolAnalyzer.Analyze(design, y, options);

        var (s1, st, mean, variance) = Reference(k, n, y, null);
        var s1b = new double[resamples][];
        var stb = new double[resamples][];
        for (var b = 0; b < resamples; b++)
        {
            var rng = RandomStream.Create(design.Seed, RandomStream.Purpose.Bootstrap, 3, (ulong)b);
            var idx = new int[n];
            for (var j = 0; j < n; j++)
            {
                idx[j] = rng.NextInt(n);
            }

            (s1b[b], stb[b], _, _) = Reference(k, n, y, idx);
        }

        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.95);
        Assert.Equal(Bits(mean), Bits(actual.Mean));
        Assert.Equal(Bits(variance), Bits(actual.Variance));
        var compared = 0;
        for (var i = 0; i < k; i++)
        {
            var f = actual.Factors[i];
            Assert.Equal(Bits(s1[i]), Bits(f.S1));
            Assert.Equal(Bits(st[i]), Bits(f.ST));
            Assert.Equal(Bits(z * Stats.MeanSd([.. s1b.Select(s => s[i])]).Sd), Bits(f.S1Conf));
            Assert.Equal(Bits(z * Stats.MeanSd([.. stb.Select(s => s[i])]).Sd), Bits(f.STConf));
            compared += 4;
        }

        Assert.Equal(4 * k, compared);
    }

    [Fact]
    public void MeanAndM2_EqualsTheMomentsMeanAndM2_Bitwise()
    {
        var rng = new Random(22);
        var compared = 0;
        for (var length = 0; length < 120; length++)
        {
            var x = new double[length];
            for (var i = 0; i < length; i++)
            {
                x[i] = rng.Next(9) == 0 ? double.NaN : 1e3 + ((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 4)));
            }

            var expected = Stats.Moments.Of(x);
            var (mean, m2) = Stats.MeanAndM2(x);
            Assert.Equal(Bits(expected.Mean), Bits(mean));
            Assert.Equal(Bits(expected.M2), Bits(m2));
            compared++;
        }

        Assert.Equal(120, compared);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 14)]
    [InlineData(1_000_003)]
    [InlineData(int.MaxValue)]
    public void NextInts_EqualsRepeatedNextInt(int n)
    {
        var a = RandomStream.Create(5, RandomStream.Purpose.Bootstrap, 1, (ulong)n);
        var b = a;
        var many = new int[1000];
        a.NextInts(n, many);
        for (var j = 0; j < many.Length; j++)
        {
            Assert.Equal(b.NextInt(n), many[j]);
        }

        Assert.Equal(a.NextUInt64(), b.NextUInt64()); // both streams consumed the same draws
    }

    /// <summary>
    /// The estimators one factor and one row at a time, from the outputs in the design's run order (A, AB_1 … AB_k, B per
    /// row): f centred on the refined mean of the pooled A and B outputs (A_0, B_0, A_1, B_1, …), V = Σd²/2N,
    /// S_i = (1/N) Σ_j (f(B)_j − mean)·(f(AB_i)_j − f(A)_j) / V, ST_i = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V; rows
    /// <paramref name="idx"/> (a bootstrap resample) or all rows in order.
    /// </summary>
    private static (double[] S1, double[] ST, double Mean, double Variance) Reference(int k, int n, double[] y, int[]? idx)
    {
        var stride = k + 2;
        var pooled = new double[2 * n];
        for (var j = 0; j < n; j++)
        {
            var r = idx is null ? j : idx[j];
            pooled[2 * j] = y[r * stride];
            pooled[(2 * j) + 1] = y[(r * stride) + stride - 1];
        }

        var moments = Stats.Moments.Of(pooled);
        var mean = moments.Mean;
        var variance = moments.M2 / (2.0 * n);
        var s1 = new double[k];
        var st = new double[k];
        for (var i = 0; i < k; i++)
        {
            double first = 0, total = 0;
            for (var j = 0; j < n; j++)
            {
                var r = idx is null ? j : idx[j];
                var a = y[r * stride];
                var b = y[(r * stride) + stride - 1] - mean;
                var ab = y[(r * stride) + 1 + i];
                first += b * (ab - a);
                var d = a - ab;
                total += d * d;
            }

            s1[i] = first / n / variance;
            st[i] = total / (2.0 * n) / variance;
        }

        return (s1, st, mean, variance);
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
