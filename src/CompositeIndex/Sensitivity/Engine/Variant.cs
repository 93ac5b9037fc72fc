using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// One compiled variant of the index (a combination of method, indicator-set and parameter choices) with its
/// normalised indicator scores, ready to be re-aggregated with perturbed weights many times.
/// </summary>
/// <remarks>
/// Built by compiling the variant definition and evaluating it once through the public pipeline
/// (<see cref="CompiledIndex.Evaluate(Panel)"/>), so every step before aggregation (normalisation and whatever precedes
/// it) is exactly the library's. Re-aggregation (<see cref="Evaluate"/>) reproduces the engine's group aggregation
/// (missing-data policy, domain check, weight re-normalisation, aggregation kernel) without allocating. Immutable after
/// construction and shared by all worker threads.
/// </remarks>
internal sealed class Variant
{
    private readonly Panel panel;
    private readonly double[] indicatorScores; // [indicator][period][unit] in the variant's own units
    private readonly double[]? indicatorLogs; // ln of indicatorScores where a complete geometric group needs them
    private readonly GroupPlan[] groups;
    private readonly long[] columnKeys; // per indicator: the key of its column's content (ContentIds), for the group-score cache
    private readonly double[][] columnArrays; // per indicator: the array holding the runner's one copy of its column (ContentIds)
    private readonly int[] columnOffsets; // per indicator: where that copy starts
    private readonly long[]?[] fixedKeys; // per group whose children are all indicators: its child keys (constant for the variant)
    private readonly double[]?[][] fixedColumns; // per such group: the arrays its column kernel reads (shared copies, or this variant's logs)
    private readonly int[]?[] fixedOffsets; // per such group: where each column starts
    private readonly bool identityUnits; // the variant's units are the analysis' units in the same order
    private readonly int[] slots; // per group: its cache slot (by group id, shared by the runner's variants)
    private readonly int indicatorCount;
    private readonly int u;
    private readonly int p;
    private readonly int[] unitMap; // variant unit -> analysis unit (or -1)
    private readonly int analysisUnits;
    private readonly System.Collections.Immutable.ImmutableArray<string> units;
    private readonly System.Collections.Immutable.ImmutableArray<string> periods;

    /// <param name="definition">The variant's definition.</param>
    /// <param name="panel">The data.</param>
    /// <param name="weightFactors">The analysis' weight factors.</param>
    /// <param name="targetNode">The node whose scores the runs rank.</param>
    /// <param name="analysisUnitIds">The analysis' units.</param>
    /// <param name="analysisPeriods">The analysis' periods.</param>
    /// <param name="ids">The content ids shared by the variants whose group scores one workspace may reuse across (a runner's); <see langword="null"/> for ids of this variant alone.</param>
    /// <param name="rememberColumns">Whether the shared ids remember this variant's new columns (not for a variant built for one value of a continuous factor: see <see cref="ContentIds.Column(double[], int, int, out double[], out int, bool)"/>).</param>
    public Variant(IndexDefinition definition, Panel panel, IReadOnlyList<FactorPlan> weightFactors, string targetNode, System.Collections.Immutable.ImmutableArray<string> analysisUnitIds, System.Collections.Immutable.ImmutableArray<string> analysisPeriods, ContentIds? ids = null, bool rememberColumns = true)
    {
        Ids = ids ?? new ContentIds();
        Definition = definition;
        this.panel = panel;
        Compiled = CompiledIndex.Compile(definition);
        var result = Compiled.Evaluate(panel);
        units = [.. result.Units.Select(x => x.Id)];
        periods = result.Periods;
        if (!periods.SequenceEqual(analysisPeriods))
        {
            throw new IndexDataException($"A variant of index '{definition.Id}' has periods {string.Join(", ", periods)}, unlike the nominal index ({string.Join(", ", analysisPeriods)}).");
        }

        u = units.Length;
        p = periods.Length;
        analysisUnits = analysisUnitIds.Length;
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < analysisUnitIds.Length; j++)
        {
            position[analysisUnitIds[j]] = j;
        }

        unitMap = [.. units.Select(id => position.TryGetValue(id, out var j) ? j : -1)];
        var nodes = Compiled.Nodes;
        indicatorCount = Compiled.IndicatorCount;
        indicatorScores = new double[indicatorCount * p * u];
        for (var i = 0; i < indicatorCount; i++)
        {
            for (var t = 0; t < p; t++)
            {
                result.GetScores(nodes[i].Id, periods[t]).Span.CopyTo(indicatorScores.AsSpan(((i * p) + t) * u, u));
            }
        }

