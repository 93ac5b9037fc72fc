using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Serialization;

/// <summary>
/// Generates random, valid definitions by reflection over the definition records and the method registry, so that
/// methods and properties added later by anyone are generated without changing this class: every registered method
/// record is constructed with random parameters, every init property is set at random. Invalid parts (a method whose
/// random parameters fail its own validation) are pruned using the paths of <see cref="IndexDefinition.Validate"/>.
/// </summary>
internal sealed partial class RandomDefinitions(Random rng, MethodRegistry registry)
{
    private static readonly double[] NiceDoubles = [0, 1, -1, 0.5, 2, 3, 10, 100, 1e-9, 1e-3, 0.1, 1.0 / 3, 123.456, -42.125, 1e15, 2.5e-8, 7.25, 1e300, double.Epsilon];

    private static readonly string[] Texts =
    [
        "Life expectancy", "GNI per capita (2017 PPP $)", "인간개발지수", "Indice de développement", "with \"quotes\" and \\ backslash",
        "line\nbreak\ttab", "control \u0001 char", "emoji 😀", "", " ", "2022", "a.b[0]", "$.x", "ü", "/* not a comment */",
    ];

    /// <summary>Reflection results per type (test-only cache; reflection and nullability lookups dominate generation time).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Shape> Shapes = new();

    private ImmutableArray<string> ids = [];

    /// <summary>Gets the identifiers of the nodes of the definition being generated (used for string parameters).</summary>
    private IEnumerable<string> StringPool => [.. ids, "2020", "2021", "2022", "x", .. Texts];

    public static IndexDefinition Create(int seed) => new RandomDefinitions(new Random(seed), MethodRegistry.Default).Definition();

