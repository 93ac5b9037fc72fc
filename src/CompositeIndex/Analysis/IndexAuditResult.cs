using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>Which values of an index an audit analyses.</summary>
public enum AuditDataSet
{
    /// <summary>The indicator values as read (before any pipeline step), polarity not applied (COINr's <c>Raw</c> data set).</summary>
    Raw = 0,

    /// <summary>The normalised indicator scores of the result, polarity applied (COINr's <c>Normalised</c> data set).</summary>
    Normalized = 1,
}

/// <summary>What <see cref="IndexAudit.Run"/> computes and with which thresholds.</summary>
/// <remarks>
/// <para>The defaults are COINr's: statistics of the raw data with <c>get_stats</c> thresholds, correlations, Cronbach's
/// alpha and PCA of the normalised indicators, collinearity flags above 0.9 and negative-correlation flags below 0
/// within the groups of level 2 (pillars), denominator correlations above 0.6 in absolute value, five strengths and
/// five weaknesses per unit.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record IndexAuditOptions
{
    /// <summary>Gets the default options.</summary>
    public static IndexAuditOptions Default { get; } = new();

    /// <summary>Gets the data the per-indicator statistics and the data availability describe. The default is <see cref="AuditDataSet.Raw"/>
    /// (falls back to the normalised scores when no raw data are given or they lack an indicator).</summary>
    public AuditDataSet StatisticsData { get; init; } = AuditDataSet.Raw;

    /// <summary>Gets the data the correlations, correlation flags, Cronbach's alpha, PCA and factor analysis use. The default is <see cref="AuditDataSet.Normalized"/>.</summary>
    public AuditDataSet CorrelationData { get; init; } = AuditDataSet.Normalized;

    /// <summary>Gets the thresholds of the statistics flags. The default is <see cref="StatisticsThresholds.Default"/>.</summary>
    public StatisticsThresholds Thresholds { get; init; } = StatisticsThresholds.Default;

    /// <summary>Gets the level of the groups within which pairs of indicators are flagged (2 = the parents of indicators in a
    /// balanced tree; see <see cref="IndexAudit.CorrelationFlags"/>). Must be at least 2. The default is 2.</summary>
    public int FlagGroupLevel { get; init; } = 2;

    /// <summary>Gets the Pearson correlation above which two indicators of a group are flagged as collinear; <see langword="null"/> to skip. The default is 0.9.</summary>
    public double? CollinearAbove { get; init; } = 0.9;

    /// <summary>Gets the Pearson correlation below which two indicators of a group are flagged as negatively correlated; <see langword="null"/> to skip. The default is 0.</summary>
    public double? NegativeBelow { get; init; } = 0;

    /// <summary>Gets the variables of the raw data to correlate the indicators with (GDP, population, ...);
    /// <see langword="null"/> (the default) for the denominators the definition's denomination steps use.</summary>
    public ImmutableArray<string>? Denominators { get; init; }

    /// <summary>Gets the absolute correlation above which an indicator–denominator pair is listed. The default is 0.6 (COINr).</summary>
    public double DenominatorThreshold { get; init; } = 0.6;

    /// <summary>Gets how many strengths and how many weaknesses are listed per unit. Must not be negative. The default is 5 (COINr).</summary>
    public int StrengthsAndWeaknesses { get; init; } = 5;

    /// <summary>
    /// Gets a receiver of progress reports, one after each part of the audit (<see cref="AuditProgress.TotalParts"/> in
    /// all), or <see langword="null"/> (the default). Reports come on the calling thread; progress never changes the
    /// numbers.
    /// </summary>
    public IProgress<AuditProgress>? Progress { get; init; }
}

/// <summary>Progress of an audit (<see cref="IndexAudit.Run"/>): which part has just been completed.</summary>
/// <param name="Part">The part just completed: <c>statistics</c> (statistics and availability), <c>correlations</c>
/// (correlations, flags, Cronbach's alpha), <c>pca</c> (PCA and factor analysis per group) or <c>profiles</c> (denominator correlations,
/// weights, strengths and weaknesses).</param>
/// <param name="CompletedParts">The parts completed so far, 1 to <paramref name="TotalParts"/>.</param>
/// <param name="TotalParts">The number of parts (4).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct AuditProgress(string Part, int CompletedParts, int TotalParts);

