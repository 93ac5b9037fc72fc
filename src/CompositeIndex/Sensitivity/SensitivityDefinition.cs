using System.Collections.Immutable;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>How the runs of a sensitivity analysis are laid out.</summary>
public enum SamplingScheme
{
    /// <summary>Plain Monte Carlo: <see cref="SensitivityDefinition.Samples"/> independent replicates; gives rank intervals only.</summary>
    MonteCarlo = 0,

    /// <summary>The Saltelli scheme: N·(k + 2) runs with N = <see cref="SensitivityDefinition.Samples"/> (N·(2k + 2) with <see cref="SensitivityDefinition.SecondOrder"/>); gives rank intervals and S1/ST (and S2) indices.</summary>
    Saltelli = 1,

    /// <summary>
    /// A given design: one run per row of <see cref="SensitivityDefinition.DesignRows"/>, in order, each row naming the
    /// level of every factor; nothing is drawn. Gives rank intervals only. For replaying another tool's experiment
    /// (e.g. COINr's <c>get_sensitivity</c> sample) or for a hand-made or full-factorial design.
    /// </summary>
    Given = 2,

    /// <summary>
    /// Morris' elementary effects (Morris 1991; μ* from Campolongo, Cariboni and Saltelli 2007): r =
    /// <see cref="SensitivityDefinition.Samples"/> trajectories of k + 1 runs on a p-level grid
    /// (<see cref="SensitivityDefinition.Morris"/>), r·(k + 1) runs; gives rank intervals and μ, μ*, σ per factor
    /// (<see cref="SensitivityResult.Morris"/>). For screening many factors with few runs.
    /// </summary>
    Morris = 3,
}

/// <summary>What a sensitivity run does when one of its runs cannot be evaluated (e.g. a geometric mean meets a non-positive value under one combination of alternatives).</summary>
public enum FailurePolicy
{
    /// <summary>Stop at the first failing run (the lowest run number) with a <see cref="SensitivityRunException"/> naming the run's factor levels.</summary>
    Stop = 0,

    /// <summary>
    /// Record the failing runs (<see cref="SensitivityResult.FailedRuns"/>: factor levels and error) and leave them out of
    /// the statistics: rank intervals count the runs that succeeded; a Sobol' index whose estimator needs a failed run is
    /// reported as unavailable (<see cref="SobolIndices.Unavailable"/>).
    /// </summary>
    Record = 1,
}

/// <summary>What scalar output a set of Sobol' indices is computed for.</summary>
public enum OutputKind
{
    /// <summary>The mean over units of |rank − nominal rank| of the analysed node (in one period, or pooled over all).</summary>
    MeanAbsoluteRankShift = 0,

    /// <summary>One unit's score of the analysed node in one period.</summary>
    Score = 1,

    /// <summary>One unit's rank on the analysed node in one period.</summary>
    Rank = 2,
}

/// <summary>A scalar output of the index whose Sobol' indices are estimated.</summary>
/// <param name="Kind">The kind of output.</param>
/// <param name="Period">The period; <see langword="null"/> pools all periods (only for <see cref="OutputKind.MeanAbsoluteRankShift"/>).</param>
/// <param name="Unit">The unit (required for <see cref="OutputKind.Score"/> and <see cref="OutputKind.Rank"/>).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SensitivityOutput(OutputKind Kind, string? Period = null, string? Unit = null)
{
    /// <summary>Returns a label such as <c>"rank(KOR, 2022)"</c> or <c>"meanAbsoluteRankShift(all periods)"</c>.</summary>
    /// <returns>The label.</returns>
    public override string ToString() => Kind switch
    {
        OutputKind.MeanAbsoluteRankShift => $"meanAbsoluteRankShift({Period ?? "all periods"})",
        OutputKind.Score => $"score({Unit}, {Period})",
        _ => $"rank({Unit}, {Period})",
    };
}

