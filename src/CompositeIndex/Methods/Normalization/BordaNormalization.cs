using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// Normalisation by Borda score: the number of units a unit beats in the same period (rank − 1), 0 for the worst.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>n_borda</c>; Borda 1781, as used for composite indicators in Munda &amp; Nardo 2009,
/// "Noncompensatory/nonlinear composite indicators for ranking countries", <i>Applied Economics</i> 41(12),
/// doi:10.1080/00036840601019357): <c>y = rank(x) − 1</c> for positive polarity and <c>y = rank(−x) − 1</c> for
/// negative polarity, ranks in ascending order among the non-missing units of the period. Ties follow
/// <see cref="Ties"/>; the default (the lowest rank they span) is COINr's. Missing values stay missing.</para>
/// <para>Does not need fitted parameters; the output is in [0, n − 1].</para>
/// </remarks>
public sealed record BordaNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"borda"</c>.</summary>
    public const string Name = "borda";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"Borda score: the number of units beaten in the period, {T.Ties(Ties, language)}", $"보르다 점수: 해당 기간에 앞선 단위의 수, {T.Ties(Ties, language)}");

    /// <summary>Gets how ties are ranked. The default is <see cref="RankTies.Minimum"/> (COINr).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) =>
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            Ranking.PolarityRanks(context, p, Ties, buffer, order);
            var output = context.Output(p);
            for (var u = 0; u < output.Length; u++)
            {
                output[u] -= 1;
            }
        }
    }
}
