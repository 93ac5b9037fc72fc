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

    /// <summary>Gets the period the ranking and charts show; <see langword="null"/> for the latest period.</summary>
    public string? Period { get; init; }

    /// <summary>Gets the language of names (a key of the definition's <c>Names</c>), or <see langword="null"/> for the default names.</summary>
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
    /// indicator statistics and flags, correlation heatmap and flagged pairs, Cronbach's alpha and PCA per group,
    /// denominator correlations, effective weights, strengths and weaknesses). Without it the report shows a plain
    /// correlation heatmap. The default is <see langword="true"/>.
    /// </summary>
    public bool IncludeAudit { get; init; } = true;

    /// <summary>Gets the options of the audit; <see langword="null"/> for <see cref="CompositeIndex.Analysis.IndexAuditOptions.Default"/>.
    /// The raw data of the audit are <see cref="Data"/>.</summary>
    public CompositeIndex.Analysis.IndexAuditOptions? AuditOptions { get; init; }

    /// <summary>Gets the maximum number of units drawn in one chart (the tables list all). Must be positive. The default is 60.</summary>
    public int MaxChartRows { get; init; } = 60;

    /// <summary>Gets the maximum number of audit entries and fitted parameters listed. Must be positive. The default is 500.</summary>
    public int MaxListRows { get; init; } = 500;

    /// <summary>Gets a free-text note shown under the title (e.g. the date of the data), if any.</summary>
    public string? Notes { get; init; }

    /// <summary>Gets the name of the program shown in the footer; <see langword="null"/> for "CompositeIndex.Reporting" and its version.</summary>
    public string? Generator { get; init; }
}

/// <summary>Uncertainty and sensitivity results for the report: rank intervals and Sobol indices.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SensitivityReport
{
    /// <summary>Gets the rank interval of each unit (drawn in the given order). Empty when not computed.</summary>
    public ImmutableArray<RankInterval> RankIntervals { get; init; } = ImmutableArray<RankInterval>.Empty;

    /// <summary>Gets the first-order and total Sobol indices of each uncertain input. Empty when not computed.</summary>
    public ImmutableArray<SensitivityIndexItem> Indices { get; init; } = ImmutableArray<SensitivityIndexItem>.Empty;

    /// <summary>Gets what the Sobol indices are of (e.g. "the mean absolute rank shift"), if known.</summary>
    public string? Output { get; init; }

    /// <summary>Gets a one-line description of the analysis (design, sample size, seed, interval level), if any.</summary>
    public string? Summary { get; init; }
}
