using System.Collections.Immutable;

namespace CompositeIndex.Interactive;

/// <summary>
/// One unit's score tree in one period: the score of every node under a group with its weight and its contribution to
/// the parent and to the group (see <see cref="IndexResult.ExplainScore"/>). Notebooks display it as a table with
/// bars; create it with <see cref="IndexResultExtensions.Explain"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class UnitExplanation
{
    internal UnitExplanation(IndexResult result, string unitId, string period, string groupId, ImmutableArray<Contribution> contributions)
    {
        Result = result;
        UnitId = unitId;
        Period = period;
        GroupId = groupId;
        Contributions = contributions;
    }

    /// <summary>Gets the result explained.</summary>
    public IndexResult Result { get; }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the group whose score is explained (the root for the index).</summary>
    public string GroupId { get; }

    /// <summary>Gets the contributions of every node below the group.</summary>
    public ImmutableArray<Contribution> Contributions { get; }

    /// <summary>Gets the score of the explained group for the unit and period (NaN when missing).</summary>
    public double Score => Result.GetScore(GroupId, UnitId, Period);

    /// <summary>Gets the rank of the explained group for the unit and period, or <see langword="null"/> when unranked.</summary>
    public int? Rank => Result.GetRank(GroupId, UnitId, Period);
}

/// <summary>Notebook helpers on <see cref="IndexResult"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class IndexResultExtensions
{
    /// <summary>Explains one unit's score: its score tree with contributions, for display in a notebook.</summary>
    /// <param name="result">The result.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="groupId">The group whose score is explained; <see langword="null"/> for the index (root).</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="unitId"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The unit, period or group is unknown, or the result has no periods.</exception>
    public static UnitExplanation Explain(this IndexResult result, string unitId, string? period = null, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(unitId);
        var t = period ?? (result.Periods.Length > 0 ? result.Periods[^1] : throw new UnknownKeyException("period", "(latest)", "The result has no periods."));
        var group = groupId ?? result.RootId;
        return new UnitExplanation(result, unitId, t, group, result.ExplainScore(group, unitId, t));
    }

    /// <summary>
    /// Draws a choropleth map of the index (latest period) for display in a notebook: the shapes joined to units by the
    /// keys, tried in order (e.g. <c>"ISO_A3", "ADMIN=name"</c>; see <see cref="Reporting.Maps.MapKey.Parse"/>).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="shapes">The shapes (see <see cref="Reporting.Maps.GeoShapes.Load"/>).</param>
    /// <param name="keys">The join keys in their text form; at least one.</param>
    /// <returns>The map view.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No key is given.</exception>
    /// <exception cref="FormatException">A key is malformed.</exception>
    public static MapView Map(this IndexResult result, Reporting.Maps.GeoShapes shapes, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new MapView(result, shapes, new Reporting.Maps.MapOptions { Keys = [.. keys.Select(Reporting.Maps.MapKey.Parse)] });
    }

    /// <summary>Draws a choropleth map of a result for display in a notebook (see <see cref="MapView"/>).</summary>
    /// <param name="result">The result.</param>
    /// <param name="shapes">The shapes.</param>
    /// <param name="options">The join keys and what to show: the node, the period, the classes.</param>
    /// <returns>The map view.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No join key, or the node or period is not in the result.</exception>
    public static MapView Map(this IndexResult result, Reporting.Maps.GeoShapes shapes, Reporting.Maps.MapOptions options) => new(result, shapes, options);
}
