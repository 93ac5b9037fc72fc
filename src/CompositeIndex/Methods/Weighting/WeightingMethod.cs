using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace CompositeIndex;

/// <summary>
/// The definition of a weighting method: how the weights of a group's children are derived (OECD/JRC
/// <i>Handbook on Constructing Composite Indicators</i>, 2008, step 6, §6.1).
/// </summary>
/// <remarks>
/// <para>Set on a group with <see cref="GroupDefinition.Weighting"/>. Without one, a group uses the weights of its
/// <see cref="GroupDefinition.Children"/> (<see cref="ChildReference.Weight"/>). With one, the method's weights replace
/// them, and the result records the weights used and how they were derived (<see cref="IndexResult.Weights"/>).</para>
/// <para>Two kinds: <em>fixed</em> methods (equal, explicit, budget allocation, AHP) derive weights from the
/// definition alone; <em>fitted</em> methods (<see cref="FittedWeightingMethod"/>: entropy, PCA/factor analysis,
/// optimised) derive them from the children's normalised scores at evaluation time, between normalisation and
/// aggregation.</para>
/// <para>To add a method: derive a sealed record, give it a <see cref="MethodName"/>, implement
/// <see cref="ComputeWeights"/> and register it in <see cref="MethodRegistry"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record WeightingMethod
{
    /// <summary>Gets the method's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the method in plain language from its parameters, e.g. <c>equal weights</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>Gets a value indicating whether the method needs the children's normalised scores. The default is <see langword="false"/>.</summary>
    public virtual bool NeedsData => false;

    /// <summary>Adds an error for every invalid parameter, including parameters that must match the group's children.</summary>
    /// <param name="path">The JSONPath of this method in the definition, e.g. <c>$.groups[2].weighting</c>.</param>
    /// <param name="group">The group the method weights.</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>Derives the weights of the group's children.</summary>
    /// <param name="context">The group's children, their nominal weights and (for fitted methods) their scores.</param>
    /// <returns>The weights (non-negative, in child order) and how they were derived.</returns>
    /// <exception cref="NumericalException">The weights cannot be derived from the data (e.g. a constant child).</exception>
    public abstract WeightingOutcome ComputeWeights(WeightingContext context);

    /// <summary>Adds an <see cref="ErrorCodes.InvalidParameter"/> error when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The condition that must hold.</param>
    /// <param name="path">The path of the parameter.</param>
    /// <param name="message">The message.</param>
    /// <param name="errors">The error list.</param>
    protected static void Require(bool condition, string path, string message, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!condition)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, path, message));
        }
    }

    /// <summary>As <see cref="Require(bool, string, string, ICollection{DefinitionError})"/>, formatting the path only when the check fails (<see cref="ConditionalText"/>).</summary>
    /// <param name="condition">The condition that must hold.</param>
    /// <param name="path">The path of the parameter.</param>
    /// <param name="message">The message.</param>
    /// <param name="errors">The error list.</param>
    private protected static void Require(bool condition, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText path, string message, ICollection<DefinitionError> errors) =>
        ConditionalText.Require(condition, ref path, message, errors);

    /// <summary>As <see cref="Require(bool, string, string, ICollection{DefinitionError})"/>, formatting the path and message only when the check fails (<see cref="ConditionalText"/>).</summary>
    /// <param name="condition">The condition that must hold.</param>
    /// <param name="path">The path of the parameter.</param>
    /// <param name="message">The message.</param>
    /// <param name="errors">The error list.</param>
    private protected static void Require(bool condition, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText path, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText message, ICollection<DefinitionError> errors) =>
        ConditionalText.Require(condition, ref path, ref message, errors);

    /// <summary>
    /// Checks that a map keyed by child id covers exactly the group's children, with finite non-negative values.
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="path">The path of the map.</param>
    /// <param name="group">The group.</param>
    /// <param name="what">What the values are, for messages (e.g. <c>"weight"</c>).</param>
    /// <param name="errors">The error list.</param>
    protected static void RequireChildMap(ImmutableSortedDictionary<string, double>? map, string path, GroupDefinition group, string what, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(errors);
        if (map is null)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, path, $"The {what}s of group '{group.Id}' are missing."));
            return;
        }

        var children = group.Children.IsDefault ? [] : group.Children;
        var ids = new HashSet<string>(children.Where(c => c?.Id is not null).Select(c => c.Id), StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (!ids.Contains(key))
            {
                errors.Add(new DefinitionError(ErrorCodes.UnknownChild, $"{path}.{key}", $"Group '{group.Id}' has no child '{key}'{DefinitionValidator.Suggest(key, ids)}."));
            }
            else if (!double.IsFinite(value) || value < 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidWeight, $"{path}.{key}", $"The {what} of '{key}' in group '{group.Id}' must be finite and non-negative (got {value.ToString("R", CultureInfo.InvariantCulture)})."));
            }
        }

        foreach (var id in ids)
        {
            if (!map.ContainsKey(id))
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, path, $"The {what} of child '{id}' of group '{group.Id}' is missing."));
            }
        }

        if (map.Count > 0 && map.Values.All(v => v == 0))
        {
            errors.Add(new DefinitionError(ErrorCodes.AllWeightsZero, path, $"All {what}s of group '{group.Id}' are zero."));
        }
    }
}

