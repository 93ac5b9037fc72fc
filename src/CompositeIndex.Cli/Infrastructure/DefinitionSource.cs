using System.Collections;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CompositeIndex.Cli;

/// <summary>
/// Loads index definitions from JSON files for the commands.
/// </summary>
/// <remarks>
/// INTERIM ADAPTER: until the library's JSON format (CompositeIndex.Serialization, issue #2) lands, this reads the
/// same shape (camelCase, <c>"method"</c> discriminators from <see cref="MethodRegistry.Default"/>, comments allowed,
/// <c>"$schema"</c>/<c>"schemaVersion"</c> envelope) with System.Text.Json directly. Every command goes through this
/// class only, so switching to <c>IndexDefinitionJson</c> is a change here.
/// </remarks>
internal static class DefinitionSource
{
    private static readonly JsonSerializerOptions Options = CreateOptions(MethodRegistry.Default);

    /// <summary>Loads and validates a definition file.</summary>
    /// <exception cref="IndexDefinitionException">The file is not valid JSON, does not fit the format, or the definition is invalid.</exception>
    /// <exception cref="DataException">The file cannot be read.</exception>
    public static IndexDefinition Load(string path)
    {
        var report = Read(path, out var definition);
        report.ThrowIfInvalid();
        return definition!;
    }

    /// <summary>Checks a definition file and reports every problem (JSON syntax, shape, semantics) with its path.</summary>
    /// <exception cref="DataException">The file cannot be read.</exception>
    public static ValidationReport Validate(string path) => Read(path, out _);

    /// <summary>Gets a fingerprint of a definition: SHA-256 of its re-serialised JSON (first 16 hex digits).</summary>
    public static string Fingerprint(IndexDefinition definition)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(definition, Options);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    /// <summary>Gets the JSON schema of the definition format.</summary>
    public static string Schema()
    {
        var node = Options.GetJsonSchemaAsNode(typeof(IndexDefinition), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        if (node is JsonObject obj)
        {
            var properties = obj["properties"] as JsonObject;
            properties?.Insert(0, "schemaVersion", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 2 });
            properties?.Insert(0, "$schema", new JsonObject { ["type"] = "string" });
            obj.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
            obj.Insert(1, "title", "CompositeIndex definition");
        }

        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static ValidationReport Read(string path, out IndexDefinition? definition)
    {
        definition = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataException($"Cannot read the definition: {ex.Message}", path, inner: ex);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            return Error("$", ex.Message, ex.LineNumber);
        }

        if (root is not JsonObject obj)
        {
            return Error("$", "The definition must be a JSON object.", null);
        }

        obj.Remove("$schema");
        obj.Remove("schemaVersion");
        try
        {
            definition = obj.Deserialize<IndexDefinition>(Options);
        }
        catch (JsonException ex)
        {
            return Error(ex.Path ?? "$", Clean(ex.Message), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return Error("$", ex.Message, null);
        }

        if (definition is null)
        {
            return Error("$", "The definition is null.", null);
        }

        return definition.Validate();

        static ValidationReport Error(string path, string message, long? line) =>
            new([new DefinitionError(ErrorCodes.Json, path, message) { Line = line is { } l ? (int)l + 1 : null }]);
    }

    /// <summary>Drops System.Text.Json's trailing "Path: ... | LineNumber: ..." (the path is reported separately).</summary>
    private static string Clean(string message)
    {
        var i = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    private static JsonSerializerOptions CreateOptions(MethodRegistry registry)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(ti =>
        {
            if (ti.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            for (var i = ti.Properties.Count - 1; i >= 0; i--)
            {
                var p = ti.Properties[i];
                if (p.Set is null && p.AssociatedParameter is null)
                {
                    ti.Properties.RemoveAt(i);
                }
                else if (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
                {
                    p.ShouldSerialize = static (_, v) => v is IEnumerable e && Any(e);
                }
            }

            if (!ti.Type.IsAbstract || ti.PolymorphismOptions is not null)
            {
                return;
            }

            var poly = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "method", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization };
            foreach (var (name, type) in registry.Methods)
            {
                if (ti.Type.IsAssignableFrom(type))
                {
                    poly.DerivedTypes.Add(new JsonDerivedType(type, name));
                }
            }

            if (poly.DerivedTypes.Count > 0)
            {
                ti.PolymorphismOptions = poly;
            }
        });
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            AllowOutOfOrderMetadataProperties = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        };
        options.MakeReadOnly();
        return options;
    }

    private static bool Any(IEnumerable e)
    {
        try
        {
            var en = e.GetEnumerator();
            return en.MoveNext();
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (NullReferenceException)
        {
            return false;
        }
    }
}
