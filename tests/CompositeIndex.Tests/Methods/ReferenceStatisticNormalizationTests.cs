namespace CompositeIndex.Tests.Methods;

/// <summary>Hand-calculated cases for relativeToStatistic and aboveBelowMean (Handbook 2008, §5.2 and Table 15).</summary>
public class ReferenceStatisticNormalizationTests
{
    // x = 2, 4, 6, NaN: mean 4, max 6, min 2.
    private static readonly double[] X = [2, 4, 6, double.NaN];

    private static void Near(double[] expected, double[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 15);
        }
    }

    [Theory]
    [InlineData(ReferenceStatistic.Mean, RelativeForm.Ratio, 0.5, 1.0, 1.5)]
    [InlineData(ReferenceStatistic.Maximum, RelativeForm.Ratio, 1.0 / 3, 2.0 / 3, 1.0)]
    [InlineData(ReferenceStatistic.Minimum, RelativeForm.Ratio, 1.0, 2.0, 3.0)]
    [InlineData(ReferenceStatistic.Mean, RelativeForm.RelativeDifference, -0.5, 0.0, 0.5)]
    [InlineData(ReferenceStatistic.Minimum, RelativeForm.RelativeDifference, 0.0, 1.0, 2.0)]
    public void RelativeToStatistic_PositivePolarity_MatchesHandCalculation(ReferenceStatistic statistic, RelativeForm form, double a, double b, double c)
    {
        var y = NormalizationTestKit.One(Normalization.RelativeToStatistic(statistic, form), Polarity.Positive, X);
        Near([a, b, c], y);
        Assert.True(double.IsNaN(y[3]));
    }

    [Fact]
    public void RelativeToStatistic_NegativePolarity_ReversesTheOrder()
    {
        var ratio = NormalizationTestKit.One(Normalization.RelativeToStatistic(ReferenceStatistic.Mean), Polarity.Negative, X);
        Near([2.0, 1.0, 4.0 / 6], ratio);
        var diff = NormalizationTestKit.One(Normalization.RelativeToStatistic(ReferenceStatistic.Mean, RelativeForm.RelativeDifference), Polarity.Negative, X);
        Near([0.5, 0.0, -0.5], diff);
    }

    [Fact]
    public void RelativeToStatistic_ZeroStatistic_ThrowsNumericalExceptionNamingTheIndicator()
    {
        var ex = Assert.Throws<NumericalException>(() => NormalizationTestKit.One(Normalization.RelativeToStatistic(ReferenceStatistic.Minimum), Polarity.Positive, 0, 1, 2));
        Assert.Equal("x", ex.NodeId);
        Assert.Contains("min", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AboveBelowMean_TwentyPercent_ClassifiesAroundTheMean()
    {
        // mean 10: 7.9/10 < 0.8 → −1; 8 and 12 are on the boundaries (not strictly beyond) → 0; 12.1 → +1.
        var y = NormalizationTestKit.One(Normalization.AboveBelowMean(), Polarity.Positive, 7.9, 8, 12, 12.1, 10);
        Assert.Equal([-1.0, 0, 0, 1, 0], y);
        var negative = NormalizationTestKit.One(Normalization.AboveBelowMean(), Polarity.Negative, 7.9, 8, 12, 12.1, 10);
        Assert.Equal([1.0, 0, 0, -1, 0], negative.Select(v => v + 0.0).ToArray());
    }

    [Fact]
    public void AboveBelowMean_InvalidThreshold_IsAValidationError()
    {
        var errors = new List<DefinitionError>();
        new AboveBelowMeanNormalization { Threshold = 1.5 }.Validate("$.normalization", errors);
        Assert.Contains(errors, e => e.Path == "$.normalization.threshold");
    }
}
