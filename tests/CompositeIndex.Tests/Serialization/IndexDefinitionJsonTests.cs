using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompositeIndex.Serialization;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Serialization;

public class IndexDefinitionJsonTests
{
    internal static IndexDefinition Hdi() => IndexBuilder.Create("hdi", "Human Development Index")
        .Name("ko", "인간개발지수").Metadata("source", "UNDP HDR 2023/2024").Version("2024").Description("Geometric mean of three dimension indices.")
        .Indicator("le", i => i.Name("Life expectancy").MeasurementUnit("years").Normalize(Normalization.Goalposts(20, 85)))
        .Indicator("eys", i => i.Normalize(Normalization.Goalposts(0, 18)))
        .Indicator("mys", i => i.Normalize(Normalization.Goalposts(0, 15)))
        .Indicator("gni", i => i.Name("GNI per capita").Name("ko", "1인당 국민총소득").Source("World Bank").Metadata("note", "PPP \"2017\" $")
            .Normalize(Normalization.Goalposts(100, 75_000, log: true)))
        .Group("health", g => g.Add("le"))
        .Group("education", g => g.Add("eys").Add("mys").MissingData(MissingData.Renormalize(0.5, ShareBasis.Count)))
        .Group("income", g => g.Add("gni"))
        .Group("hdi", g => g.Add("health").Add("education", 1.0).Add("income").Aggregate(Aggregation.Geometric()).Name("HDI"))
        .Build();

    internal static IndexDefinition EveryMethod() => IndexBuilder.Create("all", "Every method")
        .Indicator("a", i => i.Normalize(Normalization.MinMax(-1, 1, NormalizationReference.Pooled)))
        .Indicator("b", i => i.LowerIsBetter().Normalize(Normalization.ZScore(100, 10, NormalizationReference.BasePeriod("2020"))))
        .Indicator("c", i => i.Normalize(Normalization.RatioToBase("2020", InversionRule.Mirror, 1000)))
        .Indicator("d", i => i.Normalize(Normalization.Rank()))
        .Indicator("e", i => i.Normalize(Normalization.PercentileRank(1)))
        .Indicator("f", i => i.Normalize(Normalization.DistanceToTarget(0.75, capAtTarget: false, scale: 100)))
        .Indicator("g", i => i.Normalize(Normalization.Goalposts(1, 2, log: true, cap: false, floor: false, scale: 100)))
        .Group("g1", g => g.Add("a", 0.1).Add("b", 0.2).Aggregate(Aggregation.Harmonic()).MissingData(MissingData.Propagate()))
        .Group("g2", g => g.Add("c").Add("d").Aggregate(Aggregation.PowerMean(-2.5)))
        .Group("g3", g => g.Add("e").Add("f").Add("g").Aggregate(Aggregation.Minimum()).Normalize(Normalization.Rank()))
        .Group("root", g => g.Add("g1", 1e-3).Add("g2", 1.0 / 3).Add("g3", 123456.789).Aggregate(Aggregation.Geometric()))
        .Aggregate(Aggregation.Arithmetic()).MissingData(MissingData.Renormalize(0.25))
        .Normalize(Normalization.MinMax())
        .Root("root")
        .Build();

    [Fact]
    public void Load_SaveOfHdi_EqualsOriginal()
    {
        var hdi = Hdi();
        Assert.Equal(hdi, IndexDefinitionJson.Load(IndexDefinitionJson.Save(hdi)));
    }

