using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace CompositeIndex.Serialization;

/// <summary>
/// Fingerprints of definitions whose methods may not all be registered (results carry the fingerprint of any
/// definition that compiled, including ones with third-party methods that were never added to a registry).
/// </summary>
internal static class DefinitionFingerprints
{
    public static string Of(IndexDefinition definition)
    {
        try
        {
            return IndexDefinitionSerializer.Default.Fingerprint(definition);
        }
        catch (IndexDefinitionException)
        {
            return new IndexDefinitionSerializer(WithUnregisteredMethods(definition, MethodRegistry.Default)).Fingerprint(definition);
        }
    }

    /// <summary>
    /// Returns <paramref name="registry"/> plus every method record found in <paramref name="definition"/> that it
    /// lacks, each under its <c>MethodName</c> (or its type name).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("Trimming", "IL2076", Justification = DefinitionJsonOptions.TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    public static MethodRegistry WithUnregisteredMethods(IndexDefinition definition, MethodRegistry registry)
    {
        var bases = registry.Methods.Values.SelectMany(AbstractBases).ToHashSet();
        var registered = registry.Methods.Values.ToHashSet();
        var found = new List<object>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(definition, 0);
        var with = typeof(MethodRegistry).GetMethod(nameof(MethodRegistry.With), 1, [typeof(string)])!;
        foreach (var method in found)
        {
            var type = method.GetType();
            if (!registered.Add(type))
            {
                continue;
            }

            var name = type.GetProperty("MethodName")?.GetValue(method) as string ?? type.Name;
            while (registry.Methods.ContainsKey(name))
            {
                name += "_";
            }

            registry = (MethodRegistry)with.MakeGenericMethod(type).Invoke(registry, [name])!;
        }

        return registry;

        void Visit(object? value, int depth)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 32 || !visited.Add(value))
            {
                return;
            }

            var type = value.GetType();
            if (!registered.Contains(type) && AbstractBases(type).Any(bases.Contains))
            {
                found.Add(value);
            }

            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    Visit(item, depth + 1);
                }

                return;
            }

            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length == 0 && p.CanRead && !p.PropertyType.IsPrimitive && p.PropertyType != typeof(string))
                {
                    Visit(p.GetValue(value), depth + 1);
                }
            }
        }
    }

    private static IEnumerable<Type> AbstractBases(Type type)
    {
        for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
        {
            if (b.IsAbstract)
            {
                yield return b;
            }
        }
    }
}