    public IndexDefinition Definition()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var d = Prune(Candidate());
            if (d is not null)
            {
                return d;
            }
        }

        throw new InvalidOperationException("Could not generate a valid definition in 100 attempts.");
    }

    /// <summary>Creates a random instance of a registered method record (or any definition type).</summary>
    public object? Value(Type type, bool nullable, int depth)
    {
        if (nullable && rng.Next(4) == 0)
        {
            return null;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Value(underlying, nullable: false, depth);
        }

        if (type == typeof(double))
        {
            return rng.Next(3) == 0 ? Math.Round((rng.NextDouble() * 2000) - 1000, rng.Next(0, 16)) : NiceDoubles[rng.Next(NiceDoubles.Length)];
        }

        if (type == typeof(float))
        {
            return (float)NiceDoubles[rng.Next(NiceDoubles.Length - 2)];
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte))
        {
            return Convert.ChangeType(rng.Next(0, 8), type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(bool))
        {
            return rng.Next(2) == 0;
        }

        if (type == typeof(string))
        {
            var pool = StringPool.ToList();
            return pool[rng.Next(pool.Count)];
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(rng.Next(values.Length));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var count = depth > 4 ? 0 : rng.Next(0, 4);
            count = depth > 3 && element.IsAbstract ? 1 : count;
            var array = Array.CreateInstance(element, count);
            for (var i = 0; i < count; i++)
            {
                array.SetValue(Value(element, nullable: false, depth + 1), i);
            }

            return typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element).Invoke(null, [array]);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            var valueType = type.GetGenericArguments()[1];
            var builder = typeof(ImmutableSortedDictionary).GetMethods()
                .Single(m => m.Name == nameof(ImmutableSortedDictionary.CreateBuilder) && m.GetParameters().Length == 0)
                .MakeGenericMethod(typeof(string), valueType).Invoke(null, null)!;
            var dict = (IDictionary)builder;
            var count = depth > 4 ? 0 : rng.Next(0, 4);
            var pool = StringPool.ToList();
            for (var i = 0; i < count; i++)
            {
                dict[pool[rng.Next(pool.Count)]] = Value(valueType, nullable: false, depth + 1);
            }

            return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, null);
        }

        if (type.IsAbstract)
        {
            var candidates = registry.Methods.Values.Where(t => !t.IsAbstract && type.IsAssignableFrom(t)).ToList();
            if (depth > 3)
            {
                // Deep inside recursive structures (expressions): prefer leaves, so required members are never cut off.
                var least = candidates.Select(Nesting).DefaultIfEmpty(0).Min();
                candidates = [.. candidates.Where(c => Nesting(c) == least)];
            }

            return candidates.Count == 0 ? null : Construct(candidates[rng.Next(candidates.Count)], depth + 1);
        }

        if (type.IsClass && type.Namespace?.StartsWith("CompositeIndex", StringComparison.Ordinal) == true)
        {
            return Construct(type, depth + 1);
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    /// <summary>How many constructor parameters of a type hold other abstract (recursive) definition parts.</summary>
    private static int Nesting(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .Count(p => p.ParameterType.IsAbstract || (p.ParameterType.IsGenericType && p.ParameterType.GetGenericArguments().Any(a => a.IsAbstract)));

    /// <summary>Constructs a record through its widest public constructor and sets each other init property at random.</summary>
    public object Construct(Type type, int depth)
    {
        var shape = Shapes.GetOrAdd(type, Shape.Of);
        var args = shape.Parameters.Select(p => Value(p.Type, p.Nullable, depth)).ToArray();
        var instance = shape.Constructor.Invoke(args);
        foreach (var (p, nullable) in shape.Properties)
        {
            if (rng.Next(5) < 3)
            {
                p.SetValue(instance, Value(p.PropertyType, nullable, depth));
            }
        }

        return instance;
    }

    private IndexDefinition Candidate()
    {
        var n = rng.Next(1, 9);
        var k = rng.Next(1, Math.Min(4, n + 1) + 1);
        var indicatorIds = Enumerable.Range(0, n).Select(i => rng.Next(3) == 0 ? $"지표{i}" : $"i{i}").ToList();
        var groupIds = Enumerable.Range(0, k).Select(i => i == 0 ? "root" : $"g{i}").ToList();
        ids = [.. indicatorIds, .. groupIds];

        var children = groupIds.ToDictionary(g => g, _ => new List<string>());
        for (var g = 1; g < k; g++)
        {
            children[groupIds[rng.Next(g)]].Add(groupIds[g]);
        }

        // Every group needs a child: give each non-root group one indicator first (k - 1 ≤ n), then the rest at random.
        var order = indicatorIds.OrderBy(_ => rng.Next()).ToList();
        var next = 0;
        for (var g = 1; g < k; g++)
        {
            children[groupIds[g]].Add(order[next++]);
        }

        for (; next < n; next++)
        {
            children[groupIds[rng.Next(k)]].Add(order[next]);
        }

        if (children["root"].Count == 0)
        {
            return Candidate();
        }

        double[] weights = [1, 1, 1, 0.5, 2, 0, 1.0 / 3, 1e-3, 7.25, 1e6];
        var indicators = indicatorIds.Select(id =>
            (IndicatorDefinition)Construct(typeof(IndicatorDefinition), 0) with { Id = id }).ToImmutableArray();
        var groups = groupIds.Select(id => (GroupDefinition)Construct(typeof(GroupDefinition), 0) with
        {
            Id = id,
            Children = [.. children[id].Select((c, i) => new ChildReference(c, i == 0 ? 1 + rng.Next(3) : weights[rng.Next(weights.Length)]))],
        }).ToImmutableArray();

        var d = (IndexDefinition)Construct(typeof(IndexDefinition), 0);
        return d with
        {
            Id = rng.Next(2) == 0 ? "index" : "지수",
            Name = Texts[rng.Next(Texts.Length)] is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name) ? name : "Index",
            Indicators = indicators,
            Groups = groups.OrderBy(_ => rng.Next()).ToImmutableArray(),
            Root = rng.Next(2) == 0 ? "root" : null,
            Normalization = d.Normalization ?? (NormalizationMethod?)Value(typeof(NormalizationMethod), nullable: false, 0),
        };
    }

    /// <summary>Removes (sets to default) every part a validation error points into; null when the structure itself is wrong.</summary>
    private static IndexDefinition? Prune(IndexDefinition d)
    {
        for (var round = 0; round < 30; round++)
        {
            var report = d.Validate();
            if (report.IsValid)
            {
                return d;
            }

            foreach (var e in report.Errors)
            {
                var m = SlotPath().Match(e.Path);
                if (!m.Success)
                {
                    return null;
                }

                var property = m.Groups["prop"].Value;
                if (m.Groups["list"].Success)
                {
                    var i = int.Parse(m.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (m.Groups["list"].Value == "indicators")
                    {
                        if (property is "id")
                        {
                            return null;
                        }

                        d = d with { Indicators = d.Indicators.SetItem(i, Reset(d.Indicators[i], property)) };
                    }
                    else
                    {
                        if (property is "id" or "children")
                        {
                            return null;
                        }

                        d = d with { Groups = d.Groups.SetItem(i, Reset(d.Groups[i], property)) };
                    }
                }
                else
                {
                    d = property == "normalization" ? d with { Normalization = new RankNormalization() } : Reset(d, property);
                }
            }
        }

        return null;
    }

    /// <summary>Returns a copy of a record with one property reset to its type's default (null for references).</summary>
    private static T Reset<T>(T record, string jsonName)
        where T : class
    {
        var p = typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, jsonName, StringComparison.OrdinalIgnoreCase) && p.SetMethod is not null)
            ?? throw new InvalidOperationException($"No property {jsonName} on {typeof(T).Name}.");
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        object? value = p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null;
        if (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>))
        {
            value = p.PropertyType.GetField("Empty")!.GetValue(null);
        }

        p.SetValue(clone, value);
        return clone;
    }

    private sealed record Shape(ConstructorInfo Constructor, ImmutableArray<(Type Type, bool Nullable)> Parameters, ImmutableArray<(PropertyInfo Property, bool Nullable)> Properties)
    {
        public static Shape Of(Type type)
        {
            var nullability = new NullabilityInfoContext();
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var parameters = ctor.GetParameters();
            return new Shape(
                ctor,
                [.. parameters.Select(p => (p.ParameterType, nullability.Create(p).WriteState == NullabilityState.Nullable))],
                [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0
                        && !parameters.Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
                    .Select(p => (p, nullability.Create(p).WriteState == NullabilityState.Nullable))]);
        }
    }

    [GeneratedRegex(@"^\$(?:\.(?<list>indicators|groups)\[(?<i>\d+)\])?\.(?<prop>[A-Za-z]+)")]
    private static partial Regex SlotPath();
}
