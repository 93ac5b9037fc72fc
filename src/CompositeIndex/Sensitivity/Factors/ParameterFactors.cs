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
/// <c>"/maxWinsorizedPoints"</c>, COINr's <c>winmax</c>): the first step with that method name is replaced.
/// <para><see cref="Parameter"/> is a JSON Pointer (RFC 6901) into the method's JSON as the definition file writes it
/// (<c>"/upper"</c>, <c>"/minShare"</c>, <c>"/reference/period"</c>). The value is set in that JSON and read back through
/// the method registry, then the method validates itself; a pointer that does not resolve, or a value the method
/// refuses, is reported before the run with the factor's path (<c>$.factors[i].parameter</c>) and the pointer. The
/// dotted form of earlier files (<c>"upper"</c>, <c>"reference.period"</c>) reads as the same pointer.</para>
/// Each replicate compiles its own variant, so continuous parameter factors are slower than weight factors.
/// </remarks>
/// <param name="Target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
/// <param name="Step">The step: <c>"normalization"</c>, <c>"aggregation"</c>, <c>"missingData"</c>, or (index level) the method name of a data-preparation step.</param>
/// <param name="Parameter">The JSON Pointer of the parameter in the method's JSON (<c>"/upper"</c>); the dotted form <c>"upper"</c> is read too.</param>
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
    protected override string DefaultName() => ParameterName(Target, Step, Parameter);

    /// <summary>The default name of a parameter factor: <c>index.normalization.upper</c> (dotted form) or <c>index.normalization/upper</c> (pointer).</summary>
    internal static string ParameterName(string? target, string step, string parameter) =>
        parameter.StartsWith('/') ? $"{target ?? "index"}.{step}{parameter}" : $"{target ?? "index"}.{step}.{parameter}";
}

/// <summary>
/// Chooses, with equal probability, one of several values of a method parameter, written as invariant-culture text and
/// converted to the parameter's type (number, text, enum name, boolean), e.g. the base period of a ratio-to-base
/// normalisation (<c>Parameter = "/basePeriod"</c>) or of a reference (<c>"/reference/period"</c>).
/// </summary>
/// <remarks>Addressing as in <see cref="ParameterRangeFactor"/>. Each distinct value compiles one variant, cached for the run.</remarks>
/// <param name="Target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
/// <param name="Step">The step: <c>"normalization"</c>, <c>"aggregation"</c>, <c>"missingData"</c>, or (index level) the method name of a data-preparation step.</param>
/// <param name="Parameter">The JSON Pointer of the parameter in the method's JSON (<c>"/basePeriod"</c>); the dotted form <c>"basePeriod"</c> is read too.</param>
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
    protected override string DefaultName() => ParameterRangeFactor.ParameterName(Target, Step, Parameter);
}

/// <summary>
/// Switches an optional pipeline step on (as defined) or off, with equal probability.
/// </summary>
/// <remarks>
/// <para>Generic by design. With <see cref="Target"/> <see langword="null"/>, <see cref="Step"/> may name the method of
/// data-preparation steps in <see cref="IndexDefinition.Steps"/> (e.g. <c>"imputeColumn"</c>, <c>"treatOutliers"</c>,
/// <c>"screenUnits"</c>): "off" removes every step with that method name. Otherwise it names an optional step of the
/// definition by its JSON name — of the index: <c>normalization</c>, <c>aggregation</c>, <c>missingData</c>,
/// <c>steps</c>, <c>variants</c>, <c>outputs</c>; of a group: <c>normalization</c>, <c>aggregation</c>,
/// <c>missingData</c>, <c>weighting</c>, <c>adjustment</c>, <c>rounding</c>; of an indicator: <c>normalization</c>,
/// <c>rounding</c> — and "off" removes it (a list is emptied), so the library's default applies. The step must be
/// present in the nominal definition.</para>
/// <para>A variant that screens out other units than the nominal one is ranked over its own units; units it drops count
/// as missing in that run.</para>
/// </remarks>
/// <param name="Step">The JSON name of the optional step, or the method name of a data-preparation step.</param>
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
