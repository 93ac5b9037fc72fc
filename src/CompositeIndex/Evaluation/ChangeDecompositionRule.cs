namespace CompositeIndex.Extensibility;

/// <summary>
/// The quasi-arithmetic family <c>f⁻¹(Σ wᵢ f(xᵢ))</c> of an aggregation, which makes a change of its score decomposable
/// exactly (see <see cref="AggregationMethod.ChangeRule"/>): <c>f(x) = x</c> (<see cref="Additive"/>), <c>ln x</c>
/// (<see cref="LogarithmicMean"/>) or <c>x^p</c> (<see cref="PowerMean(double)"/>).
/// </summary>
/// <param name="Method">The decomposition.</param>
/// <param name="Power">The power p of a power mean (1 for additive, 0 for the logarithmic mean).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ChangeDecompositionRule(ChangeDecompositionMethod Method, double Power)
{
    /// <summary>Gets the rule of weighted arithmetic means.</summary>
    public static ChangeDecompositionRule Additive { get; } = new(ChangeDecompositionMethod.Additive, 1);

    /// <summary>Gets the rule of weighted geometric means.</summary>
    public static ChangeDecompositionRule LogarithmicMean { get; } = new(ChangeDecompositionMethod.LogarithmicMean, 0);

    /// <summary>Gets the rule of a weighted power mean of order <paramref name="power"/> (additive for p = 1).</summary>
    /// <param name="power">The order p (−1 for the harmonic mean); not 0.</param>
    /// <returns>The rule.</returns>
    public static ChangeDecompositionRule PowerMean(double power) => power == 1 ? Additive : new(ChangeDecompositionMethod.PowerMean, power);
}

/// <summary>A vectorised aggregation kernel of the sensitivity engine (see <see cref="AggregationMethod.Kernel"/>).</summary>
public enum AggregationKernelKind
{
    /// <summary>No kernel: the engine calls <see cref="AggregationMethod.Aggregate"/> for every cell.</summary>
    None = 0,

    /// <summary><c>Σ wᵢxᵢ</c>, summed in child order (as <see cref="ArithmeticAggregation"/>).</summary>
    WeightedArithmeticMean = 1,

    /// <summary><c>exp(Σ wᵢ ln xᵢ)</c>, summed in child order (as <see cref="GeometricAggregation"/>).</summary>
    WeightedGeometricMean = 2,
}
