using System.Text;

namespace CompositeIndex.Tests.Data;

/// <summary>Encodings, Unicode normalisation, decimal commas and separator hints of the CSV reader (issue #23's encoding cases, #21's CSV-in options).</summary>
public sealed class CsvEncodingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ci-enc-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Cp949(string text) => CsvEncodings.Get("cp949").GetBytes(text);

    [Fact]
    public void Cp949File_ReadAsUtf8_FailsNamingTheLineAndCp949()
    {
        // Korean Excel saves CSV as CP949: the third line holds the first non-ASCII bytes.
        var path = Write("seoul.csv", Cp949("unit,period,x\nA,2023,1\n종로구,2023,2\n"));
        var ex = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding cp949", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cp949File_ReadWithCp949_GivesTheKoreanUnit()
    {
        var path = Write("seoul.csv", Cp949("unit,period,x\n종로구,2023,2\n중구,2023,3\n"));
        var p = Panel.ReadWideCsv(path, new CsvOptions { Encoding = CsvEncodings.Get("cp949") });
        Assert.Equal(["종로구", "중구"], p.Units.AsEnumerable());
        Assert.Equal(3, p.GetValue("x", "중구", "2023"));
    }

    [Fact]
    public void Latin1File_ReadAsUtf8_FailsSuggestingLatin1_AndUnitsNoLongerMerge()
    {
        // Before strict decoding, Zürich, Zörich and Zärich all became "Z\uFFFDrich": one unit.
        var text = "unit,period,indicator,value\nZürich,2023,x,1\nZörich,2023,x,2\nZärich,2023,x,3\n";
        var path = Write("cities.csv", Encoding.Latin1.GetBytes(text));
        var ex = Assert.Throws<IndexDataException>(() => Panel.ReadLongCsv(path));
        Assert.Equal(2, ex.Line);
        Assert.Contains("--encoding latin1", ex.Message, StringComparison.Ordinal);

        var p = Panel.ReadLongCsv(path, new CsvOptions { Encoding = CsvEncodings.Get("latin1") });
        Assert.Equal(["Zürich", "Zörich", "Zärich"], p.Units.AsEnumerable());
    }

    [Fact]
    public void Utf8Bom_AndUtf16Bom_AreDetected()
    {
        var text = "unit,period,x\nSankt Göran,2023,1\n";
        var utf8 = Write("a.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var utf16 = Write("b.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        Assert.Equal("Sankt Göran", Panel.ReadWideCsv(utf8).Units[0]);
        Assert.Equal("Sankt Göran", Panel.ReadWideCsv(utf16).Units[0]);
        Assert.Equal("x", Panel.ReadWideCsv(utf8).Indicators[0]);
    }

    [Theory]
    [InlineData("cp949", 949)]
    [InlineData("CP949", 949)]
    [InlineData("euc-kr", 51949)]
    [InlineData("windows-1252", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData("latin1", 28591)]
    [InlineData("utf-16", 1200)]
    [InlineData("UTF_16BE", 1201)]
    [InlineData("shift_jis", 932)]
    public void Get_ResolvesNames(string name, int codePage) => Assert.Equal(codePage, CsvEncodings.Get(name).CodePage);

    [Fact]
    public void Get_UnknownName_Throws() =>
        Assert.Contains("cp949", Assert.Throws<ArgumentException>(() => CsvEncodings.Get("klingon")).Message, StringComparison.Ordinal);

    // 종로구 (Jongno-gu) precomposed, and as conjoining jamo (NFD, as macOS writes Korean file names and text).
    private const string Nfc = "\uC885\uB85C\uAD6C";
    private const string Nfd = "\u110C\u1169\u11BC\u1105\u1169\u1100\u116E";

    [Fact]
    public void DecomposedAndPrecomposedIds_AreOneUnit_AndMatchEitherForm()
    {
        Assert.Equal(Nfc, PanelBuilder.NormalizeId(Nfd));
        var p = Panel.ReadLongCsv(new StringReader($"unit,period,indicator,value\n{Nfc},2023,x,1\n{Nfd},2023,y,2\n"), "t.csv", null);
        Assert.Single(p.Units);
        Assert.Equal(Nfc, p.Units[0]);
        Assert.Equal(0, p.IndexOfUnit(Nfd));
        Assert.Equal(2, p.GetValue("y", Nfd, "2023"));

        // Header names too: a definition asking for the precomposed column finds the decomposed header.
        var w = Panel.ReadWideCsv(new StringReader($"unit,period,{Nfd}\nA,2023,5\n"), "t.csv", null);
        Assert.Equal(0, w.IndexOfIndicator(Nfc));
        Assert.Equal(Nfc, w.Indicators[0]);
    }

    [Fact]
    public void DuplicateRowInTheOtherNormalForm_IsADuplicate()
    {
        var ex = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader($"unit,period,x\n{Nfc},2023,1\n{Nfd},2023,2\n"), "t.csv", null));
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void PeriodsDifferingInLeadingZeros_AreKeptApartAndWarned()
    {
        var p = Panel.ReadLongCsv(new StringReader("unit,period,indicator,value\nA,2023,x,1\nA,02023,x,2\nA,2024,x,3\n"), "t.csv", null);
        Assert.Equal(3, p.Periods.Length);
        var warning = Assert.Single(p.Warnings);
        Assert.Contains("'02023'", warning, StringComparison.Ordinal);
        Assert.Contains("'2023'", warning, StringComparison.Ordinal);
        Assert.Empty(Panel.ReadLongCsv(new StringReader("unit,period,indicator,value\nA,2023,x,1\nA,2024,x,2\n"), "t.csv", null).Warnings);
    }

    [Fact]
    public void DecimalComma_WithSemicolons_ReadsNumbers()
    {
        var o = new CsvOptions { Separator = ';', DecimalComma = true };
        var p = Panel.ReadWideCsv(new StringReader("unit;period;x;y\nA;2023;3,5;-1,25e2\nB;2023;7;\n"), "t.csv", o);
        Assert.Equal(3.5, p.GetValue("x", "A", "2023"));
        Assert.Equal(-125, p.GetValue("y", "A", "2023"));
        Assert.Equal(7, p.GetValue("x", "B", "2023"));

        // A dot (a thousands separator, or a decimal point in a decimal-comma file) is not guessed.
        var ex = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader("unit;period;x\nA;2023;1.234,5\n"), "t.csv", o));
        Assert.Equal(2, ex.Line);
        Assert.Contains("dot", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecimalComma_WithCommaSeparator_IsRejectedAsAmbiguous() =>
        Assert.Contains(
            "ambiguous",
            Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader("unit,period,x\nA,2023,1\n"), "t.csv", new CsvOptions { DecimalComma = true })).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("unit;period;x\nA;2023;1\n", "semicolon-separated: pass --separator ';'")]
    [InlineData("unit\tperiod\tx\nA\t2023\t1\n", "tab-separated: pass --separator tab")]
    public void SemicolonFile_ReadAsComma_HintsTheSeparator(string text, string hint) =>
        Assert.Contains(hint, Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader(text), "t.csv", null)).Message, StringComparison.Ordinal);

    [Fact]
    public void MissingTokens_AreConfigurable()
    {
        var o = new CsvOptions { MissingTokens = ["", "n/a", ".."] };
        var p = Panel.ReadWideCsv(new StringReader("unit,period,x\nA,2023,n/a\nB,2023,2\n"), "t.csv", o);
        Assert.True(double.IsNaN(p.GetValue("x", "A", "2023")));
        Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader("unit,period,x\nA,2023,n/a\n"), "t.csv", null));
    }
}

