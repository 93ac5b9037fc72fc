using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CompositeIndex;

/// <summary>
/// A definition compiled once into flat arrays (node order, child indices, weights, resolved methods), ready to
/// be evaluated on any number of panels.
/// </summary>
/// <remarks>
/// <para>Compilation validates the definition and resolves every default (the normalisation of each indicator,
/// the aggregation and missing-data policy of each group). Evaluation runs the pipeline
/// normalise → aggregate level by level (children before parents) and returns an <see cref="IndexResult"/>.</para>
/// <para>Immutable and thread-safe: one compiled index can evaluate several panels concurrently.</para>
/// </remarks>
public sealed partial class CompiledIndex
{
    private static readonly AggregationMethod DefaultAggregation = new ArithmeticAggregation();
    private static readonly MissingDataPolicy DefaultMissing = new RenormalizeWeights();

    private CompiledIndex(IndexDefinition definition, ImmutableArray<CompiledNode> nodes, Dictionary<string, int> nodeIndex, int indicatorCount, int maxChildren)
    {
        Definition = definition;
        Nodes = nodes;
        IndicatorCount = indicatorCount;
        MaxChildren = maxChildren;
        NodeIndex = nodeIndex;
        foreach (var n in nodes)
        {
            ScalesByIndicatorCount |= n.WeightScaling == WeightScaling.AvailableIndicatorCount;
        }

        Plan = definition.Steps.IsDefaultOrEmpty ? null : new PipelinePlan(definition, nodes, nodeIndex, indicatorCount);
    }

    /// <summary>Gets the definition this index was compiled from.</summary>
    public IndexDefinition Definition { get; }

    /// <summary>Gets the id of the root group.</summary>
    public string RootId => Nodes[^1].Id;

    /// <summary>Gets the node ids in evaluation order: indicators first (definition order), then groups, children before parents; the root is last.</summary>
    public ImmutableArray<string> NodeIds => [.. Nodes.Select(n => n.Id)];

    internal ImmutableArray<CompiledNode> Nodes { get; }

    /// <summary>Gets the position of every node in <see cref="Nodes"/> by id (built once by <see cref="Compile"/> and never modified afterwards, so concurrent lookups are safe).</summary>
    internal IReadOnlyDictionary<string, int> NodeIndex { get; }

    internal int IndicatorCount { get; }

    /// <summary>Gets a value indicating whether some group scales its weights by the indicator counts below its children (<see cref="WeightScaling.AvailableIndicatorCount"/>).</summary>
    internal bool ScalesByIndicatorCount { get; }

    internal int MaxChildren { get; }

    internal PipelinePlan? Plan { get; }

    /// <summary>Gets the compiled variants (empty when the definition has none).</summary>
    internal ImmutableArray<CompiledVariant> Variants { get; private init; } = [];

