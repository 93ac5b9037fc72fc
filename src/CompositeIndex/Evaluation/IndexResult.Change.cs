using System.Collections.Immutable;

namespace CompositeIndex;

/// <content>Explain the change of a score between two periods.</content>
public sealed partial class IndexResult
{
    /// <summary>
    /// Explains the change of a group score (by default the overall index) of one unit between two periods: the
    /// contribution of every indicator and group below it, which sum exactly to the change. See
    /// <see cref="ChangeDecomposition"/> for the formula and sources.
    /// </summary>
    /// <param name="nodeId">The group to explain (<see cref="RootId"/> for the index itself).</param>
    /// <param name="unitId">The unit.</param>
    /// <param name="fromPeriod">The earlier period (any period of the result).</param>
    /// <param name="toPeriod">The later period.</param>
    /// <returns>The decomposition.</returns>
    /// <exception cref="UnknownKeyException">The node, the unit or a period is unknown, or the node is an indicator.</exception>
    /// <exception cref="NumericalException">The explained score is missing in one of the periods.</exception>
    /// <exception cref="MethodNotSupportedException">
    /// The groups below the explained one mix aggregation families (e.g. a geometric mean of arithmetic means) or use
    /// a method that is not a quasi-arithmetic mean (e.g. the minimum); explain a lower group instead.
    /// </exception>
    public ChangeDecomposition ExplainChange(string nodeId, string unitId, string fromPeriod, string toPeriod)
    {
        var target = NodeOf(nodeId);
        if (Index.Nodes[target].IsIndicator)
        {
            throw new UnknownKeyException("group", nodeId, $"'{Index.Nodes[target].Id}' is an indicator, not a group.");
        }

        var t0 = PeriodOf(fromPeriod);
        var t1 = PeriodOf(toPeriod);
        var j = UnitOf(unitId);
        var o0 = scores[Offset(target, t0) + j];
        var o1 = scores[Offset(target, t1) + j];
        foreach (var (o, period) in new[] { (o0, fromPeriod), (o1, toPeriod) })
        {
            if (double.IsNaN(o))
            {
                throw new NumericalException("the score to explain is missing, so its change cannot be decomposed.", Index.Nodes[target].Id, unitId, period);
            }
        }

        var (method, power) = Family(target);
        Func<double, double> f = method switch
        {
            ChangeDecompositionMethod.Additive => static x => x,
            ChangeDecompositionMethod.LogarithmicMean => Math.Log,
            _ => x => Math.Pow(x, power),
        };

        var df = f(o1) - f(o0);
        double s;
        if (df != 0 && double.IsFinite(df))
        {
            s = (o1 - o0) / df;
        }
        else
        {
            // No change: s = 1/f'(O).
            s = method switch
            {
                ChangeDecompositionMethod.Additive => 1,
                ChangeDecompositionMethod.LogarithmicMean => o0,
                _ => 1 / (power * Math.Pow(o0, power - 1)),
            };
        }

        var fo = (f(o0) + f(o1)) / 2;
        var w0 = EffectiveWeights(target, t0, j);
        var w1 = EffectiveWeights(target, t1, j);
        var value = new double[Index.Nodes.Length];
        var weight = new double[Index.Nodes.Length];
        for (var i = 0; i < Index.IndicatorCount; i++)
        {
            if (w0[i] == 0 && w1[i] == 0)
            {
                continue;
            }

            var x0 = scores[Offset(i, t0) + j];
            var x1 = scores[Offset(i, t1) + j];
            if (w0[i] > 0 && w1[i] > 0)
            {
                value[i] = s * ((w0[i] + w1[i]) / 2) * (f(x1) - f(x0));
                weight[i] = s * (((f(x0) + f(x1)) / 2) - fo) * (w1[i] - w0[i]);
            }
            else if (w1[i] > 0)
            {
                weight[i] = s * w1[i] * (f(x1) - fo);
            }
            else
            {
                weight[i] = -s * w0[i] * (f(x0) - fo);
            }

            // Groups: the sums over their indicators.
            for (var a = Index.Nodes[i].Parent; a >= 0 && a != target; a = Index.Nodes[a].Parent)
            {
                value[a] += value[i];
                weight[a] += weight[i];
            }
        }

        var list = ImmutableArray.CreateBuilder<ChangeContribution>();
        Walk(target, 1);
        return new ChangeDecomposition(Definition, unitId, Periods[t0], Periods[t1], Index.Nodes[target].Id, o0, o1, method, list.ToImmutable());

        void Walk(int n, int depth)
        {
            foreach (var c in Index.Nodes[n].Children)
            {
                if (w0[c] == 0 && w1[c] == 0)
                {
                    continue;
                }

                var node = Index.Nodes[c];
                var status = w0[c] > 0 && w1[c] > 0 ? ChangeStatus.Continuing : w1[c] > 0 ? ChangeStatus.Entered : ChangeStatus.Left;
                list.Add(new ChangeContribution(
                    node.Id,
                    Index.Nodes[n].Id,
                    node.IsIndicator,
                    depth,
                    status,
                    scores[Offset(c, t0) + j],
                    scores[Offset(c, t1) + j],
                    w0[c],
                    w1[c],
                    value[c],
                    weight[c]));
                if (!node.IsIndicator)
                {
                    Walk(c, depth + 1);
                }
            }
        }
    }