/// <summary>
/// The serialisable definition of an uncertainty and sensitivity analysis of an index: the uncertain factors, the
/// sampling scheme, one master seed and the outputs to explain.
/// </summary>
/// <remarks>
/// <para>Method: OECD/JRC <i>Handbook on Constructing Composite Indicators</i> (2008), step 7; M. Saisana, A. Saltelli
/// and S. Tarantola (2005), <i>J. R. Stat. Soc. A</i> 168(2), 307–323; COINr <c>get_sensitivity</c>. Each run perturbs
/// the definition according to the factors, evaluates the index and ranks the units on <see cref="Node"/>; rank
/// intervals (median, percentiles, mean absolute shift) summarise the uncertainty, and with
/// <see cref="SamplingScheme.Saltelli"/> the first- and total-order Sobol' indices say which factor matters.</para>
/// <para><see cref="Seed"/> drives every draw — design points, random weight vectors and bootstrap intervals — and is
/// stored in the result; 0 is a valid seed. Build one with <see cref="SensitivityBuilder"/> (which validates) or with
/// an object initialiser followed by <see cref="Validate(IndexDefinition)"/>. Immutable and thread-safe.</para>
/// </remarks>
public sealed record SensitivityDefinition
{
    /// <summary>The schema version this library writes and reads up to (the JSON <c>"schemaVersion"</c>).</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>
    /// Gets the schema version of the JSON form (<c>"schemaVersion"</c>, written first). Files written before the
    /// version existed have none and read as version 1 (the format did not change); a newer version is refused by
    /// <see cref="SensitivityDefinitionJson.Load(string, string?)"/> and <see cref="Validate(IndexDefinition)"/>. The default is <see cref="CurrentSchemaVersion"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-10)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Gets the uncertain factors, in order (factor i is input i of the design).</summary>
    public ImmutableArray<UncertaintyFactor> Factors { get; init; } = [];

    /// <summary>Gets the master seed. The default is 0 (a valid seed).</summary>
    public ulong Seed { get; init; }

    /// <summary>Gets the sampling scheme. The default is <see cref="SamplingScheme.MonteCarlo"/>.</summary>
    public SamplingScheme Scheme { get; init; } = SamplingScheme.MonteCarlo;

    /// <summary>Gets where design points come from; <see langword="null"/> means pseudo-random for Monte Carlo and Sobol' for Saltelli.</summary>
    public BasePoints? Points { get; init; }

    /// <summary>Gets a value indicating whether Sobol' points are digitally shifted from the seed. The default is <see langword="true"/>.</summary>
    public bool DigitalShift { get; init; } = true;

    /// <summary>Gets the number of Monte Carlo replicates, or the base sample N of the Saltelli scheme (N·(k + 2) runs). Must be ≥ 2. The default is 1000.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>
    /// Gets a value indicating whether the Saltelli scheme also estimates second-order indices S2 of every pair of
    /// factors (Saltelli 2002; SALib's <c>calc_second_order=True</c>): the design gains the k matrices BA_i, so it has
    /// N·(2k + 2) runs instead of N·(k + 2). Needs the Saltelli scheme and at least two factors. The default is
    /// <see langword="false"/>; S1 and ST are the same with or without it (the A, B and AB_i runs do not change).
    /// </summary>
    public bool SecondOrder { get; init; }

    /// <summary>
    /// Gets the design of the <see cref="SamplingScheme.Given"/> scheme: one row per run, each with one 0-based level
    /// index per factor (in factor order); ignored by the other schemes. The default is empty.
    /// </summary>
    /// <remarks>
    /// Every factor must have levels: a normalisation, aggregation or parameter choice (level i = alternative or value i),
    /// an indicator exclusion (level 0 = exclude nothing when <see cref="IndicatorExclusionFactor.IncludeNone"/>, then the
    /// candidates in order), a step toggle (0 = on, 1 = off) or a weight-set factor (level i = set i). Several factors may
    /// take the same level in every row, e.g. one <see cref="WeightSetsFactor"/> per group replaying one joint weight
    /// set per run, as COINr does. The row of run r is mapped to the design point u_f = (level_f + ½) / L_f, so the run
    /// is evaluated exactly as a drawn point with those levels.
    /// </remarks>
    public ImmutableArray<ImmutableArray<int>> DesignRows { get; init; } = [];

    /// <summary>Gets the node whose ranks are analysed; <see langword="null"/> means the root (the index).</summary>
    public string? Node { get; init; }

    /// <summary>Gets the outputs to compute Sobol' indices for; empty means the mean absolute rank shift of each period.</summary>
    public ImmutableArray<SensitivityOutput> Outputs { get; init; } = [];

    /// <summary>Gets the number of bootstrap resamples for the confidence intervals of the indices. Must be ≥ 0. The default is 100.</summary>
    public int BootstrapResamples { get; init; } = 100;

    /// <summary>Gets the confidence level of the bootstrap intervals, in (0, 1). The default is 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the lower percentile of the rank interval, in [0, 1]. The default is 0.05.</summary>
    public double LowerPercentile { get; init; } = 0.05;

    /// <summary>Gets the upper percentile of the rank interval, in [0, 1]. The default is 0.95.</summary>
    public double UpperPercentile { get; init; } = 0.95;

    /// <summary>Gets what happens when a run cannot be evaluated. The default is <see cref="FailurePolicy.Stop"/>.</summary>
    public FailurePolicy OnFailure { get; init; } = FailurePolicy.Stop;

    /// <summary>Gets the grid and trajectory selection of the <see cref="SamplingScheme.Morris"/> scheme; <see langword="null"/> for the defaults (4 levels, no optimisation).</summary>
    public MorrisSampling? Morris { get; init; }

