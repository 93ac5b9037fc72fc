using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// A JSON value with the 1-based line it starts on: the loader's own document model, so that every problem found
/// after parsing (wrong types, unknown properties, semantic errors) can be reported with a line number, and so that
/// version migrations can rewrite a document without losing positions.
/// </summary>
/// <remarks>Mutable, internal, single-threaded: lives for the duration of one load.</remarks>
internal sealed class JsonTree
{
    private JsonTree(JsonValueKind kind, int line)
    {
        Kind = kind;
        Line = line;
    }

    public JsonValueKind Kind { get; private set; }

    public int Line { get; }

    /// <summary>Gets the unescaped string, or the raw text of a number.</summary>
    public string? Text { get; private set; }

    public List<JsonTreeProperty>? Properties { get; private set; }

    public List<JsonTree>? Items { get; private set; }

    public static JsonTree String(string value, int line) => new(JsonValueKind.String, line) { Text = value };

    public static JsonTree Number(string raw, int line) => new(JsonValueKind.Number, line) { Text = raw };

    public static JsonTree Object(int line) => new(JsonValueKind.Object, line) { Properties = [] };

    public static JsonTree Array(int line) => new(JsonValueKind.Array, line) { Items = [] };

    public static JsonTree Literal(JsonValueKind kind, int line) => new(kind, line);

    public JsonTreeProperty? Find(string name) => Properties?.Find(p => p.Name == name);

    public JsonTree? Get(string name) => Find(name)?.Value;

    public void Remove(string name) => Properties?.RemoveAll(p => p.Name == name);

    public void Rename(string from, string to)
    {
        var p = Find(from);
        if (p is not null && Find(to) is null)
        {
            p.Name = to;
        }
    }

    public void Set(string name, JsonTree value, int line)
    {
        var p = Find(name);
        if (p is null)
        {
            Properties!.Add(new JsonTreeProperty(name, line, value));
        }
        else
        {
            p.Value = value;
        }
    }

    /// <summary>Describes the JSON kind for messages: "a string", "a number", ...</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(Text!)}\"",
        JsonValueKind.Number => $"the number {Shorten(Text!)}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Writes the tree as compact JSON (for the serializer, after checks and migrations).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in Properties!)
                {
                    writer.WritePropertyName(p.Name);
                    p.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in Items!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(Text);
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(Text!, skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    public byte[] ToUtf8()
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteTo(w);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Finds the line of a JSONPath such as <c>$.groups[2].children[0].weight</c>: the line of the deepest
    /// existing item along the path (for a present property, the line of its name).
    /// </summary>
    public int LineOf(string path)
    {
        var node = this;
        var line = Line;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                var name = path[(i + 1)..end];
                var prop = node.Kind == JsonValueKind.Object ? node.Find(name) : null;
                if (prop is null)
                {
                    return line;
                }

                line = prop.Line;
                node = prop.Value;
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return line;
                }

                var name = path[(i + 2)..end].Replace("\\'", "'", StringComparison.Ordinal);
                var prop = node.Kind == JsonValueKind.Object ? node.Find(name) : null;
                if (prop is null)
                {
                    return line;
                }

                line = prop.Line;
                node = prop.Value;
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    || node.Kind != JsonValueKind.Array || index >= node.Items!.Count)
                {
                    return line;
                }

                node = node.Items![index];
                line = node.Line;
                i = end + 1;
            }
            else
            {
                return line;
            }
        }

        return line;
    }

    /// <summary>Appends a property name to a JSONPath: <c>.name</c>, or <c>['odd name']</c> when needed.</summary>
    public static string Child(string path, string name)
    {
        var simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_' || name[0] == '$');
        foreach (var c in name)
        {
            simple &= char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';
        }

        return simple ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    public static string Index(string path, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 37), "...");

    /// <summary>
    /// Parses UTF-8 JSON (comments allowed, no trailing commas) into a tree. Duplicate property names are reported
    /// (the first occurrence is kept). Malformed JSON gives a single error and a <see langword="null"/> tree.
    /// </summary>
    public static JsonTree? Parse(ReadOnlySpan<byte> utf8, List<DefinitionError> errors)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Json, "$", "The input is empty; expected a JSON object.") { Line = 1 });
            return null;
        }

        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                errors.Add(new DefinitionError(ErrorCodes.Json, "$", "The input is empty; expected a JSON object.") { Line = 1 });
                return null;
            }

            var root = ReadValue(ref reader, lines, "$", errors);
            if (reader.Read())
            {
                // The reader rejects trailing content itself; kept for safety.
                errors.Add(new DefinitionError(ErrorCodes.Json, "$", "Unexpected content after the end of the JSON value.") { Line = lines.LineOf(reader.TokenStartIndex) });
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)Math.Min(l + 1, int.MaxValue) : lines.LineOf(reader.BytesConsumed);
            var message = reader.TokenType == JsonTokenType.None && reader.BytesConsumed >= utf8.Length ? "it holds no JSON value (only comments)." : Plain(ex.Message);
            errors.Add(new DefinitionError(ErrorCodes.Json, ex.Path ?? "$", $"The JSON text is malformed: {message}") { Line = line });
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // GetString() on invalid UTF-8 or lone surrogates.
            errors.Add(new DefinitionError(ErrorCodes.Json, "$", $"The JSON text is malformed: {Plain(ex.Message)}") { Line = lines.LineOf(reader.TokenStartIndex) });
            return null;
        }
    }

    private static JsonTree ReadValue(ref Utf8JsonReader reader, LineMap lines, string path, List<DefinitionError> errors)
    {
        var line = lines.LineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var obj = Object(line);
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyLine = lines.LineOf(reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    reader.Read();
                    var childPath = Child(path, name);
                    var value = ReadValue(ref reader, lines, childPath, errors);
                    if (seen.TryGetValue(name, out var firstLine))
                    {
                        errors.Add(new DefinitionError(ErrorCodes.DuplicateProperty, childPath, $"The property '{name}' appears more than once (first on line {firstLine}); each property may be given once.") { Line = keyLine });
                        continue;
                    }

                    seen[name] = keyLine;
                    obj.Properties!.Add(new JsonTreeProperty(name, keyLine, value));
                }

                return obj;
            }

            case JsonTokenType.StartArray:
            {
                var arr = Array(line);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    arr.Items!.Add(ReadValue(ref reader, lines, Index(path, arr.Items.Count), errors));
                }

                return arr;
            }

            case JsonTokenType.String:
                return String(reader.GetString()!, line);
            case JsonTokenType.Number:
                return Number(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan), line);
            case JsonTokenType.True:
                return Literal(JsonValueKind.True, line);
            case JsonTokenType.False:
                return Literal(JsonValueKind.False, line);
            case JsonTokenType.Null:
                return Literal(JsonValueKind.Null, line);
            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.");
        }
    }

    /// <summary>Removes the reader's internal jargon ("LineNumber: 3 | BytePositionInLine: 7.") from a message.</summary>
    private static string Plain(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Maps byte offsets to 1-based line numbers.</summary>
    private readonly struct LineMap
    {
        private readonly List<long> starts;

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            starts = [0];
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }
        }

        public int LineOf(long offset)
        {
            var i = starts.BinarySearch(offset);
            return (i >= 0 ? i : ~i - 1) + 1;
        }
    }
}

/// <summary>A property of a <see cref="JsonTree"/> object: its name, the line of the name, and its value.</summary>
internal sealed class JsonTreeProperty(string name, int line, JsonTree value)
{
    public string Name { get; set; } = name;

    public int Line { get; } = line;

    public JsonTree Value { get; set; } = value;
}
