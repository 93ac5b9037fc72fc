using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Non-destructive edits of an <see cref="IndexDefinition"/> used to build the variants of a sensitivity run:
/// replacing methods, excluding indicators, switching steps off and changing method parameters by property path.
/// Every edit returns a new definition (records <c>with</c> or a cloned record); inputs are never mutated.
/// </summary>
internal static class DefinitionEditor
{
    public const string NormalizationStep = "normalization";
    public const string AggregationStep = "aggregation";
    public const string MissingDataStep = "missingData";

    private const string TrimJustification = "Method records are public sealed records whose public properties are part of the library's JSON contract (kept by the serialiser); parameter paths are validated before use.";

    /// <summary>Finds the kind of node an id names in a definition.</summary>
    public static (bool IsIndicator, bool IsGroup) Lookup(IndexDefinition d, string id) =>
        (d.Indicators.Any(i => i.Id == id), d.Groups.Any(g => g.Id == id));

    public static Dictionary<string, string> Parents(IndexDefinition d)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in d.Groups)
        {
            foreach (var c in g.Children)
            {
                parent[c.Id] = g.Id;
            }
        }

        return parent;
    }

    /// <summary>Sets the normalisation for the whole index, a group's subtree or one indicator.</summary>
    public static IndexDefinition WithNormalization(IndexDefinition d, string? target, NormalizationMethod method)
    {
        if (target is null)
        {
            return d with
            {
                Normalization = method,
                Indicators = [.. d.Indicators.Select(i => i.Normalization is null ? i : i with { Normalization = null })],
                Groups = [.. d.Groups.Select(g => g.Normalization is null ? g : g with { Normalization = null })],
            };
        }

        if (d.Indicators.Any(i => i.Id == target))
        {
            return d with { Indicators = [.. d.Indicators.Select(i => i.Id == target ? i with { Normalization = method } : i)] };
        }

        var below = Descendants(d, target);
        return d with
        {
            Indicators = [.. d.Indicators.Select(i => below.Contains(i.Id) && i.Normalization is not null ? i with { Normalization = null } : i)],
            Groups = [.. d.Groups.Select(g => g.Id == target ? g with { Normalization = method } : below.Contains(g.Id) && g.Normalization is not null ? g with { Normalization = null } : g)],
        };
    }

    /// <summary>Sets the aggregation of every group (index default) or one group.</summary>
    public static IndexDefinition WithAggregation(IndexDefinition d, string? group, AggregationMethod method) =>
        group is null
            ? d with { Aggregation = method, Groups = [.. d.Groups.Select(g => g.Aggregation is null ? g : g with { Aggregation = null })] }
            : d with { Groups = [.. d.Groups.Select(g => g.Id == group ? g with { Aggregation = method } : g)] };

    /// <summary>
    /// Removes an indicator, and any group left without children, from the definition; data-preparation steps that name
    /// the indicator are adjusted (<see cref="PipelineStep.WithoutIndicator(string)"/>: the id is dropped from their lists,
    /// and a step left with no indicator is removed), so the variant validates.
    /// </summary>
    public static IndexDefinition ExcludeIndicator(IndexDefinition d, string id)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal) { id };
        var groups = d.Groups;
        bool changed;
        do
        {
            changed = false;
            var next = ImmutableArray.CreateBuilder<GroupDefinition>(groups.Length);
            foreach (var g in groups)
            {
                var children = g.Children.Where(c => !removed.Contains(c.Id)).ToImmutableArray();
                if (children.IsEmpty && !removed.Contains(g.Id))
                {
                    removed.Add(g.Id);
                    changed = true;
                    continue;
                }

                if (!removed.Contains(g.Id))
                {
                    next.Add(children.Length == g.Children.Length ? g : g with { Children = children });
                }
            }

            groups = next.ToImmutable();
        }
        while (changed);

        var steps = d.Steps.IsDefaultOrEmpty ? d.Steps : [.. d.Steps.Select(s => s.WithoutIndicator(id)).OfType<PipelineStep>()];
        return d with
        {
            Indicators = [.. d.Indicators.Where(i => i.Id != id)],
            Groups = groups,
            Root = d.Root is not null && removed.Contains(d.Root) ? null : d.Root,
            Steps = steps,
        };
    }

    /// <summary>Gets the method in effect for a target at a step (normalization, aggregation, missingData or another record-valued property).</summary>
    public static object? EffectiveMethod(IndexDefinition d, string? target, string step)
    {
        var property = StepProperty(step);
        if (property is null)
        {
            // A data-preparation step addressed by its method name (e.g. "treatOutliers"): the first such step.
            return target is null ? PipelineStepOf(d, step) : null;
        }

        if (target is not null)
        {
            var parent = Parents(d);
            var id = target;
            var guard = 0;
            while (guard++ < 10_000)
            {
                var owner = (object?)d.Indicators.FirstOrDefault(i => i.Id == id) ?? d.Groups.FirstOrDefault(g => g.Id == id);
                if (owner is not null && GetStepValue(owner, property) is { } value)
                {
                    return value;
                }

                if (!parent.TryGetValue(id, out var p))
                {
                    break;
                }

                id = p;
            }
        }

        return GetStepValue(d, property) ?? property switch
        {
            "Aggregation" => new ArithmeticAggregation(),
            "MissingData" => new RenormalizeWeights(),
            _ => null,
        };
    }

    /// <summary>Sets a method (or any value) at a step of a target (null = index level).</summary>
    public static IndexDefinition SetStep(IndexDefinition d, string? target, string step, object? value)
    {
        if (target is null && StepProperty(step) is null && value is PipelineStep replacement && PipelineStepOf(d, step) is { } current)
        {
            var at = d.Steps.IndexOf(current);
            return d with { Steps = d.Steps.SetItem(at, replacement) };
        }

        var property = StepProperty(step) ?? throw new ArgumentException($"Unknown step '{step}'.", nameof(step));
        if (target is null)
        {
            return (IndexDefinition)SetProperty(d, typeof(IndexDefinition).GetProperty(property)!, value);
        }

        if (d.Indicators.Any(i => i.Id == target))
        {
            var prop = typeof(IndicatorDefinition).GetProperty(property);
            return prop is null ? d : d with { Indicators = [.. d.Indicators.Select(i => i.Id == target ? (IndicatorDefinition)SetProperty(i, prop, value) : i)] };
        }

        var gprop = typeof(GroupDefinition).GetProperty(property);
        return gprop is null ? d : d with { Groups = [.. d.Groups.Select(g => g.Id == target ? (GroupDefinition)SetProperty(g, gprop, value) : g)] };
    }

    /// <summary>Returns the definition with a step switched off (null, or an empty list).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Property types of the definition records (value types and ImmutableArray<T>) are kept with the records.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ImmutableArray<T>.Empty is a public static field kept with the type.")]
    public static IndexDefinition SwitchOff(IndexDefinition d, string? target, string step)
    {
        if (target is null && MatchesPipelineStep(d, step))
        {
            return d with { Steps = [.. d.Steps.Where(s => !string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase))] };
        }

        var type = TargetType(d, target);
        var property = type?.GetProperty(ToPascal(step), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            return d;
        }

        object? off = null;
        if (property.PropertyType.IsValueType)
        {
            off = Activator.CreateInstance(property.PropertyType);
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            {
                off = property.PropertyType.GetField("Empty")!.GetValue(null);
            }
        }

        return SetStep(d, target, property.Name, off);
    }

    /// <summary>Describes why a step cannot be toggled, or returns null when it can.</summary>
    public static string? CheckToggle(IndexDefinition d, string? target, string step)
    {
        if (target is null && MatchesPipelineStep(d, step))
        {
            return null;
        }

        var type = TargetType(d, target);
        if (type is null)
        {
            return null;
        }

        var property = type.GetProperty(ToPascal(step), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite)
        {
            var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => ToCamel(p.Name));
            var stepNames = target is null && !d.Steps.IsDefault ? d.Steps.Select(s => s.MethodName) : [];
            return $"{type.Name} has no step '{step}' (neither a property nor a method of its pipeline steps){DefinitionValidator.Suggest(step, names.Concat(stepNames))}.";
        }

        var owner = target is null ? d : (object?)d.Indicators.FirstOrDefault(i => i.Id == target) ?? d.Groups.First(g => g.Id == target);
        var value = property.GetValue(owner);
        var isList = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ImmutableArray<>);
        if (!isList && property.PropertyType.IsValueType)
        {
            return $"'{step}' is not an optional step (it is a {property.PropertyType.Name}).";
        }

        if (property.PropertyType == typeof(string) || (!isList && !property.PropertyType.IsClass))
        {
            return $"'{step}' is not an optional step.";
        }

        if (value is null || (isList && value is IEnumerable e && !e.Cast<object>().Any()))
        {
            return $"'{step}' is not set in the definition, so there is nothing to switch off.";
        }

        return null;
    }

    /// <summary>Gets the type of a parameter at a property path (null when the path does not resolve).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimJustification)]
    public static Type? ParameterType(object method, string path, out object? current)
    {
        current = method;
        Type? type = null;
        foreach (var part in path.Split('.'))
        {
            if (current is null)
            {
                return null;
            }

            var prop = current.GetType().GetProperty(ToPascal(part), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (prop is null || prop.GetIndexParameters().Length > 0)
            {
                current = null;
                return null;
            }

            type = prop.PropertyType;
            current = prop.GetValue(current);
        }

        return type;
    }

    /// <summary>Returns a copy of a method record with the parameter at a property path replaced.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimJustification)]
    public static object WithParameter(object method, string path, object? value)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? path : path[..dot];
        var prop = method.GetType().GetProperty(ToPascal(head), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            ?? throw new ArgumentException($"'{method.GetType().Name}' has no parameter '{head}'.", nameof(path));
        if (dot >= 0)
        {
            var inner = prop.GetValue(method) ?? throw new ArgumentException($"'{head}' is not set.", nameof(path));
            value = WithParameter(inner, path[(dot + 1)..], value);
        }

        return SetProperty(method, prop, value);
    }

    /// <summary>Converts invariant text to a parameter type (number, text, enum, boolean); null when it cannot.</summary>
    public static object? Convert(string text, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return text;
        }

        if (t == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        if (t == typeof(float) && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return f;
        }

        if (t == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (t == typeof(bool) && bool.TryParse(text, out var b))
        {
            return b;
        }

        if (t.IsEnum && Enum.TryParse(t, text, ignoreCase: true, out var e) && Enum.IsDefined(t, e!))
        {
            return e;
        }

        return null;
    }

    /// <summary>Converts a double to a numeric parameter type.</summary>
    public static object? FromDouble(double value, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(double))
        {
            return value;
        }

        if (t == typeof(float))
        {
            return (float)value;
        }

        if (t == typeof(int))
        {
            return (int)Math.Round(value);
        }

        return null;
    }

    /// <summary>Whether a type is numeric (double, float, int).</summary>
    public static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(double) || t == typeof(float) || t == typeof(int);
    }

    /// <summary>Validates a method record (normalisation, aggregation, missing data) into errors.</summary>
    public static void ValidateMethod(object method, string path, ICollection<DefinitionError> errors)
    {
        switch (method)
        {
            case NormalizationMethod n:
                n.Validate(path, errors);
                break;
            case AggregationMethod a:
                a.Validate(path, errors);
                break;
            case MissingDataPolicy m:
                m.Validate(path, errors);
                break;
            case PipelineStep p:
                p.Validate(path, errors);
                break;
        }
    }

    /// <summary>The first data-preparation step of the index with this method name, or null.</summary>
    public static PipelineStep? PipelineStepOf(IndexDefinition d, string step) =>
        d.Steps.IsDefaultOrEmpty ? null : d.Steps.FirstOrDefault(s => string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the index's data-preparation steps include one with this method name (e.g. <c>"imputeColumn"</c>).</summary>
    public static bool MatchesPipelineStep(IndexDefinition d, string step) =>
        !d.Steps.IsDefaultOrEmpty && d.Steps.Any(s => string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase));

    public static string? StepProperty(string step) =>
        string.IsNullOrWhiteSpace(step) ? null : typeof(IndexDefinition).GetProperty(ToPascal(step), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.Name;

    public static string ToPascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    public static string ToCamel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties)]
    private static Type? TargetType(IndexDefinition d, string? target)
    {
        if (target is null)
        {
            return typeof(IndexDefinition);
        }

        var (isIndicator, isGroup) = Lookup(d, target);
        return isIndicator ? typeof(IndicatorDefinition) : isGroup ? typeof(GroupDefinition) : null;
    }

    private static object? GetStepValue(object owner, string property) => owner switch
    {
        IndexDefinition i => typeof(IndexDefinition).GetProperty(property)?.GetValue(i),
        GroupDefinition g => typeof(GroupDefinition).GetProperty(property)?.GetValue(g),
        IndicatorDefinition n => typeof(IndicatorDefinition).GetProperty(property)?.GetValue(n),
        _ => null,
    };

    private static HashSet<string> Descendants(IndexDefinition d, string group)
    {
        var groups = d.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(group);
        while (stack.Count > 0)
        {
            if (!groups.TryGetValue(stack.Pop(), out var g))
            {
                continue;
            }

            foreach (var c in g.Children)
            {
                if (result.Add(c.Id))
                {
                    stack.Push(c.Id);
                }
            }
        }

        return result;
    }

    /// <summary>Clones a record through its compiler-generated copy method and sets one init-only property on the copy.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = TrimJustification)]
    private static object SetProperty(object record, PropertyInfo property, object? value)
    {
        var clone = record.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)?.Invoke(record, null)
            ?? throw new InvalidOperationException($"{record.GetType().Name} is not a record.");
        property.SetValue(clone, value);
        return clone;
    }
}
