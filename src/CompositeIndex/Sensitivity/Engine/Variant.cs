using System.Globalization;

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
    private readonly double[] indicatorScores; // [indicator][period][unit]
    private readonly GroupPlan[] groups;
    private readonly int indicatorCount;
    private readonly int u;
    private readonly int p;

    public Variant(IndexDefinition definition, Panel panel, IReadOnlyList<FactorPlan> weightFactors, string targetNode)
    {
        Definition = definition;
        Compiled = CompiledIndex.Compile(definition);
        var result = Compiled.Evaluate(panel);
        u = panel.Units.Length;
        p = panel.Periods.Length;
        var nodes = Compiled.Nodes;
        indicatorCount = Compiled.IndicatorCount;
        indicatorScores = new double[indicatorCount * p * u];
        for (var i = 0; i < indicatorCount; i++)
        {
            for (var t = 0; t < p; t++)
            {
                result.GetScores(nodes[i].Id, panel.Periods[t]).CopyTo(indicatorScores.AsSpan(((i * p) + t) * u, u));
            }
        }

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

            groups[n - indicatorCount] = new GroupPlan(node.Id, [.. node.Children], [.. node.Weights], node.Aggregation!, node.MissingData!, binding, map);
        }

        MaxChildren = Compiled.MaxChildren;
        TargetIndex = Compiled.NodeIndex.TryGetValue(targetNode, out var target) ? target : -1;
        Units = panel.Units;
        Periods = panel.Periods;
    }

    public IndexDefinition Definition { get; }

    public CompiledIndex Compiled { get; }

    public int MaxChildren { get; }

    public int GroupCount => groups.Length;

    /// <summary>Gets the node whose ranks are analysed, or -1 when the variant has no such node (e.g. all its indicators excluded).</summary>
    public int TargetIndex { get; }

    private System.Collections.Immutable.ImmutableArray<string> Units { get; }

    private System.Collections.Immutable.ImmutableArray<string> Periods { get; }

    /// <summary>Gets the scores of the target node for every period and unit into <paramref name="destination"/> (period-major).</summary>
    public void CopyTarget(Workspace ws, Span<double> destination)
    {
        var size = p * u;
        if (TargetIndex < 0)
        {
            destination[..size].Fill(double.NaN);
        }
        else if (TargetIndex < indicatorCount)
        {
            indicatorScores.AsSpan(TargetIndex * size, size).CopyTo(destination);
        }
        else
        {
            ws.GroupScores.AsSpan((TargetIndex - indicatorCount) * size, size).CopyTo(destination);
        }
    }

    /// <summary>Re-aggregates every group with the weight vectors of the weight factors (null = nominal), into the workspace.</summary>
    public void Evaluate(Workspace ws, double[]?[] factorWeights)
    {
        var size = p * u;
        var values = ws.Values;
        var w = ws.Weights;
        for (var g = 0; g < groups.Length; g++)
        {
            var plan = groups[g];
            var children = plan.Children;
            ReadOnlySpan<double> nominal = plan.Weights;
            if (plan.Binding >= 0 && factorWeights[plan.Binding] is { } fw)
            {
                var local = ws.GroupWeights.AsSpan(0, children.Length);
                nominal.CopyTo(local);
                for (var c = 0; c < plan.Map!.Length; c++)
                {
                    if (plan.Map[c] >= 0)
                    {
                        local[plan.Map[c]] = fw[c];
                    }
                }

                nominal = local;
            }

            double totalWeight = 0;
            foreach (var x in nominal)
            {
                totalWeight += x;
            }

            var method = plan.Method;
            var policy = plan.Policy;
            var output = ws.GroupScores.AsSpan(g * size, size);
            for (var t = 0; t < p; t++)
            {
                for (var j = 0; j < u; j++)
                {
                    var k = 0;
                    double present = 0;
                    for (var c = 0; c < children.Length; c++)
                    {
                        var child = children[c];
                        var v = child < indicatorCount
                            ? indicatorScores[(((child * p) + t) * u) + j]
                            : ws.GroupScores[((((child - indicatorCount) * p) + t) * u) + j];
                        if (double.IsNaN(v))
                        {
                            continue;
                        }

                        if (!method.IsInDomain(v))
                        {
                            throw new NumericalException(
                                $"aggregation '{method.MethodName}' needs {method.DomainDescription}, but a child is {v.ToString("R", CultureInfo.InvariantCulture)} (sensitivity variant).",
                                plan.Id,
                                Units[j],
                                Periods[t]);
                        }

                        values[k] = v;
                        w[k] = nominal[c];
                        present += nominal[c];
                        k++;
                    }

                    if ((k < children.Length && !policy.Accepts(present, totalWeight, k, children.Length)) || k == 0 || present <= 0)
                    {
                        output[(t * u) + j] = double.NaN;
                        continue;
                    }

                    for (var c = 0; c < k; c++)
                    {
                        w[c] /= present;
                    }

                    var score = method.Aggregate(values.AsSpan(0, k), w.AsSpan(0, k));
                    if (!double.IsFinite(score))
                    {
                        throw new NumericalException($"aggregation '{method.MethodName}' produced a non-finite value (sensitivity variant).", plan.Id, Units[j], Periods[t]);
                    }

                    output[(t * u) + j] = score;
                }
            }
        }
    }

    private sealed record GroupPlan(string Id, int[] Children, double[] Weights, AggregationMethod Method, MissingDataPolicy Policy, int Binding, int[]? Map);
}

/// <summary>Per-thread scratch buffers of a sensitivity run (never shared between threads).</summary>
internal sealed class Workspace
{
    public Workspace(int groupCount, int periods, int units, int maxChildren, int factorCount, IReadOnlyList<FactorPlan> weightFactors)
    {
        GroupScores = new double[Math.Max(1, groupCount) * periods * units];
        Values = new double[Math.Max(1, maxChildren)];
        Weights = new double[Math.Max(1, maxChildren)];
        GroupWeights = new double[Math.Max(1, maxChildren)];
        Target = new double[periods * units];
        Ranks = new int[periods * units];
        SortKeys = new double[units];
        SortIndex = new int[units];
        Point = new double[Math.Max(1, factorCount)];
        FactorWeights = new double[]?[weightFactors.Count];
        WeightBuffers = [.. weightFactors.Select(f => new double[f.ChildIds.Length])];
    }

    public double[] GroupScores { get; set; }

    public double[] Values { get; set; }

    public double[] Weights { get; set; }

    public double[] GroupWeights { get; set; }

    public double[] Target { get; }

    public int[] Ranks { get; }

    public double[] SortKeys { get; }

    public int[] SortIndex { get; }

    public double[] Point { get; }

    public double[]?[] FactorWeights { get; }

    public double[][] WeightBuffers { get; }
}
