using CompositeIndex.Serialization;
using static CompositeIndex.Tests.Methods.NormalizationTestKit;

namespace CompositeIndex.Tests.Methods;

/// <summary>Hand-calculated cases for percentileRank's two forms (COINr (r − 1)/(n − 1); Handbook 2008 Table 15 r/n).</summary>
public class PercentileRankNormalizationTests
{
    // x = 3, 7, 7, 11, NaN: minimum ranks 1, 2, 2, 4 among n = 4 present values (average ranks 1, 2.5, 2.5, 4).
    private static readonly double[] X = [3, 7, 7, 11, double.NaN];

    [Fact]
    public void Normalize_RankOverCountWithTies_Is100RankOverN()
    {
        var y = One(Normalization.PercentileRank(form: PercentileForm.RankOverCount), Polarity.Positive, X);
        Assert.Equal([25, 50, 50, 100], y[..4]);
        Assert.True(double.IsNaN(y[4]));
    }

    [Fact]
    public void Normalize_RankOverCountNegativePolarity_RanksTheLowestValueBest()
    {
        // −x = −3, −7, −7, −11: minimum ranks 4, 2, 2, 1.
        var y = One(Normalization.PercentileRank(form: PercentileForm.RankOverCount), Polarity.Negative, X);
        Assert.Equal([100, 50, 50, 25], y[..4]);
    }

    [Fact]
    public void Normalize_RankOverCountAverageTies_UsesTheMeanRank()
    {
        var method = Normalization.PercentileRank(1, PercentileForm.RankOverCount) with { Ties = RankTies.Average };
        Assert.Equal([0.25, 0.625, 0.625, 1], One(method, Polarity.Positive, X)[..4]);
    }

    [Fact]
    public void Normalize_ContinuousDefault_IsUnchanged()
    {
        // (r − 1)/(n − 1) with r = 1, 2, 2, 4 and n = 4: 0, 1/3, 1/3, 1.
        Assert.Equal(PercentileForm.Continuous, new PercentileRankNormalization().Form);
        var y = One(Normalization.PercentileRank(), Polarity.Positive, X);
        Assert.Equal([0, 100.0 / 3, 100.0 / 3, 100], y[..4]);
    }

    [Fact]
    public void Normalize_SingleUnit_IsScaleForRankOverCountAndHalfForContinuous()
    {
        Assert.Equal([100, double.NaN], One(Normalization.PercentileRank(form: PercentileForm.RankOverCount), Polarity.Positive, 5, double.NaN));
        Assert.Equal([50, double.NaN], One(Normalization.PercentileRank(), Polarity.Positive, 5, double.NaN));
    }

    [Fact]
    public void Validate_UnknownForm_IsAnErrorAtItsPath()
    {
        var errors = new List<DefinitionError>();
        new PercentileRankNormalization { Form = (PercentileForm)7 }.Validate("$.normalization", errors);
        Assert.Contains(errors, e => e.Path == "$.normalization.form");
    }

    [Fact]
    public void Load_RankOverCountForm_ReadsTheCamelCaseName()
    {
        var d = IndexDefinitionJson.Load("""
            { "schemaVersion": 2, "id": "t", "name": "T",
              "indicators": [ { "id": "a" } ],
              "groups": [ { "id": "g", "children": [ { "id": "a" } ] } ],
              "normalization": { "method": "percentileRank", "form": "rankOverCount" } }
            """);
        Assert.Equal(Normalization.PercentileRank(form: PercentileForm.RankOverCount), d.Normalization);
        Assert.Equal(d, IndexDefinitionJson.Load(IndexDefinitionJson.Save(d)));
    }
}
