using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// A fluent builder of <see cref="SensitivityDefinition"/>s for one index: declare the uncertain factors, the sampling
/// scheme and the seed, then <see cref="Build"/> a definition validated against the index.
/// </summary>
/// <example>
/// <code>
/// var analysis = SensitivityBuilder.For(definition)
///     .PerturbWeights("economy", spread: 0.25)
///     .ChooseAggregation(null, Aggregation.Arithmetic(), Aggregation.Geometric())
///     .ExcludeIndicators()
///     .Saltelli(baseSamples: 1024)
///     .Seed(42)
///     .Build();
/// var result = SensitivityAnalysis.Run(definition, panel, analysis);
/// </code>
/// </example>
/// <remarks>Mutable and not thread-safe; single use: <see cref="Build"/> may be called once (then every method throws
/// <see cref="InvalidOperationException"/>).</remarks>
public sealed class SensitivityBuilder
{
    private readonly IndexDefinition index;
    private readonly ImmutableArray<UncertaintyFactor>.Builder factors = ImmutableArray.CreateBuilder<UncertaintyFactor>();
    private readonly ImmutableArray<SensitivityOutput>.Builder outputs = ImmutableArray.CreateBuilder<SensitivityOutput>();
    private SensitivityDefinition definition = new();
    private bool built;

    private SensitivityBuilder(IndexDefinition index) => this.index = index;

    /// <summary>Starts an analysis of an index.</summary>
    /// <param name="index">The index the factors address (used to validate addresses on <see cref="Build"/>).</param>
    /// <returns>A new builder.</returns>
    public static SensitivityBuilder For(IndexDefinition index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new SensitivityBuilder(index);
    }

