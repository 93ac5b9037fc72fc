using System.Globalization;
using CompositeIndex.Parquet;
using CompositeIndex.Serialization;
using global::Parquet.Schema;

namespace CompositeIndex.Tests.Parquet;

public sealed class ParquetPanelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ci-parquet-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Sample(params string[] parts) => Path.Combine([SharedData.RepoRoot, "samples", .. parts]);

    private string PathFor(string name) => Path.Combine(dir, name);

    [Fact]
    public async Task ReadWide_QuickStartAsParquet_SamePanelAndBitIdenticalResults()
    {
        var csv = Sample("QuickStart", "data", "cities.csv");
        var path = PathFor("cities.parquet");
        ParquetFixture.Write(path, ParquetFixture.ReadCsv(csv), rowGroupSize: 5); // 16 rows in 4 row groups
        var options = new CsvOptions { UnitNameColumn = "name" };
        var fromCsv = Panel.ReadWideCsv(csv, options);
        var fromParquet = await ParquetPanel.ReadWideAsync(path, options);
        Assert.Equal((8 * 2 * 6) - 1, Excel.XlsxFixture.AssertSame(fromCsv, fromParquet)); // one value is missing in the CSV

        var definition = IndexDefinitionJson.Load(File.ReadAllText(Sample("QuickStart", "wellbeing.json")));
        Assert.True(Excel.XlsxFixture.AssertSameResults(definition, fromCsv, fromParquet) >= 8 * 2 * 9);
    }

    [Fact]
    public async Task ReadWide_EveryColumnAsText_ParsedAsCsvWould()
    {
        var csv = Sample("QuickStart", "data", "cities.csv");
        var path = PathFor("cities-text.parquet");
        ParquetFixture.Write(path, ParquetFixture.ReadCsv(csv), ParquetFixture.Kind.Text);
        var options = new CsvOptions { UnitNameColumn = "name" };
        Assert.Equal(95, Excel.XlsxFixture.AssertSame(Panel.ReadWideCsv(csv, options), await ParquetPanel.ReadWideAsync(path, options)));
    }

    [Fact]
    public async Task Seoul_LongAndWideParquet_SameAsTheLongCsv()
    {
        var csv = Sample("seoul", "data", "districts-synthetic.csv");
        var table = ParquetFixture.ReadCsv(csv);
        var options = new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] };
        var expected = Panel.ReadLongCsv(csv, options);

        var longPath = PathFor("구별 자료.parquet");
        Assert.Equal(8, ParquetFixture.Write(longPath, table, rowGroupSize: 500)); // 3,724 rows in 8 row groups
        var fromLong = await ParquetPanel.ReadLongAsync(longPath, options);
        var values = Excel.XlsxFixture.AssertSame(expected, fromLong);
        Assert.Equal(3724, values); // the file's 3,724 rows all hold a value
        Assert.Equal("종로구", fromLong.UnitInfo[fromLong.IndexOfUnit("jongno")].Attributes["name_ko"]);

        var widePath = PathFor("districts-wide.parquet");
        ParquetFixture.Write(widePath, ParquetFixture.ToWide(table, ["unit", "unit_name", "name_ko", "period"]), rowGroupSize: 100);
        Assert.Equal(3724, ParquetFixture.AssertSameValues(expected, await ParquetPanel.ReadWideAsync(widePath, options)));
    }

    [SharedDataFact("undp")]
    public async Task Hdi_WideAndLongParquet_SameAsTheCsv()
    {
        var csv = SharedData.PathOf("undp", "hdr2023-24_hdi.csv");
        var table = ParquetFixture.ReadCsv(csv);
        var options = new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country", IgnoreUnmappedColumns = true }
            .ForDefinition(IndexDefinitionJson.Load(File.ReadAllText(Sample("gallery", "hdi", "hdi.json"))));
        var expected = Panel.ReadWideCsv(csv, options);

        var widePath = PathFor("hdi.parquet");
        Assert.Equal(7, ParquetFixture.Write(widePath, table, rowGroupSize: 1000)); // 6,798 records
        var values = Excel.XlsxFixture.AssertSame(expected, await ParquetPanel.ReadWideAsync(widePath, options));
        Assert.Equal(26_261, values); // the non-empty le, eys, mys and gnipc fields of the file (counted with Python's csv module)

        var longPath = PathFor("hdi-long.parquet");
        ParquetFixture.Write(longPath, ParquetFixture.ToLong(table, ["iso3", "country", .. options.AttributeColumns, "year"], [.. options.IndicatorColumns.Select(m => (m.Key, m.Value))]), rowGroupSize: 10_000);
        var longOptions = new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country", AttributeColumns = options.AttributeColumns };
        Assert.Equal(values, ParquetFixture.AssertSameValues(expected, await ParquetPanel.ReadLongAsync(longPath, longOptions)));
    }

    [SharedDataFact("coinr-asem")]
    public async Task Asem_WideAndLongParquet_SameAsTheCsv()
    {
        var csv = SharedData.PathOf("coinr-asem", "ASEM_iData.csv");
        var table = ParquetFixture.ReadCsv(csv);
        string[] attributes = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"];
        var options = new CsvOptions { UnitColumn = "uCode", UnitNameColumn = "uName", PeriodColumn = "Time", AttributeColumns = [.. attributes] };
        var expected = Panel.ReadWideCsv(csv, options);

        var widePath = PathFor("asem.parquet");
        ParquetFixture.Write(widePath, table);
        var values = Excel.XlsxFixture.AssertSame(expected, await ParquetPanel.ReadWideAsync(widePath, options));
        Assert.Equal(2_639, values); // the non-empty fields of the 53 indicator columns (counted with Python's csv module)

        string[] ids = ["uName", "uCode", .. attributes, "Time"];
        var longPath = PathFor("asem-long.parquet");
        ParquetFixture.Write(longPath, ParquetFixture.ToLong(table, ids, [.. table.Header.Except(ids).Select(c => (c, c))]), rowGroupSize: 700);
        Assert.Equal(values, ParquetFixture.AssertSameValues(expected, await ParquetPanel.ReadLongAsync(longPath, options)));
    }

    [Fact]
    public async Task TypedColumns_NumbersExactNullsMissing_IdsAsText()
    {
        var path = PathFor("typed.parquet");
        ParquetFixture.WriteColumns(
            path,
            (new DataField<string>("unit"), new string?[] { "a", "b", "c", "d" }),
            (new DataField<int>("period"), new int?[] { 2024, 2024, 2024, 2024 }),
            (new DataField<bool?>("capital"), new bool?[] { true, false, null, false }),
            (new DataField<double?>("d"), new double?[] { 0.1, null, double.NaN, -0.0 }),
            (new DataField<float?>("f"), new float?[] { 0.1f, 3.5f, null, float.MaxValue }),
            (new DataField<long?>("l"), new long?[] { 9007199254740993L, long.MinValue, null, 7 }),
            (new DataField<ulong?>("ul"), new ulong?[] { ulong.MaxValue, 0, 1, null }),
            (new DataField<short?>("s"), new short?[] { -3, null, 0, short.MaxValue }),
            (new DecimalDataField("m", 29, 20, isNullable: true), new decimal?[] { 0.1m, 1234567.8901234567890123m, null, -2.5m }),
            (new DataField<string>("t"), new string?[] { " 12.5 ", "NA", null, "1e-7" }));
        var panel = await ParquetPanel.ReadWideAsync(path, new CsvOptions { AttributeColumns = ["capital"] });

        Assert.Equal(["a", "b", "c", "d"], panel.Units.ToArray());
        Assert.Equal(["2024"], panel.Periods.ToArray());
        Assert.Equal(["d", "f", "l", "ul", "s", "m", "t"], panel.Indicators.ToArray());
        Assert.Equal(["true", "false", string.Empty, "false"], panel.UnitInfo.Select(u => u.Attributes["capital"]).ToArray());
        double Value(string indicator, string unit) => panel.GetValue(indicator, unit, "2024");
        static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
        static double Csv(string text) => double.Parse(text, CultureInfo.InvariantCulture);

        var compared = 0;
        void Same(double expected, double actual)
        {
            Assert.Equal(Bits(expected), Bits(actual));
            compared++;
        }

        Same(0.1, Value("d", "a"));
        Same(double.NaN, Value("d", "b")); // null
        Same(double.NaN, Value("d", "c")); // NaN: the text "NaN", a missing token
        Same(-0.0, Value("d", "d"));
        Same(0.1f, Value("f", "a")); // the float widened exactly, not 0.1
        Assert.NotEqual(Bits(0.1), Bits(Value("f", "a")));
        Same(3.5, Value("f", "b"));
        Same(double.NaN, Value("f", "c"));
        Same(float.MaxValue, Value("f", "d"));
        Same(Csv("9007199254740993"), Value("l", "a")); // beyond 2^53: what the CSV text gives
        Same(Csv("-9223372036854775808"), Value("l", "b"));
        Same(7, Value("l", "d"));
        Same(Csv("18446744073709551615"), Value("ul", "a"));
        Same(0, Value("ul", "b"));
        Same(double.NaN, Value("ul", "d"));
        Same(-3, Value("s", "a"));
        Same(short.MaxValue, Value("s", "d"));
        Same(Csv("0.1"), Value("m", "a"));
        Same(Csv("1234567.8901234567890123"), Value("m", "b")); // correctly rounded, as CSV
        Same(double.NaN, Value("m", "c"));
        Same(-2.5, Value("m", "d"));
        Same(12.5, Value("t", "a")); // text parsed as a CSV field (trimmed)
        Same(double.NaN, Value("t", "b")); // NA: a missing token
        Same(double.NaN, Value("t", "c"));
        Same(1e-7, Value("t", "d"));
        Assert.Equal(24, compared);
    }

    [Fact]
    public async Task TypedIds_IntegerAndDatePeriods_KeepTheirText()
    {
        var path = PathFor("ids.parquet");
        ParquetFixture.WriteColumns(
            path,
            (new DataField<long>("unit"), new long?[] { 9007199254740993L, 11110 }),
            (new DataField<DateTime>("period"), new DateTime?[] { new DateTime(2024, 1, 31), new DateTime(2024, 1, 31, 8, 30, 0) }),
            (new DataField<double>("x"), new double?[] { 1, 2 }));
        var panel = await ParquetPanel.ReadWideAsync(path, null);
        Assert.Equal(["9007199254740993", "11110"], panel.Units.ToArray()); // exact digits, not the nearest double's
        Assert.Equal(["2024-01-31", "2024-01-31T08:30:00"], panel.Periods.ToArray());
    }

    [Fact]
    public async Task NotANumberNotFiniteAndDecimalComma_NamedByRowAndColumn_AsCsv()
    {
        var path = PathFor("bad.parquet");
        ParquetFixture.WriteColumns(
            path,
            (new DataField<string>("unit"), new string?[] { "A", "B", "C" }),
            (new DataField<int>("period"), new int?[] { 2024, 2024, 2024 }),
            (new DataField<string>("income"), new string?[] { "1.5", "2", "12,5" }));
        var ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(path, null));
        var csvEx = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader("unit,period,income\nA,2024,1.5\nB,2024,2\nC,2024,\"12,5\"\n"), "bad.csv", null));
        Assert.Equal(csvEx.Message.Replace("bad.csv, line 4", "bad.parquet, row 3", StringComparison.Ordinal), ex.Message);
        Assert.StartsWith("bad.parquet, row 3, column 'income': '12,5' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Equal("income", ex.Column);

        // Text with decimal commas, read with DecimalComma (a separator other than a comma must be set, as for CSV and Excel).
        var comma = PathFor("comma.parquet");
        ParquetFixture.WriteColumns(
            comma,
            (new DataField<string>("unit"), new string?[] { "A", "B" }),
            (new DataField<int>("period"), new int?[] { 2024, 2024 }),
            (new DataField<string>("income"), new string?[] { "1,5", "12,5" }));
        var panel = await ParquetPanel.ReadWideAsync(comma, new CsvOptions { DecimalComma = true, Separator = ';' });
        Assert.Equal(1.5, panel.GetValue("income", "A", "2024"));
        Assert.Equal(12.5, panel.GetValue("income", "B", "2024"));

        var inf = PathFor("inf.parquet");
        ParquetFixture.WriteColumns(
            inf,
            (new DataField<string>("unit"), new string?[] { "A", "B" }),
            (new DataField<string>("period"), new string?[] { "2024", "2024" }),
            (new DataField<double?>("x"), new double?[] { 1, double.PositiveInfinity }));
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(inf, null));
        Assert.StartsWith("inf.parquet, row 2, column 'x': 'Infinity' is not a finite number", ex.Message, StringComparison.Ordinal);

        // NaN counts as missing only while "NaN" is a missing token, as in CSV.
        var nan = PathFor("nan.parquet");
        ParquetFixture.WriteColumns(
            nan,
            (new DataField<string>("unit"), new string?[] { "A" }),
            (new DataField<string>("period"), new string?[] { "2024" }),
            (new DataField<double?>("x"), new double?[] { double.NaN }));
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(nan, new CsvOptions { MissingTokens = [""] }));
        Assert.StartsWith("nan.parquet, row 1, column 'x': 'NaN' is not a finite number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingColumnAndDuplicateRows_SameMessagesAsCsv()
    {
        var table = new ParquetFixture.Table(["unit", "period", "income"], [["A", "2024", "1"], ["B", "2024", "2"], ["A", "2024", "3"]]);
        var path = PathFor("dup.parquet");
        ParquetFixture.Write(path, table, rowGroupSize: 2); // the duplicate is in the second row group
        var csvText = "unit,period,income\nA,2024,1\nB,2024,2\nA,2024,3\n";

        var ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(path, null));
        var csvEx = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader(csvText), "dup.csv", null));
        Assert.Equal("dup.csv, line 4: Duplicate row for unit 'A', period '2024' (first on line 2).", csvEx.Message);
        Assert.Equal("dup.parquet, row 3: Duplicate row for unit 'A', period '2024' (first on row 1).", ex.Message);

        var missing = new CsvOptions { UnitColumn = "district" };
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(path, missing));
        csvEx = Assert.Throws<IndexDataException>(() => Panel.ReadWideCsv(new StringReader(csvText), "dup.parquet", missing));
        Assert.Equal(csvEx.Message, ex.Message);
        Assert.Equal("dup.parquet, line 1, column 'district': The header has no column 'district' (columns: unit, period, income).", ex.Message);

        var longTable = new ParquetFixture.Table(["unit", "period", "indicator", "value"], [["A", "2024", "x", "1"], ["A", "2024", "y", "2"], ["A", "2024", "x", "3"]]);
        var longPath = PathFor("dup-long.parquet");
        ParquetFixture.Write(longPath, longTable);
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadLongAsync(longPath, null));
        csvEx = Assert.Throws<IndexDataException>(() => Panel.ReadLongCsv(new StringReader("unit,period,indicator,value\nA,2024,x,1\nA,2024,y,2\nA,2024,x,3\n"), "dup-long.parquet", null));
        Assert.Equal(csvEx.Message.Replace("line 4", "row 3", StringComparison.Ordinal), ex.Message);
        Assert.Equal("dup-long.parquet, row 3: Duplicate row: 'x' for unit 'A', period '2024' was already given.", ex.Message);
    }

    [Fact]
    public async Task NotParquetEmptyTruncatedOrSchemaOnly_TypedErrorsOrAnEmptyTableAsCsv()
    {
        var text = PathFor("cities.parquet");
        File.WriteAllText(text, "unit,period,income\nA,2024,1\n");
        var ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(text, null));
        Assert.StartsWith("cities.parquet: The file is not a readable Parquet file (it cannot be opened): ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);

        var empty = PathFor("empty.parquet");
        File.WriteAllBytes(empty, []);
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadLongAsync(empty, null));
        Assert.StartsWith("empty.parquet: The file is not a readable Parquet file", ex.Message, StringComparison.Ordinal);

        var good = PathFor("good.parquet");
        ParquetFixture.Write(good, new ParquetFixture.Table(["unit", "period", "income"], [["A", "2024", "1"]]));
        var bytes = File.ReadAllBytes(good);
        var truncated = PathFor("truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..^10]);
        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(truncated, null));
        Assert.StartsWith("truncated.parquet: The file is not a readable Parquet file", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(PathFor("absent.parquet"), null));
        Assert.Contains("Cannot open the file", ex.Message, StringComparison.Ordinal);

        // A schema and no rows reads as a CSV with only its header does.
        var schemaOnly = PathFor("schema-only.parquet");
        ParquetFixture.Write(schemaOnly, new ParquetFixture.Table(["unit", "period", "income"], []));
        var fromCsv = Panel.ReadWideCsv(new StringReader("unit,period,income\n"), "h.csv", null);
        var fromParquet = await ParquetPanel.ReadWideAsync(schemaOnly, null);
        Assert.Equal(0, Excel.XlsxFixture.AssertSame(fromCsv, fromParquet));
        Assert.Empty(fromParquet.Units);
    }

    [Fact]
    public async Task DamagedFiles_OnlyIndexDataException()
    {
        var good = PathFor("good.parquet");
        var table = new ParquetFixture.Table(
            ["unit", "period", "income", "label"],
            [.. Enumerable.Range(0, 40).Select(i => new[] { "u" + i, "2024", (i * 1.25).ToString(CultureInfo.InvariantCulture), i % 3 == 0 ? string.Empty : "t" + i })]);
        ParquetFixture.Write(good, table, rowGroupSize: 15);
        var bytes = File.ReadAllBytes(good);
        var random = new Random(20261207);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var escapes = new List<string>();
        const int Variants = 300;
        for (var v = 0; v < Variants; v++)
        {
            var damaged = (byte[])bytes.Clone();
            for (var k = 0; k < 1 + (v % 4); k++)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            using var stream = new MemoryStream(damaged);
            try
            {
                _ = await ParquetPanel.ReadWideAsync(stream, "damaged.parquet", new CsvOptions { AttributeColumns = ["label"] }, CancellationToken.None);
                outcomes["read"] = outcomes.GetValueOrDefault("read") + 1;
            }
            catch (IndexDataException ex)
            {
                Assert.StartsWith("damaged.parquet", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', ex.Message);
                outcomes["IndexDataException"] = outcomes.GetValueOrDefault("IndexDataException") + 1;
            }
            catch (Exception ex)
            {
                escapes.Add($"variant {v}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(escapes.Count == 0, string.Join(Environment.NewLine, escapes));
        Assert.Equal(Variants, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("IndexDataException") > Variants / 10, string.Join(", ", outcomes));
    }

    [Fact]
    public async Task NestedColumn_RefusedByNameOnlyWhenRead()
    {
        var path = PathFor("nested.parquet");
        await WriteWithListColumnAsync(path);
        var ex = await Assert.ThrowsAsync<IndexDataException>(() => ParquetPanel.ReadWideAsync(path, null));
        Assert.Equal("nested.parquet, column 'tags': The column 'tags' is a list column; only plain columns of numbers, text, booleans, dates or UUIDs are read. Leave it out of the columns read (map the indicators you need, or drop the column when writing the file).", ex.Message);

        // Not read (the indicators are mapped), the column is no obstacle.
        var panel = await ParquetPanel.ReadWideAsync(path, new CsvOptions { IndicatorColumns = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("x", "x")]) });
        Assert.Equal(2.5, panel.GetValue("x", "A", "2024"));
    }

    private static async Task WriteWithListColumnAsync(string path)
    {
        var unit = new DataField<string>("unit");
        var period = new DataField<string>("period");
        var x = new DataField<double>("x");
        var item = new DataField<string>("element");
        var tags = new ListField("tags", item);
        await using var stream = File.Create(path);
        await using var writer = await global::Parquet.ParquetWriter.CreateAsync(new ParquetSchema(unit, period, x, tags), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(unit, ["A"]);
        await group.WriteAsync(period, ["2024"]);
        await group.WriteAsync<double>(x, new[] { 2.5 }.AsMemory());
        await group.WriteAsync(item, ["a", "b"], new[] { 0, 1 }.AsMemory());
    }

    [Fact]
    public async Task RowGroupSize_CheckedFromTheMetadataBeforeReading()
    {
        var path = PathFor("big.parquet");
        ParquetFixture.Write(path, new ParquetFixture.Table(["unit", "period", "x"], [.. Enumerable.Range(0, 11).Select(i => new[] { "u" + i, "1", "1" })]), rowGroupSize: 6);
        await using var stream = File.OpenRead(path);
        await using var reader = await global::Parquet.ParquetReader.CreateAsync(stream);
        var source = new ParquetTableSource(reader, "big.parquet", maxRowGroupRows: 5);
        Assert.True(source.Read()); // the header
        source.Select([0, 1, 2]);
        var ex = await Assert.ThrowsAsync<IndexDataException>(() => source.LoadAsync(0, CancellationToken.None));
        Assert.Equal("big.parquet: Row group 0 declares 6 rows; at most 5 rows per row group are read (the file is damaged, or rewrite it with smaller row groups).", ex.Message);
        Assert.Equal(1L << 26, ParquetTableSource.MaxRowGroupRows);
    }

    [Fact]
    public async Task Cancelled_Throws()
    {
        var path = PathFor("c.parquet");
        ParquetFixture.Write(path, new ParquetFixture.Table(["unit", "period", "indicator", "value"], [["A", "2024", "x", "1"]]));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ParquetPanel.ReadLongAsync(path, null, cts.Token));
    }

    [Fact]
    public async Task ReadHeader_SchemaNames()
    {
        var path = PathFor("h.parquet");
        ParquetFixture.Write(path, new ParquetFixture.Table(["unit", " period ", "소득"], [["A", "2024", "1"]]));
        Assert.Equal(["unit", "period", "소득"], await ParquetPanel.ReadHeaderAsync(path, CancellationToken.None));
    }
}
