using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>A unit (country, city, district) with its display name and attributes (region, income group, ...).</summary>
/// <param name="Id">The unit id.</param>
/// <param name="Name">The display name; <see langword="null"/> means "use the id".</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record UnitInfo(string Id, string? Name = null)
{
    /// <summary>Gets the attributes (e.g. <c>"region" → "Europe"</c>).</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <inheritdoc/>
    public bool Equals(UnitInfo? other) =>
        other is not null && Id == other.Id && Name == other.Name && Equality.Map(Attributes, other.Attributes);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Equality.Hash(Attributes));
}
