using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>Equal weights: every child of the group gets <c>1/n</c>.</summary>
/// <remarks>
/// <para>The most common choice in practice (OECD/JRC Handbook 2008, §6.1, "equal weighting"; TAI, HDI). Fixed: needs no
/// data. Note that equal weights of children in groups of different sizes give unequal effective weights to the
/// indicators below them.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record EqualWeighting : WeightingMethod
{
    /// <summary>The JSON method name, <c>"equal"</c>.</summary>
    public const string Name = "equal";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "equal weights", "동일 가중치");

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var w = new double[context.Count];
        Array.Fill(w, 1.0 / context.Count);
        return new WeightingOutcome([.. w], $"equal weights 1/{context.Count}");
    }
}
