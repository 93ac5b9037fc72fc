using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompositeIndex.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Reads and writes sensitivity analyses (the factors files of <c>compindex sensitivity --factors</c>) as JSON: the
/// properties of <see cref="SensitivityDefinition"/> in camelCase, <c>"schemaVersion"</c> first, methods as in index
/// definitions, <c>//</c> comments allowed.
/// </summary>
/// <remarks>
/// <para>Versions: 1 is the current schema. Files without <c>"schemaVersion"</c> (written before it existed) read as
/// version 1, unchanged; a file of a newer version is refused with a message saying so. Stateless and thread-safe.</para>
/// </remarks>
public static class SensitivityDefinitionJson
{
    /// <summary>The definition format's options, indented (immutable once created).</summary>
    private static readonly JsonSerializerOptions Indented = new(IndexDefinitionSerializer.Default.Options) { WriteIndented = true };

    /// <summary>Reads an analysis from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">A name for messages (e.g. the file name); <see langword="null"/> for none.</param>
    /// <returns>The analysis (not yet validated against an index: see <see cref="SensitivityDefinition.Validate(IndexDefinition)"/>).</returns>
    /// <exception cref="SensitivityDefinitionException">The JSON is malformed, has a member of the wrong type or an
    /// unknown member, or a newer or invalid <c>"schemaVersion"</c>; the report gives the JSON path and line.</exception>
    public static SensitivityDefinition Load(string json, string? source = null) => Load(json, source, IndexDefinitionSerializer.Default.Options);

    /// <summary>Reads an analysis with the given options of the format (the tests compare generated and reflected contracts).</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    internal static SensitivityDefinition Load(string json, string? source, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        var prefix = source is null ? string.Empty : $"{source}: ";
        try
        {
            // The version first, so that a newer file is refused by its version rather than by a member this library does not know.
            using (var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw Error("$", $"{prefix}An analysis is a JSON object.", null);
                }

                if (doc.RootElement.TryGetProperty("schemaVersion", out var v))
                {
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version < 1)
                    {
                        throw Error("$.schemaVersion", $"{prefix}The schema version must be a whole number from 1 to {SensitivityDefinition.CurrentSchemaVersion}, found {v.GetRawText()}.", null);
                    }

                    if (version > SensitivityDefinition.CurrentSchemaVersion)
                    {
                        throw Error("$.schemaVersion", string.Create(CultureInfo.InvariantCulture, $"{prefix}The analysis uses schema version {version}, which is newer than this library (CompositeIndex {IndexDefinitionJson.LibraryVersion} reads versions 1 to {SensitivityDefinition.CurrentSchemaVersion}); upgrade CompositeIndex to read it."), null);
                    }
                }
            }

            var analysis = JsonSerializer.Deserialize<SensitivityDefinition>(json, options)
                ?? throw Error("$", $"{prefix}The analysis is null.", null);

            // Generated contracts (Native AOT) read an omitted init-only member as default instead of its initial
            // value (dotnet/runtime#84484): when members are omitted, read again with their initial values written in.
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return InitialValues.Fill(node, typeof(SensitivityDefinition), options) ? node.Deserialize<SensitivityDefinition>(options)! : analysis;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int?)(l + 1) : null;
            throw Error(ex.Path ?? "$", $"{prefix}{ex.Message.Split(" Path: ")[0]}", line);
        }
    }

    /// <summary>Reads an analysis from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="IndexDataException">The file cannot be read.</exception>
    /// <exception cref="SensitivityDefinitionException">See <see cref="Load(string, string?)"/>.</exception>
    public static SensitivityDefinition LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"The analysis file cannot be read: {ex.Message}", path, inner: ex);
        }

        return Load(text, Path.GetFileName(path));
    }

    /// <summary>Writes an analysis as indented JSON with <c>"schemaVersion"</c> = <see cref="SensitivityDefinition.CurrentSchemaVersion"/> first.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The JSON text; <see cref="Load(string, string?)"/> reads it back to an equal analysis.</returns>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    public static string Save(SensitivityDefinition analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return JsonSerializer.Serialize(analysis with { SchemaVersion = SensitivityDefinition.CurrentSchemaVersion }, Indented);
    }

    private static SensitivityDefinitionException Error(string path, string message, int? line) =>
        new(new ValidationReport([new DefinitionError(path == "$.schemaVersion" ? ErrorCodes.SchemaVersion : ErrorCodes.Json, path, message) { Line = line }]));
}
