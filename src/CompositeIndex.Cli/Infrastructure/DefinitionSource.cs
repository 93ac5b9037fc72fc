using CompositeIndex.Serialization;

namespace CompositeIndex.Cli;

/// <summary>
/// Loads index definitions from JSON files for the commands, through the library's definition format
/// (<see cref="IndexDefinitionJson"/>): every problem reported at once with its JSON path and line.
/// </summary>
internal static class DefinitionSource
{
    /// <summary>Loads and validates a definition file.</summary>
    /// <exception cref="IndexDefinitionException">The file is not valid JSON, does not fit the format, or the definition is invalid.</exception>
    /// <exception cref="IndexDataException">The file cannot be read.</exception>
    public static IndexDefinition Load(string path) => IndexDefinitionJson.Load(ReadText(path));

    /// <summary>Checks a definition file and reports every problem (JSON syntax, shape, semantics) with its path.</summary>
    /// <exception cref="IndexDataException">The file cannot be read.</exception>
    public static ValidationReport Validate(string path) => IndexDefinitionJson.Validate(ReadText(path));

    /// <summary>Gets the fingerprint of a definition: the SHA-256 of its canonical JSON.</summary>
    public static string Fingerprint(IndexDefinition definition) => IndexDefinitionJson.Fingerprint(definition);

    /// <summary>Gets the JSON schema of the definition format.</summary>
    public static string Schema() => IndexDefinitionJson.Schema;

    /// <summary>Reads a UTF-8 text file, mapping I/O failures to <see cref="IndexDataException"/>.</summary>
    public static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot read the file: {ex.Message}", path, inner: ex);
        }
    }
}
