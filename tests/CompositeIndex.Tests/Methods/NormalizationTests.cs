namespace CompositeIndex.Tests.Methods;

using static NormalizationTestKit;

/// <summary>Hand-calculated cases for every built-in normalisation (formulas in each method's XML docs).</summary>
public class NormalizationTests
{
    private const double Nan = double.NaN;

    [Fact]
    public void MinMax_Positive_MapsMinToLowerAndMaxToUpper()
    {
        // (x - 2) / (10 - 2) * 100: 2 -> 0, 4 -> 25, 10 -> 100; NaN stays NaN.
        Assert.Equal([0, 25, 100, Nan], One(Normalization.MinMax(), Polarity.Positive, 2, 4, 10, Nan));
    }

    [Fact]
    public void MinMax_Negative_MirrorsTheScale()
    {
        // (10 - x) / 8 * 100
        Assert.Equal([100, 75, 0], One(Normalization.MinMax(), Polarity.Negative, 2, 4, 10));
    }

    [Fact]
    public void MinMax_CustomRange_UsesLowerAndUpper()
    {
        Assert.Equal([1, 3.25, 10], One(Normalization.MinMax(1, 10), Polarity.Positive, 2, 4, 10));
    }

    [Fact]
    public void MinMax_ZeroRange_ThrowsNumericalExceptionNamingIndicatorAndPeriod()
    {
        var ex = Assert.Throws<NumericalException>(() => One(Normalization.MinMax(), Polarity.Positive, 5, 5, 5));
        Assert.Equal("x", ex.NodeId);
        Assert.Equal("2020", ex.Period);
        Assert.Contains("non-zero range", ex.Message);
    }

    [Fact]
    public void MinMax_PooledReference_UsesAllPeriods()
    {
        var (o, p) = Run(Normalization.MinMax(reference: NormalizationReference.Pooled), Polarity.Positive, ["2020", "2021"], [0, 5], [10, 20]);
        Assert.Equal([0, 25], o[0]);
        Assert.Equal([50, 100], o[1]);
        Assert.Contains(p, x => x.Name == "max" && x.Value == 20);
    }

    [Fact]
    public void MinMax_BasePeriodReference_AppliesBaseGoalposts()
    {
        var (o, _) = Run(Normalization.MinMax(reference: NormalizationReference.BasePeriod("2020")), Polarity.Positive, ["2020", "2021"], [0, 10], [5, 20]);
        Assert.Equal([0, 100], o[0]);
        Assert.Equal([50, 200], o[1]);
    }

    [Fact]
    public void MinMax_BasePeriodAbsent_ThrowsDataException()
    {
        var ex = Assert.Throws<IndexDataException>(() => Run(Normalization.MinMax(reference: NormalizationReference.BasePeriod("1999")), Polarity.Positive, ["2020"], [0, 10]));
        Assert.Contains("1999", ex.Message);
    }

    [Fact]
    public void ZScore_UsesSampleStandardDeviation()
    {
        // x = 2, 4, 6: mean 4, sample sd 2 -> -1, 0, 1
        Assert.Equal([-1, 0, 1], One(Normalization.ZScore(), Polarity.Positive, 2, 4, 6));
        Assert.Equal([1, 0, -1], One(Normalization.ZScore(), Polarity.Negative, 2, 4, 6));
        Assert.Equal([90, 100, 110], One(Normalization.ZScore(100, 10), Polarity.Positive, 2, 4, 6));
    }

    [Fact]
    public void ZScore_ZeroVariance_Throws()
    {
        Assert.Throws<NumericalException>(() => One(Normalization.ZScore(), Polarity.Positive, 3, 3));
    }

    [Fact]
    public void ZeroRangeOrVariance_WhenConstantMissing_GivesAllMissingLikeCoinr()
    {
        // COINr's n_minmax / n_zscore of a constant column compute 0/0 = NaN for every unit (and only warn).
        Assert.All(One(Normalization.MinMax(0, 100) with { WhenConstant = ConstantReferenceBehavior.Missing }, Polarity.Negative, 3, 3, double.NaN), v => Assert.True(double.IsNaN(v)));
        Assert.All(One(Normalization.ZScore(10, 2) with { WhenConstant = ConstantReferenceBehavior.Missing }, Polarity.Positive, 3, 3), v => Assert.True(double.IsNaN(v)));
        Assert.Equal([0, 100], One(Normalization.MinMax(0, 100) with { WhenConstant = ConstantReferenceBehavior.Missing }, Polarity.Positive, 1, 3));
    }

    [Fact]
    public void Goalposts_LifeExpectancy_MatchesUndpTechnicalNoteExample()
    {
        // UNDP HDR 2023/24 TN1 worked example style: (LE - 20) / (85 - 20); 72.5 -> 0.8076923...
        var y = One(Normalization.Goalposts(20, 85), Polarity.Positive, 72.5, 90, 10);
        Assert.Equal((72.5 - 20) / 65, y[0], 15);
        Assert.Equal(1, y[1]);   // capped at 85
        Assert.Equal(0, y[2]);   // floored at 20
    }

