using AngleSharp.Html.Parser;
using CompositeIndex.Analysis;
using CompositeIndex.Reporting;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>The report's leave-one-out section (issue #20): one row per removed element, largest mean |Δrank| first, with the units that move most.</summary>
public class LeaveOneOutReportTests
{
    [Fact]
    public void Report_WithElementRemoval_ListsElementsByMeanAbsoluteRankChange_WithTheUnitsThatMove()
    {
        var (result, removal) = HandCase();

        var html = HtmlReport.Render(result, new ReportOptions { ElementRemoval = removal });

        var doc = new HtmlParser().ParseDocument(html);
        var section = doc.QuerySelector("section#leave-one-out")!;
        Assert.Equal("Leave-one-out", section.QuerySelector("h2")!.TextContent);
        Assert.NotNull(section.QuerySelector("svg"));
        var rows = section.QuerySelectorAll("table.leave-one-out tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        // Hand case (see ElementRemovalTests): without c the scores are 50, 50, 50: Tres 3 -> 1, Uno 2 -> 1; mean |change| 1.
        Assert.Equal(["<c> & co", "1.00", "2", "Tres +2 (3 → 1), Uno +1 (2 → 1)"], rows[0]);
        Assert.Equal(["a", "0.00", "0", "no unit moves"], rows[1]);
        Assert.Equal("b", rows[2][0]);
        Assert.Equal("#unit-U3", section.QuerySelector("table.leave-one-out tbody tr a")!.GetAttribute("href"));
        Assert.DoesNotContain("<c> &", html, StringComparison.Ordinal); // the name is escaped
    }

    [Fact]
    public void Report_WithoutElementRemoval_HasNoSection_Korean_HasKoreanHeading()
    {
        var (result, removal) = HandCase();

        Assert.DoesNotContain("id=\"leave-one-out\"", HtmlReport.Render(result, ReportOptions.Default), StringComparison.Ordinal);
        var ko = new HtmlParser().ParseDocument(HtmlReport.Render(result, new ReportOptions { ElementRemoval = removal, Language = "ko" }));
        Assert.Equal("구성요소 제외 분석", ko.QuerySelector("section#leave-one-out h2")!.TextContent);
    }

    [Fact]
    public void ReportCommand_Remove_AddsTheSection()
    {
        var file = TempFile("loo.html");

        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--remove", "2", "--static", "--out", file);

        Assert.True(code == 0, stderr);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));
        Assert.Equal(2, doc.QuerySelectorAll("section#leave-one-out table.leave-one-out tbody tr").Length); // material, health
    }

    private static (IndexResult Result, ElementRemovalResult Removal) HandCase()
    {
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Indicator("c", i => i.Name("<c> & co"))
            .Group("root", g => g.Add("a", 1).Add("b", 1).Add("c", 2)).Build();
        var panel = new PanelBuilder()
            .AddUnit(new UnitInfo("U1", "Uno")).AddUnit(new UnitInfo("U2", "Dos")).AddUnit(new UnitInfo("U3", "Tres"))
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0).AddValue("c", "U1", "2024", 40)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100).AddValue("c", "U2", "2024", 100)
            .AddValue("a", "U3", "2024", 50).AddValue("b", "U3", "2024", 50).AddValue("c", "U3", "2024", 0)
            .Build();
        return (CompiledIndex.Compile(index).Evaluate(panel), IndexAudit.RemoveElements(index, panel, 1));
    }
}
