using CompositeIndex.Excel;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Excel;

public sealed class ExcelPanelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ci-xlsx-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Sample(params string[] parts) => Path.Combine([SharedData.RepoRoot, "samples", .. parts]);

    [Fact]
    public void ReadWide_QuickStartSavedAsXlsx_SamePanelAndBitIdenticalResults()
    {
        var csv = Sample("QuickStart", "data", "cities.csv");
        var xlsx = Path.Combine(dir, "cities.xlsx");
        XlsxFixture.FromCsv(csv, xlsx);
        var options = new CsvOptions { UnitNameColumn = "name" };
        var fromCsv = Panel.ReadWideCsv(csv, options);
        var fromXlsx = ExcelPanel.ReadWide(xlsx, null, options);
        var values = XlsxFixture.AssertSame(fromCsv, fromXlsx);
        Assert.Equal((8 * 2 * 6) - 1, values); // one value is missing in the CSV (an empty field)

        var definition = IndexDefinitionJson.Load(File.ReadAllText(Sample("QuickStart", "wellbeing.json")));
        Assert.True(XlsxFixture.AssertSameResults(definition, fromCsv, fromXlsx) >= 8 * 2 * 9);
    }

    [Fact]
    public void ReadLong_SeoulDistrictsWithKorean_SamePanel()
    {
        var csv = Sample("seoul", "data", "districts-synthetic.csv");
        var xlsx = Path.Combine(dir, "districts.xlsx");
        XlsxFixture.FromCsv(csv, xlsx, "구별 자료");
        var options = new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] };
        var fromXlsx = ExcelPanel.ReadLong(xlsx, ExcelSheet.Named("구별 자료"), options);
        var values = XlsxFixture.AssertSame(Panel.ReadLongCsv(csv, options), fromXlsx);
        Assert.Equal(3724, values); // the file's 3,724 rows all hold a value
        Assert.Equal("종로구", fromXlsx.UnitInfo[fromXlsx.IndexOfUnit("jongno")].Attributes["name_ko"]);
    }

    [SharedDataFact("undp")]
    public void ReadWide_HdiSavedAsXlsx_SamePanel()
    {
        var csv = SharedData.PathOf("undp", "hdr2023-24_hdi.csv");
        var xlsx = Path.Combine(dir, "hdi.xlsx");
        XlsxFixture.FromCsv(csv, xlsx);
        var options = new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country", IgnoreUnmappedColumns = true }
            .ForDefinition(IndexDefinitionJson.Load(File.ReadAllText(Sample("gallery", "hdi", "hdi.json"))));
        var values = XlsxFixture.AssertSame(Panel.ReadWideCsv(csv, options), ExcelPanel.ReadWide(xlsx, ExcelSheet.At(0), options));
        Assert.Equal(26_261, values); // the non-empty le, eys, mys and gnipc fields of the file (counted with Python's csv module)
    }

    [SharedDataFact("coinr-asem")]
    public void ReadWide_AsemSavedAsXlsx_SamePanel()
    {
        var csv = SharedData.PathOf("coinr-asem", "ASEM_iData.csv");
        var xlsx = Path.Combine(dir, "asem.xlsx");
        XlsxFixture.FromCsv(csv, xlsx);
        var options = new CsvOptions
        {
            UnitColumn = "uCode",
            UnitNameColumn = "uName",
            PeriodColumn = "Time",
            AttributeColumns = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"],
        };
        var values = XlsxFixture.AssertSame(Panel.ReadWideCsv(csv, options), ExcelPanel.ReadWide(xlsx, ExcelSheet.FromText("1"), options));
        Assert.Equal(2_639, values); // the non-empty fields of the 53 indicator columns (counted with Python's csv module)
    }

    private string Workbook(params object?[][] rows)
    {
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".xlsx");
        XlsxFixture.Write(path, ("Notes", [new object?[] { "read me" }]), ("Data", rows));
        return path;
    }

    [Fact]
    public void ReadWide_ErrorCell_NamedBySheetAndCell()
    {
        var path = Workbook(["unit", "period", "income"], ["A", 2024.0, 1.5], ["B", 2024.0, new XlsxFixture.Error("#N/A")]);
        var ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(path, ExcelSheet.Named("Data"), null));
        Assert.Contains("Data!C3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("#N/A", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column 'income'", ex.Message, StringComparison.Ordinal);

        // Named as a missing token, the error value is a missing value.
        var panel = ExcelPanel.ReadWide(path, ExcelSheet.Named("data"), new CsvOptions { MissingTokens = ["", "#N/A"] });
        Assert.True(double.IsNaN(panel.GetValue("income", "B", "2024")));
        Assert.Equal(1.5, panel.GetValue("income", "A", "2024"));
    }

    [Fact]
    public void ReadWide_TextCellsEmptyCellsAndNumbersAsText_ReadAsCsvWould()
    {
        var path = Workbook(
            ["unit", "period", "income", "rate"],
            ["A", "2024", "1.25", 3.0],
            ["B", 2024.0, null, "n/a"],
            ["C", 2024.0, 7.0]); // a short row: trailing cells left out
        var panel = ExcelPanel.ReadWide(path, ExcelSheet.FromText("Data"), new CsvOptions { MissingTokens = ["", "n/a"] });
        Assert.Equal(["A", "B", "C"], panel.Units.ToArray());
        Assert.Equal(["2024"], panel.Periods.ToArray());
        Assert.Equal(1.25, panel.GetValue("income", "A", "2024"));
        Assert.True(double.IsNaN(panel.GetValue("income", "B", "2024")));
        Assert.True(double.IsNaN(panel.GetValue("rate", "B", "2024")));
        Assert.True(double.IsNaN(panel.GetValue("rate", "C", "2024")));
    }

    [Fact]
    public void ReadWide_BadTextAndStrayCell_NamedBySheetAndCell()
    {
        var bad = Workbook(["unit", "period", "income"], ["A", 2024.0, "lots"]);
        var ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(bad, ExcelSheet.At(1), null));
        Assert.Contains("Data!C2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'lots' is not a number", ex.Message, StringComparison.Ordinal);

        var stray = Workbook(["unit", "period", "income"], ["A", 2024.0, 1.0, null, "note"]);
        ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(stray, ExcelSheet.At(1), null));
        Assert.Contains("Data!E2", ex.Message, StringComparison.Ordinal);

        var duplicate = Workbook(["unit", "period", "income"], ["A", 2024.0, 1.0], ["A", 2024.0, 2.0]);
        ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(duplicate, ExcelSheet.At(1), null));
        Assert.Contains("first on Data row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownSheetOrNotAWorkbook_TypedErrorNamingTheSheets()
    {
        var path = Workbook(["unit", "period", "income"], ["A", 2024.0, 1.0]);
        var ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(path, ExcelSheet.Named("2025"), null));
        Assert.Contains("'Notes', 'Data'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(path, ExcelSheet.At(2), null));
        Assert.Equal(["Notes", "Data"], ExcelPanel.SheetNames(path));
        Assert.Equal(["unit", "period", "income"], ExcelPanel.ReadHeader(path, ExcelSheet.FromText("2")));

        var notXlsx = Sample("QuickStart", "data", "cities.csv");
        ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(notXlsx, null, null));
        Assert.Contains("not an Excel workbook", ex.Message, StringComparison.Ordinal);

        var xls = Path.Combine(dir, "old.xls");
        File.WriteAllBytes(xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        ex = Assert.Throws<IndexDataException>(() => ExcelPanel.ReadWide(xls, null, null));
        Assert.Contains(".xls", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLong_Cancelled_Throws()
    {
        var path = Workbook(["unit", "period", "indicator", "value"], ["A", 2024.0, "x", 1.0]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => ExcelPanel.ReadLong(path, ExcelSheet.At(1), null, cts.Token));
    }
}
