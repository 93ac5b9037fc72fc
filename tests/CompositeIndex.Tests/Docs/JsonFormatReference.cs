using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Docs;

/// <summary>
/// Generates the reference part of docs/json-format.md from the serializer contract (every property the JSON format
/// accepts, its type and default), the XML documentation of the definition records (what it means) and the method
/// registry (every method with its parameters). <see cref="JsonFormatReferenceTests"/> checks the committed page.
/// </summary>
internal static partial class JsonFormatReference
{
    private static readonly Type[] MethodKinds =
        [typeof(NormalizationMethod), typeof(AggregationMethod), typeof(MissingDataPolicy), typeof(WeightingMethod), typeof(PipelineStep), typeof(OutputExpression)];

    private static readonly Lazy<Dictionary<string, string>> Docs = new(LoadDocs);

    private static JsonSerializerOptions Options => IndexDefinitionSerializer.Default.Options;

    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append("Names are camelCase. A property marked *required* must be present; any other may be omitted and then takes the\n")
          .Append("default shown (— = none: absent, empty or `null`). Methods are objects whose `\"method\"` names a registered method\n")
          .Append("(see [Methods](#methods)). This reference is generated from the serializer contract, the XML documentation and the\n")
          .Append("method registry by `tests/CompositeIndex.Tests/Docs/JsonFormatReference.cs`; a test fails when it is out of date.\n");
        var done = new HashSet<Type>();
        var queue = new Queue<(Type Type, string Path)>();
        queue.Enqueue((typeof(IndexDefinition), "(top level)"));
        while (queue.Count > 0)
        {
            var (type, path) = queue.Dequeue();
            if (!done.Add(type))
            {
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture, $"\n### {Title(type)}\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"At `{path}`. {Summary("T:" + type.FullName)}\n\n");
            Properties(sb, type, t => queue.Enqueue(t));
        }

        sb.Append("\n### Methods\n");
        foreach (var kind in MethodKinds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n#### {Title(kind)}\n\n{Summary("T:" + kind.FullName)}\n\n");
            foreach (var name in IndexDefinitionSerializer.Default.Registry.NamesOf(kind))
            {
                var type = IndexDefinitionSerializer.Default.Registry.Methods[name];
                sb.Append(CultureInfo.InvariantCulture, $"##### `{name}`\n\n{Summary("T:" + type.FullName)}\n\n");
                Properties(sb, type, t =>
                {
                    if (!done.Contains(t.Type))
                    {
                        queue.Enqueue(t);
                    }
                });
            }
        }

        // Objects reached only through method parameters (e.g. a normalisation reference, a unit filter).
        while (queue.Count > 0)
        {
            var (type, path) = queue.Dequeue();
            if (!done.Add(type))
            {
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture, $"\n#### {Title(type)}\n\nAt `{path}`. {Summary("T:" + type.FullName)}\n\n");
            Properties(sb, type, t => queue.Enqueue(t));
        }

        return sb.ToString();
    }

