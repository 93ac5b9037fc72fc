using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The units of a panel grouped by the value of one unit attribute, as column imputation groups them (see
/// <see cref="ColumnImputation.GroupBy"/>): groups numbered in order of first appearance, each group's members in unit
/// order. Immutable once built, so one instance can be cached on an immutable <see cref="Panel"/> and shared by threads.
/// </summary>
internal sealed class UnitGroups
{
    /// <summary>The name of the single group when there is no attribute.</summary>
    public const string AllUnits = "all units";

    private UnitGroups(string? attribute, int[] group, string[] names, int[] start, int[] order, bool identity)
    {
        Attribute = attribute;
        Group = group;
        Names = names;
        Start = start;
        Order = order;
        IsIdentity = identity;
        MeanMessages = Messages(attribute, names, "mean");
        MedianMessages = Messages(attribute, names, "median");
    }

    /// <summary>Gets the attribute, or <see langword="null"/> for one group of every unit.</summary>
    public string? Attribute { get; }

    /// <summary>Gets the group of every unit, −1 for a unit without the attribute (absent, empty or <c>NA</c>). Never modified.</summary>
    public int[] Group { get; }

    /// <summary>Gets the group names (attribute values), by group number. Never modified.</summary>
    public string[] Names { get; }

    /// <summary>Gets where each group starts in <see cref="Order"/>, with the end as a last element. Never modified.</summary>
    public int[] Start { get; }

    /// <summary>Gets the units of every group, group after group, each group in unit order. Never modified.</summary>
    public int[] Order { get; }

    /// <summary>Gets a value indicating whether <see cref="Order"/> is 0, 1, …, n − 1 (every unit in a group, groups contiguous), so a column is already in group order.</summary>
    public bool IsIdentity { get; }

    /// <summary>Gets a value indicating whether any unit is in a group.</summary>
    public bool Any => Order.Length > 0;

    /// <summary>Gets the audit message of a value imputed with a group's mean, by group number.</summary>
    public string[] MeanMessages { get; }

    /// <summary>Gets the audit message of a value imputed with a group's median, by group number.</summary>
    public string[] MedianMessages { get; }

    /// <summary>The value of an attribute that puts a unit in a group: <see langword="null"/> when absent, empty or <c>NA</c> (COINr <c>skip_f_na</c>).</summary>
    public static string? GroupOf(UnitInfo unit, string attribute) =>
        unit.Attributes.TryGetValue(attribute, out var v) && v.Length > 0 && v != "NA" ? v : null;

    /// <summary>Groups units by an attribute (every unit in one group when <paramref name="attribute"/> is <see langword="null"/>).</summary>
    public static UnitGroups Build(ImmutableArray<UnitInfo> units, string? attribute)
    {
        var n = units.Length;
        var group = new int[n];
        var names = new List<string>();
        if (attribute is null)
        {
            names.Add(AllUnits);
        }
        else
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var u = 0; u < n; u++)
            {
                var g = GroupOf(units[u], attribute);
                if (g is null)
                {
                    group[u] = -1;
                    continue;
                }

                if (!index.TryGetValue(g, out var k))
                {
                    k = index[g] = names.Count;
                    names.Add(g);
                }

                group[u] = k;
            }
        }

        // A stable counting sort of the units by group.
        var start = new int[names.Count + 1];
        foreach (var g in group)
        {
            if (g >= 0)
            {
                start[g + 1]++;
            }
        }

        for (var g = 0; g < names.Count; g++)
        {
            start[g + 1] += start[g];
        }

        var order = new int[start[names.Count]];
        var fill = start.AsSpan(0, names.Count).ToArray();
        var identity = order.Length == n;
        for (var u = 0; u < n; u++)
        {
            if (group[u] >= 0)
            {
                var at = fill[group[u]]++;
                order[at] = u;
                identity &= at == u;
            }
        }

        return new UnitGroups(attribute, group, [.. names], start, order, identity);
    }

    private static string[] Messages(string? attribute, string[] names, string how)
    {
        var messages = new string[names.Length];
        for (var g = 0; g < names.Length; g++)
        {
            messages[g] = attribute is null ? $"{ImputationKernels.Imputed}column {how}." : $"{ImputationKernels.Imputed}{how} of group '{names[g]}' of '{attribute}'.";
        }

        return messages;
    }
}