        var fast = true;
        groups = new GroupPlan[nodes.Length - indicatorCount];
        for (var n = indicatorCount; n < nodes.Length; n++)
        {
            var node = nodes[n];
            var binding = -1;
            int[]? map = null;
            for (var f = 0; f < weightFactors.Count; f++)
            {
                if (weightFactors[f].Group == node.Id)
                {
                    binding = f;
                    var childIds = node.Children.Select(c => nodes[c].Id).ToList();
                    map = [.. weightFactors[f].ChildIds.Select(id => childIds.IndexOf(id))];
                }
            }

            double[] weights = [.. node.Weights];
            var weighting = node.Group?.Weighting;
            if (weighting is not null)
            {
                // Fixed weighting methods resolve to constant weights; data-fitted ones are refitted by the engine.
                fast &= !weighting.NeedsData;
                var report = result.Weights.FirstOrDefault(r => r.GroupId == node.Id && r.UnitId is null);
                if (report is not null && report.Weights.Length == weights.Length)
                {
                    weights = [.. report.Weights];
                }
                else
                {
                    fast = false;
                }
            }

            fast &= node.WeightScaling == WeightScaling.None && node.Aggregation is not CrossSectionalAggregationMethod && node.Group?.Rounding is null;
            var method = node.Aggregation!;
            // A method that may return missing (geometric with zeros = missing) always takes the cell kernel: the column
            // paths assume a finite score for every complete cell.
            var indicatorsDense = !method.MayReturnMissing && node.Children.All(c => c >= indicatorCount || IsDenseColumn(indicatorScores.AsSpan(c * p * u, p * u), method));
            groups[n - indicatorCount] = new GroupPlan(node.Id, [.. node.Children], weights, method, node.MissingData!, binding, map, indicatorsDense, method.Kernel == AggregationKernelKind.WeightedArithmeticMean, method.Kernel == AggregationKernelKind.WeightedArithmeticMean);
        }

        // Logarithms of the indicator columns that feed a complete geometric group (their values are then all positive).
        var logGroups = groups.Where(g => g.Geometric && g.IndicatorsDense && g.Children.Any(c => c < indicatorCount)).ToList();
        if (logGroups.Count > 0)
        {
            indicatorLogs = new double[indicatorScores.Length];
            foreach (var g in logGroups)
            {
                foreach (var c in g.Children.Where(c => c < indicatorCount))
                {
                    var size = p * u;
                    for (var i = c * size; i < (c + 1) * size; i++)
                    {
                        indicatorLogs[i] = Math.Log(indicatorScores[i]);
                    }
                }
            }
        }

        columnKeys = new long[indicatorCount];
        columnArrays = new double[indicatorCount][];
        columnOffsets = new int[indicatorCount];
        for (var i = 0; i < indicatorCount; i++)
        {
            columnKeys[i] = ContentIds.IndicatorKey(Ids.Column(indicatorScores, i * p * u, p * u, out columnArrays[i], out columnOffsets[i], rememberColumns));
        }

        slots = [.. groups.Select(g => Ids.Slot(g.Id))];
        fixedKeys = new long[]?[groups.Length];
        fixedColumns = new double[]?[groups.Length][];
        fixedOffsets = new int[]?[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            var children = groups[g].Children;
            if (children.All(c => c < indicatorCount))
            {
                fixedKeys[g] = [.. children.Select(c => columnKeys[c])];
                fixedColumns[g] = [.. children.Select(c => groups[g].Arithmetic ? columnArrays[c] : indicatorLogs)];
                fixedOffsets[g] = [.. children.Select(c => groups[g].Arithmetic ? columnOffsets[c] : c * p * u)];
            }
        }

