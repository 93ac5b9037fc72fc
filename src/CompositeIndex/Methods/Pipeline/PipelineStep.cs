using System.Runtime.CompilerServices;

namespace CompositeIndex;

/// <summary>
/// The definition of a data-preparation step that runs before normalisation: denomination, imputation,
/// screening of units, outlier treatment.
/// </summary>
/// <remarks>
/// <para>The steps of <see cref="IndexDefinition.Steps"/> run in list order on a working copy of the panel, before
/// the normalisation of each indicator (the COINr and OECD/JRC Handbook order is denominate → impute → screen →
/// treat; a definition may use any order and repeat a step). Each step records what it did: entries in the audit
/// log and typed <see cref="StepReport"/>s, both returned with the result.</para>
/// <para>To add a step: derive a sealed record, give it a <see cref="MethodName"/>, implement <see cref="Apply"/>
/// and register it in <see cref="MethodRegistry"/>.</para>
/// <para>Immutable and thread-safe: a step holds parameters only; <see cref="Apply"/> works on the context it is given.</para>
/// </remarks>
public abstract record PipelineStep
{
    /// <summary>Gets the step's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the step in plain language from its parameters, e.g. <c>impute missing values with the indicator's mean over the units</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>Adds an error for every invalid parameter.</summary>
    /// <param name="path">The JSONPath of this step in the definition (e.g. <c>$.steps[1]</c>).</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>Checks the step against the definition it belongs to (e.g. that the indicators it names exist).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="path">The JSONPath of this step.</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>
    /// Returns this step as it reads once an indicator is removed from the definition (e.g. by a sensitivity factor that
    /// excludes it): the indicator is dropped from every list and map of the step that names it. A step whose list of
    /// indicators becomes empty is removed (<see langword="null"/>), because an empty list means "every indicator".
    /// The default returns the step unchanged (a step that names no indicator).
    /// </summary>
    /// <param name="indicatorId">The removed indicator.</param>
    /// <returns>The adjusted step, this step when it does not name the indicator, or <see langword="null"/> to remove the step.</returns>
    public virtual PipelineStep? WithoutIndicator(string indicatorId) => this;

    /// <summary>The list without <paramref name="id"/>; <see langword="null"/> when removing it leaves the list empty (empty means every indicator).</summary>
    /// <param name="list">The list of indicator ids (empty = every indicator).</param>
    /// <param name="id">The removed indicator.</param>
    /// <returns>The list without the id, the same list when it does not hold it, or <see langword="null"/>.</returns>
    protected static System.Collections.Immutable.ImmutableArray<string>? WithoutId(System.Collections.Immutable.ImmutableArray<string> list, string id)
    {
        if (list.IsDefaultOrEmpty || !list.Contains(id))
        {
            return list;
        }

        var rest = list.RemoveAll(x => x == id);
        return rest.IsEmpty ? null : rest;
    }

    /// <summary>Applies the step to the working data.</summary>
    /// <param name="context">The working data (values of every panel variable, the units still in, the definition) and the logs.</param>
    /// <exception cref="IndexDataException">The data lacks something the step needs (a denominator, a unit attribute).</exception>
    /// <exception cref="NumericalException">The step cannot compute a defined value.</exception>
    public abstract void Apply(PipelineContext context);

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

    /// <summary>Adds an <see cref="ErrorCodes.UnknownChild"/> error for every listed id that is not an indicator of the definition.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="ids">The indicator ids the step names.</param>
    /// <param name="path">The path of the list.</param>
    /// <param name="errors">The error list.</param>
    protected static void RequireIndicators(IndexDefinition definition, IEnumerable<string> ids, string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(errors);
        RequireIndicatorsCore(definition, ids, path, null, errors);
    }

    /// <summary>As <see cref="RequireIndicators(IndexDefinition, IEnumerable{string}, string, ICollection{DefinitionError})"/> for the list <c>path.member</c>, whose path is formatted only when an id is unknown.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="ids">The indicator ids the step names.</param>
    /// <param name="path">The path of the step.</param>
    /// <param name="member">The list's property name within the step, e.g. <c>"indicators"</c>.</param>
    /// <param name="errors">The error list.</param>
    private protected static void RequireIndicators(IndexDefinition definition, IEnumerable<string> ids, string path, string member, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(errors);
        RequireIndicatorsCore(definition, ids, path, member, errors);
    }

    private static void RequireIndicatorsCore(IndexDefinition definition, IEnumerable<string> ids, string path, string? member, ICollection<DefinitionError> errors)
    {
        var indicators = definition.Indicators.IsDefault ? [] : definition.Indicators;

        // While the validator checks this definition, its id map (id -> first declaration, indicators declared first)
        // answers "is some indicator's id" in one look-up: the first declaration of an indicator's id is an indicator.
        // Ids the map does not have as an indicator (blank ones included) take the search below, which decides.
        var declared = errors is DefinitionErrorList list && ReferenceEquals(list.Definition, definition) ? list.Declarations : null;
        var next = 0; // steps usually list indicators in definition order: each search starts after the previous match and wraps around
        foreach (var id in ids)
        {
            if (declared is not null && id is not null && declared.TryGetValue(id, out var first) && first < indicators.Length)
            {
                continue;
            }

            var found = false;
            for (var k = 0; k < indicators.Length; k++)
            {
                var at = next + k < indicators.Length ? next + k : next + k - indicators.Length;
                if (indicators[at]?.Id == id)
                {
                    found = true;
                    next = at + 1 < indicators.Length ? at + 1 : 0;
                    break;
                }
            }

            if (!found)
            {
                var known = indicators.Where(i => i?.Id is not null).Select(i => i.Id);
                errors.Add(new DefinitionError(ErrorCodes.UnknownChild, member is null ? path : $"{path}.{member}", $"'{id}' is not an indicator of the index{DefinitionValidator.Suggest(id!, known)}."));
            }
        }
    }
}

/// <summary>
/// Something a <see cref="PipelineStep"/> found or did that a reader of the result may want as data rather than text
/// (e.g. the skewness and kurtosis before and after an outlier treatment).
/// </summary>
/// <remarks>
/// <para>A step of another library derives its own report class from this one (with an internal or public constructor,
/// as it prefers) and passes it to <see cref="PipelineContext.Report"/>.</para>
/// <para>Immutable and thread-safe (derived reports should be too).</para>
/// </remarks>
public abstract class StepReport
{
    /// <summary>Initializes a new instance of the <see cref="StepReport"/> class.</summary>
    /// <param name="step">The method name of the step that writes the report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is <see langword="null"/>.</exception>
    protected StepReport(string step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Step = step;
    }

    /// <summary>Gets the method name of the step that wrote the report.</summary>
    public string Step { get; }
}