    /// <summary>Adds a factor.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder AddFactor(UncertaintyFactor factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        EnsureOpen();
        factors.Add(factor);
        return this;
    }

    /// <summary>Perturbs the child weights of a group by ±<paramref name="spread"/> (relative, uniform); see <see cref="UniformWeightsFactor"/>.</summary>
    /// <param name="group">The group id.</param>
    /// <param name="spread">The relative half-width in [0, 1), e.g. 0.25.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder PerturbWeights(string group, double spread) => AddFactor(new UniformWeightsFactor(group, spread));

    /// <summary>Draws the child weights of a group from a Dirichlet distribution around the nominal weights; see <see cref="DirichletWeightsFactor"/>.</summary>
    /// <param name="group">The group id.</param>
    /// <param name="concentration">The concentration κ &gt; 0 (larger is tighter).</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder DirichletWeights(string group, double concentration) => AddFactor(new DirichletWeightsFactor(group, concentration));

    /// <summary>Chooses among alternative weight sets of a group; see <see cref="WeightSetsFactor"/>.</summary>
    /// <param name="group">The group id.</param>
    /// <param name="sets">The sets: child id to weight.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder AlternativeWeights(string group, params IReadOnlyDictionary<string, double>[] sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return AddFactor(new WeightSetsFactor(group, [.. sets.Select(s => s.ToImmutableSortedDictionary(StringComparer.Ordinal))]));
    }

    /// <summary>Chooses among normalisation methods for the whole index (<paramref name="target"/> null), a group's indicators or one indicator; see <see cref="NormalizationChoiceFactor"/>.</summary>
    /// <param name="target">A group or indicator id, or <see langword="null"/>.</param>
    /// <param name="alternatives">The methods.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder ChooseNormalization(string? target, params NormalizationMethod[] alternatives) =>
        AddFactor(new NormalizationChoiceFactor(target, [.. alternatives ?? []]));

    /// <summary>Chooses among aggregation methods for every group (<paramref name="group"/> null) or one group; see <see cref="AggregationChoiceFactor"/>.</summary>
    /// <param name="group">A group id, or <see langword="null"/>.</param>
    /// <param name="alternatives">The methods.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder ChooseAggregation(string? group, params AggregationMethod[] alternatives) =>
        AddFactor(new AggregationChoiceFactor(group, [.. alternatives ?? []]));

    /// <summary>Excludes one indicator at a time (or none); see <see cref="IndicatorExclusionFactor"/>.</summary>
    /// <param name="candidates">The candidates; none means every indicator.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder ExcludeIndicators(params string[] candidates) =>
        AddFactor(new IndicatorExclusionFactor([.. candidates ?? []]));

    /// <summary>Draws a numeric method parameter uniformly from a range; see <see cref="ParameterRangeFactor"/>.</summary>
    /// <param name="target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
    /// <param name="step">The step: <c>"normalization"</c>, <c>"aggregation"</c> or <c>"missingData"</c>.</param>
    /// <param name="parameter">The JSON Pointer of the parameter in the method's JSON, e.g. <c>"/upper"</c> (the dotted form <c>"upper"</c> is read too).</param>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <param name="relative">Whether the ends multiply the nominal value.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder PerturbParameter(string? target, string step, string parameter, double lower, double upper, bool relative = false) =>
        AddFactor(new ParameterRangeFactor(target, step, parameter, lower, upper) { Relative = relative });

    /// <summary>Chooses among values of a method parameter (e.g. the base period); see <see cref="ParameterChoiceFactor"/>.</summary>
    /// <param name="target">An indicator or group id, or <see langword="null"/> for the index-level method.</param>
    /// <param name="step">The step.</param>
    /// <param name="parameter">The JSON Pointer of the parameter, e.g. <c>"/basePeriod"</c> or <c>"/reference/period"</c> (the dotted form <c>"reference.period"</c> is read too).</param>
    /// <param name="values">The values as invariant text.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder ChooseParameter(string? target, string step, string parameter, params string[] values) =>
        AddFactor(new ParameterChoiceFactor(target, step, parameter, [.. values ?? []]));

    /// <summary>Switches an optional step on or off; see <see cref="StepToggleFactor"/>.</summary>
    /// <param name="step">The step's property name, e.g. <c>"missingData"</c>.</param>
    /// <param name="target">A group or indicator id, or <see langword="null"/> for the index level.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder ToggleStep(string step, string? target = null) => AddFactor(new StepToggleFactor(step, target));

    /// <summary>Uses plain Monte Carlo with <paramref name="replicates"/> runs (pseudo-random points unless <paramref name="points"/> says otherwise).</summary>
    /// <param name="replicates">The number of runs (≥ 2).</param>
    /// <param name="points">Where points come from. The default is <see cref="BasePoints.PseudoRandom"/>.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder MonteCarlo(int replicates, BasePoints points = BasePoints.PseudoRandom) =>
        Set(definition with { Scheme = SamplingScheme.MonteCarlo, Samples = replicates, Points = points });

    /// <summary>Uses the Saltelli scheme with N = <paramref name="baseSamples"/> (N·(k + 2) runs; N·(2k + 2) with second order).</summary>
    /// <param name="baseSamples">The base sample N (≥ 2; a power of two with Sobol' points).</param>
    /// <param name="points">Where points come from. The default is <see cref="BasePoints.Sobol"/>.</param>
    /// <param name="secondOrder">Whether to estimate second-order indices S2 too (<see cref="SensitivityDefinition.SecondOrder"/>). The default is <see langword="false"/>.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Saltelli(int baseSamples, BasePoints points = BasePoints.Sobol, bool secondOrder = false) =>
        Set(definition with { Scheme = SamplingScheme.Saltelli, Samples = baseSamples, Points = points, SecondOrder = secondOrder });

    /// <summary>Uses Morris' scheme: r = <paramref name="trajectories"/> trajectories of k + 1 runs on a <paramref name="levels"/>-level grid (<see cref="SamplingScheme.Morris"/>).</summary>
    /// <param name="trajectories">The number of trajectories r (≥ 2).</param>
    /// <param name="levels">The number of grid levels p (even, 2 to 1000). The default is 4.</param>
    /// <param name="candidates">The number of candidate trajectories M to choose the r of largest spread from (Campolongo et al. 2007); <see langword="null"/> (the default) for none.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Morris(int trajectories, int levels = 4, int? candidates = null) =>
        Set(definition with { Scheme = SamplingScheme.Morris, Samples = trajectories, Morris = new MorrisSampling { Levels = levels, Candidates = candidates } });

    /// <summary>
    /// Runs a given design instead of drawing one: one run per row, each row holding one 0-based level index per factor
    /// (in the order the factors were added); see <see cref="SamplingScheme.Given"/> and <see cref="SensitivityDefinition.DesignRows"/>.
    /// </summary>
    /// <param name="rows">The rows (at least one), each with one level per factor.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Given(params int[][] rows) =>
        Set(definition with { Scheme = SamplingScheme.Given, DesignRows = [.. (rows ?? []).Select(r => ImmutableArray.Create(r ?? []))] });

    /// <summary>Sets the master seed (0 is valid).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Seed(ulong seed) => Set(definition with { Seed = seed });

    /// <summary>Sets what happens when a run cannot be evaluated (default: <see cref="FailurePolicy.Stop"/>).</summary>
    /// <param name="policy">Stop at the first failing run, or record failing runs and leave them out of the statistics.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder OnFailure(FailurePolicy policy) => Set(definition with { OnFailure = policy });

    /// <summary>Sets the node whose ranks are analysed (default: the root).</summary>
    /// <param name="nodeId">The node id.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Node(string nodeId) => Set(definition with { Node = nodeId });

    /// <summary>Adds an output whose Sobol' indices are estimated.</summary>
    /// <param name="output">The output.</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Output(SensitivityOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureOpen();
        outputs.Add(output);
        return this;
    }

    /// <summary>Sets the bootstrap of the confidence intervals.</summary>
    /// <param name="resamples">The number of resamples (≥ 0).</param>
    /// <param name="confidenceLevel">The confidence level in (0, 1).</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Bootstrap(int resamples, double confidenceLevel = 0.95) =>
        Set(definition with { BootstrapResamples = resamples, ConfidenceLevel = confidenceLevel });

    /// <summary>Sets the percentiles of the rank interval (default 0.05 and 0.95).</summary>
    /// <param name="lower">The lower percentile in [0, 1].</param>
    /// <param name="upper">The upper percentile in [lower, 1].</param>
    /// <returns>This builder.</returns>
    public SensitivityBuilder Percentiles(double lower, double upper) =>
        Set(definition with { LowerPercentile = lower, UpperPercentile = upper });

    /// <summary>Validates against the index and returns the definition.</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="SensitivityDefinitionException">The analysis is invalid for the index; the report lists every problem with its path.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public SensitivityDefinition Build()
    {
        EnsureOpen();
        built = true;
        var result = definition with { Factors = factors.ToImmutable(), Outputs = outputs.ToImmutable() };
        var report = result.Validate(index);
        if (!report.IsValid)
        {
            throw new SensitivityDefinitionException(report);
        }

        return result;
    }

    private SensitivityBuilder Set(SensitivityDefinition d)
    {
        EnsureOpen();
        definition = d;
        return this;
    }

    private void EnsureOpen()
    {
        if (built)
        {
            throw new InvalidOperationException("This builder has already built its definition; start a new one with SensitivityBuilder.For.");
        }
    }
}