    [Fact]
    public void Goalposts_Log_UsesNaturalLogarithms()
    {
        var y = One(Normalization.Goalposts(100, 75_000, log: true), Polarity.Positive, 10_000);
        Assert.Equal((Math.Log(10_000) - Math.Log(100)) / (Math.Log(75_000) - Math.Log(100)), y[0], 15);
    }

    [Fact]
    public void Goalposts_NoCap_AllowsValuesAboveOne()
    {
        var y = One(Normalization.Goalposts(0, 10, cap: false), Polarity.Positive, 15);
        Assert.Equal(1.5, y[0], 15);
    }

    [Fact]
    public void Goalposts_Negative_InvertsWithinGoalposts()
    {
        var y = One(Normalization.Goalposts(0, 20), Polarity.Negative, 5);
        Assert.Equal(0.75, y[0], 15);
    }

    [Fact]
    public void Goalposts_LogOfNonPositiveValueWithoutFloor_Throws()
    {
        Assert.Throws<NumericalException>(() => One(Normalization.Goalposts(1, 10, log: true, floor: false), Polarity.Positive, 0));
    }

    [Fact]
    public void RatioToBase_Positive_IsHundredTimesRatio()
    {
        var (o, _) = Run(Normalization.RatioToBase("2022"), Polarity.Positive, ["2022", "2023"], [50, 200], [55, 180]);
        Assert.Equal([100, 100], o[0]);
        Assert.Equal(110, o[1][0], 12);
        Assert.Equal(90, o[1][1], 12);
    }

    [Fact]
    public void RatioToBase_NegativeReciprocal_IsHundredTimesBaseOverValue()
    {
        var (o, _) = Run(Normalization.RatioToBase("2022"), Polarity.Negative, ["2022", "2023"], [10], [8]);
        Assert.Equal(125, o[1][0], 12);
    }

    [Fact]
    public void RatioToBase_NegativeMirror_IsTwoHundredMinusRatio()
    {
        var (o, _) = Run(Normalization.RatioToBase("2022", InversionRule.Mirror), Polarity.Negative, ["2022", "2023"], [10], [8]);
        Assert.Equal(120, o[1][0], 12);
    }

    [Fact]
    public void RatioToBase_ZeroBase_ThrowsNamingUnit()
    {
        var ex = Assert.Throws<NumericalException>(() => Run(Normalization.RatioToBase("2022"), Polarity.Positive, ["2022", "2023"], [0, 1], [1, 1]));
        Assert.Equal("u0", ex.UnitId);
    }

    [Fact]
    public void Rank_AverageTies_TiesGetAverageRank()
    {
        Assert.Equal([1, 2.5, 2.5, 4, Nan], One(Normalization.Rank(RankTies.Average), Polarity.Positive, 1, 5, 5, 9, Nan));
        Assert.Equal([4, 2.5, 2.5, 1], One(Normalization.Rank(RankTies.Average), Polarity.Negative, 1, 5, 5, 9));
    }

    [Fact]
    public void Rank_DefaultTies_TiesShareLowestRankAsCoinr()
    {
        // COINr n_rank = rank(x, ties.method = "min", na.last = "keep").
        Assert.Equal([1, 2, 2, 4, Nan], One(Normalization.Rank(), Polarity.Positive, 1, 5, 5, 9, Nan));
        Assert.Equal([4, 2, 2, 1], One(Normalization.Rank(), Polarity.Negative, 1, 5, 5, 9));
    }

    [Fact]
    public void PercentileRank_WorstIsZeroBestIsScale()
    {
        Assert.Equal([0, 50, 100], One(Normalization.PercentileRank(), Polarity.Positive, 3, 7, 11));
        Assert.Equal([100, 50, 0], One(Normalization.PercentileRank(), Polarity.Negative, 3, 7, 11));
    }

    [Fact]
    public void DistanceToTarget_CapsAtTarget()
    {
        // min 0, target 10: 5 -> 0.5, 12 -> capped 1
        Assert.Equal([0, 0.5, 1], One(Normalization.DistanceToTarget(10), Polarity.Positive, 0, 5, 12));
        // negative: max 20, target 10: (20 - 15)/(20 - 10) = 0.5; 8 -> beyond target -> 1
        Assert.Equal([0, 0.5, 1], One(Normalization.DistanceToTarget(10), Polarity.Negative, 20, 15, 8));
    }

    [Fact]
    public void Methods_DoNotMutateTheirInput()
    {
        double[] input = [3, 1, 2];
        var copy = input.ToArray();
        One(Normalization.Rank(), Polarity.Negative, input);
        One(Normalization.MinMax(), Polarity.Negative, input);
        Assert.Equal(copy, input);
    }
}
