using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Runs an uncertainty and sensitivity analysis of an index on a panel: samples the design, evaluates the perturbed
/// index for every run (in parallel, deterministically) and summarises rank intervals and Sobol' indices.
/// </summary>
/// <remarks>
/// <para><b>How a run is evaluated.</b> Weight factors never recompile: the weights of the addressed groups are replaced
/// and the groups are re-aggregated from normalised indicator scores. Choice factors (methods, excluded indicator,
/// parameter values, steps on/off) select a variant definition, compiled and evaluated once per distinct combination
/// and cached for this runner (not globally). Continuous parameter factors compile a variant per run.</para>
/// <para><b>Determinism.</b> The design point of run r depends only on (seed, r); runs write into pre-allocated slots by
/// run index; rank statistics are integer counts; indices are estimated after the loop, in index order. Results are
/// therefore bit-identical for any <see cref="SensitivityOptions.MaxDegreeOfParallelism"/> and any split of the runs
/// (STYLE.md rule 10).</para>
/// <para>Immutable configuration, thread-safe: several accumulators may be filled concurrently. Internal: the public
/// entry points are <see cref="SensitivityAnalysis.Run"/> (whole) and <see cref="SensitivityAnalysis.RunShard"/> /
/// <see cref="SensitivityAnalysis.Merge"/> (distributed); <see cref="SobolAnalyzer.Analyze"/> is the primitive for
/// external models.</para>
/// </remarks>
internal sealed partial class SensitivityRunner
{
    private const int ChunkSize = 64;

    /// <summary>Lists of at most this many scores are ranked by counting greater scores instead of sorting.</summary>
    private const int CountingRankLimit = 64;

    /// <summary>Rank histograms up to this many units are counted per thread and added per chunk (above it, P·U² ints per thread would cost more than atomic increments).</summary>
    private const int LocalCountsMaxUnits = 512;

    /// <summary>Variants are cached in a flat table indexed by their level combination when there are at most this many combinations.</summary>
    private const ulong VariantTableMaxSize = 1 << 16;
    private readonly Panel panel;
    private readonly FactorPlan[] plans;
    private readonly FactorPlan[] weightPlans;
    private readonly FactorPlan[] variantPlans;
    private readonly bool hasContinuous;
    private readonly ulong[] radix;
    private readonly bool keyFits;
    private readonly ConcurrentDictionary<ulong, Lazy<Variant>> variants = new();
    private readonly Lazy<Variant>?[]? variantTable;

    // Scratch buffers of finished workers, reused by the next ones (and by later RunRange calls): Parallel.For may start
    // many worker tasks in turn, and each would otherwise allocate its own group-score buffers.
    private readonly ConcurrentBag<Workspace> workspaces = [];
    private readonly ConcurrentDictionary<string, Lazy<Variant>> variantsByText = new(StringComparer.Ordinal);
    private readonly Variant nominal;
    private readonly int[] nominalRanks;
    private readonly double[] nominalScores;
    private readonly SobolSequence? sequence;
    private readonly ResolvedOutput[] outputs;
    private readonly ContentIds ids = new();
    private readonly int maxChildren;

