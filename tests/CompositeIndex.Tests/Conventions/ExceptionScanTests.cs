using System.Collections.Immutable;
using System.Text;
using CompositeIndex.Analysis;
using CompositeIndex.DataFrames;
using CompositeIndex.Excel;
using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Morris;
using CompositeIndex.Serialization;
using CompositeIndex.Tests.Excel;
using Microsoft.Data.Analysis;

namespace CompositeIndex.Tests.Conventions;

/// <summary>
/// Calls the public entry points with invalid input and checks that every exception a caller sees is a
/// <see cref="CompositeIndexException"/> (bad input) or an <see cref="ArgumentException"/> (a programming error such
/// as <see langword="null"/>): one <c>catch (CompositeIndexException)</c> must handle every bad file, key or value.
/// </summary>
/// <remarks>
/// <para>Readers: 19 entry points × 24 texts = 456 calls; look-ups: 54 entry points × 6 keys = 324 calls. Before this test
/// 93 of them escaped (<c>KeyNotFoundException</c> from panel, output, audit, outranking, weighting and sensitivity
/// look-ups; <c>NullReferenceException</c> from the CSV readers given a null reader).</para>
/// <para>A missing file is not scanned: file readers let <see cref="FileNotFoundException"/> (an <see cref="IOException"/>)
/// through, as every .NET file API does; the text of each input is written to a temporary file instead.</para>
/// </remarks>
public sealed class ExceptionScanTests : IDisposable
{
    private static readonly string QuickStartDefinitionPath = Path.Combine(SharedData.RepoRoot, "samples", "QuickStart", "wellbeing.json");
    private static readonly string QuickStartDataPath = Path.Combine(SharedData.RepoRoot, "samples", "QuickStart", "data", "cities.csv");

    private static readonly Lazy<(IndexDefinition Definition, Panel Panel, IndexResult Result, string ResultJson)> Fixture = new(() =>
    {
        // QuickStart plus one output (value, rounding, classes) so that output look-ups are scanned too.
        var json = System.IO.File.ReadAllText(QuickStartDefinitionPath).TrimEnd();
        json = json[..^1].TrimEnd() + """
            ,
              "outputs": [
                { "id": "headline", "name": "Headline", "value": { "method": "score", "node": "wellbeing" },
                  "rounding": { "digits": 1 }, "classes": [ { "label": "high", "min": 50 }, { "label": "low", "max": 50 } ] }
              ]
            }
            """;
        var definition = IndexDefinitionJson.Load(json);
        var panel = Panel.ReadWideCsv(QuickStartDataPath, new CsvOptions { UnitNameColumn = "name" });
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        using var ms = new MemoryStream();
        result.WriteJson(ms);
        return (definition, panel, result, Encoding.UTF8.GetString(ms.ToArray()));
    });

    private readonly string directory = Directory.CreateTempSubdirectory("ci-exception-scan-").FullName;

    /// <summary>Texts given to every reader: empty, blank, truncated, wrong JSON kinds, wrong versions, NUL, deep nesting, the other file kind, random bytes.</summary>
    private static readonly string?[] Texts =
    [
        null, string.Empty, "   ", "{", "garbage", "[]", "{}", "null", "42", "\"text\"", "\0", "\uFEFF{",
        """{ "schemaVersion": 99 }""", """{ "schemaVersion": "x" }""", """{ "schemaVersion": 2, "id": 5 }""",
        new string('[', 10_000), "unit,period,a\nu,1,2,3\n", "unit,period\n", "a\tb\n1\t2",
        """{ "parameters": [ { "indicatorId": "a" } ] }""", """{ "parameters": 7 }""",
        "@@TRUNCATED_RESULT@@", "@@DEFINITION@@", "@@RANDOM@@",
    ];

