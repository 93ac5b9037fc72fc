using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CompositeIndex.Serialization;

/// <summary>
/// Checks a parsed document against the serializer's contract (the same <see cref="JsonTypeInfo"/> metadata the
/// serializer uses) and collects every problem: wrong JSON types, nulls where a value is required, missing
/// required properties, unknown properties (with the nearest known name), unknown or missing method names (with the
/// nearest registered name), unknown enum values and numbers out of range. The serializer itself stops at the first
/// problem; this pass is what lets a load report all of them at once.
/// </summary>
internal sealed class ShapeChecker(JsonSerializerOptions options, List<DefinitionError> errors)
{
    /// <summary>Gets the unknown properties found (object and name), so that a caller can drop them and go on.</summary>
    public List<(JsonTree Node, string Name)> UnknownProperties { get; } = [];

    /// <summary>Gets the omitted init-only members and the JSON of their initial values (see <see cref="DefinitionJsonOptions.OmittedMemberDefault"/>).</summary>
    public List<(JsonTree Node, string Name, byte[] Json)> OmittedDefaults { get; } = [];

    public void CheckObject(JsonTree node, Type type, string path, IReadOnlySet<string>? ignore = null)
    {
        var ti = options.GetTypeInfo(type);
        if (node.Kind != JsonValueKind.Object)
        {
            Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Expected {Expected(type)}, found {node.Describe()}.");
            return;
        }

        if (ti.PolymorphismOptions is { } poly)
        {
            CheckPolymorphic(node, ti, poly, path);
            return;
        }

        CheckProperties(node, ti, path, ignore);
    }

    public void Check(JsonTree node, Type type, string path, bool nullable)
    {
        if (node.Kind == JsonValueKind.Null)
        {
            if (!nullable && Nullable.GetUnderlyingType(type) is null)
            {
                Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Expected {Expected(type)}, found null.");
            }

            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            Expect(node, JsonValueKind.String, type, path);
            return;
        }

        if (type == typeof(bool))
        {
            if (node.Kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Expected true or false, found {node.Describe()}.");
            }

            return;
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            if (Expect(node, JsonValueKind.Number, type, path)
                && (!double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)
                    || (type == typeof(float) && !float.IsFinite((float)d))))
            {
                Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"The number {node.Text} is out of range.");
            }

