using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// A fluent builder of <see cref="IndexDefinition"/>s: declare indicators, groups with weighted children and the
/// methods of each step, then <see cref="Build"/> a validated, immutable definition.
/// </summary>
/// <example>
/// <code>
/// var definition = IndexBuilder.Create("hdi", "Human Development Index")
///     .Indicator("le", i => i.Name("Life expectancy at birth").MeasurementUnit("years")
///         .Normalize(Normalization.Goalposts(20, 85)))
///     .Indicator("gni", i => i.Name("GNI per capita").MeasurementUnit("2017 PPP $")
///         .Normalize(Normalization.Goalposts(100, 75_000, log: true)))
///     .Group("hdi", g => g.Add("le").Add("gni").Aggregate(Aggregation.Geometric()))
///     .Build();
/// </code>
/// </example>
/// <remarks>
/// Mutable and not thread-safe; single use: <see cref="Build"/> may be called once, and the builder cannot be changed
/// afterwards (both throw <see cref="InvalidOperationException"/>). Use <see cref="IndexDefinition.ToBuilder"/> to edit
/// an existing definition.
/// </remarks>
public sealed class IndexBuilder
{
    private readonly List<IndicatorDefinition> indicators = [];
    private readonly List<GroupDefinition> groups = [];
    private IndexDefinition definition;
    private bool built;

    private IndexBuilder(IndexDefinition seed) => definition = seed;

    /// <summary>Starts a new definition.</summary>
    /// <param name="id">The index id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>A new builder.</returns>
    public static IndexBuilder Create(string id, string name) => new(new IndexDefinition { Id = id, Name = name });

    /// <summary>Starts a builder pre-filled with an existing definition.</summary>
    /// <param name="definition">The definition to edit.</param>
    /// <returns>A new builder.</returns>
    public static IndexBuilder From(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var b = new IndexBuilder(definition with { Indicators = [], Groups = [] });
        b.indicators.AddRange(definition.Indicators);
        b.groups.AddRange(definition.Groups);
        return b;
    }

    /// <summary>Sets the definition's version label.</summary>
    /// <param name="version">The version, e.g. <c>"2024.1"</c>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Version(string version) => Set(definition with { Version = version });

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Description(string description) => Set(definition with { Description = description });

    /// <summary>Adds a localised description of the index.</summary>
    /// <param name="language">A language tag, e.g. <c>"ko"</c>.</param>
    /// <param name="description">The description in that language.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Description(string language, string description) =>
        Set(definition with { Descriptions = definition.Descriptions.SetItem(language, description) });

    /// <summary>Adds a localised name of the index.</summary>
    /// <param name="language">A language tag, e.g. <c>"ko"</c>.</param>
    /// <param name="name">The name in that language.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Name(string language, string name) => Set(definition with { Names = definition.Names.SetItem(language, name) });

    /// <summary>Adds a metadata entry.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Metadata(string key, string value) => Set(definition with { Metadata = definition.Metadata.SetItem(key, value) });

    /// <summary>Sets the root group explicitly (otherwise the only group without a parent).</summary>
    /// <param name="groupId">The root group id.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Root(string groupId) => Set(definition with { Root = groupId });

    /// <summary>Sets the default normalisation of every indicator.</summary>
    /// <param name="method">The method, e.g. <see cref="Normalization.MinMax"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Normalize(NormalizationMethod method) => Set(definition with { Normalization = method });

    /// <summary>Sets the default aggregation of every group.</summary>
    /// <param name="method">The method, e.g. <see cref="Aggregation.Geometric"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Aggregate(AggregationMethod method) => Set(definition with { Aggregation = method });

    /// <summary>Sets the default missing-data policy of every group.</summary>
    /// <param name="policy">The policy, e.g. <see cref="CompositeIndex.MissingData.Renormalize"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder MissingData(MissingDataPolicy policy) => Set(definition with { MissingData = policy });

