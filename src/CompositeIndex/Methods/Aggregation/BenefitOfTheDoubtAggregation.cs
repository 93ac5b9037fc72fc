using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Benefit of the doubt (BoD): each unit is scored with the weights most favourable to it, found by linear
/// programming (data envelopment analysis with a constant input), optionally with bounds on each child's weight share.
/// </summary>
/// <remarks>
/// <para><b>Model</b> (Melyn &amp; Moesen 1991; Cherchye, Moesen, Rogge &amp; Van Puyenbroeck 2007, <i>Social Indicators
/// Research</i> 82:111–145, doi:10.1007/s11205-006-9029-7; OECD/JRC Handbook 2008, §6.1.5 and Table 19): for unit c with
/// child scores <c>I_cq ≥ 0</c>, <c>BoD_c = max_w Σq I_cq w_q</c> subject to <c>Σq I_kq w_q ≤ 1</c> for every unit k of
/// the period, <c>w ≥ 0</c>, and, when set, the weight-share bounds
/// <c>MinWeightShare · Σr w_r ≤ w_q ≤ MaxWeightShare · Σr w_r</c> (the Handbook's TAI example uses 0.10 and 0.15).
/// Scores lie in [0, 1]; at least one unit scores 1 (scores within 1e-12 of 1 are
/// reported as exactly 1, so efficient units tie). The LPs are solved by a dense simplex (Dantzig's rule with
/// Bland's anti-cycling fallback), each unit warm-started from the previous unit's optimal basis (deterministic).</para>
/// <para>The group's weights are not used: each unit gets its own, recorded in <see cref="IndexResult.Weights"/>
/// (normalised to sum to 1, raw LP weights in the diagnostics) and used for its contributions. Optimal weights are
/// often not unique (the Handbook notes this); the score is. Children must be non-negative (normalise with min-max
/// [0, 1] as the Handbook does). A unit with a missing child gets a missing score and is left out of the constraints.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record BenefitOfTheDoubtAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"benefitOfTheDoubt"</c>.</summary>
    public const string Name = "benefitOfTheDoubt";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"benefit of the doubt: each unit scored with its most favourable weights (DEA){T.Shares(MinWeightShare, MaxWeightShare, language)}", $"유리한 가중치(benefit of the doubt): 단위마다 가장 유리한 가중치로 평가(DEA){T.Shares(MinWeightShare, MaxWeightShare, language)}");

    /// <inheritdoc/>
    public override bool UsesWeights => false;

    /// <inheritdoc/>
    public override string DomainDescription => "non-negative values";

    /// <summary>Gets the lower bound on each child's share of the total weight, in [0, 1]; <see langword="null"/> (the default) for none.</summary>
    public double? MinWeightShare { get; init; }

    /// <summary>Gets the upper bound on each child's share of the total weight, in (0, 1]; <see langword="null"/> (the default) for none.</summary>
    public double? MaxWeightShare { get; init; }

    /// <inheritdoc/>
    public override bool IsInDomain(double value) => value >= 0;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (MinWeightShare is { } lo && !(lo >= 0 && lo <= 1))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.minWeightShare", "The minimum weight share must be in [0, 1]."));
        }

        if (MaxWeightShare is { } hi && !(hi > 0 && hi <= 1))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.maxWeightShare", "The maximum weight share must be in (0, 1]."));
        }

        if (MinWeightShare is { } l && MaxWeightShare is { } h && l > h)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.minWeightShare", "The minimum weight share exceeds the maximum."));
        }
    }

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var n = section.ChildIds.Length;
        var units = section.UnitIds.Length;
        if ((MinWeightShare ?? 0) * n > 1 + 1e-12 || (MaxWeightShare ?? 1) * n < 1 - 1e-12)
        {
            throw section.Error($"benefit-of-the-doubt weight-share bounds [{(MinWeightShare ?? 0).ToString(CultureInfo.InvariantCulture)}, {(MaxWeightShare ?? 1).ToString(CultureInfo.InvariantCulture)}] cannot hold for {n} children.");
        }

        var complete = new List<int>();
        for (var j = 0; j < units; j++)
        {
            var ok = true;
            for (var q = 0; q < n; q++)
            {
                var v = section.Value(j, q);
                if (double.IsNaN(v))
                {
                    ok = false;
                    break;
                }

                if (v < 0)
                {
                    throw section.Error($"benefit of the doubt needs non-negative scores, but child '{section.ChildIds[q]}' is {v.ToString("R", CultureInfo.InvariantCulture)}.", j);
                }
            }

            if (ok)
            {
                complete.Add(j);
            }
        }

        var rows = complete.Count + (MinWeightShare is > 0 ? n : 0) + (MaxWeightShare is < 1 ? n : 0);
        var a = new double[rows, n];
        var b = new double[rows];
        var r = 0;
        foreach (var k in complete)
        {
            for (var q = 0; q < n; q++)
            {
                a[r, q] = section.Value(k, q);
            }

            b[r++] = 1;
        }

        if (MinWeightShare is > 0 and var lo)
        {
            // lo·Σ w − w_q ≤ 0
            for (var q = 0; q < n; q++, r++)
            {
                for (var s = 0; s < n; s++)
                {
                    a[r, s] = lo - (s == q ? 1 : 0);
                }
            }
        }

        if (MaxWeightShare is < 1 and var hi)
        {
            // w_q − hi·Σ w ≤ 0
            for (var q = 0; q < n; q++, r++)
            {
                for (var s = 0; s < n; s++)
                {
                    a[r, s] = (s == q ? 1 : 0) - hi;
                }
            }
        }

        var c = new double[n];
        var simplex = new DenseSimplex(a, b);
        foreach (var j in complete)
        {
            for (var q = 0; q < n; q++)
            {
                c[q] = section.Value(j, q);
            }

            var (status, w, value) = simplex.Solve(c);
            if (status != SimplexStatus.Optimal)
            {
                throw section.Error($"the benefit-of-the-doubt linear programme is {(status == SimplexStatus.Unbounded ? "unbounded (a child is zero for every unit?)" : "not solved within the iteration limit")}.", j);
            }

            // Efficient units score exactly 1 (so that they tie in ranks), whatever the rounding along the pivot path.
            section.Scores[j] = value > 1 - 1e-12 ? 1 : value;
            section.SetUnitWeights(j, w);
        }
    }
}
