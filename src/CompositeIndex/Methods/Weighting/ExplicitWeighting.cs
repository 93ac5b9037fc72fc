using System.Collections.Immutable;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>Explicit weights keyed by child id, e.g. weights agreed by a panel or taken from a published index.</summary>
/// <remarks>
/// <para>Fixed: needs no data. Every child must have a finite, non-negative weight, not all zero; weights are relative
/// and normalised to sum to 1 (<c>wᵢ = vᵢ / Σⱼ vⱼ</c>). Equivalent to setting <see cref="ChildReference.Weight"/>, but
/// kept with the weighting step so that a weight set can be swapped as a whole.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
/// <param name="Weights">The relative weight of each child, keyed by child id.</param>
public sealed record ExplicitWeighting(ImmutableSortedDictionary<string, double> Weights) : WeightingMethod
{
    /// <summary>The JSON method name, <c>"explicit"</c>.</summary>
    public const string Name = "explicit";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"stated weights ({T.Map(Weights)})", $"지정 가중치({T.Map(Weights)})");

    /// <inheritdoc/>
    public override void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors) =>
        RequireChildMap(Weights, $"{path}.weights", group, "weight", errors);

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var w = context.ChildIds.Select(id => Weights[id]).ToArray();
        return new WeightingOutcome([.. WeightMath.Normalize(w)], "explicit weights from the definition");
    }

    /// <inheritdoc/>
    public bool Equals(ExplicitWeighting? other) => other is not null && WeightMath.MapEquals(Weights, other.Weights);

    /// <inheritdoc/>
    public override int GetHashCode() => WeightMath.MapHash(Weights);
}
