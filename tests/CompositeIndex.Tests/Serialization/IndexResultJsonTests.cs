using System.Text;
using CompositeIndex.Serialization;
using CompositeIndex.Tests.Golden;
using CompositeIndex.Tests.Golden.Asem;

namespace CompositeIndex.Tests.Serialization;

public class IndexResultJsonTests
{
    private const string Punctuation = "{}[],:\"0-e.n";

    private static string QuickStartDefinition => Path.Combine(SharedData.RepoRoot, "samples", "QuickStart", "wellbeing.json");

    private static string QuickStartData => Path.Combine(SharedData.RepoRoot, "samples", "QuickStart", "data", "cities.csv");

    private static IndexResult QuickStart() =>
        CompiledIndex.Compile(IndexDefinitionJson.LoadFile(QuickStartDefinition)).Evaluate(Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name" }));

    /// <summary>Random data with about a quarter of the values missing: missing indicator scores, and groups left missing by propagation.</summary>
    private static IndexResult WithGaps(int seed)
    {
        var definition = IndexBuilder.Create("g", "Gaps")
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d", i => i.LowerIsBetter())
            .Group("left", g => g.Add("a", 2).Add("b"))
            .Group("right", g => g.Add("c").Add("d").MissingData(MissingData.Propagate()))
            .Group("root", g => g.Add("left").Add("right"))
            .Normalize(Normalization.ZScore())
            .Build();
        var rng = new Random(seed);
        var panel = new PanelBuilder();
        foreach (var unit in Enumerable.Range(0, 40).Select(i => $"u{i}"))
        {
            foreach (var period in new[] { "2023", "2024" })
            {
                foreach (var indicator in new[] { "a", "b", "c", "d" })
                {
                    panel.Add(unit, period, indicator, rng.NextDouble() < 0.25 ? double.NaN : Math.Exp(rng.NextDouble() * 20 - 10));
                }
            }
        }

        return CompiledIndex.Compile(definition).Evaluate(panel.Build());
    }

    private static byte[] Write(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    private static IndexResultDocument Read(byte[] bytes) => IndexResultJson.Read(new MemoryStream(bytes), "result.json");

    private static IndexResultDocument Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    private static void AssertSameScoresAndRanks(IndexResult result, IndexResultDocument doc)
    {
        Assert.Equal(result.NodeIds, doc.Nodes.Select(n => n.Id));
        Assert.Equal(result.Units.Select(x => (x.Id, x.Name)), doc.Units.Select(x => (x.Id, x.Name))); // attributes are not in the JSON
        Assert.Equal(result.Periods, doc.Periods.AsEnumerable());
        foreach (var node in result.NodeIds)
        {
            foreach (var period in result.Periods)
            {
                Assert.Equal(result.GetScores(node, period).ToArray().Select(BitConverter.DoubleToInt64Bits), doc.GetScores(node, period).ToArray().Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(result.GetRanks(node, period).AsEnumerable(), doc.GetRanks(node, period).AsEnumerable());
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_QuickStart_WriteReadWrite_GivesTheSameBytes_AndEveryScoreBitForBit(bool indented)
    {
        var result = QuickStart();
        var written = Write(s => result.WriteJson(s, indented));

        var doc = Read(written);

        Assert.Equal(written, Write(s => doc.WriteJson(s, indented)));
        AssertSameScoresAndRanks(result, doc);
        Assert.Equal(result.DefinitionFingerprint, doc.DefinitionFingerprint);
        Assert.Equal(result.LibraryVersion, doc.LibraryVersion);
        Assert.Equal(IndexResultJson.CurrentSchemaVersion, doc.SchemaVersion);
        Assert.Equal(("wellbeing", "City Well-being Index", "1.0", "wellbeing"), (doc.Id, doc.Name, doc.Version, doc.RootId));
        Assert.Equal(result.Parameters.AsEnumerable(), doc.Parameters.AsEnumerable());
        Assert.Equal(result.Audit.AsEnumerable(), doc.Audit.AsEnumerable());
        Assert.Equal(result.Weights.Length, doc.Weights.Length);
        for (var k = 0; k < result.Weights.Length; k++)
        {
            Assert.Equal((result.Weights[k].GroupId, result.Weights[k].MethodName, result.Weights[k].Derivation), (doc.Weights[k].GroupId, doc.Weights[k].MethodName, doc.Weights[k].Derivation));
            Assert.Equal(result.Weights[k].ChildIds.AsEnumerable(), doc.Weights[k].ChildIds.AsEnumerable());
            Assert.Equal(result.Weights[k].Weights.AsEnumerable(), doc.Weights[k].Weights.AsEnumerable());
        }

        var unit = result.Units[3];
        Assert.Equal(result.GetIndicatorsDropped(unit.Id, "2024").AsEnumerable(), doc.Coverage.Single(c => c.UnitId == unit.Id && c.Period == "2024").Dropped.AsEnumerable());
        Assert.Equal(result.GetIndicatorCount(result.RootId, unit.Id, "2024"), doc.Coverage.Single(c => c.UnitId == unit.Id && c.Period == "2024").IndicatorsUsed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_MissingScores_StayMissing_EveryOtherScoreBitForBit_SameBytes(int seed)
    {
        var result = WithGaps(seed);
        var written = Write(s => result.WriteJson(s));

        var doc = Read(written);

        AssertSameScoresAndRanks(result, doc);
        Assert.Contains(result.NodeIds, n => result.Periods.Any(p => result.GetScores(n, p).ToArray().Any(double.IsNaN))); // the case is exercised
        Assert.Equal(written, Write(s => doc.WriteJson(s)));
    }

    [Fact]
    public void GetContributions_WithTheDefinition_EqualsTheResultsContributions()
    {
        var result = WithGaps(7);
        var doc = Read(Write(s => result.WriteJson(s)));

        foreach (var unit in result.Units.Take(10))
        {
            Assert.Equal(result.GetContributions(unit.Id, "2024").AsEnumerable(), doc.GetContributions(result.Definition, unit.Id, "2024").AsEnumerable());
            Assert.Equal(result.GetContributions(unit.Id, "2023", "left").AsEnumerable(), doc.GetContributions(result.Definition, unit.Id, "2023", "left").AsEnumerable());
        }
    }

    [Fact]
    public void GetContributions_AnotherDefinition_ThrowsArgumentException()
    {
        var result = WithGaps(7);
        var doc = Read(Write(s => result.WriteJson(s)));
        var other = result.Definition with { Name = "Another" };

        var ex = Assert.Throws<ArgumentException>(() => doc.GetContributions(other, "u0", "2024"));
        Assert.Contains(doc.DefinitionFingerprint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Outputs_PublishedRanksAndClasses_SameBytes()
    {
        var definition = IndexBuilder.Create("t", "Json")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("x", Expression.Score("root"), o => o.Round(3).Rank().Class("hi", 0.5).Class("lo", max: 0.5))
            .Build();
        var panel = new PanelBuilder().Add("u", "1", "x", 0.6).Add("v", "1", "x", 0.25).Add("w", "1", "x", double.NaN).Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var written = Write(s => result.WriteJson(s));

        var doc = Read(written);

        var output = Assert.Single(doc.Outputs);
        Assert.Equal("x", output.Id);
        Assert.Equal(
            [new IndexResultOutputValue("u", "1", 0.6) { Published = "0.600", Rank = 1, Class = "hi" }, new IndexResultOutputValue("v", "1", 0.25) { Published = "0.250", Rank = 2, Class = "lo" }],
            output.Values.AsEnumerable());
        Assert.Equal(written, Write(s => doc.WriteJson(s)));
    }

    [SharedDataFact("undp")]
    public void Read_Hdi_EveryScoreAndOutputBack_SameBytes()
    {
        var definition = UndpGoldenTests.Sample("hdi.json");
        var result = CompiledIndex.Compile(definition).Evaluate(Panel.ReadWideCsv(SharedData.PathOf("undp", "hdr2023-24_hdi.csv"), UndpDefinitions.Csv(definition)));
        var written = Write(s => result.WriteJson(s, indented: false));

        var doc = Read(written);

        AssertSameScoresAndRanks(result, doc);
        Assert.Equal(result.Outputs.Select(o => o.Id), doc.Outputs.Select(o => o.Id));
        Assert.Equal(written, Write(s => doc.WriteJson(s, indented: false)));
    }

    [SharedDataFact(AsemData.Folder)]
    public void Read_Asem_PipelineResult_SameBytes_ContributionsEqual()
    {
        var result = CompiledIndex.Compile(AsemData.Definition()).Evaluate(AsemData.Panel);
        var written = Write(s => result.WriteJson(s));

        var doc = Read(written);

        AssertSameScoresAndRanks(result, doc);
        Assert.Equal(written, Write(s => doc.WriteJson(s)));
        Assert.Equal(result.GetContributions("AUT", AsemData.Period).AsEnumerable(), doc.GetContributions(result.Definition, "AUT", AsemData.Period).AsEnumerable());
    }

    [Fact]
    public void Read_NegativeZeroAndExtremeNumbers_KeepTheirBits()
    {
        var json = Document(scores: """[{"unit":"u","period":"1","node":"a","score":-0,"rank":1},{"unit":"u","period":"1","node":"root","score":4.9406564584124654E-324,"rank":1}]""");

        var doc = Read(json);

        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(doc.GetScore("a", "u", "1")));
        Assert.Equal(double.Epsilon, doc.GetScore("root", "u", "1"));
    }

    [Fact]
    public void Read_WithoutSchemaVersion_IsVersion1()
    {
        var doc = Read(Document().Replace("\"schemaVersion\":1,", string.Empty, StringComparison.Ordinal));

        Assert.Equal(1, doc.SchemaVersion);
    }

    [Fact]
    public void Read_NewerSchemaVersion_ThrowsDataExceptionSayingSo()
    {
        var ex = Assert.Throws<DataException>(() => Read(Document().Replace("\"schemaVersion\":1", "\"schemaVersion\":2", StringComparison.Ordinal)));

        Assert.Equal(("result.json", "$.schemaVersion", 1L), (ex.DataSource, ex.Column, ex.Line));
        Assert.Contains("format version 2 by a newer version of CompositeIndex", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, long, string> Malformed => new()
    {
        { "{\n  \"index\": oops\n}", "$", 2, "malformed" },
        { "", "$", 1, "empty" },
        { "[1]", "$", 1, "Expected an object" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":"high","rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].score", 1, "Expected a number, found the string \"high\"" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":1,"rank":1},{"unit":"u","period":"1","node":"a","score":1,"rank":1}]"""), "$.scores[1]", 1, "given twice" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":1,"rank":1}]"""), "$.scores", 1, "Expected 2 scores (2 nodes × 1 periods × 1 units), found 1" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":null,"rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].rank", 1, "A missing score has no rank" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].rank", 1, "The required property 'rank' is missing" },
        { Document(scores: """[{"unit":"v","period":"1","node":"a","score":1,"rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].unit", 1, "'v' is not one of the result's units" },
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":1e999,"rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].score", 1, "out of range" },
        { Document().Replace("\"units\":", "\"colour\":1,\"units\":", StringComparison.Ordinal), "$.colour", 1, "no property 'colour'" },
        { Document().Replace("\"definitionFingerprint\":\"f\",", string.Empty, StringComparison.Ordinal), "$.index.definitionFingerprint", 1, "'definitionFingerprint' is missing" },
        { Document().Replace("\"kind\":\"group\"", "\"kind\":\"pillar\"", StringComparison.Ordinal), "$.nodes[1].kind", 1, "Expected \"indicator\" or \"group\"" },
        { Document().Replace("\"schemaVersion\":1", "\"schemaVersion\":1.5", StringComparison.Ordinal), "$.schemaVersion", 1, "whole number" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_Malformed_ThrowsDataExceptionWithJsonPathAndLine(string json, string path, long line, string fragment)
    {
        var ex = Assert.Throws<DataException>(() => Read(json));

        Assert.Equal(("result.json", path, line), (ex.DataSource, ex.Column, ex.Line));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ErrorOnALaterLine_NamesThatLine()
    {
        var result = QuickStart();
        var text = Encoding.UTF8.GetString(Write(s => result.WriteJson(s)));
        var lines = text.Split('\n');
        var target = Array.FindIndex(lines, l => l.Contains("\"score\": ", StringComparison.Ordinal) && !l.Contains("null", StringComparison.Ordinal));
        lines[target] = "      \"score\": true,";

        var ex = Assert.Throws<DataException>(() => Read(string.Join('\n', lines)));

        Assert.Equal(target + 1, ex.Line);
        Assert.Equal("$.scores[0].score", ex.Column);
    }

    [Fact]
    public void WriteJson_StartsWithTheSchemaVersion()
    {
        var text = Encoding.UTF8.GetString(Write(s => QuickStart().WriteJson(s, indented: false)));

        Assert.StartsWith("{\"schemaVersion\":1,\"index\":{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteMutations_2000Cases_OnlyDataExceptionEscapes_AndWhatReadsWritesAgain()
    {
        var original = Write(s => QuickStart().WriteJson(s, indented: false));
        var rng = new Random(20261125);
        var (rejected, read) = (0, 0);
        for (var k = 0; k < 2000; k++)
        {
            var bytes = (byte[])original.Clone();
            for (var m = rng.Next(1, 4); m > 0; m--)
            {
                var at = rng.Next(bytes.Length);
                bytes[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => (byte)Punctuation[rng.Next(Punctuation.Length)],
                    _ => bytes[rng.Next(bytes.Length)],
                };
            }

            try
            {
                var doc = Read(bytes);
                _ = Write(s => doc.WriteJson(s, indented: false));
                read++;
            }
            catch (DataException)
            {
                rejected++;
            }
        }

        Assert.Equal(2000, rejected + read);
        Assert.True(rejected > 1000, $"{rejected} rejected");
    }

    /// <summary>A minimal result JSON on one line: one unit, one period, an indicator 'a' under 'root'.</summary>
    private static string Document(string scores = """[{"unit":"u","period":"1","node":"a","score":1,"rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]""") =>
        "{\"schemaVersion\":1,\"index\":{\"id\":\"t\",\"name\":\"T\",\"root\":\"root\",\"definitionFingerprint\":\"f\",\"libraryVersion\":\"0\"}," +
        "\"units\":[{\"id\":\"u\"}],\"periods\":[\"1\"]," +
        "\"nodes\":[{\"id\":\"a\",\"name\":\"a\",\"kind\":\"indicator\",\"parent\":\"root\"},{\"id\":\"root\",\"name\":\"root\",\"kind\":\"group\"}]," +
        $"\"scores\":{scores},\"parameters\":[],\"weights\":[],\"coverage\":[],\"audit\":[]}}";
}
