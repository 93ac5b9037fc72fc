using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Extensibility;

/// <summary>
/// What a weighting method sees: the group, its children and nominal weights, its aggregation, and for fitted
/// methods the children's scores on complete cases.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WeightingContext
{
    private readonly double[] data;

    /// <summary>Creates a context.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="childIds">The children ids, in order.</param>
    /// <param name="nominalWeights">The children's weights in the definition.</param>
    /// <param name="aggregation">The group's aggregation.</param>
    /// <param name="data">The children's scores, child-major: <c>data[c * rows + r]</c>; no NaN. Empty for fixed methods.</param>
    /// <param name="rows">The number of observations (complete unit-periods).</param>
    /// <exception cref="ArgumentException">The data length is not children × rows.</exception>
    public WeightingContext(string groupId, ImmutableArray<string> childIds, ImmutableArray<double> nominalWeights, AggregationMethod aggregation, double[] data, int rows)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(aggregation);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != childIds.Length * rows)
        {
            throw new ArgumentException($"The data has {data.Length} values; expected {childIds.Length} children x {rows} rows.", nameof(data));
        }

        GroupId = groupId;
        ChildIds = childIds;
        NominalWeights = nominalWeights;
        Aggregation = aggregation;
        this.data = (double[])data.Clone();
        Rows = rows;
    }

    /// <summary>Gets the group id.</summary>
    public string GroupId { get; }

    /// <summary>Gets the children ids, in the group's order.</summary>
    public ImmutableArray<string> ChildIds { get; }

    /// <summary>Gets the number of children.</summary>
    public int Count => ChildIds.Length;

    /// <summary>Gets the children's weights in the definition.</summary>
    public ImmutableArray<double> NominalWeights { get; }

    /// <summary>Gets the group's aggregation (used by methods that optimise the group score).</summary>
    public AggregationMethod Aggregation { get; }

    /// <summary>Gets the number of observations (units × periods with every child present); 0 for fixed methods.</summary>
    public int Rows { get; }

    /// <summary>Gets the scores of one child over the observations.</summary>
    /// <param name="child">The child's position in the group.</param>
    /// <returns>The scores, no NaN.</returns>
    public ReadOnlySpan<double> Column(int child) => data.AsSpan(child * Rows, Rows);

    /// <summary>Creates a <see cref="NumericalException"/> about this group.</summary>
    /// <param name="message">What went wrong.</param>
    /// <returns>The exception.</returns>
    public NumericalException Error(string message) => new(message, GroupId);
}
