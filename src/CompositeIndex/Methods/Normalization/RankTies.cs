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

    /// <summary>
    /// Tied values share the highest rank they span (1, 3, 3, 4); R's <c>ties.method = "max"</c>. With a reversed
    /// direction this is the "max-rank" percentile CDC's SVI 2018 uses for per-capita income
    /// (<c>1 − below/(n − 1)</c>), and it keeps a published rank input whose ties sit at the better position
    /// (WIMD 2019: two areas at Employment rank 1600, none at 1601) exactly as published.
    /// </summary>
    Maximum = 2,
}
