using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// A value the index reports for every unit and period, as its publisher does: a formula over node scores,
/// data columns and earlier outputs, optionally rounded, ranked and classified.
/// </summary>
/// <remarks>
/// <para>UNDP publishes the HDI rounded half-up to 3 decimals, ranks countries on the rounded value (ties share a
/// rank) and classifies them by the rounded value (Very High ≥ 0.800, ...). An output states exactly that:
/// <c>{"id": "hdi", "value": {"method": "score", "node": "hdi"}, "rounding": {"digits": 3}, "ranking": {...},
/// "classes": [...]}</c>. Outputs are computed in definition order, so one may refer to an earlier one
/// (<see cref="OutputReference"/>).</para>
/// <para>The published value is the rounded value when <see cref="Rounding"/> is set, otherwise the unrounded
/// value. Ranks and classes are always computed from the published value.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
public sealed record OutputDefinition
{
    /// <summary>Gets the id of the output (e.g. <c>"gdi"</c>), unique among outputs. Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name; <see langword="null"/> means "use the id".</summary>
    public string? Name { get; init; }

    /// <summary>Gets localised names keyed by language tag (e.g. <c>"ko"</c>, <c>"en"</c>).</summary>
    public ImmutableSortedDictionary<string, string> Names { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the formula. Required.</summary>
    public required OutputExpression Value { get; init; }

    /// <summary>Gets how the published value is rounded, or <see langword="null"/> for no rounding.</summary>
    public OutputRounding? Rounding { get; init; }

    /// <summary>Gets how units are ranked on the published value, or <see langword="null"/> for no ranks.</summary>
    public OutputRanking? Ranking { get; init; }

    /// <summary>Gets the classification rules, tried in order (the first match wins); empty for no classes.</summary>
    public ImmutableArray<ClassRule> Classes { get; init; } = [];

    /// <summary>
    /// Gets what happens when the formula gives a non-finite value (a division by zero, a zero in a geometric mean)
    /// for a unit and period. The default is <see cref="NonFinitePolicy.Error"/>: evaluation stops with a
    /// <see cref="NumericalException"/> naming the output, unit and period. With <see cref="NonFinitePolicy.Missing"/>
    /// the value is missing and <see cref="OutputResult.Audit"/> says why, once per unit and period (UNDP's
    /// "difference from HDI" is 0/0 where HDI and PHDI are both 0).
    /// </summary>
    public NonFinitePolicy OnNonFinite { get; init; }

    /// <summary>Gets the name in the given language, falling back to <see cref="Name"/> and then <see cref="Id"/>.</summary>
    /// <param name="language">A language tag, or <see langword="null"/> for the default name.</param>
    /// <returns>The best available display name.</returns>
    public string DisplayName(string? language = null) =>
        language is not null && Names.TryGetValue(language, out var localized) ? localized : Name ?? Id;

    /// <inheritdoc/>
    public bool Equals(OutputDefinition? other) =>
        other is not null && Id == other.Id && Name == other.Name && Equality.Map(Names, other.Names) && Equals(Value, other.Value)
        && Equals(Rounding, other.Rounding) && Equals(Ranking, other.Ranking) && Equality.Sequence(Classes, other.Classes) && OnNonFinite == other.OnNonFinite;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Value, Rounding, Ranking, Equality.Hash(Classes), OnNonFinite);
}

/// <summary>What an output does with a non-finite value of its formula (see <see cref="OutputDefinition.OnNonFinite"/>).</summary>
public enum NonFinitePolicy
{
    /// <summary>Stop evaluation with a <see cref="NumericalException"/> naming the output, unit and period (the default).</summary>
    Error = 0,

    /// <summary>Make the value missing and record an audit entry for the unit and period.</summary>
    Missing = 1,
}

/// <summary>Which value of an output its ranks are computed from (see <see cref="OutputRanking.Basis"/>).</summary>
public enum OutputRankBasis
{
    /// <summary>The published (rounded) value: equal published values share a rank (UNDP's HDI tables).</summary>
    Published = 0,

