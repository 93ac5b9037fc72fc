using CompositeIndex.Serialization;
using static CompositeIndex.Tests.Methods.NormalizationTestKit;

namespace CompositeIndex.Tests.Methods;

/// <summary>Hand-calculated cases for the categorical scale by percentile bands (Handbook 2008 §5.2, Table 15).</summary>
public class CategoricalNormalizationTests
{
    [Fact]
    public void Normalize_TwentyUnits_LowerCutOffIsInsideTheBand()
    {
        // x = 1..20: P = 100·r/20 = 5r. P = 95 (r = 19) is in the top band, P = 85 (r = 17) in the 80 band,
        // P = 65 in the 60 band, P = 35 in the 50 band, P = 15 in the 40 band, P = 5 (r = 1) in the 20 band.
        var method = Normalization.Categorical((95, 100), (85, 80), (65, 60), (35, 50), (15, 40), (5, 20), (0, 0));
        var y = One(method, Polarity.Positive, [.. Enumerable.Range(1, 20).Select(i => (double)i)]);
        double[] expected = [20, 20, 40, 40, 40, 40, 50, 50, 50, 50, 50, 50, 60, 60, 60, 60, 80, 80, 100, 100];
        Assert.Equal(expected, y);
    }

    private static readonly CategoricalNormalization FourBands = Normalization.Categorical((90, 4), (60, 3), (50, 2), (0, 1));

    [Fact]
    public void Normalize_Ties_ShareTheLowestRanksPercentile()
    {
        // x = 1, 2, 2, 3: minimum ranks 1, 2, 2, 4 → P = 25, 50, 50, 100 → scores 1, 2, 2, 4.
        Assert.Equal([1, 2, 2, 4], One(FourBands, Polarity.Positive, 1, 2, 2, 3));

        // Average ranks 1, 2.5, 2.5, 4 → P = 25, 62.5, 62.5, 100 → 1, 3, 3, 4.
        Assert.Equal([1, 3, 3, 4], One(FourBands with { Ties = RankTies.Average }, Polarity.Positive, 1, 2, 2, 3));
    }

    [Fact]
    public void Normalize_NegativePolarity_PutsTheLowestValueInTheTopBand()
    {
        // −x = −1, −2, −2, −3: minimum ranks 4, 2, 2, 1 → P = 100, 50, 50, 25.
        Assert.Equal([4, 2, 2, 1], One(FourBands, Polarity.Negative, 1, 2, 2, 3));
    }

    [Fact]
    public void Normalize_MissingValues_StayMissingAndAreNotCounted()
    {
        // n = 2: P = 50 and 100.
        var y = One(Normalization.Categorical((75, 2), (50, 1), (0, 0)), Polarity.Positive, 1, double.NaN, 3);
        Assert.Equal([1, double.NaN, 2], y);
        Assert.Equal([double.NaN, double.NaN], One(FourBands, Polarity.Positive, double.NaN, double.NaN));
    }

    [Fact]
    public void Normalize_SingleUnit_IsAtPercentile100OrAt50WhenContinuous()
    {
        Assert.Equal([4], One(FourBands, Polarity.Positive, 7));
        Assert.Equal([2], One(FourBands with { Form = PercentileForm.Continuous }, Polarity.Positive, 7));
    }

    [Fact]
    public void Normalize_ContinuousForm_UsesRankMinusOneOverNMinusOne()
    {
        // x = 1..5: P = 0, 25, 50, 75, 100.
        var method = Normalization.Categorical((75, 2), (50, 1), (0, 0)) with { Form = PercentileForm.Continuous };
        Assert.Equal([0, 0, 1, 2, 2], One(method, Polarity.Positive, 1, 2, 3, 4, 5));
    }

    [Fact]
    public void Normalize_SeveralPeriods_RanksWithinEachPeriod()
    {
        var (output, _) = Run(Normalization.Categorical((50, 1), (0, 0)), Polarity.Positive, ["2020", "2021"], [1, 2, 3, 4], [4, 3, 2, 1]);
        Assert.Equal([0, 1, 1, 1], output[0]);
        Assert.Equal([1, 1, 1, 0], output[1]);
    }

    [Fact]
    public void Validate_BadBands_ReportsEveryProblemAtItsPath()
    {
        var errors = new List<DefinitionError>();
        new CategoricalNormalization([new(85, 80), new(95, 100), new(120, double.NaN), new(10, 0)]).Validate("$.normalization", errors);
        var paths = errors.Select(e => e.Path).ToHashSet();
        Assert.Contains("$.normalization.bands[1].fromPercentile", paths);   // 95 is not below 85
        Assert.Contains("$.normalization.bands[1].score", paths);            // 100 above the band above it (80)
        Assert.Contains("$.normalization.bands[2].fromPercentile", paths);   // outside [0, 100]
        Assert.Contains("$.normalization.bands[2].score", paths);            // not finite
        Assert.Contains("$.normalization.bands[3].fromPercentile", paths);   // the last band must start at 0
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidParameter, e.Code));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Validate_NoBands_IsAMissingError()
    {
        var errors = new List<DefinitionError>();
        new CategoricalNormalization([]).Validate("$.normalization", errors);
        var e = Assert.Single(errors);
        Assert.Equal(("$.normalization.bands", ErrorCodes.Missing), (e.Path, e.Code));
    }

    [Fact]
    public void Validate_EqualCutOffs_AreRejectedButEqualScoresAreAllowed()
    {
        var errors = new List<DefinitionError>();
        new CategoricalNormalization([new(50, 1), new(50, 1), new(0, 1)]).Validate("$.n", errors);
        Assert.Equal("$.n.bands[1].fromPercentile", Assert.Single(errors).Path);
    }

    [Fact]
    public void Load_JsonWithUnorderedBands_ThrowsWithTheBandPath()
    {
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load("""
            { "schemaVersion": 2, "id": "t", "name": "T",
              "indicators": [ { "id": "a" } ],
              "groups": [ { "id": "g", "children": [ { "id": "a" } ] } ],
              "normalization": { "method": "categorical", "bands": [
                { "fromPercentile": 50, "score": 1 }, { "fromPercentile": 60, "score": 0 }, { "fromPercentile": 0, "score": 0 } ] } }
            """));
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.normalization.bands[1].fromPercentile");
    }

    [Fact]
    public void Load_SaveOfCategorical_EqualsOriginal()
    {
        var method = Normalization.Categorical((95, 100), (85, 80), (0, 0)) with { Ties = RankTies.Average };
        var d = IndexBuilder.Create("t", "T").Indicator("a").Group("g", g => g.Add("a")).Normalize(method).Build();
        var json = IndexDefinitionJson.Save(d);
        Assert.Contains("\"fromPercentile\": 95", json, StringComparison.Ordinal);
        var back = IndexDefinitionJson.Load(json);
        Assert.Equal(d, back);
        Assert.Equal(method.GetHashCode(), back.Normalization!.GetHashCode());
        Assert.NotEqual(method, method with { Bands = [new(95, 100), new(0, 0)] });
    }
}
