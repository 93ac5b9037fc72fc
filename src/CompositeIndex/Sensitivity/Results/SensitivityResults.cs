using System.Collections.Immutable;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// The rank interval of one unit in one period: its nominal rank and the distribution of its rank over the runs.
/// </summary>
/// <remarks>
/// Percentiles are the R type-7 (linear interpolation) quantiles of the run ranks, as COINr's
/// <c>get_sensitivity</c> (<c>stats::quantile</c>) and NumPy's default; ranks are competition ranks (ties share the
/// best rank). Runs where the unit has no score are left out and counted in <see cref="MissingCount"/>.
/// Immutable and thread-safe.
/// </remarks>
public sealed class RankInterval
{
    internal RankInterval(
        string unitId,
        string period,
        int? nominalRank,
        double nominalScore,
        double medianRank,
        double lowerRank,
        double upperRank,
        int? bestRank,
        int? worstRank,
        double meanAbsoluteRankShift,
        int rankedRuns,
        int missingCount)
    {
        UnitId = unitId;
        Period = period;
        NominalRank = nominalRank;
        NominalScore = nominalScore;
        MedianRank = medianRank;
        LowerRank = lowerRank;
        UpperRank = upperRank;
        BestRank = bestRank;
        WorstRank = worstRank;
        MeanAbsoluteRankShift = meanAbsoluteRankShift;
        RankedRuns = rankedRuns;
        MissingCount = missingCount;
    }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the rank under the nominal definition (1 = best), or <see langword="null"/> when the nominal score is missing.</summary>
    public int? NominalRank { get; }

    /// <summary>Gets the nominal score of the analysed node (NaN when missing).</summary>
    public double NominalScore { get; }

    /// <summary>Gets the median rank over the runs (NaN when no run has a rank).</summary>
    public double MedianRank { get; }

    /// <summary>Gets the lower-percentile rank (the best end of the interval; 5th percentile by default).</summary>
    public double LowerRank { get; }

    /// <summary>Gets the upper-percentile rank (the worst end; 95th percentile by default).</summary>
    public double UpperRank { get; }

    /// <summary>Gets the best rank seen in any run.</summary>
    public int? BestRank { get; }

    /// <summary>Gets the worst rank seen in any run.</summary>
    public int? WorstRank { get; }

    /// <summary>Gets the mean over runs of |rank − nominal rank| (runs and nominal both ranked).</summary>
    public double MeanAbsoluteRankShift { get; }

    /// <summary>Gets the number of runs in which the unit has a rank.</summary>
    public int RankedRuns { get; }

    /// <summary>Gets the number of runs in which the unit has no score.</summary>
    public int MissingCount { get; }
}

/// <summary>Progress of a sensitivity run.</summary>
/// <param name="CompletedRuns">The runs finished so far (in this call).</param>
/// <param name="TotalRuns">The runs requested in this call.</param>
public readonly record struct SensitivityProgress(int CompletedRuns, int TotalRuns);

/// <summary>Runtime options of a sensitivity run: parallelism, progress and whether to keep the per-run table. They never change the numbers.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SensitivityOptions
{
    /// <summary>Gets the maximum number of concurrent runs; -1 lets the scheduler decide. Results are bit-identical for any value. The default is -1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Gets a receiver of progress reports (about every 64 runs), or <see langword="null"/>.</summary>
    public IProgress<SensitivityProgress>? Progress { get; init; }

    /// <summary>Gets a value indicating whether to keep the per-run table (<see cref="SensitivityResult.Replicates"/>). The default is <see langword="false"/>.</summary>
    public bool KeepReplicates { get; init; }
}