/// <summary>
/// The statistical audit of an index result in one period (<see cref="IndexAudit.Run"/>): per-indicator statistics,
/// data availability, correlations with p-values and flags, Cronbach's alpha, PCA, maximum-likelihood factor analysis,
/// denominator correlations, effective weights and each unit's strengths and weaknesses.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IndexAuditResult
{
    internal IndexAuditResult(string period, AuditDataSet statisticsData, AuditDataSet correlationData)
    {
        Period = period;
        StatisticsData = statisticsData;
        CorrelationData = correlationData;
    }

    /// <summary>Gets the period audited.</summary>
    public string Period { get; }

    /// <summary>Gets the data <see cref="Statistics"/> and <see cref="Availability"/> describe.</summary>
    public AuditDataSet StatisticsData { get; }

    /// <summary>Gets the data of <see cref="Pearson"/>, <see cref="Spearman"/>, <see cref="CorrelationFlags"/>, <see cref="Reliability"/>, <see cref="PrincipalComponents"/> and <see cref="FactorAnalyses"/>.</summary>
    public AuditDataSet CorrelationData { get; }

    /// <summary>Gets the statistics and flags of each indicator, in definition order.</summary>
    public ImmutableArray<IndicatorStatistics> Statistics { get; internal init; } = [];

    /// <summary>Gets the data availability by unit and by group.</summary>
    public DataAvailability Availability { get; internal init; } = new([], []);

    /// <summary>Gets the Pearson correlations between the indicators (pairwise complete, with p-values).</summary>
    public CorrelationMatrix? Pearson { get; internal init; }

    /// <summary>Gets the Spearman rank correlations between the indicators (pairwise complete, with p-values).</summary>
    public CorrelationMatrix? Spearman { get; internal init; }

    /// <summary>Gets the Pearson correlation of each normalised indicator and group score with each of its ancestors (always on the result's scores).</summary>
    public ImmutableArray<AncestorCorrelation> AncestorCorrelations { get; internal init; } = [];

    /// <summary>Gets the pairs of indicators of a group that are collinear or negatively correlated.</summary>
    public ImmutableArray<CorrelationFlag> CorrelationFlags { get; internal init; } = [];

    /// <summary>Gets Cronbach's alpha of every group over its indicators, children before parents.</summary>
    public ImmutableArray<GroupReliability> Reliability { get; internal init; } = [];

    /// <summary>Gets a PCA of the indicators of each group that has at least two indicators as direct children.</summary>
    public ImmutableArray<PcaResult> PrincipalComponents { get; internal init; } = [];

    /// <summary>
    /// Gets a maximum-likelihood factor analysis (varimax) of the direct indicators of each group that has any, children
    /// before parents; groups where it is impossible (fewer than three indicators) or fails carry the reason instead.
    /// </summary>
    public ImmutableArray<GroupFactorAnalysis> FactorAnalyses { get; internal init; } = [];

    /// <summary>Gets the indicator–denominator pairs whose absolute correlation exceeds the threshold.</summary>
    public ImmutableArray<DenominatorCorrelation> DenominatorCorrelations { get; internal init; } = [];

    /// <summary>Gets the denominators the indicators were correlated with.</summary>
    public ImmutableArray<string> Denominators { get; internal init; } = [];

    /// <summary>Gets the effective weight of every node (root first, then top-down).</summary>
    public ImmutableArray<EffectiveWeight> EffectiveWeights { get; internal init; } = [];

    /// <summary>Gets each indicator's nominal effective weight with the mean share of the index it carried in this period.</summary>
    public ImmutableArray<RealizedWeight> RealizedWeights { get; internal init; } = [];

    /// <summary>Gets the strengths and weaknesses of every unit, in data order.</summary>
    public ImmutableArray<UnitProfile> Profiles { get; internal init; } = [];

    /// <summary>Gets what could not be computed and why (e.g. a PCA skipped because a variable is constant), one sentence each.</summary>
    public ImmutableArray<string> Notes { get; internal init; } = [];
}

