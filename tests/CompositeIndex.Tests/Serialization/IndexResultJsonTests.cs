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
                    panel.AddValue(indicator, unit, period, rng.NextDouble() < 0.25 ? double.NaN : Math.Exp(rng.NextDouble() * 20 - 10));
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

    private static IndexResult Read(byte[] bytes, IndexDefinition? definition = null) => IndexResultJson.Read(new MemoryStream(bytes), definition, "result.json");

    private static IndexResult Read(string json, IndexDefinition? definition = null) => Read(Encoding.UTF8.GetBytes(json), definition);

    private static void AssertSameScoresAndRanks(IndexResult result, IndexResult doc)
    {
        Assert.Equal(result.NodeIds.AsEnumerable(), doc.NodeIds.AsEnumerable());
        Assert.Equal(result.Units.AsEnumerable(), doc.Units.AsEnumerable()); // with their attributes (format version 2)
        Assert.Equal(result.Periods, doc.Periods.AsEnumerable());
        var compared = 0;
        foreach (var node in result.NodeIds)
        {
            foreach (var period in result.Periods)
            {
                Assert.Equal(result.GetScores(node, period).ToArray().Select(BitConverter.DoubleToInt64Bits), doc.GetScores(node, period).ToArray().Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(result.GetRanks(node, period).AsEnumerable(), doc.GetRanks(node, period).AsEnumerable());
                compared += result.Units.Length;
            }
        }

        Assert.Equal(result.NodeIds.Length * result.Periods.Length * result.Units.Length, compared);
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
        Assert.Equal(result.Definition, doc.Definition);
        Assert.Equal(result.DefinitionFingerprint, doc.DefinitionFingerprint);
        Assert.Equal(result.LibraryVersion, doc.LibraryVersion);
        Assert.Equal(("wellbeing", "City Well-being Index", "1.0", "wellbeing"), (doc.Definition.Id, doc.Definition.Name, doc.Definition.Version, doc.RootId));
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
        Assert.Equal(result.GetDroppedIndicators(result.RootId, unit.Id, "2024").AsEnumerable(), doc.GetDroppedIndicators(doc.RootId, unit.Id, "2024").AsEnumerable());
        Assert.Equal(result.GetIndicatorCount(result.RootId, unit.Id, "2024"), doc.GetIndicatorCount(doc.RootId, unit.Id, "2024"));
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
    public void ExplainScore_OfAResultReadBack_EqualsTheComputedResults_AndChangesToo()
    {
        var result = WithGaps(7);
        var doc = Read(Write(s => result.WriteJson(s)));

        var compared = 0;
        foreach (var unit in result.Units.Take(10))
        {
            Assert.Equal(result.ExplainScore(result.RootId, unit.Id, "2024").Select(Values), doc.ExplainScore(doc.RootId, unit.Id, "2024").Select(Values));
            Assert.Equal(result.ExplainScore("left", unit.Id, "2023").Select(Values), doc.ExplainScore("left", unit.Id, "2023").Select(Values));
            if (!double.IsNaN(result.GetScore("left", unit.Id, "2023")) && !double.IsNaN(result.GetScore("left", unit.Id, "2024")))
            {
                Assert.Equal(result.ExplainChange("left", unit.Id, "2023", "2024").Contributions.Select(Values), doc.ExplainChange("left", unit.Id, "2023", "2024").Contributions.Select(Values));
                compared++;
            }
        }

        Assert.True(compared > 0);
    }

    [Fact]
    public void Read_WithAnotherDefinitionGiven_ThrowsDataExceptionNamingBothFingerprints()
    {
        var result = WithGaps(7);
        var written = Write(s => result.WriteJson(s));
        var other = result.Definition with { Name = "Another" };

        var ex = Assert.Throws<IndexDataException>(() => Read(written, other));

        Assert.Contains(result.DefinitionFingerprint, ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.index.definitionFingerprint", ex.Column);
    }

    [Fact]
    public void Read_WithADefinitionOfOtherNodes_ThrowsDataException()
    {
        var result = WithGaps(7);
        var text = Encoding.UTF8.GetString(Write(s => result.WriteJson(s))).Replace(IndexDefinitionJson.LibraryVersion, "0.0.1", StringComparison.Ordinal);
        var other = IndexBuilder.Create("g", "Gaps").Indicator("a").Indicator("b").Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.ZScore()).Build();

        var ex = Assert.Throws<IndexDataException>(() => Read(text, other));

        Assert.StartsWith("$.nodes[", ex.Column, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version1File_NeedsTheDefinition_AndReadsWithIt()
    {
        var result = WithGaps(5);
        var v2 = Encoding.UTF8.GetString(Write(s => result.WriteJson(s, indented: false)));
        var start = v2.IndexOf(",\"definition\":", StringComparison.Ordinal);
        var end = v2.IndexOf(",\"run\":", StringComparison.Ordinal);
        var v1 = v2[..start].Replace("\"schemaVersion\":2", "\"schemaVersion\":1", StringComparison.Ordinal) + v2[end..];

        var ex = Assert.Throws<IndexDataException>(() => Read(v1));
        var doc = Read(v1, result.Definition);

        Assert.Equal("$.definition", ex.Column);
        AssertSameScoresAndRanks(result, doc);
        Assert.Equal(v2, Encoding.UTF8.GetString(Write(s => doc.WriteJson(s, indented: false)))); // written again as version 2
    }

    [Fact]
    public async Task ReadAsync_WriteAsync_SameBytesAsTheSynchronousPair()
    {
        var result = QuickStart();
        var written = Write(s => result.WriteJson(s));
        using var ms = new MemoryStream();

        await IndexResultJson.WriteAsync(result, ms, cancellationToken: CancellationToken.None);
        ms.Position = 0;
        var doc = await IndexResultJson.ReadAsync(ms, source: "result.json", cancellationToken: CancellationToken.None);

        Assert.Equal(written, ms.ToArray());
        Assert.Equal(written, Write(s => doc.WriteJson(s)));
    }

    [Fact]
    public void IsResult_TellsResultsFromDefinitions_FromTheFirstBytes()
    {
        var result = QuickStart();
        var written = Write(s => result.WriteJson(s));

        Assert.True(IndexResultJson.IsResult(written.AsSpan(0, 200)));
        Assert.False(IndexResultJson.IsResult(File.ReadAllBytes(QuickStartDefinition)));
        Assert.False(IndexResultJson.IsResult("[1]"u8));
        Assert.False(IndexResultJson.IsResult("not json"u8));
    }

    [Fact]
    public void Lookups_UnknownKeys_ThrowUnknownKeyException_NamingTheKind()
    {
        var result = QuickStart();

        Assert.Equal("node", Assert.Throws<UnknownKeyException>(() => result.GetScore("nope", result.Units[0].Id, "2024")).Kind);
        Assert.Equal("unit", Assert.Throws<UnknownKeyException>(() => result.GetRank(result.RootId, "nope", "2024")).Kind);
        Assert.Equal("period", Assert.Throws<UnknownKeyException>(() => result.ExplainScore(result.RootId, result.Units[0].Id, "1900")).Kind);
        Assert.Equal("output", Assert.Throws<UnknownKeyException>(() => result.GetOutput("nope")).Kind);
        Assert.Equal("variant", Assert.Throws<UnknownKeyException>(() => result.GetVariant("nope")).Kind);
        Assert.IsAssignableFrom<CompositeIndexException>(Assert.Throws<UnknownKeyException>(() => result.GetScores("nope", "2024")));
    }

    [Fact]
    public void GetRanks_Concurrent_AllThreadsSeeTheSameCachedRanks()
    {
        var result = WithGaps(11);
        var all = new System.Collections.Concurrent.ConcurrentBag<int?[]>();

        Parallel.For(0, 64, _ => all.Add([.. result.GetRanks(result.RootId, "2024")]));

        var first = all.First();
        Assert.All(all, r => Assert.Equal(first, r));
        Assert.Equal(first.Count(r => r is not null), result.GetScores(result.RootId, "2024").ToArray().Count(x => !double.IsNaN(x)));
    }

    [Fact]
    public void Read_Outputs_PublishedRanksAndClasses_SameBytes()
    {
        var definition = IndexBuilder.Create("t", "Json")
            .Indicator("x").Group("root", g => g.Add("x")).Normalize(Normalization.Goalposts(0, 1))
            .Output("x", OutputExpressions.Score("root"), o => o.Round(3).Rank().Class("hi", 0.5).Class("lo", max: 0.5))
            .Build();
        var panel = new PanelBuilder().AddValue("x", "u", "1", 0.6).AddValue("x", "v", "1", 0.25).AddValue("x", "w", "1", double.NaN).Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var written = Write(s => result.WriteJson(s));

        var doc = Read(written);

        var output = Assert.Single(doc.Outputs);
        Assert.Equal("x", output.Id);
        Assert.Equal((0.6, 0.600m, 1, "hi"), (output.GetValue("u", "1"), output.GetPublished("u", "1"), output.GetRank("u", "1"), output.GetClass("u", "1")));
        Assert.Equal((0.25, 0.250m, 2, "lo"), (output.GetValue("v", "1"), output.GetPublished("v", "1"), output.GetRank("v", "1"), output.GetClass("v", "1")));
        Assert.Equal((double.NaN, (decimal?)null, (int?)null, (string?)null), (output.GetValue("w", "1"), output.GetPublished("w", "1"), output.GetRank("w", "1"), output.GetClass("w", "1")));
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
        Assert.Equal(result.ExplainScore(result.RootId, "AUT", AsemData.Period).Select(Values), doc.ExplainScore(doc.RootId, "AUT", AsemData.Period).Select(Values));
    }

    [Fact]
    public void Read_NegativeZeroAndExtremeNumbers_KeepTheirBits()
    {
        var json = Document(scores: """[{"unit":"u","period":"1","node":"a","score":-0,"rank":1},{"unit":"u","period":"1","node":"root","score":4.9406564584124654E-324,"rank":1}]""");

        var doc = Read(json, Tiny);

        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(doc.GetScore("a", "u", "1")));
        Assert.Equal(double.Epsilon, doc.GetScore("root", "u", "1"));
    }

    [Fact]
    public void Read_WithoutSchemaVersion_IsVersion1()
    {
        var doc = Read(Document().Replace("\"schemaVersion\":1,", string.Empty, StringComparison.Ordinal), Tiny);

        Assert.Equal(1.0, doc.GetScore("a", "u", "1"));
    }

    [Fact]
    public void Read_NewerSchemaVersion_ThrowsDataExceptionSayingSo()
    {
        var ex = Assert.Throws<IndexDataException>(() => Read(Document().Replace("\"schemaVersion\":1", "\"schemaVersion\":3", StringComparison.Ordinal), Tiny));

        Assert.Equal(("result.json", "$.schemaVersion", 1L), (ex.DataSource, ex.Column, ex.Line));
        Assert.Contains("format version 3 by a newer version of CompositeIndex; this version reads versions 1 to 2", ex.Message, StringComparison.Ordinal);
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
        { Document(scores: """[{"unit":"u","period":"1","node":"a","score":1,"rank":2},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]"""), "$.scores[0].rank", 1, "is not the rank of the score" },
        { Document().Replace("\"indicatorsUsed\":1", "\"indicatorsUsed\":2", StringComparison.Ordinal), "$.coverage[0]", 1, "is not the one its scores give (1 indicators used" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_Malformed_ThrowsDataExceptionWithJsonPathAndLine(string json, string path, long line, string fragment)
    {
        var ex = Assert.Throws<IndexDataException>(() => Read(json, Tiny));

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

        var ex = Assert.Throws<IndexDataException>(() => Read(string.Join('\n', lines)));

        Assert.Equal(target + 1, ex.Line);
        Assert.Equal("$.scores[0].score", ex.Column);
    }

    [Fact]
    public void WriteJson_StartsWithTheSchemaVersion()
    {
        var text = Encoding.UTF8.GetString(Write(s => QuickStart().WriteJson(s, indented: false)));

        Assert.StartsWith("{\"schemaVersion\":2,\"index\":{", text, StringComparison.Ordinal);
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
            catch (IndexDataException)
            {
                rejected++;
            }
        }

        Assert.Equal(2000, rejected + read);
        Assert.True(rejected > 1000, $"{rejected} rejected");
    }

    /// <summary>The definition of <see cref="Document"/>: an indicator 'a' under 'root'.</summary>
    private static IndexDefinition Tiny => IndexBuilder.Create("t", "T").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.Goalposts(0, 1)).Build();

    /// <summary>A minimal version 1 result JSON on one line (no definition: read with <see cref="Tiny"/>): one unit, one period, an indicator 'a' under 'root'.</summary>
    private static string Document(string scores = """[{"unit":"u","period":"1","node":"a","score":1,"rank":1},{"unit":"u","period":"1","node":"root","score":1,"rank":1}]""") =>
        "{\"schemaVersion\":1,\"index\":{\"id\":\"t\",\"name\":\"T\",\"root\":\"root\",\"definitionFingerprint\":\"f\",\"libraryVersion\":\"0\"}," +
        "\"units\":[{\"id\":\"u\"}],\"periods\":[\"1\"]," +
        "\"nodes\":[{\"id\":\"a\",\"name\":\"a\",\"kind\":\"indicator\",\"parent\":\"root\"},{\"id\":\"root\",\"name\":\"root\",\"kind\":\"group\"}]," +
        $"\"scores\":{scores},\"parameters\":[],\"weights\":[],\"coverage\":{(scores.Contains("null", StringComparison.Ordinal) ? "[]" : Coverage)},\"audit\":[]}}";

    /// <summary>The coverage of <see cref="Document"/> when both scores are present.</summary>
    private const string Coverage = """[{"period":"1","unit":"u","indicatorsUsed":1,"dropped":[]}]""";

    /// <summary>The values of a contribution (result types are classes with reference equality).</summary>
    private static (string, string, bool, int, double, double, double, double, double) Values(Contribution c) =>
        (c.NodeId, c.ParentId, c.IsIndicator, c.Depth, c.Score, c.Weight, c.Share, c.ToParent, c.ToTarget);

    /// <summary>The values of a change contribution.</summary>
    private static (string, string, bool, int, ChangeStatus, double, double, double, double, double, double) Values(ChangeContribution c) =>
        (c.NodeId, c.ParentId, c.IsIndicator, c.Depth, c.Status, c.ScoreFrom, c.ScoreTo, c.WeightFrom, c.WeightTo, c.ValueEffect, c.WeightEffect);
}
