using System.Collections.Immutable;

namespace CompositeIndex.Reporting.Maps;

/// <summary>The maps of an HTML report (<see cref="ReportOptions.Map"/>): the shapes, how they join the units, and how they are drawn.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Shapes">The shapes (see <see cref="GeoShapes.Load"/>).</param>
/// <param name="Keys">The join keys, tried in order (see <see cref="MapKey"/>); at least one.</param>
public sealed record ReportMap(GeoShapes Shapes, ImmutableArray<MapKey> Keys)
{
    /// <summary>Gets the projection. The default is <see cref="MapProjection.Auto"/>.</summary>
    public MapProjection Projection { get; init; } = MapProjection.Auto;

    /// <summary>Gets the number of colour classes. Must be in [2, 9]. The default is 5.</summary>
    public int ClassCount { get; init; } = 5;

    /// <summary>Gets the maximum number of maps (the index first, then the top-level groups). Must be positive. The default is 7.</summary>
    public int MaxMaps { get; init; } = 7;
}
