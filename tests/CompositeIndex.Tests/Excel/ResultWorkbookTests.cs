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
        Assert.Equal(["Read me", "Scores", "Ranks", "Raw values", "Normalised values", "Contributions", "Indicators"], XlsxFixture.SheetNames(path));

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

    // g1 = {a, b}, demo = g1 + c (equal weights, re-normalised over present children); min-max 0-100 per period.
    // 2024 by hand: jung a = 100, b (lower is better over 1, 3, 2) = 50, g1 = 75, c = 100, demo = 87.5;
    // u1 a 0, b 100, g1 50, c 0 -> 25; u2 a 100/3, b 0, g1 50/3, c 50 -> 100/3 + ... = 33.33; ranks jung 1, u2 2, u1 3.
    // 2023: jung has no c, so demo = g1 alone.
    private static (IndexResult Result, Panel Panel) ComputeTwoLevels()
    {
        var definition = IndexBuilder.Create("demo", "Demo")
            .Indicator("a", i => i.Name("=cmd|' /C calc'!A0"))
            .Indicator("b", i => i.Name("Rent").LowerIsBetter())
            .Indicator("c", i => i.Name("소득"))
            .Group("g1", g => g.Add("a", "b"))
            .Group("demo", g => g.Add("g1", "c"))
            .Normalize(Normalization.MinMax(0, 100))
            .Aggregate(Aggregation.Arithmetic())
            .MissingData(MissingData.Renormalize())
            .Build();
        var b = new PanelBuilder().AddUnit(new UnitInfo("u1", "+SUM(1)")).AddUnit(new UnitInfo("u2", "종로구")).AddUnit(new UnitInfo("jung", "Jung-gu"));
        void Period(string p, double[] a, double[] bv, double[] c)
        {
            string[] units = ["u1", "u2", "jung"];
            for (var j = 0; j < 3; j++)
            {
                b.AddValue("a", units[j], p, a[j]).AddValue("b", units[j], p, bv[j]).AddValue("c", units[j], p, c[j]);
            }
        }

        Period("2023", [0, 10, 20], [1, 3, 2], [5, 7, double.NaN]);
        Period("2024", [10, 20, 40], [1, 3, 2], [1, 2, 3]);
        var panel = b.Build();
        return (CompiledIndex.Compile(definition).Evaluate(panel), panel);
    }

    private static double Num((string Type, string Text, bool Formula) cell)
    {
        Assert.Equal("n", cell.Type);
        return double.Parse(cell.Text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Write_RanksRawNormalisedContributions_CellsEqualTheResult()
    {
        var (result, panel) = ComputeTwoLevels();
        var path = Path.Combine(dir, "all.xlsx");
        ResultWorkbook.Write(result, path, new ResultWorkbookOptions { RawData = panel });

        // Sheet names: the fixed set, each valid for Excel (1-31 characters, none of : \ / ? * [ ]) and unique ignoring case.
        var names = XlsxFixture.SheetNames(path);
        Assert.Equal(["Read me", "Scores", "Ranks", "Raw values", "Normalised values", "Contributions", "Indicators"], names);
        Assert.All(names, n => Assert.True(n.Length is > 0 and <= 31 && n.IndexOfAny([':', '\\', '/', '?', '*', '[', ']']) < 0, n));
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        string[] units = ["u1", "u2", "jung"];
        string[] periods = ["2023", "2024"];

        // Ranks: header unit, unit_name, period, then one column per node; row per period and unit.
        var ranks = XlsxFixture.Cells(path, "Ranks");
        var nodes = result.NodeIds;
        Assert.Equal(["unit", "unit_name", "period", .. nodes], Enumerable.Range(0, 3 + nodes.Length).Select(c => ranks[XlsxFixture.Column(c) + "1"].Text));
        var compared = 0;
        var r = 2;
        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                Assert.Equal(unit, ranks["A" + r].Text);
                Assert.Equal(period, ranks["C" + r].Text);
                for (var k = 0; k < nodes.Length; k++)
                {
                    var expected = result.GetRank(nodes[k], unit, period);
                    var reference = XlsxFixture.Column(3 + k) + r;
                    if (expected is null)
                    {
                        Assert.False(ranks.ContainsKey(reference), reference);
                    }
                    else
                    {
                        Assert.Equal(expected.Value, (int)Num(ranks[reference]));
                    }

                    compared++;
                }

                r++;
            }
        }

        Assert.Equal(2 * 3 * 5, compared);
        Assert.Equal(["3", "2", "1"], units.Select((_, j) => ranks[XlsxFixture.Column(3 + nodes.IndexOf("demo")) + (5 + j)].Text)); // 2024 by hand

        // Raw values: the panel as read, a missing value an empty cell. Normalised values: the indicators' scores bit for bit.
        var raw = XlsxFixture.Cells(path, "Raw values");
        var normalised = XlsxFixture.Cells(path, "Normalised values");
        Assert.Equal(["unit", "unit_name", "period", "a", "b", "c"], Enumerable.Range(0, 6).Select(c => raw[XlsxFixture.Column(c) + "1"].Text));
        Assert.Equal(["unit", "unit_name", "period", "a", "b", "c"], Enumerable.Range(0, 6).Select(c => normalised[XlsxFixture.Column(c) + "1"].Text));
        compared = 0;
        var missing = 0;
        r = 2;
        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                foreach (var (indicator, col) in new[] { ("a", "D"), ("b", "E"), ("c", "F") })
                {
                    var rawValue = panel.GetValue(indicator, unit, period);
                    var score = result.GetScore(indicator, unit, period);
                    if (double.IsNaN(rawValue))
                    {
                        Assert.False(raw.ContainsKey(col + r));
                        Assert.False(normalised.ContainsKey(col + r));
                        missing++;
                    }
                    else
                    {
                        Assert.Equal(rawValue, Num(raw[col + r]));
                        Assert.Equal(BitConverter.DoubleToInt64Bits(score), BitConverter.DoubleToInt64Bits(Num(normalised[col + r])));
                    }

                    compared++;
                }

                r++;
            }
        }

        Assert.Equal((2 * 3 * 3, 1), (compared, missing));
        Assert.Equal(50, Num(normalised["E7"]), 12); // jung 2024 b by hand

        // The Excel reader reads the sheets back as panels equal to the result (content sanity of the written package).
        var back = ExcelPanel.ReadWide(path, ExcelSheet.Named("Normalised values"), new CsvOptions { UnitNameColumn = "unit_name" });
        Assert.Equal(3 * 3 * 2, back.Indicators.Length * back.Units.Length * back.Periods.Length);
        foreach (var (indicator, unit, period) in from i in new[] { "a", "b", "c" } from u in units from p in periods select (i, u, p))
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(result.GetScore(indicator, unit, period)), BitConverter.DoubleToInt64Bits(back.GetValue(indicator, unit, period)));
        }

        Assert.Equal("종로구", back.UnitInfo[back.IndexOfUnit("u2")].Name);

        // Contributions: one row per unit, period and node below the index with a score, as ExplainScore gives them.
        var contributions = ExcelPanel.ReadLong(path, ExcelSheet.Named("Contributions"), new CsvOptions { IndicatorColumn = "node", ValueColumn = "to_index", UnitNameColumn = "unit_name", IgnoreUnmappedColumns = true });
        var cells = XlsxFixture.Cells(path, "Contributions");
        Assert.Equal(
            ["unit", "unit_name", "period", "node", "node_name", "parent", "depth", "kind", "score", "weight", "share", "to_parent", "to_index"],
            Enumerable.Range(0, 13).Select(c => cells[XlsxFixture.Column(c) + "1"].Text));
        r = 2;
        foreach (var period in periods)
        {
            foreach (var unit in units)
            {
                foreach (var c in result.ExplainScore("demo", unit, period))
                {
                    Assert.Equal([unit, period, c.NodeId, c.ParentId], new[] { "A", "C", "D", "F" }.Select(col => cells[col + r].Text));
                    Assert.Equal(c.Depth, (int)Num(cells["G" + r]));
                    Assert.Equal(c.IsIndicator ? "indicator" : "group", cells["H" + r].Text);
                    Assert.Equal(
                        new[] { c.Score, c.Weight, c.Share, c.ToParent, c.ToTarget }.Select(BitConverter.DoubleToInt64Bits),
                        new[] { "I", "J", "K", "L", "M" }.Select(col => BitConverter.DoubleToInt64Bits(Num(cells[col + r]))));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(c.ToTarget), BitConverter.DoubleToInt64Bits(contributions.GetValue(c.NodeId, unit, period)));
                    r++;
                }
            }
        }

        Assert.Equal((2 * 3 * 4) - 1, r - 2); // g1, a, b, c per unit and period; jung has no c in 2023
        Assert.False(cells.ContainsKey("A" + r));

        // jung 2024 by hand: demo 87.5 = g1 37.5 (a 25 + b 12.5) + c 50.
        Assert.Equal(87.5, result.GetScore("demo", "jung", "2024"), 12);
        Assert.Equal([37.5, 25, 12.5, 50], new[] { "g1", "a", "b", "c" }.Select(n => Math.Round(contributions.GetValue(n, "jung", "2024"), 12)));
        Assert.Equal(75, contributions.GetValue("g1", "jung", "2023"), 12); // no c: g1 carries the whole index

        // User text stays text: the formula-like indicator and unit names are inline strings; no cell anywhere is a formula.
        Assert.Contains(cells.Values, c => c.Text == "=cmd|' /C calc'!A0" && c.Type == "inlineStr");
        Assert.Contains(cells.Values, c => c.Text == "+SUM(1)" && c.Type == "inlineStr");
        Assert.All(names, n => Assert.DoesNotContain(XlsxFixture.Cells(path, n).Values, c => c.Formula));
    }

    [Fact]
    public void Write_TooManyRowsForASheet_RefusedBeforeWriting()
    {
        // 1,750 units x 200 periods x 4 nodes (3 indicators + the index) = 1,400,000 long score rows > 1,048,576.
        var definition = IndexBuilder.Create("big", "Big").Indicator("a").Indicator("b").Indicator("c")
            .Group("big", g => g.Add("a", "b", "c")).Normalize(Normalization.MinMax()).Build();
        var panel = new PanelBuilder();
        for (var p = 0; p < 200; p++)
        {
            var period = (1800 + p).ToString(CultureInfo.InvariantCulture);
            for (var j = 0; j < 1750; j++)
            {
                var unit = "u" + j.ToString(CultureInfo.InvariantCulture);
                panel.AddValue("a", unit, period, j).AddValue("b", unit, period, j % 7).AddValue("c", unit, period, j + p);
            }
        }

        var result = CompiledIndex.Compile(definition).Evaluate(panel.Build());
        using var stream = new MemoryStream();
        var e = Assert.Throws<ArgumentException>(() => ResultWorkbook.Write(result, stream, null));
        Assert.Contains("The Scores sheet would have 1,400,001 rows", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);

        // Wide scores fit (350,001 rows) but the contributions (3 rows per unit and period) do not: named before writing.
        e = Assert.Throws<ArgumentException>(() => ResultWorkbook.Write(result, stream, new ResultWorkbookOptions { Layout = CsvLayout.Wide }));
        Assert.Contains("The Contributions sheet would have 1,050,001 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("Contributions to false", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
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
