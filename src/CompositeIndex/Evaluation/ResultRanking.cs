using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>Rankings derived from an <see cref="IndexResult"/>.</summary>
public static class ResultRanking
{
    /// <summary>
    /// Gets the ranks of every unit on a node within the units that share its value of a unit attribute (e.g. an income
    /// group): 1 = best in its group, ties share the best rank (COINr <c>get_results(use = "groupranks", use_group)</c>).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <param name="attribute">The unit attribute that defines the groups.</param>
    /// <returns>One rank per unit, in the order of <see cref="IndexResult.Units"/>; <see langword="null"/> for a missing score or a unit without the attribute.</returns>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public static ImmutableArray<int?> GetRanksWithin(this IndexResult result, string nodeId, string period, string attribute)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(attribute);
        var scores = result.GetScores(nodeId, period).ToArray();
        var ranks = new int?[scores.Length];
        var groups = result.Units.Select((u, i) => (Group: u.Attributes.TryGetValue(attribute, out var g) && g.Length > 0 && g != "NA" ? g : null, Index: i))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var members = g.Select(x => x.Index).ToArray();
            var sub = members.Select(i => scores[i]).ToArray();
            var r = new int[sub.Length];
            IndexResult.CompetitionRanks(sub, r);
            for (var k = 0; k < members.Length; k++)
            {
                ranks[members[k]] = r[k] == 0 ? null : r[k];
            }
        }

        return [.. ranks];
    }
}
