using System.Collections.Immutable;

namespace CompositeIndex.Reporting.Maps;

/// <summary>What a choropleth map (<see cref="ChoroplethMap"/>) shows and how.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MapOptions
{
    /// <summary>Gets the keys joining shapes to units, tried in order (see <see cref="MapKey"/>). Must not be empty.</summary>
    public ImmutableArray<MapKey> Keys { get; init; } = [];

    /// <summary>Gets the indicator or group whose scores colour the map; <see langword="null"/> for the index (the root group).</summary>
    public string? NodeId { get; init; }

    /// <summary>Gets the period shown; <see langword="null"/> for the latest period of the result.</summary>
    public string? Period { get; init; }

    /// <summary>Gets the language of names (a key of the definition's <c>Names</c>), or <see langword="null"/> for the default names.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the title drawn above the map; <see langword="null"/> for "&lt;node name&gt;, &lt;period&gt;"; empty for none.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the width in SVG user units. Must be in [200, 4000]. The default is 720.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Gets the largest height of the map area (without legend and lists) in user units. Must be in [100, 4000]. The default is 560.</summary>
    public double MaxHeight { get; init; } = 560;

    /// <summary>Gets the projection. The default is <see cref="MapProjection.Auto"/>.</summary>
    public MapProjection Projection { get; init; } = MapProjection.Auto;

    /// <summary>Gets the number of equal-interval colour classes (when the map is not coloured by an output's classes). Must be in [2, 9]. The default is 5.</summary>
    public int ClassCount { get; init; } = 5;

    /// <summary>
    /// Gets a value indicating whether the map shows what an output publishes when one publishes the mapped node (a
    /// <c>score</c> expression of it): its rounded values, its ranks (only the units its ranking covers) and its classes
    /// (one colour per class label, instead of equal intervals). The default is <see langword="true"/>.
    /// </summary>
    public bool PublishedOutputs { get; init; } = true;

    /// <summary>Gets the .NET numeric format of scores in the legend and tooltips; <see langword="null"/> to choose from the range.</summary>
    public string? ValueFormat { get; init; }

    /// <summary>
    /// Gets the simplification tolerance in user units: outline points closer than this to the simplified line are dropped
    /// (Douglas–Peucker, after projection). 0 keeps every point. Must be in [0, 5]. The default is 0.35.
    /// </summary>
    public double Tolerance { get; init; } = 0.35;

    /// <summary>Gets an id for the root <c>&lt;svg&gt;</c> element, also the prefix of its internal ids (one per map on a page); <see langword="null"/> for "map".</summary>
    public string? Id { get; init; }

    /// <summary>Gets a value indicating whether the SVG is a standalone document (with the SVG namespace) rather than inline HTML. The default is <see langword="true"/>.</summary>
    public bool Standalone { get; init; } = true;
}
