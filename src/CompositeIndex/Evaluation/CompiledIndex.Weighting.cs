using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>The weighting step of evaluation (between normalisation and aggregation) and cross-sectional aggregation.</summary>
public sealed partial class CompiledIndex
{
    // Outcomes of fixed weighting methods (they depend on the definition only), computed once per node.
    private readonly ConcurrentDictionary<int, WeightingOutcome> fixedWeights = new();

    /// <summary>
    /// Resolves the weights of group node <paramref name="n"/>: an evaluation override, else the group's weighting
    /// method (fitted on the children's scores when it needs data), else the children's weights. Records a report.
    /// </summary>
    private ReadOnlySpan<double> ResolveWeights(int n, double[]? overrideWeights, double[] scores, Panel panel, List<WeightingReport> reports)
    {
        var node = Nodes[n];
        var childIds = node.ChildIds;
        if (overrideWeights is not null)
        {
            reports.Add(new WeightingReport(node.Id, "override", childIds, [.. WeightMath.Normalize(overrideWeights)], "weights supplied to the evaluation"));
            return WeightMath.ScaleToFiniteSum(overrideWeights);
        }

        var method = node.Group?.Weighting;
        if (method is null)
        {
            // The definition's weights: the report is the same for every evaluation, so it is built once (immutable, shared).
            reports.Add(node.DefinitionWeights!);
            return node.Weights.AsSpan();
        }

        var outcome = method.NeedsData
            ? method.ComputeWeights(FittingContext(n, childIds, method, scores, panel))
            : FixedWeights(n, method);
        var w = WeightMath.ScaleToFiniteSum([.. outcome.Weights]);
        double sum = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]) || w[i] < 0)
            {
                throw new NumericalException($"weighting '{method.MethodName}' produced an invalid weight {w[i].ToString("R", CultureInfo.InvariantCulture)} for child '{(i < childIds.Length ? childIds[i] : "?")}'.", node.Id);
            }

            sum += w[i];
        }

        if (w.Length != childIds.Length || !(sum > 0))
        {
            throw new NumericalException($"weighting '{method.MethodName}' produced {w.Length} weights summing to {sum.ToString("R", CultureInfo.InvariantCulture)} for {childIds.Length} children.", node.Id);
        }

        var normalized = WeightMath.Normalize([.. w]);
        reports.Add(new WeightingReport(node.Id, method.MethodName, childIds, [.. normalized], outcome.Derivation) { Diagnostics = outcome.Diagnostics });
        return normalized;
    }

    /// <summary>
    /// The outcome of a fixed weighting method, computed once per node. Its own method: a lambda in
    /// <see cref="ResolveWeights"/> would capture that method's locals and allocate a closure on every call, including
    /// the calls that never reach it (evaluation into a reused buffer must not allocate).
    /// </summary>
    private WeightingOutcome FixedWeights(int n, WeightingMethod method) =>
        fixedWeights.GetOrAdd(n, _ => method.ComputeWeights(new WeightingContext(Nodes[n].Id, Nodes[n].ChildIds, Nodes[n].Weights, Nodes[n].Aggregation!, [], 0)));

    /// <summary>The children's scores on complete cases (every child present), pooled over periods or for one period.</summary>
    private WeightingContext FittingContext(int n, ImmutableArray<string> childIds, WeightingMethod method, double[] scores, Panel panel)
    {
        var node = Nodes[n];
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var periods = Enumerable.Range(0, p);
        if (method is FittedWeightingMethod { Period: { } period })
        {
            var t = panel.IndexOfPeriod(period);
            if (t < 0)
            {
                throw new IndexDataException($"Weighting '{method.MethodName}' of group '{node.Id}' is fitted on period '{period}', which the data lacks.");
            }

            periods = [t];
        }

        var rows = new List<(int T, int J)>();
        foreach (var t in periods)
        {
            for (var j = 0; j < u; j++)
            {
                var complete = true;
                foreach (var c in node.Children)
                {
                    if (double.IsNaN(scores[(c * p * u) + (t * u) + j]))
                    {
                        complete = false;
                        break;
                    }
                }

                if (complete)
                {
                    rows.Add((t, j));
                }
            }
        }

        var data = new double[childIds.Length * rows.Count];
        for (var c = 0; c < childIds.Length; c++)
        {
            var child = node.Children[c];
            for (var r = 0; r < rows.Count; r++)
            {
                data[(c * rows.Count) + r] = scores[(child * p * u) + (rows[r].T * u) + rows[r].J];
            }
        }

        return new WeightingContext(node.Id, childIds, node.Weights, node.Aggregation!, data, rows.Count);
    }

    /// <summary>Aggregates group node <paramref name="n"/> one period at a time with a cross-sectional method.</summary>
    private void AggregateCrossSection(int n, CrossSectionalAggregationMethod method, ReadOnlySpan<double> nominal, double[] scores, Panel panel, List<AuditEntry> audit, List<WeightingReport> reports)
    {
        var node = Nodes[n];
        var u = panel.Units.Length;
        var p = panel.Periods.Length;
        var childIds = node.ChildIds;
        var weights = WeightMath.Normalize(nominal.ToArray()).ToImmutableArray();
        for (var t = 0; t < p; t++)
        {
            var values = new double[childIds.Length * u];
            for (var c = 0; c < childIds.Length; c++)
            {
                Array.Copy(scores, (node.Children[c] * p * u) + (t * u), values, c * u, u);
            }

            var section = new CrossSection(node.Id, panel.Periods[t], childIds, weights, panel.Units, values);
            method.AggregateUnits(section);
            for (var j = 0; j < u; j++)
            {
                var score = section.Scores[j];
                if (double.IsInfinity(score))
                {
                    throw new NumericalException($"aggregation '{method.MethodName}' produced a non-finite value.", node.Id, panel.Units[j], panel.Periods[t]);
                }

                scores[(n * p * u) + (t * u) + j] = score;
                if (double.IsNaN(score))
                {
                    audit.Add(new AuditEntry("missingData", node.Id, panel.Units[j], panel.Periods[t], $"score missing: aggregation '{method.MethodName}' needs every child present."));
                }

                if (section.UnitWeights(j) is { } uw)
                {
                    var sum = uw.Sum();
                    reports.Add(new WeightingReport(node.Id, method.MethodName, childIds, [.. sum > 0 ? WeightMath.Normalize(uw) : uw], $"unit-specific weights of aggregation '{method.MethodName}'")
                    {
                        UnitId = panel.Units[j],
                        Period = panel.Periods[t],
                        Diagnostics = [.. uw.Select((x, c) => new WeightingDiagnostic("rawWeight", x, childIds[c]))],
                    });
                }
            }
        }
    }
}
