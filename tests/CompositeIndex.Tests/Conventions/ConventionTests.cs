using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Conventions;

/// <summary>Architecture rules enforced by reflection (STYLE.md rules 5, 11, 12).</summary>
public class ConventionTests
{
    private static readonly Assembly Core = typeof(IndexDefinition).Assembly;

    private static IEnumerable<Type> OwnTypes() =>
        Core.GetTypes().Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.StartsWith('<'));

    [Fact]
    public void NoStaticMutableState()
    {
        var offenders = new List<string>();
        foreach (var type in OwnTypes())
        {
            foreach (var f in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (f.IsLiteral || f.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || f.Name.Contains('<'))
                {
                    continue;
                }

                if (!f.IsInitOnly)
                {
                    offenders.Add($"{type.FullName}.{f.Name} is not readonly");
                }
                else if (f.FieldType.IsArray || (f.FieldType.Namespace == "System.Collections.Generic" && !f.FieldType.Name.StartsWith("IReadOnly", StringComparison.Ordinal)) || f.FieldType == typeof(Random))
                {
                    offenders.Add($"{type.FullName}.{f.Name} holds a mutable {f.FieldType.Name}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryMethodRecord_IsRegisteredUnderItsName()
    {
        Type[] bases = [typeof(NormalizationMethod), typeof(AggregationMethod), typeof(MissingDataPolicy), typeof(WeightingMethod)];
        var registry = MethodRegistry.Default.Methods;
        var missing = new List<string>();
        foreach (var type in OwnTypes().Where(t => !t.IsAbstract && bases.Any(b => b.IsAssignableFrom(t))))
        {
            var entry = registry.FirstOrDefault(kv => kv.Value == type);
            if (entry.Key is null)
            {
                missing.Add($"{type.Name} is not registered in MethodRegistry.Default");
                continue;
            }

            var nameProp = type.GetProperty("MethodName");
            var instance = RuntimeHelpers.GetUninitializedObject(type);
            var name = (string?)nameProp?.GetValue(instance);
            if (name != entry.Key)
            {
                missing.Add($"{type.Name}.MethodName is '{name}' but it is registered as '{entry.Key}'");
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void PublicClasses_DeclareThreadSafetyInTheirDocs()
    {
        var xmlPath = Path.ChangeExtension(Core.Location, ".xml");
        var docs = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)[2..], m => m.Value);
        bool Declares(Type? t)
        {
            for (; t is not null && t != typeof(object); t = t.BaseType)
            {
                var key = (t.IsGenericType ? t.GetGenericTypeDefinition() : t).FullName!.Replace('+', '.');
                if (docs.TryGetValue(key, out var text) && (text.Contains("thread-safe", StringComparison.OrdinalIgnoreCase) || text.Contains("thread safe", StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            return false;
        }

        var offenders = Core.GetExportedTypes()
            .Where(t => t.IsClass && !(t.IsAbstract && t.IsSealed) && !typeof(Exception).IsAssignableFrom(t) && !typeof(Attribute).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => !Declares(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }
}
