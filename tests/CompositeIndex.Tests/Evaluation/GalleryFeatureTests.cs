using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>
/// Issue #19's list of format features, each on a small definition with values worked by hand (the gallery tests use
/// them on published data; these pin each rule down on its own): conditional, clamp, min, max, sum, power, reciprocal
/// and compare in output expressions; <c>onNonFinite</c>; output ranking scope, basis and tie rules; ranks in
/// expressions; a publication threshold with <c>indicatorCount</c>; the exponential rank transformation; panel gap filling.
/// </summary>
public sealed class GalleryFeatureTests
{
    private static IndexResult Run(string json, Panel panel) => CompiledIndex.Compile(IndexDefinitionJson.Load(json)).Evaluate(panel);

    private const string MathJson = """
        {
          "schemaVersion": 2, "id": "m", "name": "Math",
          "indicators": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
          "groups": [{"id": "root", "children": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}],
          "normalization": {"method": "goalposts", "min": 0, "max": 1},
          "outputs": [
            {"id": "clamped", "value": {"method": "clamp", "value": {"method": "score", "node": "a"}, "min": 0.2, "max": 0.8}},
            {"id": "zeroFix", "value": {"method": "conditional",
              "if": {"method": "compare", "left": {"method": "score", "node": "a"}, "operator": "equal", "right": {"method": "constant", "value": 0}},
              "then": {"method": "constant", "value": 0.01}, "else": {"method": "score", "node": "a"}}},
            {"id": "onlyIfHalf", "value": {"method": "conditional",
              "if": {"method": "compare", "left": {"method": "score", "node": "a"}, "operator": "greaterOrEqual", "right": {"method": "constant", "value": 0.5}},
              "then": {"method": "score", "node": "a"}}},
            {"id": "root", "value": {"method": "power", "base": {"method": "score", "node": "b"}, "exponent": 0.5}},
            {"id": "inverse", "value": {"method": "reciprocal", "value": {"method": "score", "node": "b"}}},
            {"id": "lo", "value": {"method": "min", "terms": [{"method": "score", "node": "a"}, {"method": "score", "node": "b"}]}},
            {"id": "hi", "value": {"method": "max", "terms": [{"method": "score", "node": "a"}, {"method": "score", "node": "b"}]}},
            {"id": "total", "value": {"method": "sum", "terms": [{"method": "score", "node": "a"}, {"method": "score", "node": "b"}, {"method": "score", "node": "c"}]}},
            {"id": "aPerC", "value": {"method": "ratio", "numerator": {"method": "score", "node": "a"}, "denominator": {"method": "score", "node": "c"}}, "onNonFinite": "missing"}
          ]
        }
        """;

    [Fact]
    public void OutputExpressions_ClampConditionalPowerReciprocalMinMaxSum_MatchHandValues()
    {
        // (a, b, c): u1 (0, 0.25, 0.5), u2 (0.9, 0.04, 0), u3 (0.5, 1, 0.2).
        var panel = new PanelBuilder()
            .AddValue("a", "u1", "1", 0).AddValue("b", "u1", "1", 0.25).AddValue("c", "u1", "1", 0.5)
            .AddValue("a", "u2", "1", 0.9).AddValue("b", "u2", "1", 0.04).AddValue("c", "u2", "1", 0)
            .AddValue("a", "u3", "1", 0.5).AddValue("b", "u3", "1", 1).AddValue("c", "u3", "1", 0.2)
            .Build();

        var result = Run(MathJson, panel);
        double[] Out(string id) => [.. new[] { "u1", "u2", "u3" }.Select(u => result.GetOutput(id).GetValue(u, "1"))];

        Assert.Equal([0.2, 0.8, 0.5], Out("clamped"));
        Assert.Equal([0.01, 0.9, 0.5], Out("zeroFix"));
        Assert.Equal([double.NaN, 0.9, 0.5], Out("onlyIfHalf")); // no "else": missing where the condition fails
        Assert.Equal([0.5, 0.2, 1], Out("root"));
        Assert.Equal([4, 25, 1], Out("inverse"));
        Assert.Equal([0, 0.04, 0.5], Out("lo"));
        Assert.Equal([0.25, 0.9, 1], Out("hi"));
        Assert.Equal(0.75, Out("total")[0], 15);
        Assert.Equal(0.94, Out("total")[1], 15);
        Assert.Equal(1.7, Out("total")[2], 15);

        // onNonFinite: missing — 0.9/0 is missing for u2 only, with an audit entry naming it; the others are computed.
        Assert.Equal([0, double.NaN, 2.5], Out("aPerC"));
        var audit = Assert.Single(result.GetOutput("aPerC").Audit);
        Assert.Equal("u2", audit.UnitId);
    }