    /// <summary>Appends a data-preparation step (denomination, imputation, screening, outlier treatment) to <see cref="IndexDefinition.Steps"/>.</summary>
    /// <param name="step">The step, e.g. <see cref="Imputation.GroupMean"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder AddStep(PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Set(definition with { Steps = (definition.Steps.IsDefault ? [] : definition.Steps).Add(step) });
    }

    /// <summary>Adds an indicator.</summary>
    /// <param name="id">The indicator id (also its data column).</param>
    /// <param name="configure">Sets name, unit, polarity, ...; may be <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Indicator(string id, Action<IndicatorBuilder>? configure = null)
    {
        EnsureOpen();
        var b = new IndicatorBuilder(new IndicatorDefinition { Id = id });
        configure?.Invoke(b);
        indicators.Add(b.Result);
        return this;
    }

    /// <summary>Adds an already-built indicator definition.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Indicator(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        EnsureOpen();
        indicators.Add(indicator);
        return this;
    }

    /// <summary>Adds a group.</summary>
    /// <param name="id">The group id.</param>
    /// <param name="configure">Adds children and sets methods.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Group(string id, Action<GroupBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureOpen();
        var b = new GroupBuilder(new GroupDefinition { Id = id });
        configure(b);
        groups.Add(b.Result);
        return this;
    }

    /// <summary>Adds a variant (population, scenario) the tree is evaluated for; see <see cref="VariantDefinition"/>.</summary>
    /// <param name="id">The variant id, e.g. <c>"female"</c>.</param>
    /// <param name="configure">Maps columns, overrides normalisations; may be <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Variant(string id, Action<VariantBuilder>? configure = null)
    {
        var b = new VariantBuilder(new VariantDefinition { Id = id });
        configure?.Invoke(b);
        return Set(definition with { Variants = definition.Variants.Add(b.Result) });
    }

    /// <summary>Adds a reported output (published value, rank, class); see <see cref="OutputDefinition"/>.</summary>
    /// <param name="id">The output id, e.g. <c>"gdi"</c>.</param>
    /// <param name="value">The formula, e.g. <see cref="OutputExpressions.Score"/>.</param>
    /// <param name="configure">Sets rounding, ranking and classes; may be <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Output(string id, OutputExpression value, Action<OutputBuilder>? configure = null)
    {
        var b = new OutputBuilder(new OutputDefinition { Id = id, Value = value });
        configure?.Invoke(b);
        return Set(definition with { Outputs = definition.Outputs.Add(b.Result) });
    }

    /// <summary>Changes a group added earlier (its children are kept; <paramref name="configure"/> may add more and set methods).</summary>
    /// <param name="id">The id of the group.</param>
    /// <param name="configure">Sets names, methods, weight scaling, ... and may add children.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="UnknownKeyException">No group with that id was added.</exception>
    public IndexBuilder EditGroup(string id, Action<GroupBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        EnsureOpen();
        var index = groups.FindIndex(g => g.Id == id);
        if (index < 0)
        {
            throw new UnknownKeyException("group", id, $"The builder has no group '{id}'.");
        }

        var b = new GroupBuilder(groups[index] with { Children = [] });
        foreach (var child in groups[index].Children)
        {
            b.Add(child.Id, child.Weight);
        }

        configure(b);
        groups[index] = b.Result;
        return this;
    }

    /// <summary>Validates and returns the definition.</summary>
    /// <returns>The immutable, valid definition.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid; its report lists every problem with its path.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public IndexDefinition Build()
    {
        EnsureOpen();
        built = true;
        var result = definition with { Indicators = [.. indicators], Groups = [.. groups] };
        result.Validate().ThrowIfInvalid();
        return result;
    }

    private IndexBuilder Set(IndexDefinition d)
    {
        EnsureOpen();
        definition = d;
        return this;
    }

    private void EnsureOpen()
    {
        if (built)
        {
            throw new InvalidOperationException("This builder has already built its definition; use definition.ToBuilder() to start a new one.");
        }
    }
}

/// <summary>Configures one indicator inside <see cref="IndexBuilder.Indicator(string, Action{IndicatorBuilder})"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class IndicatorBuilder
{
    internal IndicatorBuilder(IndicatorDefinition seed) => Result = seed;

    internal IndicatorDefinition Result { get; private set; }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Name(string name) => Set(Result with { Name = name });

    /// <summary>Adds a localised name.</summary>
    /// <param name="language">A language tag, e.g. <c>"ko"</c>.</param>
    /// <param name="name">The name in that language.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Name(string language, string name) => Set(Result with { Names = Result.Names.SetItem(language, name) });

    /// <summary>Sets the unit of measurement.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder MeasurementUnit(string unit) => Set(Result with { MeasurementUnit = unit });

    /// <summary>Sets the polarity.</summary>
    /// <param name="polarity">The polarity.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Polarity(Polarity polarity) => Set(Result with { Polarity = polarity });

    /// <summary>Marks the indicator as lower-is-better (<see cref="CompositeIndex.Polarity.Negative"/>).</summary>
    /// <returns>This builder.</returns>
    public IndicatorBuilder LowerIsBetter() => Polarity(CompositeIndex.Polarity.Negative);

    /// <summary>Sets the data source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Source(string source) => Set(Result with { Source = source });

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Description(string description) => Set(Result with { Description = description });

    /// <summary>Adds a metadata entry.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Metadata(string key, string value) => Set(Result with { Metadata = Result.Metadata.SetItem(key, value) });

    /// <summary>Sets this indicator's normalisation (overrides group and index defaults).</summary>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Normalize(NormalizationMethod method) => Set(Result with { Normalization = method });

    /// <summary>Rounds this indicator's normalised value before any group aggregates it; see <see cref="IndicatorDefinition.Rounding"/>.</summary>
    /// <param name="digits">The number of decimals, 0 to 15.</param>
    /// <param name="midpoint">The rule for values exactly half-way. The default is half up (<see cref="MidpointRounding.AwayFromZero"/>).</param>
    /// <returns>This builder.</returns>
    public IndicatorBuilder Round(int digits, MidpointRounding midpoint = MidpointRounding.AwayFromZero) =>
        Set(Result with { Rounding = new OutputRounding(digits) { Midpoint = midpoint } });

    private IndicatorBuilder Set(IndicatorDefinition d)
    {
        Result = d;
        return this;
    }
}

