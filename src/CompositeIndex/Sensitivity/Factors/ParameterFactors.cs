using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Draws a numeric method parameter uniformly from [<see cref="Lower"/>, <see cref="Upper"/>] (absolute values, or
/// multipliers of the nominal value when <see cref="Relative"/>), e.g. a goalpost of one indicator.
/// </summary>
/// <remarks>
/// The addressed method is the one in effect for <see cref="Target"/> at <see cref="Step"/>: for
/// <c>"normalization"</c> the indicator's own, else its nearest group's, else the index default; for
/// <c>"aggregation"</c>/<c>"missingData"</c> the group's, else the index default. The perturbed copy is set on the
/// target itself. With <see cref="Target"/> <see langword="null"/>, <see cref="Step"/> may also name the method of a
/// data-preparation step in <see cref="IndexDefinition.Steps"/> (e.g. <c>"treatOutliers"</c> with parameter
/// <c>"maxWinsorizedPoints"</c>, COINr's <c>winmax</c>): the first step with that method name is replaced. <see cref="Parameter"/> is a property path of the method record in camelCase or PascalCase
/// (<c>"max"</c>, <c>"upper"</c>, <c>"minShare"</c>). Each replicate compiles its own variant, so continuous
/// parameter factors are slower than weight factors.
/// </remarks>
/// <param name="Target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
/// <param name="Step">The step: <c>"normalization"</c>, <c>"aggregation"</c>, <c>"missingData"</c>, or (index level) the method name of a data-preparation step.</param>
/// <param name="Parameter">The property path of the parameter.</param>
/// <param name="Lower">The lower end.</param>
/// <param name="Upper">The upper end (≥ <paramref name="Lower"/>).</param>
public sealed record ParameterRangeFactor(string? Target, string Step, string Parameter, double Lower, double Upper) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"parameterRange"</c>.</summary>
    public const string KindName = "parameterRange";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets a value indicating whether the range multiplies the nominal value. The default is <see langword="false"/>.</summary>
    public bool Relative { get; init; }

    /// <inheritdoc/>
    protected override string DefaultName() => $"{Target ?? "index"}.{Step}.{Parameter}";
}

/// <summary>
/// Chooses, with equal probability, one of several values of a method parameter, written as invariant-culture text and
/// converted to the parameter's type (number, text, enum name, boolean), e.g. the base period of a ratio-to-base
/// normalisation (<c>Parameter = "basePeriod"</c>) or of a reference (<c>"reference.period"</c>).
/// </summary>
/// <remarks>Addressing as in <see cref="ParameterRangeFactor"/>. Each distinct value compiles one variant, cached for the run.</remarks>
/// <param name="Target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
/// <param name="Step">The step: <c>"normalization"</c>, <c>"aggregation"</c>, <c>"missingData"</c>, or (index level) the method name of a data-preparation step.</param>
/// <param name="Parameter">The property path of the parameter.</param>
/// <param name="Values">The values (at least one).</param>
public sealed record ParameterChoiceFactor(string? Target, string Step, string Parameter, ImmutableArray<string> Values) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"parameterChoice"</c>.</summary>
    public const string KindName = "parameterChoice";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    public bool Equals(ParameterChoiceFactor? other) =>
        other is not null && Name == other.Name && Target == other.Target && Step == other.Step && Parameter == other.Parameter
        && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Target, Step, Parameter, Values.Length);

    /// <inheritdoc/>
    protected override string DefaultName() => $"{Target ?? "index"}.{Step}.{Parameter}";
}

/// <summary>
/// Switches an optional pipeline step on (as defined) or off, with equal probability.
/// </summary>
/// <remarks>
/// <para>Generic by design. With <see cref="Target"/> <see langword="null"/>, <see cref="Step"/> may name the method of
/// data-preparation steps in <see cref="IndexDefinition.Steps"/> (e.g. <c>"imputeColumn"</c>, <c>"treatOutliers"</c>,
/// <c>"screenUnits"</c>): "off" removes every step with that method name. Otherwise it names a property of
/// <see cref="IndexDefinition"/>, <see cref="GroupDefinition"/> or <see cref="IndicatorDefinition"/> in camelCase
/// (e.g. <c>"missingData"</c>, <c>"weighting"</c>, <c>"steps"</c>): "off" sets it to <see langword="null"/> — or to an
/// empty list — so the library's default applies. The step must be present in the nominal definition.</para>
/// <para>A variant that screens out other units than the nominal one is ranked over its own units; units it drops count
/// as missing in that run.</para>
/// </remarks>
/// <param name="Step">The property name of the step.</param>
/// <param name="Target">A group or indicator id, or <see langword="null"/> for the index-level property.</param>
public sealed record StepToggleFactor(string Step, string? Target = null) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"stepToggle"</c>.</summary>
    public const string KindName = "stepToggle";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    protected override string DefaultName() => $"{Target ?? "index"}.{Step}(on/off)";
}
