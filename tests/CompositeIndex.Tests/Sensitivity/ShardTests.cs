using System.Collections.Immutable;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Distributable runs: shards saved as parts, read back and merged equal one run bit for bit; foreign or altered parts are refused by name.</summary>
public class ShardTests
{
    private static SensitivityDefinition Analysis(IndexDefinition index, ulong seed = 11, int samples = 32, bool secondOrder = true) =>
        new()
        {
            Factors =
            [
                new UniformWeightsFactor("g0", 0.3),
                new DirichletWeightsFactor("root", 20),
                new NormalizationChoiceFactor(null, [Normalization.MinMax(1, 100), Normalization.ZScore(0, 1)]),
                new AggregationChoiceFactor("root", [Aggregation.Arithmetic(), Aggregation.Geometric()]),
                new IndicatorExclusionFactor([]),
            ],
            Scheme = SamplingScheme.Saltelli,
            Samples = samples,
            Seed = seed,
            SecondOrder = secondOrder,
            OnFailure = FailurePolicy.Record, // z-scores under a geometric root fail: the failed runs travel in the parts
            Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift), new SensitivityOutput(OutputKind.Rank, "2021", "u03")],
        };

    private static SensitivityAccumulator SaveAndRead(SensitivityAccumulator part, string name)
    {
        using var stream = new MemoryStream();
        part.WriteTo(stream);
        stream.Position = 0;
        return SensitivityAccumulator.ReadFrom(stream, name);
    }

    private static byte[] Bytes(SensitivityAccumulator part)
    {
        using var stream = new MemoryStream();
        part.WriteTo(stream);
        return stream.ToArray();
    }

    private static byte[] Json(SensitivityResult result)
    {
        using var stream = new MemoryStream();
        result.WriteJson(stream);
        return stream.ToArray();
    }

    [Fact]
    public void FourShardsSavedReadAndMerged_BitIdenticalToOneRun()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Analysis(index);
        var whole = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(32 * 12, whole.RunCount);
        Assert.NotEmpty(whole.FailedRuns); // the failure records are part of what must survive the round trip
        Assert.True(whole.FailedRuns.Length < whole.RunCount);

        // Shards written in another order and with other thread counts, as on separate machines.
        var parts = new[] { 3, 0, 2, 1 }
            .Select(i => SaveAndRead(SensitivityAnalysis.RunShard(index, panel, analysis, i, 4, new SensitivityOptions { MaxDegreeOfParallelism = 1 + (i % 2) }), $"part-{i}"))
            .ToList();
        Assert.Equal(whole.RunCount, parts.Sum(p => p.CompletedRuns));
        Assert.Equal(whole.FailedRuns.Length, parts.Sum(p => p.FailedRuns));
        var merged = SensitivityAnalysis.Merge(parts);

        SensitivityRunnerTests.AssertBitIdentical(whole, merged);
        SensitivityRunnerTests.AssertSameFailures(whole.FailedRuns, merged.FailedRuns);
        Assert.Equal(whole.Analysis, merged.Analysis);
        Assert.Equal(whole.UnitNames.ToArray(), merged.UnitNames.ToArray());
        Assert.Equal(Json(whole), Json(merged)); // S1, ST, S2, intervals, rank statistics, failures: the same bytes
        Assert.All(merged.Sensitivities, s => Assert.Equal(10, s.SecondOrder.Length));
    }

    [Fact]
    public void Merge_DoesNotChangeItsParts_AndMergesTwice()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Analysis(index, samples: 8, secondOrder: false);
        var parts = Enumerable.Range(0, 2).Select(i => SensitivityAnalysis.RunShard(index, panel, analysis, i, 2)).ToList();
        var before = parts.Select(Bytes).ToList();
        var first = SensitivityAnalysis.Merge(parts);
        Assert.Equal(before, parts.Select(Bytes).ToList());
        Assert.Equal(Json(first), Json(SensitivityAnalysis.Merge(parts)));
        Assert.Equal((0, 7 * 4), (parts[0].Shard!.Value, parts[0].CompletedRuns)); // 8 × (5 + 2) runs in 2 shards
    }

    [Fact]
    public void ReadFrom_AlteredByte_RefusedNamingThePart()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var bytes = Bytes(SensitivityAnalysis.RunShard(index, panel, Analysis(index, samples: 8), 1, 4));
        foreach (var at in new[] { 20, bytes.Length / 2, bytes.Length - 40, bytes.Length - 1 })
        {
            var altered = (byte[])bytes.Clone();
            altered[at] ^= 0x10;
            var ex = Assert.Throws<IndexDataException>(() => SensitivityAccumulator.ReadFrom(new MemoryStream(altered), "part-1.bin"));
            Assert.Contains("part-1.bin", ex.Message, StringComparison.Ordinal);
            Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        }

        var truncated = Assert.Throws<IndexDataException>(() => SensitivityAccumulator.ReadFrom(new MemoryStream(bytes[..^100]), "part-1.bin"));
        Assert.Contains("checksum", truncated.Message, StringComparison.Ordinal);
        var notAPart = Assert.Throws<IndexDataException>(() => SensitivityAccumulator.ReadFrom(new MemoryStream("{\"factors\": []}"u8.ToArray()), "factors.json"));
        Assert.Contains("not a sensitivity part", notAPart.Message, StringComparison.Ordinal);

        // A future format version with a valid checksum is refused by its version.
        var future = (byte[])bytes.Clone();
        future[10] = 2;
        System.Security.Cryptography.SHA256.HashData(future.AsSpan(0, future.Length - 32)).CopyTo(future.AsSpan(future.Length - 32));
        var version = Assert.Throws<IndexDataException>(() => SensitivityAccumulator.ReadFrom(new MemoryStream(future), "part-1.bin"));
        Assert.Contains("format version 2", version.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Mismatches => new()
    {
        { "seed", "seed 11 vs 12" },
        { "samples", "samples 8 vs 16" },
        { "secondOrder", "secondOrder" },
        { "factors", "factors differ" },
        { "definition", "index definition fingerprint" },
        { "data", "data fingerprint" },
        { "shards", "shard count 4 vs 2" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Merge_PartOfAnotherDesign_RefusedNamingWhatDiffers(string what, string expected)
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Analysis(index, samples: 8);
        var (otherIndex, otherPanel, other, shards) = what switch
        {
            "seed" => (index, panel, analysis with { Seed = 12 }, 4),
            "samples" => (index, panel, analysis with { Samples = 16 }, 4),
            "secondOrder" => (index, panel, analysis with { SecondOrder = false }, 4),
            "factors" => (index, panel, analysis with { Factors = analysis.Factors.SetItem(0, new UniformWeightsFactor("g0", 0.2)) }, 4),
            "definition" => (index with { Normalization = Normalization.MinMax(0, 100) }, panel, analysis, 4),
            "data" => (index, SensitivityFixtures.Panel(index, seed: 2), analysis, 4),
            _ => (index, panel, analysis, 2),
        };
        var parts = new List<SensitivityAccumulator>
        {
            SaveAndRead(SensitivityAnalysis.RunShard(index, panel, analysis, 0, 4), "part-0"),
            SaveAndRead(SensitivityAnalysis.RunShard(otherIndex, otherPanel, other, 1, shards), "part-1"),
        };
        var ex = Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Merge(parts));
        Assert.Contains("'part-1' belongs to a different analysis than 'part-0'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DuplicateOrMissingShard_RefusedByShardNumber()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = Analysis(index, samples: 8);
        var parts = Enumerable.Range(0, 4).Select(i => SaveAndRead(SensitivityAnalysis.RunShard(index, panel, analysis, i, 4), $"part-{i}")).ToList();
        var duplicate = Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Merge([parts[0], parts[1], parts[1], parts[3]]));
        Assert.Contains("'part-1' and 'part-1' are both shard 1/4", duplicate.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Merge([parts[0], parts[3], parts[1]]));
        Assert.Contains("Shard 2 of 4 is missing", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SensitivityAnalysis.Merge([]));
    }

    [Fact]
    public void ShardRange_CoversEveryRunOnce()
    {
        foreach (var (runs, n) in new[] { (384, 4), (7, 3), (5, 5), (3, 4) })
        {
            var covered = Enumerable.Range(0, n).Select(i => SensitivityAnalysis.ShardRange(runs, i, n)).ToList();
            Assert.Equal(0, covered[0].First);
            Assert.Equal(runs, covered.Sum(c => c.Count));
            for (var i = 1; i < n; i++)
            {
                Assert.Equal(covered[i - 1].First + covered[i - 1].Count, covered[i].First);
            }
        }
    }
}
