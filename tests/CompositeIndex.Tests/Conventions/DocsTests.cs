using System.Text.RegularExpressions;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Conventions;

/// <summary>Issue #11: no registered method may be undocumented in docs/articles/methods.md.</summary>
public partial class DocsTests
{
    [Fact]
    public void EveryRegisteredMethod_HasASectionInTheMethodsReference()
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "articles", "methods.md"));
        var headings = HeadingRegex().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = MethodRegistry.Default.Methods.Keys.Where(k => !headings.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Methods without a '### name' section in docs/articles/methods.md: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^###\s+`?([A-Za-z0-9]+)`?\s*$", RegexOptions.Multiline)]
    private static partial Regex HeadingRegex();
}
