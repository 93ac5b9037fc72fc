using System.Diagnostics.CodeAnalysis;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CompositeIndex.Serialization;

/// <summary>
/// Reads and writes index definitions in the JSON definition format (see <c>docs/json-format.md</c>), generates its
/// JSON Schema and computes canonical fingerprints, for the methods known to one <see cref="MethodRegistry"/>.
/// </summary>
/// <remarks>
/// <para>The format is derived from the definition records and the registry, never from a hand-written list: every
/// method registered in <see cref="Registry"/> is read and written through its <c>"method"</c> name, and every init
/// property of a definition record is a JSON property (camelCase). See <see cref="IndexDefinitionJson"/> for the
/// same operations with <see cref="MethodRegistry.Default"/>.</para>
/// <para>Loading never returns a partly read definition: it either returns a definition that passed
/// <see cref="IndexDefinition.Validate"/>, or throws an <see cref="IndexDefinitionException"/> whose report lists
/// every problem found, each with its JSONPath and line.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IndexDefinitionSerializer
{
    /// <summary>The schema version written by this library (the <c>"schemaVersion"</c> property).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The <c>"$schema"</c> value written into definitions: the address of the published JSON Schema.</summary>
    public const string SchemaUri = "https://raw.githubusercontent.com/composite-index/composite-index/main/docs/schema/index-definition.schema.json";

    private const string SchemaProperty = "$schema";
    private const string VersionProperty = "schemaVersion";

    private static readonly FrozenSet<string> Envelope = FrozenSet.Create(StringComparer.Ordinal, SchemaProperty, VersionProperty);

    /// <summary>Initializes a serializer for the methods of <paramref name="registry"/>.</summary>
    /// <param name="registry">The method registry (e.g. <see cref="MethodRegistry.Default"/> with third-party methods added).</param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public IndexDefinitionSerializer(MethodRegistry registry)
        : this(registry, DefinitionJsonOptions.Create(registry))
    {
    }

    /// <summary>Initializes a serializer over given options (tests compare generated and reflected contracts).</summary>
    internal IndexDefinitionSerializer(MethodRegistry registry, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Options = options;
    }

    /// <summary>Gets the serializer for <see cref="MethodRegistry.Default"/>.</summary>
    public static IndexDefinitionSerializer Default { get; } = new(MethodRegistry.Default);

    /// <summary>Gets the method registry that drives the polymorphic <c>"method"</c> objects.</summary>
    public MethodRegistry Registry { get; }

    /// <summary>
    /// Gets the read-only serializer options of the format, for serialising definition parts (a single method, a
    /// group) elsewhere. Use <see cref="Load(string)"/> to read whole definitions: it reports every problem and
    /// validates, which <see cref="JsonSerializer"/> alone does not.
    /// </summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Reads a definition from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition, valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The text is not a valid definition; the report lists every problem with its path and line.</exception>
    public IndexDefinition Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Load(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a definition from a UTF-8 stream (a byte order mark is skipped).</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <returns>The definition, valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The content is not a valid definition.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public IndexDefinition Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads a definition from a UTF-8 file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The definition, valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The file is not a valid definition.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public IndexDefinition LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(File.ReadAllBytes(path));
    }

    /// <summary>Reads a definition from UTF-8 bytes (a byte order mark is skipped).</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The definition, valid.</returns>
    /// <exception cref="IndexDefinitionException">The content is not a valid definition.</exception>
    public IndexDefinition Load(ReadOnlySpan<byte> utf8Json)
    {
        var errors = new List<DefinitionError>();
        var definition = TryLoad(utf8Json, errors);
        if (definition is null || errors.Count > 0)
        {
            if (errors.Count == 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.Json, "$", "The definition could not be read."));
            }

            throw new IndexDefinitionException(new ValidationReport([.. errors]));
        }

        return definition;
    }

    /// <summary>Checks JSON text as <see cref="Load(string)"/> does, without throwing.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>Every problem found; valid when the text loads.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public ValidationReport Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<DefinitionError>();
        _ = TryLoad(Encoding.UTF8.GetBytes(json), errors);
        return errors.Count == 0 ? ValidationReport.Valid : new ValidationReport([.. errors]);
    }

    /// <summary>
    /// Writes a definition as JSON: <c>"$schema"</c> and <c>"schemaVersion"</c> first, then every non-null member
    /// (defaults written out, so the file does not depend on defaults of a later version); null members and empty
    /// collections are omitted.
    /// </summary>
    /// <param name="definition">The definition (not validated: an invalid definition is written as it is).</param>
    /// <returns>The JSON text, indented with two spaces, <c>\n</c> line ends and a final line end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition uses a method that is not in <see cref="Registry"/> (code <see cref="ErrorCodes.UnknownMethod"/>).</exception>
    public string Save(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        Save(definition, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes a definition as indented UTF-8 JSON to a stream (see <see cref="Save(IndexDefinition)"/>).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="utf8Json">The destination; not closed.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition uses a method that is not in <see cref="Registry"/>.</exception>
    public void Save(IndexDefinition definition, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(utf8Json);
        var body = ToElement(definition);
        using var w = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder, NewLine = "\n" });
        w.WriteStartObject();
        w.WriteString(SchemaProperty, SchemaUri);
        w.WriteNumber(VersionProperty, CurrentSchemaVersion);
        foreach (var p in body.EnumerateObject())
        {
            p.WriteTo(w);
        }

        w.WriteEndObject();
        w.Flush();
        utf8Json.WriteByte((byte)'\n');
    }

    /// <summary>Writes a definition to a UTF-8 file (see <see cref="Save(IndexDefinition)"/>).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="path">The file path; an existing file is replaced.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition uses a method that is not in <see cref="Registry"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void SaveFile(IndexDefinition definition, string path)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(path);
        var text = Save(definition);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// Gets the canonical JSON of a definition: the members <see cref="Save(IndexDefinition)"/> writes (without
    /// <c>"$schema"</c> and <c>"schemaVersion"</c>), keys sorted by ordinal order, no whitespace, numbers in shortest
    /// round-trip form. Two definitions are equal exactly when their canonical JSON is equal.
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The canonical text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition uses a method that is not in <see cref="Registry"/>.</exception>
    public string ToCanonicalJson(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return CanonicalJson.Write(ToElement(definition));
    }

    /// <summary>
    /// Gets the fingerprint of a definition: the lowercase hexadecimal SHA-256 of the UTF-8 bytes of
    /// <see cref="ToCanonicalJson"/>. Files that mean the same definition — whatever their key order, whitespace,
    /// number spelling (<c>1</c>, <c>1.0</c>, <c>1e0</c>), omitted or explicit defaults, or schema version — have the
    /// same fingerprint.
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <returns>64 lowercase hexadecimal digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition uses a method that is not in <see cref="Registry"/>.</exception>
    public string Fingerprint(IndexDefinition definition) => CanonicalJson.Sha256(ToCanonicalJson(definition));

    /// <summary>
    /// Generates the JSON Schema (draft 2020-12) of the format for the methods of <see cref="Registry"/>. For
    /// <see cref="MethodRegistry.Default"/> it equals the schema shipped in the package (<see cref="IndexDefinitionJson.Schema"/>)
    /// and in <c>docs/schema/index-definition.schema.json</c>.
    /// </summary>
    /// <returns>The schema as indented JSON text with <c>\n</c> line ends.</returns>
    public string GenerateSchema() => SchemaGenerator.Generate(Options, Registry);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    private JsonElement ToElement(IndexDefinition definition)
    {
        try
        {
            return JsonSerializer.SerializeToElement(definition, Options);
        }
        catch (NotSupportedException ex)
        {
            throw new IndexDefinitionException(new ValidationReport(
                [new DefinitionError(ErrorCodes.UnknownMethod, "$", $"The definition cannot be written: {ex.Message} Register every method type in the MethodRegistry of this serializer.")]));
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    private IndexDefinition? TryLoad(ReadOnlySpan<byte> utf8, List<DefinitionError> errors)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var root = JsonTree.Parse(utf8, errors);
        if (root is null)
        {
            return null;
        }

        if (root.Kind != JsonValueKind.Object)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidJsonValue, "$", $"Expected an index definition object, found {root.Describe()}.") { Line = root.Line });
            return null;
        }

        if (!CheckVersion(root, errors, out var version))
        {
            return null;
        }

        SchemaMigrations.Migrate(root, version, errors);
        if (root.Find(SchemaProperty) is { } schema && schema.Value.Kind != JsonValueKind.String)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidJsonValue, "$['$schema']", $"Expected a string (the schema address), found {schema.Value.Describe()}.") { Line = schema.Line });
        }

        var shape = new ShapeChecker(Options, errors);
        shape.CheckObject(root, typeof(IndexDefinition), "$", Envelope);
        if (errors.Count > 0)
        {
            // Unknown or repeated properties do not hide the rest: they are dropped (a repeated one keeps its first
            // value) and the load goes on, so the semantic problems of the same file are reported in the same round.
            if (!errors.TrueForAll(e => e.Code is ErrorCodes.UnknownProperty or ErrorCodes.DuplicateProperty))
            {
                return null;
            }

            foreach (var (node, name) in shape.UnknownProperties)
            {
                node.Remove(name);
            }
        }

        foreach (var name in Envelope)
        {
            root.Remove(name);
        }

        foreach (var (node, name, json) in shape.OmittedDefaults)
        {
            node.Set(name, JsonTree.Parse(json, errors)!, node.Line);
        }

        IndexDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<IndexDefinition>(root.ToUtf8(), Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path ?? "$";
            errors.Add(new DefinitionError(ErrorCodes.Json, path, ex.Message) { Line = root.LineOf(path) });
            return null;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException or System.Reflection.TargetInvocationException)
        {
            // A record constructor or converter rejected a value the shape check let through.
            var inner = ex is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : ex;
            errors.Add(new DefinitionError(ErrorCodes.Json, "$", $"The definition could not be constructed: {inner.Message}") { Line = root.Line });
            return null;
        }

        if (definition is null)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidJsonValue, "$", "Expected an index definition object, found null.") { Line = root.Line });
            return null;
        }

        ValidationReport report;
        try
        {
            report = definition.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or ArithmeticException or FormatException)
        {
            errors.Add(new DefinitionError(ErrorCodes.Json, "$", $"The definition could not be validated: {ex.Message}") { Line = root.Line });
            return null;
        }

        foreach (var e in report.Errors)
        {
            errors.Add(e.Line is null ? e with { Line = root.LineOf(e.Path) } : e);
        }

        return errors.Count == 0 ? definition : null;
    }

    private static bool CheckVersion(JsonTree root, List<DefinitionError> errors, out int version)
    {
        version = CurrentSchemaVersion;
        var prop = root.Find(VersionProperty);
        if (prop is null)
        {
            errors.Add(new DefinitionError(ErrorCodes.SchemaVersion, "$.schemaVersion", $"The definition has no \"schemaVersion\"; add \"schemaVersion\": {CurrentSchemaVersion} (the version this library writes).") { Line = root.Line });
            return true;
        }

        var text = prop.Value.Kind == JsonValueKind.Number ? prop.Value.Text : null;
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
        {
            errors.Add(new DefinitionError(ErrorCodes.SchemaVersion, "$.schemaVersion", $"The schema version must be a whole number from 1 to {CurrentSchemaVersion}, found {prop.Value.Describe()}.") { Line = prop.Line });
            return false;
        }

        if (v > CurrentSchemaVersion)
        {
            var library = typeof(IndexDefinitionSerializer).Assembly.GetName().Version?.ToString(3) ?? "this version";
            errors.Add(new DefinitionError(ErrorCodes.SchemaVersion, "$.schemaVersion", $"The definition uses schema version {v}, which is newer than this library (CompositeIndex {library} reads versions 1 to {CurrentSchemaVersion}); upgrade CompositeIndex to load it.") { Line = prop.Line });
            return false;
        }

        version = v;
        return true;
    }
}
