using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>The direction of the Mazziotta–Pareto penalty for unbalanced children.</summary>
public enum UnbalancePenalty
{
    /// <summary>
    /// Subtract the penalty (<c>M − S·cv</c>): for phenomena where higher is better (development, well-being), so that
    /// unbalance lowers the score. The default.
    /// </summary>
    Negative = 0,

    /// <summary>Add the penalty (<c>M + S·cv</c>): for phenomena where higher is worse (poverty, deprivation).</summary>
    Positive = 1,
}

/// <summary>
/// Mazziotta–Pareto index (MPI): a non-compensatory aggregation that standardises each child across units and
/// penalises units whose children are unbalanced.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Mazziotta &amp; Pareto 2016, "On a generalized non-compensatory composite index for measuring
/// socio-economic phenomena", <i>Social Indicators Research</i> 127:983–1003, doi:10.1007/s11205-015-0998-2; De Muro,
/// Mazziotta &amp; Pareto 2011, <i>SIR</i> 104:1–18): per period, each child q is standardised across the units,
/// <c>z_iq = 100 + 10·(x_iq − M_q)/S_q</c> with the mean M_q and the <em>population</em> standard deviation S_q
/// (denominator n); then for each unit, with the mean <c>M_i = Σq w_q z_iq</c>, the standard deviation
/// <c>S_i = √(Σq w_q (z_iq − M_i)²)</c> and the coefficient of variation <c>cv_i = S_i/M_i</c>,
/// <c>MPI_i = M_i − S_i·cv_i</c> (<see cref="UnbalancePenalty.Negative"/>) or <c>M_i + S_i·cv_i</c>
/// (<see cref="UnbalancePenalty.Positive"/>). Equal weights (the default of a group) give the published unweighted
/// formula.</para>
/// <para>Properties: with the negative penalty MPI ≤ M (the mean of the standardised values), with equality exactly when
/// the unit is perfectly balanced (all z equal). Because of the standardisation, any increasing linear normalisation of
/// the children (min-max, z-score) gives the same MPI; polarity must be applied by the normalisation. MPI is relative to
/// the units of each period, so it is not comparable over time: use <see cref="AdjustedMazziottaParetoAggregation"/>
/// (AMPI) with fixed goalposts for that.</para>
/// <para>Units with a missing child get a missing score and are left out of the standardisation. A child that is
/// constant across units (S_q = 0) stops evaluation with a <see cref="NumericalException"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record MazziottaParetoAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"mazziottaPareto"</c>.</summary>
    public const string Name = "mazziottaPareto";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"Mazziotta–Pareto index: mean of standardised components {(Penalty == UnbalancePenalty.Negative ? "minus" : "plus")} a penalty for unbalanced components", $"마치오타-파레토 지수: 표준화된 구성요소의 평균 {(Penalty == UnbalancePenalty.Negative ? "−" : "+")} 불균형 보정");

    /// <summary>Gets the direction of the penalty. The default is <see cref="UnbalancePenalty.Negative"/>.</summary>
    public UnbalancePenalty Penalty { get; init; } = UnbalancePenalty.Negative;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Enum.IsDefined(Penalty))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.penalty", "Unknown penalty direction."));
        }
    }

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var n = section.ChildIds.Length;
        var units = section.UnitIds.Length;
        var complete = new List<int>();
        for (var j = 0; j < units; j++)
        {
            var ok = true;
            for (var q = 0; q < n && ok; q++)
            {
                ok = !double.IsNaN(section.Value(j, q));
            }

            if (ok)
            {
                complete.Add(j);
            }
        }

        if (complete.Count == 0)
        {
            return;
        }

        var mean = new double[n];
        var sd = new double[n];
        for (var q = 0; q < n; q++)
        {
            (mean[q], sd[q]) = Stats.MeanPopulationSd(complete.Select(j => section.Value(j, q)).ToArray());
            if (!(sd[q] > 0))
            {
                throw section.Error($"Mazziotta–Pareto standardisation needs variation, but child '{section.ChildIds[q]}' is {mean[q].ToString("R", CultureInfo.InvariantCulture)} for every unit.");
            }
        }

        var z = new double[n];
        foreach (var j in complete)
        {
            for (var q = 0; q < n; q++)
            {
                z[q] = 100 + (10 * (section.Value(j, q) - mean[q]) / sd[q]);
            }

            section.Scores[j] = MazziottaParetoKernel.Score(z, section.Weights.AsSpan(), Penalty);
        }
    }
}

/// <summary>The per-unit Mazziotta–Pareto formula shared by MPI and AMPI.</summary>
internal static class MazziottaParetoKernel
{
    /// <summary><c>M ∓ S·cv = M ∓ S²/M</c> with weighted mean M and weighted population variance S².</summary>
    public static double Score(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, UnbalancePenalty penalty)
    {
        double m = 0;
        for (var i = 0; i < values.Length; i++)
        {
            m += weights[i] * values[i];
        }

        double v = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var d = values[i] - m;
            v += weights[i] * d * d;
        }

        var penaltyTerm = v / m; // S · cv = S · (S / M)
        return penalty == UnbalancePenalty.Positive ? m + penaltyTerm : m - penaltyTerm;
    }
}
