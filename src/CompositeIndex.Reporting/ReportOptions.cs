using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <summary>What the HTML report (<see cref="HtmlReport"/>) shows and how.</summary>
/// <remarks>
/// <para>Nothing in the report depends on the clock or the machine: two reports of the same result with the same
/// options are byte-identical. Put a date in <see cref="Notes"/> if one is wanted.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ReportOptions
{
    /// <summary>Gets the default options.</summary>
    public static ReportOptions Default { get; } = new();

    /// <summary>Gets the page title; <see langword="null"/> uses the definition's name.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the period the ranking, the charts by group and the profiles show; <see langword="null"/> for the latest period.</summary>
    public string? Period { get; init; }

    /// <summary>
    /// Gets the periods the time views cover (trend charts, the table of every period, the profiles' paths); empty
    /// (the default) for every period of the result. Periods are shown in the result's order.
    /// </summary>
    public ImmutableArray<string> Periods { get; init; } = [];

    /// <summary>
    /// Gets the base period changes are also measured from (Δ since the base); <see langword="null"/> (the default) for the
    /// definition's own base period (<see cref="IndexResult.BasePeriod"/>, e.g. Seoul's 2022 = 100), or none when it has none.
    /// </summary>
    public string? BasePeriod { get; init; }

    /// <summary>
    /// Gets the language of the page and of names: <c>ko</c> gives Korean headings, labels and method sentences
    /// (<see cref="ReportText"/>) and the definition's Korean names; other languages fall back to English text and pick
    /// names by this key of the definition's <c>Names</c>. <see langword="null"/> for English and the default names.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Gets the fingerprint of the definition (its canonical hash) to show in the overview, if known.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Gets a description of the data source (e.g. a file name) to show in the overview, if any.</summary>
    public string? DataSource { get; init; }

    /// <summary>
    /// Gets the raw data the result was computed from, if available; used for the data-quality section (missing raw
    /// values). Without it, a missing normalised indicator score counts as a missing value.
    /// </summary>
    public Panel? Data { get; init; }

    /// <summary>Gets uncertainty and sensitivity results to show (rank intervals, Sobol indices), if any.</summary>
    public SensitivityReport? Sensitivity { get; init; }

    /// <summary>
    /// Gets a value indicating whether the report has a statistical audit section (<see cref="CompositeIndex.Analysis.IndexAudit.Run"/>:
    /// indicator statistics and flags, correlation heatmap and flagged pairs, Cronbach's alpha, PCA and maximum-likelihood
    /// factor analysis per group, denominator correlations, effective weights, strengths and weaknesses). Without it the report shows a plain
    /// correlation heatmap. The default is <see langword="true"/>.
    /// </summary>
    public bool IncludeAudit { get; init; } = true;

    /// <summary>Gets the options of the audit; <see langword="null"/> for <see cref="CompositeIndex.Analysis.IndexAuditOptions.Default"/>.
    /// The raw data of the audit are <see cref="Data"/>.</summary>
    public CompositeIndex.Analysis.IndexAuditOptions? AuditOptions { get; init; }

    /// <summary>
    /// Gets a leave-one-out result to show (<see cref="CompositeIndex.Analysis.IndexAudit.RemoveElements"/>, COINr's
    /// <c>remove_elements</c>): a chart of the mean absolute rank change per removed element and a table with the units
    /// that move most, for <see cref="Period"/>. <see langword="null"/> (the default) for none. <c>compindex report --remove &lt;level&gt;</c> sets it.
    /// </summary>
    public CompositeIndex.Analysis.ElementRemovalResult? ElementRemoval { get; init; }

    /// <summary>Gets the maximum number of units drawn in one chart (the tables list all). Must be positive. The default is 60.</summary>
    public int MaxChartRows { get; init; } = 60;

    /// <summary>Gets the maximum number of audit entries and fitted parameters listed. Must be positive. The default is 500.</summary>
    public int MaxListRows { get; init; } = 500;

    /// <summary>Gets the maximum number of units drawn in a trend chart (the best in <see cref="Period"/>; the table of every period lists all). Must be positive. The default is 8, the number of distinct colours of the charts' Okabe–Ito palette.</summary>
    public int MaxTrendUnits { get; init; } = 8;

    /// <summary>
    /// Gets extra sections to add to the report (e.g. a map or an organisation's own commentary), each placed after
    /// the built-in section it names (<see cref="ReportSection.After"/>) or at the end. Empty by default.
    /// </summary>
    public ImmutableArray<ReportSection> Sections { get; init; } = [];

    /// <summary>Gets a free-text note shown under the title (e.g. the date of the data), if any.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets the name of the program shown in the footer; <see langword="null"/> for "CompositeIndex.Reporting" and its version.</summary>
    public string? Generator { get; init; }

    /// <summary>
    /// Gets the shapes and join keys of the choropleth maps (one for the index and one per top-level group, in the shown
    /// period), or <see langword="null"/> for a report without maps.
    /// </summary>
    public Maps.ReportMap? Map { get; init; }

    /// <summary>
    /// Gets a value indicating whether the report carries the weight explorer: sliders per weight of each group and
    /// indicator toggles that recompute the ranking, group bars and maps in the browser (one inline script, no network;
    /// see <c>docs/articles/maps-and-explorer.md</c>). The default is <see langword="false"/>: a page without scripts.
    /// <c>compindex report</c> turns it on unless <c>--static</c> is given.
    /// </summary>
    public bool Interactive { get; init; }
}

