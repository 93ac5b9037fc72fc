using CompositeIndex.Analysis;

namespace CompositeIndex.Tests.Analysis;

public class DecimalStatisticsTests
{
    [Fact]
    public void Moments_HandCalculation_Exact()
    {
        decimal[] x = [1m, 2m, 3m, 4m];
        Assert.Equal(2.5m, DecimalStatistics.Mean(x));
        Assert.True(Math.Abs(DecimalStatistics.Variance(x) - (5m / 3m)) <= 1e-27m);

        // Σ(d_i d_{i−1}) = (−0.5·−1.5) + (0.5·−0.5) + (1.5·0.5) = 1.25; Σd² = 5.
        Assert.Equal(0.25m, DecimalStatistics.Lag1Autocorrelation(x));
    }

    [Fact]
    public void StandardDeviation_TwoValues_IsHalfTheDistanceTimesSqrt2()
    {
        // sd of {a, a + 2h} is h·√2; with many digits and a tiny spread.
        decimal[] x = [123456789012.000001m, 123456789012.000003m];
        var sd = DecimalStatistics.StandardDeviation(x);
        Assert.True(Math.Abs((double)(sd / 0.000001m) - Math.Sqrt(2)) < 1e-15, sd.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StandardDeviation_Constant_IsZero() =>
        Assert.Equal(0m, DecimalStatistics.StandardDeviation([7.25m, 7.25m, 7.25m]));

    [Fact]
    public void Lag1Autocorrelation_Constant_Throws() =>
        Assert.Throws<ArgumentException>(() => DecimalStatistics.Lag1Autocorrelation([1m, 1m]));

    [Fact]
    public void Mean_Empty_Throws() => Assert.Throws<ArgumentException>(() => DecimalStatistics.Mean([]));

    [Fact]
    public void Variance_OneValue_Throws() => Assert.Throws<ArgumentException>(() => DecimalStatistics.Variance([1m]));

    [Fact]
    public void Variance_BeyondDecimalRange_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalStatistics.Variance([-1e20m, 1e20m]));

    [Fact]
    public void Mean_LargeValuesSmallSpread_StaysInRange() =>
        Assert.Equal(7e28m + 1m, DecimalStatistics.Mean([7e28m, 7e28m + 2m]));

    [Fact]
    public void Parse_InvariantTextWithExponent_KeepsEveryDigit()
    {
        var x = DecimalStatistics.Parse([" 10000000.2 ", "1.5E-3", "-0"]);
        Assert.Equal([10000000.2m, 0.0015m, 0m], x);
    }

    [Fact]
    public void Parse_DecimalComma_ThrowsDataExceptionWithLine()
    {
        var e = Assert.Throws<IndexDataException>(() => DecimalStatistics.Parse(["1.5", "2,5"], "sample.csv"));
        Assert.Equal(2, e.Line);
        Assert.Contains("sample.csv", e.Message, StringComparison.Ordinal);
    }
}
