using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The complete, serialisable description of a composite index: what to compute, not how.
/// </summary>
/// <remarks>
/// <para>A definition is data: indicators, a hierarchy of groups with weights, and the method of each pipeline
/// step (normalisation, aggregation, missing-data policy). Build one with <see cref="IndexBuilder"/> (which
/// validates) or with object initialisers followed by <see cref="Validate"/>. Compile it with
/// <see cref="CompiledIndex.Compile(IndexDefinition)"/> and evaluate it on a <see cref="Panel"/>.</para>
/// <para>Defaults: when <see cref="Aggregation"/> is <see langword="null"/> groups use the weighted arithmetic
/// mean; when <see cref="MissingData"/> is <see langword="null"/> weights are re-normalised over the children
/// present (<see cref="RenormalizeWeights"/> with no minimum share). There is no default normalisation: every
/// indicator must resolve one.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
public sealed record IndexDefinition
{
    /// <summary>Gets the id of the index (e.g. <c>"hdi"</c>). Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name. Required.</summary>
    public required string Name { get; init; }

    /// <summary>Gets localised names keyed by language tag.</summary>
    public ImmutableSortedDictionary<string, string> Names { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the version of this definition chosen by its author (e.g. <c>"2024.1"</c>), if any.</summary>
    public string? Version { get; init; }

    /// <summary>Gets a free-text description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Gets localised descriptions keyed by language tag (JSON <c>"descriptions": {"ko": "…"}</c>), shown instead of
    /// <see cref="Description"/> when a report or view is written in that language.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Descriptions { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the indicators, in display order.</summary>
    public ImmutableArray<IndicatorDefinition> Indicators { get; init; } = ImmutableArray<IndicatorDefinition>.Empty;

    /// <summary>Gets the groups of the hierarchy, in display order.</summary>
    public ImmutableArray<GroupDefinition> Groups { get; init; } = ImmutableArray<GroupDefinition>.Empty;

    /// <summary>
    /// Gets the id of the root group. <see langword="null"/> means "the only group that is no other group's child".
    /// </summary>
    public string? Root { get; init; }

    /// <summary>Gets the default normalisation for indicators that do not set one (directly or through a group).</summary>
    public NormalizationMethod? Normalization { get; init; }

    /// <summary>Gets the default aggregation; <see langword="null"/> means the weighted arithmetic mean.</summary>
    public AggregationMethod? Aggregation { get; init; }

    /// <summary>Gets the default missing-data policy; <see langword="null"/> means re-normalise weights over present children.</summary>
    public MissingDataPolicy? MissingData { get; init; }

    /// <summary>Gets free metadata as key/value pairs.</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// Gets the data-preparation steps that run, in order, before normalisation (denomination, imputation, screening
    /// of units, outlier treatment; see <see cref="PipelineStep"/>). Empty (the default) means the panel is normalised as given.
    /// </summary>
    public ImmutableArray<PipelineStep> Steps { get; init; } = ImmutableArray<PipelineStep>.Empty;

    /// <summary>
    /// Gets the variants (populations, scenarios) the tree is evaluated for, e.g. female and male for the GDI;
    /// empty means one evaluation on the indicators' own columns. See <see cref="VariantDefinition"/>.
    /// </summary>
    public ImmutableArray<VariantDefinition> Variants { get; init; } = [];

    /// <summary>Gets the reported values (rounded, ranked, classified formulas over scores); see <see cref="OutputDefinition"/>.</summary>
    public ImmutableArray<OutputDefinition> Outputs { get; init; } = [];

    /// <summary>Gets the name in the given language, falling back to <see cref="Name"/>.</summary>
    /// <param name="language">A language tag, or <see langword="null"/> for the default name.</param>
    /// <returns>The best available display name.</returns>
    public string DisplayName(string? language = null) =>
        language is not null && Names.TryGetValue(language, out var localized) ? localized : Name;

    /// <summary>
    /// Checks the definition and reports every problem at once: empty or duplicate ids, unknown children,
    /// cycles, nodes with several parents, invalid weights, an undeterminable root, unreachable indicators,
    /// indicators without a normalisation and invalid method parameters.
    /// </summary>
    /// <returns>A report; <see cref="ValidationReport.IsValid"/> is <see langword="true"/> when nothing is wrong. Never throws.</returns>
    public ValidationReport Validate() => DefinitionValidator.Validate(this);

    /// <summary>Gets the resolved id of the root group, or <see langword="null"/> when it cannot be determined.</summary>
    /// <returns>The root group id.</returns>
    public string? ResolveRoot()
    {
        if (Root is not null)
        {
            return Root;
        }

        var children = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in Groups)
        {
            foreach (var c in g.Children)
            {
                children.Add(c.Id);
            }
        }

        string? root = null;
        foreach (var g in Groups)
        {
            if (!children.Contains(g.Id))
            {
                if (root is not null)
                {
                    return null;
                }

                root = g.Id;
            }
        }

        return root;
    }

    /// <summary>Gets the description in the given language, falling back to <see cref="Description"/>.</summary>
    /// <param name="language">A language tag, or <see langword="null"/> for the default description.</param>
    /// <returns>The best available description, or <see langword="null"/> when the definition has none.</returns>
    public string? DisplayDescription(string? language = null) =>
        language is not null && Descriptions.TryGetValue(language, out var localized) ? localized : Description;

    /// <summary>Creates a builder pre-filled with this definition, for edits.</summary>
    /// <returns>A new <see cref="IndexBuilder"/>.</returns>
    public IndexBuilder ToBuilder() => IndexBuilder.From(this);

    /// <inheritdoc/>
    public bool Equals(IndexDefinition? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Version == other.Version && Description == other.Description
        && Root == other.Root
        && Equality.Map(Names, other.Names) && Equality.Map(Descriptions, other.Descriptions) && Equality.Map(Metadata, other.Metadata)
        && Equality.Sequence(Indicators, other.Indicators) && Equality.Sequence(Groups, other.Groups)
        && Equals(Normalization, other.Normalization) && Equals(Aggregation, other.Aggregation)
        && Equals(MissingData, other.MissingData)
        && Equality.Sequence(Steps, other.Steps)
        && Equality.Sequence(Variants, other.Variants) && Equality.Sequence(Outputs, other.Outputs);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Id, Name, Version, Equality.Hash(Indicators), Equality.Hash(Groups), Normalization, Aggregation, MissingData), Equality.Hash(Steps));
}
