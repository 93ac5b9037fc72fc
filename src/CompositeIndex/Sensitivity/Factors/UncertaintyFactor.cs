using System.Text.Json.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// One uncertain choice behind an index (weights, a method, the indicator set, a parameter, an optional step), as
/// serialisable data. Each factor is one scalar input of the sensitivity analysis: it maps one uniform coordinate
/// u ∈ [0, 1) of the design to a perturbation of the definition.
/// </summary>
/// <remarks>
/// <para>Factors address the definition by ids (group, indicator, node) and, for parameters, by a property path of the
/// method record (e.g. <c>"max"</c>, <c>"reference.period"</c>); addresses are validated against the index before any
/// run (<see cref="SensitivityDefinition.Validate(IndexDefinition)"/>), with JSONPath-style error paths such as
/// <c>$.factors[2].group</c> (STYLE.md rule 9; COINr <c>SA_specs</c> addresses).</para>
/// <para>Discrete factors take level <c>⌊u·L⌋</c> of their L alternatives, each with probability 1/L. Factors that
/// draw a whole vector (weight noise, Dirichlet weights) derive it from a stream keyed by (seed, factor, u), so the
/// vector is a deterministic function of u: the factor is one input in the sense of Sobol', as in COINr, where one
/// uniform picks one of a set of pre-drawn noisy weight sets.</para>
/// <para>JSON: the <c>"kind"</c> property is the discriminator. Immutable and thread-safe.</para>
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(UniformWeightsFactor), UniformWeightsFactor.KindName)]
[JsonDerivedType(typeof(DirichletWeightsFactor), DirichletWeightsFactor.KindName)]
[JsonDerivedType(typeof(WeightSetsFactor), WeightSetsFactor.KindName)]
[JsonDerivedType(typeof(NormalizationChoiceFactor), NormalizationChoiceFactor.KindName)]
[JsonDerivedType(typeof(AggregationChoiceFactor), AggregationChoiceFactor.KindName)]
[JsonDerivedType(typeof(IndicatorExclusionFactor), IndicatorExclusionFactor.KindName)]
[JsonDerivedType(typeof(ParameterRangeFactor), ParameterRangeFactor.KindName)]
[JsonDerivedType(typeof(ParameterChoiceFactor), ParameterChoiceFactor.KindName)]
[JsonDerivedType(typeof(StepToggleFactor), StepToggleFactor.KindName)]
public abstract record UncertaintyFactor
{
    /// <summary>Gets a display name; <see langword="null"/> means a name derived from the kind and address.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the factor's kind, the JSON <c>"kind"</c> discriminator.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Gets the display name: <see cref="Name"/> or a name derived from the kind and address.</summary>
    /// <returns>The name.</returns>
    public string DisplayName() => Name ?? DefaultName();

    /// <summary>Returns a name derived from the kind and address, e.g. <c>"weights(economy)"</c>.</summary>
    /// <returns>The name.</returns>
    protected abstract string DefaultName();
}
