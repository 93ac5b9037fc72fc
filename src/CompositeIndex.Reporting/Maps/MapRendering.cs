using System.Collections.Immutable;

namespace CompositeIndex.Reporting.Maps;

/// <summary>A drawn choropleth map: the SVG and what could and could not be drawn.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MapRendering
{
    internal MapRendering(string svg, MapProjection projection, ImmutableArray<MapClass> classes, ImmutableArray<UnitInfo> notDrawn, int drawnUnits, string nodeId, string period, string format)
    {
        var dot = format.IndexOf('.', StringComparison.Ordinal);
        Decimals = dot < 0 ? 0 : format.Length - dot - 1;
        Svg = svg;
        Projection = projection;
        Classes = classes;
        NotDrawn = notDrawn;
        DrawnUnits = drawnUnits;
        NodeId = nodeId;
        Period = period;
    }

    /// <summary>Gets the SVG markup (one <c>&lt;svg&gt;</c> element; each unit's shapes are one <c>&lt;path&gt;</c> with <c>data-unit</c> = its id and a <c>&lt;title&gt;</c> tooltip).</summary>
    public string Svg { get; }

    /// <summary>Gets the projection used (<see cref="MapProjection.Auto"/> resolved).</summary>
    public MapProjection Projection { get; }

    /// <summary>Gets the colour classes of the legend, lowest first (empty when no unit has a score).</summary>
    public ImmutableArray<MapClass> Classes { get; }

    /// <summary>
    /// Gets the units of the index that have no shape on the map (listed by name under it), in the result's order;
    /// without the units outside the shown output's ranking scope (see <see cref="OutOfScope"/>).
    /// </summary>
    public ImmutableArray<UnitInfo> NotDrawn { get; }

    /// <summary>Gets the number of units drawn.</summary>
    public int DrawnUnits { get; }

    /// <summary>Gets the node whose scores colour the map.</summary>
    public string NodeId { get; }

    /// <summary>Gets the period shown.</summary>
    public string Period { get; }

    /// <summary>
    /// Gets the units without a shape that the shown output does not rank (outside its ranking scope, e.g. UNDP's
    /// regional aggregates): not map units, listed on a line of their own under the map. Empty when the map shows no
    /// output or the output ranks every unit.
    /// </summary>
    public ImmutableArray<UnitInfo> OutOfScope { get; internal init; } = [];

    /// <summary>Gets the output whose published values, ranks and classes the map shows, or null for the node's scores.</summary>
    internal OutputResult? Output { get; init; }

    /// <summary>Gets the number of decimals of scores in the tooltips and legend.</summary>
    internal int Decimals { get; }
}