/// <summary>
/// A weighting method fitted on the children's normalised scores at evaluation time (entropy, PCA/factor analysis,
/// optimised weights).
/// </summary>
/// <remarks>
/// <para>The data used are the children's scores (indicators after normalisation, sub-groups after aggregation) for
/// every unit with all children present (complete cases), pooled over all periods or taken from one
/// <see cref="Period"/>. One weight vector is fitted per group, so scores stay comparable over time.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record FittedWeightingMethod : WeightingMethod
{
    /// <inheritdoc/>
    public override bool NeedsData => true;

    /// <summary>
    /// Gets the period the weights are fitted on; <see langword="null"/> (the default) pools every period.
    /// </summary>
    public string? Period { get; init; }
}

/// <summary>What <see cref="WeightingMethod.ComputeWeights"/> returns: the weights and how they were derived.</summary>
/// <param name="Weights">The weights, one per child in the group's order; non-negative, not necessarily summing to 1 (the engine normalises them).</param>
/// <param name="Derivation">A one-line, human-readable account of how the weights were derived.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record WeightingOutcome(ImmutableArray<double> Weights, string Derivation)
{
    /// <summary>Gets the intermediate quantities of the derivation (consistency ratios, eigenvalues, loadings, ...).</summary>
    public ImmutableArray<WeightingDiagnostic> Diagnostics { get; init; } = [];
}

/// <summary>One number recorded while deriving weights, e.g. an expert's consistency ratio or a factor loading.</summary>
/// <param name="Name">What the number is, e.g. <c>"consistencyRatio"</c>, <c>"eigenvalue"</c>, <c>"loading"</c>.</param>
/// <param name="Value">The number.</param>
/// <param name="ChildId">The child it concerns, if any.</param>
/// <param name="Qualifier">A further qualifier, e.g. the expert name or <c>"factor2"</c>, if any.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record WeightingDiagnostic(string Name, double Value, string? ChildId = null, string? Qualifier = null);

/// <summary>
/// The weights a group used in an evaluation and how they were derived (part of <see cref="IndexResult.Weights"/>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WeightingReport
{
    internal WeightingReport(string groupId, string methodName, ImmutableArray<string> childIds, ImmutableArray<double> weights, string derivation)
    {
        GroupId = groupId;
        MethodName = methodName;
        ChildIds = childIds;
        Weights = weights;
        Derivation = derivation;
    }

    /// <summary>Gets the group.</summary>
    public string GroupId { get; }

    /// <summary>Gets the weighting method (<c>"definition"</c> when the children's own weights were used, <c>"override"</c> for weights supplied to the evaluation, or an aggregation's name for unit-specific weights).</summary>
    public string MethodName { get; }

    /// <summary>Gets the children, in the group's order.</summary>
    public ImmutableArray<string> ChildIds { get; }

    /// <summary>Gets the weights, normalised to sum to 1, in child order (before re-normalisation over missing children).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Gets a one-line account of how they were derived.</summary>
    public string Derivation { get; }

    /// <summary>Gets the unit, for unit-specific weights (benefit of the doubt); <see langword="null"/> for group weights.</summary>
    public string? UnitId { get; internal init; }

    /// <summary>Gets the period, for unit-specific weights; <see langword="null"/> for group weights.</summary>
    public string? Period { get; internal init; }

    /// <summary>Gets the intermediate quantities of the derivation.</summary>
    public ImmutableArray<WeightingDiagnostic> Diagnostics { get; internal init; } = [];

    /// <summary>Gets the weight of one child.</summary>
    /// <param name="childId">The child id.</param>
    /// <returns>The weight.</returns>
    /// <exception cref="UnknownKeyException">The group has no such child.</exception>
    public double WeightOf(string childId)
    {
        ArgumentNullException.ThrowIfNull(childId);
        var i = ChildIds.IndexOf(childId, StringComparer.Ordinal);
        return i >= 0 ? Weights[i] : throw new UnknownKeyException("child", childId, $"Group '{GroupId}' has no child '{childId}'.");
    }
}
