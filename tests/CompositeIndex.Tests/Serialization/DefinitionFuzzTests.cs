using System.Text;
using CompositeIndex.Serialization;
using CompositeIndex.Tests.Robustness;

namespace CompositeIndex.Tests.Serialization;

/// <summary>
/// Random byte mutations of valid definition files: whatever the bytes, <see cref="IndexDefinitionJson.Load(Stream)"/>
/// either returns a valid definition or throws <see cref="IndexDefinitionException"/> — never anything else.
/// The budget is <see cref="FuzzBudget.Cases"/> (10,000 in CI; COMPOSITE_INDEX_FUZZ_CASES for a larger opt-in run).
/// </summary>
public class DefinitionFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly byte[] Interesting = "{}[],:\"\\ 0123456789eE-+.ntfu/*\n\t"u8.ToArray().Concat(new byte[] { 0x00, 0xFF, 0xC3, 0xE2, 0x80, 0xED, 0xA0, 0xF0 }).ToArray();

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>
        {
            File.ReadAllBytes(Path.Combine(SharedData.RepoRoot, "docs", "examples", "city-index.json")),
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Serialization", "Versions", "hdi-v1.json")),
            Encoding.UTF8.GetBytes(IndexDefinitionJson.Save(IndexDefinitionJsonTests.Hdi())),
            Encoding.UTF8.GetBytes(IndexDefinitionJson.Save(IndexDefinitionJsonTests.EveryMethod())),
        };
        seeds.AddRange(Enumerable.Range(0, 6).Select(i => Encoding.UTF8.GetBytes(IndexDefinitionJson.Save(RandomDefinitions.Create(7919 * i)))));
        return seeds;
    }

    [Fact]
    public void Load_RandomByteMutations_ThrowsOnlyIndexDefinitionException()
    {
        var seeds = Seeds();
        var rng = new Random(20261125);
        var unexpected = new List<string>();
        int loaded = 0, rejected = 0;
        var cases = FuzzBudget.Cases;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var bytes = Mutate(seeds[rng.Next(seeds.Count)], rng);
            try
            {
                var d = IndexDefinitionJson.Load(new MemoryStream(bytes));
                Assert.True(d.Validate().IsValid);
                loaded++;
            }
            catch (IndexDefinitionException ex)
            {
                Assert.NotEmpty(ex.Report.Errors);
                Assert.All(ex.Report.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
                rejected++;
            }
            catch (Exception ex)
            {
                unexpected.Add($"case {i}: {ex.GetType().Name}: {ex.Message}\n{Convert.ToBase64String(bytes)}");
            }
        }

        output.WriteLine($"JSON definition fuzz: {cases} cases, {loaded} loaded (valid), {rejected} rejected with IndexDefinitionException, {unexpected.Count} escapes, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(unexpected.Count == 0, string.Join("\n\n", unexpected.Take(5)));
        Assert.True(loaded > cases / 200 && rejected > cases / 3, $"loaded {loaded}, rejected {rejected}");
    }

    private static byte[] Mutate(byte[] source, Random rng)
    {
        var b = new List<byte>(source);
        var n = rng.Next(1, 5);
        for (var k = 0; k < n && b.Count > 0; k++)
        {
            var at = rng.Next(b.Count);
            switch (rng.Next(6))
            {
                case 0:
                    b[at] = (byte)rng.Next(256);
                    break;
                case 1:
                    b[at] = Interesting[rng.Next(Interesting.Length)];
                    break;
                case 2:
                    b.RemoveRange(at, Math.Min(rng.Next(1, 40), b.Count - at));
                    break;
                case 3:
                    var len = Math.Min(rng.Next(1, 80), b.Count - at);
                    b.InsertRange(rng.Next(b.Count), b.GetRange(at, len));
                    break;
                case 4:
                    b.Insert(at, Interesting[rng.Next(Interesting.Length)]);
                    break;
                default:
                    // Digit and sign tweaks inside numbers keep the document well-formed more often.
                    b[at] = (byte)"0123456789-.e"[rng.Next(13)];
                    break;
            }
        }

        return [.. b];
    }
}
