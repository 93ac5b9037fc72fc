namespace CompositeIndex.Tests.Methods;

/// <summary>Hand-calculated cases for the built-in aggregations and their contribution shares.</summary>
public class AggregationTests
{
    private static readonly double[] X = [1, 4, 16];
    private static readonly double[] W = [0.5, 0.25, 0.25];

    [Fact]
    public void Arithmetic_IsWeightedSum() => Assert.Equal((0.5 * 1) + (0.25 * 4) + (0.25 * 16), Aggregation.Arithmetic().Aggregate(X, W), 14);

    [Fact]
    public void Geometric_IsWeightedProduct() => Assert.Equal(Math.Pow(1, 0.5) * Math.Pow(4, 0.25) * Math.Pow(16, 0.25), Aggregation.Geometric().Aggregate(X, W), 14);

    [Fact]
    public void Harmonic_IsReciprocalOfWeightedReciprocals() => Assert.Equal(1 / ((0.5 / 1) + (0.25 / 4) + (0.25 / 16)), Aggregation.Harmonic().Aggregate(X, W), 14);

    [Fact]
    public void PowerMean_OrderTwo_IsQuadraticMean() => Assert.Equal(Math.Sqrt((0.5 * 1) + (0.25 * 16) + (0.25 * 256)), Aggregation.PowerMean(2).Aggregate(X, W), 12);

    [Fact]
    public void PowerMean_OrderOne_EqualsArithmetic() => Assert.Equal(Aggregation.Arithmetic().Aggregate(X, W), Aggregation.PowerMean(1).Aggregate(X, W), 12);

    [Fact]
    public void Minimum_IgnoresWeights() => Assert.Equal(1, Aggregation.Minimum().Aggregate(X, W));

    [Fact]
    public void Means_AreOrdered_ArithmeticGeometricHarmonic()
    {
        var a = Aggregation.Arithmetic().Aggregate(X, W);
        var g = Aggregation.Geometric().Aggregate(X, W);
        var h = Aggregation.Harmonic().Aggregate(X, W);
        Assert.True(a >= g && g >= h && h >= Aggregation.Minimum().Aggregate(X, W));
    }

    [Fact]
    public void ArithmeticShares_AreWeightedShares()
    {
        var score = Aggregation.Arithmetic().Aggregate(X, W);
        var s = new double[3];
        Aggregation.Arithmetic().Shares(X, W, score, s);
        Assert.Equal(0.5 / score, s[0], 14);
        Assert.Equal(1.0, s.Sum(), 14);
    }

    [Fact]
    public void GeometricShares_AreSharesOfTheLog()
    {
        double[] x = [2, 4, 8];
        var score = Aggregation.Geometric().Aggregate(x, W);
        var s = new double[3];
        Aggregation.Geometric().Shares(x, W, score, s);
        var logs = (0.5 * Math.Log(2)) + (0.25 * Math.Log(4)) + (0.25 * Math.Log(8));
        Assert.Equal(0.25 * Math.Log(8) / logs, s[2], 14);
        Assert.Equal(1.0, s.Sum(), 14);
    }

    [Fact]
    public void Geometric_Domain_RejectsZeroAndNegatives()
    {
        Assert.False(Aggregation.Geometric().IsInDomain(0));
        Assert.False(Aggregation.Geometric().IsInDomain(-1));
        Assert.True(Aggregation.Geometric().IsInDomain(1e-300));
    }

    [Fact]
    public void PowerMean_ZeroPower_IsValidationError()
    {
        var errors = new List<DefinitionError>();
        Aggregation.PowerMean(0).Validate("$.aggregation", errors);
        Assert.Single(errors);
        Assert.Equal("$.aggregation.power", errors[0].Path);
    }
}
