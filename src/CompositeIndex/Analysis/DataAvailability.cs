using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The data availability of one unit, overall and within each group (COINr <c>get_data_avail</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class UnitAvailability
{
    internal UnitAvailability(string unitId, int indicators, int missing, int zero, ImmutableSortedDictionary<string, double> byGroup)
    {
        UnitId = unitId;
        Indicators = indicators;
        Missing = missing;
        Zero = zero;
        ByGroup = byGroup;
    }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the number of indicators considered.</summary>
    public int Indicators { get; }

    /// <summary>Gets the number of indicators without a value.</summary>
    public int Missing { get; }

    /// <summary>Gets the number of indicators whose value is zero.</summary>
    public int Zero { get; }

    /// <summary>Gets, for each group, the share of its indicators with a value.</summary>
    public ImmutableSortedDictionary<string, double> ByGroup { get; }

    /// <summary>Gets the share of indicators with a value (COINr <c>Dat_Avail</c>).</summary>
    public double Available => Indicators == 0 ? double.NaN : 1 - ((double)Missing / Indicators);

    /// <summary>Gets the share of indicators that are not zero, a missing value counting as not zero (COINr <c>Non_Zero</c>).</summary>
    public double NonZero => Indicators == 0 ? double.NaN : 1 - ((double)Zero / Indicators);
}

/// <summary>The data availability of one group: how many of its indicator values are present over all units.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class GroupAvailability
{
    internal GroupAvailability(string groupId, int level, int cells, int missing, int unitsBelowHalf)
    {
        GroupId = groupId;
        Level = level;
        Cells = cells;
        Missing = missing;
        UnitsBelowHalf = unitsBelowHalf;
    }

    /// <summary>Gets the group.</summary>
    public string GroupId { get; }

    /// <summary>Gets the group's level.</summary>
    public int Level { get; }

    /// <summary>Gets the number of unit × indicator cells under the group.</summary>
    public int Cells { get; }

    /// <summary>Gets the number of missing cells.</summary>
    public int Missing { get; }

    /// <summary>Gets the number of units with less than half of the group's indicators.</summary>
    public int UnitsBelowHalf { get; }

    /// <summary>Gets the share of present cells.</summary>
    public double Available => Cells == 0 ? double.NaN : 1 - ((double)Missing / Cells);
}

/// <summary>Data availability by unit and by group.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DataAvailability
{
    internal DataAvailability(ImmutableArray<UnitAvailability> units, ImmutableArray<GroupAvailability> groups)
    {
        Units = units;
        Groups = groups;
    }

    /// <summary>Gets one entry per unit, in data order.</summary>
    public ImmutableArray<UnitAvailability> Units { get; }

    /// <summary>Gets one entry per group, children before parents.</summary>
    public ImmutableArray<GroupAvailability> Groups { get; }
}

/// <content>Data availability.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Computes data availability by unit (overall and per group) and by group, over the definition's indicators
    /// (COINr <c>get_data_avail</c>: <c>Dat_Avail = 1 − missing/indicators</c>, <c>Non_Zero = 1 − zeros/indicators</c>, and
    /// the share of present indicators within each group).
    /// </summary>
    /// <param name="data">Raw indicator data with a column for every indicator of the definition.</param>
    /// <param name="definition">The index definition (for the groups).</param>
    /// <returns>The availability.</returns>
    /// <exception cref="UnknownKeyException">An indicator is not a column of <paramref name="data"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static DataAvailability Availability(AuditData data, IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fw = Framework.Of(definition);
        var columns = fw.Indicators.Select(data.IndexOf).ToArray();
        var leaves = fw.Groups.ToDictionary(g => g, g => fw.DescendantsAt(g, 1).Select(data.IndexOf).ToArray(), StringComparer.Ordinal);
        var units = ImmutableArray.CreateBuilder<UnitAvailability>(data.Units.Length);
        var groupMissing = fw.Groups.ToDictionary(g => g, _ => 0, StringComparer.Ordinal);
        var groupBelowHalf = fw.Groups.ToDictionary(g => g, _ => 0, StringComparer.Ordinal);
        for (var j = 0; j < data.Units.Length; j++)
        {
            var missing = 0;
            var zero = 0;
            foreach (var c in columns)
            {
                var v = data.Column(c)[j];
                if (double.IsNaN(v))
                {
                    missing++;
                }
                else if (v == 0)
                {
                    zero++;
                }
            }

            var byGroup = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var g in fw.Groups)
            {
                var cols = leaves[g];
                var gm = cols.Count(c => double.IsNaN(data.Column(c)[j]));
                groupMissing[g] += gm;
                if (cols.Length - gm < cols.Length / 2.0)
                {
                    groupBelowHalf[g]++;
                }

                byGroup[g] = cols.Length == 0 ? double.NaN : 1 - ((double)gm / cols.Length);
            }

            units.Add(new UnitAvailability(data.Units[j], columns.Length, missing, zero, byGroup.ToImmutable()));
        }

        var groups = fw.Groups.Select(g => new GroupAvailability(g, fw.Level[g], leaves[g].Length * data.Units.Length, groupMissing[g], groupBelowHalf[g])).ToImmutableArray();
        return new DataAvailability(units.MoveToImmutable(), groups);
    }
}
