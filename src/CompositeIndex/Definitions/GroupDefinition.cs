using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// A node of the index hierarchy (dimension, pillar, area, the index itself) that aggregates its children.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// <para><see cref="Aggregation"/> and <see cref="MissingData"/> apply to this group only and fall back to the
/// index defaults; <see cref="Normalization"/> applies to every indicator below this group that does not set
/// its own.</para>
/// </remarks>
public sealed record GroupDefinition
{
    /// <summary>Gets the unique id of the group. Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name; <see langword="null"/> means "use the id".</summary>
    public string? Name { get; init; }

    /// <summary>Gets localised names keyed by language tag.</summary>
    public ImmutableSortedDictionary<string, string> Names { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets a free-text description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the children (indicators or groups) with their weights, in display order.</summary>
    public ImmutableArray<ChildReference> Children { get; init; } = ImmutableArray<ChildReference>.Empty;

    /// <summary>Gets the aggregation of this group's children; <see langword="null"/> uses the index default.</summary>
    public AggregationMethod? Aggregation { get; init; }

    /// <summary>Gets the missing-data policy of this group; <see langword="null"/> uses the index default.</summary>
    public MissingDataPolicy? MissingData { get; init; }

    /// <summary>
    /// Gets how the children's nominal weights are scaled before re-normalisation. The default is
    /// <see cref="CompositeIndex.WeightScaling.None"/>; <see cref="CompositeIndex.WeightScaling.AvailableIndicatorCount"/>
    /// makes this group a mean over all available indicators of its subtree (Seoul's overall index).
    /// </summary>
    public WeightScaling WeightScaling { get; init; }

    /// <summary>Gets a normalisation for the indicators below this group, if any.</summary>
    public NormalizationMethod? Normalization { get; init; }

    /// <summary>
    /// Gets the weighting step of this group: how the children's weights are derived (equal, AHP, factor analysis, ...).
    /// <see langword="null"/> (the default) uses the weights of <see cref="Children"/>. The weights used are recorded in
    /// <see cref="IndexResult.Weights"/>.
    /// </summary>
    public WeightingMethod? Weighting { get; init; }

    /// <summary>
    /// Gets an adjustment of this group's score by a per-unit factor from the data (e.g. <c>1 − A</c> for the IHDI),
    /// applied after aggregation; <see langword="null"/> for none. See <see cref="GroupAdjustment"/>.
    /// </summary>
    public GroupAdjustment? Adjustment { get; init; }

    /// <summary>
    /// Gets how this group's score (after aggregation and <see cref="Adjustment"/>) is rounded before its parent
    /// aggregates it (it is also the score the result reports), or <see langword="null"/> (the default) for no
    /// rounding: for indices that publish, and build on, rounded intermediate scores. Rounded as a decimal (see
    /// <see cref="OutputRounding.Round"/>); a missing score stays missing. Contributions (<see cref="IndexResult.ExplainScore"/>)
    /// add up to the unrounded score.
    /// </summary>
    public OutputRounding? Rounding { get; init; }

    /// <summary>Gets free metadata as key/value pairs.</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the name in the given language, falling back to <see cref="Name"/> and then <see cref="Id"/>.</summary>
    /// <param name="language">A language tag, or <see langword="null"/> for the default name.</param>
    /// <returns>The best available display name.</returns>
    public string DisplayName(string? language = null) =>
        language is not null && Names.TryGetValue(language, out var localized) ? localized : Name ?? Id;

    /// <inheritdoc/>
    public bool Equals(GroupDefinition? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Description == other.Description
        && Equality.Map(Names, other.Names) && Equality.Map(Metadata, other.Metadata)
        && Equality.Sequence(Children, other.Children)
        && Equals(Aggregation, other.Aggregation) && Equals(MissingData, other.MissingData)
        && Equals(Normalization, other.Normalization) && Equals(Weighting, other.Weighting) && WeightScaling == other.WeightScaling
        && Equals(Adjustment, other.Adjustment) && Equals(Rounding, other.Rounding);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Equality.Hash(Children), Aggregation, MissingData, Normalization, Weighting);
}