        identityUnits = u == analysisUnits && unitMap.Select((a, j) => a == j).All(x => x);
        MaxChildren = Compiled.MaxChildren;
        TargetIndex = Compiled.NodeIndex.TryGetValue(targetNode, out var target) ? target : -1;
        IsFast = fast && SelfCheck(result, weightFactors.Count);
    }

    public IndexDefinition Definition { get; }

    public CompiledIndex Compiled { get; }

    /// <summary>Gets the content ids this variant's columns and groups are keyed by (a workspace's group-score cache is valid for one).</summary>
    public ContentIds Ids { get; }

    public int MaxChildren { get; }

    public int GroupCount => groups.Length;

    /// <summary>Gets the number of indicator scores (and logarithms) the variant holds, for the size of caches.</summary>
    public long ScoreCount => indicatorScores.LongLength + (indicatorLogs?.LongLength ?? 0);

    /// <summary>Gets a value indicating whether runs re-aggregate in place (true) or go through <see cref="CompiledIndex"/> (false: data-fitted weighting, weight scaling, cross-sectional aggregation, or any difference found by the self-check).</summary>
    public bool IsFast { get; }

    /// <summary>Gets the node whose ranks are analysed, or -1 when the variant has no such node (e.g. all its indicators excluded).</summary>
    public int TargetIndex { get; }

    /// <summary>Evaluates the variant with the weight vectors of the weight factors and writes the target node's scores in the analysis layout (period-major, analysis units).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EvaluateTarget(Workspace ws, double[]?[] factorWeights, Span<double> destination)
    {
        if (TargetIndex < 0)
        {
            destination[..(p * analysisUnits)].Fill(double.NaN);
            return;
        }

        ReadOnlySpan<double> source;
        if (IsFast)
        {
            Evaluate(ws, factorWeights);
            var size = p * u;
            source = TargetIndex < indicatorCount
                ? indicatorScores.AsSpan(TargetIndex * size, size)
                : ws.Groups!.Current[TargetIndex - indicatorCount].Scores.AsSpan(0, size);
        }
        else
        {
            source = EvaluateThroughEngine(factorWeights);
        }

        if (identityUnits)
        {
            source[..(p * u)].CopyTo(destination);
            return;
        }

        destination[..(p * analysisUnits)].Fill(double.NaN);
        for (var t = 0; t < p; t++)
        {
            for (var j = 0; j < u; j++)
            {
                if (unitMap[j] >= 0)
                {
                    destination[(t * analysisUnits) + unitMap[j]] = source[(t * u) + j];
                }
            }
        }
    }

    /// <summary>Re-aggregates every group with the weight vectors of the weight factors (null = nominal), into the workspace.</summary>
    /// <remarks>
    /// <para>A group whose children are all present and inside the aggregation's domain in every cell (the usual case) is
    /// aggregated column by column: the renormalised weights w_c / Σw are the same for every cell, so they are computed
    /// once, and the arithmetic mean (or, for the geometric mean, the sum of w_c·ln x_c) is accumulated over whole child
    /// columns (vectorised; the same IEEE operations in the same child order as <see cref="ArithmeticAggregation.Aggregate"/>
    /// and <see cref="GeometricAggregation.Aggregate"/> per cell, hence bit-identical). Other groups take the cell-by-cell
    /// path that mirrors the engine's missing-data and domain handling.</para>
    /// <para>Every group's scores are kept in the workspace's <see cref="GroupCache"/> under the key of what they are a
    /// function of: the aggregation method, the child columns' contents (an indicator column's content id, a child group's
    /// cache entry), the weights (bits), the cell count, and — only when the cell-by-cell path runs — the missing-data
    /// policy (the column-wise path never reads it; which path runs is itself a function of the other inputs). A group
    /// whose key is in the cache takes those scores (and their logarithms) instead of being recomputed: in a Saltelli
    /// row most runs differ from the previous one in one factor only, an AB_i run's weights of factor i are undone in
    /// AB_(i+1), and a choice factor at the index (or one that leaves a pillar's columns unchanged) gives a new variant whose
    /// pillars have keys already computed. The scores are a pure function of the key, so reusing them gives the same bits
    /// as recomputing them.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(Workspace ws, double[]?[] factorWeights)
    {
        var size = p * u;
        var cache = ws.Groups ??= new GroupCache();
        cache.Begin(Ids, groups.Length);
        var keys = ws.ChildKeys;

        // Runs of the workspace's own weight buffers (the runner's) remember what each group was computed from: when the
        // previous evaluation of this workspace was of this variant and completed, a group whose bound weights were not
        // refilled since (same version) and whose child groups kept their entries has the key of the entry it has now,
        // so Find would return that same entry (a key is stored only after a miss, so at most one entry of a slot holds
        // it, and entries change only when their slot is replaced, which only an evaluation does): it is touched as Find
        // touches a hit (same LRU clock and hit count) without rebuilding and comparing the key.
        var memo = ReferenceEquals(factorWeights, ws.FactorWeights);
        var reuse = memo && ReferenceEquals(ws.LastEvaluated, this);
        ws.LastEvaluated = null;
        if (ws.GroupVersions.Length < groups.Length)
        {
            ws.GroupVersions = new long[groups.Length];
            ws.GroupChanged = new bool[groups.Length];
            reuse = false;
        }

        var versions = ws.GroupVersions;
        var changed = ws.GroupChanged;
        for (var g = 0; g < groups.Length; g++)
        {
            var plan = groups[g];
            var children = plan.Children;
            var version = !memo || plan.Binding < 0 || factorWeights[plan.Binding] is null ? -1 : ws.WeightVersions[plan.Binding];
            var previousKey = 0L;
            if (reuse)
            {
                var current = cache.Current[g];
                if (versions[g] == version && !AnyChanged(children, changed))
                {
                    cache.Touch(current);
                    changed[g] = false;
                    continue;
                }

                previousKey = current.Key;
            }

            versions[g] = version;
            ReadOnlySpan<double> nominal = Weights(plan, factorWeights, ws.GroupWeights.AsSpan(0, children.Length));
            Span<long> childKeys;
            if (fixedKeys[g] is { } constant)
            {
                childKeys = constant;
            }
            else
            {
                childKeys = keys.AsSpan(0, children.Length);
                for (var c = 0; c < children.Length; c++)
                {
                    var child = children[c];
                    childKeys[c] = child < indicatorCount ? columnKeys[child] : cache.Current[child - indicatorCount].Key;
                }
            }

            double totalWeight = 0;
            foreach (var x in nominal)
            {
                totalWeight += x;
            }

            var dense = children.Length > 0 && totalWeight > 0 && IsDense(plan, cache, size);
            var policy = dense ? null : plan.Policy;
            var slot = slots[g];
            if (cache.Find(slot, plan.Method, policy, size, nominal, childKeys) is { } hit)
            {
                cache.Current[g] = hit;
                changed[g] = !reuse || hit.Key != previousKey;
                continue;
            }

            var entry = cache.Replace(slot, size);
            var output = entry.Scores.AsSpan(0, size);
            bool complete;
            if (dense)
            {
                AggregateDense(g, plan, nominal, totalWeight, ws, cache, output);
                complete = true;
            }
            else
            {
                complete = AggregateCells(plan, nominal, totalWeight, ws, cache, output);
            }

            cache.Store(entry, plan.Method, policy, size, nominal, childKeys, complete);
            cache.Current[g] = entry;
            changed[g] = true; // a new key (ids are unique per computation)
        }

        if (memo)
        {
            ws.LastEvaluated = this;
        }
    }

    /// <summary>Whether a child group of the current evaluation has another entry than in the previous one (indicator children are fixed per variant).</summary>
    private bool AnyChanged(int[] children, bool[] changed)
    {
        foreach (var child in children)
        {
            if (child >= indicatorCount && changed[child - indicatorCount])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every child value of the group is present and in the aggregation's domain in every cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsDense(GroupPlan plan, GroupCache cache, int size)
    {
        if (!plan.IndicatorsDense)
        {
            return false;
        }

        foreach (var child in plan.Children)
        {
            if (child < indicatorCount)
            {
                continue;
            }

            var entry = cache.Current[child - indicatorCount];
            if (!entry.Dense)
            {
                return false;
            }

            if (!plan.AlwaysInDomain && !InDomain(plan.Method, entry.Scores.AsSpan(0, size)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every value is in the method's domain: the geometric mean's (x &gt; 0, or x ≥ 0 when zeros are allowed) tested vectorised, other methods value by value.</summary>
    private static bool InDomain(AggregationMethod method, ReadOnlySpan<double> column)
    {
        if (method is GeometricAggregation geometric && Vector.IsHardwareAccelerated)
        {
            // NaN fails both comparisons, as it fails IsInDomain.
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(column);
            var allowZero = geometric.Zeros != GeometricZeroPolicy.Error;
            foreach (var v in vectors)
            {
                if (allowZero ? !Vector.GreaterThanOrEqualAll(v, Vector<double>.Zero) : !Vector.GreaterThanAll(v, Vector<double>.Zero))
                {
                    return false;
                }
            }

            column = column[(vectors.Length * Vector<double>.Count)..];
        }

        foreach (var v in column)
        {
            if (!method.IsInDomain(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All children present in every cell: one weight vector w_c / Σw for all cells; arithmetic means column-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AggregateDense(int g, GroupPlan plan, ReadOnlySpan<double> nominal, double totalWeight, Workspace ws, GroupCache cache, Span<double> output)
    {
        var children = plan.Children;
        var w = ws.Weights.AsSpan(0, children.Length);
        for (var c = 0; c < children.Length; c++)
        {
            w[c] = nominal[c] / totalWeight;
        }

        if (plan.Arithmetic || plan.Geometric)
        {
            // sum = 0; sum += w_c·x_c (arithmetic) or w_c·ln x_c (geometric, then exp(sum)) in child order, for all cells at
            // once (no fused multiply-add: same rounding as ArithmeticAggregation/GeometricAggregation.Aggregate per cell),
            // with the logarithms of a child column computed once per variant (indicators) or per change (groups).
            ReadOnlySpan<double[]> columns;
            ReadOnlySpan<int> offsets;
            if (fixedColumns[g] is { } constantColumns)
            {
                // Only indicator children: the columns were resolved when the variant was built.
                columns = constantColumns!;
                offsets = fixedOffsets[g];
            }
            else
            {
                var scratch = ws.Columns.AsSpan(0, children.Length);
                var starts = ws.ColumnOffsets.AsSpan(0, children.Length);
                for (var c = 0; c < children.Length; c++)
                {
                    var child = children[c];
                    if (child < indicatorCount)
                    {
                        // Arithmetic: the shared copy of the column (the same bits as this variant's own).
                        scratch[c] = plan.Arithmetic ? columnArrays[child] : indicatorLogs!;
                        starts[c] = plan.Arithmetic ? columnOffsets[child] : child * output.Length;
                    }
                    else
                    {
                        var entry = cache.Current[child - indicatorCount];
                        scratch[c] = plan.Arithmetic ? entry.Scores : entry.LogArray(output.Length);
                        starts[c] = 0;
                    }
                }

                columns = scratch;
                offsets = starts;
            }

            AggregationKernel.WeightedSumBlocked(output, w, columns, offsets);
            if (plan.Geometric)
            {
                for (var cell = 0; cell < output.Length; cell++)
                {
                    output[cell] = Math.Exp(output[cell]);
                }
            }
        }
        else
        {
            var values = ws.Values.AsSpan(0, children.Length);
            for (var cell = 0; cell < output.Length; cell++)
            {
                for (var c = 0; c < children.Length; c++)
                {
                    var child = children[c];
                    values[c] = child < indicatorCount
                        ? indicatorScores[(child * output.Length) + cell]
                        : cache.Current[child - indicatorCount].Scores[cell];
                }

                output[cell] = plan.Method.Aggregate(values, w);
            }
        }

        for (var cell = 0; cell < output.Length; cell++)
        {
            if (!double.IsFinite(output[cell]))
            {
                throw AggregationKernel.CellError(plan.Method, new CellOutcome(CellStatus.NonFinite, children.Length, 0, -1), plan.Id, string.Empty, double.NaN, units[cell % u], periods[cell / u]);
            }
        }
    }

    /// <summary>
    /// Cell-by-cell aggregation through the engine's own cell kernel (<see cref="AggregationKernel.AggregateCell"/>: missing
    /// children, policy, domain, weight re-normalisation); returns whether no cell is missing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AggregateCells(GroupPlan plan, ReadOnlySpan<double> nominal, double totalWeight, Workspace ws, GroupCache cache, Span<double> output)
    {
        var children = plan.Children;
        var n = children.Length;
        var values = ws.Values.AsSpan(0, n);
        var method = plan.Method;
        var size = output.Length;
        ReadOnlySpan<double> complete = default;
        if (totalWeight > 0)
        {
            if (ws.CompleteWeights.Length < n)
            {
                ws.CompleteWeights = new double[n]; // once per workspace and size (the runner sizes Values and Weights)
            }

            var cw = ws.CompleteWeights.AsSpan(0, n);
            for (var c = 0; c < n; c++)
            {
                cw[c] = nominal[c] / totalWeight;
            }

            complete = cw;
        }

        var all = true;
        for (var cell = 0; cell < size; cell++)
        {
            for (var c = 0; c < n; c++)
            {
                var child = children[c];
                values[c] = child < indicatorCount
                    ? indicatorScores[(child * size) + cell]
                    : cache.Current[child - indicatorCount].Scores[cell];
            }

            output[cell] = AggregationKernel.AggregateCell(method, plan.Policy, values, nominal, default, totalWeight, complete, ws.Weights, out var outcome);
            if (outcome.IsError)
            {
                var child = outcome.Child >= 0 ? children[outcome.Child] : -1;
                var value = child < 0 ? double.NaN : child < indicatorCount ? indicatorScores[(child * size) + cell] : cache.Current[child - indicatorCount].Scores[cell];
                throw AggregationKernel.CellError(method, outcome, plan.Id, child >= 0 ? Compiled.Nodes[child].Id : string.Empty, value, units[cell % u], periods[cell / u]);
            }

            all &= outcome.Status == CellStatus.Score;
        }

        return all;
    }

    private static bool IsDenseColumn(ReadOnlySpan<double> column, AggregationMethod method)
    {
        foreach (var v in column)
        {
            if (double.IsNaN(v) || !method.IsInDomain(v))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<double> Weights(GroupPlan plan, double[]?[] factorWeights, Span<double> local)
    {
        if (plan.Binding < 0 || factorWeights[plan.Binding] is not { } fw)
        {
            return plan.Weights;
        }

        plan.Weights.CopyTo(local);
        for (var c = 0; c < plan.Map!.Length; c++)
        {
            if (plan.Map[c] >= 0)
            {
                local[plan.Map[c]] = fw[c];
            }
        }

        return local;
    }

    /// <summary>The slow path: the library's own evaluation with per-group weight overrides.</summary>
    private double[] EvaluateThroughEngine(double[]?[] factorWeights)
    {
        var overrides = new double[]?[Compiled.Nodes.Length];
        var any = false;
        for (var g = 0; g < groups.Length; g++)
        {
            var plan = groups[g];
            if (plan.Binding >= 0 && factorWeights[plan.Binding] is not null)
            {
                var local = new double[plan.Children.Length];
                overrides[indicatorCount + g] = Weights(plan, factorWeights, local).ToArray();
                any = true;
            }
        }

        var result = Compiled.Evaluate(panel, any ? overrides : null);
        var scores = new double[p * u];
        var id = Compiled.Nodes[TargetIndex].Id;
        for (var t = 0; t < p; t++)
        {
            result.GetScores(id, periods[t]).Span.CopyTo(scores.AsSpan(t * u, u));
        }

        return scores;
    }

    /// <summary>Checks that the in-place aggregation reproduces the engine's group scores bit for bit.</summary>
    private bool SelfCheck(IndexResult result, int weightFactorCount)
    {
        var ws = new Workspace(p, u, MaxChildren, 0, []);
        try
        {
            Evaluate(ws, new double[]?[weightFactorCount]);
        }
        catch (CompositeIndexException)
        {
            return false;
        }

        var size = p * u;
        for (var g = 0; g < groups.Length; g++)
        {
            for (var t = 0; t < p; t++)
            {
                var expected = result.GetScores(groups[g].Id, periods[t]).Span;
                var actual = ws.Groups!.Current[g].Scores.AsSpan(t * u, u);
                for (var j = 0; j < u; j++)
                {
                    if (BitConverter.DoubleToInt64Bits(expected[j]) != BitConverter.DoubleToInt64Bits(actual[j]))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A group as the fast path sees it. IndicatorsDense: every indicator child is present and in the aggregation's
    /// domain in every cell (fixed per variant); Arithmetic: the weighted arithmetic mean (aggregated column-wise);
    /// AlwaysInDomain: the aggregation accepts every value (group children need no domain scan).
    /// </summary>
    private sealed record GroupPlan(string Id, int[] Children, double[] Weights, AggregationMethod Method, MissingDataPolicy Policy, int Binding, int[]? Map, bool IndicatorsDense, bool Arithmetic, bool AlwaysInDomain)
    {
        /// <summary>Gets a value indicating whether the aggregation is the weighted geometric mean (aggregated column-wise over logarithms).</summary>
        public bool Geometric => Method.Kernel == AggregationKernelKind.WeightedGeometricMean;
    }
}

/// <summary>Per-thread scratch buffers of a sensitivity run (never shared between threads).</summary>
internal sealed class Workspace
{
    public Workspace(int periods, int units, int maxChildren, int factorCount, IReadOnlyList<FactorPlan> weightFactors)
    {
        Values = new double[Math.Max(1, maxChildren)];
        Weights = new double[Math.Max(1, maxChildren)];
        CompleteWeights = new double[Math.Max(1, maxChildren)];
        GroupWeights = new double[Math.Max(1, maxChildren)];
        Columns = new double[Math.Max(1, maxChildren)][];
        ChildKeys = new long[Math.Max(1, maxChildren)];
        PeriodShift = new long[periods];
        PeriodRanked = new int[periods];
        ColumnOffsets = new int[Math.Max(1, maxChildren)];
        Target = new double[periods * units];
        Ranks = new int[periods * units];
        SortKeys = new double[units];
        SortIndex = new int[units];
        Point = new double[Math.Max(1, factorCount)];
        FactorWeights = new double[]?[weightFactors.Count];
        WeightBuffers = [.. weightFactors.Select(f => new double[f.ChildIds.Length])];
        WeightCoordinates = new long[weightFactors.Count];
        WeightVersions = new long[weightFactors.Count];
    }

    /// <summary>Gets, per weight factor, a counter bumped whenever its entry of <see cref="FactorWeights"/> is refilled (equal versions = the same weights).</summary>
    public long[] WeightVersions { get; }

    /// <summary>
    /// Makes <see cref="FactorWeights"/>[<paramref name="factor"/>] the weights of <paramref name="plan"/> at
    /// <paramref name="coordinate"/>: kept when the coordinate is bitwise the one they were filled for (the weights are a
    /// function of it alone), else the factor's buffer is refilled and its version bumped (the entry is cleared first, so
    /// a fill that throws leaves no stale weights bound).
    /// </summary>
    public void BindWeights(int factor, FactorPlan plan, double coordinate)
    {
        var bits = BitConverter.DoubleToInt64Bits(coordinate);
        if (FactorWeights[factor] is null || WeightCoordinates[factor] != bits)
        {
            FactorWeights[factor] = null;
            WeightVersions[factor]++;
            plan.FillWeights(coordinate, WeightBuffers[factor]);
            WeightCoordinates[factor] = bits;
            FactorWeights[factor] = WeightBuffers[factor];
        }
    }

    /// <summary>Gets or sets the variant whose evaluation with <see cref="FactorWeights"/> was this workspace's last one and completed (null otherwise).</summary>
    public Variant? LastEvaluated { get; set; }

    /// <summary>Gets or sets, per group of <see cref="LastEvaluated"/>, the version of its bound weights when its entry was found or computed (-1: nominal weights).</summary>
    public long[] GroupVersions { get; set; } = [];

    /// <summary>Gets or sets, per group of the evaluation in progress, whether its entry differs from the previous evaluation's.</summary>
    public bool[] GroupChanged { get; set; } = [];

    /// <summary>Gets or sets the group scores this workspace computed, by what they were computed from (for reuse by later runs).</summary>
    public GroupCache? Groups { get; set; }

    public double[] Values { get; set; }

    public double[] Weights { get; set; }

    /// <summary>Gets or sets the scratch for a group's weights when all its children are present (w_c / Σw).</summary>
    public double[] CompleteWeights { get; set; }

    public double[] GroupWeights { get; set; }

    /// <summary>Gets or sets the scratch for the arrays holding a group's child columns (the column kernel's input).</summary>
    public double[][] Columns { get; set; }

    /// <summary>Gets or sets the scratch for where each child column starts in its array.</summary>
    public int[] ColumnOffsets { get; set; }

    /// <summary>Gets or sets the scratch for the cache keys of a group's children.</summary>
    public long[] ChildKeys { get; set; }

    public double[] Target { get; }

    /// <summary>Gets, per period, Σ |rank − nominal rank| of the current run over the units ranked in both.</summary>
    public long[] PeriodShift { get; }

    /// <summary>Gets, per period, the number of units ranked in both the current run and the nominal index.</summary>
    public int[] PeriodRanked { get; }

    public int[] Ranks { get; }

    public double[] SortKeys { get; }

    public int[] SortIndex { get; }

    public double[] Point { get; }

    public double[]?[] FactorWeights { get; }

    public double[][] WeightBuffers { get; }

    /// <summary>Gets the bits of the coordinate each weight buffer was filled for (valid where <see cref="FactorWeights"/> is set).</summary>
    public long[] WeightCoordinates { get; }

    /// <summary>Gets the per-thread rank counts, or <see langword="null"/> when runs add to the accumulator directly.</summary>
    public LocalCounts? Counts { get; init; }

    /// <summary>Gets the scratch for the key of a run's variant (one entry per non-weight factor).</summary>
    public long[] VariantKey { get; init; } = [];

    /// <summary>Gets or sets the variants of this worker's recent runs with a continuous factor.</summary>
    public RecentVariants? RecentVariants { get; set; }
}

/// <summary>
/// The last few variants one worker built for runs with a continuous factor, by key (least recently used replaced). At
/// most <see cref="MaxEntries"/> of them and at most <see cref="MaxScores"/> indicator scores in all, so that a large
/// index keeps one (the current) and memory stays what it was without the cache. Owned by one worker thread.
/// </summary>
internal sealed class RecentVariants
{
    /// <summary>The most variants kept.</summary>
    public const int MaxEntries = 8;

    /// <summary>The most indicator scores (doubles) the kept variants may hold together (32 MB).</summary>
    public const long MaxScores = 1L << 22;

    private readonly List<(long[] Key, Variant Variant, long LastUse)> entries = [];
    private long clock;

    /// <summary>The variant of this key, or <see langword="null"/>.</summary>
    public Variant? Find(ReadOnlySpan<long> key)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (key.SequenceEqual(entries[i].Key))
            {
                entries[i] = entries[i] with { LastUse = ++clock };
                return entries[i].Variant;
            }
        }

        return null;
    }

    /// <summary>Keeps a variant (replacing the least recently used ones while over the limits; the new one is always kept).</summary>
    public void Add(ReadOnlySpan<long> key, Variant variant)
    {
        entries.Add((key.ToArray(), variant, ++clock));
        long scores = 0;
        foreach (var e in entries)
        {
            scores += e.Variant.ScoreCount;
        }

        while (entries.Count > 1 && (entries.Count > MaxEntries || scores > MaxScores))
        {
            var oldest = 0;
            for (var i = 1; i < entries.Count; i++)
            {
                if (entries[i].LastUse < entries[oldest].LastUse)
                {
                    oldest = i;
                }
            }

            scores -= entries[oldest].Variant.ScoreCount;
            entries.RemoveAt(oldest);
        }
    }
}

/// <summary>
/// Rank histogram, missing counts and absolute rank shifts of one worker thread, added to the shared accumulator after
/// each chunk of runs (plain increments in the hot loop instead of one atomic operation per cell and run). Integer sums
/// do not depend on the order of addition, so results stay bit-identical for any thread count.
/// </summary>
internal sealed class LocalCounts
{
    private readonly int[] histogram;
    private readonly int[] missing;
    private readonly long[] absShift;
    private bool dirty;

    public LocalCounts(int periods, int units)
    {
        histogram = new int[periods * units * units];
        missing = new int[periods * units];
        absShift = new long[periods * units];
    }

    /// <summary>
    /// Counts the ranks of one run (0 = missing) against the nominal ranks, and writes per period the sum of |rank −
    /// nominal rank| and the number of units with both ranks (what the mean absolute rank shift output needs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<int> ranks, int[] nominalRanks, int units, Span<long> periodShift, Span<int> periodRanked)
    {
        dirty = true;
        for (var t = 0; t < periodShift.Length; t++)
        {
            long shift = 0;
            var ranked = 0;
            for (var cell = t * units; cell < (t + 1) * units; cell++)
            {
                var r = ranks[cell];
                if (r == 0)
                {
                    missing[cell]++;
                    continue;
                }

                histogram[(cell * units) + r - 1]++;
                var r0 = nominalRanks[cell];
                if (r0 != 0)
                {
                    // |r − r0| without a branch on the sign (0 when the ranks are equal, so adding it changes nothing).
                    var d = r - r0;
                    var sign = d >> 31;
                    d = (d ^ sign) - sign;
                    absShift[cell] += d;
                    shift += d;
                    ranked++;
                }
            }

            periodShift[t] = shift;
            periodRanked[t] = ranked;
        }
    }

    /// <summary>Adds the counts to the accumulator (atomically: other threads flush concurrently) and clears them.</summary>
    public void FlushInto(SensitivityAccumulator acc)
    {
        if (!dirty)
        {
            return;
        }

        Flush(histogram, acc.Histogram);
        Flush(missing, acc.Missing);
        for (var i = 0; i < absShift.Length; i++)
        {
            if (absShift[i] != 0)
            {
                Interlocked.Add(ref acc.AbsShift[i], absShift[i]);
                absShift[i] = 0;
            }
        }

        dirty = false;
    }

    private static void Flush(int[] local, int[] shared)
    {
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] != 0)
            {
                Interlocked.Add(ref shared[i], local[i]);
                local[i] = 0;
            }
        }
    }
}
