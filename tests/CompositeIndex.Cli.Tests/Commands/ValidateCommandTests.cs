using System.Text.Json;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public void Validate_QuickStart_ExitsZeroWithSummary()
    {
        var (code, stdout, stderr) = Run("validate", QuickStartDefinition);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("ok: wellbeing.json: 'City Well-being Index' version 1.0, 6 indicators, 3 groups, root 'wellbeing'; fingerprint ", stdout);
    }

    [Fact]
    public void Validate_BrokenDefinition_ListsEveryProblemWithItsJsonPathAndExitsOne()
    {
        var (code, stdout, stderr) = Run("validate", Fixture("broken.json"));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.StartsWith("error: broken.json: CI1003 $.groups[0].children[1].id", StringComparison.Ordinal) && l.Contains("did you mean 'b'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: broken.json: CI1005 $.groups[0].children[2].weight", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("error: broken.json: CI1011 $.indicators[2].id", StringComparison.Ordinal));
        Assert.Matches("^[0-9]+ problems in broken.json\\.$", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("error: broken.json: CI", l));
    }

    [Fact]
    public void Validate_WrongJsonType_ReportsThePathAndExitsOne()
    {
        var (code, _, stderr) = Run("validate", Fixture("malformed.json"));

        Assert.Equal(1, code);
        Assert.Contains("$.groups[0].children[0].weight", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotJson_ReportsTheLineAndExitsOne()
    {
        var file = TempFile("not.json");
        File.WriteAllText(file, "{\n  \"id\": \"x\",\n  oops\n}\n");

        var (code, _, stderr) = Run("validate", file);

        Assert.Equal(1, code);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BrokenDefinition_ExitsOneWithEveryProblem()
    {
        var (code, _, stderr) = Run("compute", Fixture("broken.json"), "--data", QuickStartData);

        Assert.Equal(1, code);
        Assert.Contains("CI1003 $.groups[0].children[1].id", stderr, StringComparison.Ordinal);
        Assert.Contains("CI1005 $.groups[0].children[2].weight", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_PrintsAJsonSchemaForDefinitions()
    {
        var (code, stdout, _) = Run("schema");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var properties = doc.RootElement.GetProperty("properties");
        Assert.True(properties.TryGetProperty("indicators", out _));
        Assert.True(properties.TryGetProperty("groups", out _));
    }
}
