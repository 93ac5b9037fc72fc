using System.Globalization;
using System.Text.RegularExpressions;
using CompositeIndex.Samples.Seoul;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// Seoul "Walking Together with the Vulnerable Index": the 12 published area values and the 2 published overall
/// values (../shared/data/seoul/README.md, 1 decimal) from <c>samples/gallery/seoul/seoul.json</c> (and the same definition
/// built with the fluent API) and the sample's illustrative data.
/// </summary>
public class SeoulGoldenTests
{
    private static readonly string[] Years = ["2023", "2024"];

    /// <summary>Published values parsed from the shared README table: (node id, year) → value.</summary>
    private static Dictionary<(string Node, string Year), double> Published()
    {
        var table = new Dictionary<(string, string), double>();
        var row = new Regex(@"^\|\s*\**(?<name>[^|`]*?)\s*(\(`(?<id>[a-z]+)`\))?\**\s*\|\s*\**(?<y1>\d+\.\d)\**\s*\|\s*\**(?<y2>\d+\.\d)\**\s*\|$");
        foreach (var line in File.ReadLines(SharedData.PathOf("seoul", "README.md")))
        {
            var m = row.Match(line.Trim());
            if (!m.Success)
            {
                continue;
            }

            var id = m.Groups["id"].Success ? m.Groups["id"].Value : m.Groups["name"].Value == "Overall" ? "seoul" : throw new InvalidDataException(line);
            table[(id, "2023")] = double.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture);
            table[(id, "2024")] = double.Parse(m.Groups["y2"].Value, CultureInfo.InvariantCulture);
        }

