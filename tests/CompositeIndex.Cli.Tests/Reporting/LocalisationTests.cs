using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using CompositeIndex.Serialization;
using CompositeIndex.Tests;
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

        Assert.Throws<UnknownKeyException>(() => en["no.such.key"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KoreanReport_HasNoEnglishHeadingOrLabel(bool seoul)
    {
        var file = TempFile("report.html");
        string[] args = seoul
            ? ["report", Path.Combine(RepoRoot, "samples", "gallery", "seoul", "seoul.json"), "--data", Path.Combine(RepoRoot, "samples", "seoul", "data", "illustrative-values.csv"), "--long"]
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

        // The lead paragraph is the definition's Korean description when it has one (Seoul's "descriptions": {"ko": …}).
        var lead = doc.QuerySelector("header p.lead")!.TextContent;
        if (seoul)
        {
            Assert.StartsWith("서울특별시·서울연구원. 지표 지수 = 100 × 값 / 2022년 값", lead, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The README's sample in Korean: Seoul's published series is one unit (the city), so the audit and correlations,
    /// which compare units, are one Korean note instead of tables of "n/a" and the core's English notes ("No PCA of
    /// group …"); the scores by group are one chart of the index and its six areas (not seven charts of one bar); and no
    /// English word is left anywhere in the page.
    /// </summary>
    [Fact]
    public void KoreanReadmeSample_OneUnit_OneScoresChart_AuditIsOneKoreanNote_NoEnglishLeft()
    {
        var file = TempFile("seoul-one-unit-ko.html");
        var (code, _, stderr) = Run("report", SampleResults.SeoulDefinition, "--data", Path.Combine(RepoRoot, "samples", "seoul", "data", "illustrative-values.csv"), "--long", "--language", "ko", "--out", file);
        Assert.True(code == 0, stderr);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));

        Assert.Equal(7, doc.QuerySelectorAll("#scores-unit rect.bar").Length);
        Assert.Empty(doc.QuerySelectorAll("svg[id^='scores-']:not(#scores-unit)"));

        var audit = doc.GetElementById("audit")!;
        Assert.Empty(audit.QuerySelectorAll("table"));
        Assert.Equal(["통계 검토는 단위끼리 비교합니다. 2024에 지수 점수가 있는 단위가 1개뿐이라 산포·왜도·상관관계·주성분을 계산할 수 없어(3개 이상 필요) 생략합니다."], audit.QuerySelectorAll("p.note").Select(p => p.TextContent));

        var texts = ReaderTexts(doc);
        var definition = IndexDefinitionJson.LoadFile(SampleResults.SeoulDefinition);
        var result = CompiledIndex.Compile(definition).Evaluate(Panel.ReadLongCsv(Path.Combine(RepoRoot, "samples", "seoul", "data", "illustrative-values.csv")));
        Assert.Single(result.Units);
        Assert.Empty(LeftoverEnglish.Find(texts, LeftoverEnglish.DataStrings(result, "illustrative-values.csv")));
    }

    /// <summary>
    /// The default report (interactive, here with maps, leave-one-out, audit and profiles) in Korean: no English word is left in any text
    /// a reader sees or hears (text, tooltips, ARIA labels, the explorer's static part and the maps), except what the
    /// data itself holds (district names, ids, measurement units, the definition's description).
    /// </summary>
    [SharedDataFact("geo")]
    public void KoreanDefaultReport_WithMaps_HasNoEnglishInterfaceText()
    {
        var file = TempFile("seoul-ko.html");
        var (code, _, stderr) = Run("report", SampleResults.SeoulDefinition, "--data", SampleResults.SeoulDistrictsCsv, "--long", "--name-column", "unit_name",
            "--geo", SampleResults.SeoulGeoJson, "--geo-key", "name_eng=name", "--remove", "1", "--language", "ko", "--out", file);
        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.NotNull(doc.GetElementById("ci-explorer"));        // the default report is the interactive one
        Assert.Equal(7, doc.QuerySelectorAll("section#map svg.ci-map").Length);
        Assert.NotNull(doc.GetElementById("leave-one-out"));     // coinr's section (report --remove) is checked too

        var texts = ReaderTexts(doc);
        Assert.True(texts.Count > 3000, $"only {texts.Count} texts");
        var result = SampleResults.Seoul;
        var left = LeftoverEnglish.Find(texts, LeftoverEnglish.DataStrings(result, "seoul_municipalities_geo_simple.json", "districts-synthetic.csv", "name_eng=name"));
        Assert.Empty(left);

        // The explorer's script text comes in the model, in Korean.
        var model = System.Text.Json.JsonDocument.Parse(doc.GetElementById("ci-explorer-data")!.TextContent).RootElement;
        Assert.Equal("공표 가중치로 되돌리기", model.GetProperty("text").GetProperty("explorer.reset").GetString());
    }

    /// <summary>Every text a reader sees or hears: text nodes outside scripts and styles, tooltips and ARIA labels.</summary>
    private static List<string> ReaderTexts(IDocument doc) =>
        doc.Body!.Descendants<IText>()
            .Where(t => t.ParentElement is not { LocalName: "script" or "style" })
            .Select(t => t.Text.Trim())
            .Concat(doc.QuerySelectorAll("[title], [aria-label]").SelectMany(e => new[] { e.GetAttribute("title"), e.GetAttribute("aria-label") }).OfType<string>())
            .Where(t => t.Length > 0)
            .ToList();
}
