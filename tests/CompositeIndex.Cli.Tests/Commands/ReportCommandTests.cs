using System.Text.RegularExpressions;
using System.Xml.Linq;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public partial class ReportCommandTests
{
    [Fact]
    public void Report_QuickStart_IsOneSelfContainedFileWithWellFormedCharts()
    {
        var file = TempFile("report.html");
        var (code, stdout, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", file, "--static");

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(file)!));
        var html = File.ReadAllText(file);

        // Nothing loads from anywhere: no URLs, scripts, stylesheets, images, fonts or frames.
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<(script|link|img|iframe|object|embed)\\b", html);
        Assert.DoesNotMatch("\\b(src|srcset)=", html);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);

        // Every chart is well-formed XML; bars: one per unit in each of the 3 group charts.
        var svgs = Svgs(html);
        Assert.Equal(1 + 2 + 3 + 3 + 1 + 1, svgs.Count); // trend of the index and of its 2 groups (2023–2024), scores per group, contributions (index + 2 groups), audit: correlations, effective weights
        Assert.All(svgs, s => Assert.Equal("svg", s.Name.LocalName));
        var bars = svgs.Where(s => Class(s).Contains("bar-chart", StringComparison.Ordinal) && !Class(s).Contains("stacked", StringComparison.Ordinal) && (string?)s.Attribute("id") != "effective-weights").ToList();
        Assert.Equal(3, bars.Count);
        Assert.All(bars, s => Assert.Equal(8, Marks(s, "bar")));
        var stacked = svgs.Where(s => Class(s).Contains("stacked-bar-chart", StringComparison.Ordinal)).ToList();
        Assert.Equal([8 * 2, 8 * 3, 8 * 3], stacked.Select(s => Marks(s, "seg")));
        var heatmap = Assert.Single(svgs, s => Class(s).Contains("heatmap", StringComparison.Ordinal));
        Assert.Equal(36, Marks(heatmap, "cell"));

        // Overview and tables.
        Assert.Contains("City Well-being Index", html, StringComparison.Ordinal);
        Assert.Contains("48 of 48 indicator values present in 2024 (100.0 %)", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"ranking\">", html, StringComparison.Ordinal);
        Assert.Contains("Fingerprint", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"uncertainty\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SameInput_SameBytes()
    {
        var a = TempFile("a.html");
        var b = TempFile("b.html");
        Assert.Equal(0, Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", a).Code);
        Assert.Equal(0, Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", b).Code);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Report_EarlierPeriod_CountsTheMissingValue()
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", file, "--period", "2023", "--title", "Cities <2023>");

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        Assert.Contains("47 of 48 indicator values present in 2023", html, StringComparison.Ordinal);
        Assert.Contains("<title>Cities &lt;2023&gt;</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HostileUnitNames_AreEscapedAndChartsStayWellFormed()
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", Fixture("tricky-names.csv"), "--out", file);

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal); // the explorer's model escapes '<' as \u003C
        Assert.Contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
        Assert.Contains("서울 종로구", html, StringComparison.Ordinal);
        Assert.All(Svgs(html), s => Assert.NotNull(s));
    }

    [Fact]
    public void Report_Audit_HasStatisticsFlagsGroupsEffectiveWeightsAndProfiles()
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", file);

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        Assert.Contains("<section id=\"audit\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"correlations\">", html, StringComparison.Ordinal); // the heatmap is part of the audit
        Assert.Equal(1 + 6, CountRows(html, "statistics"));
        Assert.Equal(1 + 6, CountRows(html, "correlation-flags")); // QuickStart's indicators are collinear within both groups
        Assert.Equal(1 + 3, CountRows(html, "reliability"));
        Assert.Equal(1 + 8, CountRows(html, "strengths"));

        // Effective weights by hand: income 1/2 · 2/4 = 0.25, employment and rent burden 0.125, health's three 1/6.
        var weights = Assert.Single(Svgs(html), s => (string?)s.Attribute("id") == "effective-weights");
        Assert.Equal(6, Marks(weights, "bar"));
        Assert.Equal(["0.250", "0.167", "0.167", "0.167", "0.125", "0.125"], weights.Descendants().Where(e => (string?)e.Attribute("class") == "value").Select(e => e.Value));
    }

    [Fact]
    public void Report_NoAudit_LeavesTheAuditOutAndKeepsTheHeatmap()
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", file, "--no-audit");

        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(file);
        Assert.DoesNotContain("id=\"audit\"", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"correlations\">", html, StringComparison.Ordinal);
        Assert.Equal(1 + 2 + 3 + 3 + 1, Svgs(html).Count);
    }

    [Fact]
    public void Report_MissingOut_IsAUsageError()
    {
        Assert.Equal(2, Run("report", QuickStartDefinition, "--data", QuickStartData).Code);
    }

    internal static int CountRows(string html, string tableClass)
    {
        var start = html.IndexOf($"<table class=\"{tableClass}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table '{tableClass}'");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return Regex.Matches(html[start..end], "<tr[ >]").Count;
    }

    internal static List<XElement> Svgs(string html) =>
        [.. SvgPattern().Matches(html).Select(m => XElement.Parse(m.Value))];

    private static string Class(XElement e) => (string?)e.Attribute("class") ?? string.Empty;

    private static int Marks(XElement svg, string cssClass) =>
        svg.Descendants().Count(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}