    /// <summary>The effective weight of every node in the target's score for one period and unit (0 for nodes not used).</summary>
    internal double[] EffectiveWeights(int target, int t, int j)
    {
        var w = new double[Index.Nodes.Length];
        if (double.IsNaN(scores[Offset(target, t) + j]))
        {
            return w;
        }

        w[target] = 1;
        Down(target);
        return w;

        void Down(int n)
        {
            var node = Index.Nodes[n];
            if (node.IsIndicator)
            {
                return;
            }

            double total = 0;
            for (var ci = 0; ci < node.Children.Length; ci++)
            {
                if (!double.IsNaN(scores[Offset(node.Children[ci], t) + j]))
                {
                    total += ChildWeight(n, ci, t, j);
                }
            }

            if (total <= 0)
            {
                return;
            }

            for (var ci = 0; ci < node.Children.Length; ci++)
            {
                var c = node.Children[ci];
                if (!double.IsNaN(scores[Offset(c, t) + j]))
                {
                    w[c] = w[n] * ChildWeight(n, ci, t, j) / total;
                    if (w[c] > 0)
                    {
                        Down(c);
                    }
                }
            }
        }
    }

    /// <summary>The common quasi-arithmetic family of every group below (and including) the target, or throws.</summary>
    private (ChangeDecompositionMethod Method, double Power) Family(int target)
    {
        (ChangeDecompositionMethod, double)? family = null;
        string? first = null;
        Check(target);
        return family!.Value;

        void Check(int n)
        {
            var node = Index.Nodes[n];
            if (node.IsIndicator)
            {
                return;
            }

            var rule = node.Aggregation!.ChangeRule ?? throw new MethodNotSupportedException(
                $"Group '{node.Id}' aggregates with '{node.Aggregation.MethodName}', which is not a quasi-arithmetic mean; its change cannot be decomposed exactly.", node.Aggregation.MethodName);
            (ChangeDecompositionMethod, double) mine = (rule.Method, rule.Power);
            if (family is null)
            {
                family = mine;
                first = node.Id;
            }
            else if (family.Value != mine)
            {
                throw new MethodNotSupportedException(
                    $"Groups '{first}' ({family.Value.Item1}) and '{node.Id}' ({mine.Item1}) aggregate differently; an exact decomposition of a mixed hierarchy is not supported. Explain '{node.Id}' separately.", node.Aggregation.MethodName);
            }

            foreach (var c in node.Children)
            {
                Check(c);
            }
        }
    }
}
