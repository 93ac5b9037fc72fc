using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>
/// Issue #19's node-level features: rounding of an indicator's normalised value and of a group's score before the
/// parent aggregates it; rank, quantile and flag-count outputs. Expected values are worked by hand in the comments.
/// </summary>
public sealed class NodeRoundingAndRankOutputTests
{
    private const string Json = """
        {
          "schemaVersion": 2,
          "id": "t",
          "name": "Node rounding",
          "indicators": [
            {"id": "a", "rounding": {"digits": 1}},
            {"id": "b"},
            {"id": "c"}
          ],
          "groups": [
            {"id": "g", "children": [{"id": "a"}, {"id": "b"}], "rounding": {"digits": 2, "midpoint": "toEven"}},
            {"id": "root", "children": [{"id": "g"}, {"id": "c"}]}
          ],
          "normalization": {"method": "goalposts", "min": 0, "max": 1},
          "missingData": {"method": "propagate"},
          "outputs": [
            {"id": "rank", "value": {"method": "valueRank", "of": {"method": "score", "node": "c"}, "ties": "average", "descending": true}},
            {"id": "quartile", "value": {"method": "quantile", "of": {"method": "score", "node": "c"}, "count": 4, "descending": true}},
            {"id": "flags", "value": {"method": "flagCount", "node": "root", "operator": "greaterOrEqual", "threshold": 0.5}},
            {"id": "flagsSkip", "value": {"method": "flagCount", "node": "root", "operator": "greaterOrEqual", "threshold": 0.5, "ignoreMissing": true}},
            {"id": "flagA", "value": {"method": "flagCount", "node": "a", "operator": "greaterOrEqual", "threshold": 0.5}}
          ]
        }
        """;

    private static IndexResult Evaluate(Panel panel) => CompiledIndex.Compile(IndexDefinitionJson.Load(Json)).Evaluate(panel);

    [Fact]
    public void Evaluate_IndicatorAndGroupRounding_AppliedBeforeTheParentAggregates()
    {
        // a = 0.449 → 0.4 (1 dp, half up); g = (0.4 + 0.25) / 2 = 0.325 → 0.32 (2 dp, half to even: 0.325 is exactly half-way as a decimal);
        // root = (0.32 + 0.5) / 2 = 0.41. Unrounded it would be ((0.449 + 0.25) / 2 + 0.5) / 2 = 0.42475.
        var panel = new PanelBuilder().AddValue("a", "u", "1", 0.449).AddValue("b", "u", "1", 0.25).AddValue("c", "u", "1", 0.5).Build();

        var result = Evaluate(panel);

        Assert.Equal(0.4, result.GetScore("a", "u", "1"));
        Assert.Equal(0.25, result.GetScore("b", "u", "1"));
        Assert.Equal(0.32, result.GetScore("g", "u", "1"));
        Assert.Equal(0.41, result.GetScore("root", "u", "1"), 15);
    }

    [Fact]
    public void Evaluate_RankQuantileAndFlagCount_MatchHandCalculation()
    {
        // c over units p..u: 0.9, 0.7, 0.7, 0.5, 0.3, missing. Descending, average ties: p 1, q and r 2.5, s 4, t 5; u none.
        // Quartiles ⌈r · 4 / 5⌉ (n = 5 units with a value): p ⌈0.8⌉ = 1, q/r ⌈2⌉ = 2, s ⌈3.2⌉ = 4, t ⌈4⌉ = 4.
        // Flags (score ≥ 0.5) over a, b, c: p: a 0.6, b 0.5, c 0.9 → 3; t: a 0.2, b 0.1, c 0.3 → 0; u: c missing → missing,
        // or 1 when missing scores are skipped (a 0.7); flagA is a 0/1 flag on one indicator.
        var b = new PanelBuilder();
        foreach (var (unit, a, bb, c) in new[] { ("p", 0.6, 0.5, 0.9), ("q", 0.1, 0.1, 0.7), ("r", 0.1, 0.1, 0.7), ("s", 0.1, 0.1, 0.5), ("t", 0.2, 0.1, 0.3), ("u", 0.7, 0.1, double.NaN) })
        {
            b.AddValue("a", unit, "1", a).AddValue("b", unit, "1", bb).AddValue("c", unit, "1", c);
        }

        var result = Evaluate(b.Build());
        double Out(string id, string unit) => result.GetOutput(id).GetValue(unit, "1");

        Assert.Equal([1, 2.5, 2.5, 4, 5], new[] { "p", "q", "r", "s", "t" }.Select(u => Out("rank", u)));
        Assert.True(double.IsNaN(Out("rank", "u")));
        Assert.Equal([1, 2, 2, 4, 4], new[] { "p", "q", "r", "s", "t" }.Select(u => Out("quartile", u)));
        Assert.Equal(3, Out("flags", "p"));
        Assert.Equal(0, Out("flags", "t"));
        Assert.True(double.IsNaN(Out("flags", "u")));
        Assert.Equal(1, Out("flagsSkip", "u"));
        Assert.Equal([1, 0, 1], new[] { "p", "q", "u" }.Select(u => Out("flagA", u)));
    }

    [Fact]
    public void Validate_BadRoundingQuantileAndFlagCount_ReportsEveryProblemWithItsJsonPath()
    {
        var text = Json
            .Replace("{\"id\": \"a\", \"rounding\": {\"digits\": 1}}", "{\"id\": \"a\", \"rounding\": {\"digits\": 16}}", StringComparison.Ordinal)
            .Replace("\"rounding\": {\"digits\": 2, \"midpoint\": \"toEven\"}", "\"rounding\": {\"digits\": -1}", StringComparison.Ordinal)
            .Replace("\"count\": 4", "\"count\": 1", StringComparison.Ordinal)
            .Replace("\"node\": \"root\", \"operator\": \"greaterOrEqual\", \"threshold\": 0.5}", "\"node\": \"nope\", \"operator\": \"greaterOrEqual\", \"threshold\": 0.5}", StringComparison.Ordinal);

        var paths = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load(text)).Report.Errors.Select(e => e.Path).ToList();

        Assert.Contains("$.indicators[0].rounding.digits", paths);
        Assert.Contains("$.groups[0].rounding.digits", paths);
        Assert.Contains("$.outputs[1].value.count", paths);
        Assert.Contains("$.outputs[2].value.node", paths);
    }

    [Fact]
    public void Json_RoundTrip_KeepsRoundingAndTheNewExpressions()
    {
        var definition = IndexDefinitionJson.Load(Json);
        var again = IndexDefinitionJson.Load(IndexDefinitionJson.Save(definition));

        Assert.Equal(definition, again);
        Assert.Equal(new OutputRounding(2) { Midpoint = MidpointRounding.ToEven }, again.Groups[0].Rounding);
        Assert.IsType<QuantileExpression>(again.Outputs[1].Value);
        Assert.NotEqual(definition, definition with { Indicators = [definition.Indicators[0] with { Rounding = null }, .. definition.Indicators[1..]] });
    }
}
