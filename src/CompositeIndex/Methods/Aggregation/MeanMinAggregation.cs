using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// The mean–min function (MMF): the weighted mean, penalised by its distance to the minimum child; moves continuously
/// from the arithmetic mean (α = 0) to the minimum (α = 1, β = 0).
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Casadio Tarabusi &amp; Guarini 2013, "An unbalance adjustment method for development
/// indicators", <i>Social Indicators Research</i> 112:19–45, doi:10.1007/s11205-012-0070-4):
/// <c>MMF = μ − α·(√((μ − m)² + β²) − β)</c>, with <c>μ = Σ wᵢxᵢ</c> the weighted mean and <c>m = minᵢ xᵢ</c>;
/// <c>α ∈ [0, 1]</c> sets the strength of the penalty and <c>β ≥ 0</c> its curvature (in the units of the scores:
/// small β penalises any unbalance almost linearly, large β tolerates small unbalance). MMF lies between m and μ.</para>
/// <para>Contributions use the arithmetic shares <c>wᵢxᵢ/Σwⱼxⱼ</c>, i.e. the penalty is spread in proportion to each
/// child's share of the mean.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Alpha">The penalty strength α, in [0, 1].</param>
/// <param name="Beta">The curvature β, finite and ≥ 0.</param>
public sealed record MeanMinAggregation(double Alpha, double Beta) : AggregationMethod
{
    /// <summary>The JSON method name, <c>"meanMin"</c>.</summary>
    public const string Name = "meanMin";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"mean–min function (α = {T.N(Alpha)}, β = {T.N(Beta)}): the mean pulled towards the weakest component", $"평균-최소 함수(α = {T.N(Alpha)}, β = {T.N(Beta)}): 가장 약한 구성요소 쪽으로 당긴 평균");

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!(Alpha >= 0 && Alpha <= 1))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.alpha", "Alpha must be in [0, 1]."));
        }

        if (!(double.IsFinite(Beta) && Beta >= 0))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.beta", "Beta must be finite and non-negative."));
        }
    }

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double mu = 0;
        var min = double.PositiveInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            mu += weights[i] * values[i];
            min = Math.Min(min, values[i]);
        }

        var d = mu - min;
        return mu - (Alpha * (Math.Sqrt((d * d) + (Beta * Beta)) - Beta));
    }
}
