using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CompositeIndex.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// The address of a method parameter: a JSON Pointer (RFC 6901) into the method's JSON as the registry serialises it,
/// e.g. <c>/upper</c> or <c>/reference/period</c>. The dotted camelCase form of earlier factor files
/// (<c>"reference.period"</c>) reads as the same pointer (<c>/reference/period</c>).
/// </summary>
internal sealed class ParameterAddress
{
    private ParameterAddress(ImmutableArray<string> segments)
    {
        Segments = segments;
        Pointer = Format(segments);
    }

    /// <summary>Gets the pointer's reference tokens, unescaped.</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>Gets the pointer in RFC 6901 form (<c>/reference/period</c>).</summary>
    public string Pointer { get; }

    /// <summary>Reads a pointer (<c>/a/b</c>) or, as a migration, a dotted path (<c>a.b</c>); null with the problem when it is malformed.</summary>
    public static ParameterAddress? Parse(string? text, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The parameter is empty; give a JSON Pointer into the method's JSON, e.g. \"/upper\".";
            return null;
        }

        ImmutableArray<string> segments;
        if (text[0] == '/')
        {
            var parts = text[1..].Split('/');
            var builder = ImmutableArray.CreateBuilder<string>(parts.Length);
            foreach (var part in parts)
            {
                // RFC 6901 §3–4: '~' is escaped as '~0' and '/' as '~1'; any other '~' is malformed.
                for (var i = 0; i < part.Length; i++)
                {
                    if (part[i] == '~' && (i + 1 >= part.Length || (part[i + 1] != '0' && part[i + 1] != '1')))
                    {
                        problem = $"'{text}' is not a JSON Pointer (RFC 6901): '~' must be followed by '0' or '1'.";
                        return null;
                    }
                }

                builder.Add(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            segments = builder.MoveToImmutable();
        }
        else
        {
            // Migration: the dotted camelCase property path of factor files written before pointers ("reference.period").
            segments = [.. text.Split('.')];
        }

        if (segments.Any(string.IsNullOrEmpty))
        {
            problem = $"'{text}' has an empty reference token; a parameter pointer names a member, e.g. \"/reference/period\".";
            return null;
        }

        problem = null;
        return new ParameterAddress(segments);
    }

    /// <summary>Formats reference tokens as an RFC 6901 pointer.</summary>
    public static string Format(IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override string ToString() => Pointer;
}

/// <summary>
/// Reads and sets a method parameter through the method's JSON contract (the registry's serializer), never through
/// C# property names: the pointer is resolved on the serializer's metadata (<see cref="JsonTypeInfo"/>, JSON member
/// names), the value is set in the method's JSON, and the JSON is deserialised back through the registry (which
/// checks the method name) before the method's own validation runs.
/// </summary>
internal static class MethodParameters
{
    private const string TrimJustification = DefinitionJsonOptions.TrimJustification;

    /// <summary>A resolved parameter: its declared type, its nominal value, and the pointer with the members' JSON names.</summary>
    public sealed record Resolved(Type Type, object? Value, ImmutableArray<string> Names);

    /// <summary>The serializer options that know the method's type: the default registry's, or those of the default registry plus the method's own type (a third-party method).</summary>
    public static JsonSerializerOptions OptionsFor(object method)
    {
        var type = method.GetType();
        var registry = MethodRegistry.Default;
        if (registry.Methods.ContainsValue(type))
        {
            return IndexDefinitionSerializer.Default.Options;
        }

        return new IndexDefinitionSerializer(registry.Including(type, MethodName(method))).Options;
    }

    /// <summary>The kind of a method as the definition names it (for messages).</summary>
    public static string Describe(object method) => $"{MethodName(method)} {method switch
    {
        NormalizationMethod => "normalisation",
        AggregationMethod => "aggregation",
        MissingDataPolicy => "missing-data policy",
        PipelineStep => "step",
        _ => "method",
    }}";

    /// <summary>Resolves a pointer on a method's JSON contract; null with the problem (naming the pointer and the members there) when it does not resolve.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = TrimJustification)]
    public static Resolved? Resolve(object method, ParameterAddress address, JsonSerializerOptions options, out string? problem)
    {
        object? current = method;
        Type type = method.GetType();
        var names = ImmutableArray.CreateBuilder<string>(address.Segments.Length);
        for (var i = 0; i < address.Segments.Length; i++)
        {
            var at = ParameterAddress.Format(names);
            if (current is null)
            {
                problem = $"'{address.Pointer}' does not resolve in the {Describe(method)}: '{at}' is not set.";
                return null;
            }

            var info = options.GetTypeInfo(current.GetType());
            var segment = address.Segments[i];

            // JSON member names as the registry writes them; the case-insensitive match reads PascalCase paths of old files.
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.Ordinal))
                ?? info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (property?.Get is null || info.Kind != JsonTypeInfoKind.Object)
            {
                var members = info.Kind == JsonTypeInfoKind.Object ? info.Properties.Where(p => p.Get is not null).Select(p => p.Name).ToList() : [];
                problem = members.Count == 0
                    ? $"'{address.Pointer}' does not resolve in the {Describe(method)}: '{(at.Length == 0 ? "/" : at)}' is a value, not an object."
                    : $"'{address.Pointer}' does not resolve in the {Describe(method)}: '{(at.Length == 0 ? "/" : at)}' has no member '{segment}' (its members: {string.Join(", ", members)}){DefinitionValidator.Suggest(segment, members)}.";
                return null;
            }

            names.Add(property.Name);
            type = property.PropertyType;
            current = property.Get(current);
        }

