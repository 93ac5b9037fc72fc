using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The period and unit look-ups shared by <see cref="IndexResult"/> and
/// <see cref="Serialization.IndexResultDocument"/>, with the same <see cref="KeyNotFoundException"/> messages.
/// </summary>
internal static class ResultLookup
{
    /// <summary>Gets the position of <paramref name="period"/> in <paramref name="periods"/> (ordinal comparison).</summary>
    /// <exception cref="KeyNotFoundException">The period is not there.</exception>
    public static int PeriodIndex(ImmutableArray<string> periods, string period)
    {
        var i = periods.IndexOf(period, StringComparer.Ordinal);
        return i >= 0 ? i : throw new KeyNotFoundException($"The result has no period '{period}'.");
    }

    /// <summary>Gets the position of the unit with id <paramref name="unit"/> in <paramref name="units"/>.</summary>
    /// <exception cref="KeyNotFoundException">No unit has that id.</exception>
    public static int UnitIndex(ImmutableArray<UnitInfo> units, string unit)
    {
        for (var i = 0; i < units.Length; i++)
        {
            if (units[i].Id == unit)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The result has no unit '{unit}'.");
    }
}
