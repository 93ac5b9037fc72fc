using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>Cronbach's alpha of one group's variables.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class GroupReliability
{
    internal GroupReliability(string groupId, int groupLevel, int dataLevel, int variables, double alpha)
    {
        GroupId = groupId;
        GroupLevel = groupLevel;
        DataLevel = dataLevel;
        Variables = variables;
        Alpha = alpha;
    }

    /// <summary>Gets the group.</summary>
    public string GroupId { get; }

    /// <summary>Gets the group's level.</summary>
    public int GroupLevel { get; }

    /// <summary>Gets the level of the variables used (1 = indicators).</summary>
    public int DataLevel { get; }

    /// <summary>Gets the number of variables k.</summary>
    public int Variables { get; }

    /// <summary>Gets Cronbach's alpha (NaN when k &lt; 2).</summary>
    public double Alpha { get; }
}

/// <content>Reliability (Cronbach's alpha).</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Computes Cronbach's alpha of a set of variables with the pairwise-complete covariance matrix C (COINr
    /// <c>get_cronbach</c>): <c>α = k²·c̄ / ΣC</c>, where c̄ is the mean off-diagonal covariance and ΣC the sum of all
    /// entries (Cronbach 1951, "Coefficient alpha and the internal structure of tests", <i>Psychometrika</i> 16(3),
    /// doi:10.1007/BF02310555; OECD/JRC Handbook 2008, §4.2). Equivalent to <c>k/(k − 1)·(1 − Σσᵢ²/σ²_total)</c> on
    /// complete data.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="columns">The variables (at least two).</param>
    /// <returns>Alpha; NaN with fewer than two variables or when the total has zero variance (every variable constant:
    /// alpha is undefined; R and COINr give −Inf there).</returns>
    /// <exception cref="UnknownKeyException">A variable is not a column of <paramref name="data"/>.</exception>
    public static double CronbachAlpha(AuditData data, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        var ids = columns.ToList();
        var k = ids.Count;
        if (k < 2)
        {
            return double.NaN;
        }

        var all = default(Stats.Accumulator);
        var diagonal = default(Stats.Accumulator);
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                var c = IndexStatistics.Covariance(data[ids[a]], data[ids[b]]);
                if (double.IsNaN(c))
                {
                    continue;
                }

                all.Add(c);
                if (a == b)
                {
                    diagonal.Add(c);
                }
            }
        }

        if (all.Value == 0)
        {
            return double.NaN; // the total has zero variance: alpha is undefined (R/COINr print -Inf)
        }

        var mean = (all.Value - diagonal.Value) / (k * (k - 1.0));
        return k * (double)k * mean / all.Value;
    }

    /// <summary>
    /// Computes Cronbach's alpha of every group at or above <paramref name="dataLevel"/> + 1, over its descendants at
    /// <paramref name="dataLevel"/> (COINr <c>get_cronbach(iCodes = group, Level = dataLevel)</c>).
    /// </summary>
    /// <param name="data">The data, with a column for every descendant used.</param>
    /// <param name="definition">The index definition.</param>
    /// <param name="dataLevel">The level of the variables (1 = indicators). The default is 1.</param>
    /// <returns>One entry per group, children before parents.</returns>
    /// <exception cref="UnknownKeyException">A descendant is not a column of <paramref name="data"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static ImmutableArray<GroupReliability> CronbachByGroup(AuditData data, IndexDefinition definition, int dataLevel = 1)
    {
        var fw = Framework.Of(definition);
        return [.. fw.Groups.Where(g => fw.Level[g] > dataLevel).Select(g =>
        {
            var members = fw.DescendantsAt(g, dataLevel);
            return new GroupReliability(g, fw.Level[g], dataLevel, members.Length, CronbachAlpha(data, members));
        })];
    }
}
