using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CompositeIndex.Serialization;

/// <summary>
/// Builds the <see cref="JsonSerializerOptions"/> of the definition format from a <see cref="MethodRegistry"/>.
/// </summary>
/// <remarks>
/// <para>Nothing here names a definition or method type: the contract is derived from the records (every init property
/// and constructor parameter is serialised) — by reflection, or generated at build time for the built-in records where
/// reflection is off (<see cref="DefinitionJsonContext"/>, Native AOT) — and the polymorphism of every abstract method
/// base (<see cref="NormalizationMethod"/>, <see cref="AggregationMethod"/>, <see cref="MissingDataPolicy"/> and any
/// base added later) is fed from the registry with the discriminator <c>"method"</c> (STYLE.md rule 5 and 16).</para>
/// <para>Rules: camelCase names; enums as camelCase strings (no integers); numbers must be JSON numbers (strict);
/// unknown properties, duplicate properties, nulls in non-nullable members and missing required members are
/// errors; comments are allowed; computed get-only properties (e.g. <c>MethodName</c>) are not serialised;
/// <see langword="null"/> members and empty collections are omitted on writing (they load back as the defaults).</para>
/// </remarks>
internal static class DefinitionJsonOptions
{
    /// <summary>The discriminator property of every method object.</summary>
    public const string Discriminator = "method";

    /// <summary>Why reflection-based serialization is acceptable in a trimmable library.</summary>
    public const string TrimJustification =
        "The format is open to third-party method records, so it is reflection-based where reflection is allowed; built-in records also have generated "
        + "contracts (DefinitionJsonContext) used when it is not (Native AOT). Applications that trim must root their own method records (docs/json-format.md).";

    /// <summary>Builds the options of the format for <paramref name="registry"/>: reflected contracts where the runtime allows reflection-based JSON, generated ones otherwise.</summary>
    public static JsonSerializerOptions Create(MethodRegistry registry) => Create(registry, Contracts(JsonSerializer.IsReflectionEnabledByDefault));

    /// <summary>Gets where the contracts of the format come from.</summary>
    /// <param name="reflectionEnabled">Whether the application allows reflection-based JSON.</param>
    /// <remarks>
    /// With reflection (a normal .NET application) every record is reflected, built-in or third-party alike. Without it
    /// (<c>JsonSerializerIsReflectionEnabledByDefault=false</c>, the default of a Native AOT build) the contracts
    /// generated at build time (<see cref="DefinitionJsonContext"/>: <see cref="IndexDefinition"/> and every built-in
    /// method) are used, so third-party methods cannot be read there. The tests check that both contracts read and
    /// write every sample, random and broken definition alike and export the same schema.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = TrimJustification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = TrimJustification)]
    internal static IJsonTypeInfoResolver Contracts(bool reflectionEnabled) =>
        reflectionEnabled && RuntimeFeature.IsDynamicCodeSupported ? new DefaultJsonTypeInfoResolver() : DefinitionJsonContext.Default;

    /// <summary>Builds the options of the format over the given contracts (the tests compare generated and reflected ones).</summary>
    internal static JsonSerializerOptions Create(MethodRegistry registry, IJsonTypeInfoResolver contracts)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var resolver = contracts
            .WithAddedModifier(DropComputedProperties)
            .WithAddedModifier(OmitDefaultNullsAndEmptyCollections)
            .WithAddedModifier(ti => AddMethodPolymorphism(ti, registry));
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 64,
            Converters = { new DefinitionEnumConverter() },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Gets the JSON name of an enum member, as written by the serializer.</summary>
    public static string EnumName(string memberName) => JsonNamingPolicy.CamelCase.ConvertName(memberName);

