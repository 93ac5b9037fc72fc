using System.Text.Json;
using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting.Explorer;

public class ExplorerReportTests
{
    private static IndexResult Mixed(string name = "Mixed")
    {
        var b = IndexBuilder.Create("mixed", name);
        foreach (var id in new[] { "a1", "a2", "b1", "b2", "c1", "c2" })
        {
            b.Indicator(id, i => i.Normalize(Normalization.MinMax(1, 100)));
        }

        var definition = b
            .Group("A", g => g.Add("a1", "a2"))
            .Group("B", g => g.Add("b1", "b2").Aggregate(Aggregation.Copeland()))
            .Group("C", g => g.Add("c1", "c2").Weight(Weighting.Entropy()))
            .Group("root", g => g.Name(name).Add("A", "B", "C").Aggregate(Aggregation.Harmonic()).MissingData(MissingData.Renormalize() with { OutOfDomainAsMissing = true }))
            .Build();
        var panel = new PanelBuilder();
        var values = new double[] { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4 };
        for (var u = 0; u < 4; u++)
        {
            panel.AddUnit(new UnitInfo("u" + u, "Unit " + u));
            for (var k = 0; k < 6; k++)
            {
                panel.AddValue(new[] { "a1", "a2", "b1", "b2", "c1", "c2" }[k], "u" + u, "2020", values[(u * 6) + k]);
            }
        }

        return CompiledIndex.Compile(definition).Evaluate(panel.Build());
    }

    private static JsonElement Model(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        return JsonDocument.Parse(doc.GetElementById("ci-explorer-data")!.TextContent).RootElement;
    }

    [Fact]
    public void Model_FreezesGroupsTheBrowserCannotRecompute_WithAReason_AndHidesWhatIsBelowThem()
    {
        var html = HtmlReport.Render(Mixed(), new ReportOptions { Interactive = true, IncludeAudit = false });
        var nodes = Model(html).GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);

        Assert.Contains("'copeland' compares units with each other", nodes["B"].GetProperty("frozen").GetString(), StringComparison.Ordinal);
        Assert.Contains("fitted to the data ('entropy')", nodes["C"].GetProperty("frozen").GetString(), StringComparison.Ordinal);
        Assert.False(nodes["A"].TryGetProperty("frozen", out _));
        Assert.False(nodes["root"].TryGetProperty("frozen", out _));
        Assert.Equal("harmonic", nodes["root"].GetProperty("method").GetString());
        Assert.True(nodes["root"].GetProperty("missing").GetProperty("outOfDomainAsMissing").GetBoolean());
        foreach (var hidden in new[] { "b1", "b2", "c1", "c2" })
        {
            Assert.True(nodes[hidden].GetProperty("hidden").GetBoolean(), hidden);
            Assert.False(nodes[hidden].TryGetProperty("scores", out _), hidden);
        }

        Assert.Equal(4, nodes["B"].GetProperty("scores")[0].GetArrayLength()); // published scores of the frozen group
        Assert.Equal(4, nodes["a1"].GetProperty("scores")[0].GetArrayLength());
    }

    [Fact]
    public void Model_IsInertText_EvenWhenNamesCloseTheScriptElement()
    {
        const string name = "</script><script>alert(1)</script><!--";
        var html = HtmlReport.Render(Mixed(name), new ReportOptions { Interactive = true, IncludeAudit = false });
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(2, doc.Scripts.Length);
        Assert.Equal("application/json", doc.Scripts[0].GetAttribute("type"));
        Assert.Null(doc.Scripts[1].GetAttribute("src"));
        Assert.Equal(HtmlReport.Resource("explorer.js").Trim(), doc.Scripts[1].TextContent.Trim());
        var nodes = Model(html).GetProperty("nodes").EnumerateArray();
        Assert.Contains(nodes, n => n.GetProperty("name").GetString() == name);
    }

    [Fact]
    public void Report_DefaultIsInteractive_StaticHasNoScript()
    {
        var interactive = TempFile("i.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", interactive);
        Assert.True(code == 0, stderr);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(interactive));
        Assert.Equal(2, doc.Scripts.Length);
        Assert.All(doc.Scripts, s => Assert.Null(s.GetAttribute("src")));
        Assert.NotNull(doc.GetElementById("ci-explorer"));
        Assert.DoesNotContain("http://", File.ReadAllText(interactive), StringComparison.Ordinal);

        var plain = TempFile("s.html");
        Assert.Equal(0, Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", plain, "--static").Code);
        var staticDoc = new HtmlParser().ParseDocument(File.ReadAllText(plain));
        Assert.Empty(staticDoc.Scripts);
        Assert.Null(staticDoc.GetElementById("explorer"));

        var (both, _, err) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", TempFile("b.html"), "--static", "--interactive");
        Assert.Equal(2, both);
        Assert.Contains("--interactive and --static exclude each other", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithVariants_ExplainsWhyThereIsNoExplorer()
    {
        var definition = IndexBuilder.Create("v", "V")
            .Indicator("x", i => i.Normalize(Normalization.MinMax(0, 1))).Indicator("y", i => i.Normalize(Normalization.MinMax(0, 1)))
            .Group("root", g => g.Add("x", "y"))
            .Variant("alt", v => v.Column("x", "x2"))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "1", 1).AddValue("y", "u", "1", 2).AddValue("x2", "u", "1", 3)
            .AddValue("x", "w", "1", 2).AddValue("y", "w", "1", 1).AddValue("x2", "w", "1", 1).Build();
        var html = HtmlReport.Render(CompiledIndex.Compile(definition).Evaluate(panel), new ReportOptions { Interactive = true, IncludeAudit = false });
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Null(doc.GetElementById("ci-explorer"));
        Assert.Contains("evaluates several variants (alt)", doc.GetElementById("explorer")!.TextContent, StringComparison.Ordinal);
    }
}
