using CompositeIndex.DataFrames;
using CompositeIndex.Serialization;
using CompositeIndex.Tests.Excel;
using Microsoft.Data.Analysis;

namespace CompositeIndex.Tests.DataFrames;

public class DataFrameTests
{
    private static string QuickStart(params string[] parts) => Path.Combine([SharedData.RepoRoot, "samples", "QuickStart", .. parts]);

    private static DataFrame Cities() =>
        DataFrame.LoadCsv(QuickStart("data", "cities.csv"), dataTypes: [typeof(string), typeof(string), typeof(string), .. Enumerable.Repeat(typeof(double), 6)]);

    [Fact]
    public void ToWidePanel_QuickStartFrame_EqualsTheCsvPanelBitwise()
    {
        var options = new CsvOptions { UnitNameColumn = "name" };
        var values = XlsxFixture.AssertSame(Panel.ReadWideCsv(QuickStart("data", "cities.csv"), options), Cities().ToWidePanel(options));
        Assert.Equal((8 * 2 * 6) - 1, values); // one value is missing (an empty field, a null in the frame)
    }

    [Fact]
    public void ToLongPanel_IntegerPeriodsAndNulls_ReadAsCsv()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("unit", ["a", "a", "b"]),
            new Int32DataFrameColumn("period", [2024, 2024, 2024]),
            new StringDataFrameColumn("indicator", ["x", "y", "x"]),
            new DoubleDataFrameColumn("value", [1.5, null, 0.1]));
        var panel = frame.ToLongPanel(null);
        Assert.Equal(["2024"], panel.Periods.ToArray());
        Assert.Equal(1.5, panel.GetValue("x", "a", "2024"));
        Assert.Equal(0.1, panel.GetValue("x", "b", "2024"));
        Assert.True(double.IsNaN(panel.GetValue("y", "a", "2024")));
    }

    [Fact]
    public void ToWidePanel_TextInAValueColumn_NamesColumnAndRow()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("unit", ["a", "b"]),
            new StringDataFrameColumn("period", ["2024", "2024"]),
            new StringDataFrameColumn("income", ["1.5", "lots"]));
        var ex = Assert.Throws<IndexDataException>(() => frame.ToWidePanel(null));
        Assert.Equal("DataFrame row 1, column 'income': 'lots' is not a number.", ex.Message);
        Assert.Equal(1.5, frame.ToWidePanel(new CsvOptions { MissingTokens = ["", "lots"] }).GetValue("income", "a", "2024"));
    }

    [Fact]
    public void ToDataFrame_RowsAndWideTable_HoldTheResultsValues()
    {
        var panel = Cities().ToWidePanel(new CsvOptions { UnitNameColumn = "name" });
        var result = CompiledIndex.Compile(IndexDefinitionJson.LoadFile(QuickStart("wellbeing.json"))).Evaluate(panel);
        var rows = result.Rows().ToList();
        var frame = rows.ToDataFrame();
        Assert.Equal(rows.Count, frame.Rows.Count);
        Assert.Equal(8 * 2 * 9, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].NodeId, frame["node"][i]);
            Assert.Equal(double.IsNaN(rows[i].Score) ? null : rows[i].Score, (double?)frame["score"][i]);
            Assert.Equal(rows[i].Rank, (int?)frame["rank"][i]);
        }

        var wide = result.ToDataFrame(CsvLayout.Wide, panel);
        Assert.Equal(3 + (9 * 2) + 6, wide.Columns.Count);
        Assert.IsType<Int32DataFrameColumn>(wide["wellbeing rank"]);
        Assert.IsType<DoubleDataFrameColumn>(wide["income raw"]);
        Assert.Equal(32900d, wide["income raw"][8]); // ALD 2024: rows are period-major (8 cities of 2023 first), units in file order
        Assert.Equal(result.GetScore("wellbeing", "ALD", "2024"), (double)wide["wellbeing"][8]!);
    }
}