/// <summary>Configures one group inside <see cref="IndexBuilder.Group"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class GroupBuilder
{
    private readonly ImmutableArray<ChildReference>.Builder children = ImmutableArray.CreateBuilder<ChildReference>();

    internal GroupBuilder(GroupDefinition seed) => Seed = seed;

    internal GroupDefinition Result => Seed with { Children = children.ToImmutable() };

    private GroupDefinition Seed { get; set; }

    /// <summary>Adds a child (indicator or group) with a weight.</summary>
    /// <param name="id">The child id.</param>
    /// <param name="weight">The relative weight. The default is 1.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Add(string id, double weight = 1.0)
    {
        children.Add(new ChildReference(id, weight));
        return this;
    }

    /// <summary>Adds several children with weight 1.</summary>
    /// <param name="ids">The child ids.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Add(params string[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            Add(id);
        }

        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Name(string name) => Set(Seed with { Name = name });

    /// <summary>Adds a localised name.</summary>
    /// <param name="language">A language tag.</param>
    /// <param name="name">The name in that language.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Name(string language, string name) => Set(Seed with { Names = Seed.Names.SetItem(language, name) });

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Description(string description) => Set(Seed with { Description = description });

    /// <summary>Sets this group's aggregation.</summary>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Aggregate(AggregationMethod method) => Set(Seed with { Aggregation = method });

    /// <summary>Sets this group's weighting step (see <see cref="GroupDefinition.Weighting"/> and the <see cref="CompositeIndex.Weighting"/> catalog).</summary>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Weight(WeightingMethod method) => Set(Seed with { Weighting = method });

    /// <summary>Sets this group's missing-data policy.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder MissingData(MissingDataPolicy policy) => Set(Seed with { MissingData = policy });

    /// <summary>Sets how the children's nominal weights are scaled before re-normalisation; see <see cref="CompositeIndex.WeightScaling"/>.</summary>
    /// <param name="scaling">The scaling.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder ScaleWeights(WeightScaling scaling) => Set(Seed with { WeightScaling = scaling });

    /// <summary>
    /// Makes this group the mean over all available indicators of its subtree: each child's weight is multiplied by
    /// the number of indicators below it that have a score (<see cref="WeightScaling.AvailableIndicatorCount"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public GroupBuilder WeightByIndicatorCount() => ScaleWeights(WeightScaling.AvailableIndicatorCount);

    /// <summary>Sets the normalisation of the indicators below this group (unless they set their own).</summary>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Normalize(NormalizationMethod method) => Set(Seed with { Normalization = method });

    /// <summary>Adjusts this group's score by a per-unit factor from the data; see <see cref="GroupAdjustment"/>.</summary>
    /// <param name="adjustment">The adjustment, e.g. <c>new GroupAdjustment("ineq_le") { Scale = 0.01 }</c>.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Adjust(GroupAdjustment adjustment) => Set(Seed with { Adjustment = adjustment });

    /// <summary>Rounds this group's score before its parent aggregates it; see <see cref="GroupDefinition.Rounding"/>.</summary>
    /// <param name="digits">The number of decimals, 0 to 15.</param>
    /// <param name="midpoint">The rule for values exactly half-way. The default is half up (<see cref="MidpointRounding.AwayFromZero"/>).</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Round(int digits, MidpointRounding midpoint = MidpointRounding.AwayFromZero) =>
        Set(Seed with { Rounding = new OutputRounding(digits) { Midpoint = midpoint } });

    /// <summary>Adds a metadata entry.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder Metadata(string key, string value) => Set(Seed with { Metadata = Seed.Metadata.SetItem(key, value) });

    private GroupBuilder Set(GroupDefinition d)
    {
        Seed = d;
        return this;
    }
}
