using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The unit and period look-ups of a result: built once (dictionaries, ordinal comparison), each look-up O(1); an
/// unknown key throws <see cref="UnknownKeyException"/>. Immutable and thread-safe.
/// </summary>
internal sealed class ResultLookup
{
    private readonly Dictionary<string, int> units;
    private readonly Dictionary<string, int> periods;

    /// <summary>Indexes <paramref name="unitInfos"/> and <paramref name="periodIds"/> (ids are unique: a panel or a result file guarantees it; the first occurrence wins otherwise).</summary>
    public ResultLookup(ImmutableArray<UnitInfo> unitInfos, ImmutableArray<string> periodIds)
    {
        units = new Dictionary<string, int>(unitInfos.Length, StringComparer.Ordinal);
        for (var i = 0; i < unitInfos.Length; i++)
        {
            units.TryAdd(unitInfos[i].Id, i);
        }

        periods = new Dictionary<string, int>(periodIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < periodIds.Length; i++)
        {
            periods.TryAdd(periodIds[i], i);
        }
    }

    /// <summary>Shares existing indexes of unique ids (a panel's; ordinal comparison), which are read, never changed.</summary>
    public ResultLookup(Dictionary<string, int> unitIndex, Dictionary<string, int> periodIndex)
    {
        units = unitIndex;
        periods = periodIndex;
    }

    /// <summary>Gets the position of a unit.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unitId"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">No unit has that id.</exception>
    public int Unit(string unitId)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        return units.TryGetValue(unitId, out var i) ? i : throw new UnknownKeyException("unit", unitId);
    }

    /// <summary>Gets the position of a period.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException">The period is not there.</exception>
    public int Period(string period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return periods.TryGetValue(period, out var i) ? i : throw new UnknownKeyException("period", period);
    }
}
