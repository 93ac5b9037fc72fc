using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The weight of a node within its parent and in the whole index.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EffectiveWeight
{
    internal EffectiveWeight(string nodeId, int level, string? parentId, double weightInParent, double effective)
    {
        NodeId = nodeId;
        Level = level;
        ParentId = parentId;
        WeightInParent = weightInParent;
        Effective = effective;
    }

    /// <summary>Gets the indicator or group.</summary>
    public string NodeId { get; }

    /// <summary>Gets its level (1 = indicator).</summary>
    public int Level { get; }

    /// <summary>Gets its parent group, or <see langword="null"/> for the root.</summary>
    public string? ParentId { get; }

    /// <summary>Gets its nominal weight re-normalised within the parent (sums to 1 over siblings).</summary>
    public double WeightInParent { get; }

    /// <summary>Gets the product of the re-normalised weights on the path to the root: the share of the index the node carries when every child is present and the aggregation is arithmetic (sums to 1 over the indicators).</summary>
    public double Effective { get; }
}

/// <summary>The average weight an indicator actually had in the index scores of a result.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RealizedWeight
{
    internal RealizedWeight(string indicatorId, double nominal, double meanShare, int units)
    {
        IndicatorId = indicatorId;
        Nominal = nominal;
        MeanShare = meanShare;
        Units = units;
    }

    /// <summary>Gets the indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>Gets the nominal effective weight (<see cref="EffectiveWeight.Effective"/>).</summary>
    public double Nominal { get; }

    /// <summary>Gets the mean over units of the indicator's share of the index score (from the contributions, which account for missing values, non-arithmetic aggregation and fitted weights).</summary>
    public double MeanShare { get; }

    /// <summary>Gets the number of units averaged over.</summary>
    public int Units { get; }
}

/// <content>Effective weights.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Computes the effective weight of every node: its weight re-normalised within its parent, multiplied down the
    /// path from the root (COINr <c>get_eff_weights</c>; OECD/JRC Handbook 2008, §6: a weight is relative within its
    /// group, so an indicator's share of the index is the product along its lineage).
    /// </summary>
    /// <param name="definition">The index definition.</param>
    /// <returns>One entry per node: the root first, then every node top-down in definition order.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    public static ImmutableArray<EffectiveWeight> EffectiveWeights(IndexDefinition definition)
    {
        var fw = Framework.Of(definition);
        var result = ImmutableArray.CreateBuilder<EffectiveWeight>();
        result.Add(new EffectiveWeight(fw.Root, fw.Level[fw.Root], null, 1, 1));
        var queue = new Queue<(string Id, double Effective)>();
        queue.Enqueue((fw.Root, 1));
        while (queue.Count > 0)
        {
            var (id, effective) = queue.Dequeue();
            if (!fw.Children.TryGetValue(id, out var kids))
            {
                continue;
            }

            var weights = fw.Weights[id];
            var total = weights.Sum();
            for (var c = 0; c < kids.Length; c++)
            {
                var w = total > 0 ? weights[c] / total : 0;
                result.Add(new EffectiveWeight(kids[c], fw.Level[kids[c]], id, w, effective * w));
                queue.Enqueue((kids[c], effective * w));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Compares each indicator's nominal effective weight with the share of the index score it actually carried in a
    /// result, averaged over the units with an index score (from <see cref="IndexResult.ExplainScore"/>).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="period">The period.</param>
    /// <returns>One entry per indicator, in definition order.</returns>
    /// <exception cref="UnknownKeyException">The period is unknown.</exception>
    public static ImmutableArray<RealizedWeight> RealizedWeights(IndexResult result, string period)
    {
        ArgumentNullException.ThrowIfNull(result);
        var nominal = EffectiveWeights(result.Definition).ToDictionary(e => e.NodeId, e => e.Effective, StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var units = 0;
        var index = result.GetScores(result.RootId, period).ToArray();
        for (var j = 0; j < result.Units.Length; j++)
        {
            if (double.IsNaN(index[j]) || index[j] == 0)
            {
                continue;
            }

            units++;
            foreach (var c in result.ExplainScore(result.RootId, result.Units[j].Id, period))
            {
                if (c.IsIndicator)
                {
                    sums[c.NodeId] = sums.GetValueOrDefault(c.NodeId) + (c.ToTarget / index[j]);
                }
            }
        }

        return [.. result.Definition.Indicators.Select(i => new RealizedWeight(i.Id, nominal.GetValueOrDefault(i.Id), units == 0 ? double.NaN : sums.GetValueOrDefault(i.Id) / units, units))];
    }
}
