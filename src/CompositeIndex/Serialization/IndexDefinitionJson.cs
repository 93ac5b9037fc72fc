using System.Reflection;

namespace CompositeIndex.Serialization;

/// <summary>
/// The JSON definition format with the built-in methods (<see cref="MethodRegistry.Default"/>): load, save,
/// fingerprint and schema. For third-party methods use an <see cref="IndexDefinitionSerializer"/> built on a
/// registry that includes them.
/// </summary>
/// <example>
/// <code>
/// IndexDefinition hdi = IndexDefinitionJson.LoadFile("samples/gallery/hdi/hdi.json");
/// string json = IndexDefinitionJson.Save(hdi);
/// string id = IndexDefinitionJson.Fingerprint(hdi);   // 64 hex digits
/// </code>
/// </example>
/// <remarks>Stateless and thread-safe. See <c>docs/json-format.md</c> for the format.</remarks>
public static class IndexDefinitionJson
{
    /// <summary>The manifest name of the embedded schema resource.</summary>
    internal const string SchemaResource = "CompositeIndex.Serialization.index-definition.schema.json";

    /// <summary>Gets the schema version this library writes (see <see cref="IndexDefinitionSerializer.CurrentSchemaVersion"/>).</summary>
    public static int CurrentSchemaVersion => IndexDefinitionSerializer.CurrentSchemaVersion;

    /// <summary>
    /// Gets the JSON Schema (draft 2020-12) of the format with the built-in methods, as shipped in the package
    /// (also <c>docs/schema/index-definition.schema.json</c>).
    /// </summary>
    public static string Schema
    {
        get
        {
            using var stream = typeof(IndexDefinitionJson).Assembly.GetManifestResourceStream(SchemaResource)
                ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <inheritdoc cref="IndexDefinitionSerializer.Load(string)"/>
    public static IndexDefinition Load(string json) => IndexDefinitionSerializer.Default.Load(json);

    /// <inheritdoc cref="IndexDefinitionSerializer.Load(Stream)"/>
    public static IndexDefinition Load(Stream utf8Json) => IndexDefinitionSerializer.Default.Load(utf8Json);

    /// <inheritdoc cref="IndexDefinitionSerializer.LoadFile(string)"/>
    public static IndexDefinition LoadFile(string path) => IndexDefinitionSerializer.Default.LoadFile(path);

    /// <inheritdoc cref="IndexDefinitionSerializer.Validate(string)"/>
    public static ValidationReport Validate(string json) => IndexDefinitionSerializer.Default.Validate(json);

    /// <inheritdoc cref="IndexDefinitionSerializer.Save(IndexDefinition)"/>
    public static string Save(IndexDefinition definition) => IndexDefinitionSerializer.Default.Save(definition);

    /// <inheritdoc cref="IndexDefinitionSerializer.Save(IndexDefinition, Stream)"/>
    public static void Save(IndexDefinition definition, Stream utf8Json) => IndexDefinitionSerializer.Default.Save(definition, utf8Json);

    /// <inheritdoc cref="IndexDefinitionSerializer.SaveFile(IndexDefinition, string)"/>
    public static void SaveFile(IndexDefinition definition, string path) => IndexDefinitionSerializer.Default.SaveFile(definition, path);

    /// <inheritdoc cref="IndexDefinitionSerializer.ToCanonicalJson(IndexDefinition)"/>
    public static string ToCanonicalJson(IndexDefinition definition) => IndexDefinitionSerializer.Default.ToCanonicalJson(definition);

    /// <inheritdoc cref="IndexDefinitionSerializer.Fingerprint(IndexDefinition)"/>
    public static string Fingerprint(IndexDefinition definition) => IndexDefinitionSerializer.Default.Fingerprint(definition);

    /// <summary>Gets the library version recorded in results: the assembly's informational version (e.g. <c>0.1.0+abc123</c>).</summary>
    /// <remarks>Read once (a constant of the loaded assembly): every result records it, and the attribute look-up by
    /// reflection cost about 3 µs per evaluation.</remarks>
    public static string LibraryVersion { get; } =
        typeof(IndexDefinitionJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(IndexDefinitionJson).Assembly.GetName().Version?.ToString() ?? "unknown";
}