    private SensitivityRunner(IndexDefinition index, Panel panel, SensitivityDefinition analysis)
    {
        Index = index;
        this.panel = panel;
        Analysis = analysis;
        var factors = analysis.Factors.IsDefault ? [] : analysis.Factors;
        var nominalResult = CompiledIndex.Compile(index).Evaluate(panel);
        Units = [.. nominalResult.Units.Select(x => x.Id)];
        UnitNames = [.. nominalResult.Units.Select(x => x.Name ?? x.Id)];
        Periods = nominalResult.Periods;
        var resolved = index.Groups.Where(g => g.Weighting is not null)
            .Select(g => nominalResult.Weights.FirstOrDefault(r => r.GroupId == g.Id && r.UnitId is null))
            .Where(r => r is not null)
            .ToDictionary(r => r!.GroupId, r => r!.Weights.ToArray(), StringComparer.Ordinal);
        plans = [.. factors.Select((f, i) => new FactorPlan(f, i, index, analysis.Seed, resolved))];
        weightPlans = [.. plans.Where(p => p.Role == FactorRole.Weights)];
        variantPlans = [.. plans.Where(p => p.Role != FactorRole.Weights)];
        hasContinuous = plans.Any(p => p.Role == FactorRole.Continuous);
        radix = new ulong[variantPlans.Length];
        ulong product = 1;
        keyFits = true;
        for (var i = 0; i < variantPlans.Length; i++)
        {
            radix[i] = product;
            var levels = (ulong)Math.Max(1, variantPlans[i].Levels);
            if (product > ulong.MaxValue / levels)
            {
                keyFits = false;
                break;
            }

            product *= levels;
        }

        variantTable = keyFits && product <= VariantTableMaxSize ? new Lazy<Variant>?[product] : null;

        NodeId = analysis.Node ?? index.ResolveRoot()!;
        nominal = new Variant(index, panel, weightPlans, NodeId, Units, Periods, ids);
        maxChildren = nominal.MaxChildren;
        var cells = Units.Length * Periods.Length;
        var ws = NewWorkspace();
        nominalScores = new double[cells];
        nominal.EvaluateTarget(ws, new double[]?[weightPlans.Length], nominalScores);
        nominalRanks = new int[cells];
        Rank(nominalScores, nominalRanks, ws);

        Scheme = analysis.Scheme;
        var points = analysis.Points ?? (Scheme == SamplingScheme.Saltelli ? BasePoints.Sobol : BasePoints.PseudoRandom);
        if (Scheme == SamplingScheme.Saltelli)
        {
            Design = SobolDesign.Create(plans.Length, analysis.Samples, analysis.Seed, points, analysis.DigitalShift, analysis.SecondOrder);
        }
        else if (Scheme == SamplingScheme.Morris)
        {
            MorrisDesign = CreateMorrisDesign(plans.Length, analysis);
        }
        else if (Scheme == SamplingScheme.MonteCarlo && points == BasePoints.Sobol && plans.Length > 0)
        {
            sequence = new SobolSequence(plans.Length, analysis.DigitalShift ? analysis.Seed : null);
        }

        RunCount = analysis.RunCount;
        FactorNames = [.. plans.Select(p => p.Name)];
        Outputs = analysis.Outputs.IsDefaultOrEmpty
            ? [.. Periods.Select(p => new SensitivityOutput(OutputKind.MeanAbsoluteRankShift, p))]
            : analysis.Outputs;
        outputs = [.. Outputs.Select(Resolve)];
        Fingerprint = ComputeFingerprint();
        Frame = new SensitivityFrame
        {
            Analysis = analysis,
            IndexId = index.Id,
            NodeId = NodeId,
            DefinitionFingerprint = Serialization.DefinitionFingerprints.Of(index),
            DataFingerprint = DataFingerprints.Of(panel),
            Fingerprint = Fingerprint,
            Units = Units,
            UnitNames = UnitNames,
            Periods = Periods,
            FactorNames = FactorNames,
            Outputs = Outputs,
            RunCount = RunCount,
            Design = Design,
            NominalRanks = nominalRanks,
            NominalScores = nominalScores,
        };
    }

    /// <summary>Gets the index definition analysed.</summary>
    public IndexDefinition Index { get; }

    /// <summary>Gets the analysis definition.</summary>
    public SensitivityDefinition Analysis { get; }

    /// <summary>Gets the id of the node whose ranks are analysed.</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit ids.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the display names of <see cref="Units"/> (the id where the data gives no name).</summary>
    public ImmutableArray<string> UnitNames { get; }

    /// <summary>Gets the periods.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the sampling scheme.</summary>
    public SamplingScheme Scheme { get; }

    /// <summary>Gets the Saltelli design, or <see langword="null"/> for Monte Carlo and a given design.</summary>
    public SobolDesign? Design { get; }

    /// <summary>Gets the number of runs.</summary>
    public int RunCount { get; }

    /// <summary>Gets the factor display names, in factor order.</summary>
    public ImmutableArray<string> FactorNames { get; }

    /// <summary>Gets the outputs whose Sobol' indices are estimated (the defaults filled in).</summary>
    public ImmutableArray<SensitivityOutput> Outputs { get; }

    /// <summary>Gets a hash of the configuration (index, data shape, factors, design); accumulators must match it.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets what the summary of this runner's accumulators needs (identity, design, nominal ranks).</summary>
    internal SensitivityFrame Frame { get; }

    /// <summary>Validates the analysis, compiles the nominal index and prepares the design.</summary>
    /// <param name="index">The index definition.</param>
    /// <param name="panel">The data.</param>
    /// <param name="analysis">The analysis.</param>
    /// <returns>The runner.</returns>
    /// <exception cref="IndexDefinitionException">The index definition is invalid.</exception>
    /// <exception cref="SensitivityDefinitionException">The analysis is invalid for this index; the report lists every problem with its path.</exception>
    /// <exception cref="IndexDataException">The panel lacks indicators, an output names a unit or period the panel does not have, or a
    /// table of the analysis (periods × units², outputs × runs) would exceed <see cref="Limits.MaxCells"/>.</exception>
    /// <exception cref="NumericalException">The nominal index cannot be evaluated.</exception>
    public static SensitivityRunner Create(IndexDefinition index, Panel panel, SensitivityDefinition analysis)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(analysis);
        index.Validate().ThrowIfInvalid();
        var report = analysis.Validate(index);
        if (!report.IsValid)
        {
            throw new SensitivityDefinitionException(report);
        }

