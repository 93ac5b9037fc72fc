using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CompositeIndex.Extensibility;
using CompositeIndex.Sensitivity;
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
        Assert.Contains(typeof(SensitivityDefinition), reached);
        Assert.Contains(typeof(ParameterRangeFactor), reached);
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

    [Fact]
    public void Contracts_DeserializationConstructor_IsThePublicConstructorWithTheMostParameters()
    {
        // The default instance (omitted-member defaults, what may be omitted on writing) is built with the contract's
        // constructor, which a Native AOT build keeps; it must be the one the reflection fallback would pick.
        var compared = 0;
        foreach (var type in Reachable(Reflected).Where(t => t is { IsAbstract: false, IsInterface: false, IsValueType: false } && t != typeof(string)))
        {
            var reflected = Reflected.GetTypeInfo(type);
            if (reflected.Kind != JsonTypeInfoKind.Object)
            {
                continue;
            }

            var expected = DefinitionJsonOptions.DefaultConstructor(type);
            Assert.True(expected is not null, type.FullName);
            Assert.Same(expected, reflected.ConstructorAttributeProvider as ConstructorInfo);
            var generated = Assert.IsAssignableFrom<ConstructorInfo>(Generated.GetTypeInfo(type).ConstructorAttributeProvider);
            Assert.Equal(expected!.GetParameters().Select(p => p.ParameterType), generated.GetParameters().Select(p => p.ParameterType));
            compared++;
        }

        Assert.True(compared >= 70, $"only {compared} record types compared");
    }

    [Fact]
    public void Generated_SensitivityAnalyses_ReadAsReflected_WithInitialValuesOfOmittedMembers()
    {
        // Every member omitted: the initial values of the record (Samples = 1000, DigitalShift = true, ...) must be
        // read, not default(T) (dotnet/runtime#84484); the expected values are the record's own initializers.
        var bare = SensitivityDefinitionJson.Load("{}", null, Generated);
        var initial = new SensitivityDefinition();
        Assert.Equal(1000, initial.Samples);
        Assert.Equal(initial.Samples, bare.Samples);
        Assert.Equal(initial.BootstrapResamples, bare.BootstrapResamples);
        Assert.Equal(initial.ConfidenceLevel, bare.ConfidenceLevel);
        Assert.Equal(initial.UpperPercentile, bare.UpperPercentile);
        Assert.Equal(initial.Scheme, bare.Scheme);
        Assert.True(bare.DigitalShift);
        Assert.False(bare.Factors.IsDefault);
        Assert.Equal(SensitivityDefinitionJson.Save(initial), SensitivityDefinitionJson.Save(bare));

        var files = new[] { "samples/QuickStart/factors.json", "samples/seoul/sensitivity.json" }.Select(f => Path.Combine(SharedData.RepoRoot, f)).ToList();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var reflected = SensitivityDefinitionJson.Load(text, null, Reflected);
            var generated = SensitivityDefinitionJson.Load(text, null, Generated);
            Assert.Equal(SensitivityDefinitionJson.Save(reflected), SensitivityDefinitionJson.Save(generated));
            Assert.Equal(reflected.RunCount, generated.RunCount);
        }

        // Alternatives that omit init-only members (goalposts' scale = 1): the fill reaches into polymorphic factors and methods.
        const string nested = """
            { "scheme": "monteCarlo", "samples": 3, "factors": [ { "kind": "normalizationChoice", "target": null, "alternatives": [ { "method": "goalposts", "min": 0, "max": 10 }, { "method": "minMax" } ] } ] }
            """;
        var withGoalposts = SensitivityDefinitionJson.Load(nested, null, Generated);
        Assert.Equal(1, Assert.IsType<GoalpostsNormalization>(Assert.IsType<NormalizationChoiceFactor>(Assert.Single(withGoalposts.Factors)).Alternatives[0]).Scale);
        Assert.Equal(SensitivityDefinitionJson.Save(SensitivityDefinitionJson.Load(nested, null, Reflected)), SensitivityDefinitionJson.Save(withGoalposts));
    }

    /// <summary>Every type the contract reaches from <see cref="IndexDefinition"/> and the registered methods.</summary>
    private static HashSet<Type> Reachable(JsonSerializerOptions options)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([typeof(IndexDefinition), typeof(SensitivityDefinition), typeof(ImmutableArray<SensitivityOutput>), .. MethodRegistry.Default.Methods.Values]);
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
