using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.AggregationMethods;

/// <summary>
/// Issue #19: the product of the children (<c>"multiplicative"</c>), checked against values worked by hand: the method
/// alone, its zero/negative/missing rules, contributions, and a definition that uses it (UNDP's PHDI form
/// HDI × adjustment factor, Technical note 6).
/// </summary>
public sealed class MultiplicativeAggregationTests
{
    private static readonly double[] EqualWeights = [1.0 / 3, 1.0 / 3, 1.0 / 3];

    [Fact]
    public void Aggregate_IsTheProduct_AndIgnoresWeights()
    {
        // 2 · 0.5 · 3 = 3 exactly (every partial product is a binary fraction); the geometric mean of the same values is 3^(1/3).
        double[] x = [2, 0.5, 3];

        Assert.Equal(3, CompositeIndex.Aggregation.Multiplicative().Aggregate(x, EqualWeights));
        Assert.Equal(3, CompositeIndex.Aggregation.Multiplicative().Aggregate(x, [0.7, 0.3, 0]));
        Assert.Equal(Math.Cbrt(3), CompositeIndex.Aggregation.Geometric().Aggregate(x, EqualWeights), 14);
        Assert.False(new MultiplicativeAggregation().UsesWeights);
    }

    [Fact]
    public void ZeroPolicy_ErrorByDefault_ZeroOrMissingOnRequest()
    {
        double[] x = [0.8, 0, 0.5];
        var error = new MultiplicativeAggregation();
        var zero = CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Zero);
        var missing = CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Missing);

        Assert.False(error.IsInDomain(0));
        Assert.Equal("positive values", error.DomainDescription);
        Assert.True(zero.IsInDomain(0));
        Assert.Equal(0, zero.Aggregate(x, EqualWeights));
        Assert.False(zero.MayReturnMissing);
        Assert.True(double.IsNaN(missing.Aggregate(x, EqualWeights)));
        Assert.True(missing.MayReturnMissing);
        foreach (var method in new[] { error, zero, missing })
        {
            Assert.False(method.IsInDomain(-0.5));
            Assert.True(method.IsInDomain(1e-300));
        }
    }

    [Fact]
    public void Shares_AreSharesOfTheLog_ZeroChildrenTakeAll()
    {
        // ln e = 1, ln e² = 2: shares 1/3 and 2/3. With a zero child the zero child explains the whole (zero) score.
        Span<double> s = stackalloc double[2];
        var m = CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Zero);
        double[] x = [Math.E, Math.E * Math.E];
        m.Shares(x, [0.5, 0.5], m.Aggregate(x, [0.5, 0.5]), s);
        Assert.Equal(1.0 / 3, s[0], 15);
        Assert.Equal(2.0 / 3, s[1], 15);

        m.Shares([0.4, 0], [0.5, 0.5], 0, s);
        Assert.Equal([0.0, 1.0], s.ToArray());

        // P = 2 · 0.5 = 1: ln P = 0, equal shares.
        m.Shares([2, 0.5], [0.9, 0.1], 1, s);
        Assert.Equal([0.5, 0.5], s.ToArray());
    }

    [Fact]
    public void Describe_EnglishAndKorean_NameTheZeroRule()
    {
        Assert.Equal("product of the components", new MultiplicativeAggregation().Describe());
        Assert.Equal("product of the components, a zero component gives 0", CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Zero).Describe("en"));
        Assert.Equal("구성요소의 곱, 구성요소가 0이면 결측", CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Missing).Describe("ko"));
    }

    private const string Json = """
        {
          "schemaVersion": 2,
          "id": "p",
          "name": "Product",
          "indicators": [
            {"id": "a"}, {"id": "b"}, {"id": "c"}
          ],
          "groups": [
            {"id": "pressures", "children": [{"id": "b"}, {"id": "c"}]},
            {"id": "root", "children": [{"id": "a", "weight": 3}, {"id": "pressures"}], "aggregation": {"method": "multiplicative", "zeros": "zero"}}
          ],
          "normalization": {"method": "goalposts", "min": 0, "max": 10},
          "missingData": {"method": "propagate"}
        }
        """;

    [Fact]
    public void Evaluate_ProductGroup_MatchesHandCalculation_ZeroGivesZero_MissingFactorPropagates()
    {
        // u: a = 5 → 0.5; pressures = (6/10 + 10/10)/2 = 0.8; root = 0.5 · 0.8 = 0.4 (a's weight 3 is not an exponent).
        // v: a = 0 → 0 (goalpost minimum): the product is 0 under zeros: zero. w: c missing → pressures missing → root missing.
        var panel = new PanelBuilder()
            .AddValue("a", "u", "1", 5).AddValue("b", "u", "1", 6).AddValue("c", "u", "1", 10)
            .AddValue("a", "v", "1", 0).AddValue("b", "v", "1", 6).AddValue("c", "v", "1", 10)
            .AddValue("a", "w", "1", 5).AddValue("b", "w", "1", 6).AddValue("c", "w", "1", double.NaN)
            .Build();

        var result = CompiledIndex.Compile(IndexDefinitionJson.Load(Json)).Evaluate(panel);

        Assert.Equal(0.4, result.GetScore("root", "u", "1"), 15);
        Assert.Equal(0, result.GetScore("root", "v", "1"));
        Assert.True(double.IsNaN(result.GetScore("root", "w", "1")));

        // Contributions of u: ln 0.5 / (ln 0.5 + ln 0.8) and ln 0.8 / (…).
        var shares = result.ExplainScore("root", "u", "1").Where(c => c.ParentId == "root").ToDictionary(c => c.NodeId, c => c.Share);
        Assert.Equal(Math.Log(0.5) / (Math.Log(0.5) + Math.Log(0.8)), shares["a"], 12);
        Assert.Equal(Math.Log(0.8) / (Math.Log(0.5) + Math.Log(0.8)), shares["pressures"], 12);
    }

    [Fact]
    public void Evaluate_ZeroUnderDefaultPolicy_IsANumericalErrorNamingTheGroup_OrMissingWithAudit()
    {
        var panel = new PanelBuilder().AddValue("a", "v", "1", 0).AddValue("b", "v", "1", 6).AddValue("c", "v", "1", 10).Build();
        var strict = IndexDefinitionJson.Load(Json.Replace("\"zeros\": \"zero\"", "\"zeros\": \"error\"", StringComparison.Ordinal));

        var ex = Assert.Throws<NumericalException>(() => CompiledIndex.Compile(strict).Evaluate(panel));
        Assert.Contains("'root'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("positive values", ex.Message, StringComparison.Ordinal);

        var asMissing = IndexDefinitionJson.Load(Json.Replace("\"zeros\": \"zero\"", "\"zeros\": \"missing\"", StringComparison.Ordinal));
        var result = CompiledIndex.Compile(asMissing).Evaluate(panel);
        Assert.True(double.IsNaN(result.GetScore("root", "v", "1")));
        Assert.Contains(result.Audit, e => e.NodeId == "root" && e.UnitId == "v");
    }

    [Fact]
    public void Evaluate_NegativeFactor_IsOutsideTheDomain()
    {
        // scaled from [0, 10] without clipping: a = −5 → −0.5, a negative factor.
        var definition = IndexDefinitionJson.Load(Json.Replace("\"method\": \"goalposts\", \"min\": 0, \"max\": 10", "\"method\": \"scaled\", \"lower\": 0, \"upper\": 10, \"factor\": 1", StringComparison.Ordinal));
        var panel = new PanelBuilder().AddValue("a", "u", "1", -5).AddValue("b", "u", "1", 6).AddValue("c", "u", "1", 10).Build();

        var ex = Assert.Throws<NumericalException>(() => CompiledIndex.Compile(definition).Evaluate(panel));
        Assert.Contains("non-negative values", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainChange_ThroughAProduct_IsNotSupported_ButItsMeansAre()
    {
        var panel = new PanelBuilder()
            .AddValue("a", "u", "1", 5).AddValue("b", "u", "1", 6).AddValue("c", "u", "1", 10)
            .AddValue("a", "u", "2", 6).AddValue("b", "u", "2", 8).AddValue("c", "u", "2", 9)
            .Build();
        var result = CompiledIndex.Compile(IndexDefinitionJson.Load(Json)).Evaluate(panel);

        var ex = Assert.Throws<MethodNotSupportedException>(() => result.ExplainChange("root", "u", "1", "2"));
        Assert.Contains("multiplicative", ex.Message, StringComparison.Ordinal);

        // The arithmetic group below still decomposes: 0.8 → 0.85, b (0.6 → 0.8) gives +0.2·½, c (1 → 0.9) −0.1·½.
        var d = result.ExplainChange("pressures", "u", "1", "2").Contributions.ToDictionary(c => c.NodeId, c => c.Contribution);
        Assert.Equal(0.1, d["b"], 12);
        Assert.Equal(-0.05, d["c"], 12);
    }

    [Fact]
    public void Json_RoundTrips_AndAnUnknownZeroPolicyHasAJsonPath()
    {
        var definition = IndexDefinitionJson.Load(Json);
        Assert.Equal(CompositeIndex.Aggregation.Multiplicative(GeometricZeroPolicy.Zero), definition.Groups[1].Aggregation);
        Assert.Equal(IndexDefinitionJson.Save(definition), IndexDefinitionJson.Save(IndexDefinitionJson.Load(IndexDefinitionJson.Save(definition))));

        var bad = definition with { Groups = [definition.Groups[0], definition.Groups[1] with { Aggregation = new MultiplicativeAggregation { Zeros = (GeometricZeroPolicy)7 } }] };
        Assert.Contains(bad.Validate().Errors, e => e.Path == "$.groups[1].aggregation.zeros");
    }
}
