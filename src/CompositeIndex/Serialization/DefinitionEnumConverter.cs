using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Serialization;

/// <summary>
/// Enums of the definition format as camelCase strings, integers refused: <see cref="JsonStringEnumConverter{TEnum}"/>
/// for each built-in enum, so no converter is made by reflection (Native AOT cannot make one).
/// </summary>
/// <remarks>
/// An enum not listed (one of a third-party method record) gets the reflection-made
/// <see cref="JsonStringEnumConverter"/> with the same settings where the runtime can generate code, and a
/// <see cref="NotSupportedException"/> naming it in a Native AOT build. A convention test checks that every enum the
/// format reaches from <see cref="MethodRegistry.Default"/> is listed.
/// </remarks>
internal sealed class DefinitionEnumConverter : JsonConverterFactory
{
    private static readonly JsonNamingPolicy Policy = JsonNamingPolicy.CamelCase;

    private static readonly FrozenDictionary<Type, JsonConverterFactory> Known = new KeyValuePair<Type, JsonConverterFactory>[]
    {
        Of<AdjustmentForm>(),
        Of<ComparisonOperator>(),
        Of<ConstantReferenceBehavior>(),
        Of<FactorExtraction>(),
        Of<FactorRotation>(),
        Of<FractionOfMaxInversion>(),
        Of<GeometricZeroPolicy>(),
        Of<ImputationStatistic>(),
        Of<InversionRule>(),
        Of<NonFinitePolicy>(),
        Of<OptimizationGoal>(),
        Of<OutlierTransformation>(),
        Of<OutputRankBasis>(),
        Of<OutputRankTies>(),
        Of<PanelImputationKind>(),
        Of<PercentileForm>(),
        Of<Polarity>(),
        Of<RandomIndexTable>(),
        Of<RankTies>(),
        Of<ReferenceKind>(),
        Of<ReferenceStatistic>(),
        Of<RelativeForm>(),
        Of<ScreeningRule>(),
        Of<ShareBasis>(),
        Of<UnbalancePenalty>(),
        Of<WeightScaling>(),
        Of<MidpointRounding>(),
        Of<SamplingScheme>(),
        Of<FailurePolicy>(),
        Of<BasePoints>(),
        Of<OutputKind>(),
    }.ToFrozenDictionary();

    /// <summary>Gets the enums with a converter made without reflection.</summary>
    public static IEnumerable<Type> KnownEnums => Known.Keys;

    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        if (Known.TryGetValue(typeToConvert, out var factory))
        {
            return factory.CreateConverter(typeToConvert, options);
        }

        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return new JsonStringEnumConverter(Policy, allowIntegerValues: false).CreateConverter(typeToConvert, options);
        }

        throw new NotSupportedException($"The enum {typeToConvert.FullName} is not part of the definition format's generated contract, and this runtime (Native AOT) cannot make its converter by reflection.");
    }

    private static KeyValuePair<Type, JsonConverterFactory> Of<T>()
        where T : struct, Enum => new(typeof(T), new JsonStringEnumConverter<T>(Policy, allowIntegerValues: false));
}