    [Fact]
    public void OnNonFinite_DefaultIsError_NamingOutputAndUnit()
    {
        var json = MathJson.Replace(", \"onNonFinite\": \"missing\"", string.Empty, StringComparison.Ordinal);
        var panel = new PanelBuilder().AddValue("a", "u2", "1", 0.9).AddValue("b", "u2", "1", 0.04).AddValue("c", "u2", "1", 0).Build();

        var ex = Assert.Throws<NumericalException>(() => Run(json, panel));

        Assert.Contains("aPerC", ex.Message, StringComparison.Ordinal);
        Assert.Contains("u2", ex.Message, StringComparison.Ordinal);
    }

    private const string RankJson = """
        {
          "schemaVersion": 2, "id": "r", "name": "Ranks",
          "indicators": [{"id": "a"}],
          "groups": [{"id": "root", "children": [{"id": "a"}]}],
          "normalization": {"method": "goalposts", "min": 0, "max": 1},
          "outputs": [
            {"id": "competition", "value": {"method": "score", "node": "a"}, "rounding": {"digits": 1},
             "ranking": {"units": {"attribute": "type", "values": ["country"]}}},
            {"id": "dense", "value": {"method": "score", "node": "a"}, "rounding": {"digits": 1},
             "ranking": {"ties": "dense", "units": {"attribute": "type", "values": ["country"]}}},
            {"id": "worst", "value": {"method": "score", "node": "a"}, "rounding": {"digits": 1},
             "ranking": {"ties": "worst", "units": {"attribute": "type", "values": ["country"]}}},
            {"id": "unrounded", "value": {"method": "score", "node": "a"}, "rounding": {"digits": 1},
             "ranking": {"basis": "value", "units": {"attribute": "type", "values": ["country"]}}},
            {"id": "everyUnit", "value": {"method": "score", "node": "a"}, "rounding": {"digits": 1}, "ranking": {}},
            {"id": "ascending", "value": {"method": "score", "node": "a"}, "ranking": {"descending": false, "units": {"attribute": "type", "values": ["country"]}}},
            {"id": "gate", "value": {"method": "conditional",
              "if": {"method": "compare", "left": {"method": "score", "node": "a"}, "operator": "greaterOrEqual", "right": {"method": "constant", "value": 0.8}},
              "then": {"method": "constant", "value": 1}}},
            {"id": "amongGated", "value": {"method": "score", "node": "a"}, "ranking": {"requireOutputs": ["gate"]}},
            {"id": "rankGap", "value": {"method": "difference", "left": {"method": "outputRank", "output": "unrounded"}, "right": {"method": "outputRank", "output": "dense"}}}
          ]
        }
        """;

    [Fact]
    public void OutputRanking_ScopeBasisTiesAndRequiredOutputs_AndRanksInExpressions()
    {
        // a: p 0.84, q 0.81, r 0.79, s 0.5 (countries), agg 0.99 (a region), t missing. Published at 1 dp: 0.8, 0.8, 0.8, 0.5; 1.0.
        var b = new PanelBuilder();
        foreach (var (unit, type, a) in new[] { ("p", "country", 0.84), ("q", "country", 0.81), ("r", "country", 0.79), ("s", "country", 0.5), ("agg", "region", 0.99), ("t", "country", double.NaN) })
        {
            b.AddUnit(new UnitInfo(unit) { Attributes = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("type", type) });
            b.AddValue("a", unit, "1", a);
        }

        var result = Run(RankJson, b.Build());
        int?[] Ranks(string id, params string[] units) => [.. units.Select(u => result.GetOutput(id).GetRank(u, "1"))];
        string[] all = ["p", "q", "r", "s", "agg", "t"];

        Assert.Equal([1, 1, 1, 4, null, null], Ranks("competition", all)); // 1, 1, 1, 4: ties share the best rank, the next is skipped
        Assert.Equal([1, 1, 1, 2, null, null], Ranks("dense", all));
        Assert.Equal([3, 3, 3, 4, null, null], Ranks("worst", all));
        Assert.Equal([1, 2, 3, 4, null, null], Ranks("unrounded", all)); // basis: value breaks the rounded ties
        Assert.Equal([2, 2, 2, 5, 1, null], Ranks("everyUnit", all)); // no scope: the region takes a place
        Assert.Equal([4, 3, 2, 1, null, null], Ranks("ascending", all));
        // requireOutputs: only units whose "gate" (a ≥ 0.8) has a value are ranked: agg 0.99, p 0.84, q 0.81.
        Assert.Equal([2, 3, null, null, 1, null], Ranks("amongGated", all));
        Assert.Equal([0, 1, 2, 2], new[] { "p", "q", "r", "s" }.Select(u => result.GetOutput("rankGap").GetValue(u, "1")));
        Assert.True(double.IsNaN(result.GetOutput("rankGap").GetValue("agg", "1"))); // out of scope: no rank, so no difference
    }

