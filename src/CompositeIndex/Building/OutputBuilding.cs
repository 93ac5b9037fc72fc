namespace CompositeIndex;

/// <summary>Configures one variant inside <see cref="IndexBuilder.Variant"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class VariantBuilder
{
    internal VariantBuilder(VariantDefinition seed) => Result = seed;

    internal VariantDefinition Result { get; private set; }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public VariantBuilder Name(string name) => Set(Result with { Name = name });

    /// <summary>Reads an indicator from another data column in this variant.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="column">The data column, e.g. <c>"le_f"</c>.</param>
    /// <returns>This builder.</returns>
    public VariantBuilder Column(string indicatorId, string column) => Set(Result with { Columns = Result.Columns.SetItem(indicatorId, column) });

    /// <summary>Replaces an indicator's normalisation in this variant.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public VariantBuilder Normalize(string indicatorId, NormalizationMethod method) => Set(Result with { Normalizations = Result.Normalizations.SetItem(indicatorId, method) });

    /// <summary>Switches group adjustments off (or on) in this variant.</summary>
    /// <param name="apply">Whether adjustments apply. The default is <see langword="false"/>.</param>
    /// <returns>This builder.</returns>
    public VariantBuilder ApplyAdjustments(bool apply = false) => Set(Result with { ApplyAdjustments = apply });

    private VariantBuilder Set(VariantDefinition d)
    {
        Result = d;
        return this;
    }
}

/// <summary>Configures one output inside <see cref="IndexBuilder.Output"/>.</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
public sealed class OutputBuilder
{
    internal OutputBuilder(OutputDefinition seed) => Result = seed;

    internal OutputDefinition Result { get; private set; }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public OutputBuilder Name(string name) => Set(Result with { Name = name });

    /// <summary>Adds a localised name.</summary>
    /// <param name="language">A language tag, e.g. <c>"ko"</c>.</param>
    /// <param name="name">The name in that language.</param>
    /// <returns>This builder.</returns>
    public OutputBuilder Name(string language, string name) => Set(Result with { Names = Result.Names.SetItem(language, name) });

    /// <summary>Rounds the published value; see <see cref="OutputRounding"/>.</summary>
    /// <param name="digits">The number of decimals.</param>
    /// <param name="midpoint">The rule for exact halves. The default is half away from zero (half up).</param>
    /// <returns>This builder.</returns>
    public OutputBuilder Round(int digits, MidpointRounding midpoint = MidpointRounding.AwayFromZero) =>
        Set(Result with { Rounding = new OutputRounding(digits) { Midpoint = midpoint } });

    /// <summary>Ranks units on the published value (ties share the best rank); see <see cref="OutputRanking"/>.</summary>
    /// <param name="units">The units ranked; <see langword="null"/> for all.</param>
    /// <param name="descending">Whether the highest value ranks first. The default is <see langword="true"/>.</param>
    /// <returns>This builder.</returns>
    public OutputBuilder Rank(UnitFilter? units = null, bool descending = true) =>
        Set(Result with { Ranking = new OutputRanking { Units = units, Descending = descending } });

    /// <summary>Adds a classification rule (tried in order; the first match wins); see <see cref="ClassRule"/>.</summary>
    /// <param name="label">The class label.</param>
    /// <param name="min">The lower bound (inclusive unless <paramref name="minInclusive"/> is false), or <see langword="null"/>.</param>
    /// <param name="max">The upper bound (exclusive unless <paramref name="maxInclusive"/> is true), or <see langword="null"/>.</param>
    /// <param name="minInclusive">Whether the lower bound belongs to the class. The default is <see langword="true"/>.</param>
    /// <param name="maxInclusive">Whether the upper bound belongs to the class. The default is <see langword="false"/>.</param>
    /// <returns>This builder.</returns>
    public OutputBuilder Class(string label, double? min = null, double? max = null, bool minInclusive = true, bool maxInclusive = false) =>
        Set(Result with { Classes = Result.Classes.Add(new ClassRule(label) { Min = min, Max = max, MinInclusive = minInclusive, MaxInclusive = maxInclusive }) });

    private OutputBuilder Set(OutputDefinition d)
    {
        Result = d;
        return this;
    }
}