    /// <summary>Gets whether a property must be present: <c>required</c> members and constructor parameters without a default.</summary>
    public static bool IsRequired(JsonPropertyInfo p) =>
        p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };

    /// <summary>Gets whether a property accepts JSON <c>null</c>.</summary>
    public static bool IsNullable(JsonPropertyInfo p) =>
        p.AssociatedParameter is { } a ? a.IsNullable : p.IsSetNullable;

    private static void AddMethodPolymorphism(JsonTypeInfo ti, MethodRegistry registry)
    {
        if (ti.Kind != JsonTypeInfoKind.Object || !(ti.Type.IsAbstract || ti.Type.IsInterface) || ti.PolymorphismOptions is not null)
        {
            return;
        }

        List<JsonDerivedType>? derived = null;
        var types = new HashSet<Type>();
        foreach (var (name, type) in registry.Methods)
        {
            if (type != ti.Type && !type.IsAbstract && ti.Type.IsAssignableFrom(type) && types.Add(type))
            {
                (derived ??= []).Add(new JsonDerivedType(type, name));
            }
        }

        if (derived is null)
        {
            return;
        }

        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = Discriminator,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var d in derived)
        {
            polymorphism.DerivedTypes.Add(d);
        }

        ti.PolymorphismOptions = polymorphism;
    }

    /// <summary>
    /// Removes get-only properties that no constructor parameter binds (computed values such as
    /// <c>MethodName</c>, <c>UsesWeights</c>): a definition is what can be set, nothing else.
    /// </summary>
    private static void DropComputedProperties(JsonTypeInfo ti)
    {
        if (ti.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = ti.Properties.Count - 1; i >= 0; i--)
        {
            var p = ti.Properties[i];
            if (p.Set is null && p.AssociatedParameter is null && !p.IsExtensionData)
            {
                ti.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Omits, when writing, optional members whose value is <see langword="null"/> or an empty collection, provided the
    /// member's default (read from an instance built with default constructor arguments) is also null or empty, so
    /// that the omitted member loads back to the same value. Otherwise (a nullable member whose default is not null,
    /// or a type whose default instance cannot be built) the value is written, as <c>null</c> if need be.
    /// </summary>
    private static void OmitDefaultNullsAndEmptyCollections(JsonTypeInfo ti)
    {
        if (ti.Kind != JsonTypeInfoKind.Object || ti.Type.IsAbstract)
        {
            return;
        }

        var defaults = DefaultOf(ti);
        if (defaults is null)
        {
            return;
        }

        foreach (var p in ti.Properties)
        {
            if (IsRequired(p) || p.ShouldSerialize is not null || p.Get is null)
            {
                continue;
            }

            object? defaultValue;
            try
            {
                defaultValue = p.Get(defaults);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException or ArgumentException)
            {
                continue;
            }

            var isCollection = p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType);
            if (defaultValue is null)
            {
                p.ShouldSerialize = isCollection ? static (_, value) => value is IEnumerable e && HasAny(e) : static (_, value) => value is not null;
            }
            else if (isCollection && defaultValue is IEnumerable d && !HasAny(d))
            {
                p.ShouldSerialize = static (_, value) => value is IEnumerable e && HasAny(e);
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object?> Defaults = new();

    /// <summary>Gets the instance built with default constructor arguments (cached per type; null when it cannot be built).</summary>
    /// <remarks>
    /// The constructor is the contract's deserialization constructor (<see cref="JsonTypeInfo.ConstructorAttributeProvider"/>):
    /// a generated contract names it by a statically analysable <c>GetConstructor</c> call, so a trimmed or Native AOT
    /// build keeps its reflection metadata (it is exactly the constructor the serializer calls). Only a contract
    /// without one (none of the format's types: a convention test checks) falls back to the public constructor with
    /// the most parameters.
    /// </remarks>
    internal static object? DefaultOf(JsonTypeInfo ti) =>
        Defaults.GetOrAdd(ti.Type, static (type, ctor) => DefaultInstance(type, ctor), ti.ConstructorAttributeProvider as ConstructorInfo);

    /// <summary>
    /// Gets the JSON of the value an omitted init-only member takes (its initializer), or null when nothing needs to be
    /// written: generated contracts pass <c>default</c> for an omitted member initializer instead of leaving the
    /// initializer's value (dotnet/runtime#84484), so a load writes these values into the document first.
    /// </summary>
    internal static byte[]? OmittedMemberDefault(JsonTypeInfo ti, JsonPropertyInfo p)
    {
        if (p.AssociatedParameter is not { IsMemberInitializer: true } || IsRequired(p) || p.Get is null || DefaultOf(ti) is not { } instance)
        {
            return null;
        }

        var value = p.Get(instance);
        return value is null ? null : JsonSerializer.SerializeToUtf8Bytes(value, ti.Options.GetTypeInfo(p.PropertyType));
    }

    /// <summary>Builds an instance with default constructor arguments (parameter defaults, else null/zero); null when that fails.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimJustification)]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = TrimJustification)]
    private static object? DefaultInstance(Type type, ConstructorInfo? ctor)
    {
        if (type.IsValueType || type.IsInterface || type.IsAbstract)
        {
            return null;
        }

        ctor ??= DefaultConstructor(type);
        if (ctor is null)
        {
            return null;
        }

        try
        {
            var args = ctor.GetParameters()
                .Select(p => p.HasDefaultValue && p.DefaultValue is not DBNull ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
                .ToArray();
            return ctor.Invoke(args);
        }
        catch (Exception ex) when (ex is System.Reflection.TargetInvocationException or ArgumentException or MemberAccessException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The public constructor with the most parameters (the fallback of <see cref="DefaultOf"/>; the tests check it is the contract's constructor for every type of the format).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimJustification)]
    internal static ConstructorInfo? DefaultConstructor(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();

    private static bool HasAny(IEnumerable e)
    {
        // ImmutableArray<T> default (uninitialised) throws on enumeration; treat it as empty.
        try
        {
            var en = e.GetEnumerator();
            try
            {
                return en.MoveNext();
            }
            finally
            {
                (en as IDisposable)?.Dispose();
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (NullReferenceException)
        {
            return false;
        }
    }
}
