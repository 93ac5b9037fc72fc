using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CompositeIndex.Reporting;
using FsCheck;
using FsCheck.Xunit;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>
/// Missing is shown as missing (issue #17): across random panels with gaps, no chart mark of the report is drawn for a
/// missing value. Every bar, stacked-bar row and line-chart point corresponds to a finite score of that unit (and
/// period); every missing score has a hatched "n/a" band instead; no SVG attribute holds NaN or Infinity.
/// </summary>
public class MissingMarksProperties
{
    // Distinct names, none a prefix of another, so a mark's tooltip names exactly one unit.
    private static readonly string[] Names = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel"];

    [Property(MaxTest = 40)]
    public void NoChartMark_IsDrawnForAMissingScore(PositiveInt seed, bool propagate)
    {
        var rng = new Random(seed.Get);
        var units = rng.Next(2, Names.Length + 1);
        var periods = rng.Next(1, 4);
        var gap = 0.15 + (0.35 * rng.NextDouble());
        MissingDataPolicy policy = propagate ? MissingData.Propagate() : MissingData.Renormalize();
        var definition = IndexBuilder.Create("p", "P")
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d")
            .Group("g1", g => g.Add("a", "b")).Group("g2", g => g.Add("c", "d"))
            .Group("root", g => g.Add("g1", "g2"))
            .Normalize(Normalization.MinMax(0, 100)).MissingData(policy).Build();
        var panel = new PanelBuilder();
        for (var j = 0; j < units; j++)
        {
            panel.AddUnit(new UnitInfo("u" + j, Names[j]));
            for (var t = 0; t < periods; t++)
            {
                foreach (var i in new[] { "a", "b", "c", "d" })
                {
                    // Each indicator keeps at least two values per period, so min-max has a range to fit.
                    var keep = j < 2 || rng.NextDouble() >= gap;
                    panel.AddValue(i, "u" + j, (2020 + t).ToString(CultureInfo.InvariantCulture), keep ? (j < 2 ? j * 10.0 : rng.NextDouble() * 10) : double.NaN);
                }
            }
        }

        var result = CompiledIndex.Compile(definition).Evaluate(panel.Build());
        var html = HtmlReport.Render(result, new ReportOptions { IncludeAudit = false });
        var doc = new HtmlParser().ParseDocument(html);
        var period = result.Periods[^1];

        foreach (var svg in doc.QuerySelectorAll("svg"))
        {
            foreach (var attribute in svg.Descendants<IElement>().SelectMany(e => e.Attributes))
            {
                Assert.False(attribute.Value.Contains("NaN", StringComparison.Ordinal) || attribute.Value.Contains("Infinity", StringComparison.Ordinal), $"{attribute.Name}=\"{attribute.Value}\"");
            }
        }

        var checkedMarks = 0;
        foreach (var node in new[] { "root", "g1", "g2" })
        {
            var scores = result.GetScores(node, period).ToArray();
            var finite = Enumerable.Range(0, units).Where(j => double.IsFinite(scores[j])).Select(j => Names[j]).ToHashSet();
            var missing = Enumerable.Range(0, units).Where(j => !double.IsFinite(scores[j])).Select(j => Names[j]).ToHashSet();

            // Scores chart: one bar per unit with a score, one hatched band per unit without.
            var chart = doc.GetElementById("scores-" + node)!;
            Assert.Equal(finite.OrderBy(x => x), chart.QuerySelectorAll("rect.bar").Select(UnitOf).OrderBy(x => x));
            Assert.Equal(missing.OrderBy(x => x), chart.QuerySelectorAll("rect.missing").Select(UnitOf).OrderBy(x => x));
            checkedMarks += units;

            // Contributions (groups with two or more children): segments only in rows of units with a score.
            if (doc.GetElementById("contrib-" + node) is { } contributions)
            {
                var rows = contributions.QuerySelectorAll("g.row").Where(g => g.QuerySelector("rect.seg") is not null).Select(g => UnitOf(g.QuerySelector("title")!)).ToList();
                Assert.All(rows, u => Assert.Contains(u, finite));
                Assert.Equal(missing.OrderBy(x => x), contributions.QuerySelectorAll("rect.missing").Select(UnitOf).OrderBy(x => x));
                Assert.All(contributions.QuerySelectorAll("rect.seg"), r => Assert.Contains(UnitOf(r), finite));
                checkedMarks += units;
            }
        }

        // Line charts over periods (the index's trend, "trend", and one small multiple per top-level group, "trend-<group>"):
        // a point only where the unit has a finite score in that period, and one for every such score.
        foreach (var chart in doc.QuerySelectorAll("svg[id^='trend']"))
        {
            var node = chart.Id == "trend" ? "root" : chart.Id!["trend-".Length..];
            var points = chart.QuerySelectorAll("circle.point").Where(p => Array.IndexOf(Names, p.GetAttribute("data-series")) >= 0).ToList();
            foreach (var point in points)
            {
                var j = Array.IndexOf(Names, point.GetAttribute("data-series"));
                Assert.True(double.IsFinite(double.Parse(point.GetAttribute("data-value")!, CultureInfo.InvariantCulture)));
                Assert.True(double.IsFinite(result.GetScore(node, "u" + j, point.GetAttribute("data-x")!)), $"{chart.Id}: {Names[j]} {point.GetAttribute("data-x")}");
            }

            var series = points.Select(p => p.GetAttribute("data-series")!).ToHashSet();
            var expected = result.Units.Where(u => series.Contains(u.Name!)).Sum(u => result.Periods.Count(t => double.IsFinite(result.GetScore(node, u.Id, t))));
            Assert.Equal(expected, points.Count);
            checkedMarks += points.Count;
        }

        Assert.True(checkedMarks >= 3 * units);
    }

    /// <summary>The unit a mark belongs to: its tooltip starts with the unit's name.</summary>
    private static string UnitOf(IElement mark)
    {
        var title = mark.LocalName == "title" ? mark.TextContent : mark.QuerySelector("title")?.TextContent ?? string.Empty;
        return Names.Single(n => title.StartsWith(n, StringComparison.Ordinal));
    }
}
