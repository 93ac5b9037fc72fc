using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>
/// The report never executes markup from a definition, a data file or an option: every string field carries an
/// injection payload, the HTML is parsed as a browser parses it (AngleSharp, HTML5 tree construction) and the DOM
/// must hold no element or attribute that a benign report does not have, while every payload reads back as text.
/// </summary>
public class HtmlInjectionTests
{
    /// <summary>Payloads that break out of element content, double- and single-quoted attributes, comments and CDATA.</summary>
    private static string Payload(string field) =>
        $"<script>alert('{field}')</script>\"><img src=x onerror=alert(1)>'><svg onload=alert(2)><!-- ]]> &amp; {field}";

    private sealed record Strings(
        string IndexId, string IndexName, string IndexNameKo, string Description, string Version,
        string IndicatorId, string IndicatorName, string IndicatorNameKo, string GroupId, string GroupName, string GroupNameKo,
        string UnitId, string UnitName, string Period, string Notes, string DataSource, string Fingerprint, string Summary, string Label);

    private static Strings Hostile() => new(
        Payload("indexId"), Payload("name"), Payload("names.ko"), Payload("description"), Payload("version"),
        Payload("indicatorId"), Payload("indicatorName"), Payload("indicatorNames.ko"), Payload("groupId"), Payload("groupName"), Payload("groupNames.ko"),
        Payload("unitId"), Payload("unitName"), Payload("period"), Payload("notes"), Payload("dataSource"), Payload("fingerprint"), Payload("summary"), Payload("label"));

    private static Strings Benign() => new(
        "index", "Index", "지수", "About", "1.0", "income", "Income", "소득", "material", "Material", "물질", "u", "Unit", "2024", "Notes", "data.csv", "abc", "Summary", "weights");

