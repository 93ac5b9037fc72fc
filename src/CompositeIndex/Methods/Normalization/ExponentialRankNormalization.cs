using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Normalisation by the exponential transformation of ranks used by the indices of multiple deprivation (English
/// IMD, Welsh WIMD, Scottish SIMD): each unit's rank is mapped onto an exponential distribution on
/// [0, <see cref="Scale"/>], so that only the most extreme units score high.
/// </summary>
/// <remarks>
/// <para>Formula (Welsh Government, <i>WIMD 2019 Technical Report</i>, Annex A "Exponential transformation of the
/// domain indexes"; the same in the English <i>IoD 2019 Technical Report</i>, §3.8): with r the unit's rank in
/// ascending order of x (positive polarity) or of −x (negative polarity) among the n non-missing units of the
/// period, so that r = n is the unit with the most of what the indicator measures, and <c>R = r/n</c> in (0, 1]:
/// <c>y = −c · ln(1 − R · (1 − e^(−S/c)))</c>, with c = <see cref="Constant"/> (23 in the IMD and WIMD) and
/// S = <see cref="Scale"/> (100). R = 1 gives S; R → 0 gives 0; with c = 23 and S = 100 about 10 % of units score
/// above 50.</para>
/// <para>When the input is itself a published rank with 1 = most deprived (WIMD's domain ranks), declare the
/// indicator's polarity negative: then r = n + 1 − rank and <c>R = (n + 1 − rank)/n</c>, the published scaling. Ties
/// follow <see cref="Ties"/>; <see cref="RankTies.Maximum"/> keeps tied input ranks where the publisher put them
/// (two WIMD areas share Employment rank 1600 and both get <c>R = (n − 1599)/n</c>).</para>
/// <para>Missing values stay missing and do not count in n. Needs no fitted parameters beyond the ranks.</para>
/// </remarks>
public sealed record ExponentialRankNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"exponentialRank"</c>.</summary>
    public const string Name = "exponentialRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"exponential transformation of ranks onto 0–{T.N(Scale)} (constant {T.N(Constant)}, as the indices of multiple deprivation), {T.Ties(Ties, language)}", $"순위의 지수 변환으로 0–{T.N(Scale)} 범위에 배치(상수 {T.N(Constant)}, 다중박탈지수 방식), {T.Ties(Ties, language)}");

    /// <summary>Gets the constant c of the exponential distribution. Must be finite and positive. The default is 23 (IMD, WIMD).</summary>
    public double Constant { get; init; } = 23;

    /// <summary>Gets the value S of the unit ranked first (R = 1). Must be finite and positive. The default is 100.</summary>
    public double Scale { get; init; } = 100;

    /// <summary>Gets how tied values are ranked. The default is <see cref="RankTies.Minimum"/>.</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Constant) && Constant > 0, $"{path}.constant", $"The constant must be finite and positive (got {Constant.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(double.IsFinite(Scale) && Scale > 0, $"{path}.scale", $"The scale must be finite and positive (got {Scale.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        var factor = 1 - Math.Exp(-Scale / Constant); // 1 − e^(−S/c)
        for (var p = 0; p < context.Periods.Length; p++)
        {
            Ranking.PolarityRanks(context, p, Ties, buffer, order);
            var n = Ranking.CountPresent(context.Input(p));
            var output = context.Output(p);
            for (var u = 0; u < output.Length; u++)
            {
                if (!double.IsNaN(output[u]))
                {
                    output[u] = -Constant * Math.Log(1 - (output[u] / n * factor));
                }
            }
        }
    }
}
