using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace CompositeIndex.Extensibility;

/// <summary>
/// Maps method names (the JSON <c>"method"</c> discriminator) to method record types, for normalisation,
/// aggregation, missing-data policies and output expressions. Serialisers and validators look methods up here, so third-party
/// methods registered in a registry follow the same path as built-ins.
/// </summary>
/// <remarks>Immutable and thread-safe: <see cref="With{T}(string)"/> returns a new registry.</remarks>
public sealed class MethodRegistry
{
    private MethodRegistry(ImmutableSortedDictionary<string, Type> methods) => Methods = methods;

    /// <summary>Gets the registry of every built-in method (listed in one place, <c>Methods/BuiltInMethods.cs</c>).</summary>
    public static MethodRegistry Default { get; } = BuiltInMethods.AddTo(new MethodRegistry(ImmutableSortedDictionary<string, Type>.Empty.WithComparers(StringComparer.Ordinal)));

    /// <summary>Gets every registered method: name to record type.</summary>
    public ImmutableSortedDictionary<string, Type> Methods { get; }

    /// <summary>
    /// Returns a registry that also knows <typeparamref name="T"/>, under the JSON name its <c>public const string Name</c>
    /// declares (the one source of the name: the method's <c>MethodName</c> returns the same constant). This is how built-in
    /// and third-party methods are registered alike: <c>MethodRegistry.Default.With&lt;MyNormalization&gt;()</c>, then
    /// <c>new IndexDefinitionSerializer(registry)</c> reads, writes and exports the schema of definitions that use it.
    /// </summary>
    /// <typeparam name="T">A sealed record deriving from <see cref="NormalizationMethod"/>, <see cref="AggregationMethod"/>, <see cref="MissingDataPolicy"/>, <see cref="WeightingMethod"/>, <see cref="PipelineStep"/> or <see cref="OutputExpression"/>, with a <c>public const string Name</c>.</typeparam>
    /// <returns>A new registry.</returns>
    /// <exception cref="ArgumentException">The type has no <c>public const string Name</c>, the name is already taken, or the type is not a method.</exception>
    public MethodRegistry With<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>()
    {
        var field = typeof(T).GetField("Name", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        return field is { IsLiteral: true } && field.GetRawConstantValue() is string name
            ? With<T>(name)
            : throw new ArgumentException($"{typeof(T).Name} has no 'public const string Name' (its JSON method name); declare one (and return it from MethodName), or register it with With<T>(name).", nameof(T));
    }

    /// <summary>Returns a registry that also knows <typeparamref name="T"/> under <paramref name="name"/> (an alias, or a type without a <c>Name</c> constant; prefer <see cref="With{T}()"/>).</summary>
    /// <typeparam name="T">A sealed record deriving from <see cref="NormalizationMethod"/>, <see cref="AggregationMethod"/>, <see cref="MissingDataPolicy"/>, <see cref="WeightingMethod"/>, <see cref="PipelineStep"/> or <see cref="OutputExpression"/>.</typeparam>
    /// <param name="name">The method name used in JSON.</param>
    /// <returns>A new registry.</returns>
    /// <exception cref="ArgumentException">The name is already taken or the type is not a method.</exception>
    public MethodRegistry With<T>(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!typeof(NormalizationMethod).IsAssignableFrom(typeof(T)) && !typeof(AggregationMethod).IsAssignableFrom(typeof(T)) && !typeof(MissingDataPolicy).IsAssignableFrom(typeof(T)) && !typeof(WeightingMethod).IsAssignableFrom(typeof(T)) && !typeof(PipelineStep).IsAssignableFrom(typeof(T))
            && !typeof(OutputExpression).IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} is not a normalisation, aggregation, missing-data or weighting method a pipeline step or an output expression.", nameof(name));
        }

        if (Methods.ContainsKey(name))
        {
            throw new ArgumentException($"A method named '{name}' is already registered.", nameof(name));
        }

        return new MethodRegistry(Methods.Add(name, typeof(T)));
    }

    /// <summary>This registry, or one that also knows <paramref name="type"/> under <paramref name="name"/> when it does not yet (sensitivity addresses into the JSON of a third-party method).</summary>
    internal MethodRegistry Including(Type type, string name) =>
        Methods.ContainsValue(type) || Methods.ContainsKey(name) ? this : new MethodRegistry(Methods.Add(name, type));

    /// <summary>Gets the names of the registered methods of one kind (e.g. every <see cref="NormalizationMethod"/>).</summary>
    /// <param name="baseType">The method base type.</param>
    /// <returns>The names, sorted.</returns>
    public IEnumerable<string> NamesOf(Type baseType) => Methods.Where(m => baseType.IsAssignableFrom(m.Value)).Select(m => m.Key);
}
