using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>Issue #19: <c>compindex validate</c> accepts every definition of the index gallery (samples/gallery).</summary>
public class GalleryValidateTests
{
    public static TheoryData<string> GalleryDefinitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "samples", "gallery"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GalleryDefinitions))]
    public void Validate_GalleryDefinition_ExitsZero(string relativePath)
    {
        var (code, stdout, stderr) = Run("validate", Path.Combine(RepoRoot, relativePath));

        Assert.True(code == 0, stderr);
        Assert.StartsWith($"ok: {Path.GetFileName(relativePath)}: ", stdout, StringComparison.Ordinal);
    }
}
