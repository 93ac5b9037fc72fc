using System.Text.RegularExpressions;

namespace CompositeIndex.Tests.Gallery;

/// <summary>docs/articles/gallery.md's table is generated from <see cref="GalleryCatalog"/>, whose counts the gallery tests assert.</summary>
public sealed partial class GalleryDocsTests
{
    /// <summary>Every catalogued part is asserted by exactly one call <c>GalleryCatalog.Count("id", "part", ...)</c> in a test.</summary>
    [Fact]
    public void GalleryCatalog_EveryPart_IsAssertedByATest()
    {
        var tests = Path.Combine(SharedData.RepoRoot, "tests", "CompositeIndex.Tests");
        var calls = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CountCall().Matches(File.ReadAllText(f)).Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
            .ToList();
        foreach (var e in GalleryCatalog.Entries)
        {
            foreach (var (part, _) in e.Parts)
            {
                Assert.True(calls.Count(c => c == (e.Id, part)) == 1, $"gallery part {e.Id} / {part} must be asserted by one GalleryCatalog.Count call");
            }
        }
    }

    [GeneratedRegex("GalleryCatalog\\.Count\\(\"([^\"]+)\", \"([^\"]+)\"")]
    private static partial Regex CountCall();

    private const string Begin = "<!-- gallery-table: generated from tests/CompositeIndex.Tests/Gallery/GalleryCatalog.cs; UPDATE_GALLERY_DOCS=1 dotnet test rewrites it -->";
    private const string End = "<!-- end gallery-table -->";

    [Fact]
    public void GalleryPage_Table_IsGeneratedFromTheTestedCounts()
    {
        var path = Path.Combine(SharedData.RepoRoot, "docs", "articles", "gallery.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/articles/gallery.md must contain the markers {Begin} ... {End}");
        var expected = text[..(start + Begin.Length)] + "\n" + GalleryCatalog.Table() + text[end..];
        if (Environment.GetEnvironmentVariable("UPDATE_GALLERY_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(expected == text, "docs/articles/gallery.md's table differs from GalleryCatalog; run UPDATE_GALLERY_DOCS=1 dotnet test --filter GalleryDocsTests and commit.");
    }
}
