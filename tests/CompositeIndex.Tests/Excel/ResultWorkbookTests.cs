using System.Globalization;
using CompositeIndex.Excel;

namespace CompositeIndex.Tests.Excel;

public sealed class ResultWorkbookTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ci-xlsx-out-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Three districts (one with a Korean name, one with a formula-like name), two indicators, one group.</summary>
    private static (IndexResult Result, Panel Panel) Compute()
    {
        var definition = IndexBuilder.Create("demo", "데모 지수")
            .Indicator("a", i => i.Name("Income"))
            .Indicator("b", i => i.Name("Rent").LowerIsBetter())
            .Group("demo", g => g.Add("a", "b"))
            .Normalize(Normalization.MinMax(0, 100))
            .Aggregate(Aggregation.Arithmetic())
            .Build();
        var panel = new PanelBuilder()
            .AddUnit(new UnitInfo("jongno", "종로구"))
            .AddUnit(new UnitInfo("=HYPERLINK(\"http://x\")", "@SUM(A1)"))
            .AddUnit(new UnitInfo("jung", "Jung-gu"))
            .AddValue("a", "jongno", "2024", 10).AddValue("b", "jongno", "2024", 1)
            .AddValue("a", "=HYPERLINK(\"http://x\")", "2024", 20).AddValue("b", "=HYPERLINK(\"http://x\")", "2024", 3)
            .AddValue("a", "jung", "2024", 40).AddValue("b", "jung", "2024", 2)
            .Build();
        return (CompiledIndex.Compile(definition).Evaluate(panel), panel);
    }

    [Fact]
    public void Write_Long_ScoresReReadEqualTheResultBitForBit()
    {
        var (result, panel) = Compute();
        var path = Path.Combine(dir, "results.xlsx");
        ResultWorkbook.Write(result, path, new ResultWorkbookOptions { RawData = panel });
        Assert.Equal(["Read me", "Scores", "Indicators"], XlsxFixture.SheetNames(path));

        // Re-read with the panel reader: the long Scores sheet is a long panel of (unit, period, node, score).
        var scores = ExcelPanel.ReadLong(path, ExcelSheet.Named("Scores"), new CsvOptions { IndicatorColumn = "node", ValueColumn = "score", UnitNameColumn = "unit_name" });
        var compared = 0;
        foreach (var node in result.NodeIds)
        {
            foreach (var unit in result.Units)
            {
                var expected = result.GetScore(node, unit.Id, "2024");
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(scores.GetValue(node, unit.Id, "2024")));
                compared++;
            }
        }

        Assert.Equal(3 * 3, compared);
        Assert.Equal("종로구", scores.UnitInfo[scores.IndexOfUnit("jongno")].Name);

        // Hand-computed: min-max over a = 10, 20, 40 -> jung 100; b lower is better over 1, 3, 2 -> jung 50; mean 75.
        Assert.Equal(75, scores.GetValue("demo", "jung", "2024"), 12);

        // Raw values and ranks are typed numbers; the formula-like unit is an inline text cell, never a formula.
        var cells = XlsxFixture.Cells(path, "Scores");
        Assert.Equal(["unit", "unit_name", "period", "node", "node_name", "kind", "score", "rank", "raw"], Enumerable.Range(0, 9).Select(c => cells[XlsxFixture.Column(c) + "1"].Text));
        Assert.DoesNotContain(cells.Values, c => c.Formula);
        var hostile = cells.Where(c => c.Value.Text.StartsWith("=HYPERLINK", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(hostile);
        Assert.All(hostile, c => Assert.Equal("inlineStr", c.Value.Type));
        Assert.Contains(cells.Values, c => c.Text == "@SUM(A1)" && c.Type == "inlineStr");
        var ranks = cells.Where(c => c.Key.StartsWith('H') && c.Key != "H1").Select(c => c.Value).ToList();
        Assert.Equal(9, ranks.Count);
        Assert.All(ranks, r => Assert.Equal("n", r.Type));
        var raws = cells.Where(c => c.Key.StartsWith('I') && c.Key != "I1").Select(c => double.Parse(c.Value.Text, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal([1, 2, 3, 10, 20, 40], raws);
    }

    [Fact]
    public void Write_Wide_ReadMeHasFingerprintAndScoresAreTyped()
    {
        var (result, _) = Compute();
        using var stream = new MemoryStream();
        ResultWorkbook.Write(result, stream, new ResultWorkbookOptions { Layout = CsvLayout.Wide });
        var path = Path.Combine(dir, "wide.xlsx");
        File.WriteAllBytes(path, stream.ToArray());

        var readMe = XlsxFixture.Cells(path, "Read me");
        Assert.Equal("데모 지수", readMe["B1"].Text);
        Assert.Equal(result.Run.DefinitionFingerprint, readMe["B4"].Text);
        Assert.Equal(result.Run.LibraryVersion, readMe["B6"].Text);

        var wide = ExcelPanel.ReadWide(path, ExcelSheet.Named("Scores"), new CsvOptions { UnitNameColumn = "unit_name", IgnoreUnmappedColumns = false });
        Assert.Equal(["a", "a rank", "b", "b rank", "demo", "demo rank"], wide.Indicators.ToArray());
        foreach (var unit in result.Units)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(result.GetScore("demo", unit.Id, "2024")), BitConverter.DoubleToInt64Bits(wide.GetValue("demo", unit.Id, "2024")));
        }
    }

    [Fact]
    public void XmlSafe_ControlCharacters_Replaced()
    {
        Assert.Equal("a\uFFFDb\tc", ResultWorkbook.XmlSafe("a\u0001b\tc"));
        Assert.Equal("종로구", ResultWorkbook.XmlSafe("종로구"));
        Assert.Equal("x\uFFFD", ResultWorkbook.XmlSafe("x\uD800"));
        Assert.Equal("😀", ResultWorkbook.XmlSafe("😀"));
    }
}
