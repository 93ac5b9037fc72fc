using System.Collections.Immutable;
using System.Text.Json;

namespace CompositeIndex;

/// <content>Which indicators a result used, per unit and period, and the effective weights behind every score.</content>
public sealed partial class IndexResult
{
    private double[]? derivedCounts;

    /// <summary>Gets the number of available indicators below each node, laid out like the scores, when evaluation computed them (null otherwise: see <see cref="Counts"/>).</summary>
    internal double[]? IndicatorCountsBelow { get; init; }

    /// <summary>Gets the indicator counts: those of evaluation, else derived from the scores once, on first use (thread-safe; every thread derives the same numbers).</summary>
    private double[] Counts => IndicatorCountsBelow ?? LazyInitializer.EnsureInitialized(ref derivedCounts, () => IndicatorCounts.Compute(Index, scores, p * u));

    /// <summary>
    /// Gets the number of indicators below a node that entered its score for a unit and period (an indicator counts
    /// itself: 1 when it has a score, 0 when it is missing). A group whose score is missing counts 0.
    /// </summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The count.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public int GetIndicatorCount(string nodeId, string unitId, string period)
    {
        var n = NodeOf(nodeId);
        var t = PeriodOf(period);
        var j = UnitOf(unitId);
        return (int)CountBelow(n, t, j);
    }

    /// <summary>
    /// Gets the indicators that entered the score of <paramref name="nodeId"/> for a unit and period:
    /// those with a score whose every ancestor up to that node has a score. Indicators absent from the data in a
    /// period (for example an indicator first measured in a later year) are dropped for that period and do not appear.
    /// </summary>
    /// <param name="nodeId">The group whose score is explained (<see cref="RootId"/> for the index itself).</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The indicator ids, in definition order.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public ImmutableArray<string> GetUsedIndicators(string nodeId, string unitId, string period)
    {
        var target = NodeOf(nodeId);
        var t = PeriodOf(period);
        var j = UnitOf(unitId);
        var list = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < Index.IndicatorCount; i++)
        {
            if (IsUsed(i, target, t, j))
            {
                list.Add(Index.Nodes[i].Id);
            }
        }

        return list.ToImmutable();
    }

    /// <summary>
    /// Gets the indicators of the definition that did not enter the score of <paramref name="nodeId"/> for a unit and period, because they or a group between them and that node have no score.
    /// </summary>
    /// <param name="nodeId">The group whose score is explained (<see cref="RootId"/> for the index itself).</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The indicator ids below that node, in definition order.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public ImmutableArray<string> GetDroppedIndicators(string nodeId, string unitId, string period)
    {
        var target = NodeOf(nodeId);
        var t = PeriodOf(period);
        var j = UnitOf(unitId);
        var list = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < Index.IndicatorCount; i++)
        {
            if (IsBelow(i, target) && !IsUsed(i, target, t, j))
            {
                list.Add(Index.Nodes[i].Id);
            }
        }

        return list.ToImmutable();
    }

    /// <summary>The nominal weight of child <paramref name="childIndex"/> of group <paramref name="n"/>, scaled per <see cref="WeightScaling"/> (not re-normalised).</summary>
    internal double ChildWeight(int n, int childIndex, int t, int j)
    {
        var node = Index.Nodes[n];
        var nominal = WeightsUsed(node, Units[j].Id, Periods[t])[childIndex];
        return node.WeightScaling == WeightScaling.AvailableIndicatorCount
            ? nominal * CountBelow(node.Children[childIndex], t, j)
            : nominal;
    }

    /// <summary>The number of available indicators below node n.</summary>
    internal double CountBelow(int n, int t, int j) => Counts[Offset(n, t) + j];

    private bool IsBelow(int n, int target)
    {
        while (n >= 0)
        {
            if (n == target)
            {
                return true;
            }

            n = Index.Nodes[n].Parent;
        }

        return false;
    }

    private bool IsUsed(int n, int target, int t, int j)
    {
        while (n >= 0)
        {
            if (double.IsNaN(scores[Offset(n, t) + j]))
            {
                return false;
            }

            if (n == target)
            {
                return true;
            }

            n = Index.Nodes[n].Parent;
        }

        return false;
    }

    /// <summary>The indicators that did not enter the root score of unit <paramref name="j"/> in period <paramref name="t"/>, in definition order.</summary>
    internal List<string> GetRootDropped(int t, int j)
    {
        var root = Index.Nodes.Length - 1;
        var dropped = new List<string>();
        for (var i = 0; i < Index.IndicatorCount; i++)
        {
            if (!IsUsed(i, root, t, j))
            {
                dropped.Add(Index.Nodes[i].Id);
            }
        }

        return dropped;
    }

    /// <summary>Writes, per period and unit, how many indicators entered the root score and which were dropped.</summary>
    private void WriteCoverage(Utf8JsonWriter w)
    {
        var root = Index.Nodes.Length - 1;
        w.WriteStartArray("coverage");
        for (var t = 0; t < p; t++)
        {
            for (var j = 0; j < u; j++)
            {
                Serialization.ResultJsonWriter.Coverage(w, Periods[t], Units[j].Id, (int)CountBelow(root, t, j), GetRootDropped(t, j));
                Serialization.ResultJsonWriter.FlushIfFull(w);
            }
        }

        w.WriteEndArray();
    }
}