    /// <summary>Validates and compiles a definition.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The compiled index.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid; the exception's report lists every problem.</exception>
    public static CompiledIndex Compile(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        DefinitionValidator.Validate(definition, out var graph).ThrowIfInvalid();

        // Validation found the hierarchy in declared positions (i for indicator i, ni + g for group g) with each id
        // hashed once; the final node order is the indicators (definition order), then the groups children before parents
        // (post-order from the root). The validator's id map becomes the compiled index's, with the groups renumbered.
        var structure = graph ?? throw new InvalidOperationException("A valid definition has a hierarchy graph."); // DefinitionGraph.TryBuild succeeds exactly when the hierarchy checks pass
        var indicators = definition.Indicators;
        var groups = definition.Groups;
        var ni = indicators.Length;
        var count = ni + groups.Length;
        var index = structure.Declarations;
        var parentOf = structure.Parent;
        var childStart = structure.ChildStart;
        var root = structure.Root;

        // Post-order over groups from the root (iterative: deep hierarchies cannot overflow the stack).
        var position = new int[count]; // declared position -> final position
        for (var i = 0; i < ni; i++)
        {
            position[i] = i;
        }

        var groupOrder = new List<int>(groups.Length);
        var frames = new Stack<(int Group, int Next)>();
        frames.Push((root, 0));
        while (frames.Count > 0)
        {
            var (g, next) = frames.Pop();
            var children = structure.Children.AsSpan(childStart[g - ni]..childStart[g - ni + 1]);
            var advanced = false;
            for (var k = next; k < children.Length; k++)
            {
                if (children[k] >= ni)
                {
                    frames.Push((g, k + 1));
                    frames.Push((children[k], 0));
                    advanced = true;
                    break;
                }
            }

            if (!advanced)
            {
                position[g] = ni + groupOrder.Count;
                groupOrder.Add(g);
            }
        }

        foreach (var g in groupOrder)
        {
            index[groups[g - ni].Id] = position[g];
        }

        var nodes = ImmutableArray.CreateBuilder<CompiledNode>(count);
        for (var i = 0; i < ni; i++)
        {
            var ind = indicators[i];
            var method = ind.Normalization ?? GroupNormalization(i) ?? definition.Normalization!;
            nodes.Add(new CompiledNode(ind.Id, ind.DisplayName(), true, position[parentOf[i]], structure.Depth[i])
            {
                Indicator = ind,
                Normalization = method,
            });
        }

        var maxChildren = 0;
        foreach (var d in groupOrder)
        {
            var g = groups[d - ni];
            var children = g.Children;
            maxChildren = Math.Max(maxChildren, children.Length);
            var raw = new double[children.Length];
            var ids = new string[children.Length];
            var childPositions = new int[children.Length];
            for (var k = 0; k < children.Length; k++)
            {
                raw[k] = children[k].Weight;
                ids[k] = children[k].Id;
                childPositions[k] = position[structure.Children[childStart[d - ni] + k]];
            }

            // Relative weights: a power-of-two scale keeps every ratio and keeps Σw finite (ScaleToFiniteSum returns a new
            // array or raw itself, and Normalize does not modify its input: each array below has one owner).
            var weights = ImmutableCollectionsMarshal.AsImmutableArray(WeightMath.ScaleToFiniteSum(raw));
            var childIds = ImmutableCollectionsMarshal.AsImmutableArray(ids);
            nodes.Add(new CompiledNode(g.Id, g.DisplayName(), false, parentOf[d] >= 0 ? position[parentOf[d]] : -1, structure.Depth[d])
            {
                Group = g,
                Children = ImmutableCollectionsMarshal.AsImmutableArray(childPositions),
                ChildIds = childIds,
                Weights = weights,
                DefinitionWeights = new WeightingReport(g.Id, "definition", childIds, ImmutableCollectionsMarshal.AsImmutableArray(WeightMath.Normalize(ImmutableCollectionsMarshal.AsArray(weights)!)), "weights of the group's children in the definition"),
                Aggregation = g.Aggregation ?? definition.Aggregation ?? DefaultAggregation,
                MissingData = g.MissingData ?? definition.MissingData ?? DefaultMissing,
                WeightScaling = g.WeightScaling,
                Adjustment = g.Adjustment,
            });
        }

        var built = nodes.MoveToImmutable();
        return new CompiledIndex(definition, built, index, ni, maxChildren)
        {
            Variants = CompiledVariant.CompileAll(definition, built),
        };

        // The normalisation of the nearest group above an indicator that sets one, if any.
        NormalizationMethod? GroupNormalization(int d)
        {
            for (var p = parentOf[d]; p >= 0; p = parentOf[p])
            {
                if (groups[p - ni].Normalization is { } method)
                {
                    return method;
                }
            }

            return null;
        }
    }

    /// <summary>Evaluates the index on a panel.</summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <returns>The scores, ranks and contributions of every node for every unit and period.</returns>
    /// <exception cref="IndexDataException">The panel lacks indicators, or a period a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value (the message names the node, unit and period).</exception>
    public IndexResult Evaluate(Panel panel) => Evaluate(panel, CancellationToken.None);