        return table;
    }

    private static IndexDefinition Json() => IndexDefinitionJson.LoadFile(Path.Combine(SharedData.RepoRoot, "samples", "gallery", "seoul", "seoul.json"));

    private static string OutputOf(string node) => node == "seoul" ? "overall" : node;

    private static Panel Data() => Panel.ReadLongCsv(Path.Combine(SharedData.RepoRoot, "samples", "seoul", "data", "illustrative-values.csv"));

    private static double Round1(double x) => Math.Round(x, 1, MidpointRounding.AwayFromZero);

    private static IndexResult Evaluate(IndexDefinition definition) => CompiledIndex.Compile(definition).Evaluate(Data());

    [SharedDataFact("seoul")]
    public void PublishedTable_Parsed_Has12AreaAnd2OverallValues()
    {
        var published = Published();
        Assert.Equal(14, published.Count);
        Assert.Equal(111.0, published[("seoul", "2023")]);
        Assert.Equal(130.6, published[("seoul", "2024")]);
    }

    [SharedDataFact("seoul")]
    public void PublishedAreaValues_CountWeightedMean_ReproducesPublishedOverallTo1Decimal()
    {
        // Independent of the constructed indicator data: the published area values weighted by their published
        // indicator counts (12/6/10/8/9/5; housing 5 in 2023) give the published overall values; equal weights and
        // geometric means do not.
        var published = Published();
        var counts = new Dictionary<string, int> { ["livelihood"] = 12, ["housing"] = 6, ["health"] = 10, ["education"] = 8, ["safety"] = 9, ["integration"] = 5 };
        foreach (var year in Years)
        {
            var b = new PanelBuilder();
            foreach (var area in SeoulDefinition.Areas)
            {
                b.AddValue(area, "SEOUL", year, published[(area, year)]);
            }

            var panel = b.Build();
            IndexDefinition Def(bool byCount, AggregationMethod agg)
            {
                var builder = IndexBuilder.Create("areas", "Areas").Normalize(Normalization.Goalposts(0, 1000, scale: 1000));
                foreach (var area in SeoulDefinition.Areas)
                {
                    builder.Indicator(area);
                }

                return builder.Group("overall", g =>
                {
                    foreach (var area in SeoulDefinition.Areas)
                    {
                        g.Add(area, byCount ? counts[area] - (area == "housing" && year == "2023" ? 1 : 0) : 1);
                    }

                    g.Aggregate(agg);
                }).Build();
            }

            double Overall(bool byCount, AggregationMethod agg) => CompiledIndex.Compile(Def(byCount, agg)).Evaluate(panel).GetScore("overall", "SEOUL", year);

            Assert.Equal(published[("seoul", year)], Round1(Overall(true, Aggregation.Arithmetic())));
            Assert.NotEqual(published[("seoul", year)], Round1(Overall(false, Aggregation.Arithmetic())));
            Assert.NotEqual(published[("seoul", year)], Round1(Overall(false, Aggregation.Geometric())));
            Assert.NotEqual(published[("seoul", year)], Round1(Overall(true, Aggregation.Geometric())));
        }
    }

    [SharedDataFact("seoul")]
    public void SampleData_IsTheSharedIllustrativeData_LineForLine()
    {
        // Git stores the copy with LF line ends; the shared file uses CRLF.
        foreach (var file in new[] { "illustrative-values.csv", "indicators.csv" })
        {
            Assert.Equal(
                File.ReadAllLines(SharedData.PathOf("seoul", file)),
                File.ReadAllLines(Path.Combine(SharedData.RepoRoot, "samples", "seoul", "data", file)));
        }
    }

    [SharedDataFact("seoul")]
    public void SeoulJson_PublishedOutputs_EqualAll14PublishedValuesTo1Decimal()
    {
        // The definition's own outputs round to 1 decimal, as Seoul publishes.
        var result = Evaluate(Json());
        var compared = 0;
        foreach (var ((node, year), value) in Published())
        {
            Assert.Equal((decimal)value, result.GetOutput(OutputOf(node)).GetPublished("SEOUL", year));
            Assert.Equal(value.ToString("F1", CultureInfo.InvariantCulture), result.GetOutput(OutputOf(node)).Format("SEOUL", year));
            compared++;
        }

        Gallery.GalleryCatalog.Count("seoul", "published outputs", compared, compared);
    }

    [Fact]
    public void SeoulJson_AndFluentDefinition_SameFingerprintAndEqual()
    {
        var fluent = SeoulDefinition.Build();
        var json = Json();
        Assert.Equal(IndexDefinitionJson.Fingerprint(fluent), IndexDefinitionJson.Fingerprint(json));
        Assert.Equal(fluent, json);
    }

    [SharedDataFact("seoul")]
    public void FluentDefinition_AllAreasAndOverall_MatchPublishedTo1Decimal()
    {
        var result = Evaluate(SeoulDefinition.Build());
        foreach (var ((node, year), value) in Published())
        {
            Assert.True(Round1(result.GetScore(node, "SEOUL", year)) == value, $"{node} {year}: computed {result.GetScore(node, "SEOUL", year):R}, published {value}");
        }
    }

    [SharedDataFact("seoul")]
    public void SeoulJson_IndicatorsUsed_Are49In2023And50In2024WithH03Dropped()
    {
        var result = Evaluate(Json());
        Assert.Equal(49, result.GetUsedIndicators(result.RootId, "SEOUL", "2023").Length);
        Assert.Equal(["H03"], result.GetDroppedIndicators(result.RootId, "SEOUL", "2023").ToArray());
        Assert.Equal(50, result.GetIndicatorCount("seoul", "SEOUL", "2024"));
        Assert.Equal(5, result.GetIndicatorCount("housing", "SEOUL", "2023"));
    }

    [SharedDataFact("seoul")]
    public void IndicatorTableDefinition_FromSharedIndicatorsCsv_MatchesPublishedTo1Decimal()
    {
        // The no-code route of docs/city-guide.md: the indicator table plus three choices.
        var definition = IndicatorTable.Read(SharedData.PathOf("seoul", "indicators.csv"), new IndicatorTableOptions { IndexId = "seoul", IndexName = "Seoul" })
            .Normalize(Normalization.RatioToBase("2022", InversionRule.Reciprocal))
            .EditGroup("seoul", g => g.WeightByIndicatorCount())
            .Build();
        var result = Evaluate(definition);
        Assert.Equal(50, definition.Indicators.Length);
        foreach (var ((node, year), value) in Published())
        {
            Assert.Equal(value, Round1(result.GetScore(node, "SEOUL", year)));
        }
    }

    [SharedDataFact("seoul")]
    public void EqualAreaWeights_Overall_DoesNotReproducePublished()
    {
        // The plain mean of the six area indices: 111.2 (2023) and 126.7 (2024) instead of 111.0 and 130.6.
        var definition = WithRoot(Json(), g => g with { WeightScaling = WeightScaling.None });
        var result = Evaluate(definition);
        var published = Published();
        foreach (var year in Years)
        {
            Assert.NotEqual(published[("seoul", year)], Round1(result.GetScore("seoul", "SEOUL", year)));
        }

        // The areas themselves do not depend on the overall weighting.
        Assert.Equal(published[("housing", "2023")], Round1(result.GetScore("housing", "SEOUL", "2023")));
    }

    [SharedDataFact("seoul")]
    public void GeometricMean_DoesNotReproducePublished_ForEitherYear()
    {
        var definition = Json() with { Aggregation = Aggregation.Geometric() };
        var result = Evaluate(definition);
        var published = Published();
        foreach (var year in Years)
        {
            Assert.NotEqual(published[("seoul", year)], Round1(result.GetScore("seoul", "SEOUL", year)));
            Assert.Contains(SeoulDefinition.Areas, a => published[(a, year)] != Round1(result.GetScore(a, "SEOUL", year)));
        }
    }

    [SharedDataFact("seoul")]
    public void MirrorInversion_DoesNotReproducePublished()
    {
        // Safety 2023 (124.4 instead of 124.9) and housing 2024 (119.8 instead of 120.3) hold lower-is-better indicators.
        var definition = Json() with { Normalization = Normalization.RatioToBase(SeoulDefinition.BasePeriod, InversionRule.Mirror) };
        var result = Evaluate(definition);
        var published = Published();
        Assert.NotEqual(published[("safety", "2023")], Round1(result.GetScore("safety", "SEOUL", "2023")));
        Assert.NotEqual(published[("housing", "2024")], Round1(result.GetScore("housing", "SEOUL", "2024")));
    }

    [SharedDataFact("seoul")]
    public void DecomposeChange_2023To2024_IndicatorsAndAreasSumToOverallChangeWithin1e9()
    {
        var result = Evaluate(Json());
        var change = result.ExplainChange(result.RootId, "SEOUL", "2023", "2024");
        var expected = result.GetScore("seoul", "SEOUL", "2024") - result.GetScore("seoul", "SEOUL", "2023");
        Assert.Equal(ChangeDecompositionMethod.Additive, change.Method);
        Assert.Equal(expected, change.Change, 12);
        Assert.Equal(50, change.Indicators.Count());
        Assert.InRange(change.Indicators.Sum(c => c.Contribution) - expected, -1e-9, 1e-9);
        Assert.InRange(change.TopLevel.Sum(c => c.Contribution) - expected, -1e-9, 1e-9);
        Assert.Equal(ChangeStatus.Entered, change["H03"].Status);

        // The published headline: 111.0 → 130.6.
        var published = Published();
        Assert.Equal(published[("seoul", "2024")] - published[("seoul", "2023")], Round1(change.ScoreTo) - Round1(change.ScoreFrom), 9);
    }

    [SharedDataFact("seoul")]
    public void DecomposeChange_GeometricVariant_SumsToChangeWithin1e9()
    {
        var result = Evaluate(Json() with { Aggregation = Aggregation.Geometric() });
        var change = result.ExplainChange(result.RootId, "SEOUL", "2023", "2024");
        Assert.Equal(ChangeDecompositionMethod.LogarithmicMean, change.Method);
        Assert.InRange(change.Indicators.Sum(c => c.Contribution) - change.Change, -1e-9, 1e-9);
    }

    [Fact]
    public void SensitivitySpec_ValidatesAgainstSeoulJson()
    {
        var analysis = SensitivitySpec.Create(Json());
        var report = analysis.Validate(Json());
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal(3 + 7, analysis.Factors.Length);
    }

    [Fact]
    public void SensitivityJson_IsTheSameAnalysisAsSensitivitySpec()
    {
        // samples/seoul/sensitivity.json lets `compindex sensitivity` run Seoul's robustness analysis without C#; it must
        // stay the analysis SensitivitySpec builds (compared as JSON written with the library's options).
        var options = new System.Text.Json.JsonSerializerOptions(CompositeIndex.Serialization.IndexDefinitionSerializer.Default.Options) { WriteIndented = false };
        var file = System.Text.Json.JsonSerializer.Deserialize<CompositeIndex.Sensitivity.SensitivityDefinition>(
            File.ReadAllText(Path.Combine(SharedData.RepoRoot, "samples", "seoul", "sensitivity.json")), options);
        Assert.NotNull(file);
        var spec = SensitivitySpec.Create(Json());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(spec, options), System.Text.Json.JsonSerializer.Serialize(file, options));
        Assert.True(file.Validate(Json()).IsValid);
    }

    private static IndexDefinition WithRoot(IndexDefinition d, Func<GroupDefinition, GroupDefinition> change) =>
        d with { Groups = [.. d.Groups.Select(g => g.Id == d.ResolveRoot() ? change(g) : g)] };
}