    /// <summary>Gets the number of model runs: <see cref="Samples"/> for Monte Carlo, Samples·(k + 2) for Saltelli (Samples·(2k + 2) with <see cref="SecondOrder"/>), the number of <see cref="DesignRows"/> for a given design.</summary>
    public int RunCount => Scheme switch
    {
        SamplingScheme.Saltelli => Samples * (SecondOrder ? (2 * Factors.Length) + 2 : Factors.Length + 2),
        SamplingScheme.Given => DesignRows.IsDefault ? 0 : DesignRows.Length,
        SamplingScheme.Morris => Samples * (Factors.Length + 1),
        _ => Samples,
    };

    /// <summary>
    /// Checks the analysis against an index definition and reports every problem at once: unknown groups,
    /// indicators, nodes, steps or parameters, invalid spreads, empty alternatives, invalid sampling settings.
    /// </summary>
    /// <param name="index">The index the factors address.</param>
    /// <returns>A report whose error paths point into this definition (e.g. <c>$.factors[2].group</c>). Never throws.</returns>
    public ValidationReport Validate(IndexDefinition index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return SensitivityValidator.Validate(this, index);
    }

    /// <inheritdoc/>
    public bool Equals(SensitivityDefinition? other) =>
        other is not null && Seed == other.Seed && Scheme == other.Scheme && Morris == other.Morris && SecondOrder == other.SecondOrder && OnFailure == other.OnFailure && Points == other.Points && DigitalShift == other.DigitalShift
        && Samples == other.Samples && Node == other.Node && BootstrapResamples == other.BootstrapResamples
        && ConfidenceLevel.Equals(other.ConfidenceLevel) && LowerPercentile.Equals(other.LowerPercentile) && UpperPercentile.Equals(other.UpperPercentile)
        && Factors.SequenceEqual(other.Factors) && Outputs.SequenceEqual(other.Outputs)
        && (DesignRows.IsDefault ? [] : DesignRows).Length == (other.DesignRows.IsDefault ? [] : other.DesignRows).Length
        && (DesignRows.IsDefault ? [] : DesignRows).Zip(other.DesignRows.IsDefault ? [] : other.DesignRows).All(p => (p.First.IsDefault ? [] : p.First).SequenceEqual(p.Second.IsDefault ? [] : p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Seed, Scheme, Samples, Node, Factors.Length, Outputs.Length);
}

/// <summary>The stable error codes of sensitivity-analysis validation (<see cref="DefinitionError.Code"/>).</summary>
public static class SensitivityErrorCodes
{
    /// <summary>A factor names a group the index does not have.</summary>
    public const string UnknownGroup = "CI2001";
    /// <summary>A factor names an indicator the index does not have.</summary>
    public const string UnknownIndicator = "CI2002";
    /// <summary>A factor or the analysed node names a node (indicator or group) the index does not have.</summary>
    public const string UnknownNode = "CI2003";
    /// <summary>A factor parameter is out of range (spread, concentration, weights, bounds, values).</summary>
    public const string InvalidParameter = "CI2004";
    /// <summary>A step or parameter path does not exist on the addressed method or definition.</summary>
    public const string UnknownParameter = "CI2005";
    /// <summary>A choice factor has no alternatives.</summary>
    public const string NoAlternatives = "CI2006";
    /// <summary>Two factors address the same thing, or a list repeats an entry.</summary>
    public const string Duplicate = "CI2007";
    /// <summary>The sampling settings are invalid (samples, percentiles, confidence level, resamples).</summary>
    public const string Sampling = "CI2008";
    /// <summary>An output is incomplete (a rank or score output without a unit or period).</summary>
    public const string Output = "CI2009";
    /// <summary>There are more factors than the Sobol' direction-number table supports, or none for the Saltelli scheme.</summary>
    public const string FactorCount = "CI2010";
}

/// <summary>Thrown when a <see cref="SensitivityDefinition"/> is invalid for its index; <see cref="Report"/> lists every problem with its path.</summary>
public sealed class SensitivityDefinitionException : CompositeIndexException
{
    /// <summary>Initializes a new instance from a validation report.</summary>
    /// <param name="report">The report; must contain at least one error.</param>
    public SensitivityDefinitionException(ValidationReport report)
        : base(report is null ? "The sensitivity analysis is invalid." : report.Errors.Length == 1
            ? $"The sensitivity analysis is invalid: {report.Errors[0]}"
            : $"The sensitivity analysis has {report.Errors.Length} errors:{Environment.NewLine}{report}") =>
        Report = report ?? ValidationReport.Valid;

    /// <summary>Gets the validation report with every error found.</summary>
    public ValidationReport Report { get; }
}
