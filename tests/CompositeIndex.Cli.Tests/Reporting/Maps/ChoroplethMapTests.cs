using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CompositeIndex.Reporting.Maps;
using CompositeIndex.Tests;

namespace CompositeIndex.Cli.Tests.Reporting.Maps;

public partial class ChoroplethMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [SharedDataFact("geo")]
    public void Seoul_EveryDistrictHasOnePathColouredByItsScoreClass()
    {
        var result = SampleResults.Seoul;
        var map = ChoroplethMap.Render(result, SampleResults.SeoulShapes, new MapOptions { Keys = [MapKey.Parse("name_eng=name")], Period = "2024" });

        Assert.Equal(MapProjection.Equirectangular, map.Projection);
        Assert.Empty(map.NotDrawn);
        Assert.Equal(25, map.DrawnUnits);
        var doc = XDocument.Parse(map.Svg); // well-formed
        var paths = doc.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "unit").ToList();
        Assert.Equal(25, paths.Count);
        Assert.Equal(25, result.Units.Length);

        // Seoul's "seoul" output publishes the index at 1 decimal: the map shows those published values, in
        // equal-interval classes computed here from them: edges min + i (max - min) / 5.
        var output = result.Outputs.Single(x => x.Definition.Value is ScoreExpression { Node: "seoul" });
        var scores = result.Units.Select(u => (double)output.GetPublished(u.Id, "2024")!.Value).ToArray();
        var min = scores.Min();
        var max = scores.Max();
        Assert.Equal(5, map.Classes.Length);
        var compared = 0;
        for (var j = 0; j < result.Units.Length; j++)
        {
            var unit = result.Units[j];
            var path = Assert.Single(paths, p => (string?)p.Attribute("data-unit") == unit.Id);
            var expected = Math.Min(4, (int)Math.Floor((scores[j] - min) / (max - min) * 5));
            Assert.Equal(map.Classes[expected].Color, (string?)path.Attribute("fill"));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), (string?)path.Attribute("data-class"));
            Assert.True(((string?)path.Attribute("d"))?.Length > 50, unit.Id);
            Assert.Equal($"{unit.Name}: {output.Format(unit.Id, "2024")} (rank {output.GetRank(unit.Id, "2024")} of 25)", path.Element(Svg + "title")!.Value);
            compared++;
        }

        Assert.Equal(25, compared);
        Assert.Equal(5, map.Classes.Select(c => c.Color).Distinct().Count());
        Assert.Contains(paths, p => (string?)p.Attribute("data-class") == "0");
        Assert.Contains(paths, p => (string?)p.Attribute("data-class") == "4");
    }

    [SharedDataFact("geo")]
    public void World_ListsTheUnitsItCannotDrawByName_AndDrawsNorwayOnceThroughTheFallbackKey()
    {
        var result = SampleResults.Hdi;
        var isoOnly = ChoroplethMap.Render(result, SampleResults.WorldShapes, new MapOptions { Keys = [MapKey.Parse("ISO_A3")], Period = "2022" });
        Assert.Contains(isoOnly.NotDrawn, u => u.Id == "NOR");  // the trap: ISO_A3 is "-99" for Norway and France
        Assert.Contains(isoOnly.NotDrawn, u => u.Id == "FRA");

        var map = ChoroplethMap.Render(result, SampleResults.WorldShapes, new MapOptions { Keys = [MapKey.Parse("ISO_A3"), MapKey.Parse("ADMIN=name")], Period = "2022" });
        Assert.Equal(MapProjection.EqualEarth, map.Projection);
        var doc = XDocument.Parse(map.Svg);
        var units = doc.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "unit").ToList();
        Assert.Single(units, p => (string?)p.Attribute("data-unit") == "NOR");
        Assert.Single(units, p => (string?)p.Attribute("data-unit") == "FRA");
        Assert.DoesNotContain(map.NotDrawn, u => u.Id is "NOR" or "FRA");
        Assert.Equal(units.Count, map.DrawnUnits);
        Assert.Equal(result.Units.Length, map.DrawnUnits + map.NotDrawn.Length + map.OutOfScope.Length);

        // Every unit not drawn is named under the map; small island states have no shape at 1:110m. UNDP's 11 regional
        // aggregates, which the HDI output does not rank, are not map units: they are named on a line of their own.
        var listed = string.Join(" ", doc.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "not-drawn").Select(t => t.Value));
        Assert.StartsWith($"No shape on the map ({map.NotDrawn.Length}): ", listed, StringComparison.Ordinal);
        foreach (var u in map.NotDrawn)
        {
            Assert.Contains(u.Name!, listed, StringComparison.Ordinal);
            Assert.Equal("0", u.Attributes["is_aggregate"]);
        }

        Assert.Equal(11, map.OutOfScope.Length);
        Assert.All(map.OutOfScope, u => Assert.Equal("1", u.Attributes["is_aggregate"]));
        Assert.Contains("Not ranked by Human Development Index, so not mapped (11): ", listed, StringComparison.Ordinal);
        Assert.True(listed.IndexOf("Not ranked by", StringComparison.Ordinal) > listed.IndexOf(map.NotDrawn[^1].Name!, StringComparison.Ordinal));
        foreach (var u in map.OutOfScope)
        {
            Assert.Contains(u.Name!, listed, StringComparison.Ordinal);
        }

        Assert.Contains(map.NotDrawn, u => u.Id == "TUV"); // Tuvalu
        Assert.Contains(map.NotDrawn, u => u.Id == "MDV"); // Maldives
        Assert.InRange(map.DrawnUnits, 160, 180);
    }

    /// <summary>
    /// The HDI's output publishes UNDP's four groups (classes): the world map is coloured by them, one colour per group
    /// from low to high, with the group labels in the legend; tooltips show the published 3-decimal value, the group
    /// and the output's own rank (of the 193 ranked countries; regional aggregates have none).
    /// </summary>
    [SharedDataFact("geo")]
    public void World_ColoursByTheHdiOutputsClasses_WithPublishedValuesAndRanks()
    {
        var result = SampleResults.Hdi;
        var output = result.Outputs.Single(x => !x.Definition.Classes.IsDefaultOrEmpty);
        var map = ChoroplethMap.Render(result, SampleResults.WorldShapes, new MapOptions { Keys = [MapKey.Parse("ISO_A3"), MapKey.Parse("ADMIN=name")], Period = "2022" });
        Assert.Equal(["Low", "Medium", "High", "Very High"], map.Classes.Select(c => c.Label));
        Assert.Equal(4, map.Classes.Select(c => c.Color).Distinct().Count());
        Assert.Equal(0.8, map.Classes[3].Lower);

        var doc = XDocument.Parse(map.Svg);
        Assert.Equal(["Low", "Medium", "High", "Very High", "no score", "not in the index"], doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "text").Select(t => t.Value).Take(6).Where(t => t.Length > 0));
        var ranked = result.Units.Count(u => output.GetRank(u.Id, "2022") is not null);
        Assert.Equal(193, ranked);
        var compared = 0;
        var byClass = new int[4];
        foreach (var path in doc.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "unit"))
        {
            var id = (string)path.Attribute("data-unit")!;
            var unit = result.Units.Single(u => u.Id == id);
            var label = output.GetClass(id, "2022");
            var title = path.Element(Svg + "title")!.Value;
            if (label is null)
            {
                Assert.Equal("url(#map-hatch)", (string?)path.Attribute("fill"));
                Assert.Equal($"{unit.Name}: no score", title);
                continue;
            }

            var c = map.Classes.Select(x => x.Label).ToList().IndexOf(label);
            Assert.Equal(map.Classes[c].Color, (string?)path.Attribute("fill"));
            Assert.Equal(c.ToString(CultureInfo.InvariantCulture), (string?)path.Attribute("data-class"));
            Assert.Equal(output.GetRank(id, "2022") is { } r ? $"{unit.Name}: {output.Format(id, "2022")}, {label} (rank {r} of {ranked})" : $"{unit.Name}: {output.Format(id, "2022")}, {label}", title);
            byClass[c]++;
            compared++;
        }

        Assert.Equal(map.DrawnUnits, compared + doc.Descendants(Svg + "path").Count(p => (string?)p.Attribute("class") == "unit" && (string?)p.Attribute("data-class") == "-1"));
        Assert.True(compared >= 160, $"{compared} coloured by class");
        Assert.All(byClass, n => Assert.True(n > 10, string.Join(",", byClass)));

        // Without the outputs: equal intervals of the raw scores, as before.
        var raw = ChoroplethMap.Render(result, SampleResults.WorldShapes, new MapOptions { Keys = [MapKey.Parse("ISO_A3"), MapKey.Parse("ADMIN=name")], Period = "2022", PublishedOutputs = false });
        Assert.Equal(5, raw.Classes.Length);
        Assert.Contains("–", raw.Classes[0].Label, StringComparison.Ordinal);
    }

    [SharedDataFact("geo")]
    public void Render_BadValueFormat_ArgumentExceptionQuotingIt()
    {
        var result = SampleResults.Seoul;
        var e = Assert.Throws<ArgumentException>(() => ChoroplethMap.Render(result, SampleResults.SeoulShapes, new MapOptions { Keys = [MapKey.Parse("name_eng=name")], Period = "2024", ValueFormat = "Q2" }));
        Assert.Contains("\"Q2\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualEarth_MatchesCartopysWorldWidth_AndThePaperAspectRatio()
    {
        // Cartopy's EqualEarth x limit on WGS84 is 17243959.0622169 m (lib/cartopy/tests/crs/test_equal_earth.py);
        // the projection is equal-area on the authalic sphere, R = 6371007.1809 m (Moritz 1980, GRS80).
        var (x, _) = Projections.EqualEarth(180, 0, 0);
        Assert.Equal(17243959.0622169, x * 6371007.1809, 0.01);
        var (_, y) = Projections.EqualEarth(0, 90, 0);
        Assert.Equal(2.05, x / y, 0.005); // Šavrič et al. (2019): width to height about 2.05 : 1
        var (xs, ys) = Projections.EqualEarth(-30, -45, 0);
        Assert.True(xs < 0 && ys < 0);
    }

    [Fact]
    public void Equirectangular_ScalesLongitudeByTheCosineOfTheStandardParallel()
    {
        var (x, y) = Projections.Equirectangular(127.5, 37.5, 126.5, Math.Cos(37.5 * Math.PI / 180));
        Assert.Equal(Math.PI / 180 * Math.Cos(37.5 * Math.PI / 180), x, 1e-15);
        Assert.Equal(37.5 * Math.PI / 180, y, 1e-15);
    }

    [Theory]
    [InlineData("ISO_A3", "ISO_A3", MapKeyTarget.Id, null)]
    [InlineData(" code = id ", "code", MapKeyTarget.Id, null)]
    [InlineData("name_eng=name", "name_eng", MapKeyTarget.Name, null)]
    [InlineData("code=district_code", "code", MapKeyTarget.Attribute, "district_code")]
    public void MapKey_Parse_ReadsTheTextForm(string text, string property, MapKeyTarget target, string? attribute)
    {
        var key = MapKey.Parse(text);
        Assert.Equal(new MapKey(property, target, attribute), key);
        Assert.Equal(key, MapKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("=name")]
    [InlineData("code=")]
    public void MapKey_Parse_RejectsAnEmptyPart(string text) => Assert.Throws<ArgumentException>(() => MapKey.Parse(text));

    [Theory]
    [InlineData(1234, "123.4")]
    [InlineData(-5, "-.5")]
    [InlineData(20, "2")]
    [InlineData(0, "0")]
    [InlineData(-1230, "-123")]
    public void Tenths_WritesCompactDecimals(long tenths, string expected) => Assert.Equal(expected, ProjectedMap.Tenths(tenths));

    [Fact]
    public void GeoShapes_MalformedJson_ThrowsDataExceptionWithLine()
    {
        var e = Assert.Throws<IndexDataException>(() => GeoShapes.Parse("{\"type\": \"FeatureCollection\",\n \"features\": [ {\"type\": \"Feature\", ", "bad.geojson"));
        Assert.Contains("bad.geojson", e.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<IndexDataException>(() => GeoShapes.Parse("{\"type\": \"Topology\"}", "topo.json"));
        Assert.Contains("Unknown GeoJSON type 'Topology'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<IndexDataException>(() => GeoShapes.Parse("[1, 2]"));
        Assert.Throws<IndexDataException>(() => GeoShapes.Load(Path.Combine(Path.GetTempPath(), "no-such-file.geojson")));
    }

    [Fact]
    public void Render_EscapesNames_AndHatchesUnitsWithoutAScore()
    {
        const string geo = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"k":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
              {"type":"Feature","properties":{"k":"b"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}},
              {"type":"Feature","properties":{"k":"z","name":"Lake <Z>"},"geometry":{"type":"Polygon","coordinates":[[[2,0],[3,0],[3,1],[2,1],[2,0]]]}}]}
            """;
        var definition = IndexBuilder.Create("t", "T").Indicator("x", i => i.Normalize(Normalization.MinMax(0, 1))).Indicator("y", i => i.Normalize(Normalization.MinMax(0, 1)))
            .Group("root", g => g.Add("x", "y")).MissingData(MissingData.Propagate()).Build();
        var panel = new PanelBuilder()
            .AddUnit(new UnitInfo("a", "A & <b>")).AddUnit(new UnitInfo("b", "B")).AddUnit(new UnitInfo("c", "C \"quoted\""))
            .AddValue("x", "a", "2020", 0).AddValue("y", "a", "2020", 0.5).AddValue("x", "b", "2020", 1)
            .AddValue("x", "c", "2020", 0.5).AddValue("y", "c", "2020", 1).AddValue("y", "b", "2020", double.NaN)
            .Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var map = ChoroplethMap.Render(result, GeoShapes.Parse(geo), new MapOptions { Keys = [new MapKey("k")] });

        var doc = XDocument.Parse(map.Svg);
        var b = Assert.Single(doc.Descendants(Svg + "path"), p => (string?)p.Attribute("data-unit") == "b");
        Assert.Equal("url(#map-hatch)", (string?)b.Attribute("fill"));
        Assert.Equal("-1", (string?)b.Attribute("data-class"));
        Assert.Contains(doc.Descendants(Svg + "title"), t => t.Value == "A & <b>: 0.00 (rank 2 of 2)");
        Assert.Contains(doc.Descendants(Svg + "title"), t => t.Value == "Lake <Z> (not in the index)");
        Assert.Equal("C \"quoted\"", Assert.Single(map.NotDrawn).Name);
        Assert.Contains("No shape on the map (1): C &quot;quoted&quot;.", map.Svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", map.Svg, StringComparison.Ordinal);
        Assert.Matches(LegendLabel(), map.Svg);
    }

    [GeneratedRegex("no score</text>")]
    private static partial Regex LegendLabel();
}
