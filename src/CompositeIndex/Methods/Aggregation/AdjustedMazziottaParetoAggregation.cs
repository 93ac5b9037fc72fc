using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Adjusted Mazziotta–Pareto index (AMPI): the MPI penalty for unbalance applied to children rescaled with fixed
/// goalposts to [70, 130], so that scores are comparable over time.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Mazziotta &amp; Pareto 2016, <i>Social Indicators Research</i> 127:983–1003,
/// doi:10.1007/s11205-015-0998-2, §"AMPI"; Istat, BES reports): each child is first normalised with goalposts
/// Min_q/Max_q fixed in advance (e.g. a reference value ± Δ so that the reference scores 100), which this library
/// does with <see cref="GoalpostsNormalization"/> (scale <see cref="InputScale"/>, polarity applied there); the
/// aggregation rescales <c>r_iq = 70 + 60·y_iq / InputScale</c> (the paper's <c>(x − Min)/(Max − Min)·60 + 70</c>) and
/// returns <c>AMPI_i = M_i − S_i·cv_i</c> (<see cref="UnbalancePenalty.Negative"/>) or <c>M_i + S_i·cv_i</c>
/// (<see cref="UnbalancePenalty.Positive"/>), with <c>M_i = Σq w_q r_iq</c>, <c>S_i = √(Σq w_q (r_iq − M_i)²)</c>,
/// <c>cv_i = S_i/M_i</c>; equal weights give the published formula.</para>
/// <para>Properties: a unit's AMPI depends only on its own values and the goalposts, so with fixed goalposts it is
/// comparable across periods and units; with the negative penalty AMPI ≤ M_i, equal when all r_iq are equal.
/// Rescaled values must stay positive (<c>y &gt; −70/60·InputScale</c>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record AdjustedMazziottaParetoAggregation : AggregationMethod
{
    /// <summary>The JSON method name, <c>"adjustedMazziottaPareto"</c>.</summary>
    public const string Name = "adjustedMazziottaPareto";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"adjusted Mazziotta–Pareto index (comparable over time): mean {(Penalty == UnbalancePenalty.Negative ? "minus" : "plus")} a penalty for unbalanced components", $"조정 마치오타-파레토 지수(시점 간 비교 가능): 평균 {(Penalty == UnbalancePenalty.Negative ? "−" : "+")} 불균형 보정");

    /// <summary>Gets the direction of the penalty. The default is <see cref="UnbalancePenalty.Negative"/>.</summary>
    public UnbalancePenalty Penalty { get; init; } = UnbalancePenalty.Negative;

    /// <summary>Gets the value the normalisation gives at the upper goalpost (1 for goalposts on [0, 1], 100 for [0, 100]). Must be positive. The default is 1.</summary>
    public double InputScale { get; init; } = 1;

    /// <inheritdoc/>
    public override string DomainDescription => $"values above {(-70.0 / 60 * InputScale).ToString("0.###", CultureInfo.InvariantCulture)} (rescaled to positive values)";

    /// <inheritdoc/>
    public override bool IsInDomain(double value) => 70 + (60 * value / InputScale) > 0;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!(double.IsFinite(InputScale) && InputScale > 0))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.inputScale", "The input scale must be finite and positive."));
        }

        if (!Enum.IsDefined(Penalty))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.penalty", "Unknown penalty direction."));
        }
    }

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        Span<double> r = values.Length <= 64 ? stackalloc double[values.Length] : new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            r[i] = 70 + (60 * values[i] / InputScale);
        }

        return MazziottaParetoKernel.Score(r, weights, Penalty);
    }
}