            return;
        }

        if (IsInteger(type, out var min, out var max))
        {
            if (Expect(node, JsonValueKind.Number, type, path))
            {
                if (!decimal.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || m != decimal.Truncate(m))
                {
                    Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Expected a whole number, found {node.Text}.");
                }
                else if (m < min || m > max)
                {
                    Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"The number {node.Text} is out of range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
                }
            }

            return;
        }

        if (type.IsEnum)
        {
            if (Expect(node, JsonValueKind.String, type, path))
            {
                var names = Enum.GetNames(type).Select(DefinitionJsonOptions.EnumName).ToList();
                if (!names.Contains(node.Text!, StringComparer.OrdinalIgnoreCase))
                {
                    Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Unknown value \"{node.Text}\"{DefinitionValidator.Suggest(node.Text!, names)}; expected one of {Quote(names)}.");
                }
            }

            return;
        }

        var ti = options.GetTypeInfo(type);
        switch (ti.Kind)
        {
            case JsonTypeInfoKind.Enumerable when ti.ElementType is { } element:
                if (Expect(node, JsonValueKind.Array, type, path))
                {
                    for (var i = 0; i < node.Items!.Count; i++)
                    {
                        Check(node.Items[i], element, JsonTree.Index(path, i), nullable: false);
                    }
                }

                return;
            case JsonTypeInfoKind.Dictionary when ti.ElementType is { } value:
                if (Expect(node, JsonValueKind.Object, type, path))
                {
                    foreach (var p in node.Properties!)
                    {
                        Check(p.Value, value, JsonTree.Child(path, p.Name), nullable: false);
                    }
                }

                return;
            case JsonTypeInfoKind.Object:
                CheckObject(node, type, path);
                return;
            default:
                // Other primitives (dates, GUIDs, ...): left to the serializer, whose error is mapped to a path.
                return;
        }
    }

    private void CheckPolymorphic(JsonTree node, JsonTypeInfo ti, JsonPolymorphismOptions poly, string path)
    {
        var kind = KindName(ti.Type);
        var known = poly.DerivedTypes.Select(d => (string)d.TypeDiscriminator!).ToList();
        var prop = node.Find(poly.TypeDiscriminatorPropertyName);
        var methodPath = JsonTree.Child(path, poly.TypeDiscriminatorPropertyName);
        if (prop is null)
        {
            Error(ErrorCodes.Missing, methodPath, node.Line, $"The {kind} has no \"{poly.TypeDiscriminatorPropertyName}\"; expected one of {Quote(known)}.");
            return;
        }

        if (prop.Value.Kind != JsonValueKind.String)
        {
            Error(ErrorCodes.InvalidJsonValue, methodPath, prop.Line, $"Expected a {kind} name (a string), found {prop.Value.Describe()}.");
            return;
        }

        var name = prop.Value.Text!;
        var match = poly.DerivedTypes.FirstOrDefault(d => (string)d.TypeDiscriminator! == name);
        if (match.DerivedType is null)
        {
            var nearest = DefinitionValidator.Nearest(name, known);
            var hint = nearest is null ? string.Empty : $" Did you mean \"{nearest}\"?";
            Error(ErrorCodes.UnknownMethod, methodPath, prop.Line, $"Unknown {kind} \"{name}\".{hint} Known: {Quote(known)}.");
            return;
        }

        CheckProperties(node, options.GetTypeInfo(match.DerivedType), path, new HashSet<string>(StringComparer.Ordinal) { poly.TypeDiscriminatorPropertyName });
    }

    private void CheckProperties(JsonTree node, JsonTypeInfo ti, string path, IReadOnlySet<string>? ignore)
    {
        var byName = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
        foreach (var p in ti.Properties)
        {
            byName[p.Name] = p;
        }

        foreach (var p in node.Properties!)
        {
            if (ignore?.Contains(p.Name) == true)
            {
                continue;
            }

            var childPath = JsonTree.Child(path, p.Name);
            if (!byName.TryGetValue(p.Name, out var info))
            {
                var hint = DefinitionValidator.Nearest(p.Name, byName.Keys) is { } near ? $" Did you mean \"{near}\"?" : string.Empty;
                var where = ti.Type == typeof(IndexDefinition) ? "the index" : $"a {KindName(ti.Type)}";
                Error(ErrorCodes.UnknownProperty, childPath, p.Line, $"Unknown property \"{p.Name}\" in {where}.{hint} Known: {Quote(byName.Keys)}.");
                UnknownProperties.Add((node, p.Name));
                continue;
            }

            Check(p.Value, info.PropertyType, childPath, DefinitionJsonOptions.IsNullable(info));
        }

        foreach (var info in ti.Properties)
        {
            if (node.Find(info.Name) is null && DefinitionJsonOptions.OmittedMemberDefault(ti, info) is { } json)
            {
                OmittedDefaults.Add((node, info.Name, json));
            }

            if (DefinitionJsonOptions.IsRequired(info) && node.Find(info.Name) is null)
            {
                Error(ErrorCodes.Missing, JsonTree.Child(path, info.Name), node.Line, $"The required property \"{info.Name}\" is missing from {(ti.Type == typeof(IndexDefinition) ? "the index" : $"this {KindName(ti.Type)}")}.");
            }
        }
    }

    private bool Expect(JsonTree node, JsonValueKind kind, Type type, string path)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        Error(ErrorCodes.InvalidJsonValue, path, node.Line, $"Expected {Expected(type)}, found {node.Describe()}.");
        return false;
    }

    private void Error(string code, string path, int line, string message) => errors.Add(new DefinitionError(code, path, message) { Line = line });

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (IsInteger(type, out _, out _))
        {
            return "a whole number";
        }

        if (type.IsEnum)
        {
            return $"one of {Quote(Enum.GetNames(type).Select(DefinitionJsonOptions.EnumName))}";
        }

        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object of name/value pairs",
            _ => $"a {KindName(type)} object",
        };
    }

    /// <summary>A readable name of a definition type for messages: "normalization method", "group", ...</summary>
    private static string KindName(Type type)
    {
        if (type == typeof(IndexDefinition))
        {
            return "index";
        }

        // A method record is named by its abstract base ("normalization method", "missing data policy").
        var named = type;
        for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
        {
            if (b.IsAbstract)
            {
                named = b;
                break;
            }
        }

        var name = named.Name.EndsWith("Definition", StringComparison.Ordinal) ? named.Name[..^"Definition".Length] : named.Name;
        return Words(name);
    }

    private static string Words(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    private static bool IsInteger(Type type, out decimal min, out decimal max)
    {
        (min, max) = Type.GetTypeCode(type) switch
        {
            TypeCode.Byte => (byte.MinValue, byte.MaxValue),
            TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
            TypeCode.Int16 => (short.MinValue, short.MaxValue),
            TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
            TypeCode.Int32 => (int.MinValue, int.MaxValue),
            TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
            TypeCode.Int64 => (long.MinValue, long.MaxValue),
            TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
            _ => (0m, -1m),
        };
        return max >= min && !type.IsEnum;
    }
}