    [Fact]
    public void Load_SaveOfEveryBuiltInMethod_EqualsOriginal()
    {
        var d = EveryMethod();
        var json = IndexDefinitionJson.Save(d);
        Assert.Equal(d, IndexDefinitionJson.Load(json));
        string[] used = ["minMax", "zScore", "goalposts", "ratioToBase", "rank", "percentileRank", "distanceToTarget",
            "arithmetic", "geometric", "harmonic", "powerMean", "minimum", "renormalize", "propagate"];
        foreach (var name in used)
        {
            Assert.Contains($"\"method\": \"{name}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Save_Always_WritesSchemaAndVersionFirst()
    {
        var json = IndexDefinitionJson.Save(Hdi());
        var node = JsonNode.Parse(json)!.AsObject();
        var keys = node.Select(p => p.Key).ToList();
        Assert.Equal(["$schema", "schemaVersion", "id"], keys.Take(3));
        Assert.Equal(2, (int)node["schemaVersion"]!);
        Assert.Equal(IndexDefinitionSerializer.SchemaUri, (string)node["$schema"]!);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_NonAsciiNames_WrittenUnescaped()
    {
        var json = IndexDefinitionJson.Save(Hdi());
        Assert.Contains("인간개발지수", json, StringComparison.Ordinal);
        Assert.Contains("PPP \\\"2017\\\" $", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Always_OmitsNullsEmptyCollectionsAndComputedProperties()
    {
        var json = IndexDefinitionJson.Save(IndexBuilder.Create("t", "T").Indicator("a").Group("g", g => g.Add("a")).Normalize(Normalization.Rank()).Build());
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"names\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"metadata\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("methodName", json, StringComparison.Ordinal);
        Assert.DoesNotContain("usesWeights", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Defaults_WrittenExplicitly()
    {
        var json = IndexDefinitionJson.Save(Hdi());
        Assert.Contains("\"polarity\": \"positive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"weight\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"cap\": true", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MinimalFile_FillsDefaults()
    {
        var d = IndexDefinitionJson.Load("""
            { "schemaVersion": 2, "id": "t", "name": "T",
              "indicators": [ { "id": "a" } ],
              "groups": [ { "id": "g", "children": [ { "id": "a" } ] } ],
              "normalization": { "method": "goalposts", "min": 0, "max": 1 } }
            """);
        Assert.Equal(Polarity.Positive, d.Indicators[0].Polarity);
        Assert.Equal(1.0, d.Groups[0].Children[0].Weight);
        Assert.Equal(new GoalpostsNormalization(0, 1), d.Normalization);
        Assert.True(((GoalpostsNormalization)d.Normalization!).Cap);
    }

    [Fact]
    public void Load_MethodPropertyNotFirst_Accepted()
    {
        var d = IndexDefinitionJson.Load("""
            { "normalization": { "max": 1, "min": 0, "method": "goalposts" }, "id": "t", "name": "T",
              "groups": [ { "children": [ { "weight": 2, "id": "a" } ], "id": "g" } ], "indicators": [ { "id": "a" } ], "schemaVersion": 2 }
            """);
        Assert.IsType<GoalpostsNormalization>(d.Normalization);
    }

    [Fact]
    public void Load_CommentsAndBom_Accepted()
    {
        var text = "\uFEFF// header\n" + IndexDefinitionJson.Save(Hdi()).Replace("\"id\": \"hdi\",", "\"id\": \"hdi\", /* inline */", StringComparison.Ordinal);
        Assert.Equal(Hdi(), IndexDefinitionJson.Load(new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text[1..])).ToArray())));
    }

    [Fact]
    public void LoadFile_SavedFile_RoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ci-{Guid.NewGuid():N}.json");
        try
        {
            IndexDefinitionJson.SaveFile(EveryMethod(), path);
            Assert.Equal(EveryMethod(), IndexDefinitionJson.LoadFile(path));
            Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith(Encoding.UTF8.GetPreamble()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_Version1File_MigratesDiscriminatorAndDirection()
    {
        var v1 = IndexDefinitionJson.LoadFile(Path.Combine(AppContext.BaseDirectory, "Serialization", "Versions", "hdi-v1.json"));
        Assert.Equal(new GoalpostsNormalization(100, 75_000) { Log = true }, v1.Indicators[3].Normalization);
        Assert.Equal(Polarity.Negative, v1.Indicators[4].Polarity);
        Assert.Equal(Polarity.Positive, v1.Indicators[0].Polarity);
        Assert.IsType<GeometricAggregation>(v1.Groups[3].Aggregation);
        Assert.IsType<PropagateMissing>(v1.Groups[3].MissingData);
        Assert.Equal("years", v1.Indicators[0].MeasurementUnit); // JSON "unit" (the C# name is MeasurementUnit since 1.0)
        Assert.Contains("\"unit\": \"2017 PPP $\"", IndexDefinitionJson.Save(v1), StringComparison.Ordinal);

        // The same index written today has the same meaning and so the same fingerprint.
        var v2 = IndexDefinitionJson.Load(IndexDefinitionJson.Save(v1));
        Assert.Equal(v1, v2);
        Assert.Equal(IndexDefinitionJson.Fingerprint(v1), IndexDefinitionJson.Fingerprint(v2));
        Assert.Contains("\"schemaVersion\": 2", IndexDefinitionJson.Save(v1), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NewerSchemaVersion_FailsWithCI1016()
    {
        var json = IndexDefinitionJson.Save(Hdi()).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 3", StringComparison.Ordinal);
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load(json));
        var e = Assert.Single(ex.Report.Errors);
        Assert.Equal(ErrorCodes.SchemaVersion, e.Code);
        Assert.Equal("$.schemaVersion", e.Path);
        Assert.Equal(3, e.Line);
        Assert.Contains("newer than this library", e.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SemanticErrors_CarryPathAndLine()
    {
        var json = IndexDefinitionJson.Save(Hdi()).Replace("\"id\": \"mys\"", "\"id\": \"eys\"", StringComparison.Ordinal);
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load(json));
        var dup = Assert.Single(ex.Report.Errors, e => e.Code == ErrorCodes.DuplicateId);
        Assert.Equal("$.indicators[2].id", dup.Path);
        var lines = json.Split('\n');
        Assert.Contains("\"id\": \"eys\"", lines[dup.Line!.Value - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_SameMeaningDifferentSpelling_Equal()
    {
        var a = """
            {"schemaVersion":2,"id":"t","name":"T","indicators":[{"id":"a"},{"id":"b","polarity":"negative"}],
             "groups":[{"id":"g","children":[{"id":"a"},{"id":"b","weight":0.5}]}],
             "normalization":{"method":"minMax"}}
            """;
        var b = """
            {
              "normalization": { "upper": 100.0, "reference": { "kind": "perPeriod" }, "method": "minMax", "lower": 0e0 },
              "groups": [ { "children": [ { "weight": 1.0, "id": "a" }, { "id": "b", "weight": 5E-1 } ], "id": "g", "names": {} } ],
              "name": "T", "id": "t", "root": null, "$schema": "anything",
              "indicators": [ { "polarity": "positive", "id": "a", "name": null }, { "id": "b", "polarity": "negative" } ],
              "schemaVersion": 2
            }
            """;
        Assert.Equal(IndexDefinitionJson.Fingerprint(IndexDefinitionJson.Load(a)), IndexDefinitionJson.Fingerprint(IndexDefinitionJson.Load(b)));
        Assert.Matches("^[0-9a-f]{64}$", IndexDefinitionJson.Fingerprint(IndexDefinitionJson.Load(a)));
    }

    [Fact]
    public void Fingerprint_DifferentWeight_Differs()
    {
        var d = Hdi();
        var changed = d with { Groups = d.Groups.SetItem(3, d.Groups[3] with { Children = d.Groups[3].Children.SetItem(0, new ChildReference("health", 1.0000001)) }) };
        Assert.NotEqual(IndexDefinitionJson.Fingerprint(d), IndexDefinitionJson.Fingerprint(changed));
    }

    [Fact]
    public void ToCanonicalJson_Always_SortedCompactAndShortestNumbers()
    {
        var canonical = IndexDefinitionJson.ToCanonicalJson(EveryMethod());
        Assert.DoesNotContain(" ", canonical.Replace("Every method", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"weight\":0.3333333333333333", canonical, StringComparison.Ordinal);
        Assert.Contains("\"weight\":0.001", canonical, StringComparison.Ordinal);
        Assert.Contains("\"lower\":-1", canonical, StringComparison.Ordinal);
        Assert.StartsWith("{\"aggregation\":{\"method\":\"arithmetic\"},\"groups\":", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalJson_HandWrittenDocument_MatchesHandCanonicalisedText()
    {
        using var doc = JsonDocument.Parse("""
            { "b": [ 1.0, -0.0, 5E-1, 1e21, 0.1, 123456789012 ], "a": { "z": "x\"y\\\n\u0001é한", "y": null, "x": true }, "é": false }
            """);
        const string expected = "{\"a\":{\"x\":true,\"y\":null,\"z\":\"x\\\"y\\\\\\n\\u0001é한\"},\"b\":[1,0,0.5,1E+21,0.1,123456789012],\"é\":false}";
        Assert.Equal(expected, CanonicalJson.Write(doc.RootElement));
    }

    [Fact]
    public void Fingerprint_Always_IsSha256OfCanonicalJson()
    {
        var d = IndexBuilder.Create("t", "T").Indicator("a").Group("g", g => g.Add("a")).Normalize(Normalization.Rank()).Build();
        var canonical = IndexDefinitionJson.ToCanonicalJson(d);
        Assert.StartsWith("{\"groups\":[{\"children\":[{\"id\":\"a\",\"weight\":1}],\"id\":\"g\"", canonical, StringComparison.Ordinal);
        Assert.Contains("\"normalization\":{\"method\":\"rank\"", canonical, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(canonical))
        {
            Assert.Equal(canonical, CanonicalJson.Write(doc.RootElement)); // already canonical: sorted, compact
        }

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), IndexDefinitionJson.Fingerprint(d));
    }

    [Fact]
    public void Sha256_KnownText_MatchesPublishedTestVector()
    {
        // FIPS 180-2 appendix B.1 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CanonicalJson.Sha256("abc"));
    }

    [Fact]
    public void Save_UnregisteredMethod_ThrowsIndexDefinitionException()
    {
        var d = Hdi() with { Normalization = new TestScaling(2) };
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Save(d));
        Assert.Equal(ErrorCodes.UnknownMethod, ex.Report.Errors[0].Code);
    }

    [Fact]
    public void Serializer_CustomRegistry_RoundTripsThirdPartyMethodWithoutCodeChanges()
    {
        var serializer = new IndexDefinitionSerializer(MethodRegistry.Default.With<TestScaling>("testScaling"));
        var d = Hdi() with { Indicators = Hdi().Indicators.SetItem(0, Hdi().Indicators[0] with { Normalization = new TestScaling(2.5) { Offset = -1 } }) };
        var json = serializer.Save(d);
        Assert.Contains("\"method\": \"testScaling\"", json, StringComparison.Ordinal);
        Assert.Contains("\"factor\": 2.5", json, StringComparison.Ordinal);
        Assert.Equal(d, serializer.Load(json));
        Assert.Contains("\"const\": \"testScaling\"", serializer.GenerateSchema(), StringComparison.Ordinal);

        // The default serializer does not know it and says so, with the path of the method.
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load(json));
        var e = Assert.Single(ex.Report.Errors);
        Assert.Equal((ErrorCodes.UnknownMethod, "$.indicators[0].normalization.method"), (e.Code, e.Path));
    }

    [Fact]
    public void IndexResult_Evaluated_CarriesFingerprintAndLibraryVersionInJson()
    {
        var d = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.MinMax()).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "2020", 0).AddValue("a", "y", "2020", 10).AddValue("b", "x", "2020", 5).AddValue("b", "y", "2020", 0).Build();
        var result = CompiledIndex.Compile(d).Evaluate(panel);
        Assert.Equal(IndexDefinitionJson.Fingerprint(d), result.DefinitionFingerprint);
        Assert.StartsWith("0.", result.LibraryVersion, StringComparison.Ordinal);
        using var buffer = new MemoryStream();
        result.WriteJson(buffer);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal(result.DefinitionFingerprint, doc.RootElement.GetProperty("index").GetProperty("definitionFingerprint").GetString());
        Assert.Equal(result.LibraryVersion, doc.RootElement.GetProperty("index").GetProperty("libraryVersion").GetString());
    }

    [Fact]
    public void IndexResult_UnregisteredMethod_StillHasFingerprint()
    {
        var d = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Group("root", g => g.Add("a").Add("b")).Normalize(new TestScaling(3)).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "2020", 0).AddValue("a", "y", "2020", 10).AddValue("b", "x", "2020", 5).AddValue("b", "y", "2020", 0).Build();
        var result = CompiledIndex.Compile(d).Evaluate(panel);
        var expected = new IndexDefinitionSerializer(MethodRegistry.Default.With<TestScaling>("testScaling")).Fingerprint(d);
        Assert.Equal(expected, result.DefinitionFingerprint);
    }

    [Fact]
    public void Load_RatioToBaseWithBasePeriodAbsentFromData_FailsAtEvaluationWithDataException()
    {
        var d = IndexDefinitionJson.Load("""
            { "schemaVersion": 2, "id": "t", "name": "T", "indicators": [ { "id": "a" } ],
              "groups": [ { "id": "g", "children": [ { "id": "a" } ] } ],
              "normalization": { "method": "ratioToBase", "basePeriod": "2019" } }
            """);
        var panel = new PanelBuilder().AddValue("a", "x", "2020", 1).AddValue("a", "x", "2021", 2).Build();
        var ex = Assert.Throws<IndexDataException>(() => CompiledIndex.Compile(d).Evaluate(panel));
        Assert.Contains("2019", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenText_ReturnsReportWithoutThrowing()
    {
        var report = IndexDefinitionJson.Validate("{ \"schemaVersion\": 2 }");
        Assert.False(report.IsValid);
        Assert.Contains(report.Errors, e => e.Path == "$.id" && e.Code == ErrorCodes.Missing);
        Assert.True(IndexDefinitionJson.Validate(IndexDefinitionJson.Save(Hdi())).IsValid);
    }
}

/// <summary>A third-party normalisation used to check that the format follows the registry: y = factor·x + offset.</summary>
public sealed record TestScaling(double Factor) : NormalizationMethod
{
    public override string MethodName => "testScaling";

    public double Offset { get; init; }

    public override string Describe(string? language = null) => $"{Factor} × x + {Offset}";

    public override void Normalize(NormalizationContext context)
    {
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var input = context.Input(p);
            var output = context.Output(p);
            for (var u = 0; u < input.Length; u++)
            {
                output[u] = (Factor * input[u]) + Offset;
            }
        }
    }
}
