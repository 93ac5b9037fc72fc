using System.Runtime.CompilerServices;

namespace CompositeIndex;

/// <summary>
/// The definition of a normalisation method: how raw indicator values are brought onto a common scale.
/// </summary>
/// <remarks>
/// <para>Each method is a small immutable record (its parameters) that also carries its kernel,
/// <see cref="Normalize"/>. Methods honour the indicator's <see cref="Polarity"/>: each documents its
/// inversion rule. Data-fitted methods take a <see cref="NormalizationReference"/> that says which values
/// the parameters (min, max, mean, ...) are fitted on.</para>
/// <para>To add a method: derive a sealed record, give it a <see cref="MethodName"/>, implement
/// <see cref="Normalize"/> and register it in <see cref="MethodRegistry"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record NormalizationMethod
{
    /// <summary>Gets the method's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the method in plain language from its parameters, e.g. <c>min-max to 0–100, fitted per period, reversed for lower-is-better indicators</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>Adds an error for every invalid parameter.</summary>
    /// <param name="path">The JSONPath of this method in the definition (e.g. <c>$.normalization</c>).</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>
    /// Normalises one indicator for every unit and period, writing <see cref="NormalizationContext.Output"/>.
    /// Missing inputs (NaN) give missing outputs.
    /// </summary>
    /// <param name="context">The indicator's raw values, its polarity, and where to write results and fitted parameters.</param>
    /// <exception cref="NumericalException">No defined value can be computed (e.g. a zero range).</exception>
    /// <exception cref="IndexDataException">The data lacks something the method needs (e.g. the base period).</exception>
    public abstract void Normalize(NormalizationContext context);

    /// <summary>
    /// Gets a value indicating whether <see cref="Normalize"/> writes every output value of every period whenever it
    /// returns (so the engine need not clear the output first; what a method leaves unwritten is otherwise 0). Only
    /// built-in methods whose every path writes every value say so.
    /// </summary>
    internal virtual bool WritesEveryOutput => false;

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
}
