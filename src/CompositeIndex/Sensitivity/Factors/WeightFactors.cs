using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Perturbs every child weight of a group independently by a uniform relative amount, <c>w'_c = w_c·(1 + U(−s, s))</c>;
/// the engine re-normalises weights within the group, as it does for nominal weights.
/// </summary>
/// <remarks>
/// Saisana, Saltelli &amp; Tarantola, "Uncertainty and sensitivity analysis techniques as tools for the quality
/// assessment of composite indicators", <i>J. R. Stat. Soc. A</i> 168(2), 307–323, 2005 (weights varied uniformly
/// around nominal values); COINr <c>get_noisy_weights</c>. With <paramref name="Spread"/> = 0 the weights are exactly
/// the nominal ones.
/// </remarks>
/// <param name="Group">The id of the group whose child weights are perturbed.</param>
/// <param name="Spread">The relative half-width s in [0, 1), e.g. 0.25 for ±25 %.</param>
public sealed record UniformWeightsFactor(string Group, double Spread) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"uniformWeights"</c>.</summary>
    public const string KindName = "uniformWeights";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    protected override string DefaultName() => $"weights({Group})";
}

/// <summary>
/// Draws the child weights of a group from a Dirichlet distribution centred on the nominal weights:
/// <c>w' ~ Dirichlet(κ·w)</c> with w the nominal weights normalised to sum 1 and κ the concentration.
/// </summary>
/// <remarks>
/// E[w'] = w and Var(w'_c) = w_c(1 − w_c)/(κ + 1): larger κ means less perturbation. Drawn by normalising
/// independent Gamma(κ·w_c) variates (Marsaglia–Tsang 2000). Children with nominal weight 0 keep weight 0.
/// </remarks>
/// <param name="Group">The id of the group.</param>
/// <param name="Concentration">The concentration κ &gt; 0.</param>
public sealed record DirichletWeightsFactor(string Group, double Concentration) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"dirichletWeights"</c>.</summary>
    public const string KindName = "dirichletWeights";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    protected override string DefaultName() => $"dirichletWeights({Group})";
}

/// <summary>
/// Chooses, with equal probability, one of several alternative weight sets for the children of a group (e.g. equal
/// weights, expert weights, PCA weights). Children a set does not list keep their nominal weight.
/// </summary>
/// <param name="Group">The id of the group.</param>
/// <param name="Sets">The alternative sets: child id to relative weight (finite, non-negative, not all zero).</param>
public sealed record WeightSetsFactor(string Group, ImmutableArray<ImmutableSortedDictionary<string, double>> Sets) : UncertaintyFactor
{
    /// <summary>The JSON kind, <c>"weightSets"</c>.</summary>
    public const string KindName = "weightSets";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => KindName;

    /// <inheritdoc/>
    public bool Equals(WeightSetsFactor? other) =>
        other is not null && Name == other.Name && Group == other.Group
        && Sets.Length == other.Sets.Length
        && Sets.Zip(other.Sets).All(p => p.First.Count == p.Second.Count && p.First.All(kv => p.Second.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Group, Sets.Length);

    /// <inheritdoc/>
    protected override string DefaultName() => $"weightSets({Group})";
}
