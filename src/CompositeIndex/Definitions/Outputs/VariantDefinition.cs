using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// One evaluation of the index's tree for a population or scenario: the same indicators, groups, weights and
/// methods, with indicator values read from other data columns (e.g. <c>le</c> from <c>le_f</c> for women),
/// optionally other normalisations for some indicators, and group adjustments on or off.
/// </summary>
/// <remarks>
/// <para>When <see cref="IndexDefinition.Variants"/> is non-empty the tree is evaluated once per variant (and not
/// on the indicators' own columns unless a variant maps nothing). The Gender Development Index, for example, has
/// variants <c>female</c> (<c>le → le_f</c>, ..., life-expectancy goalposts 22.5–87.5) and <c>male</c>
/// (<c>le → le_m</c>, ..., goalposts 17.5–82.5) and an output <c>ratio(score(hdi, female), score(hdi, male))</c>
/// (UNDP HDR 2023/2024 Technical note 3). The IHDI's definition has a variant <c>hdi</c> without adjustments and a
/// variant <c>ihdi</c> with them, so both indices come from one definition.</para>
/// <para>JSON: <c>{"id": "female", "columns": {"le": "le_f"}, "normalizations": {"le": {"method": "goalposts", "min": 22.5, "max": 87.5}}}</c>.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
public sealed record VariantDefinition
{
    /// <summary>Gets the id of the variant (e.g. <c>"female"</c>), unique among variants. Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name; <see langword="null"/> means "use the id".</summary>
    public string? Name { get; init; }

    /// <summary>Gets the data column of each remapped indicator (indicator id → column); other indicators read their own id.</summary>
    public ImmutableSortedDictionary<string, string> Columns { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets normalisations that replace the resolved normalisation of some indicators in this variant (indicator id → method).</summary>
    public ImmutableSortedDictionary<string, NormalizationMethod> Normalizations { get; init; } = ImmutableSortedDictionary<string, NormalizationMethod>.Empty;

    /// <summary>Gets a value indicating whether group adjustments (<see cref="GroupDefinition.Adjustment"/>) apply in this variant. The default is <see langword="true"/>.</summary>
    public bool ApplyAdjustments { get; init; } = true;

    /// <summary>Gets the data column this variant reads for an indicator.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <returns>The mapped column, or the indicator id itself.</returns>
    public string ColumnOf(string indicatorId) => Columns.TryGetValue(indicatorId, out var c) ? c : indicatorId;

    /// <inheritdoc/>
    public bool Equals(VariantDefinition? other) =>
        other is not null && Id == other.Id && Name == other.Name && ApplyAdjustments == other.ApplyAdjustments
        && Equality.Map(Columns, other.Columns)
        && Normalizations.Count == other.Normalizations.Count
        && Normalizations.All(kv => other.Normalizations.TryGetValue(kv.Key, out var m) && Equals(m, kv.Value));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, ApplyAdjustments, Equality.Hash(Columns), Normalizations.Count);
}

/// <summary>How a <see cref="GroupAdjustment"/> turns the per-unit factor into a multiplier.</summary>
public enum AdjustmentForm
{
    /// <summary>Multiply the group score by <c>1 − scale · a</c> (a loss share such as UNDP's Atkinson inequality A).</summary>
    OneMinusFactor = 0,

    /// <summary>Multiply the group score by <c>scale · a</c> (a ready-made adjustment factor).</summary>
    Factor = 1,
}

/// <summary>
/// Multiplies a group's score by a per-unit, per-period factor read from the data, after aggregation and before the
/// parent aggregates it: by default <c>score · (1 − scale · a)</c>.
/// </summary>
/// <param name="Column">The data column of the factor a (e.g. <c>ineq_le</c>).</param>
/// <remarks>
/// <para>UNDP HDR 2023/2024 Technical note 2 (IHDI): "the inequality-adjusted dimension indices are obtained from the
/// HDI dimension indices, I_x, by multiplying them by (1 − A_x), where A_x is the corresponding Atkinson measure";
/// the IHDI is the geometric mean of the adjusted indices. UNDP publishes A_x in percent, hence
/// <c>{"column": "ineq_le", "scale": 0.01}</c>.</para>
/// <para>A missing factor makes the adjusted score missing. Variants may switch adjustments off
/// (<see cref="VariantDefinition.ApplyAdjustments"/>). Immutable and thread-safe.</para>
/// </remarks>
public sealed record GroupAdjustment(string Column)
{
    /// <summary>Gets the multiplier applied to the factor before use (0.01 for percentages). The default is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets how the factor becomes a multiplier. The default is <see cref="AdjustmentForm.OneMinusFactor"/>.</summary>
    public AdjustmentForm Form { get; init; } = AdjustmentForm.OneMinusFactor;

    /// <summary>Adds an error for every invalid parameter.</summary>
    /// <param name="path">The JSONPath of this adjustment.</param>
    /// <param name="errors">The list to add errors to.</param>
    public void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Column))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.column", "An adjustment needs the data column of its factor."));
        }

        if (!double.IsFinite(Scale))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.scale", "The scale of an adjustment must be finite."));
        }

        if (!Enum.IsDefined(Form))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.form", $"Unknown adjustment form {(int)Form}."));
        }
    }

    /// <summary>Gets the multiplier for a factor value.</summary>
    /// <param name="factor">The factor a (NaN = missing).</param>
    /// <returns><c>1 − scale · a</c> or <c>scale · a</c>; NaN when the factor is missing.</returns>
    public double Multiplier(double factor) => Form == AdjustmentForm.Factor ? Scale * factor : 1 - (Scale * factor);
}
