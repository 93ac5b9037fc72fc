using System.Runtime.CompilerServices;

namespace CompositeIndex;

/// <summary>
/// An interpolated string that is formatted only when a check fails: the parameter checks of the built-in methods
/// (<c>Require(condition, $"{path}.upper", $"… (got {x})", errors)</c>) ran their formatting for every parameter of
/// every valid definition, which was a measurable share of compiling one (issue #22, ASEM regeneration).
/// </summary>
/// <remarks>
/// The pattern of <see cref="System.Diagnostics.Debug.Assert(bool, ref System.Diagnostics.Debug.AssertInterpolatedStringHandler)"/>:
/// the compiler passes the condition to the constructor, which sets <c>shouldAppend</c> to <see langword="false"/> when
/// the condition holds, so none of the holes is evaluated or formatted. Holes are formatted with the invariant culture
/// (as every message of the library). Internal: built-in methods get it through <c>private protected</c> overloads, and
/// the public string overloads are unchanged.
/// </remarks>
[InterpolatedStringHandler]
internal ref struct ConditionalText
{
    private DefaultInterpolatedStringHandler inner;

    /// <summary>Initializes the handler; nothing is formatted when <paramref name="condition"/> holds.</summary>
    /// <param name="literalLength">The length of the literal parts.</param>
    /// <param name="formattedCount">The number of holes.</param>
    /// <param name="condition">The condition of the check.</param>
    /// <param name="shouldAppend">Whether the compiler should format the parts.</param>
    public ConditionalText(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        shouldAppend = !condition;
        inner = condition ? default : new DefaultInterpolatedStringHandler(literalLength, formattedCount, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Appends a literal part.</summary>
    /// <param name="value">The part.</param>
    public void AppendLiteral(string value) => inner.AppendLiteral(value);

    /// <summary>Appends a hole.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    public void AppendFormatted<T>(T value) => inner.AppendFormatted(value);

    /// <summary>Appends a hole with a format.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="format">The format.</param>
    public void AppendFormatted<T>(T value, string? format) => inner.AppendFormatted(value, format);

    /// <summary>Appends a string hole.</summary>
    /// <param name="value">The value.</param>
    public void AppendFormatted(string? value) => inner.AppendFormatted(value);

    /// <summary>Gets the text (only called when the check failed) and releases the buffer.</summary>
    /// <returns>The formatted text.</returns>
    public string ToStringAndClear() => inner.ToStringAndClear();

    /// <summary>Adds an <see cref="ErrorCodes.InvalidParameter"/> error with the path formatted when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The condition that must hold.</param>
    /// <param name="path">The path of the parameter.</param>
    /// <param name="message">The message.</param>
    /// <param name="errors">The error list.</param>
    public static void Require(bool condition, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText path, string message, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!condition)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, path.ToStringAndClear(), message));
        }
    }

    /// <summary>Adds an <see cref="ErrorCodes.InvalidParameter"/> error with the path and message formatted when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">The condition that must hold.</param>
    /// <param name="path">The path of the parameter.</param>
    /// <param name="message">The message.</param>
    /// <param name="errors">The error list.</param>
    public static void Require(bool condition, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText path, [InterpolatedStringHandlerArgument("condition")] ref ConditionalText message, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!condition)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, path.ToStringAndClear(), message.ToStringAndClear()));
        }
    }
}
