using System.Collections.Immutable;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Ordered weighted averaging (OWA): weights attach to ranks, not to children — the best child gets the first order
/// weight, the second best the second, and so on.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Yager 1988, "On ordered weighted averaging aggregation operators in multicriteria
/// decision making", <i>IEEE Trans. Systems, Man, and Cybernetics</i> 18(1):183–190, doi:10.1109/21.87068):
/// <c>OWA = Σₖ vₖ b₍ₖ₎</c> where <c>b₍₁₎ ≥ b₍₂₎ ≥ …</c> are the children's values sorted in descending order and v are the
/// <see cref="OrderWeights"/> normalised to sum to 1. <c>v = (1, 0, …, 0)</c> gives the maximum,
/// <c>(0, …, 0, 1)</c> the minimum, equal v the arithmetic mean; weights concentrated on the last positions make the
/// aggregation less compensatory (Yager's "orness" <c>Σₖ vₖ (n − k)/(n − 1)</c> below 0.5). The group's child weights
/// are not used.</para>
/// <para><b>Missing children</b>: with k of n children present the order weights are re-derived from the quantifier
/// they define (Yager 1996, <i>Int. J. Intelligent Systems</i> 11:49–73): <c>Q(t)</c> is the piecewise-linear cumulative
/// sum of v at <c>t·n</c>, and <c>v'ⱼ = Q(j/k) − Q((j − 1)/k)</c>; with all children present v' = v.</para>
/// <para>Contribution of a child: <c>v₍its rank₎·x / OWA</c>. Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
/// <param name="OrderWeights">One non-negative weight per rank (best first), as many as the group's children; not all zero.</param>
public sealed record OrderedWeightedAggregation(ImmutableArray<double> OrderWeights) : AggregationMethod
{
    /// <summary>The JSON method name, <c>"orderedWeighted"</c>.</summary>
    public const string Name = "orderedWeighted";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"ordered weighted average (weights by position after sorting: {T.List(OrderWeights)})", $"순서 가중 평균(정렬 후 위치별 가중치: {T.List(OrderWeights)})");

    /// <inheritdoc/>
    public override bool UsesWeights => false;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (OrderWeights.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.orderWeights", "The order weights are missing."));
            return;
        }

        for (var i = 0; i < OrderWeights.Length; i++)
        {
            if (!double.IsFinite(OrderWeights[i]) || OrderWeights[i] < 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidWeight, $"{path}.orderWeights[{i}]", "Order weights must be finite and non-negative."));
            }
        }

        if (OrderWeights.All(w => w == 0))
        {
            errors.Add(new DefinitionError(ErrorCodes.AllWeightsZero, $"{path}.orderWeights", "All order weights are zero."));
        }
    }

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        var v = PositionWeights(values.Length);
        double sum = 0;
        for (var k = 0; k < sorted.Length; k++)
        {
            sum += v[k] * sorted[k];
        }

        return sum;
    }

    /// <inheritdoc/>
    public override void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares)
    {
        var k = values.Length;
        var order = Enumerable.Range(0, k).ToArray();
        var copy = values.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var v = PositionWeights(k);
        var rankWeights = new double[k];
        for (var pos = 0; pos < k; pos++)
        {
            rankWeights[order[pos]] = v[pos];
        }

        GeneratorShares(values, rankWeights, static x => x, shares);
    }

    /// <inheritdoc/>
    public bool Equals(OrderedWeightedAggregation? other) => other is not null && Equality.Sequence(OrderWeights, other.OrderWeights);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(OrderWeights);

    /// <summary>The order weights for k present values (normalised; quantifier-interpolated when k differs from their count).</summary>
    internal double[] PositionWeights(int k)
    {
        var n = OrderWeights.Length;
        var total = OrderWeights.Sum();
        var cumulative = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            cumulative[i + 1] = cumulative[i] + (OrderWeights[i] / total);
        }

        var v = new double[k];
        if (k == n)
        {
            for (var i = 0; i < n; i++)
            {
                v[i] = OrderWeights[i] / total;
            }

            return v;
        }

        for (var j = 1; j <= k; j++)
        {
            v[j - 1] = Q((double)j / k) - Q((double)(j - 1) / k);
        }

        return v;

        double Q(double t)
        {
            var x = t * n;
            var i = Math.Min((int)Math.Floor(x), n - 1);
            return cumulative[i] + ((x - i) * (cumulative[i + 1] - cumulative[i]));
        }
    }
}
