using System.Globalization;
using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>The report's Morris and convergence sections (issue #20): the numbers shown are the result's, the chart has one point per sample size.</summary>
public class SensitivitySectionsTests
{
    private static readonly Lazy<(IndexResult Result, Panel Panel, IndexDefinition Definition)> QuickStart = new(() =>
    {
        var definition = IndexDefinitionJson.LoadFile(QuickStartDefinition);
        var panel = Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name" });
        return (CompiledIndex.Compile(definition).Evaluate(panel), panel, definition);
    });

    [Fact]
    public void Report_Saltelli_ConvergenceSection_ChartsAndTableFromTheResult()
    {
        var (result, panel, definition) = QuickStart.Value;
        var s = SensitivityAnalysis.Run(definition, panel, Factors(definition).Saltelli(64).Build());

        var html = HtmlReport.Render(result, new ReportOptions { Sensitivity = SensitivityReport.From(s) });

        var doc = new HtmlParser().ParseDocument(html);
        Assert.Null(doc.QuerySelector("section#morris"));
        var section = doc.QuerySelector("section#convergence")!;
        Assert.Equal("Convergence of the sensitivity indices", section.QuerySelector("h2")!.TextContent);
        var conv = s.Convergence.Single(c => c.Output.Period == "2024").Convergence;
        Assert.Equal([8, 16, 32, 64], conv.Points.Select(p => p.SampleSize));
        foreach (var id in new[] { "convergence-s1", "convergence-st" })
        {
            var chart = section.QuerySelector($"svg#{id}")!;
            Assert.Equal(4 * 3, chart.QuerySelectorAll(".point").Length); // 3 factors x 4 sample sizes
        }

        var rows = section.QuerySelectorAll("table.convergence tbody tr").ToList();
        Assert.Equal(conv.Factors.Length, rows.Count);
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        Assert.Equal(conv.Factors[0], cells[0]);
        Assert.Equal($"{F3(conv.Points[0].S1[0])} / {F3(conv.Points[0].ST[0])}", cells[1]);
        Assert.Equal($"{F3(conv.Points[3].S1[0])} / {F3(conv.Points[3].ST[0])}", cells[4]);
    }

    [Fact]
    public void Report_Morris_ScreeningSection_OrderedByMuStar_KoreanHeadings()
    {
        var (result, panel, definition) = QuickStart.Value;
        var s = SensitivityAnalysis.Run(definition, panel, Factors(definition).Morris(12, 4, 40).Seed(3).Build());
        var report = SensitivityReport.From(s);

        var doc = new HtmlParser().ParseDocument(HtmlReport.Render(result, new ReportOptions { Sensitivity = report }));
        var ko = new HtmlParser().ParseDocument(HtmlReport.Render(result, new ReportOptions { Sensitivity = report, Language = "ko" }));

        var morris = report.Morris!;
        var section = doc.QuerySelector("section#morris")!;
        Assert.NotNull(section.QuerySelector("svg#morris"));
        var shown = section.QuerySelectorAll("table.morris tbody tr").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        var expected = Enumerable.Range(0, 3).OrderByDescending(i => morris.Indices.MuStar[i]).ThenBy(i => i).Select(i => morris.Factors[i]).ToList();
        Assert.Equal(expected, shown);
        Assert.Equal(3 * 3, doc.QuerySelectorAll("section#convergence svg#convergence-mustar .point").Length); // r = 3, 6, 12 (12/8 = 1 is too few)
        Assert.Equal("모리스 선별 분석", ko.QuerySelector("section#morris h2")!.TextContent);
        Assert.Equal("민감도 지수의 수렴", ko.QuerySelector("section#convergence h2")!.TextContent);
    }

    [Fact]
    public void SensitivityCharts_MeasureMustMatchTheMethod()
    {
        var (_, panel, definition) = QuickStart.Value;
        var s = SensitivityAnalysis.Run(definition, panel, Factors(definition).Morris(4).Build());

        Assert.Throws<ArgumentException>(() => SensitivityCharts.Convergence(s.Convergence[0].Convergence, ConvergenceMeasure.FirstOrder));
        Assert.Contains("<svg", SensitivityCharts.Convergence(s.Convergence[0].Convergence, ConvergenceMeasure.MuStar), StringComparison.Ordinal);
    }

    private static SensitivityBuilder Factors(IndexDefinition definition) => SensitivityBuilder.For(definition)
        .PerturbWeights("material", 0.9).PerturbWeights("health", 0.9).ExcludeIndicators("income", "employment", "unmet_care").Seed(42);

    private static string F3(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
