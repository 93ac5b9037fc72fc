using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The outcome of validating a definition: every problem found, all at once.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ValidationReport
{
    /// <summary>A report with no errors.</summary>
    public static readonly ValidationReport Valid = new(ImmutableArray<DefinitionError>.Empty);

    /// <summary>Initializes a new report.</summary>
    /// <param name="errors">The errors found; empty when the definition is valid.</param>
    public ValidationReport(ImmutableArray<DefinitionError> errors) =>
        Errors = errors.IsDefault ? ImmutableArray<DefinitionError>.Empty : errors;

    /// <summary>Gets the errors, in the order they were found.</summary>
    public ImmutableArray<DefinitionError> Errors { get; }

    /// <summary>Gets a value indicating whether no error was found.</summary>
    public bool IsValid => Errors.IsEmpty;

    /// <summary>Throws an <see cref="IndexDefinitionException"/> carrying this report when it has errors.</summary>
    /// <exception cref="IndexDefinitionException">The report contains at least one error.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new IndexDefinitionException(this);
        }
    }

    /// <summary>Returns every error on its own line.</summary>
    /// <returns>The errors as text, or <c>"valid"</c>.</returns>
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
}
