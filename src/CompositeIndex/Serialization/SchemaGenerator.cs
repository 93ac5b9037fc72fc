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
        // Output expressions nest (a ratio of a mean of a conditional ...). The exporter expands a recursive type anew
        // under every distinct property, which grows with the number of expression kinds, so expressions are
        // exported once, as "$defs/outputExpression" (one entry per registered expression), and every place that
        // holds one refers to it.
        var schemaOptions = new JsonSerializerOptions(options);
        schemaOptions.Converters.Add(new SchemaOnlyConverter());
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (ctx, node) => ctx.TypeInfo.Type == typeof(OutputExpression)
                ? new JsonObject { ["$ref"] = "#/$defs/" + ExpressionDefinition }
                : Describe(ctx, node, registry),
        };
        var exported = schemaOptions.GetJsonSchemaAsNode(typeof(IndexDefinition), exporterOptions).AsObject();
        var expression = ExpressionSchema(schemaOptions, exporterOptions, registry);

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
        schema["$defs"] = new JsonObject { [ExpressionDefinition] = expression };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n", Encoder = options.Encoder }) + "\n";
    }

    private const string ExpressionDefinition = "outputExpression";

    /// <summary>The schema of every registered <see cref="OutputExpression"/>: one <c>anyOf</c> entry per method name.</summary>
    private static JsonObject ExpressionSchema(JsonSerializerOptions options, JsonSchemaExporterOptions exporterOptions, MethodRegistry registry)
    {
        var anyOf = new JsonArray();
        var names = new List<string>();
        foreach (var (name, type) in registry.Methods)
        {
            if (!typeof(OutputExpression).IsAssignableFrom(type) || type.IsAbstract)
            {
                continue;
            }

            var entry = options.GetJsonSchemaAsNode(type, exporterOptions).AsObject();
            RebaseReferences(entry, $"#/$defs/{ExpressionDefinition}/anyOf/{anyOf.Count}/");
            var properties = new JsonObject { [DefinitionJsonOptions.Discriminator] = new JsonObject { ["const"] = name } };
            if (entry["properties"] is JsonObject own)
            {
                foreach (var (key, value) in own.ToList())
                {
                    own.Remove(key);
                    properties[key] = value;
                }
            }

            var item = new JsonObject { ["properties"] = properties };
            foreach (var (key, value) in entry.ToList())
            {
                if (key is not ("properties" or "type"))
                {
                    entry.Remove(key);
                    item[key] = value;
                }
            }

            anyOf.Add((JsonNode)item);
            names.Add(name);
        }

        return new JsonObject
        {
            ["description"] = $"A OutputExpression chosen by \"{DefinitionJsonOptions.Discriminator}\": one of {string.Join(", ", names)} (the methods of the MethodRegistry).",
            ["type"] = "object",
            ["required"] = new JsonArray(DefinitionJsonOptions.Discriminator),
            ["anyOf"] = anyOf,
        };
    }

    /// <summary>Makes the exporter's document-relative references of a sub-schema point into its place in the full schema.</summary>
    private static void RebaseReferences(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue v && v.TryGetValue<string>(out var target) && target.StartsWith("#/", StringComparison.Ordinal) && !target.StartsWith("#/$defs/", StringComparison.Ordinal))
                {
                    o["$ref"] = prefix + target[2..];
                }

                foreach (var (_, child) in o.ToList())
                {
                    RebaseReferences(child, prefix);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    RebaseReferences(child, prefix);
                }

                break;
        }
    }

    /// <summary>Stands in for <see cref="OutputExpression"/> while the schema is exported, so the exporter does not descend into it (never reads or writes).</summary>
    private sealed class SchemaOnlyConverter : System.Text.Json.Serialization.JsonConverter<OutputExpression>
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(OutputExpression);

        public override OutputExpression Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, OutputExpression value, JsonSerializerOptions options) => throw new NotSupportedException();
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
