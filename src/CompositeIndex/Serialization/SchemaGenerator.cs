using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace CompositeIndex.Serialization;

/// <summary>
/// Generates the JSON Schema (draft 2020-12) of the definition format from the serializer contract with
/// <see cref="JsonSchemaExporter"/>, and adds the envelope (<c>"$schema"</c>, <c>"schemaVersion"</c>).
/// </summary>
internal static class SchemaGenerator
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    public static string Generate(JsonSerializerOptions options, MethodRegistry registry)
    {
        var exported = options.GetJsonSchemaAsNode(typeof(IndexDefinition), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (ctx, node) => Describe(ctx, node, registry),
        }).AsObject();

        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string", ["description"] = "The address of this schema (ignored when loading)." },
            ["schemaVersion"] = new JsonObject
            {
                ["type"] = "integer",
                ["minimum"] = 1,
                ["maximum"] = IndexDefinitionSerializer.CurrentSchemaVersion,
                ["description"] = $"The version of the definition format; this schema describes version {IndexDefinitionSerializer.CurrentSchemaVersion} (version 1 files are migrated on loading).",
            },
        };
        foreach (var (name, value) in exported["properties"]!.AsObject().ToList())
        {
            exported["properties"]!.AsObject().Remove(name);
            properties[name] = value;
        }

        var required = new JsonArray("schemaVersion");
        if (exported["required"] is JsonArray r)
        {
            foreach (var item in r.ToList())
            {
                r.Remove(item);
                required.Add(item);
            }
        }

        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = IndexDefinitionSerializer.SchemaUri,
            ["title"] = "CompositeIndex index definition",
            ["description"] = "A composite index: indicators, a hierarchy of weighted groups and the method of each step. See docs/json-format.md.",
        };
        foreach (var (name, value) in exported.ToList())
        {
            exported.Remove(name);
            schema[name] = name switch { "properties" => properties, "required" => required, _ => value };
        }

        schema["properties"] ??= properties;
        schema["required"] ??= required;
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n", Encoder = options.Encoder }) + "\n";
    }

    private static JsonNode Describe(JsonSchemaExporterContext ctx, JsonNode node, MethodRegistry registry)
    {
        // The abstract method bases: say where the "method" names come from.
        if (ctx.PropertyInfo is null && ctx.TypeInfo.PolymorphismOptions is { } poly && node is JsonObject obj && !obj.ContainsKey("description"))
        {
            var names = string.Join(", ", poly.DerivedTypes.Select(d => d.TypeDiscriminator));
            obj.Insert(0, "description", $"A {ctx.TypeInfo.Type.Name} chosen by \"{poly.TypeDiscriminatorPropertyName}\": one of {names} (the methods of the MethodRegistry).");
        }

        _ = registry;
        return node;
    }
}
