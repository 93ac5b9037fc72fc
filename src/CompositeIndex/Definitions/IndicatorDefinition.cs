using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CompositeIndex;

/// <summary>
/// One indicator of an index: a measured variable with its identity, unit, direction and provenance.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. Equality is structural (collections are compared element by element).</para>
/// <para>The normalisation that applies to an indicator is, in order of precedence: <see cref="Normalization"/>,
/// the <see cref="GroupDefinition.Normalization"/> of the nearest ancestor group that sets one, then
/// <see cref="IndexDefinition.Normalization"/>.</para>
/// </remarks>
public sealed record IndicatorDefinition
{
    /// <summary>Gets the unique id of the indicator (also its column name in data). Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name; <see langword="null"/> means "use the id".</summary>
    public string? Name { get; init; }

    /// <summary>Gets localised names keyed by language tag (e.g. <c>"ko"</c>, <c>"en"</c>).</summary>
    public ImmutableSortedDictionary<string, string> Names { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the unit of measurement (e.g. <c>"years"</c>, <c>"%"</c>), if any. JSON name <c>"unit"</c>.</summary>
    [JsonPropertyName("unit")]
    public string? MeasurementUnit { get; init; }

    /// <summary>Gets the direction. The default is <see cref="Polarity.Positive"/>.</summary>
    public Polarity Polarity { get; init; } = Polarity.Positive;

    /// <summary>Gets the data source (publisher, table), if any.</summary>
    public string? Source { get; init; }

    /// <summary>Gets a free-text description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets free metadata as key/value pairs.</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets a normalisation that overrides the group and index defaults for this indicator, if any.</summary>
    public NormalizationMethod? Normalization { get; init; }

    /// <summary>
    /// Gets how the indicator's normalised value is rounded before any group aggregates it (it is also the score the
    /// result reports), or <see langword="null"/> (the default) for no rounding. CDC/ATSDR's Social Vulnerability Index
    /// rounds each percentile rank half-up to 4 decimals before summing them ("SVI 2022 Documentation"), which creates
    /// the ties of the next level. The value is rounded as a decimal (see <see cref="OutputRounding.Round"/>); a missing
    /// value stays missing.
    /// </summary>
    public OutputRounding? Rounding { get; init; }

    /// <summary>Gets the name in the given language, falling back to <see cref="Name"/> and then <see cref="Id"/>.</summary>
    /// <param name="language">A language tag such as <c>"ko"</c>; <see langword="null"/> for the default name.</param>
    /// <returns>The best available display name.</returns>
    public string DisplayName(string? language = null) =>
        language is not null && Names.TryGetValue(language, out var localized) ? localized : Name ?? Id;

    /// <inheritdoc/>
    public bool Equals(IndicatorDefinition? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && MeasurementUnit == other.MeasurementUnit && Polarity == other.Polarity
        && Source == other.Source && Description == other.Description
        && Equality.Map(Names, other.Names) && Equality.Map(Metadata, other.Metadata)
        && Equals(Normalization, other.Normalization) && Equals(Rounding, other.Rounding);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, MeasurementUnit, Polarity, Equality.Hash(Names), Equality.Hash(Metadata), Normalization, Rounding);
}