    /// <summary>The unrounded value: units whose published values are equal can have different ranks (WIMD 2019, UNDP's GII 2022).</summary>
    Value = 1,
}

/// <summary>How tied values are ranked by an output (see <see cref="OutputRanking.Ties"/>).</summary>
public enum OutputRankTies
{
    /// <summary>Ties share the best rank and the next rank is skipped: 1, 2, 2, 4 ("competition" ranking).</summary>
    Competition = 0,

    /// <summary>Ties share the best rank and the next rank follows: 1, 2, 2, 3 ("dense" ranking).</summary>
    Dense = 1,

    /// <summary>Ties share the worst rank they span: 1, 3, 3, 4 ("modified competition" ranking).</summary>
    Worst = 2,
}

/// <summary>
/// A rounding rule: a number of decimals and a rule for half-way values, applied once to an unrounded value (an
/// output's published value, or an indicator's or group's score before its parent aggregates it).
/// </summary>
/// <param name="Digits">The number of decimals, 0 to 15.</param>
/// <remarks>
/// <para>The value is rounded as its shortest round-trip decimal representation (the digits
/// <c>double.ToString("R")</c> prints, as a <see cref="decimal"/>), so the rule is the one a reader applies to the
/// printed number: with <see cref="MidpointRounding.AwayFromZero"/> ("half up" for positive values)
/// 0.6645000055 → 0.665 and 2.675 → 2.68. Two traps are avoided: rounding in binary (<c>Math.Round(x · 1000)</c>
/// mis-rounds values such as 1.0005, whose product is 1000.4999…) and double rounding (rounding first to 4 decimals
/// would turn 0.32649990 into 0.3265 and then 0.327; UNDP publishes 0.326 for Afghanistan 1996, which confirms a
/// single rounding of the unrounded value). <see cref="decimal"/> conversion by cast is not used either: it keeps
/// only 15 significant digits.</para>
/// <para>JSON: <c>{"digits": 3, "midpoint": "awayFromZero"}</c>. Immutable and thread-safe.</para>
/// </remarks>
public sealed record OutputRounding(int Digits)
{
    /// <summary>Gets the rule for values exactly half-way. The default is <see cref="MidpointRounding.AwayFromZero"/> (half up).</summary>
    public MidpointRounding Midpoint { get; init; } = MidpointRounding.AwayFromZero;

    /// <summary>Rounds a value by this rule.</summary>
    /// <param name="value">The unrounded value.</param>
    /// <returns>The rounded value, or <see langword="null"/> when <paramref name="value"/> is NaN.</returns>
    /// <exception cref="OverflowException">The value is too large for a <see cref="decimal"/> (above about 7.9 × 10²⁸).</exception>
    public decimal? Round(double value) =>
        double.IsNaN(value) ? null : Math.Round(DecimalRounding.ToDecimal(value), Digits, Midpoint);
}

/// <summary>How units are ranked on an output's value.</summary>
/// <remarks>
/// <para>By default ranks are "competition" ranks of the published value: tied values share the best rank and the
/// next rank is skipped (1, 2, 2, 4), as in UNDP's HDI tables. <see cref="Basis"/> ranks the unrounded value instead
/// and <see cref="Ties"/> chooses another tie rule. Missing values, units outside <see cref="Units"/> and units where an
/// output of <see cref="RequireOutputs"/> is missing have no rank and do not take a place. Each period is ranked
/// separately.</para>
/// <para>JSON: <c>{"descending": true, "basis": "published", "ties": "competition", "units": {"attribute":
/// "is_aggregate", "values": ["0"]}, "requireOutputs": ["phdi"]}</c>. Immutable and thread-safe.</para>
/// </remarks>
public sealed record OutputRanking
{
    /// <summary>Gets a value indicating whether the highest value ranks first. The default is <see langword="true"/>.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>Gets the units that are ranked (e.g. countries but not regional aggregates); <see langword="null"/> ranks every unit.</summary>
    public UnitFilter? Units { get; init; }

    /// <summary>Gets which value is ranked. The default is <see cref="OutputRankBasis.Published"/> (the rounded value when the output rounds).</summary>
    public OutputRankBasis Basis { get; init; }

