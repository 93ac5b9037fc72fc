using System.Globalization;
using System.Text;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>Result rows (LINQ) and results CSV in long and wide layouts, with raw values and in Excel-compatible form.</summary>
public class ResultRowsTests
{
    private const string Formula = "=HYPERLINK(\"http://x\",\"a\")";

    // p1 = {a, b}, root = p1 (2) + c (1, lower is better); min-max 0-100. Scores by hand:
    // u1: a=0,b=0 -> p1 0; c=1 best -> 100; root 100/3.  u2: p1 100, c 0, root 200/3.  u3: b missing -> p1 = a = 50, c 50, root 50.
    private static IndexDefinition Def() => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c", i => i.LowerIsBetter())
        .Group("p1", g => g.Add("a").Add("b"))
        .Group("root", g => g.Add("p1", 2).Add("c", 1))
        .Normalize(Normalization.MinMax())
        .MissingData(MissingData.Renormalize())
        .Build();

    private static Panel Data() => new PanelBuilder()
        .AddUnit(new UnitInfo("u1", Formula))
        .AddValue("a", "u1", "2020", 0).AddValue("a", "u2", "2020", 10).AddValue("a", "u3", "2020", 5)
        .AddValue("b", "u1", "2020", 0).AddValue("b", "u2", "2020", 10).AddValue("b", "u3", "2020", double.NaN)
        .AddValue("c", "u1", "2020", 1).AddValue("c", "u2", "2020", 3).AddValue("c", "u3", "2020", 2)
        .Build();

    private static IndexResult Result() => CompiledIndex.Compile(Def()).Evaluate(Data());

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Rows_OnePerNodeUnitPeriod_WithScoresAndRanks()
    {
        var rows = Result().Rows().ToList();
        Assert.Equal(5 * 3, rows.Count); // a, b, c, p1, root x 3 units x 1 period
        var root = rows.Where(r => r.NodeId == "root").OrderBy(r => r.Rank).ToList();
        Assert.Equal(["u2", "u3", "u1"], root.Select(r => r.UnitId));
        Assert.Equal([1, 2, 3], root.Select(r => r.Rank!.Value));
        Assert.Equal(200.0 / 3, root[0].Score, 12);
        Assert.Equal(50, root[1].Score, 12);
        Assert.Equal(Formula, root[2].UnitName);

        var missing = rows.Single(r => r.NodeId == "b" && r.UnitId == "u3");
        Assert.True(double.IsNaN(missing.Score));
        Assert.Null(missing.Rank);
        Assert.True(missing.IsIndicator);
        Assert.All(rows, r => Assert.Null(r.PublishedValue)); // no outputs in this definition
    }

    [Fact]
    public void ExportCsv_Long_WithRaw_IsPlainByDefault()
    {
        var sw = new StringWriter();
        Result().ExportCsv(sw, new ResultCsvOptions { RawData = Data() });
        var text = sw.ToString();
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.False(text.StartsWith('\uFEFF'));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("unit,unit_name,period,node,node_name,kind,score,rank,raw", lines[0]);
        Assert.Equal(1 + 15, lines.Length);
        var c = lines.Single(l => l.StartsWith("u2,u2,2020,c,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["indicator", "0", "3", "3"], c[5..]); // worst on a lower-is-better indicator: score 0, rank 3, raw 3
        Assert.EndsWith(",", lines.Single(l => l.StartsWith("u2,u2,2020,root,", StringComparison.Ordinal)), StringComparison.Ordinal); // a group has no raw value

        // The formula-like name is written as given (quoted for its commas and quotes), not neutralised.
        Assert.Contains("u1,\"=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",2020,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCsv_Wide_OneRowPerUnitAndPeriod()
    {
        var sw = new StringWriter();
        Result().ExportCsv(sw, new ResultCsvOptions { Layout = CsvLayout.Wide, RawData = Data() });
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(3 + (5 * 2) + 3, header.Length);
        Assert.Equal(["unit", "unit_name", "period"], header[..3]);
        Assert.Contains("root rank", header);
        Assert.Contains("c raw", header);
        Assert.Equal(1 + 3, lines.Length);
        var u3 = lines.Single(l => l.StartsWith("u3,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(50, D(u3[Array.IndexOf(header, "root")]), 12);
        Assert.Equal("2", u3[Array.IndexOf(header, "root rank")]);
        Assert.Equal(string.Empty, u3[Array.IndexOf(header, "b")]);
        Assert.Equal(string.Empty, u3[Array.IndexOf(header, "b raw")]);
        Assert.Equal(2, D(u3[Array.IndexOf(header, "c raw")]));
    }

    [Fact]
    public void ExportCsv_ExcelCompatible_BomCrLfAndNeutralisedFormula()
    {
        using var ms = new MemoryStream();
        using (var w = new StreamWriter(ms, new UTF8Encoding(false), leaveOpen: true))
        {
            Result().ExportCsv(w, new ResultCsvOptions { ExcelCompatible = true, Layout = CsvLayout.Wide });
        }

        var bytes = ms.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK(", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+2", true)]
    [InlineData("+A1", true)]
    [InlineData("-2+3", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("\t=x", true)]
    [InlineData("-1.5", false)]
    [InlineData("+3", false)]
    [InlineData("-1e-3", false)]
    [InlineData("Seoul", false)]
    [InlineData("", false)]
    public void IsFormulaLike_NumbersAreNotFormulas(string cell, bool formula)
    {
        Assert.Equal(formula, SpreadsheetCsv.IsFormulaLike(cell));
        Assert.Equal(formula ? "'" + cell : cell, SpreadsheetCsv.Neutralize(cell));
    }

    [Fact]
    public void MakeExcelCompatible_NeutralisesTextCellsOnly()
    {
        var sw = new StringWriter();
        SpreadsheetCsv.MakeExcelCompatible(new StringReader("unit,value,note\n=cmd|' /C calc'!A0,-1.5,\"a,b\"\n@x,2,+y\n"), sw);
        Assert.Equal("\uFEFFunit,value,note\r\n'=cmd|' /C calc'!A0,-1.5,\"a,b\"\r\n'@x,2,'+y\r\n", sw.ToString());
    }
}