    /// <summary>Every (declaring type, JSON property) the format accepts.</summary>
    public static IEnumerable<(Type Type, string Property)> AllProperties()
    {
        var seen = new HashSet<Type>();
        var stack = new Stack<Type>([typeof(IndexDefinition), .. IndexDefinitionSerializer.Default.Registry.Methods.Values]);
        while (stack.Count > 0)
        {
            var type = stack.Pop();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var p in Options.GetTypeInfo(type).Properties.Where(p => p.Name != DefinitionJsonOptions.Discriminator))
            {
                yield return (type, p.Name);
                if (ObjectType(p.PropertyType) is { } nested)
                {
                    stack.Push(nested);
                }
            }
        }
    }

    private static void Properties(StringBuilder sb, Type type, Action<(Type Type, string Path)> nested)
    {
        var info = Options.GetTypeInfo(type);
        var properties = info.Properties.Where(p => p.Name != DefinitionJsonOptions.Discriminator).ToList();
        if (properties.Count == 0)
        {
            sb.Append("No parameters.\n\n");
            return;
        }

        var defaults = DefaultInstance(type);
        sb.Append("| property | type | default | meaning |\n|---|---|---|---|\n");
        foreach (var p in properties)
        {
            var member = p.AttributeProvider as MemberInfo;
            var doc = member is null ? string.Empty : Summary($"P:{member.DeclaringType!.FullName}.{member.Name}");
            var required = DefinitionJsonOptions.IsRequired(p);
            var fallback = required ? "*required*" : DefaultText(p, defaults);
            sb.Append(CultureInfo.InvariantCulture, $"| `{p.Name}` | {TypeText(p.PropertyType)} | {fallback} | {Cell(doc)} |\n");
            if (ObjectType(p.PropertyType) is { } t)
            {
                nested((t, $"{Title(type)}.{p.Name}"));
            }
        }

        sb.Append('\n');
    }

    /// <summary>The plain object type (not a method, not a primitive) a property holds directly or as elements.</summary>
    private static Type? ObjectType(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            t = t.GetGenericArguments()[0];
        }
        else if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
        {
            t = t.GetGenericArguments()[1];
        }

        return t.IsClass && t != typeof(string) && !t.IsAbstract && t.Namespace == "CompositeIndex" ? t : null;
    }

    private static string TypeText(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return "array of " + TypeText(t.GetGenericArguments()[0]);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
        {
            return "object of " + TypeText(t.GetGenericArguments()[1]);
        }

        if (t.IsEnum)
        {
            return string.Join(" \\| ", Enum.GetNames(t).Select(n => $"`\"{DefinitionJsonOptions.EnumName(n)}\"`"));
        }

        if (MethodKinds.FirstOrDefault(k => k.IsAssignableFrom(t)) is { } kind)
        {
            return $"{Title(kind)} method";
        }

        return t == typeof(string) ? "string"
            : t == typeof(bool) ? "boolean"
            : t == typeof(int) || t == typeof(long) ? "integer"
            : t == typeof(double) || t == typeof(decimal) ? "number"
            : Title(t);
    }

    private static string DefaultText(JsonPropertyInfo p, object? defaults)
    {
        if (defaults is null || p.Get is null)
        {
            return "—";
        }

        var value = p.Get(defaults);
        if (value is null || (value is IEnumerable e and not string && !e.Cast<object>().Any()))
        {
            return "—";
        }

        return "`" + JsonSerializer.Serialize(value, p.PropertyType, Options).Replace("|", "\\|", StringComparison.Ordinal) + "`";
    }

    private static object? DefaultInstance(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (ctor is null)
        {
            return null;
        }

        try
        {
            return ctor.Invoke([.. ctor.GetParameters().Select(p => p.HasDefaultValue && p.DefaultValue is not DBNull ? p.DefaultValue
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : p.ParameterType == typeof(string) ? string.Empty : null)]);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static string Title(Type t) => t.Name switch
    {
        nameof(IndexDefinition) => "Index",
        nameof(IndicatorDefinition) => "Indicator",
        nameof(GroupDefinition) => "Group",
        nameof(ChildReference) => "Child",
        nameof(VariantDefinition) => "Variant",
        nameof(OutputDefinition) => "Output",
        _ => t.Name,
    };

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Summary(string member) => Docs.Value.TryGetValue(member, out var s) ? s : string.Empty;

    private static Dictionary<string, string> LoadDocs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CompositeIndex.xml");
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in XDocument.Load(path).Descendants("member"))
        {
            if (m.Attribute("name")?.Value is { } name && m.Element("summary") is { } summary)
            {
                docs[name] = Text(summary);
            }
        }

        return docs;
    }

    /// <summary>The last name of a cref (<c>M:CompositeIndex.OutputRounding.Round(System.Double)</c> → <c>Round</c>).</summary>
    private static string CrefName(string cref)
    {
        var name = cref.Split('(')[0];
        return name[(name.LastIndexOfAny(['.', ':']) + 1)..];
    }

    /// <summary>The plain text of a doc element: crefs by their last name, <c>code</c> in backticks, whitespace collapsed.</summary>
    private static string Text(XElement e)
    {
        var sb = new StringBuilder();
        foreach (var node in e.Nodes())
        {
            sb.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" } s when s.Attribute("cref") is { } c => "`" + CrefName(c.Value) + "`",
                XElement { Name.LocalName: "see" } s when s.Attribute("langword") is { } l => "`" + l.Value + "`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } s => "`" + s.Attribute("name")?.Value + "`",
                XElement { Name.LocalName: "c" } c => "`" + c.Value + "`",
                XElement x => Text(x),
                _ => string.Empty,
            });
        }

        return Spaces().Replace(sb.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>docs/json-format.md's reference is generated and complete.</summary>
public sealed class JsonFormatReferenceTests
{
    private const string Begin = "<!-- reference: generated by tests/CompositeIndex.Tests/Docs/JsonFormatReference.cs; UPDATE_JSON_FORMAT_DOCS=1 dotnet test rewrites it -->";
    private const string End = "<!-- end reference -->";
    private static readonly string PathOfPage = Path.Combine(SharedData.RepoRoot, "docs", "json-format.md");

    [Fact]
    public void JsonFormatPage_Reference_IsGeneratedFromSchemaDocsAndRegistry()
    {
        var text = File.ReadAllText(PathOfPage).ReplaceLineEndings("\n");
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/json-format.md must contain {Begin} ... {End}");
        var expected = text[..(start + Begin.Length)] + "\n" + JsonFormatReference.Generate() + text[end..];
        if (Environment.GetEnvironmentVariable("UPDATE_JSON_FORMAT_DOCS") == "1")
        {
            File.WriteAllText(PathOfPage, expected);
        }

        Assert.True(expected == text, "docs/json-format.md's reference is out of date: run UPDATE_JSON_FORMAT_DOCS=1 dotnet test --filter JsonFormatReferenceTests and commit.");
    }

    /// <summary>Every property of every object in the JSON schema is documented in the page, with a meaning.</summary>
    [Fact]
    public void JsonFormatPage_EverySchemaProperty_IsDocumentedWithAMeaning()
    {
        var page = File.ReadAllText(PathOfPage);
        var schema = JsonNode.Parse(IndexDefinitionSerializer.Default.GenerateSchema())!;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(schema, names);
        names.ExceptWith(["$schema", "schemaVersion", DefinitionJsonOptions.Discriminator]);
        var undocumented = names.Where(n => !page.Contains($"| `{n}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "Schema properties missing from docs/json-format.md: " + string.Join(", ", undocumented));

        var noMeaning = JsonFormatReference.AllProperties().Where(p => Regex.IsMatch(page, $@"\| `{Regex.Escape(p.Property)}` \|[^\n]*\| \|\n")).Select(p => $"{p.Type.Name}.{p.Property}").Distinct().ToList();
        Assert.True(noMeaning.Count == 0, "Properties without a meaning (XML <summary>) in docs/json-format.md: " + string.Join(", ", noMeaning));
    }

    private static void Collect(JsonNode? node, ISet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject props)
                {
                    foreach (var (name, _) in props)
                    {
                        names.Add(name);
                    }
                }

                foreach (var (_, child) in o)
                {
                    Collect(child, names);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, names);
                }

                break;
        }
    }
}
