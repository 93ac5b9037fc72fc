using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>The report's text comes from resources, complete in English and Korean (issue #17).</summary>
public class LocalisationTests
{
    [Fact]
    public void EveryResourceKey_HasAKoreanString()
    {
        var missing = ReportText.Keys.Except(ReportText.KeysOf("ko")).ToList();
        Assert.Empty(missing);
        Assert.Empty(ReportText.KeysOf("ko").Except(ReportText.Keys)); // no Korean key without an English one
        Assert.True(ReportText.Keys.Length > 150, $"only {ReportText.Keys.Length} keys");
    }

    [Fact]
    public void KoreanStrings_AreTranslations_NotEnglishCopies()
    {
        var en = ReportText.For("en");
        var ko = ReportText.For("ko");
        var copies = ReportText.Keys.Where(k => ko[k] == en[k] && ko[k].Any(char.IsAsciiLetter)).ToList();
        Assert.Empty(copies);
    }

    [Fact]
    public void OtherLanguages_FallBackToEnglish_PlaceholdersAgree()
    {
        var en = ReportText.For("en");
        Assert.Equal("Overview", ReportText.For("de")[ "section.overview"]);
        Assert.Equal("개요", ReportText.For("ko-KR")["section.overview"]);
        Assert.Equal("Overview", ReportText.For(null)["section.overview"]);
        var ko = ReportText.For("ko");
        foreach (var key in ReportText.Keys)
        {
            for (var i = 0; i < 6; i++)
            {
                var p = "{" + i + "}";
                Assert.True(en[key].Contains(p, StringComparison.Ordinal) == ko[key].Contains(p, StringComparison.Ordinal), $"'{key}': placeholder {p} differs between en and ko");
            }
        }

        Assert.Throws<KeyNotFoundException>(() => en["no.such.key"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KoreanReport_HasNoEnglishHeadingOrLabel(bool seoul)
    {
        var file = TempFile("report.html");
        string[] args = seoul
            ? ["report", Path.Combine(RepoRoot, "samples", "seoul", "seoul.json"), "--data", Path.Combine(RepoRoot, "samples", "seoul", "data", "illustrative-values.csv"), "--long"]
            : ["report", QuickStartDefinition, "--data", QuickStartData];
        var (code, _, stderr) = Run([.. args, "--language", "ko", "--out", file]);
        Assert.True(code == 0, stderr);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));
        Assert.Equal("ko", doc.DocumentElement.GetAttribute("lang"));

        // Every piece of interface text a reader scans: headings, table headers, navigation, summaries, captions, chart titles.
        var labels = doc.QuerySelectorAll("h2, h3, h4, th, nav a, summary, figcaption, dt, svg > title").Select(e => e.TextContent.Trim()).ToHashSet(StringComparer.Ordinal);
        var en = ReportText.For("en");
        var ko = ReportText.For("ko");
        var english = ReportText.Keys.Where(k => en[k] != ko[k] && !en[k].Contains('{', StringComparison.Ordinal)).Select(k => (k, en[k])).ToList();
        var left = english.Where(x => labels.Contains(x.Item2)).Select(x => $"{x.k}: {x.Item2}").ToList();
        Assert.Empty(left);
        Assert.Contains("개요", labels);
        Assert.Contains("방법과 가중치", labels);
    }
}