        // Sizes that depend on the data, checked before the nominal evaluation allocates anything.
        var units = (long)panel.Units.Length;
        var periods = (long)panel.Periods.Length;
        Limits.CheckCells("The sensitivity rank histogram", (periods, "periods"), (units, "units"), (units, "ranks"));
        Limits.CheckCells("The sensitivity outputs", (analysis.Outputs.IsDefault ? 0 : analysis.Outputs.Length, "outputs"), (analysis.RunCount, "runs"));
        return new SensitivityRunner(index, panel, analysis);
    }

    /// <summary>Creates an empty accumulator for this runner.</summary>
    /// <param name="keepReplicates">Whether to keep the per-run table.</param>
    /// <returns>The accumulator.</returns>
    /// <exception cref="IndexDataException">The per-run table (<paramref name="keepReplicates"/>) would exceed <see cref="Limits.MaxCells"/>.</exception>
    public SensitivityAccumulator CreateAccumulator(bool keepReplicates = false)
    {
        if (keepReplicates)
        {
            Limits.CheckCells("The table of replicates", (RunCount, "runs"), (Periods.Length, "periods"), (Units.Length, "units"));
        }

        return new(Frame, keepReplicates);
    }

    /// <summary>Runs the whole analysis and summarises it.</summary>
    /// <param name="options">Parallelism, progress and per-run table; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="SensitivityRunException">Under <see cref="FailurePolicy.Stop"/>, a run cannot be evaluated: the lowest failing run, with its factor levels (the evaluation error is the inner exception).</exception>
    public SensitivityResult Run(SensitivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SensitivityOptions();
        var acc = CreateAccumulator(options.KeepReplicates);
        RunRange(acc, 0, RunCount, options, cancellationToken);
        return Complete(acc, options.MaxDegreeOfParallelism);
    }

    /// <summary>Evaluates the runs [<paramref name="firstRun"/>, <paramref name="firstRun"/> + <paramref name="count"/>) into an accumulator.</summary>
    /// <param name="accumulator">An accumulator of this runner.</param>
    /// <param name="firstRun">The first run.</param>
    /// <param name="count">The number of runs.</param>
    /// <param name="options">Parallelism and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="ArgumentException">The accumulator belongs to another configuration or already holds one of the runs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside [0, <see cref="RunCount"/>).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="SensitivityRunException">Under <see cref="FailurePolicy.Stop"/>, a run cannot be evaluated: the lowest failing run, with its factor levels (the evaluation error is the inner exception).</exception>
    public void RunRange(SensitivityAccumulator accumulator, int firstRun, int count, SensitivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        options ??= new SensitivityOptions();
        if (accumulator.Fingerprint != Fingerprint)
        {
            throw new ArgumentException("The accumulator belongs to another analysis.", nameof(accumulator));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(firstRun);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstRun + (long)count, RunCount, nameof(count));
        for (var r = firstRun; r < firstRun + count; r++)
        {
            if (accumulator.Done[r])
            {
                throw new ArgumentException($"Run {r} is already recorded in the accumulator.", nameof(accumulator));
            }
        }

        var chunks = (count + ChunkSize - 1) / ChunkSize;
        var failures = new ConcurrentDictionary<int, Exception>();
        var completed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            chunks,
            parallel,
            RentWorkspace,
            (chunk, state, ws) =>
            {
                var start = firstRun + (chunk * ChunkSize);
                var end = Math.Min(start + ChunkSize, firstRun + count);
                try
                {
                    for (var r = start; r < end; r++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        try
                        {
                            Execute(r, ws, accumulator);
                        }
                        catch (CompositeIndexException ex) when (Analysis.OnFailure == FailurePolicy.Record)
                        {
                            RecordFailure(r, ws, accumulator, ex);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            failures[r] = ex;
                            state.Break();
                            return ws;
                        }
                    }
                }
                finally
                {
                    ws.Counts?.FlushInto(accumulator);
                }

                var done = Interlocked.Add(ref completed, end - start);
                options.Progress?.Report(new SensitivityProgress(done, count));
                return ws;
            },
            workspaces.Add);

        if (!failures.IsEmpty)
        {
            var first = failures.Keys.Min();
            if (failures[first] is CompositeIndexException error)
            {
                throw new SensitivityRunException(DescribeFailure(first, error.Message), error);
            }

            ExceptionDispatchInfo.Capture(failures[first]).Throw();
        }
    }

    /// <summary>Summarises a complete accumulator: rank intervals and, for the Saltelli scheme, Sobol' indices.</summary>
    /// <param name="accumulator">An accumulator holding every run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The accumulator belongs to another configuration or misses runs.</exception>
    public SensitivityResult Complete(SensitivityAccumulator accumulator) => Complete(accumulator, -1);

    private SensitivityResult Complete(SensitivityAccumulator accumulator, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        if (accumulator.Fingerprint != Fingerprint)
        {
            throw new ArgumentException("The accumulator belongs to another analysis.", nameof(accumulator));
        }

        return Summarize(Frame, accumulator, maxDegreeOfParallelism);
    }

    /// <summary>Summarises a complete accumulator of an analysis: rank intervals, Sobol' indices (Saltelli scheme) and failed runs.</summary>
    internal static SensitivityResult Summarize(SensitivityFrame frame, SensitivityAccumulator accumulator, int maxDegreeOfParallelism)
    {
        var units = frame.Units;
        var periods = frame.Periods;
        var runCount = frame.RunCount;
        var analysis = frame.Analysis;
        var design = frame.Design;
        var outputs = frame.Outputs;
        var factorNames = frame.FactorNames;
        var nominalRanks = frame.NominalRanks;
        var nominalScores = frame.NominalScores;

        var missingRun = Array.IndexOf(accumulator.Done, false);
        if (missingRun >= 0)
        {
            throw new ArgumentException($"The accumulator holds {accumulator.CompletedRuns} of {runCount} runs (run {missingRun} is missing).", nameof(accumulator));
        }

        var failed = accumulator.FailedRuns;
        var u = units.Length;
        var intervals = ImmutableArray.CreateBuilder<RankInterval>(u * periods.Length);
        for (var t = 0; t < periods.Length; t++)
        {
            for (var j = 0; j < u; j++)
            {
                var cell = (t * u) + j;
                var hist = accumulator.Histogram.AsSpan(cell * u, u);
                var ranked = runCount - failed - accumulator.Missing[cell];
                var r0 = nominalRanks[cell];
                int? best = null, worst = null;
                for (var r = 0; r < u; r++)
                {
                    if (hist[r] > 0)
                    {
                        best ??= r + 1;
                        worst = r + 1;
                    }
                }

                intervals.Add(new RankInterval(
                    units[j],
                    periods[t],
                    r0 == 0 ? null : r0,
                    nominalScores[cell],
                    Quantile(hist, ranked, 0.5),
                    Quantile(hist, ranked, analysis.LowerPercentile),
                    Quantile(hist, ranked, analysis.UpperPercentile),
                    best,
                    worst,
                    r0 == 0 || ranked == 0 ? double.NaN : (double)accumulator.AbsShift[cell] / ranked,
                    ranked,
                    accumulator.Missing[cell]));
            }
        }

        var sensitivities = ImmutableArray<SobolIndices>.Empty;
        var whole = new SobolIndices?[outputs.Length]; // estimates from every run without failure, reused by the convergence view
        if (design is not null)
        {
            var builder = ImmutableArray.CreateBuilder<SobolIndices>(outputs.Length);
            for (var o = 0; o < outputs.Length; o++)
            {
                var y = accumulator.Outputs.AsSpan(o * runCount, runCount);
                var finite = true;
                for (var r = 0; r < y.Length; r++)
                {
                    finite &= double.IsFinite(y[r]) || accumulator.Failures[r] is not null;
                }

                var options = new SobolAnalysisOptions { Resamples = analysis.BootstrapResamples, ConfidenceLevel = analysis.ConfidenceLevel, Stream = (ulong)o };
                var (failedAB, failedFactors, failedBA) = FailedBlocks(frame, accumulator);
                if (!finite || failedAB > 0)
                {
                    var why = !finite
                        ? "The output is missing (NaN) in some runs, so no index can be estimated."
                        : $"{failedAB} of the {2 * design.BaseSamples} runs of the A and B matrices failed; every estimator needs all of them, so no index is available.";
                    builder.Add(SobolEstimate.Unavailable(outputs[o], factorNames, design.SecondOrder, options, design.Fingerprint, why));
                    continue;
                }

                var s = SobolAnalyzer.Estimate(design.Factors, design.BaseSamples, y, options, analysis.Seed, maxDegreeOfParallelism, design.SecondOrder);
                var unavailable = failedFactors.Select((count, i) => (count, i)).Where(p => p.count > 0).ToArray();
                var unavailablePairs = Pairs(frame).Where(p => failedFactors[p.I] > 0 || failedFactors[p.J] > 0 || failedBA[p.I] > 0).ToArray();
                var reasons = new List<string>();
                if (unavailable.Length > 0)
                {
                    reasons.Add($"S1 and ST of {string.Join(", ", unavailable.Select(p => $"'{factorNames[p.i]}' ({p.count} of {design.BaseSamples} AB{p.i + 1} runs failed)"))} are unavailable: their estimators need every run of their AB matrix.");
                }

                if (unavailablePairs.Length > 0)
                {
                    reasons.Add($"S2 of {string.Join(", ", unavailablePairs.Select(p => $"('{factorNames[p.I]}', '{factorNames[p.J]}')"))} {(unavailablePairs.Length == 1 ? "is" : "are")} unavailable: S2_ij needs every run of BA_i, AB_i and AB_j{(failedBA.Any(c => c > 0) ? $" ({string.Join(", ", failedBA.Select((c, i) => (c, i)).Where(p => p.c > 0).Select(p => $"{p.c} BA{p.i + 1} runs failed"))})" : string.Empty)}.");
                }

                var indices = s.ToIndices(
                    outputs[o],
                    factorNames,
                    options,
                    design.Fingerprint,
                    reasons.Count == 0 ? null : string.Join(" ", reasons),
                    i => failedFactors[i] > 0,
                    (i, j) => unavailablePairs.Contains((i, j)));
                builder.Add(indices);
                whole[o] = failed == 0 && design.Seed == analysis.Seed ? indices : null;
            }

            sensitivities = builder.MoveToImmutable();
        }

        var failures = ImmutableArray.CreateBuilder<FailedRun>(failed);
        for (var r = 0; r < runCount && failed > 0; r++)
        {
            if (accumulator.Failures[r] is { } failure)
            {
                failures.Add(failure);
            }
        }

        var table = accumulator.KeepsReplicates ? new ReplicateTable(accumulator, factorNames, outputs, units, periods, BlockLabeller(frame)) : null;
        return new SensitivityResult(frame, intervals.MoveToImmutable(), sensitivities, table) { FailedRuns = failures.ToImmutable(), Morris = MorrisOutputs(frame, accumulator), Convergence = ConvergenceOutputs(frame, accumulator, whole) };
    }

    /// <summary>The number of failed runs in the A and B blocks, per factor i in the AB_i block, and per factor i in the BA_i block (second order).</summary>
    private static (int AB, int[] PerFactor, int[] PerFactorBA) FailedBlocks(SensitivityFrame frame, SensitivityAccumulator accumulator)
    {
        var ab = 0;
        var k = frame.FactorCount;
        var perFactor = new int[k];
        var perFactorBA = new int[k];
        for (var r = 0; r < frame.RunCount; r++)
        {
            if (accumulator.Failures[r] is null)
            {
                continue;
            }

            var block = frame.Design!.Locate(r).Block;
            if (block == 0 || block == frame.Design.BlockB)
            {
                ab++;
            }
            else if (block <= k)
            {
                perFactor[block - 1]++;
            }
            else
            {
                perFactorBA[block - k - 1]++;
            }
        }

        return (ab, perFactor, perFactorBA);
    }

    /// <summary>The factor pairs (i &lt; j) of the second-order indices, in order; none without second order.</summary>
    private static IEnumerable<(int I, int J)> Pairs(SensitivityFrame frame)
    {
        if (frame.Design is not { SecondOrder: true })
        {
            yield break;
        }

        for (var i = 0; i < frame.FactorCount; i++)
        {
            for (var j = i + 1; j < frame.FactorCount; j++)
            {
                yield return (i, j);
            }
        }
    }

    private static double Quantile(ReadOnlySpan<int> hist, int n, double p)
    {
        if (n == 0)
        {
            return double.NaN;
        }

        // R's type 7 with R's arithmetic, so that rank intervals are bit-identical to COINr's (stats::quantile).
        var (lo, hi, h) = CompositeIndex.Analysis.IndexStatistics.Type7Position(n, p);
        return CompositeIndex.Analysis.IndexStatistics.Type7(OrderStatistic(hist, lo), OrderStatistic(hist, hi), h);
    }

    private static int OrderStatistic(ReadOnlySpan<int> hist, int k)
    {
        long cumulative = 0;
        for (var r = 0; r < hist.Length; r++)
        {
            cumulative += hist[r];
            if (cumulative > k)
            {
                return r + 1;
            }
        }

        return hist.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Execute(int run, Workspace ws, SensitivityAccumulator acc)
    {
        var x = ws.Point.AsSpan(0, plans.Length);
        FillPoint(run, x);
        var variant = SelectVariant(x, ws);
        for (var b = 0; b < weightPlans.Length; b++)
        {
            // Kept when the coordinate is bitwise the previous run's (in a Saltelli row, consecutive runs differ in one or two coordinates).
            ws.BindWeights(b, weightPlans[b], x[weightPlans[b].Index]);
        }

        EnsureCapacity(ws, variant);
        variant.EvaluateTarget(ws, ws.FactorWeights, ws.Target);
        Rank(ws.Target, ws.Ranks, ws);
        Record(run, ws, acc, x);
    }

    /// <summary>Records a failed run: no rank or count is touched, its outputs are NaN, its per-run row has no scores.</summary>
    private void RecordFailure(int run, Workspace ws, SensitivityAccumulator acc, Exception error)
    {
        var cells = Units.Length * Periods.Length;
        for (var o = 0; o < outputs.Length; o++)
        {
            acc.Outputs[(o * RunCount) + run] = double.NaN;
        }

        if (acc.RepScores is not null)
        {
            var x = ws.Point.AsSpan(0, plans.Length);
            acc.RepScores.AsSpan((int)((long)run * cells), cells).Fill(double.NaN);
            acc.RepRanks.AsSpan((int)((long)run * cells), cells).Clear();
            for (var f = 0; f < plans.Length; f++)
            {
                acc.RepFactors![(run * plans.Length) + f] = plans[f].DisplayValue(x[f]);
            }
        }

        acc.Failures[run] = DescribeFailure(run, error.Message);
        acc.Done[run] = true;
    }

    /// <summary>The block label of a run, by scheme: <c>"MC"</c>, <c>"given"</c>, the Saltelli block or the Morris point.</summary>
    internal string BlockOf(int run) => Design is not null ? Design.BlockLabel(Design.Locate(run).Block) : MorrisDesign is not null ? MorrisBlock(MorrisDesign, run) : Scheme == SamplingScheme.Given ? "given" : "MC";

    /// <summary>The block labels of a summarised run (the same as <see cref="BlockOf"/>; the Morris design is re-created from the definition).</summary>
    private static Func<int, string> BlockLabeller(SensitivityFrame frame)
    {
        if (frame.Design is { } design)
        {
            return run => design.BlockLabel(design.Locate(run).Block);
        }

        if (frame.Scheme == SamplingScheme.Morris)
        {
            var morris = CreateMorrisDesign(frame.FactorCount, frame.Analysis);
            return run => MorrisBlock(morris, run);
        }

        var label = frame.Scheme == SamplingScheme.Given ? "given" : "MC";
        return _ => label;
    }

    /// <summary>A failed run with the level of every factor (the design point is recomputed from the run number).</summary>
    internal FailedRun DescribeFailure(int run, string error)
    {
        var x = new double[plans.Length];
        FillPoint(run, x);
        return new FailedRun(run, BlockOf(run), [.. plans.Select(p => p.Describe(x[p.Index]))], error);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillPoint(int run, Span<double> x)
    {
        if (x.IsEmpty)
        {
            return;
        }

        if (Design is not null)
        {
            Design.GetRun(run, x);
        }
        else if (MorrisDesign is not null)
        {
            MorrisDesign.GetRun(run, x);
        }
        else if (Scheme == SamplingScheme.Given)
        {
            // The given level l of a factor with L levels is the centre of its bin: FactorPlan.Level((l + ½) / L) = l.
            var row = Analysis.DesignRows[run];
            for (var f = 0; f < x.Length; f++)
            {
                x[f] = (row[f] + 0.5) / plans[f].Levels;
            }
        }
        else if (sequence is not null)
        {
            sequence.GetPoint(run, x);
        }
        else
        {
            var rng = RandomStream.Create(Analysis.Seed, RandomStream.Purpose.Replicate, (ulong)run);
            for (var f = 0; f < x.Length; f++)
            {
                x[f] = rng.NextDouble();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Variant SelectVariant(ReadOnlySpan<double> x, Workspace ws)
    {
        if (variantPlans.Length == 0)
        {
            return nominal;
        }

        if (hasContinuous)
        {
            return ContinuousVariant(x, ws);
        }

        // Variants are cached by their level combination: a mixed-radix number when it fits in 64 bits (no allocation
        // when the variant exists), else the levels as text.
        if (keyFits)
        {
            ulong key = 0;
            for (var i = 0; i < variantPlans.Length; i++)
            {
                key += (ulong)variantPlans[i].Level(x[variantPlans[i].Index]) * radix[i];
            }

            if (variantTable is not null)
            {
                ref var slot = ref variantTable[key];
                return (Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, NewVariant(x.ToArray()), null) ?? slot!).Value;
            }

            return (variants.TryGetValue(key, out var cached) ? cached : variants.GetOrAdd(key, NewVariant(x.ToArray()))).Value;
        }

        var sb = new StringBuilder();
        foreach (var p in variantPlans)
        {
            sb.Append(p.Level(x[p.Index])).Append(',');
        }

        var text = sb.ToString();
        return (variantsByText.TryGetValue(text, out var built) ? built : variantsByText.GetOrAdd(text, NewVariant(x.ToArray()))).Value;
    }

    /// <summary>
    /// The variant of a run with a continuous factor: built for the run unless one of the worker's recent runs had the same
    /// key (every discrete factor's level and every continuous coordinate, bitwise), which then determines the same
    /// definition and so the same variant. In a Saltelli row, the runs that differ from A only in weight factors share
    /// A's variant.
    /// </summary>
    private Variant ContinuousVariant(ReadOnlySpan<double> x, Workspace ws)
    {
        var key = ws.VariantKey.AsSpan(0, variantPlans.Length);
        for (var i = 0; i < variantPlans.Length; i++)
        {
            var plan = variantPlans[i];
            var u = x[plan.Index];
            key[i] = plan.Role == FactorRole.Continuous ? BitConverter.DoubleToInt64Bits(u) : plan.Level(u);
        }

        var recent = ws.RecentVariants ??= new RecentVariants();
        if (recent.Find(key) is { } variant)
        {
            return variant;
        }

        variant = Build(x.ToArray(), rememberColumns: false);
        recent.Add(key, variant);
        return variant;
    }

    /// <summary>A variant built on first use (once, whichever thread asks first; the losers of a race discard theirs unbuilt).</summary>
    private Lazy<Variant> NewVariant(double[] point) => new(() => Build(point), LazyThreadSafetyMode.ExecutionAndPublication);

    private Variant Build(double[] x, bool rememberColumns = true)
    {
        var d = Index;
        foreach (var plan in variantPlans)
        {
            d = plan.Apply(d, x[plan.Index]);
        }

        return new Variant(d, panel, weightPlans, NodeId, Units, Periods, ids, rememberColumns);
    }

    private void EnsureCapacity(Workspace ws, Variant variant)
    {
        if (ws.Values.Length < variant.MaxChildren)
        {
            ws.Values = new double[variant.MaxChildren];
            ws.Weights = new double[variant.MaxChildren];
            ws.GroupWeights = new double[variant.MaxChildren];
            ws.Columns = new double[variant.MaxChildren][];
            ws.ColumnOffsets = new int[variant.MaxChildren];
            ws.ChildKeys = new long[variant.MaxChildren];
        }
    }

    /// <summary>A scratch workspace for one worker: a pooled one when available (their counts are always flushed), else a new one.</summary>
    private Workspace RentWorkspace() => workspaces.TryTake(out var ws) ? ws : NewWorkspace();

    private Workspace NewWorkspace() =>
        new(Periods.Length, Units.Length, maxChildren, plans.Length, weightPlans)
        {
            VariantKey = new long[variantPlans.Length],
            Counts = Units.Length <= LocalCountsMaxUnits ? new LocalCounts(Periods.Length, Units.Length) : null,
        };

    private int UnitIndex(string id) => Units.IndexOf(id, StringComparer.Ordinal);

    /// <summary>Competition ranks (1, 2, 2, 4) per period in descending order of score; 0 for missing scores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rank(ReadOnlySpan<double> scores, Span<int> ranks, Workspace ws)
    {
        var u = Units.Length;
        for (var t = 0; t < Periods.Length; t++)
        {
            if (u <= CountingRankLimit)
            {
                CountingRanks(scores.Slice(t * u, u), ranks.Slice(t * u, u));
            }
            else
            {
                SortingRanks(scores.Slice(t * u, u), ranks.Slice(t * u, u), ws.SortKeys, ws.SortIndex);
            }
        }
    }

    /// <summary>
    /// The competition rank of a present score is 1 + the number of scores strictly greater (missing scores compare
    /// false, so they are not counted): the ranks a sort gives, with ties sharing the best rank. O(n²) comparisons,
    /// vectorised and branch-free, which is faster than sorting for short lists.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CountingRanks(ReadOnlySpan<double> scores, Span<int> ranks)
    {
        if (Vector512.IsHardwareAccelerated && scores.Length >= Vector512<double>.Count)
        {
            CountingRanks512(scores, ranks);
        }
        else
        {
            CountingRanksVector(scores, ranks);
        }
    }

    /// <summary><see cref="CountingRanks"/> with <see cref="Vector{T}"/> comparisons (the hardware's preferred width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CountingRanksVector(ReadOnlySpan<double> scores, Span<int> ranks)
    {
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(scores);
        var tail = vectors.Length * Vector<double>.Count;
        for (var j = 0; j < scores.Length; j++)
        {
            var v = scores[j];
            if (double.IsNaN(v))
            {
                ranks[j] = 0;
                continue;
            }

            var pivot = new Vector<double>(v);
            var greater = Vector<long>.Zero;
            foreach (var x in vectors)
            {
                greater += Vector.GreaterThan(x, pivot); // −1 per lane where x > v
            }

            var count = -Vector.Sum(greater);
            for (var i = tail; i < scores.Length; i++)
            {
                if (scores[i] > v)
                {
                    count++;
                }
            }

            ranks[j] = (int)count + 1;
        }
    }

    /// <summary><see cref="CountingRanks"/> eight scores per comparison (the same counts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CountingRanks512(ReadOnlySpan<double> scores, Span<int> ranks)
    {
        var n = scores.Length;
        var full = n - (n % Vector512<double>.Count);
        ref var s0 = ref MemoryMarshal.GetReference(scores);
        for (var j = 0; j < n; j++)
        {
            var v = scores[j];
            if (double.IsNaN(v))
            {
                ranks[j] = 0;
                continue;
            }

            var pivot = Vector512.Create(v);
            var greater = Vector512<long>.Zero;
            for (var i = 0; i < full; i += Vector512<double>.Count)
            {
                greater += Vector512.GreaterThan(Vector512.LoadUnsafe(ref s0, (nuint)i), pivot).AsInt64(); // −1 per lane where x > v
            }

            var count = -Vector512.Sum(greater);
            for (var i = full; i < n; i++)
            {
                if (scores[i] > v)
                {
                    count++;
                }
            }

            ranks[j] = (int)count + 1;
        }
    }

    /// <summary>Competition ranks through a sort of the present scores (descending); ties get the rank of the first of their tie.</summary>
    private static void SortingRanks(ReadOnlySpan<double> scores, Span<int> ranks, double[] keys, int[] idx)
    {
        var n = 0;
        for (var j = 0; j < scores.Length; j++)
        {
            var v = scores[j];
            ranks[j] = 0;
            if (!double.IsNaN(v))
            {
                keys[n] = -v;
                idx[n] = j;
                n++;
            }
        }

        Array.Sort(keys, idx, 0, n);
        for (var k = 0; k < n; k++)
        {
            ranks[idx[k]] = k > 0 && keys[k] == keys[k - 1] ? ranks[idx[k - 1]] : k + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record(int run, Workspace ws, SensitivityAccumulator acc, ReadOnlySpan<double> x)
    {
        var u = Units.Length;
        var cells = u * Periods.Length;
        var ranks = ws.Ranks;
        if (ws.Counts is { } local)
        {
            // Per-thread integer counts, added to the accumulator after each chunk (integer sums: order-free).
            local.Add(ranks.AsSpan(0, cells), nominalRanks, u, ws.PeriodShift, ws.PeriodRanked);
        }
        else
        {
            for (var t = 0; t < Periods.Length; t++)
            {
                long shift = 0;
                var ranked = 0;
                for (var cell = t * u; cell < (t + 1) * u; cell++)
                {
                    var r = ranks[cell];
                    if (r == 0)
                    {
                        Interlocked.Increment(ref acc.Missing[cell]);
                        continue;
                    }

                    Interlocked.Increment(ref acc.Histogram[(cell * u) + r - 1]);
                    var r0 = nominalRanks[cell];
                    if (r0 != 0)
                    {
                        var d = Math.Abs(r - r0);
                        shift += d;
                        ranked++;
                        if (d != 0)
                        {
                            Interlocked.Add(ref acc.AbsShift[cell], d);
                        }
                    }
                }

                ws.PeriodShift[t] = shift;
                ws.PeriodRanked[t] = ranked;
            }
        }

        for (var o = 0; o < outputs.Length; o++)
        {
            acc.Outputs[(o * RunCount) + run] = Evaluate(outputs[o], ws);
        }

        if (acc.RepScores is not null)
        {
            ws.Target.AsSpan(0, cells).CopyTo(acc.RepScores.AsSpan((int)((long)run * cells), cells));
            ranks.AsSpan(0, cells).CopyTo(acc.RepRanks.AsSpan((int)((long)run * cells), cells));
            for (var f = 0; f < plans.Length; f++)
            {
                acc.RepFactors![(run * plans.Length) + f] = plans[f].DisplayValue(x[f]);
            }
        }

        acc.Done[run] = true;
    }

    private double Evaluate(ResolvedOutput output, Workspace ws)
    {
        var u = Units.Length;
        switch (output.Kind)
        {
            case OutputKind.Score:
                return ws.Target[(output.Period * u) + output.Unit];
            case OutputKind.Rank:
                var r = ws.Ranks[(output.Period * u) + output.Unit];
                return r == 0 ? double.NaN : r;
            default:
                // Σ |rank − nominal rank| over the units ranked in both, from the per-period sums Record counted (integers).
                long sum = 0;
                var n = 0;
                var first = output.Period < 0 ? 0 : output.Period;
                var last = output.Period < 0 ? Periods.Length - 1 : output.Period;
                for (var t = first; t <= last; t++)
                {
                    sum += ws.PeriodShift[t];
                    n += ws.PeriodRanked[t];
                }

                return n == 0 ? double.NaN : (double)sum / n;
        }
    }

    private ResolvedOutput Resolve(SensitivityOutput o)
    {
        var period = o.Period is null ? -1 : Periods.IndexOf(o.Period, StringComparer.Ordinal);
        if (o.Period is not null && period < 0)
        {
            throw new IndexDataException($"Sensitivity output {o} names period '{o.Period}', which the data does not have ({string.Join(", ", Periods)}).");
        }

        var unit = o.Unit is null ? -1 : UnitIndex(o.Unit);
        if (o.Unit is not null && unit < 0)
        {
            throw new IndexDataException($"Sensitivity output {o} names unit '{o.Unit}', which the data does not have.");
        }

        return new ResolvedOutput(o.Kind, period, unit);
    }

    private string ComputeFingerprint()
    {
        var sb = new StringBuilder("sensitivity/v1;");
        sb.Append(CultureInfo.InvariantCulture, $"index={Index.Id};version={Index.Version};node={NodeId};");
        sb.Append(CultureInfo.InvariantCulture, $"units={string.Join(',', Units)};periods={string.Join(',', Periods)};");
        sb.Append(CultureInfo.InvariantCulture, $"factors={string.Join(',', plans.Select(p => $"{p.Factor.Kind}:{p.Name}:{p.Levels}"))};");
        sb.Append(CultureInfo.InvariantCulture, $"scheme={Scheme};samples={Analysis.Samples};seed={Analysis.Seed};points={Analysis.Points};shift={Analysis.DigitalShift};design={Design?.Fingerprint};");
        if (Scheme == SamplingScheme.Given)
        {
            sb.Append("rows=");
            foreach (var row in Analysis.DesignRows)
            {
                sb.AppendJoin(',', row).Append(';');
            }
        }

        if (MorrisDesign is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"morris={MorrisDesign.Fingerprint};");
        }

        sb.Append(CultureInfo.InvariantCulture, $"outputs={string.Join(',', Outputs)}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())).AsSpan(0, 16));
    }

    private readonly record struct ResolvedOutput(OutputKind Kind, int Period, int Unit);
}