/// <summary>An extra section of the HTML report: an anchor id, a title (in the navigation and as the heading) and an HTML body.</summary>
/// <param name="Id">The anchor id (unique in the page; letters, digits, <c>-</c> and <c>_</c>).</param>
/// <param name="Title">The heading (escaped when written).</param>
/// <param name="Html">The body, written as is: the caller is responsible for escaping any text it contains.</param>
/// <remarks>
/// <para>Built-in section ids, in page order: <c>overview</c>, <c>results</c>, <c>time</c> (results with more than one
/// period), <c>scores</c>, <c>contributions</c>, <c>profiles</c>, <c>uncertainty</c> (with sensitivity results),
/// <c>audit</c> or <c>correlations</c>, <c>quality</c>, <c>methods</c>, <c>parameters</c>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record ReportSection(string Id, string Title, string Html)
{
    /// <summary>Gets the id of the section this one follows; <see langword="null"/> (or an id not in the report) puts it at the end.</summary>
    public string? After { get; init; }
}

/// <summary>Uncertainty and sensitivity results for the report: rank intervals and Sobol indices.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SensitivityReport
{
    /// <summary>Gets the rank interval of each unit (drawn in the given order). Empty when not computed.</summary>
    public ImmutableArray<RankIntervalItem> RankIntervals { get; init; } = ImmutableArray<RankIntervalItem>.Empty;

    /// <summary>Gets the first-order and total Sobol indices of each uncertain input. Empty when not computed.</summary>
    public ImmutableArray<SensitivityIndexItem> Indices { get; init; } = ImmutableArray<SensitivityIndexItem>.Empty;

    /// <summary>Gets what the Sobol indices are of (e.g. "the mean absolute rank shift"), if known.</summary>
    public string? Output { get; init; }

    /// <summary>Gets a one-line description of the analysis (design, sample size, seed, interval level), if any.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets Morris' measures of the output shown (<see cref="CompositeIndex.Sensitivity.SamplingScheme.Morris"/>), if computed.</summary>
    public CompositeIndex.Sensitivity.MorrisOutput? Morris { get; init; }

    /// <summary>Gets the convergence view of the output shown (S1/ST or μ* against the sample size), if computed.</summary>
    public CompositeIndex.Sensitivity.OutputConvergence? Convergence { get; init; }

    /// <summary>
    /// Creates the report's view of a sensitivity result: the rank intervals of one period (ordered by nominal rank,
    /// then median rank), the Sobol indices of the first output computed for that period (or of the first output)
    /// and a one-line summary of the design. The command-line tool and the notebook formatters both use it.
    /// </summary>
    /// <param name="result">The sensitivity result.</param>
    /// <param name="period">The period of the rank intervals; <see langword="null"/> for the latest period of the result.</param>
    /// <param name="unitNames">Display names by unit id (e.g. from <see cref="Panel.UnitInfo"/>); units not in it, or all
    /// when <see langword="null"/>, are shown by id.</param>
    /// <returns>The report section.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="UnknownKeyException"><paramref name="period"/> is not a period of the result.</exception>
    public static SensitivityReport From(CompositeIndex.Sensitivity.SensitivityResult result, string? period = null, IReadOnlyDictionary<string, string>? unitNames = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (period is null)
        {
            period = result.Periods.Length > 0 ? result.Periods[^1] : string.Empty;
        }
        else if (!result.Periods.Contains(period))
        {
            throw new UnknownKeyException("period", period, $"The sensitivity result has no period '{period}'.");
        }

        var intervals = result.RankIntervals.Where(r => r.Period == period)
            .OrderBy(r => r.NominalRank ?? int.MaxValue).ThenBy(r => r.MedianRank)
            .Select(r => new RankIntervalItem(unitNames?.GetValueOrDefault(r.UnitId) ?? r.UnitId, r.LowerRank, r.MedianRank, r.UpperRank) { Nominal = r.NominalRank })
            .ToList();
        var output = result.Sensitivities.FirstOrDefault(s => s.Output?.Period == period) ?? result.Sensitivities.FirstOrDefault();
        var a = result.Analysis;
        return new SensitivityReport
        {
            RankIntervals = [.. intervals],
            Indices = output is null ? [] : [.. output.Factors.Select(f => new SensitivityIndexItem(f.Factor, f.S1, f.S1Conf, f.ST, f.STConf))],
            Output = output?.Output?.ToString(),
            Morris = result.Morris.FirstOrDefault(m => m.Output.Period == period) ?? result.Morris.FirstOrDefault(),
            Convergence = result.Convergence.FirstOrDefault(c => c.Output.Period == period) ?? result.Convergence.FirstOrDefault(),
            Summary = FormattableString.Invariant($"{a.Scheme} design, {result.RunCount} runs ({a.Samples} samples, {a.Factors.Length} factors: {string.Join(", ", result.FactorNames)}), seed {a.Seed}; rank intervals from the {a.LowerPercentile * 100:0.#}th to the {a.UpperPercentile * 100:0.#}th percentile of the ranks in {period}")
                + (output is null ? "." : FormattableString.Invariant($"; Sobol indices of {output.Output} with {a.ConfidenceLevel * 100:0.#} % bootstrap intervals.")),
        };
    }
}