    /// <summary>Two indicators in one group and a third indicator under the root, four units (the payload unit among them), one period.</summary>
    private static (IndexResult Result, ReportOptions Options) Build(Strings s, string? language)
    {
        var definition = IndexBuilder.Create(s.IndexId, s.IndexName)
            .Name("ko", s.IndexNameKo)
            .Description(s.Description)
            .Version(s.Version)
            .Indicator(s.IndicatorId, i => i.Name(s.IndicatorName).Name("ko", s.IndicatorNameKo).MeasurementUnit(s.Label).Source(s.Label).Description(s.Label))
            .Indicator("other")
            .Indicator("third")
            .Group(s.GroupId, g => g.Name(s.GroupName).Name("ko", s.GroupNameKo).Description(s.Description).Add(s.IndicatorId).Add("other"))
            .Group("root", g => g.Add(s.GroupId).Add("third"))
            .Normalize(Normalization.MinMax(0, 100))
            .Build();
        var panel = new PanelBuilder();
        string[] units = [s.UnitId, "b", "c", "d"];
        for (var k = 0; k < units.Length; k++)
        {
            panel.AddUnit(new UnitInfo(units[k], k == 0 ? s.UnitName : null));
            panel.AddValue(s.IndicatorId, units[k], s.Period, k * 3.0 + 1);
            panel.AddValue("other", units[k], s.Period, (k * 7) % 5);
            panel.AddValue("third", units[k], s.Period, (k * 5) % 3);
        }

        var data = panel.Build();
        var result = CompiledIndex.Compile(definition).Evaluate(data);
        var options = new ReportOptions
        {
            Language = language,
            Notes = s.Notes,
            DataSource = s.DataSource,
            Fingerprint = s.Fingerprint,
            Data = data,
            Sensitivity = new SensitivityReport
            {
                Summary = s.Summary,
                Output = s.Label,
                RankIntervals = [new RankIntervalItem(s.UnitName, 1, 1.5, 2) { Nominal = 1 }],
                Indices = [new(s.Label, 0.5, 0.1, 0.6, 0.1)],
            },
        };
        return (result, options);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static (HashSet<string> Elements, HashSet<string> Attributes) Vocabulary(IDocument doc) =>
        (doc.All.Select(e => e.LocalName).ToHashSet(StringComparer.Ordinal),
         doc.All.SelectMany(e => e.Attributes).Select(a => a.LocalName).ToHashSet(StringComparer.Ordinal));

    [Theory]
    [InlineData(null)]
    [InlineData("ko")]
    public void Render_EveryStringFieldAnInjectionPayload_DomHasNoLiveElementOrAttribute(string? language)
    {
        var (benignResult, benignOptions) = Build(Benign(), language);
        var (allowedElements, allowedAttributes) = Vocabulary(Parse(HtmlReport.Render(benignResult, benignOptions)));
        var (result, options) = Build(Hostile(), language);

        var html = HtmlReport.Render(result, options);
        var doc = Parse(html);

        var (elements, attributes) = Vocabulary(doc);
        Assert.Empty(elements.Except(allowedElements));
        Assert.Empty(attributes.Except(allowedAttributes));
        Assert.Empty(doc.QuerySelectorAll("script, img, iframe, object, embed, foreignObject"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Empty(doc.Descendants<IComment>());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // The payloads are text: the overview shows the index name (localised with a language) and the id verbatim.
        var index = doc.QuerySelectorAll("dl.facts dd").First();
        Assert.Equal($"{(language is null ? Payload("name") : Payload("names.ko"))} (id {Payload("indexId")})", index.TextContent);
        Assert.Equal(Payload("indexId"), index.QuerySelector("code")!.TextContent);
        Assert.Contains(Payload("unitName"), doc.QuerySelector("table.ranking")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Payload(language is null ? "indicatorName" : "indicatorNames.ko"), doc.QuerySelector("table.quality")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Payload("notes"), doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_ThePayload_ParsesAsOneTextNodeInContentAndInAttributes()
    {
        var p = Payload("x");
        var doc = Parse($"<p title=\"{HtmlText.Escape(p)}\" data-x='{HtmlText.Escape(p)}'>{HtmlText.Escape(p)}</p>");

        var para = Assert.Single(doc.Body!.Children);
        Assert.Equal(p, para.TextContent);
        Assert.Equal(p, para.GetAttribute("title"));
        Assert.Equal(p, para.GetAttribute("data-x"));
        Assert.Empty(para.Children);
    }

    [Fact]
    public void Escape_CharactersXmlCannotHold_BecomeReplacementCharacters()
    {
        Assert.Equal("a\uFFFDb\uFFFD\t\n\r😀\uFFFD", HtmlText.Escape("a\0b\u001b\t\n\r😀\uD800"));
        Assert.Equal(string.Empty, HtmlText.Escape(null));
        const string plain = "서울 약자동행지수";
        Assert.Same(plain, HtmlText.Escape(plain));
    }

    /// <summary>What an HTML parser reads back from escaped text: XML-invalid characters replaced, line breaks normalised.</summary>
    private static string ReadBack(string s)
    {
        var b = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                b.Append(c).Append(s[++i]);
            }
            else
            {
                b.Append(char.IsSurrogate(c) || (c < 0x20 && c is not '\t' and not '\n' and not '\r') || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
            }
        }

        return b.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    /// <summary>Arbitrary strings (any UTF-16 code unit) in every string field read back as exactly that text in its place in the DOM.</summary>
    [Property(MaxTest = 60)]
    public Property Render_ArbitraryStringsInEveryField_ReadBackAsText(NonNull<string> name, NonNull<string> indicator, NonNull<string> group, NonNull<string> unit, NonNull<string> notes, NonNull<string> source)
    {
        // Letters around each value keep it non-empty and unique (ids must differ from the fixed ones).
        static string Wrap(NonNull<string> v, string tag) => $"{tag}[{v.Get}]";
        var s = Benign() with
        {
            IndexName = Wrap(name, "n"), IndexId = Wrap(name, "i"), IndicatorName = Wrap(indicator, "ind"), IndicatorId = Wrap(indicator, "iid"),
            GroupName = Wrap(group, "g"), GroupId = Wrap(group, "gid"), UnitName = Wrap(unit, "u"), UnitId = Wrap(unit, "uid"),
            Notes = Wrap(notes, "notes"), DataSource = Wrap(source, "src"), Description = Wrap(notes, "d"),
        };
        var (result, options) = Build(s, null);
        var doc = Parse(HtmlReport.Render(result, options with { Sensitivity = null }));

        var facts = doc.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent, StringComparer.Ordinal);
        var rankingHeader = doc.QuerySelectorAll("table.ranking thead th").Select(th => th.TextContent).ToList();
        var ok = doc.QuerySelector("h1")!.TextContent == ReadBack(s.IndexName)
            && doc.QuerySelector("p.lead")!.TextContent == ReadBack(s.Description)
            && facts["Index"] == ReadBack($"{s.IndexName} (id {s.IndexId})")
            && facts["Data"] == ReadBack(s.DataSource)
            && doc.QuerySelector("p.note")!.TextContent == ReadBack(s.Notes)
            && rankingHeader.Contains(ReadBack(s.GroupName))
            && doc.QuerySelectorAll("table.ranking tbody td:nth-child(2)").Any(td => td.TextContent == ReadBack(s.UnitName))
            && doc.QuerySelectorAll("table.quality tbody td:first-child").Any(td => td.TextContent == ReadBack(s.IndicatorName))
            && doc.QuerySelectorAll("table.methods code").Any(c => c.TextContent == ReadBack(s.IndicatorId))
            && doc.QuerySelectorAll("script, img, iframe, object, embed").Length == 0;
        return ok.Label($"name={s.IndexName}");
    }
}
