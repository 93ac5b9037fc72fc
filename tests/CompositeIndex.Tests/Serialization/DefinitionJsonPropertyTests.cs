using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompositeIndex.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Serialization;

/// <summary>Arbitrary valid definitions (see <see cref="RandomDefinitions"/>), shrinking not supported (seeded).</summary>
public static class DefinitionArbitraries
{
    public static Arbitrary<IndexDefinition> Definitions() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(RandomDefinitions.Create));
}

/// <summary>Properties of the JSON format over arbitrary generated definitions.</summary>
public class DefinitionJsonPropertyTests
{
    [Property(Arbitrary = [typeof(DefinitionArbitraries)], MaxTest = 100)]
    public void LoadOfSave_AnyDefinition_EqualsOriginal(IndexDefinition d)
    {
        var json = IndexDefinitionJson.Save(d);
        var back = IndexDefinitionJson.Load(json);
        Assert.True(d.Equals(back), json);
        Assert.Equal(json, IndexDefinitionJson.Save(back));
    }

    [Property(Arbitrary = [typeof(DefinitionArbitraries)], MaxTest = 30)]
    public void Save_AnyDefinition_ValidatesAgainstSchema(IndexDefinition d)
    {
        var json = IndexDefinitionJson.Save(d);
        var errors = SchemaTests.SchemaErrors(json);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + json);
    }

    [Property(Arbitrary = [typeof(DefinitionArbitraries)], MaxTest = 100)]
    public void Fingerprint_ReorderedRespacedRespelledOrVersion1_Unchanged(IndexDefinition d, int seed)
    {
        var expected = IndexDefinitionJson.Fingerprint(d);
        var rng = new Random(seed);
        var text = Reformat(IndexDefinitionJson.Save(d), rng, asVersion1: rng.Next(3) == 0);
        var loaded = IndexDefinitionJson.Load(text);
        Assert.True(expected == IndexDefinitionJson.Fingerprint(loaded), text);
        Assert.Equal(d, loaded);
    }

    [Property(Arbitrary = [typeof(DefinitionArbitraries)], MaxTest = 40)]
    public void Fingerprint_DifferentDefinitions_Differ(IndexDefinition a, IndexDefinition b)
    {
        Assert.Equal(a.Equals(b), IndexDefinitionJson.Fingerprint(a) == IndexDefinitionJson.Fingerprint(b));
    }

    public static TheoryData<string> RegisteredMethods()
    {
        var data = new TheoryData<string>();
        foreach (var name in MethodRegistry.Default.Methods.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every registered method record, with random parameters, round-trips through the format's options (validity aside).</summary>
    [Theory]
    [MemberData(nameof(RegisteredMethods))]
    public void RegisteredMethod_RandomParameters_RoundTripsWithItsName(string name)
    {
        var type = MethodRegistry.Default.Methods[name];
        var options = IndexDefinitionSerializer.Default.Options;
        var declared = type;
        for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
        {
            if (b.IsAbstract && options.GetTypeInfo(b).PolymorphismOptions is not null)
            {
                declared = b; // the outermost method base, as definitions declare it
            }
        }

        for (var seed = 0; seed < 30; seed++)
        {
            var method = new RandomDefinitions(new Random(seed), MethodRegistry.Default).Construct(type, 0);
            var json = JsonSerializer.Serialize(method, declared, options);
            Assert.StartsWith($"{{\"method\":\"{name}\"", json, StringComparison.Ordinal);
            var back = JsonSerializer.Deserialize(json, declared, options);
            Assert.True(method.Equals(back), json);
        }
    }

    /// <summary>
    /// Rewrites a saved definition without changing its meaning: keys shuffled, whitespace and comments changed,
    /// numbers respelled, defaults dropped, nulls made explicit, or the whole file written in schema version 1.
    /// </summary>
    internal static string Reformat(string json, Random rng, bool asVersion1)
    {
        var root = JsonNode.Parse(json)!;
        if (asVersion1)
        {
            ToVersion1(root.AsObject());
        }

        var sb = new StringBuilder();
        Write(root, rng, sb, 0);
        return sb.ToString();
    }

    private static void ToVersion1(JsonObject root)
    {
        root["schemaVersion"] = 1;
        IEnumerable<JsonObject> owners = [root, .. (root["groups"]?.AsArray() ?? []).Select(g => g!.AsObject()), .. (root["indicators"]?.AsArray() ?? []).Select(i => i!.AsObject())];
        foreach (var owner in owners)
        {
            foreach (var slot in new[] { "normalization", "aggregation", "missingData" })
            {
                if (owner[slot] is JsonObject method && method["method"] is { } name)
                {
                    method.Remove("method");
                    method["type"] = name.DeepClone();
                }
            }
        }

        foreach (var indicator in (root["indicators"]?.AsArray() ?? []).Select(i => i!.AsObject()))
        {
            if (indicator["polarity"] is { } polarity)
            {
                indicator.Remove("polarity");
                indicator["direction"] = (string)polarity! == "negative" ? -1 : 1;
            }
        }
    }

    private static void Write(JsonNode? node, Random rng, StringBuilder sb, int depth)
    {
        var ws = rng.Next(4) switch { 0 => "", 1 => " ", 2 => "\n" + new string(' ', depth * 2), _ => "\r\n\t" };
        switch (node)
        {
            case JsonObject obj:
                sb.Append('{').Append(ws);
                var props = obj.Select(p => (p.Key, Value: p.Value)).ToList();
                if (depth > 0 && obj["id"] is not null)
                {
                    // Defaults may be omitted; absent nullable members may be written as null.
                    props.RemoveAll(p => (p.Key == "weight" && p.Value is JsonValue w && w.GetValue<double>() == 1 && rng.Next(2) == 0)
                        || (p.Key == "polarity" && (string?)p.Value == "positive" && rng.Next(2) == 0));
                    if (obj["description"] is null && (obj["polarity"] is not null || obj["children"] is not null) && rng.Next(3) == 0)
                    {
                        props.Add(("description", null));
                    }
                }

                props = [.. props.OrderBy(_ => rng.Next())];
                for (var i = 0; i < props.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',').Append(rng.Next(6) == 0 ? " /* c */ " : ws);
                    }

                    sb.Append(JsonSerializer.Serialize(props[i].Key)).Append(rng.Next(2) == 0 ? ": " : ":");
                    Write(props[i].Value, rng, sb, depth + 1);
                }

                sb.Append(ws).Append('}');
                break;
            case JsonArray arr:
                sb.Append('[').Append(ws);
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',').Append(ws);
                    }

                    Write(arr[i], rng, sb, depth + 1);
                }

                sb.Append(ws).Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var raw = v.ToJsonString();
                var d = double.Parse(raw, CultureInfo.InvariantCulture);
                var integral = !raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase);
                sb.Append(integral ? raw : rng.Next(3) switch
                {
                    0 => d.ToString("G17", CultureInfo.InvariantCulture),
                    1 => d.ToString("E16", CultureInfo.InvariantCulture),
                    _ => raw,
                });
                break;
            default:
                sb.Append(node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }));
                break;
        }
    }
}
