using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity;

public class SobolSequenceTests
{
    // Published unscrambled Sobol' points with the Joe–Kuo new-joe-kuo-6.21201 direction numbers, Gray-code order,
    // point 0 = origin. Dimensions 1 and 2: the 8 points SciPy's test suite lists as "theoretical values from Joe Kuo 2010"
    // (scipy/stats/tests/test_qmc.py, TestSobol.unscramble_nd); dimension 1 and 3: SciPy's test_Unscrambled1DSobol /
    // test_Unscrambled3DSobol (first 10 points). Dimension 3 (s = 2, a = 1, m = 1, 3) also checks by hand:
    // v = 1/2, 3/4, 3/8, ...; x_2 = v1 ⊕ v2 = 1/4, x_4 = v2 ⊕ v3 = 5/8.
    private static readonly double[] Dim1 = [0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875];
    private static readonly double[] Dim2 = [0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625];
    private static readonly double[] Dim3 = [0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375, 0.4375];

    [Fact]
    public void GetPoint_Unshifted_MatchesPublishedJoeKuoPointsExactly()
    {
        var seq = new SobolSequence(3);
        var p = new double[3];
        for (var i = 0; i < 10; i++)
        {
            seq.GetPoint(i, p);
            Assert.Equal(Dim1[i], p[0]);
            if (i < Dim2.Length)
            {
                Assert.Equal(Dim2[i], p[1]);
            }

            Assert.Equal(Dim3[i], p[2]);
        }
    }

    [Fact]
    public void GetPoint_AllDimensions_FirstPowerOfTwoPointsAreStratified()
    {
        // A (0, m, s)-net property every dimension has: the first 2^m points put exactly one point in each interval
        // [k/2^m, (k+1)/2^m) of every single coordinate.
        var seq = new SobolSequence(SobolSequence.MaxDimensions);
        const int n = 256;
        var counts = new int[SobolSequence.MaxDimensions, n];
        var p = new double[SobolSequence.MaxDimensions];
        for (var i = 0; i < n; i++)
        {
            seq.GetPoint(i, p);
            for (var d = 0; d < p.Length; d++)
            {
                counts[d, (int)(p[d] * n)]++;
            }
        }

        foreach (var c in counts)
        {
            Assert.Equal(1, c);
        }
    }

    [Fact]
    public void GetPoint_ShiftedSameSeed_IsReproducibleAndDiffersFromOtherSeeds()
    {
        var a = new double[4];
        var b = new double[4];
        var c = new double[4];
        new SobolSequence(4, 0).GetPoint(5, a);
        new SobolSequence(4, 0).GetPoint(5, b);
        new SobolSequence(4, 1).GetPoint(5, c);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Constructor_DimensionOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SobolSequence(SobolSequence.MaxDimensions + 1));
    }

    [Fact]
    public void Integration_SmoothIntegrand_SobolRmseAtLeastTenTimesSmallerThanPseudoRandom()
    {
        // ∫ Π_{i=1..5} (π/2) sin(π x_i) dx = 1 over [0, 1]^5. 16 independent replications (digital shifts vs
        // pseudo-random seeds) at N = 4096 each; assert RMSE ratio (Sobol / MC) < 0.1.
        const int d = 5, n = 4096, reps = 16;
        double seSobol = 0, seMc = 0;
        var x = new double[2 * d];
        for (var r = 0; r < reps; r++)
        {
            var seq = new SobolSequence(d, (ulong)r);
            var mc = SobolDesign.Create(d, n, (ulong)(1000 + r), BasePoints.PseudoRandom);
            double sumS = 0, sumM = 0;
            for (var i = 0; i < n; i++)
            {
                seq.GetPoint(i, x);
                sumS += F(x);
                mc.GetA(i).CopyTo(x);
                sumM += F(x);
            }

            seSobol += Math.Pow((sumS / n) - 1, 2);
            seMc += Math.Pow((sumM / n) - 1, 2);
        }

        var ratio = Math.Sqrt(seSobol / reps) / Math.Sqrt(seMc / reps);
        Assert.True(ratio < 0.1, $"RMSE ratio Sobol/MC = {ratio}");

        static double F(ReadOnlySpan<double> u)
        {
            double f = 1;
            for (var i = 0; i < d; i++)
            {
                f *= Math.PI / 2 * Math.Sin(Math.PI * u[i]);
            }

            return f;
        }
    }
}
