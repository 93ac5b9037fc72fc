using System.Collections.Immutable;
using System.Globalization;

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
        ScalesByIndicatorCount = nodes.Any(n => n.WeightScaling == WeightScaling.AvailableIndicatorCount);
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
        definition.Validate().ThrowIfInvalid();

        // Every id is looked up once; the rest works on positions. A declared position is i for indicator i and
        // ni + g for group g; the final node order is the indicators (definition order), then the groups children
        // before parents (post-order from the root). Validation guarantees unique ids and every group reachable.
        var indicators = definition.Indicators;
        var groups = definition.Groups;
        var ni = indicators.Length;
        var count = ni + groups.Length;
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var d = 0; d < count; d++)
        {
            index.Add(d < ni ? indicators[d].Id : groups[d - ni].Id, d);
        }

        var childrenOf = new int[groups.Length][];
        var parentOf = new int[count];
        parentOf.AsSpan().Fill(-1);
        for (var g = 0; g < groups.Length; g++)
        {
            var children = groups[g].Children;
            childrenOf[g] = new int[children.Length];
            for (var k = 0; k < children.Length; k++)
            {
                childrenOf[g][k] = index[children[k].Id];
                parentOf[childrenOf[g][k]] = ni + g;
            }
        }

        var root = definition.Root is { } r ? index[r] : Array.FindIndex(parentOf, ni, p => p < 0); // the one group without a parent

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
            var children = childrenOf[g - ni];
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
            nodes.Add(new CompiledNode(ind.Id, ind.DisplayName(), true, position[parentOf[i]], Depth(i))
            {
                Indicator = ind,
                Normalization = method,
            });
        }

        var maxChildren = 0;
        foreach (var d in groupOrder)
        {
            var g = groups[d - ni];
            maxChildren = Math.Max(maxChildren, g.Children.Length);
            ImmutableArray<double> weights = [.. WeightMath.ScaleToFiniteSum([.. g.Children.Select(c => c.Weight)])]; // relative: a power-of-two scale keeps every ratio and keeps Σw finite
            ImmutableArray<string> childIds = [.. g.Children.Select(c => c.Id)];
            nodes.Add(new CompiledNode(g.Id, g.DisplayName(), false, parentOf[d] >= 0 ? position[parentOf[d]] : -1, Depth(d))
            {
                Group = g,
                Children = [.. childrenOf[d - ni].Select(c => position[c])],
                ChildIds = childIds,
                Weights = weights,
                DefinitionWeights = new WeightingReport(g.Id, "definition", childIds, [.. WeightMath.Normalize([.. weights])], "weights of the group's children in the definition"),
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

        int Depth(int d)
        {
            var depth = 0;
            for (var p = parentOf[d]; p >= 0; p = parentOf[p])
            {
                depth++;
            }

            return depth;
        }

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
    /// <exception cref="DataException">The panel lacks indicators, or a period a method needs.</exception>
    /// <exception cref="NumericalException">A method cannot compute a defined value (the message names the node, unit and period).</exception>
    public IndexResult Evaluate(Panel panel) => Evaluate(panel, CancellationToken.None);

    /// <summary>Evaluates the index on a panel, observing a cancellation token between pipeline steps.</summary>
    /// <param name="panel">The data; must contain a column for every indicator of the definition.</param>
    /// <param name="cancellationToken">Cancels the evaluation; nothing is returned or written when cancelled.</param>
    /// <returns>The scores, ranks and contributions of every node for every unit and period.</returns>
    /// <exception cref="DataException">The panel lacks indicators, or a period a method needs.</exception>
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
    /// <exception cref="DataException">The panel lacks indicators, or frozen parameters lack a value a method needs.</exception>
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
    /// <exception cref="DataException">A step needs a variable or attribute the panel lacks.</exception>
    /// <exception cref="NumericalException">A step cannot compute a defined value.</exception>
    public PreparationResult Prepare(Panel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return Plan is null ? new PreparationResult(panel, [], [], []) : Plan.Run(panel);
    }

    /// <summary>Evaluates with optional per-group weight overrides (indexed like <see cref="Nodes"/>; null entries keep the definition's weights).</summary>
    internal IndexResult Evaluate(Panel panel, double[]?[]? weights, CancellationToken cancellationToken = default, FrozenParameters? frozen = null)
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
            var single = EvaluateTree(panel, weights, null, prepared, cancellationToken, frozen, input);
            return Definition.Outputs.IsDefaultOrEmpty ? single : single.Attach(single, ImmutableSortedDictionary<string, IndexResult>.Empty, panel);
        }

        var results = ImmutableSortedDictionary.CreateBuilder<string, IndexResult>(StringComparer.Ordinal);
        foreach (var v in Variants)
        {
            results[v.Id] = EvaluateTree(panel, weights, v, prepared, cancellationToken, frozen, input);
        }

        var all = results.ToImmutable();
        return all[Variants[0].Id].Attach(all[Variants[0].Id], all, panel);
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
    private IndexResult EvaluateTree(Panel panel, double[]?[]? weights, CompiledVariant? variant, PreparationResult? prepared, CancellationToken cancellationToken, FrozenParameters? frozen, Panel input)
    {
        var columns = MapColumns(panel, variant);
        var adjustments = MapAdjustments(panel, variant);
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        Limits.CheckCells("The evaluation's score table", (Nodes.Length, "nodes"), (p, "periods"), (u, "units"));
        var scores = new double[Nodes.Length * p * u];
        var parameters = new List<NormalizationParameter>(2 * IndicatorCount * p);
        var audit = new List<AuditEntry>(prepared?.Audit.Length ?? 0);
        if (prepared is not null)
        {
            audit.AddRange(prepared.Audit);
        }

        for (var i = 0; i < IndicatorCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = Nodes[i];
            var ctx = new NormalizationContext(node.Id, node.Indicator!.Polarity, panel.Units, panel.Periods, panel.RawValues, panel.Offset(columns[i], 0), scores, i * p * u, parameters)
            {
                Metadata = node.Indicator.Metadata,
                Frozen = frozen,
            };
            var normalization = variant?.Normalizations[i] ?? node.Normalization!;
            if (frozen is not null)
            {
                AuditFrozen(node.Id, normalization, frozen, audit);
            }

            normalization.Normalize(ctx);
            var span = scores.AsSpan(i * p * u, p * u);
            for (var k = 0; k < span.Length; k++)
            {
                if (double.IsInfinity(span[k]))
                {
                    throw new NumericalException($"normalisation '{normalization.MethodName}' produced an infinite value.", node.Id, panel.Units[k % u], panel.Periods[k / u]);
                }
            }
        }

        var values = new double[MaxChildren];
        var w = new double[MaxChildren];
        var complete = new double[MaxChildren];
        var weightReports = new List<WeightingReport>();
        // Indicator counts are needed during evaluation only by groups that scale weights by them; otherwise the
        // result derives them from the scores on first use (the same numbers, without a second score-sized array here).
        var counts = ScalesByIndicatorCount ? IndicatorCounts.Start(scores, IndicatorCount * p * u) : null;
        for (var n = IndicatorCount; n < Nodes.Length; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Weighting step (CompiledIndex.Weighting.cs): override > group's weighting method > children's weights.
            var nodeWeights = ResolveWeights(n, weights?[n], scores, panel, weightReports);
            if (Nodes[n].Aggregation is CrossSectionalAggregationMethod crossSection)
            {
                AggregateCrossSection(n, crossSection, nodeWeights, scores, panel, audit, weightReports);
            }
            else
            {
                AggregateGroup(n, nodeWeights, scores, counts, panel, values, w, complete, audit);
            }

            if (adjustments[n] >= 0)
            {
                Adjust(n, adjustments[n], scores, panel, audit);
            }

            if (counts is not null)
            {
                IndicatorCounts.Complete(this, n, scores, counts, p * u);
            }
        }

        return new IndexResult(this, panel, scores, [.. parameters], [.. audit]) { Weights = [.. weightReports], Preparation = prepared, IndicatorCountsBelow = counts, Variant = variant?.Id, InputData = input, ParametersFrozen = frozen is not null };
    }

    private void AggregateGroup(int n, ReadOnlySpan<double> nominal, double[] scores, double[]? counts, Panel panel, double[] values, double[] w, double[] complete, List<AuditEntry> audit)
    {
        var node = Nodes[n];
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var children = node.Children.AsSpan();
        var method = node.Aggregation!;
        var policy = node.MissingData!;
        var scaled = node.WeightScaling == WeightScaling.AvailableIndicatorCount;
        double totalWeight = 0;
        foreach (var x in nominal)
        {
            totalWeight += x;
        }

        // Complete units (every child present and in the domain) with unscaled weights all use the weights
        // nominal[c] / totalWeight: computed once per group here, and bit-identical to the general path below, which
        // divides by the same sum accumulated in the same order.
        var fast = !scaled && totalWeight > 0;
        var completeWeights = complete.AsSpan(0, children.Length);
        if (fast)
        {
            for (var c = 0; c < children.Length; c++)
            {
                completeWeights[c] = nominal[c] / totalWeight;
            }
        }

        var outOffset = n * p * u;
        for (var t = 0; t < p; t++)
        {
            for (var j = 0; j < u; j++)
            {
                if (fast && AllPresent(scores, children, (t * u) + j, p * u, method, values))
                {
                    var full = method.Aggregate(values.AsSpan(0, children.Length), completeWeights);
                    if (double.IsNaN(full) && method.MayReturnMissing)
                    {
                        audit.Add(new AuditEntry("aggregation", node.Id, panel.Units[j], panel.Periods[t], $"score missing: '{method.MethodName}' returned missing."));
                    }
                    else if (!double.IsFinite(full))
                    {
                        throw new NumericalException($"aggregation '{method.MethodName}' produced a non-finite value.", node.Id, panel.Units[j], panel.Periods[t]);
                    }

                    scores[outOffset + (t * u) + j] = full;
                    continue;
                }

                var k = 0;
                double present = 0;
                double effective = 0;
                for (var c = 0; c < children.Length; c++)
                {
                    var v = scores[(children[c] * p * u) + (t * u) + j];
                    if (double.IsNaN(v))
                    {
                        continue;
                    }

                    if (!method.IsInDomain(v))
                    {
                        if (policy.OutOfDomainAsMissing)
                        {
                            audit.Add(new AuditEntry("missingData", node.Id, panel.Units[j], panel.Periods[t], $"child '{Nodes[children[c]].Id}' is {v.ToString("R", CultureInfo.InvariantCulture)}, outside the domain of '{method.MethodName}' ({method.DomainDescription}): treated as missing."));
                            continue;
                        }

                        throw new NumericalException(
                            $"aggregation '{method.MethodName}' needs {method.DomainDescription}, but child '{Nodes[children[c]].Id}' is {v.ToString("R", CultureInfo.InvariantCulture)}.",
                            node.Id,
                            panel.Units[j],
                            panel.Periods[t]);
                    }

                    values[k] = v;
                    w[k] = scaled ? nominal[c] * counts![(children[c] * p * u) + (t * u) + j] : nominal[c];
                    present += nominal[c];
                    effective += w[k];
                    k++;
                }

                if (k < children.Length && !policy.Accepts(present, totalWeight, k, children.Length))
                {
                    scores[outOffset + (t * u) + j] = double.NaN;
                    if (k > 0)
                    {
                        audit.Add(new AuditEntry("missingData", node.Id, panel.Units[j], panel.Periods[t], $"score missing: {k} of {children.Length} children present ({policy.MethodName})."));
                    }

                    continue;
                }

                if (k == 0 || present <= 0 || effective <= 0)
                {
                    scores[outOffset + (t * u) + j] = double.NaN;
                    continue;
                }

                for (var c = 0; c < k; c++)
                {
                    w[c] /= effective;
                }

                var score = method.Aggregate(values.AsSpan(0, k), w.AsSpan(0, k));
                if (double.IsNaN(score) && method.MayReturnMissing)
                {
                    audit.Add(new AuditEntry("aggregation", node.Id, panel.Units[j], panel.Periods[t], $"score missing: '{method.MethodName}' returned missing."));
                }
                else if (!double.IsFinite(score))
                {
                    throw new NumericalException($"aggregation '{method.MethodName}' produced a non-finite value.", node.Id, panel.Units[j], panel.Periods[t]);
                }

                scores[outOffset + (t * u) + j] = score;
            }
        }
    }

    /// <summary>Copies the children's values of one unit and period into <paramref name="values"/>; false as soon as one is missing or outside the method's domain.</summary>
    private static bool AllPresent(double[] scores, ReadOnlySpan<int> children, int cell, int stride, AggregationMethod method, double[] values)
    {
        for (var c = 0; c < children.Length; c++)
        {
            var v = scores[(children[c] * stride) + cell];
            if (double.IsNaN(v) || !method.IsInDomain(v))
            {
                return false;
            }

            values[c] = v;
        }

        return true;
    }

    /// <summary>Multiplies a group's scores by its adjustment's per-unit multiplier (missing factor: missing score).</summary>
    private void Adjust(int n, int column, double[] scores, Panel panel, List<AuditEntry> audit)
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
                audit.Add(new AuditEntry("adjustment", Nodes[n].Id, panel.Units[k % u], panel.Periods[k / u], $"score missing: adjustment factor '{adjustment.Column}' is missing."));
                continue;
            }

            block[k] *= adjustment.Multiplier(factors[k]);
        }
    }

    /// <summary>Finds the factor column of every adjusted group (-1 for none or when the variant switches adjustments off).</summary>
    private int[] MapAdjustments(Panel panel, CompiledVariant? variant)
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
            throw new DataException($"The data lacks the adjustment column(s) the definition '{Definition.Id}' needs: {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        }

        return result;
    }

    private int[] MapColumns(Panel panel, CompiledVariant? variant)
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
            throw new DataException($"The data lacks {missing.Count} indicator(s) the definition '{Definition.Id}'{(variant is null ? string.Empty : $" (variant '{variant.Id}')")} needs: {string.Join(", ", missing.Take(20).Select(m => $"'{m}'"))}{(missing.Count > 20 ? ", ..." : string.Empty)}.");
        }

        if (panel.Units.IsEmpty || panel.Periods.IsEmpty)
        {
            throw new DataException("The data has no units or no periods.");
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
/// <param name="Step">The step, e.g. <c>"missingData"</c>, <c>"normalization"</c>.</param>
/// <param name="NodeId">The indicator or group concerned.</param>
/// <param name="UnitId">The unit, if any.</param>
/// <param name="Period">The period, if any.</param>
/// <param name="Message">What happened.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record AuditEntry(string Step, string NodeId, string? UnitId, string? Period, string Message);
