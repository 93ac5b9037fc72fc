namespace CompositeIndex;

/// <summary>
/// Counts, for every node, unit and period, the indicators below the node that have a score (an indicator counts
/// itself). Laid out like the score array. Used by <see cref="WeightScaling.AvailableIndicatorCount"/> and to report
/// which indicators a result used.
/// </summary>
internal static class IndicatorCounts
{
    /// <summary>Computes every count from finished scores (what <see cref="Start"/> and <see cref="Complete"/> give during evaluation).</summary>
    public static double[] Compute(CompiledIndex index, double[] scores, int length)
    {
        var counts = Start(scores, index.IndicatorCount * length);
        for (var n = index.IndicatorCount; n < index.Nodes.Length; n++)
        {
            Complete(index, n, scores, counts, length);
        }

        return counts;
    }

    /// <summary>Allocates the counts and fills the indicator rows (1 when the indicator has a score, else 0).</summary>
    public static double[] Start(double[] scores, int indicatorLength)
    {
        var counts = new double[scores.Length];
        for (var k = 0; k < indicatorLength; k++)
        {
            counts[k] = double.IsNaN(scores[k]) ? 0 : 1;
        }

        return counts;
    }

    /// <summary>Fills the row of group <paramref name="n"/> (its children must be complete): the sum of its children's counts, 0 when the group has no score.</summary>
    public static void Complete(CompiledIndex index, int n, double[] scores, double[] counts, int length)
    {
        var offset = n * length;
        var children = index.Nodes[n].Children;
        for (var k = 0; k < length; k++)
        {
            if (double.IsNaN(scores[offset + k]))
            {
                continue;
            }

            double sum = 0;
            foreach (var c in children)
            {
                sum += counts[(c * length) + k];
            }

            counts[offset + k] = sum;
        }
    }
}
