using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Chooses, with equal probability, one of several normalisation methods, for the whole index, the indicators below a
/// group, or one indicator.
/// </summary>
/// <remarks>
/// Target <see langword="null"/>: the method becomes the index default and every indicator- and group-level
/// normalisation is cleared, so it applies to all indicators. A group id: the method is set on that group and cleared
/// on the groups and indicators below it. An indicator id: the method is set on that indicator.
/// </remarks>
/// <param name="Target">A group or indicator id, or <see langword="null"/> for the whole index.</param>
/// <param name="Alternatives">The methods to choose from (at least one).</param>
public sealed record NormalizationChoiceFactor(string? Target, ImmutableArray<NormalizationMethod> Alternatives) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"normalizationChoice"</c>.</summary>
    public const string KindName = "normalizationChoice";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    public bool Equals(NormalizationChoiceFactor? other) =>
        other is not null && Name == other.Name && Target == other.Target && Alternatives.SequenceEqual(other.Alternatives);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Target, Alternatives.Length);

    /// <inheritdoc/>
    protected override string DefaultName() => $"normalization({Target ?? "index"})";
}

/// <summary>
/// Chooses, with equal probability, one of several aggregation methods, for every group or for one group.
/// </summary>
/// <remarks>Group <see langword="null"/>: the method becomes the index default and every group-level aggregation is
/// cleared. Geometric and harmonic means need positive child scores: pair them with a normalisation that gives
/// positive values (e.g. min-max to [1, 100]).</remarks>
/// <param name="Group">A group id, or <see langword="null"/> for every group.</param>
/// <param name="Alternatives">The methods to choose from (at least one).</param>
public sealed record AggregationChoiceFactor(string? Group, ImmutableArray<AggregationMethod> Alternatives) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"aggregationChoice"</c>.</summary>
    public const string KindName = "aggregationChoice";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    public bool Equals(AggregationChoiceFactor? other) =>
        other is not null && Name == other.Name && Group == other.Group && Alternatives.SequenceEqual(other.Alternatives);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Group, Alternatives.Length);

    /// <inheritdoc/>
    protected override string DefaultName() => $"aggregation({Group ?? "all groups"})";
}

/// <summary>
/// Excludes one indicator at a time (or none): levels are "exclude nothing" (when <see cref="IncludeNone"/>) and
/// "exclude indicator i" for each candidate, with equal probability.
/// </summary>
/// <remarks>
/// An excluded indicator is removed from the definition (and from its group; a group left empty is removed from its
/// parent too), so weights are re-normalised over the remaining children (OECD/JRC Handbook 2008, step 7;
/// COINr <c>get_sensitivity</c> "exclude indicators" factor).
/// </remarks>
/// <param name="Indicators">The candidates; empty means every indicator.</param>
public sealed record IndicatorExclusionFactor(ImmutableArray<string> Indicators) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"indicatorExclusion"</c>.</summary>
    public const string KindName = "indicatorExclusion";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Gets a value indicating whether "exclude nothing" is one of the levels. The default is <see langword="true"/>.</summary>
    public bool IncludeNone { get; init; } = true;

    /// <inheritdoc/>
    public bool Equals(IndicatorExclusionFactor? other) =>
        other is not null && Name == other.Name && IncludeNone == other.IncludeNone
        && (Indicators.IsDefault ? [] : Indicators).SequenceEqual(other.Indicators.IsDefault ? [] : other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, IncludeNone, Indicators.IsDefault ? 0 : Indicators.Length);

    /// <inheritdoc/>
    protected override string DefaultName() => "excludedIndicator";
}
