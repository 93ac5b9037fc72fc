using System.Collections.Immutable;
using System.Text;
using CompositeIndex.Analysis;
using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;

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

    private static readonly Lazy<SensitivityResult> SensitivityRun = new(() => SensitivityAnalysis.Run(Fixture.Value.Definition, Fixture.Value.Panel, new SensitivityDefinition
    {
        Factors = [new UniformWeightsFactor("wellbeing", 0.2)],
        Samples = 4,
        Seed = 1,
        Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)],
    }));

    private static List<string> Scan(IReadOnlyList<(string Name, Action<string?> Call)> entries, IReadOnlyList<string?> inputs)
    {
        var escapes = new List<string>();
        foreach (var (name, call) in entries)
        {
            foreach (var input in inputs)
            {
                try
                {
                    call(input);
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
