using System.Collections.Immutable;
using CompositeIndex.Reporting;
using CompositeIndex.Cli.Tests.Commands;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

public class HtmlReportTests
{
    private static IndexResult QuickStart()
    {
        var definition = IndexBuilder.Create("wellbeing", "City Well-being Index")
            .Indicator("income").Indicator("employment").Indicator("rent_burden", i => i.LowerIsBetter())
            .Group("material", g => g.Add("income", 2).Add("employment").Add("rent_burden"))
            .Group("wellbeing", g => g.Add("material"))
            .Normalize(Normalization.MinMax(0, 100))
            .Build();
        return CompiledIndex.Compile(definition).Evaluate(Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name", IgnoreUnmappedColumns = true, IndicatorColumns = ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["income"] = "income", ["employment"] = "employment", ["rent_burden"] = "rent_burden" }) }));
    }

    /// <summary>
    /// "Methods and weights" shows each child's weight within its group as the evaluation used it (the result's
    /// normalised weights): weights at the top of the double range must not overflow their sum (∞ → 0.000 shown).
    /// </summary>
    [Theory]
    [InlineData(1e308, 1e308, "0.500", "0.500")]
    [InlineData(1.5e308, 0.5e308, "0.750", "0.250")]
    [InlineData(3, 1, "0.750", "0.250")]
    public void Methods_ShowsTheNormalisedWeightsTheEvaluationUsed(double wx, double wy, string x, string y)
    {
        var definition = IndexBuilder.Create("t", "T")
            .Indicator("x", i => i.Normalize(Normalization.MinMax(0, 1))).Indicator("y", i => i.Normalize(Normalization.MinMax(0, 1)))
            .Group("a", g => g.Add("x")).Group("b", g => g.Add("y"))
            .Group("root", g => g.Add("a", wx).Add("b", wy)).Build();
        var panel = new PanelBuilder().AddValue("x", "a", "2020", 1).AddValue("y", "a", "2020", 2).AddValue("x", "b", "2020", 3).AddValue("y", "b", "2020", 1).Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(HtmlReport.Render(result));
        var rows = doc.QuerySelectorAll("table.methods:not(.normalization) tbody tr").ToDictionary(r => r.QuerySelector("code")!.TextContent, r => r.Children[2].TextContent);
        Assert.Equal(3, rows.Count);
        Assert.Equal(x, rows["a"]);
        Assert.Equal(y, rows["b"]);
        Assert.Equal("–", rows["root"]);
    }

    [Fact]
    public void Render_WithSensitivity_AddsRankIntervalAndSobolCharts()
    {
        var result = QuickStart();
        var sensitivity = new SensitivityReport
        {
            RankIntervals = [.. result.Units.Select((u, k) => new RankIntervalItem(u.Name!, k + 1, k + 1.5, k + 3) { Nominal = k + 1 })],
            Indices = [new("weights", 0.5, 0.1, 0.6, 0.1), new("normalisation", 0.2, 0.05, 0.3, 0.05)],
            Summary = "Saltelli design, N = 64, seed 1.",
        };

        var html = HtmlReport.Render(result, new ReportOptions { Sensitivity = sensitivity });

        Assert.Contains("id=\"uncertainty\"", html, StringComparison.Ordinal);
        var svgs = ReportCommandTests.Svgs(html);
        var intervals = Assert.Single(svgs, s => ((string?)s.Attribute("class"))!.Contains("rank-interval", StringComparison.Ordinal));
        Assert.Equal(8, intervals.Descendants().Count(e => (string?)e.Attribute("class") == "interval"));
        var sobol = Assert.Single(svgs, s => ((string?)s.Attribute("class"))!.Contains("sensitivity", StringComparison.Ordinal));
        Assert.Equal(2, sobol.Descendants().Count(e => (string?)e.Attribute("class") == "s1"));
        Assert.Contains("Saltelli design, N = 64, seed 1.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MaxChartRows_LimitsBarsButNotTheTable()
    {
        var html = HtmlReport.Render(QuickStart(), new ReportOptions { MaxChartRows = 3 });

        var bars = ReportCommandTests.Svgs(html).First(s => (string?)s.Attribute("id") == "scores-wellbeing");
        Assert.Equal(3, bars.Descendants().Count(e => (string?)e.Attribute("class") == "bar"));
        Assert.Contains("Showing the top 3 of 8 units.", html, StringComparison.Ordinal);
        Assert.Equal(1 + 8, CountRows(html, "ranking")); // header + every unit
    }

    [Fact]
    public void Render_AuditWithoutRawData_UsesTheNormalisedScoresAndSaysSo()
    {
        var html = HtmlReport.Render(QuickStart());

        Assert.Contains("<section id=\"audit\">", html, StringComparison.Ordinal);
        Assert.Contains("statistics and availability of the normalised scores", html, StringComparison.Ordinal);
        Assert.Contains("No raw data given", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"audit\"", HtmlReport.Render(QuickStart(), new ReportOptions { IncludeAudit = false }), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Audit_HasTheFactorAnalysisSection_OneRowPerGroupWithDirectIndicators()
    {
        var result = QuickStart();
        var html = HtmlReport.Render(result);

        Assert.Contains("<h3>Factor analysis by group</h3>", html, StringComparison.Ordinal);
        Assert.Equal(1 + 1, CountRows(html, "factor-analysis")); // header + material (wellbeing has no direct indicator)
        var fa = Analysis.IndexAudit.Run(result).FactorAnalyses.Single().Result!;
        Assert.Equal(1, fa.Factors); // three indicators: one factor, 0 degrees of freedom
        var section = html[html.IndexOf("<table class=\"factor-analysis\">", StringComparison.Ordinal)..];
        Assert.Contains("<td class=\"num\">1</td><td class=\"num\">" + (100 * fa.ProportionOfVariance[0]).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %</td>", section, StringComparison.Ordinal);
        Assert.Contains("F1: ", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AuditWithTwoIndicatorGroup_SaysNotEnoughChildrenForMl()
    {
        var definition = IndexBuilder.Create("w", "W")
            .Indicator("income").Indicator("employment")
            .Group("material", g => g.Add("income").Add("employment"))
            .Normalize(Normalization.MinMax(0, 100))
            .Build();
        var result = CompiledIndex.Compile(definition).Evaluate(Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name", IgnoreUnmappedColumns = true, IndicatorColumns = ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["income"] = "income", ["employment"] = "employment" }) }));

        var html = HtmlReport.Render(result);

        Assert.Contains("<td class=\"note\">Not fitted: not enough children for ML", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownPeriod_Throws()
    {
        Assert.Throws<UnknownKeyException>(() => HtmlReport.Render(QuickStart(), new ReportOptions { Period = "1900" }));
    }

    [Fact]
    public void Write_EqualsRender()
    {
        var result = QuickStart();
        var w = new StringWriter();
        HtmlReport.Write(result, null, w);

        Assert.Equal(HtmlReport.Render(result), w.ToString());
    }

    private static int CountRows(string html, string table) => ReportCommandTests.CountRows(html, table);
}
