using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>compindex sensitivity --shard i/n --out part-i</c> and <c>compindex sensitivity-merge parts… --out result</c>.</summary>
public class SensitivityShardTests
{
    private static string Factors => Path.Combine(RepoRoot, "samples", "QuickStart", "factors.json");

    private static string[] Common(params string[] more) =>
        ["sensitivity", QuickStartDefinition, "--data", QuickStartData, "--factors", Factors, "-n", "32", "--second-order", "--no-progress", .. more];

    [Fact]
    public void FourShardCommandsThenMerge_SameJsonBytesAsOneRun()
    {
        var whole = TempFile("whole.json");
        Assert.Equal(0, Run(Common("--out", whole)).Code);
        var parts = new List<string>();
        foreach (var i in new[] { 2, 0, 3, 1 })
        {
            var part = TempFile($"part-{i}");
            var (code, _, err) = Run(Common("--shard", $"{i}/4", "--threads", i % 2 == 0 ? "1" : "2", "--out", part));
            Assert.True(code == 0, err);
            Assert.Contains($"Wrote shard {i}/4", err, StringComparison.Ordinal);
            parts.Add(part);
        }

        var merged = TempFile("merged.json");
        var (mergeCode, _, mergeErr) = Run(["sensitivity-merge", .. parts, "--out", merged]);
        Assert.True(mergeCode == 0, mergeErr);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));

        // Without --out the merged result prints the same tables as a whole run.
        var (tableCode, table, _) = Run(["sensitivity-merge", .. parts]);
        Assert.Equal(0, tableCode);
        Assert.Equal(Run(Common()).Out, table);
    }

    [Fact]
    public void Merge_TamperedOrForeignPart_ExitsOneNamingThePart()
    {
        var parts = Enumerable.Range(0, 2).Select(i => TempFile($"p{i}")).ToArray();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, Run(Common("--shard", $"{i}/2", "--out", parts[i])).Code);
        }

        var bytes = File.ReadAllBytes(parts[1]);
        bytes[bytes.Length / 2] ^= 1;
        var tampered = TempFile("p1-tampered");
        File.WriteAllBytes(tampered, bytes);
        var (code, _, err) = Run("sensitivity-merge", parts[0], tampered);
        Assert.Equal(1, code);
        Assert.Contains("p1-tampered", err, StringComparison.Ordinal);
        Assert.Contains("checksum", err, StringComparison.Ordinal);

        var foreign = TempFile("p1-seed7");
        Assert.Equal(0, Run(Common("--shard", "1/2", "--seed", "7", "--out", foreign)).Code);
        (code, _, err) = Run("sensitivity-merge", parts[0], foreign);
        Assert.Equal(1, code);
        Assert.Contains("'p1-seed7' belongs to a different analysis", err, StringComparison.Ordinal);
        Assert.Contains("seed 42 vs 7", err, StringComparison.Ordinal);

        (code, _, err) = Run("sensitivity-merge", parts[0]);
        Assert.Equal(1, code);
        Assert.Contains("Shard 1 of 2 is missing", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1")]
    [InlineData("-1/4")]
    [InlineData("a/b")]
    public void Shard_Malformed_ExitsWithUsageError(string shard)
    {
        var (code, _, err) = Run(Common("--shard", shard, "--out", TempFile("x")));
        Assert.NotEqual(0, code);
        Assert.Contains("--shard", err, StringComparison.Ordinal);
    }
}
