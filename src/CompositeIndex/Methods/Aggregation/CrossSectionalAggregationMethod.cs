using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// An aggregation whose score for one unit depends on the other units of the same period (benefit of the doubt,
/// distance to an ideal unit): it aggregates a whole cross-section at once.
/// </summary>
/// <remarks>
/// <para>The engine calls <see cref="AggregateUnits"/> once per group and period with every unit's child scores
/// (NaN = missing); the method writes one score per unit (NaN for a missing score) and may record unit-specific
/// weights, which appear in <see cref="IndexResult.Weights"/> and drive contributions.
/// <see cref="AggregationMethod.Aggregate"/> (one unit alone) is not defined and throws.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record CrossSectionalAggregationMethod : AggregationMethod
{
    /// <summary>Not defined for a cross-sectional method: a unit's score needs the other units.</summary>
    /// <param name="values">Ignored.</param>
    /// <param name="weights">Ignored.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="InvalidOperationException">Always: calling it is a programming error (the engine calls <c>AggregateUnits</c>).</exception>
    public sealed override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights) =>
        throw new InvalidOperationException($"Aggregation '{MethodName}' scores a unit relative to the other units; it aggregates a whole cross-section (AggregateUnits).");

    /// <summary>Aggregates every unit of one group and period.</summary>
    /// <param name="section">The child scores of every unit, the group's weights, and where to write the scores.</param>
    /// <exception cref="NumericalException">A score cannot be computed.</exception>
    public abstract void AggregateUnits(CrossSection section);
}

/// <summary>The child scores of every unit of one group in one period, handed to a <see cref="CrossSectionalAggregationMethod"/>.</summary>
/// <remarks>Mutable (the method writes scores and unit weights into it) and not thread-safe; one instance per call.</remarks>
public sealed class CrossSection
{
    private readonly double[] values;
    private readonly double[] scores;
    private readonly double[]?[] unitWeights;

    internal CrossSection(string groupId, string period, ImmutableArray<string> childIds, ImmutableArray<double> weights, ImmutableArray<string> unitIds, double[] values)
    {
        GroupId = groupId;
        Period = period;
        ChildIds = childIds;
        Weights = weights;
        UnitIds = unitIds;
        this.values = values;
        scores = new double[unitIds.Length];
        Array.Fill(scores, double.NaN);
        unitWeights = new double[unitIds.Length][];
    }

    /// <summary>Gets the group id.</summary>
    public string GroupId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the children ids, in the group's order.</summary>
    public ImmutableArray<string> ChildIds { get; }

    /// <summary>Gets the group's weights, normalised to sum to 1 (in child order).</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Gets the unit ids, in data order.</summary>
    public ImmutableArray<string> UnitIds { get; }

    /// <summary>Gets the scores to write, one per unit (initially NaN = missing).</summary>
    public Span<double> Scores => scores;

    /// <summary>Gets the score of one child for one unit (NaN when missing).</summary>
    /// <param name="unit">The unit's position.</param>
    /// <param name="child">The child's position.</param>
    /// <returns>The score.</returns>
    public double Value(int unit, int child) => values[(child * UnitIds.Length) + unit];

    /// <summary>Gets the scores of one child for every unit (NaN when missing).</summary>
    /// <param name="child">The child's position.</param>
    /// <returns>The scores.</returns>
    public ReadOnlySpan<double> Column(int child) => values.AsSpan(child * UnitIds.Length, UnitIds.Length);

    /// <summary>Records the weights a unit was scored with (e.g. its benefit-of-the-doubt weights).</summary>
    /// <param name="unit">The unit's position.</param>
    /// <param name="weights">One weight per child.</param>
    /// <exception cref="ArgumentException">The number of weights is not the number of children.</exception>
    public void SetUnitWeights(int unit, ReadOnlySpan<double> weights)
    {
        if (weights.Length != ChildIds.Length)
        {
            throw new ArgumentException($"Expected {ChildIds.Length} weights.", nameof(weights));
        }

        unitWeights[unit] = weights.ToArray();
    }

    /// <summary>Creates a <see cref="NumericalException"/> about this group, a unit and the period.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="unit">The unit's position, or -1.</param>
    /// <returns>The exception.</returns>
    public NumericalException Error(string message, int unit = -1) => new(message, GroupId, unit >= 0 ? UnitIds[unit] : null, Period);

    internal double[]? UnitWeights(int unit) => unitWeights[unit];
}
