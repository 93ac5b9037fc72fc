namespace CompositeIndex;

/// <summary>How rank-based normalisations (<see cref="RankNormalization"/>, <see cref="PercentileRankNormalization"/>,
/// <see cref="BordaNormalization"/>) rank tied values.</summary>
public enum RankTies
{
    /// <summary>
    /// Tied values share the lowest rank they span, the next rank is skipped ("sport" or competition ranking,
    /// 1, 2, 2, 4); R's <c>rank(x, ties.method = "min")</c>, used by COINr's <c>n_rank</c>, <c>n_prank</c> and <c>n_borda</c>.
    /// </summary>
    Minimum = 0,

    /// <summary>Tied values share the mean of the ranks they span (1, 2.5, 2.5, 4); R's <c>ties.method = "average"</c>.</summary>
    Average = 1,
}
