using AngleSharp.Html.Parser;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting.Maps;

public class ReportMapTests
{
    [SharedDataFact("geo")]
    public void Report_WithGeo_DrawsTheIndexAndEachTopLevelGroupWithEveryDistrict()
    {
        var file = TempFile("seoul.html");
        var (code, _, stderr) = Run("report", SampleResults.SeoulDefinition, "--data", SampleResults.SeoulDistrictsCsv, "--long", "--name-column", "unit_name",
            "--out", file, "--geo", SampleResults.SeoulGeoJson, "--geo-key", "name_eng=name");
        Assert.True(code == 0, stderr);

        var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));
        var maps = doc.QuerySelectorAll("section#map figure.map svg");
        Assert.Equal(7, maps.Length); // the index and its six areas
        Assert.Equal(["seoul", "livelihood", "housing", "health", "education", "safety", "integration"], maps.Select(m => m.GetAttribute("data-node")));
        foreach (var svg in maps)
        {
            Assert.Equal(25, svg.QuerySelectorAll("path.unit").Select(p => p.GetAttribute("data-unit")).Distinct().Count());
            Assert.Empty(svg.QuerySelectorAll("text.not-drawn"));
        }

        Assert.Equal(7, doc.QuerySelectorAll("pattern").Select(p => p.Id).Distinct().Count()); // one hatch per map, unique ids
        Assert.Contains("25 of 25 units drawn", doc.QuerySelector("section#map p.note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_GeoWithoutKey_IsAUsageError()
    {
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", TempFile("r.html"), "--geo", Fixture("broken.json"));
        Assert.Equal(2, code);
        Assert.Contains("--geo needs at least one --geo-key", stderr, StringComparison.Ordinal);
        var (code2, _, stderr2) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", TempFile("r.html"), "--geo-key", "ISO_A3");
        Assert.Equal(2, code2);
        Assert.Contains("--geo-key needs --geo", stderr2, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=name", "names no GeoJSON property")]
    [InlineData("code=", "names no unit field after '='")]
    public void Report_GeoKeyWithAnEmptyPart_IsAOneLineUsageError(string key, string expected)
    {
        var out_ = TempFile("r.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", out_, "--geo", Fixture("broken.json"), "--geo-key", key);
        Assert.Equal(2, code);
        Assert.Contains($"--geo-key: The map key '{key}' {expected}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(out_));
    }

    [Fact]
    public void Report_MalformedGeoJson_IsOneLineNamingTheFile()
    {
        var out_ = TempFile("r.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", out_, "--geo", Fixture("malformed.json"), "--geo-key", "id");
        Assert.NotEqual(0, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("malformed.json", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(out_));
    }
}