    [Fact]
    public void PublicationThreshold_IndicatorCountAndConditional_WithholdsBelowTheCount()
    {
        const string json = """
            {
              "schemaVersion": 2, "id": "t", "name": "Threshold",
              "indicators": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
              "groups": [{"id": "root", "children": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}],
              "normalization": {"method": "goalposts", "min": 0, "max": 1},
              "outputs": [
                {"id": "count", "value": {"method": "indicatorCount", "node": "root"}},
                {"id": "published", "value": {"method": "conditional",
                  "if": {"method": "compare", "left": {"method": "indicatorCount", "node": "root"}, "operator": "greaterOrEqual", "right": {"method": "constant", "value": 2}},
                  "then": {"method": "score", "node": "root"}}}
              ]
            }
            """;
        var panel = new PanelBuilder()
            .AddValue("a", "two", "1", 0.2).AddValue("b", "two", "1", 0.6).AddValue("c", "two", "1", double.NaN)
            .AddValue("a", "one", "1", 0.2).AddValue("b", "one", "1", double.NaN).AddValue("c", "one", "1", double.NaN)
            .Build();

        var result = Run(json, panel);

        Assert.Equal(2, result.GetOutput("count").GetValue("two", "1"));
        Assert.Equal(1, result.GetOutput("count").GetValue("one", "1"));
        Assert.Equal(0.4, result.GetOutput("published").GetValue("two", "1"), 15); // mean of the two present
        Assert.Equal(0.2, result.GetScore("root", "one", "1")); // computed ...
        Assert.True(double.IsNaN(result.GetOutput("published").GetValue("one", "1"))); // ... but withheld
    }

    [Fact]
    public void ExponentialRank_MapsRanksOntoTheExponentialDistribution()
    {
        // y = −23 ln(1 − R (1 − e^(−100/23))), R = r/n (WIMD 2019 Technical Report, Annex A); x = 10, 20, 30, 40 → r = 1..4.
        const string json = """
            {
              "schemaVersion": 2, "id": "e", "name": "Exponential rank",
              "indicators": [{"id": "x", "normalization": {"method": "exponentialRank"}}],
              "groups": [{"id": "root", "children": [{"id": "x"}]}]
            }
            """;
        var b = new PanelBuilder();
        for (var r = 1; r <= 4; r++)
        {
            b.AddValue("x", $"u{r}", "1", 10 * r);
        }

        var result = Run(json, b.Build());

        for (var r = 1; r <= 4; r++)
        {
            var expected = -23 * Math.Log(1 - (r / 4.0 * (1 - Math.Exp(-100 / 23.0))));
            Assert.Equal(expected, result.GetScore("x", $"u{r}", "1"), 12);
        }

        Assert.Equal(100, result.GetScore("x", "u4", "1"), 12);
        Assert.Equal(6.518, result.GetScore("x", "u1", "1"), 3); // −23 ln(1 − 0.25 · 0.987065) = 6.5177…
    }

    [Fact]
    public void PanelGapFilling_LinearBetweenObservations_FlatBeyond_OrLatestValue()
    {
        // x (goalposts 0–10, so score = x/10): 2000 → 1, 2001 and 2002 missing, 2003 → 4, 2004 missing.
        const string json = """
            {
              "schemaVersion": 2, "id": "g", "name": "Gaps",
              "indicators": [{"id": "x"}],
              "groups": [{"id": "root", "children": [{"id": "x"}]}],
              "normalization": {"method": "goalposts", "min": 0, "max": 10},
              "steps": [{"method": "imputePanel", "kind": "linear"}]
            }
            """;
        var b = new PanelBuilder();
        foreach (var (year, x) in new[] { ("2000", 1.0), ("2001", double.NaN), ("2002", double.NaN), ("2003", 4), ("2004", double.NaN) })
        {
            b.AddValue("x", "u", year, x);
        }

        var panel = b.Build();
        string[] years = ["2000", "2001", "2002", "2003", "2004"];
        var linear = Run(json, panel);
        var latest = Run(json.Replace("\"linear\"", "\"latestValue\"", StringComparison.Ordinal), panel);

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.4], years.Select(y => Math.Round(linear.GetScore("x", "u", y), 12)));
        Assert.Equal([0.1, 0.1, 0.1, 0.4, 0.4], years.Select(y => latest.GetScore("x", "u", y)));
    }
}