        problem = null;
        return new Resolved(type, current, names.MoveToImmutable());
    }

    /// <summary>
    /// Returns a copy of the method with the parameter at the pointer set to <paramref name="value"/>: the method is
    /// serialised by the registry, the value is set in its JSON, and the JSON is deserialised back through the registry.
    /// </summary>
    /// <exception cref="ArgumentException">The pointer does not resolve in this method.</exception>
    /// <exception cref="JsonException">The value does not fit the parameter (deserialisation refused it).</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = TrimJustification)]
    public static object With(object method, ParameterAddress address, JsonNode? value, JsonSerializerOptions options)
    {
        var resolved = Resolve(method, address, options, out var problem) ?? throw new ArgumentException(problem, nameof(address));
        var baseType = BaseType(method);
        var root = JsonSerializer.SerializeToNode(method, baseType, options) as JsonObject
            ?? throw new ArgumentException($"The {Describe(method)} is not a JSON object.", nameof(method));
        var parent = root;
        for (var i = 0; i < resolved.Names.Length - 1; i++)
        {
            parent = parent[resolved.Names[i]] as JsonObject
                ?? throw new ArgumentException($"'{address.Pointer}' does not resolve in the JSON of the {Describe(method)}.", nameof(address));
        }

        parent[resolved.Names[^1]] = value;
        return JsonSerializer.Deserialize(root, baseType, options)
            ?? throw new JsonException($"The {Describe(method)} with '{address.Pointer}' set reads back as null.");
    }

    /// <summary>The JSON value of invariant text for a parameter type (number, text, enum name, boolean); null when the text does not fit the type.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = TrimJustification)]
    public static JsonNode? FromText(string text, Type type, JsonSerializerOptions options)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return JsonValue.Create(text);
        }

        if (t == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        if (t == typeof(float) && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return JsonValue.Create(f);
        }

        if (t == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return JsonValue.Create(i);
        }

        if (t == typeof(bool) && bool.TryParse(text, out var b))
        {
            return JsonValue.Create(b);
        }

        if (t.IsEnum && Enum.TryParse(t, text, ignoreCase: true, out var e) && Enum.IsDefined(t, e!))
        {
            // The enum as the registry writes it (its JSON name).
            return JsonSerializer.SerializeToNode(e, t, options);
        }

        return null;
    }

    /// <summary>The JSON value of a drawn number for a numeric parameter type (an integer parameter takes the nearest integer); null for other types.</summary>
    public static JsonNode? FromDouble(double value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(double))
        {
            return JsonValue.Create(value);
        }

        if (t == typeof(float))
        {
            return JsonValue.Create((float)value);
        }

        return t == typeof(int) ? JsonValue.Create((int)Math.Round(value)) : null;
    }

    /// <summary>Whether a parameter type is numeric (double, float, int).</summary>
    public static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(double) || t == typeof(float) || t == typeof(int);
    }

    private static Type BaseType(object method) => method switch
    {
        NormalizationMethod => typeof(NormalizationMethod),
        AggregationMethod => typeof(AggregationMethod),
        MissingDataPolicy => typeof(MissingDataPolicy),
        PipelineStep => typeof(PipelineStep),
        _ => throw new ArgumentException($"{method.GetType().Name} is not a method of a definition step.", nameof(method)),
    };

    private static string MethodName(object method) => method switch
    {
        NormalizationMethod n => n.MethodName,
        AggregationMethod a => a.MethodName,
        MissingDataPolicy m => m.MethodName,
        PipelineStep s => s.MethodName,
        _ => method.GetType().Name,
    };
}
