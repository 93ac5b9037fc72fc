using System.Text.RegularExpressions;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Serialization;

/// <summary>
/// The corpus of broken definitions in Broken/: each file starts with <c>// expect CODE PATH [line N] ["text"]</c>
/// lines (comments are allowed in the format) naming exactly the errors a load must report: the set of
/// (code, path) pairs must match exactly, and the line and a message fragment when given.
/// </summary>
public partial class BrokenDefinitionTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Serialization", "Broken");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Fact]
    public void Corpus_Always_HasAtLeastThirtyFilesAndSeveralWithManyProblems()
    {
        var files = Directory.GetFiles(Folder, "*.json");
        Assert.True(files.Length >= 30, $"only {files.Length} broken files");
        Assert.True(files.Count(f => Expectations(File.ReadAllText(f)).Count >= 3) >= 3);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_BrokenFile_ReportsExactlyTheExpectedErrors(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var expected = Expectations(text);
        Assert.NotEmpty(expected);

        var ex = Assert.Throws<IndexDefinitionException>(() => IndexDefinitionJson.Load(text));
        var actual = ex.Report.Errors;
        var report = string.Join("\n", actual);
        Assert.True(
            expected.Select(e => (e.Code, e.Path)).Order().SequenceEqual(actual.Select(e => (e.Code, e.Path)).Order()),
            $"expected:\n{string.Join("\n", expected.Select(e => $"{e.Code} {e.Path}"))}\nactual:\n{report}");
        foreach (var e in expected)
        {
            var match = actual.First(a => a.Code == e.Code && a.Path == e.Path);
            Assert.NotNull(match.Line);
            if (e.Line is { } line)
            {
                Assert.True(line == match.Line, $"{e.Code} {e.Path}: expected line {line}, got {match.Line}\n{report}");
            }

            if (e.Text is { } fragment)
            {
                Assert.True(match.Message.Contains(fragment, StringComparison.Ordinal), $"{e.Code} {e.Path}: message lacks \"{fragment}\": {match.Message}");
            }
        }

        // The same problems come back from Validate, without an exception.
        Assert.Equal(actual.AsEnumerable(), IndexDefinitionJson.Validate(text).Errors.AsEnumerable());
    }

    private static List<(string Code, string Path, int? Line, string? Text)> Expectations(string text) =>
        [.. ExpectLine().Matches(text).Select(m => (
            m.Groups["code"].Value,
            m.Groups["path"].Value,
            m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
            m.Groups["text"].Success ? m.Groups["text"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : null))];

    [GeneratedRegex("""^// expect (?<code>CI\d{4}) (?<path>\S+)(?: line (?<line>\d+))?(?: "(?<text>.*)")?\r?$""", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();
}