/// <content>The whole audit in one call.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Runs the statistical audit of an index result in one period: <see cref="Describe"/> (statistics and flags),
    /// <see cref="Availability"/>, Pearson and Spearman <see cref="Correlations"/>, <see cref="AncestorCorrelations"/>,
    /// <see cref="CorrelationFlags"/>, <see cref="CronbachByGroup"/>, <see cref="PrincipalComponents"/> and a
    /// maximum-likelihood <see cref="FactorAnalysis"/> per group (<see cref="GroupFactorAnalysis"/>),
    /// <see cref="DenominatorCorrelations"/>, <see cref="EffectiveWeights"/>, <see cref="RealizedWeights"/> and
    /// <see cref="StrengthsAndWeaknesses"/> of every unit, as COINr's analysis toolkit does it.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="data">The raw data the result was computed from (for the raw statistics and the denominators), or <see langword="null"/>.</param>
    /// <param name="period">The period; <see langword="null"/> for the latest.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="IndexAuditOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels between the parts of the audit (and every 256 units while profiling them);
    /// a cancelled audit returns nothing.</param>
    /// <returns>The audit. Parts that cannot be computed (e.g. a PCA of a group with a constant indicator) are left out
    /// and explained in <see cref="IndexAuditResult.Notes"/>.</returns>
    /// <exception cref="UnknownKeyException">The period is not in the result.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The audit was cancelled.</exception>
    public static IndexAuditResult Run(IndexResult result, Panel? data = null, string? period = null, IndexAuditOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = options ?? IndexAuditOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(o.FlagGroupLevel, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(o.StrengthsAndWeaknesses, nameof(options));
        var t = period ?? (result.Periods.Length > 0 ? result.Periods[^1] : throw new UnknownKeyException("period", string.Empty, "The result has no periods."));
        if (!result.Periods.Contains(t))
        {
            throw new UnknownKeyException("period", t);
        }

        var definition = result.Definition;
        var indicators = definition.Indicators.Select(i => i.Id).ToList();
        var notes = new List<string>();
        var normalized = AuditData.FromResult(result, t, indicators);

        AuditData? raw = null;
        if (data is not null)
        {
            var lacking = indicators.Where(i => data.IndexOfIndicator(i) < 0).ToList();
            if (data.IndexOfPeriod(t) < 0)
            {
                notes.Add($"The raw data have no period '{t}'; the audit uses the normalised scores.");
            }
            else if (lacking.Count > 0)
            {
                notes.Add($"The raw data lack {lacking.Count} indicator(s) (e.g. '{lacking[0]}', computed from other columns); the audit uses the normalised scores.");
            }
            else
            {
                raw = AuditData.FromPanel(data, t, indicators);
            }
        }
        else if (o.StatisticsData == AuditDataSet.Raw || o.CorrelationData == AuditDataSet.Raw)
        {
            notes.Add("No raw data given; statistics and correlations use the normalised scores.");
        }

        var statsData = o.StatisticsData == AuditDataSet.Raw && raw is not null ? raw : normalized;
        var corrData = o.CorrelationData == AuditDataSet.Raw && raw is not null ? raw : normalized;
        var statistics = Describe(statsData, o.Thresholds);
        var availability = Availability(statsData, definition);
        o.Progress?.Report(new AuditProgress("statistics", 1, 4));
        cancellationToken.ThrowIfCancellationRequested();

        var pearson = Correlations(corrData);
        var spearman = Correlations(corrData, method: CorrelationMethod.Spearman);
        var ancestorCorrelations = AncestorCorrelations(AuditData.FromResult(result, t), definition);
        var correlationFlags = CorrelationFlags(corrData, definition, o.FlagGroupLevel, o.CollinearAbove, o.NegativeBelow);
        var reliability = CronbachByGroup(corrData, definition);
        o.Progress?.Report(new AuditProgress("correlations", 2, 4));
        cancellationToken.ThrowIfCancellationRequested();

        var fw = Framework.Of(definition);
        var pcas = ImmutableArray.CreateBuilder<PcaResult>();
        foreach (var g in fw.Groups)
        {
            var members = fw.Children[g].Where(c => fw.Level[c] == 1).ToList();
            if (members.Count < 2)
            {
                continue;
            }

            try
            {
                pcas.Add(PrincipalComponents(corrData, members, g));
            }
            catch (ArgumentException ex)
            {
                notes.Add($"No PCA of group '{g}': {ex.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        var factorAnalyses = FactorAnalysesByGroup(corrData, fw, pcas);
        o.Progress?.Report(new AuditProgress("pca", 3, 4));
        cancellationToken.ThrowIfCancellationRequested();
        var denominators = o.Denominators is { } given
            ? given.ToList()
            : [.. (definition.Steps.IsDefault ? [] : definition.Steps).OfType<DenominationStep>().SelectMany(s => s.Denominators.Values.Select(d => d.Variable)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var denominatorPairs = ImmutableArray<DenominatorCorrelation>.Empty;
        if (denominators.Count > 0)
        {
            var absent = data is null ? denominators : denominators.Where(d => data.IndexOfIndicator(d) < 0).ToList();
            if (raw is null)
            {
                notes.Add("No denominator correlations: they need the raw data.");
                denominators = [];
            }
            else if (absent.Count > 0)
            {
                throw new UnknownKeyException("variable", absent[0], $"The data have no denominator variable {string.Join(", ", absent.Select(a => $"'{a}'"))}.");
            }
            else
            {
                denominatorPairs = DenominatorCorrelations(raw, AuditData.FromPanel(data!, t, denominators), o.DenominatorThreshold);
            }
        }

        var columns = IndicatorColumns.Of(result, t);
        var profiles = ImmutableArray.CreateBuilder<UnitProfile>(result.Units.Length);
        for (var j = 0; j < result.Units.Length; j++)
        {
            if (j % 256 == 255)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            profiles.Add(Profile(result, j, t, o.StrengthsAndWeaknesses, o.StrengthsAndWeaknesses, columns));
        }

        o.Progress?.Report(new AuditProgress("profiles", 4, 4));
        cancellationToken.ThrowIfCancellationRequested();
        return new IndexAuditResult(t, statsData == raw ? AuditDataSet.Raw : AuditDataSet.Normalized, corrData == raw ? AuditDataSet.Raw : AuditDataSet.Normalized)
        {
            Statistics = statistics,
            Availability = availability,
            Pearson = pearson,
            Spearman = spearman,
            AncestorCorrelations = ancestorCorrelations,
            CorrelationFlags = correlationFlags,
            Reliability = reliability,
            PrincipalComponents = pcas.ToImmutable(),
            FactorAnalyses = factorAnalyses,
            DenominatorCorrelations = denominatorPairs,
            Denominators = [.. denominators],
            EffectiveWeights = EffectiveWeights(definition),
            RealizedWeights = RealizedWeights(result, t),
            Profiles = profiles.MoveToImmutable(),
            Notes = [.. notes],
        };
    }
}