    /// <summary>Keys given to every look-up: null, empty, blank, unknown, NUL, a different case of a real key.</summary>
    private static readonly string?[] Keys = [null, string.Empty, " ", "no-such-key", "\0", "WELLBEING"];

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Readers_WithInvalidText_ThrowOnlyLibraryOrArgumentExceptions()
    {
        var f = Fixture.Value;
        var readers = new (string Name, Action<string?> Call)[]
        {
            ("IndexDefinitionJson.Load(string)", t => IndexDefinitionJson.Load(t!)),
            ("IndexDefinitionJson.Load(Stream)", t => IndexDefinitionJson.Load(Stream(t)!)),
            ("IndexDefinitionJson.LoadFile", t => IndexDefinitionJson.LoadFile(File(t)!)),
            ("IndexDefinitionJson.Validate", t => IndexDefinitionJson.Validate(t!)),
            ("IndexResultJson.Read", t => IndexResultJson.Read(Stream(t)!)),
            ("IndexResultJson.Read(definition given)", t => IndexResultJson.Read(Stream(t)!, f.Definition)),
            ("IndexResultJson.ReadFile", t => IndexResultJson.ReadFile(File(t)!)),
            ("IndexResultJson.ReadAsync", t => IndexResultJson.ReadAsync(Stream(t)!).GetAwaiter().GetResult()),
            ("FrozenParameters.ReadFile", t => FrozenParameters.ReadFile(File(t)!)),
            ("CompiledIndex.Evaluate(frozen from file)", t => CompiledIndex.Compile(f.Definition).Evaluate(f.Panel, FrozenParameters.ReadFile(File(t)!))),
            ("Panel.ReadLongCsv(TextReader)", t => Panel.ReadLongCsv(Reader(t)!, "scan.csv", null)),
            ("Panel.ReadWideCsv(TextReader)", t => Panel.ReadWideCsv(Reader(t)!, "scan.csv", null)),
            ("Panel.ReadLongCsv(path)", t => Panel.ReadLongCsv(File(t)!)),
            ("Panel.ReadWideCsv(path)", t => Panel.ReadWideCsv(File(t)!)),
            ("IndicatorTable.Read(TextReader)", t => IndicatorTable.Read(Reader(t)!, "scan.csv", null)),
            ("IndicatorTable.ReadCoinr", t => IndicatorTable.ReadCoinr(File(t)!, File(t))),
            ("SensitivityDefinitionJson.Load", t => SensitivityDefinitionJson.Load(t!, "scan.json")),
            ("SensitivityDefinitionJson.LoadFile", t => SensitivityDefinitionJson.LoadFile(File(t)!)),
            ("SensitivityAccumulator.ReadFrom", t => SensitivityAccumulator.ReadFrom(Stream(t)!, "part-0")),
        };

        var escapes = Scan(readers, Texts.Select(t => Expand(t, f.ResultJson)).ToArray());

        Assert.Equal(19, readers.Length);
        Assert.Equal(24, Texts.Length);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {readers.Length * Texts.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    [Fact]
    public void LookUps_WithUnknownKeys_ThrowOnlyLibraryOrArgumentExceptions()
    {
        var (definition, panel, r, _) = Fixture.Value;
        const string node = "wellbeing", unit = "ALD", period = "2024", before = "2023";
        var output = r.GetOutput("headline");
        var lookUps = new (string Name, Action<string?> Call)[]
        {
            ("GetScore(node)", k => r.GetScore(k!, unit, period)),
            ("GetScore(unit)", k => r.GetScore(node, k!, period)),
            ("GetScore(period)", k => r.GetScore(node, unit, k!)),
            ("GetRank(node)", k => r.GetRank(k!, unit, period)),
            ("GetRank(unit)", k => r.GetRank(node, k!, period)),
            ("GetRank(period)", k => r.GetRank(node, unit, k!)),
            ("GetScores(node)", k => r.GetScores(k!, period)),
            ("GetScores(period)", k => r.GetScores(node, k!)),
            ("GetRanks(node)", k => r.GetRanks(k!, period)),
            ("GetRanks(period)", k => r.GetRanks(node, k!)),
            ("ExplainScore(node)", k => r.ExplainScore(k!, unit, period)),
            ("ExplainScore(unit)", k => r.ExplainScore(node, k!, period)),
            ("ExplainScore(period)", k => r.ExplainScore(node, unit, k!)),
            ("ExplainChange(node)", k => r.ExplainChange(k!, unit, before, period)),
            ("ExplainChange(unit)", k => r.ExplainChange(node, k!, before, period)),
            ("ExplainChange(from)", k => r.ExplainChange(node, unit, k!, period)),
            ("ExplainChange(to)", k => r.ExplainChange(node, unit, before, k!)),
            ("GetUsedIndicators(node)", k => r.GetUsedIndicators(k!, unit, period)),
            ("GetDroppedIndicators(unit)", k => r.GetDroppedIndicators(node, k!, period)),
            ("GetIndicatorCount(period)", k => r.GetIndicatorCount(node, unit, k!)),
            ("GetFittedParameters(indicator)", k => r.GetFittedParameters(k!, period)),
            ("GetFittedParameters(period)", k => r.GetFittedParameters("income", k!)),
            ("GetOutput", k => r.GetOutput(k!)),
            ("GetVariant", k => r.GetVariant(k!)),
            ("GetPreviousPeriod", k => r.GetPreviousPeriod(k!)),
            ("GetSeries(node)", k => r.GetSeries(k!, unit)),
            ("GetSeries(unit)", k => r.GetSeries(node, k!)),
            ("GetChange(period)", k => r.GetChange(node, unit, k!)),
            ("GetChangeSince(base)", k => r.GetChangeSince(node, unit, period, k!)),
            ("GetRankChange(unit)", k => r.GetRankChange(node, k!, period)),
            ("OutputResult.GetValue(unit)", k => output.GetValue(k!, period)),
            ("OutputResult.GetValue(period)", k => output.GetValue(unit, k!)),
            ("OutputResult.GetRank(unit)", k => output.GetRank(k!, period)),
            ("OutputResult.GetClass(period)", k => output.GetClass(unit, k!)),
            ("OutputResult.GetPublished(unit)", k => output.GetPublished(k!, period)),
            ("OutputResult.Format(period)", k => output.Format(unit, k!)),
            ("WeightingReport.WeightOf", k => r.Weights[0].WeightOf(k!)),
            ("Panel[unit]", k => _ = panel.GetValue("income", k!, period)),
            ("Panel[indicator]", k => _ = panel.GetValue(k!, unit, period)),
            ("Panel[period]", k => _ = panel.GetValue("income", unit, k!)),
            ("OutrankingMatrix.From(group)", k => OutrankingMatrix.From(r, k!, period)),
            ("OutrankingMatrix.From(period)", k => OutrankingMatrix.From(r, node, k!)),
            ("IndexAudit.Run(period)", k => IndexAudit.Run(r, panel, k ?? "\u0001")),
            ("IndexAudit.StrengthsAndWeaknesses(unit)", k => IndexAudit.StrengthsAndWeaknesses(r, k!, period)),
            ("IndexAudit.StrengthsAndWeaknesses(period)", k => IndexAudit.StrengthsAndWeaknesses(r, unit, k!)),
            ("AuditData.FromResult(period)", k => AuditData.FromResult(r, k!)),
            ("AuditData.FromPanel(period)", k => AuditData.FromPanel(panel, k!)),
            ("AuditData[column]", k => _ = AuditData.FromPanel(panel, period)[k!]),
            ("CompiledIndex.Evaluate(panel without indicator)", k => CompiledIndex.Compile(definition).Evaluate(WithoutIndicator(panel, k))),
            ("CompiledIndex.Compile(unknown child)", k => CompiledIndex.Compile(definition with
            {
                Groups = [.. definition.Groups.Select(g => g.Id == "material" ? g with { Children = [.. g.Children, new ChildReference(k!)] } : g)],
            })),
            ("SensitivityAnalysis.Run(unknown target)", k => SensitivityAnalysis.Run(definition, panel, new SensitivityDefinition
            {
                Factors = [new NormalizationChoiceFactor(k, [Normalization.MinMax()]), new AggregationChoiceFactor(k, [Aggregation.Geometric()])],
                Samples = 4,
                Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)],
            })),
            ("SensitivityAnalysis.Run(unknown output unit)", k => SensitivityAnalysis.Run(definition, panel, new SensitivityDefinition
            {
                Factors = [new UniformWeightsFactor(node, 0.2)],
                Samples = 4,
                Outputs = [new SensitivityOutput(OutputKind.Rank, period, k)],
            })),
            ("SensitivityResult.GetRankInterval(unit)", k => SensitivityRun.Value.GetRankInterval(k!, period)),
            ("SensitivityResult.GetRankInterval(period)", k => SensitivityRun.Value.GetRankInterval(unit, k!)),
        };

        var escapes = Scan(lookUps, Keys);

        Assert.Equal(54, lookUps.Length);
        Assert.Equal(6, Keys.Length);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {lookUps.Length * Keys.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    /// <summary>
    /// The readers that landed after the first scan (Excel, one file per indicator, the DataFrame bridge) with the same
    /// texts, plus a text that starts like a ZIP archive (an .xlsx is one).
    /// </summary>
    [Fact]
    public void NewerReaders_WithInvalidText_ThrowOnlyLibraryOrArgumentExceptions()
    {
        var readers = new (string Name, Action<string?> Call)[]
        {
            ("ExcelPanel.ReadWide(path)", t => ExcelPanel.ReadWide(File(t)!, null, null)),
            ("ExcelPanel.ReadLong(path)", t => ExcelPanel.ReadLong(File(t)!, null, null)),
            ("ExcelPanel.ReadWide(stream)", t => ExcelPanel.ReadWide(Stream(t)!, "scan.xlsx", null, null, CancellationToken.None)),
            ("ExcelPanel.ReadLong(stream)", t => ExcelPanel.ReadLong(Stream(t)!, "scan.xlsx", null, null, CancellationToken.None)),
            ("ExcelPanel.SheetNames", t => ExcelPanel.SheetNames(File(t)!)),
            ("ExcelPanel.ReadHeader", t => ExcelPanel.ReadHeader(File(t)!, null)),
            ("ExcelPanel.ReadWide(sheet named by the text)", t => ExcelPanel.ReadWide(Workbook(), ExcelSheet.FromText(t!), null)),
            ("ExcelPanel.ReadWide(the text in a value cell)", t => ExcelPanel.ReadWide(WorkbookWith(t, header: false)!, null, null)),
            ("ExcelPanel.ReadLong(the text as a header)", t => ExcelPanel.ReadLong(WorkbookWith(t, header: true)!, null, null)),
            ("PeriodColumnsCsv.Read", t => PeriodColumnsCsv.Read([new("a", File(t)!)], CsvOptions.Default)),
            ("PeriodColumnsCsv.Read(indicator named by the text)", t => PeriodColumnsCsv.Read([new(t!, File("unit,2024\nu,1\n")!)], CsvOptions.Default)),
            ("DataFrame.ToWidePanel", t => Frame(t)?.ToWidePanel(null)),
            ("DataFrame.ToLongPanel", t => Frame(t)?.ToLongPanel(null)),
        };

        var texts = Texts.Select(t => Expand(t, Fixture.Value.ResultJson)).Append(ZipLike).ToArray();
        var escapes = Scan(readers, texts);

        Assert.Equal(13, readers.Length);
        Assert.Equal(25, texts.Length);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {readers.Length * texts.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    /// <summary>Frames a notebook may hold: no columns, wrong column types, null ids, repeated cells, infinities.</summary>
    [Fact]
    public void DataFrames_OfTheWrongShape_ThrowOnlyLibraryOrArgumentExceptions()
    {
        static DataFrame Of(params DataFrameColumn[] columns) => new(columns);
        var frames = new (string Name, DataFrame? Frame)[]
        {
            ("null", null),
            ("no columns", new DataFrame()),
            ("unit only", Of(new StringDataFrameColumn("unit", ["a", "b"]))),
            ("unit of doubles", Of(new DoubleDataFrameColumn("unit", [1.0, 2.0]), new StringDataFrameColumn("period", ["1", "1"]), new DoubleDataFrameColumn("x", [1.0, 2.0]))),
            ("period of booleans", Of(new StringDataFrameColumn("unit", ["a", "b"]), new BooleanDataFrameColumn("period", [true, false]), new DoubleDataFrameColumn("x", [1.0, 2.0]))),
            ("indicator of text", Of(new StringDataFrameColumn("unit", ["a", "b"]), new StringDataFrameColumn("period", ["1", "1"]), new StringDataFrameColumn("x", ["abc", "1e999"]))),
            ("null unit", Of(new StringDataFrameColumn("unit", ["a", null]), new StringDataFrameColumn("period", ["1", "1"]), new DoubleDataFrameColumn("x", [1.0, 2.0]))),
            ("repeated cell", Of(new StringDataFrameColumn("unit", ["a", "a"]), new StringDataFrameColumn("period", ["1", "1"]), new StringDataFrameColumn("indicator", ["x", "x"]), new DoubleDataFrameColumn("value", [1.0, 2.0]))),
            ("date-time period", Of(new StringDataFrameColumn("unit", ["a"]), new PrimitiveDataFrameColumn<DateTime>("period", [DateTime.UnixEpoch]), new DoubleDataFrameColumn("x", [1.0]))),
            ("infinite value", Of(new StringDataFrameColumn("unit", ["a"]), new StringDataFrameColumn("period", ["1"]), new StringDataFrameColumn("indicator", ["x"]), new DoubleDataFrameColumn("value", [double.PositiveInfinity]))),
        };
        var calls = new (string Name, Action<string?> Call)[frames.Length * 2];
        for (var i = 0; i < frames.Length; i++)
        {
            var (name, frame) = frames[i];
            calls[2 * i] = ($"ToWidePanel({name})", _ => frame!.ToWidePanel(null));
            calls[(2 * i) + 1] = ($"ToLongPanel({name})", _ => frame!.ToLongPanel(null));
        }

        var escapes = Scan(calls, [null]);

        Assert.Equal(20, calls.Length);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {calls.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    /// <summary>Morris settings, shard numbers, merges of wrong parts and damaged part files.</summary>
    [Fact]
    public void MorrisAndShards_WithInvalidArguments_ThrowOnlyLibraryOrArgumentExceptions()
    {
        var (definition, panel, _, _) = Fixture.Value;
        var analysis = new SensitivityDefinition
        {
            Factors = [new UniformWeightsFactor("wellbeing", 0.2), new UniformWeightsFactor("material", 0.2)],
            Samples = 4,
            Seed = 1,
            Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)],
        };
        var other = analysis with { Seed = 2 };
        var part0 = SensitivityAnalysis.RunShard(definition, panel, analysis, 0, 2);
        var part1 = SensitivityAnalysis.RunShard(definition, panel, analysis, 1, 2);
        var foreign = SensitivityAnalysis.RunShard(definition, panel, other, 1, 2);
        var bytes = Bytes(part0);
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x5A;
        var design = MorrisDesign.Create(2, 4);
        MorrisSampling Morris(int levels, int? candidates = null) => new() { Levels = levels, Candidates = candidates };
        SensitivityResult RunMorris(MorrisSampling m, int samples = 4) =>
            SensitivityAnalysis.Run(definition, panel, analysis with { Scheme = SamplingScheme.Morris, Morris = m, Samples = samples });
        var calls = new (string Name, Action<string?> Call)[]
        {
            ("RunShard(-1, 2)", _ => SensitivityAnalysis.RunShard(definition, panel, analysis, -1, 2)),
            ("RunShard(2, 2)", _ => SensitivityAnalysis.RunShard(definition, panel, analysis, 2, 2)),
            ("RunShard(0, 0)", _ => SensitivityAnalysis.RunShard(definition, panel, analysis, 0, 0)),
            ("RunShard(0, int.MaxValue)", _ => SensitivityAnalysis.RunShard(definition, panel, analysis, 0, int.MaxValue)),
            ("Merge(no part)", _ => SensitivityAnalysis.Merge([])),
            ("Merge(null part)", _ => SensitivityAnalysis.Merge([part0, null!])),
            ("Merge(one part missing)", _ => SensitivityAnalysis.Merge([part0])),
            ("Merge(a part twice)", _ => SensitivityAnalysis.Merge([part0, part0])),
            ("Merge(a part of another analysis)", _ => SensitivityAnalysis.Merge([part0, foreign])),
            ("SensitivityAccumulator.Merge(other analysis)", _ => part1.Merge(foreign)),
            ("ReadFrom(truncated part)", _ => SensitivityAccumulator.ReadFrom(new MemoryStream(bytes[..(bytes.Length / 2)]), "half.part")),
            ("ReadFrom(flipped byte)", _ => SensitivityAccumulator.ReadFrom(new MemoryStream(flipped), "flipped.part")),
            ("ReadFrom(empty)", _ => SensitivityAccumulator.ReadFrom(new MemoryStream(), "empty.part")),
            ("MorrisDesign.Create(0 factors)", _ => MorrisDesign.Create(0, 4)),
            ("MorrisDesign.Create(0 trajectories)", _ => MorrisDesign.Create(2, 0)),
            ("MorrisDesign.Create(1 level)", _ => MorrisDesign.Create(2, 4, levels: 1)),
            ("MorrisDesign.Create(fewer candidates than trajectories)", _ => MorrisDesign.Create(2, 4, candidates: 2)),
            ("MorrisDesign.Create(huge)", _ => MorrisDesign.Create(int.MaxValue, int.MaxValue)),
            ("MorrisAnalyzer.Analyze(too few outputs)", _ => MorrisAnalyzer.Analyze(design, new double[3])),
            ("MorrisAnalyzer.Analyze(NaN outputs)", _ => MorrisAnalyzer.Analyze(design, Enumerable.Repeat(double.NaN, design.RunCount).ToArray())),
            ("Run(Morris, 1 level)", _ => RunMorris(Morris(1))),
            ("Run(Morris, odd levels)", _ => RunMorris(Morris(3))),
            ("Run(Morris, 0 candidates)", _ => RunMorris(Morris(4, 0))),
            ("Run(Morris, candidates below trajectories)", _ => RunMorris(Morris(4, 2))),
            ("Run(Morris, 0 trajectories)", _ => RunMorris(Morris(4), samples: 0)),
            ("Run(Morris, without its settings)", _ => SensitivityAnalysis.Run(definition, panel, analysis with { Scheme = SamplingScheme.Morris })),
        };

        var accepted = new List<string>();
        var escapes = Scan(calls, [null], accepted);

        Assert.Equal(26, calls.Length);
        // Every other call is refused with a library or argument exception; these three are valid: a shard count above the
        // number of runs gives empty shards, NaN outputs give NaN (missing) indices, and Morris without settings uses its defaults.
        Assert.Equal(["RunShard(0, int.MaxValue)", "MorrisAnalyzer.Analyze(NaN outputs)", "Run(Morris, without its settings)"], accepted);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {calls.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    private static readonly Lazy<SensitivityResult> SensitivityRun = new(() => SensitivityAnalysis.Run(Fixture.Value.Definition, Fixture.Value.Panel, new SensitivityDefinition
    {
        Factors = [new UniformWeightsFactor("wellbeing", 0.2)],
        Samples = 4,
        Seed = 1,
        Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)],
    }));

    private static List<string> Scan(IReadOnlyList<(string Name, Action<string?> Call)> entries, IReadOnlyList<string?> inputs, List<string>? accepted = null)
    {
        var escapes = new List<string>();
        foreach (var (name, call) in entries)
        {
            foreach (var input in inputs)
            {
                try
                {
                    call(input);
                    accepted?.Add(name);
                }
                catch (Exception ex) when (ex is not (CompositeIndexException or ArgumentException))
                {
                    escapes.Add($"{name}({Show(input)}): {ex.GetType().FullName}: {ex.Message}");
                }
                catch (Exception)
                {
                    // Allowed: a library exception (bad input) or an argument exception (programming error).
                }
            }
        }

        return escapes;
    }

    /// <summary>A text that starts with a ZIP local-file signature, as an .xlsx does, and then is not one.</summary>
    private const string ZipLike = "PK\u0003\u0004\u0014\u0000\u0006\u0000 not really a workbook";

    /// <summary>The frame Microsoft.Data.Analysis reads from the text, or <see langword="null"/> when it cannot (its exceptions are not ours to scan).</summary>
    private static DataFrame? Frame(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return DataFrame.LoadCsvFromString(text);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static byte[] Bytes(SensitivityAccumulator part)
    {
        using var ms = new MemoryStream();
        part.WriteTo(ms);
        return ms.ToArray();
    }

    /// <summary>QuickStart's data as a workbook (written by the test fixture, not by the library).</summary>
    private string Workbook()
    {
        var path = Path.Combine(directory, "cities.xlsx");
        if (!System.IO.File.Exists(path))
        {
            XlsxFixture.FromCsv(QuickStartDataPath, path);
        }

        return path;
    }

    /// <summary>A workbook whose header (long layout) or one value cell (wide layout) holds the text.</summary>
    private string? WorkbookWith(string? text, bool header)
    {
        if (text is null)
        {
            return null;
        }

        // XML 1.0 cannot hold control characters other than tab, CR and LF.
        var cell = new string([.. text.Select(c => c < ' ' && c is not ('\t' or '\r' or '\n') ? '?' : c)]);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.xlsx");
        XlsxFixture.Write(path, ("Data", header
            ? [["unit", "period", cell, "value"], ["u", "2024", "a", 1.0]]
            : [["unit", "period", "a"], ["u", "2024", cell]]));
        return path;
    }

    private static string Show(string? input) =>
        input is null ? "null" : input.Length > 24 ? $"\"{Escape(input[..24])}…\" ({input.Length} chars)" : $"\"{Escape(input)}\"";

    private static string Escape(string s) => s.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string? Expand(string? text, string resultJson) => text switch
    {
        "@@TRUNCATED_RESULT@@" => resultJson[..(resultJson.Length / 2)],
        "@@DEFINITION@@" => System.IO.File.ReadAllText(QuickStartDefinitionPath),
        "@@RANDOM@@" => Encoding.Latin1.GetString(RandomBytes()),
        _ => text,
    };

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(24).NextBytes(bytes);
        return bytes;
    }

    private static MemoryStream? Stream(string? text) => text is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(text));

    private static StringReader? Reader(string? text) => text is null ? null : new StringReader(text);

    private static Panel WithoutIndicator(Panel panel, string? keep)
    {
        var builder = new PanelBuilder();
        foreach (var u in panel.Units)
        {
            foreach (var p in panel.Periods)
            {
                foreach (var i in panel.Indicators.Where(i => i != "income" || keep == "income"))
                {
                    builder.AddValue(i, u, p, panel.GetValue(i, u, p));
                }
            }
        }

        return builder.Build();
    }

    private string? File(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.txt");
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