    /// <summary>Evaluates the index on a panel, observing a cancellation token between pipeline steps.</summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <param name="cancellationToken">Cancels the evaluation; nothing is returned or written when cancelled.</param>
    /// <returns>The scores, ranks and contributions of every node for every unit and period.</returns>
    /// <exception cref="IndexDataException">The panel lacks indicators, or a period a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IndexResult Evaluate(Panel panel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Evaluate(panel, weights: null, cancellationToken);
    }

    /// <summary>
    /// Evaluates the index on a panel with <b>frozen</b> normalisation parameters instead of fitting them on the data: e.g.
    /// the min and max fitted on 2022–2023 (<see cref="FrozenParameters.From(IndexResult)"/> of that result) applied to
    /// 2024. See <see cref="FrozenParameters"/> for which parameters apply to which period; a data-fitted indicator without
    /// frozen parameters is fitted on the data (the result's <see cref="IndexResult.Audit"/> says so); methods without
    /// fitted parameters (goalposts, ranks, percentiles) compute as usual.
    /// </summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <param name="frozen">The parameters to apply.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The result; its <see cref="IndexResult.Run"/> records that the parameters were frozen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="panel"/> or <paramref name="frozen"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">The panel lacks indicators, or frozen parameters lack a value a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value (e.g. frozen parameters with a zero range).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IndexResult Evaluate(Panel panel, FrozenParameters frozen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(frozen);
        return Evaluate(panel, weights: null, cancellationToken, frozen);
    }

    /// <summary>
    /// Runs only the data-preparation steps of the definition (<see cref="IndexDefinition.Steps"/>: denomination,
    /// imputation, screening, outlier treatment) and returns the prepared data with what each step did.
    /// </summary>
    /// <param name="panel">The data; it is not modified.</param>
    /// <returns>The prepared data; the panel itself (and empty logs) when the definition has no steps.</returns>
    /// <exception cref="IndexDataException">A step needs a variable or attribute the panel lacks.</exception>
    /// <exception cref="NumericalException">A step cannot compute a defined value.</exception>
    public PreparationResult Prepare(Panel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Plan is null ? new PreparationResult(panel, [], [], []) : Plan.Run(panel);
    }

    /// <summary>Evaluates with optional per-group weight overrides (indexed like <see cref="Nodes"/>; null entries keep the definition's weights).</summary>
    internal IndexResult Evaluate(Panel panel, double[]?[]? weights, CancellationToken cancellationToken = default, FrozenParameters? frozen = null) =>
        Evaluate(panel, weights, -1, cancellationToken, frozen);

    /// <summary>Evaluates with weight overrides on up to <paramref name="maxDegreeOfParallelism"/> threads (-1: all processors for large panels); the result is the same for every degree.</summary>
    internal IndexResult Evaluate(Panel panel, double[]?[]? weights, int maxDegreeOfParallelism, CancellationToken cancellationToken = default, FrozenParameters? frozen = null)
    {
        var input = panel;
        PreparationResult? prepared = null;
        if (Plan is not null)
        {
            prepared = Plan.Run(panel, cancellationToken);
            panel = prepared.Data;
        }

        if (Variants.IsEmpty)
        {
            var single = EvaluateTree(panel, weights, null, prepared, maxDegreeOfParallelism, cancellationToken, frozen, input);
            return Definition.Outputs.IsDefaultOrEmpty ? single : single.Attach(single, ImmutableSortedDictionary<string, IndexResult>.Empty, panel);
        }

        var results = ImmutableSortedDictionary.CreateBuilder<string, IndexResult>(StringComparer.Ordinal);
        foreach (var v in Variants)
        {
            results[v.Id] = EvaluateTree(panel, weights, v, prepared, maxDegreeOfParallelism, cancellationToken, frozen, input);
        }

        var all = results.ToImmutable();
        return all[Variants[0].Id].Attach(all[Variants[0].Id], all, panel);
    }

    /// <summary>
    /// Evaluates the index on a panel into a caller-owned buffer that is reused from one evaluation to the next (see
    /// <see cref="EvaluationBuffer"/>): the same scores as <see cref="Evaluate(Panel)"/>, without allocating once the
    /// buffer has been used with this index and panel.
    /// </summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <param name="buffer">The destination; its previous scores are overwritten.</param>
    /// <exception cref="IndexDataException">The panel lacks indicators, or a period a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value; the buffer then holds no scores.</exception>
    public void EvaluateInto(Panel panel, EvaluationBuffer buffer) => EvaluateInto(panel, buffer, CancellationToken.None);

    /// <summary>Evaluates the index on a panel into a reused buffer, observing a cancellation token between pipeline steps.</summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <param name="buffer">The destination; its previous scores are overwritten.</param>
    /// <param name="cancellationToken">Cancels the evaluation; the buffer then holds no scores.</param>
    /// <exception cref="IndexDataException">The panel lacks indicators, or a period a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value; the buffer then holds no scores.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void EvaluateInto(Panel panel, EvaluationBuffer buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(buffer);
        PreparationResult? prepared = null;
        if (Plan is not null)
        {
            prepared = Plan.Run(panel, cancellationToken);
            panel = prepared.Data;
        }

        var variant = Variants.IsEmpty ? null : Variants[0];
        try
        {
            buffer.Bind(this, panel, variant, Nodes.Length * panel.Periods.Length * panel.Units.Length);
            buffer.Reports.Clear();
            Run(panel, null, variant, buffer.Scores, null, null, buffer.Reports, buffer.Scratch, buffer, null, buffer.MaxDegreeOfParallelism, cancellationToken);
        }
        catch
        {
            buffer.Invalidate();
            throw;
        }

        buffer.Complete(this);
    }

    /// <summary>Notes in the audit a data-fitted indicator that frozen parameters do not cover (it is fitted on the data).</summary>
    private static void AuditFrozen(string indicatorId, NormalizationMethod method, FrozenParameters frozen, List<AuditEntry> audit)
    {
        if (method is IFittedNormalization && !frozen.Has(indicatorId))
        {
            audit.Add(new AuditEntry("normalize", indicatorId, null, null, $"No frozen parameters for '{indicatorId}': the {method.MethodName} normalisation was fitted on the data."));
        }
    }

    /// <summary>Evaluates the tree once, on the indicators' own columns or on a variant's.</summary>
    private IndexResult EvaluateTree(Panel panel, double[]?[]? weights, CompiledVariant? variant, PreparationResult? prepared, int maxDegreeOfParallelism, CancellationToken cancellationToken, FrozenParameters? frozen, Panel input)
    {
        var p = panel.Periods.Length;
        Limits.CheckCells("The evaluation's score table", (Nodes.Length, "nodes"), (p, "periods"), (panel.Units.Length, "units"));
        var parameters = new List<NormalizationParameter>(2 * IndicatorCount * p);
        // What the evaluation itself records; the preparation's entries come first in the result (joined at the end, so
        // an evaluation that records nothing shares the preparation's array).
        var audit = new List<AuditEntry>();

        if (frozen is not null)
        {
            // Before normalisation, in indicator order (normalisation itself records parameters, never audit entries).
            for (var i = 0; i < IndicatorCount; i++)
            {
                AuditFrozen(Nodes[i].Id, variant?.Normalizations[i] ?? Nodes[i].Normalization!, frozen, audit);
            }
        }

        var weightReports = new List<WeightingReport>();
        var scratch = new EvaluationScratch();
        scratch.Ensure(MaxChildren);
        // Every score is written by the pipeline (each indicator block is cleared before its normaliser runs), so the
        // array need not be zeroed first.
        var scores = GC.AllocateUninitializedArray<double>(Nodes.Length * p * panel.Units.Length);
        var counts = Run(panel, weights, variant, scores, parameters, audit, weightReports, scratch, null, frozen, maxDegreeOfParallelism, cancellationToken);
        var log = prepared is null ? [.. audit] : audit.Count == 0 ? prepared.Audit : prepared.Audit.AddRange(audit);
        return new IndexResult(this, panel, scores, [.. parameters], log) { Weights = [.. weightReports], Preparation = prepared, IndicatorCountsBelow = counts, Variant = variant?.Id, InputData = input, ParametersFrozen = frozen is not null };
    }

    /// <summary>
    /// Normalises every indicator and aggregates every group into <paramref name="scores"/> (every value is written).
    /// Normalisation runs one indicator per work item, aggregation one block of cells per work item, on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads; each item writes only its own part of the scores, and what items
    /// record (parameters, audit entries) is merged in item order, so the outcome is the same for any number of threads.
    /// </summary>
    /// <returns>The indicator counts below every node when some group scales its weights by them, else null.</returns>
    private double[]? Run(Panel panel, double[]?[]? weights, CompiledVariant? variant, double[] scores, List<NormalizationParameter>? parameters, List<AuditEntry>? audit, List<WeightingReport> weightReports, EvaluationScratch scratch, EvaluationBuffer? buffer, FrozenParameters? frozen, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var columns = buffer?.Columns ?? MapColumns(panel, variant);
        var adjustments = buffer?.Adjustments ?? MapAdjustments(panel, variant);
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var size = p * u;
        var workers = AggregationKernel.Workers(maxDegreeOfParallelism, (long)Nodes.Length * size);
        Normalize(panel, variant, columns, scores, parameters, buffer, frozen, scratch, workers, cancellationToken);

        // Indicator counts are needed during evaluation only by groups that scale weights by them; otherwise the
        // result derives them from the scores on first use (the same numbers, without a second score-sized array here).
        var counts = ScalesByIndicatorCount ? IndicatorCounts.Start(scores, IndicatorCount * size) : null;
        for (var n = IndicatorCount; n < Nodes.Length; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Weighting step (CompiledIndex.Weighting.cs): override > group's weighting method > children's weights.
            var nodeWeights = ResolveWeights(n, weights?[n], scores, panel, weightReports);
            if (Nodes[n].Aggregation is CrossSectionalAggregationMethod crossSection)
            {
                AggregateCrossSection(n, crossSection, nodeWeights, scores, panel, audit ?? [], weightReports);
            }
            else
            {
                AggregateGroup(n, nodeWeights, scores, counts, panel, scratch, audit, workers, cancellationToken);
            }

            if (adjustments[n] >= 0)
            {
                Adjust(n, adjustments[n], scores, panel, audit);
            }

            if (Nodes[n].Group?.Rounding is { } rounding)
            {
                DecimalRounding.RoundInPlace(scores.AsSpan(n * size, size), rounding);
            }

            if (counts is not null)
            {
                IndicatorCounts.Complete(this, n, scores, counts, size);
            }
        }

        return counts;
    }

    /// <summary>Normalises every indicator into its block of <paramref name="scores"/>, one indicator per work item; the fitted parameters are appended in indicator order.</summary>
    private void Normalize(Panel panel, CompiledVariant? variant, int[] columns, double[] scores, List<NormalizationParameter>? parameters, EvaluationBuffer? buffer, FrozenParameters? frozen, EvaluationScratch scratch, int workers, CancellationToken cancellationToken)
    {
        if (workers <= 1)
        {
            NormalizationContext? shared = null; // one context for every indicator (a buffer keeps one per indicator instead)
            for (var i = 0; i < IndicatorCount; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                NormalizeIndicator(i, panel, variant, columns, scores, parameters, buffer, frozen, ref shared);
            }

            return;
        }

        NormalizeInParallel(panel, variant, columns, scores, parameters, buffer, frozen, scratch, workers, cancellationToken);
    }

    /// <summary>The parallel branch of <see cref="Normalize"/>: one indicator per item of the scratch's fork/join (no allocation with a buffer).</summary>
    private void NormalizeInParallel(Panel panel, CompiledVariant? variant, int[] columns, double[] scores, List<NormalizationParameter>? parameters, EvaluationBuffer? buffer, FrozenParameters? frozen, EvaluationScratch scratch, int workers, CancellationToken cancellationToken)
    {
        // Each indicator records its parameters in its own list (a buffer keeps none); the lists are joined in indicator order.
        var pass = scratch.Normalizer ??= new NormalizePass();
        pass.Set(this, panel, variant, columns, scores, parameters is null ? null : new List<NormalizationParameter>[IndicatorCount], buffer, frozen);
        try
        {
            scratch.Loop.Run(pass, IndicatorCount, workers, cancellationToken);
            if (parameters is not null)
            {
                foreach (var list in pass.PerIndicator!)
                {
                    parameters.AddRange(list);
                }
            }
        }
        finally
        {
            pass.Clear();
        }
    }

    /// <summary>Normalises indicator <paramref name="i"/>; <paramref name="shared"/>, when not null on entry, is a context of this evaluation to point at the indicator (a new one is created and left there otherwise).</summary>
    private void NormalizeIndicator(int i, Panel panel, CompiledVariant? variant, int[] columns, double[] scores, List<NormalizationParameter>? parameters, EvaluationBuffer? buffer, FrozenParameters? frozen, ref NormalizationContext? shared)
    {
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var node = Nodes[i];
        var block = scores.AsSpan(i * p * u, p * u);
        var normalization = variant?.Normalizations[i] ?? node.Normalization!;
        if (!normalization.WritesEveryOutput)
        {
            block.Clear(); // what a normaliser leaves unwritten is 0, as in a new array
        }
        var ctx = buffer?.Contexts[i];
        if (ctx is null && buffer is null && shared is not null)
        {
            ctx = shared;
            ctx.MoveTo(node.Id, node.Indicator!.Polarity, panel.RawValues, panel.Offset(columns[i], 0), i * p * u, node.Indicator.Metadata);
        }
        else if (ctx is null)
        {
            ctx = new NormalizationContext(node.Id, node.Indicator!.Polarity, panel.Units, panel.Periods, panel.RawValues, panel.Offset(columns[i], 0), scores, i * p * u, parameters)
            {
                Metadata = node.Indicator.Metadata,
                Frozen = frozen,
            };
            if (buffer is not null)
            {
                buffer.Contexts[i] = ctx;
            }
            else
            {
                shared = ctx;
            }
        }

        normalization.Normalize(ctx);
        var k = AggregationKernel.IndexOfInfinity(block);
        if (k >= 0)
        {
            throw new NumericalException($"normalisation '{normalization.MethodName}' produced an infinite value.", node.Id, panel.Units[k % u], panel.Periods[k / u]);
        }

        if (node.Indicator!.Rounding is { } rounding)
        {
            DecimalRounding.RoundInPlace(block, rounding);
        }
    }

    /// <summary>
    /// Aggregates group <paramref name="n"/> for every unit and period, block of cells by block of cells. A weighted
    /// arithmetic mean with unscaled weights sums whole child columns at once (<see cref="AggregationKernel.WeightedSum"/>,
    /// the same operations per cell as <see cref="ArithmeticAggregation.Aggregate"/>); cells where that sum is not finite
    /// (a child missing, or an overflow) and every cell of other methods take the per-cell path
    /// (<see cref="AggregateCell"/>: missing-data policy, domain, weight re-normalisation, audit).
    /// </summary>
    private void AggregateGroup(int n, ReadOnlySpan<double> nominalWeights, double[] scores, double[]? counts, Panel panel, EvaluationScratch scratch, List<AuditEntry>? audit, int workers, CancellationToken cancellationToken)
    {
        var node = Nodes[n];
        var u = panel.Units.Length;
        var size = panel.Periods.Length * u;
        var children = node.Children.AsSpan();
        var scaled = node.WeightScaling == WeightScaling.AvailableIndicatorCount;
        var nominal = scratch.Nominal;
        nominalWeights.CopyTo(nominal);
        double totalWeight = 0;
        foreach (var x in nominalWeights)
        {
            totalWeight += x;
        }

        // Complete units (every child present and in the domain) with unscaled weights all use the weights
        // nominal[c] / totalWeight: computed once per group here, and bit-identical to the general path, which
        // divides by the same sum accumulated in the same order.
        var fast = !scaled && totalWeight > 0;
        if (fast)
        {
            for (var c = 0; c < children.Length; c++)
            {
                scratch.Complete[c] = nominal[c] / totalWeight;
                scratch.Offsets[c] = children[c] * size;
            }
        }

        var pass = new GroupPass(this, n, node, panel, scores, counts, scratch.Nominal, scratch.Complete, scratch.Offsets, totalWeight, fast, size);
        var blockSize = AggregationKernel.BlockSize(size, workers);
        var blocks = (size + blockSize - 1) / blockSize;
        if (workers <= 1 || blocks <= 1)
        {
            pass.Block(0, size, scratch.Cell, audit);
            return;
        }

        AggregateBlocksInParallel(pass, blocks, blockSize, audit, scratch, workers, cancellationToken);
    }

    /// <summary>The parallel branch of <see cref="AggregateGroup"/>: one block of cells per item of the scratch's fork/join, audit entries joined in block order.</summary>
    private void AggregateBlocksInParallel(GroupPass pass, int blocks, int blockSize, List<AuditEntry>? audit, EvaluationScratch scratch, int workers, CancellationToken cancellationToken)
    {
        var body = scratch.Blocks ??= new BlockPass();
        body.Set(pass, blockSize, audit is null ? null : new List<AuditEntry>[blocks], scratch.WorkerCells(workers, 3 * MaxChildren));
        try
        {
            scratch.Loop.Run(body, blocks, workers, cancellationToken);
            if (audit is not null)
            {
                foreach (var log in body.Logs!)
                {
                    audit.AddRange(log);
                }
            }
        }
        finally
        {
            body.Clear();
        }
    }

    /// <summary>One indicator's normalisation per fork/join item (reused by a buffer: its references are cleared after each pass).</summary>
    internal sealed class NormalizePass : IForkJoinBody
    {
        private CompiledIndex? index;
        private Panel? panel;
        private CompiledVariant? variant;
        private int[]? columns;
        private double[]? scores;
        private EvaluationBuffer? buffer;
        private FrozenParameters? frozen;

        /// <summary>Gets the parameters recorded by each indicator, or null when none are kept.</summary>
        public List<NormalizationParameter>[]? PerIndicator { get; private set; }

        public void Set(CompiledIndex index, Panel panel, CompiledVariant? variant, int[] columns, double[] scores, List<NormalizationParameter>[]? perIndicator, EvaluationBuffer? buffer, FrozenParameters? frozen)
        {
            (this.index, this.panel, this.variant, this.columns, this.scores, PerIndicator, this.buffer, this.frozen) = (index, panel, variant, columns, scores, perIndicator, buffer, frozen);
        }

        public void Clear() => Set(null!, null!, null, null!, null!, null, null, null);

        public void Run(int item, int worker)
        {
            var own = PerIndicator is null ? null : PerIndicator[item] = new List<NormalizationParameter>(2 * panel!.Periods.Length);
            NormalizationContext? none = null; // items may run at once: each has its own context
            index!.NormalizeIndicator(item, panel!, variant, columns!, scores!, own, buffer, frozen, ref none);
        }
    }

    /// <summary>One block of a group's cells per fork/join item, with per-worker cell scratch (reused by a buffer).</summary>
    internal sealed class BlockPass : IForkJoinBody
    {
        private GroupPass pass;
        private int blockSize;
        private double[][] cells = [];

        /// <summary>Gets the audit entries of each block, or null when no audit is kept.</summary>
        public List<AuditEntry>[]? Logs { get; private set; }

        public void Set(GroupPass pass, int blockSize, List<AuditEntry>[]? logs, double[][] cells)
        {
            this.pass = pass;
            this.blockSize = blockSize;
            Logs = logs;
            this.cells = cells;
        }

        public void Clear() => Set(default, 0, null, []);

        public void Run(int item, int worker)
        {
            var start = item * blockSize;
            pass.Block(start, Math.Min(pass.Size, start + blockSize), cells[worker], Logs is null ? null : Logs[item] = []);
        }
    }

    /// <summary>
    /// The per-cell path of group aggregation: gathers the children's values (and the indicator counts below them when
    /// weights scale by them) and applies the shared cell kernel (<see cref="AggregationKernel.AggregateCell"/>); writes
    /// the audit entries and throws the errors it reports. Returns the score, NaN when missing.
    /// </summary>
    private double AggregateCell(in GroupPass g, int cell, Span<double> values, Span<double> w, Span<double> scale, List<AuditEntry>? audit)
    {
        var node = g.Node;
        var children = node.Children.AsSpan();
        var n = children.Length;
        var scores = g.Scores;
        var size = g.Size;
        var scaled = node.WeightScaling == WeightScaling.AvailableIndicatorCount;
        for (var c = 0; c < n; c++)
        {
            var at = (children[c] * size) + cell;
            values[c] = scores[at];
            if (scaled)
            {
                scale[c] = g.Counts![at];
            }
        }

        var method = node.Aggregation!;
        var score = AggregationKernel.AggregateCell(method, node.MissingData!, values[..n], g.Nominal.AsSpan(0, n), scaled ? scale[..n] : default, g.TotalWeight, g.Fast ? g.CompleteWeights.AsSpan(0, n) : default, w, out var outcome);
        if (outcome.Status == CellStatus.Score && outcome.SkippedOutOfDomain == 0)
        {
            return score;
        }

        var panel = g.Panel;
        var unit = panel.Units[cell % panel.Units.Length];
        var period = panel.Periods[cell / panel.Units.Length];
        if (outcome.IsError)
        {
            var child = outcome.Child >= 0 ? children[outcome.Child] : -1;
            throw AggregationKernel.CellError(method, outcome, node.Id, child >= 0 ? Nodes[child].Id : string.Empty, child >= 0 ? scores[(child * size) + cell] : double.NaN, unit, period);
        }

        if (audit is null)
        {
            return score;
        }

        if (outcome.SkippedOutOfDomain > 0)
        {
            // The kernel only counts them; name each one here, in child order (rare: out-of-domain values treated as missing).
            for (var c = 0; c < n; c++)
            {
                var v = scores[(children[c] * size) + cell];
                if (!double.IsNaN(v) && !method.IsInDomain(v))
                {
                    audit.Add(new AuditEntry("missingData", node.Id, unit, period, $"child '{Nodes[children[c]].Id}' is {v.ToString("R", CultureInfo.InvariantCulture)}, outside the domain of '{method.MethodName}' ({method.DomainDescription}): treated as missing."));
                }
            }
        }

        if (outcome.Status == CellStatus.RejectedByPolicy && outcome.Present > 0)
        {
            audit.Add(new AuditEntry("missingData", node.Id, unit, period, $"score missing: {outcome.Present} of {n} children present ({node.MissingData!.MethodName})."));
        }
        else if (outcome.Status == CellStatus.ReturnedMissing)
        {
            audit.Add(new AuditEntry("aggregation", node.Id, unit, period, $"score missing: '{method.MethodName}' returned missing."));
        }

        return score;
    }

    /// <summary>What aggregating one group needs, shared by its blocks (read-only while they run).</summary>
    internal readonly record struct GroupPass(CompiledIndex Index, int N, CompiledNode Node, Panel Panel, double[] Scores, double[]? Counts, double[] Nominal, double[] CompleteWeights, int[] Offsets, double TotalWeight, bool Fast, int Size)
    {
        /// <summary>Aggregates cells [start, end) into the group's scores; audit entries go to <paramref name="audit"/> in cell order.</summary>
        public void Block(int start, int end, Span<double> scratch, List<AuditEntry>? audit)
        {
            var third = scratch.Length / 3;
            var values = scratch[..third];
            var w = scratch.Slice(third, third);
            var scale = scratch[(2 * third)..];
            var output = Scores.AsSpan((N * Size) + start, end - start);
            var children = Node.Children.Length;
            if (Fast && Node.Aggregation is ArithmeticAggregation)
            {
                AggregationKernel.WeightedSum(output, CompleteWeights.AsSpan(0, children), Scores, Offsets.AsSpan(0, children), start);
                var offsets = Offsets.AsSpan(0, children);
                var nominal = Nominal.AsSpan(0, children);
                var policy = Node.MissingData!;
                for (var i = 0; i < output.Length; i++)
                {
                    if (!double.IsFinite(output[i]))
                    {
                        // A cell with a child missing: the arithmetic specialisation when it applies, else the general kernel.
                        output[i] = AggregationKernel.TryArithmeticPartialCell(Scores, offsets, start + i, policy, nominal, TotalWeight, values, w, out var partial)
                            ? partial
                            : Index.AggregateCell(this, start + i, values, w, scale, audit);
                    }
                }

                return;
            }

            for (var i = 0; i < output.Length; i++)
            {
                output[i] = Index.AggregateCell(this, start + i, values, w, scale, audit);
            }
        }
    }

    /// <summary>Multiplies a group's scores by its adjustment's per-unit multiplier (missing factor: missing score).</summary>
    private void Adjust(int n, int column, double[] scores, Panel panel, List<AuditEntry>? audit)
    {
        var adjustment = Nodes[n].Adjustment!;
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var factors = panel.RawValues.AsSpan(panel.Offset(column, 0), p * u);
        var block = scores.AsSpan(n * p * u, p * u);
        for (var k = 0; k < block.Length; k++)
        {
            if (double.IsNaN(block[k]))
            {
                continue;
            }

            if (double.IsNaN(factors[k]))
            {
                block[k] = double.NaN;
                audit?.Add(new AuditEntry("adjustment", Nodes[n].Id, panel.Units[k % u], panel.Periods[k / u], $"score missing: adjustment factor '{adjustment.Column}' is missing."));
                continue;
            }

            block[k] *= adjustment.Multiplier(factors[k]);
        }
    }

    /// <summary>Finds the factor column of every adjusted group (-1 for none or when the variant switches adjustments off).</summary>
    internal int[] MapAdjustments(Panel panel, CompiledVariant? variant)
    {
        var result = new int[Nodes.Length];
        result.AsSpan().Fill(-1);
        if (variant is { ApplyAdjustments: false })
        {
            return result;
        }

        List<string>? missing = null;
        for (var n = IndicatorCount; n < Nodes.Length; n++)
        {
            if (Nodes[n].Adjustment is { } a)
            {
                result[n] = panel.IndexOfIndicator(a.Column);
                if (result[n] < 0)
                {
                    (missing ??= []).Add(a.Column);
                }
            }
        }

        if (missing is not null)
        {
            throw new IndexDataException($"The data lacks the adjustment column(s) the definition '{Definition.Id}' needs: {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }

        return result;
    }

    internal int[] MapColumns(Panel panel, CompiledVariant? variant)
    {
        var columns = new int[IndicatorCount];
        List<string>? missing = null;
        for (var i = 0; i < IndicatorCount; i++)
        {
            var name = variant?.Columns[i] ?? Nodes[i].Id;
            columns[i] = panel.IndexOfIndicator(name);
            if (columns[i] < 0)
            {
                (missing ??= []).Add(name);
            }
        }

        if (missing is not null)
        {
            throw new IndexDataException($"The data lacks {missing.Count} indicator(s) the definition '{Definition.Id}'{(variant is null ? string.Empty : $" (variant '{variant.Id}')")} needs: {string.Join(", ", missing.Take(20).Select(m => $"'{m}'"))}{(missing.Count > 20 ? ", ..." : string.Empty)}.");
        }

        if (panel.Units.IsEmpty || panel.Periods.IsEmpty)
        {
            throw new IndexDataException("The data has no units or no periods.");
        }

        return columns;
    }
}

/// <summary>A node of a compiled index.</summary>
internal sealed record CompiledNode(string Id, string Name, bool IsIndicator, int Parent, int Depth)
{
    public IndicatorDefinition? Indicator { get; init; }

    public GroupDefinition? Group { get; init; }

    public NormalizationMethod? Normalization { get; init; }

    public ImmutableArray<int> Children { get; init; } = [];

    public ImmutableArray<double> Weights { get; init; } = [];

    /// <summary>Gets the ids of the children (groups only), in definition order.</summary>
    public ImmutableArray<string> ChildIds { get; init; } = [];

    /// <summary>Gets the report of the definition's own weights (groups only), shared by every evaluation that uses them.</summary>
    public WeightingReport? DefinitionWeights { get; init; }

    public AggregationMethod? Aggregation { get; init; }

    public MissingDataPolicy? MissingData { get; init; }

    public WeightScaling WeightScaling { get; init; }

    public GroupAdjustment? Adjustment { get; init; }
}

/// <summary>One thing a pipeline step did that a reader of the result should know (a value imputed, a score left missing, ...).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AuditEntry
{
    internal AuditEntry(string step, string nodeId, string? unitId, string? period, string message)
    {
        Step = step;
        NodeId = nodeId;
        UnitId = unitId;
        Period = period;
        Message = message;
    }

    /// <summary>Gets the step, e.g. <c>"missingData"</c>, <c>"normalization"</c>.</summary>
    public string Step { get; }

    /// <summary>Gets the indicator or group concerned.</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit, if any.</summary>
    public string? UnitId { get; }

    /// <summary>Gets the period, if any.</summary>
    public string? Period { get; }

    /// <summary>Gets what happened.</summary>
    public string Message { get; }
}
