using System.Text.Json;
using CompositeIndex.Serialization;
using Json.Schema;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Serialization;

/// <summary>The JSON Schema: generated from the model, committed to docs/, embedded, and obeyed by samples and Save.</summary>
public class SchemaTests
{
    internal static readonly string CommittedPath = Path.Combine(SharedData.RepoRoot, "docs", "schema", "index-definition.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(IndexDefinitionSerializer.Default.GenerateSchema()));

    /// <summary>Validates a JSON document against the generated schema; returns the problems (empty when valid).</summary>
    internal static List<string> SchemaErrors(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var result = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")];
    }

    [Fact]
    public void GenerateSchema_CommittedFile_IsUpToDate()
    {
        var generated = IndexDefinitionSerializer.Default.GenerateSchema();
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(CommittedPath, generated);
        }

        var committed = File.ReadAllText(CommittedPath).ReplaceLineEndings("\n");
        Assert.True(
            committed == generated,
            "docs/schema/index-definition.schema.json is out of date (a definition record or a registered method changed). "
            + "Regenerate it with eng/update-schema.sh and commit it.");
    }

    [Fact]
    public void Schema_Embedded_EqualsCommittedFile()
    {
        Assert.Equal(File.ReadAllText(CommittedPath).ReplaceLineEndings("\n"), IndexDefinitionJson.Schema.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void GenerateSchema_Always_DeclaresDraft202012AndEnvelope()
    {
        using var doc = JsonDocument.Parse(IndexDefinitionSerializer.Default.GenerateSchema());
        var root = doc.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Contains("schemaVersion", root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", root.GetProperty("properties").GetProperty("schemaVersion").GetProperty("type").GetString());
        Assert.Contains("\"additionalProperties\": false", IndexDefinitionSerializer.Default.GenerateSchema(), StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateSchema_StrictNumbers_NoStringPatternsForNumbers()
    {
        var schema = IndexDefinitionSerializer.Default.GenerateSchema();
        Assert.DoesNotContain("\"pattern\"", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateSchema_EveryRegisteredMethod_AppearsAsConstDiscriminator()
    {
        var schema = IndexDefinitionSerializer.Default.GenerateSchema();
        foreach (var name in MethodRegistry.Default.Methods.Keys)
        {
            Assert.Contains($"\"const\": \"{name}\"", schema, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> SampleDefinitions()
    {
        var data = new TheoryData<string>();
        var samples = Path.Combine(SharedData.RepoRoot, "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            if (File.ReadAllText(file).Contains("\"schemaVersion\"", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(SharedData.RepoRoot, file));
            }
        }

        // Always at least the format's own example, so the theory never runs empty.
        data.Add(Path.Combine("docs", "examples", "city-index.json"));
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleDefinitions))]
    public void Sample_Definition_ValidatesAgainstSchemaAndLoads(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepoRoot, relativePath));
        Assert.Empty(SchemaErrors(text));
        var definition = IndexDefinitionJson.Load(text);
        Assert.Empty(SchemaErrors(IndexDefinitionJson.Save(definition)));
    }
}
