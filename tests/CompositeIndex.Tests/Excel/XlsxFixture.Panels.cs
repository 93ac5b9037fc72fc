using System.Globalization;

namespace CompositeIndex.Tests.Excel;

/// <summary>Workbooks made from the samples' CSV files, and panel comparison (uses the core's internals).</summary>
internal static partial class XlsxFixture
{
    /// <summary>Saves a CSV file as a workbook the way Excel's "Save as .xlsx" would: fields that are numbers become numeric cells, others text.</summary>
    public static void FromCsv(string csvPath, string xlsxPath, string sheetName = "Data", IReadOnlyCollection<string>? textColumns = null)
    {
        using var reader = new StreamReader(csvPath);
        var csv = new CsvTokenizer(reader, csvPath);
        var rows = new List<object?[]>();
        List<string>? header = null;
        while (csv.ReadRecord() is { } record)
        {
            header ??= record;
            var isHeader = ReferenceEquals(header, record);
            rows.Add([.. record.Select((f, i) => isHeader || (textColumns?.Contains(header[i]) ?? false) ? (object?)f : Cell(f))]);
        }

        Write(xlsxPath, (sheetName, rows));
    }

    private static object? Cell(string field) =>
        field.Length == 0 ? null
        : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && field.Trim() == field ? v
        : field;

    /// <summary>Asserts two panels are the same: ids, names, attributes, and every value bit for bit.</summary>
    public static int AssertSame(Panel expected, Panel actual)
    {
        Assert.Equal(expected.Units.ToArray(), actual.Units.ToArray());
        Assert.Equal(expected.Periods.ToArray(), actual.Periods.ToArray());
        Assert.Equal(expected.Indicators.ToArray(), actual.Indicators.ToArray());
        for (var u = 0; u < expected.Units.Length; u++)
        {
            Assert.Equal(expected.UnitInfo[u].Name, actual.UnitInfo[u].Name);
            Assert.Equal(expected.UnitInfo[u].Attributes, actual.UnitInfo[u].Attributes);
        }

        var e = expected.RawValues;
        var a = actual.RawValues;
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(e[i]), BitConverter.DoubleToInt64Bits(a[i]));
        }

        return e.Count(v => !double.IsNaN(v));
    }
}
