namespace CompositeIndex;

/// <summary>Rank helpers shared by normalisers and results.</summary>
internal static class Ranking
{
    /// <summary>
    /// Writes into <c>context.Output(period)</c> the ascending ranks of x (positive polarity) or of −x (negative
    /// polarity), so that rank n is the best unit; NaN stays NaN. <paramref name="buffer"/> and <paramref name="order"/>
    /// are scratch arrays of the unit count, reused across periods.
    /// </summary>
    public static void PolarityRanks(NormalizationContext context, int period, RankTies ties, double[] buffer, int[] order)
    {
        var input = context.Input(period);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var u = 0; u < input.Length; u++)
        {
            buffer[u] = sign * input[u];
        }

        RanksAscending(buffer, context.Output(period), order, ties);
    }

    /// <summary>
    /// Fractional ("average") ranks in ascending order of value, 1 = smallest; NaN stays NaN.
    /// Ties share the mean of the ranks they span (R's <c>rank(ties.method = "average")</c>).
    /// </summary>
    public static void AverageRanksAscending(ReadOnlySpan<double> values, Span<double> ranks, int[] order)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                order[n++] = i;
            }
        }

        var idx = order.AsSpan(0, n);
        var copy = values.ToArray();
        idx.Sort((a, b) => copy[a].CompareTo(copy[b]) is var c && c != 0 ? c : a.CompareTo(b));
        ranks.Fill(double.NaN);
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && values[idx[end + 1]] == values[idx[start]])
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[idx[k]] = rank;
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// Ranks in ascending order of value, 1 = smallest, with the given tie rule; NaN stays NaN.
    /// </summary>
    public static void RanksAscending(ReadOnlySpan<double> values, Span<double> ranks, int[] order, RankTies ties)
    {
        if (ties == RankTies.Average)
        {
            AverageRanksAscending(values, ranks, order);
            return;
        }

        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                order[n++] = i;
            }
        }

        var idx = order.AsSpan(0, n);
        var copy = values.ToArray();
        idx.Sort((a, b) => copy[a].CompareTo(copy[b]) is var c && c != 0 ? c : a.CompareTo(b));
        ranks.Fill(double.NaN);
        if (ties == RankTies.Maximum)
        {
            for (var k = n - 1; k >= 0; k--)
            {
                ranks[idx[k]] = k < n - 1 && copy[idx[k]] == copy[idx[k + 1]] ? ranks[idx[k + 1]] : k + 1;
            }

            return;
        }

        for (var k = 0; k < n; k++)
        {
            ranks[idx[k]] = k > 0 && copy[idx[k]] == copy[idx[k - 1]] ? ranks[idx[k - 1]] : k + 1;
        }
    }

    /// <summary>Counts the non-missing values.</summary>
    public static int CountPresent(ReadOnlySpan<double> values)
    {
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                n++;
            }
        }

        return n;
    }
}
