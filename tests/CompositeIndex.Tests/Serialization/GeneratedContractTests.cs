using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CompositeIndex.Extensibility;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Serialization;

/// <summary>
/// The source-generated contract of the definition format (<see cref="DefinitionJsonContext"/>, used where
/// reflection-based JSON is off, e.g. a Native AOT build) covers every type the format reaches and reads and writes
/// exactly as the reflection-based contract does.
/// </summary>
public class GeneratedContractTests
{
    private static readonly JsonSerializerOptions Reflected = DefinitionJsonOptions.Create(MethodRegistry.Default, new DefaultJsonTypeInfoResolver());

    private static readonly JsonSerializerOptions Generated = DefinitionJsonOptions.Create(MethodRegistry.Default, DefinitionJsonContext.Default);

    [Fact]
    public void Context_EveryTypeReachedFromTheRegistry_HasGeneratedMetadata_AndEveryEnumAConverter()
    {
        var reached = Reachable(Reflected);
        var missing = reached.Where(t => DefinitionJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Add [JsonSerializable(typeof(X))] to DefinitionJsonContext for: " + string.Join(", ", missing));

        var enums = reached.Where(t => t.IsEnum).ToList();
        var unlisted = enums.Except(DefinitionEnumConverter.KnownEnums).Select(t => t.FullName).ToList();
        Assert.True(unlisted.Count == 0, "Add Of<X>() to DefinitionEnumConverter for: " + string.Join(", ", unlisted));

        // The walk must have found the whole format: the index, every registered method and the enums of their options.
        Assert.Contains(typeof(IndexDefinition), reached);
        Assert.All(MethodRegistry.Default.Methods.Values, m => Assert.Contains(m, reached));
        Assert.True(enums.Count >= 20, $"only {enums.Count} enums reached");
    }

    [Fact]
    public void Generated_RandomDefinitions_WriteTheSameBytes_AndReadBackEqual()
    {
        var generated = new IndexDefinitionSerializer(MethodRegistry.Default, Generated);
        var reflected = new IndexDefinitionSerializer(MethodRegistry.Default, Reflected);
        var compared = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var definition = RandomDefinitions.Create(seed);
            var text = reflected.Save(definition);
            Assert.Equal(text, generated.Save(definition));
            Assert.Equal(reflected.ToCanonicalJson(definition), generated.ToCanonicalJson(reflected.Load(text)));
            Assert.Equal(reflected.ToCanonicalJson(definition), generated.ToCanonicalJson(generated.Load(text)));
            compared++;
        }

        Assert.Equal(150, compared);
    }

    [Fact]
    public void Generated_SampleDefinitions_LoadAndSaveAsReflected()
    {
        var generated = new IndexDefinitionSerializer(MethodRegistry.Default, Generated);
        var reflected = new IndexDefinitionSerializer(MethodRegistry.Default, Reflected);
        var files = Directory.EnumerateFiles(Path.Combine(SharedData.RepoRoot, "samples"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("\"schemaVersion\"", StringComparison.Ordinal))
            .Where(f => reflected.Validate(File.ReadAllText(f)).IsValid)
            .ToList();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var expected = reflected.Load(text);
            var actual = generated.Load(text);
            Assert.Equal(reflected.Save(expected), generated.Save(actual));
        }

        Assert.True(files.Count >= 10, $"only {files.Count} sample definitions found");
    }

    [Fact]
    public void Generated_Schema_EqualsTheCommittedSchema()
    {
        var generated = new IndexDefinitionSerializer(MethodRegistry.Default, Generated);
        Assert.Equal(File.ReadAllText(SchemaTests.CommittedPath).ReplaceLineEndings("\n"), generated.GenerateSchema());
    }

    [Fact]
    public void Generated_BrokenDefinitions_ReportTheSameErrors()
    {
        var generated = new IndexDefinitionSerializer(MethodRegistry.Default, Generated);
        var reflected = new IndexDefinitionSerializer(MethodRegistry.Default, Reflected);
        string[] broken =
        [
            """{ "schemaVersion": 2, "id": "x", "name": "X", "indicators": [ { "id": "a", "polarity": 1 } ], "groups": [] }""",
            """{ "schemaVersion": 2, "id": "x", "name": "X", "indicators": [ { "id": "a", "polarity": "sideways" } ], "groups": [] }""",
            """{ "schemaVersion": 2, "id": "x", "name": "X", "indicators": [ { "id": "a" } ], "groups": [ { "id": "g", "children": [ { "id": "a" } ] } ], "normalization": { "method": "minMaxx" } }""",
            """{ "schemaVersion": 2, "id": "x", "name": "X", "indicators": [ { "id": "a", "extra": true } ], "groups": [ { "id": "g", "children": [ { "id": "a", "weight": "1" } ] } ] }""",
        ];
        foreach (var json in broken)
        {
            var expected = reflected.Validate(json).Errors.Select(e => $"{e.Code} {e.Path} {e.Message}").ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, generated.Validate(json).Errors.Select(e => $"{e.Code} {e.Path} {e.Message}").ToList());
        }
    }

    /// <summary>Every type the contract reaches from <see cref="IndexDefinition"/> and the registered methods.</summary>
    private static HashSet<Type> Reachable(JsonSerializerOptions options)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([typeof(IndexDefinition), .. MethodRegistry.Default.Methods.Values]);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            var ti = options.GetTypeInfo(type);
            foreach (var d in ti.PolymorphismOptions?.DerivedTypes ?? [])
            {
                queue.Enqueue(d.DerivedType);
            }

            foreach (var t in new[] { ti.ElementType, ti.KeyType, Nullable.GetUnderlyingType(type) })
            {
                if (t is not null)
                {
                    queue.Enqueue(t);
                }
            }

            foreach (var p in ti.Properties)
            {
                queue.Enqueue(p.PropertyType);
            }
        }

        return seen;
    }
}
