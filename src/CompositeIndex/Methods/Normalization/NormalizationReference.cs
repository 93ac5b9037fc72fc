namespace CompositeIndex;

/// <summary>Which values a data-fitted normaliser fits its parameters on.</summary>
public enum ReferenceKind
{
    /// <summary>Each period is normalised with parameters fitted on that period's values (the default).</summary>
    PerPeriod = 0,

    /// <summary>One set of parameters fitted on all periods pooled, so scores are comparable over time.</summary>
    Pooled = 1,

    /// <summary>One set of parameters fitted on a base period and applied to every period.</summary>
    BasePeriod = 2,
}

/// <summary>
/// The reference of a data-fitted normaliser: per period, pooled over periods, or a fixed base period.
/// (Fixed goalposts are not a reference: they are parameters of <see cref="GoalpostsNormalization"/>.)
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record NormalizationReference
{
    /// <summary>Gets the reference that fits each period separately.</summary>
    public static NormalizationReference PerPeriod { get; } = new() { Kind = ReferenceKind.PerPeriod };

    /// <summary>Gets the reference that fits all periods pooled.</summary>
    public static NormalizationReference Pooled { get; } = new() { Kind = ReferenceKind.Pooled };

    /// <summary>Gets the kind of reference.</summary>
    public ReferenceKind Kind { get; init; }

    /// <summary>Gets the base period when <see cref="Kind"/> is <see cref="ReferenceKind.BasePeriod"/>.</summary>
    public string? Period { get; init; }

    /// <summary>Creates a reference that fits parameters on one base period.</summary>
    /// <param name="period">The base period, e.g. <c>"2022"</c>.</param>
    /// <returns>The reference.</returns>
    public static NormalizationReference BasePeriod(string period) => new() { Kind = ReferenceKind.BasePeriod, Period = period };

    internal void Validate(string path, ICollection<DefinitionError> errors)
    {
        if (Kind == ReferenceKind.BasePeriod && string.IsNullOrWhiteSpace(Period))
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.period", "A base-period reference needs a period."));
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.kind", $"Unknown reference kind {(int)Kind}."));
        }
    }
}