    /// <summary>Gets the tie rule. The default is <see cref="OutputRankTies.Competition"/> (1, 2, 2, 4).</summary>
    public OutputRankTies Ties { get; init; }

    /// <summary>
    /// Gets the ids of earlier outputs that must have a value for a unit to be ranked (e.g. the HDI ranked among the
    /// countries that have a PHDI, to compare the two ranks); empty (the default) for no such condition.
    /// </summary>
    public ImmutableArray<string> RequireOutputs { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(OutputRanking? other) =>
        other is not null && Descending == other.Descending && Equals(Units, other.Units) && Basis == other.Basis && Ties == other.Ties
        && Equality.Sequence(RequireOutputs, other.RequireOutputs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Descending, Units, Basis, Ties, Equality.Hash(RequireOutputs));
}

/// <summary>Selects units by an attribute (see <see cref="UnitInfo.Attributes"/>, read with <see cref="CsvOptions.AttributeColumns"/>).</summary>
/// <param name="Attribute">The attribute name, e.g. <c>"is_aggregate"</c>.</param>
/// <param name="Values">The accepted values (ordinal comparison); a unit without the attribute is not selected.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record UnitFilter(string Attribute, ImmutableArray<string> Values)
{
    /// <summary>Gets whether a unit is selected.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><see langword="true"/> when the unit's attribute is one of <see cref="Values"/>.</returns>
    public bool Matches(UnitInfo unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Attributes.TryGetValue(Attribute, out var v) && !Values.IsDefault && Values.Contains(v, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public bool Equals(UnitFilter? other) => other is not null && Attribute == other.Attribute && Equality.Sequence(Values, other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Attribute, Equality.Hash(Values));
}

/// <summary>
/// One classification rule: units whose published value lies in [<see cref="Min"/>, <see cref="Max"/>] (with the
/// stated inclusiveness) get <paramref name="Label"/>.
/// </summary>
/// <param name="Label">The class label, e.g. <c>"Very High"</c>. Several rules may share a label (a class made of two intervals).</param>
/// <remarks>
/// <para>Bounds are compared exactly, in decimal, with the published value (see <see cref="OutputRounding"/>),
/// so a GDI of 0.950 is at deviation 0.050 from parity, not 0.050000000000000044 as binary arithmetic would say.
/// UNDP HDR 2023/2024 Technical notes: HDI groups Very high ≥ 0.800, High 0.700–0.799, Medium 0.550–0.699,
/// Low &lt; 0.550; GDI groups by absolute deviation from parity: 1 ≤ 2.5%, 2 in (2.5%, 5%], 3 in (5%, 7.5%],
/// 4 in (7.5%, 10%], 5 &gt; 10%.</para>
/// <para>JSON: <c>{"label": "High", "min": 0.7, "max": 0.8}</c>. Immutable and thread-safe.</para>
/// </remarks>
public sealed record ClassRule(string Label)
{
    /// <summary>Gets the lower bound, or <see langword="null"/> for none.</summary>
    public double? Min { get; init; }

    /// <summary>Gets the upper bound, or <see langword="null"/> for none.</summary>
    public double? Max { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Min"/> itself belongs to the class. The default is <see langword="true"/>.</summary>
    public bool MinInclusive { get; init; } = true;

    /// <summary>Gets a value indicating whether <see cref="Max"/> itself belongs to the class. The default is <see langword="false"/>.</summary>
    public bool MaxInclusive { get; init; }

    /// <summary>Gets whether a published value falls in this rule's interval.</summary>
    /// <param name="value">The published value.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(decimal value)
    {
        if (Min is { } lo)
        {
            var l = DecimalRounding.ToDecimal(lo);
            if (value < l || (value == l && !MinInclusive))
            {
                return false;
            }
        }

        if (Max is { } hi)
        {
            var h = DecimalRounding.ToDecimal(hi);
            if (value > h || (value == h && !MaxInclusive))
            {
                return false;
            }
        }

        return true;
    }
}
