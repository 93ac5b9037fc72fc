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
/// <param name="UnitId">The unit.</param>
/// <param name="Period">The period.</param>
/// <param name="NominalRank">The rank under the nominal definition (1 = best), or <see langword="null"/> when the nominal score is missing.</param>
/// <param name="NominalScore">The nominal score of the analysed node (NaN when missing).</param>
/// <param name="MedianRank">The median rank over the runs (NaN when no run has a rank).</param>
/// <param name="LowerRank">The lower-percentile rank (the best end of the interval; 5th percentile by default).</param>
/// <param name="UpperRank">The upper-percentile rank (the worst end; 95th percentile by default).</param>
/// <param name="BestRank">The best rank seen in any run.</param>
/// <param name="WorstRank">The worst rank seen in any run.</param>
/// <param name="MeanAbsoluteRankShift">The mean over runs of |rank − nominal rank| (runs and nominal both ranked).</param>
/// <param name="RankedRuns">The number of runs in which the unit has a rank.</param>
/// <param name="MissingCount">The number of runs in which the unit has no score.</param>
public sealed record RankInterval(
    string UnitId,
    string Period,
    int? NominalRank,
    double NominalScore,
    double MedianRank,
    double LowerRank,
    double UpperRank,
    int? BestRank,
    int? WorstRank,
    double MeanAbsoluteRankShift,
    int RankedRuns,
    int MissingCount);

/// <summary>The first- and total-order Sobol' indices of one factor for one output.</summary>
/// <param name="Factor">The factor's display name.</param>
/// <param name="S1">The first-order index (Saltelli et al. 2010); an estimate, possibly slightly negative.</param>
/// <param name="S1Conf">The half-width of the bootstrap confidence interval of <paramref name="S1"/>.</param>
/// <param name="ST">The total-order index (Jansen 1999).</param>
/// <param name="STConf">The half-width of the bootstrap confidence interval of <paramref name="ST"/>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FactorSensitivity(string Factor, double S1, double S1Conf, double ST, double STConf);

/// <summary>The Sobol' indices of every factor for one output; NaN when the output is missing in some run or constant.</summary>
/// <param name="Output">The output.</param>
/// <param name="Mean">The mean of the output over the A and B runs.</param>
/// <param name="Variance">The variance of the output over the A and B runs.</param>
/// <param name="Factors">One entry per factor, in factor order.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record OutputSensitivity(SensitivityOutput Output, double Mean, double Variance, ImmutableArray<FactorSensitivity> Factors)
{
    /// <summary>Gets the confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; init; }

    /// <summary>Gets why some or all indices are NaN (missing outputs, or failed runs the estimators need; see <see cref="FailurePolicy.Record"/>), or <see langword="null"/> when every index was estimated.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Gets the second-order index S2 of every pair of factors (factor order: (1,2), (1,3), …, (k−1,k)) when the analysis asked for it (<see cref="SensitivityDefinition.SecondOrder"/>); empty otherwise.</summary>
    public ImmutableArray<FactorPairSensitivity> SecondOrder { get; init; } = [];
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
