using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CompositeIndex.Serialization;

/// <summary>
/// Writes the initial values of omitted init-only members into a JSON document before it is deserialised, for the
/// documents of the format read outside <see cref="IndexDefinitionSerializer"/> (sensitivity analyses and the analysis
/// in a sensitivity part's header).
/// </summary>
/// <remarks>
/// <para>Why: generated contracts (<see cref="DefinitionJsonContext"/>, Native AOT) pass <c>default</c> for an init-only
/// member that the JSON omits instead of keeping its initializer (dotnet/runtime#84484): an analysis file without
/// <c>"samples"</c> would run 0 samples instead of 1,000. The index definition loader does the same through
/// <see cref="ShapeChecker.OmittedDefaults"/>; this walker does it on a <see cref="JsonNode"/> tree for the other
/// documents. With reflected contracts the written values are the ones the reflected contract keeps anyway, so the
/// result is the same either way (the tests compare both).</para>
/// <para>The walk follows the contract (<see cref="JsonTypeInfo"/>): object members, array items, dictionary values and
/// polymorphic objects by their discriminator. It writes nothing where the JSON already has the member, and leaves
/// malformed parts alone (the serializer reports them).</para>
/// </remarks>
internal static class InitialValues
{
    /// <summary>Writes the initial values of the omitted init-only members of <paramref name="node"/> (read as <paramref name="type"/>) and of every value it contains.</summary>
    /// <returns>Whether anything was written.</returns>
    public static bool Fill(JsonNode? node, Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null || type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal))
        {
            return false;
        }

        var ti = options.GetTypeInfo(type);
        var written = false;
        switch (ti.Kind)
        {
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && ti.ElementType is { } element:
                foreach (var item in array)
                {
                    written |= Fill(item, element, options);
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map && ti.ElementType is { } value:
                foreach (var (_, item) in map)
                {
                    written |= Fill(item, value, options);
                }

                break;
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                if (ti.PolymorphismOptions is { } poly)
                {
                    var name = obj[poly.TypeDiscriminatorPropertyName] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    var derived = poly.DerivedTypes.FirstOrDefault(d => d.TypeDiscriminator is string t && t == name).DerivedType;
                    return derived is not null && derived != type && Fill(obj, derived, options);
                }

                foreach (var p in ti.Properties)
                {
                    if (obj.TryGetPropertyValue(p.Name, out var member))
                    {
                        written |= Fill(member, p.PropertyType, options);
                    }
                    else if (DefinitionJsonOptions.OmittedMemberDefault(ti, p) is { } json)
                    {
                        obj[p.Name] = JsonNode.Parse(json);
                        written = true;
                    }
                }

                break;
        }

        return written;
    }
}
