using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>The Seoul report shows the index as Seoul presents it: over time, from the base year 2022 = 100 (issue #17).</summary>
public class SeoulReportTests
{
    private static string Definition => Path.Combine(RepoRoot, "samples", "gallery", "seoul", "seoul.json");

    private static string Data(string file) => Path.Combine(RepoRoot, "samples", "seoul", "data", file);

    private static IDocument Report(params string[] extra)
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run(["report", Definition, "--out", file, .. extra]);
        Assert.True(code == 0, stderr);
        return new HtmlParser().ParseDocument(File.ReadAllText(file));
    }

    /// <summary>The trend chart's points: period → the value the mark carries.</summary>
    private static Dictionary<string, string> Points(IDocument doc, string chartId) =>
        doc.GetElementById(chartId)!.QuerySelectorAll("circle.point").ToDictionary(c => c.GetAttribute("data-x")!, c => c.GetAttribute("data-value")!, StringComparer.Ordinal);

    [Fact]
    public void TrendMarks_EqualSeoulsPublishedAreaAndOverallValues_2022To2024()
    {
        var doc = Report("--data", Data("illustrative-values.csv"), "--long");

        // Published (shared/data/seoul/README.md): 2023 and 2024 by area and overall, 1 decimal; 2022 is the base, 100 everywhere.
        var published = new Dictionary<string, (string Y2023, string Y2024)>
        {
            ["trend"] = ("111.0", "130.6"),
            ["trend-livelihood"] = ("100.8", "127.8"),
            ["trend-housing"] = ("125.1", "120.3"),
            ["trend-health"] = ("120.1", "156.5"),
            ["trend-education"] = ("98.4", "111.3"),
            ["trend-safety"] = ("124.9", "148.9"),
            ["trend-integration"] = ("97.9", "95.6"),
        };
        var compared = 0;
        foreach (var (chart, (y2023, y2024)) in published)
        {
            var points = Points(doc, chart);
            Assert.Equal(["2022", "2023", "2024"], points.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("100.0", points["2022"]);
            Assert.Equal(y2023, points["2023"]);
            Assert.Equal(y2024, points["2024"]);
            compared += 3;
        }

        Assert.Equal(21, compared);

        // The base period comes from the definition (ratio to 2022 × 100): Δ since 2022 is shown.
        Assert.Contains("2022 (from the definition: 2022 = 100)", doc.QuerySelectorAll("dl.facts dd").Select(d => d.TextContent));
        var time = doc.QuerySelector("table.time")!;
        Assert.Equal("+30.6", time.QuerySelector("td[data-delta=base]")!.TextContent);
        Assert.Equal("+19.6", time.QuerySelector("td[data-delta=score]")!.TextContent);
    }

    [Fact]
    public void DistrictReport_Has25Profiles_AndDeltaScoreAndDeltaRankColumns()
    {
        var doc = Report("--data", Data("districts-synthetic.csv"), "--long", "--name-column", "unit_name");

        var profiles = doc.QuerySelectorAll("details.profile");
        Assert.Equal(25, profiles.Length);
        Assert.Equal(25, profiles.Select(p => p.Id).Distinct().Count());

        // Every unit link in the results points to its profile.
        var links = doc.QuerySelectorAll("table.ranking tbody a").Select(a => a.GetAttribute("href")!.TrimStart('#')).ToList();
        Assert.Equal(25, links.Count);
        Assert.All(links, id => Assert.NotNull(doc.GetElementById(id)));

        var header = doc.QuerySelectorAll("table.ranking thead th").Select(th => th.TextContent).ToList();
        Assert.Contains("Δscore", header);
        Assert.Contains("Δrank", header);
        Assert.Contains("Δ since 2022", header);

        // Δrank (of the published overall value, ranked among the districts) is the change since 2023, recomputed here
        // from the ranks each profile prints for 2022, 2023 and 2024.
        var rows = doc.QuerySelectorAll("table.outputs tbody tr[data-unit]").ToList();
        Assert.Equal(25, rows.Count);
        var profileRanks = profiles.ToDictionary(p => p.Id!, p => p.QuerySelectorAll("table.profile-time tbody tr")[1].QuerySelectorAll("td").Skip(1).Select(td => td.TextContent).ToList(), StringComparer.Ordinal);
        var moved = 0;
        foreach (var row in rows)
        {
            var anchor = row.QuerySelector("a")!.GetAttribute("href")!.TrimStart('#');
            var ranks = profileRanks[anchor]; // 2022, 2023, 2024
            var expected = int.Parse(ranks[1], CultureInfo.InvariantCulture) - int.Parse(ranks[2], CultureInfo.InvariantCulture);
            Assert.Equal(expected.ToString("+0;−0;0", CultureInfo.InvariantCulture), row.QuerySelector("td[data-delta=rank]")!.TextContent);
            Assert.Equal(ranks[2], row.QuerySelector("td[data-rank=overall]")!.TextContent);
            moved += expected != 0 ? 1 : 0;
        }

        Assert.True(moved > 0, "no district changed rank: the Δrank check would prove nothing");
    }
}