public class PanelFromTests
{
    private sealed record City(string Code, int Year, double Income, double Rent);

    [Fact]
    public void From_Objects_EqualsTheSameDataAsCsv()
    {
        City[] cities = [new("A", 2023, 1.5, 30), new("B", 2023, 2.5, double.NaN), new("A", 2024, 3, 28)];
        var p = Panel.From(cities, c => c.Code, c => c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ("income", c => c.Income), ("rent", c => c.Rent));
        var csv = Panel.ReadWideCsv(new StringReader("unit,period,income,rent\nA,2023,1.5,30\nB,2023,2.5,\nA,2024,3,28\n"), "t.csv", null);
        Assert.Equal(csv.Units.AsEnumerable(), p.Units.AsEnumerable());
        Assert.Equal(csv.Periods.AsEnumerable(), p.Periods.AsEnumerable());
        Assert.Equal(csv.Indicators.AsEnumerable(), p.Indicators.AsEnumerable());
        Assert.Equal(csv.RawValues, p.RawValues);
        Assert.Equal(2.5, p.GetValue("income", "B", "2023"));
        Assert.True(double.IsNaN(p.GetValue("income", "B", "2024")));
    }

    [Fact]
    public void From_DuplicateUnitPeriod_Throws() =>
        Assert.Contains("twice", Assert.Throws<IndexDataException>(() => Panel.From(new[] { ("A", 1.0), ("A", 2.0) }, r => r.Item1, _ => "2023", ("x", r => r.Item2))).Message, StringComparison.Ordinal);
}
