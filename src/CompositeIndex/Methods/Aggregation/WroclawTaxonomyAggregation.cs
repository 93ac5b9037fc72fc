using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Wrocław taxonomy distance to the ideal (Hellwig's development measure): units are scored by their distance to an
/// ideal unit that is best on every child, relative to a critical distance.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Hellwig 1968, "Zastosowanie metody taksonomicznej do typologicznego podziału krajów ze względu
/// na poziom ich rozwoju…", <i>Przegląd Statystyczny</i> 15(4):307–327, the development measure of the Wrocław
/// taxonomy school; UNESCO 1970s development studies; OECD/JRC Handbook 2008, §6.2): per period, each child is
/// standardised across units <c>z_iq = (x_iq − x̄_q)/s_q</c> (population s); the ideal ("pattern of development") is
/// <c>z₀q = maxᵢ z_iq</c> (polarity is applied by the normalisation, so higher is better); the weighted Euclidean distance
/// is <c>d_i = √(Σq w_q (z_iq − z₀q)²)</c>; the critical distance is <c>d₀ = mean(d) + 2·sd(d)</c> (population sd);
/// the score is <c>1 − d_i/d₀</c>. Equal weights give Hellwig's unweighted measure (the common factor cancels in
/// the ratio). Scores are at most 1 (the ideal unit itself) and usually in [0, 1]; larger is better.</para>
/// <para>Units with a missing child get a missing score and are left out of the standardisation and of d₀. A child
/// constant across units stops evaluation with a <see cref="NumericalException"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record WroclawTaxonomyAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"wroclawTaxonomy"</c>.</summary>
    public const string Name = "wroclawTaxonomy";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "Wrocław taxonomy: closeness to an ideal unit", "브로츠와프 분류법: 이상적 단위와의 근접도");

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var n = section.ChildIds.Length;
        var complete = new List<int>();
        for (var j = 0; j < section.UnitIds.Length; j++)
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

        var z = new double[complete.Count, n];
        var ideal = new double[n];
        for (var q = 0; q < n; q++)
        {
            var (mean, sd) = Stats.MeanPopulationSd(complete.Select(j => section.Value(j, q)).ToArray());
            if (!(sd > 0))
            {
                throw section.Error($"the taxonomic measure needs variation, but child '{section.ChildIds[q]}' is {mean.ToString("R", CultureInfo.InvariantCulture)} for every unit.");
            }

            ideal[q] = double.NegativeInfinity;
            for (var r = 0; r < complete.Count; r++)
            {
                z[r, q] = (section.Value(complete[r], q) - mean) / sd;
                ideal[q] = Math.Max(ideal[q], z[r, q]);
            }
        }

        var d = new double[complete.Count];
        for (var r = 0; r < complete.Count; r++)
        {
            double s = 0;
            for (var q = 0; q < n; q++)
            {
                var dv = z[r, q] - ideal[q];
                s += section.Weights[q] * dv * dv;
            }

            d[r] = Math.Sqrt(s);
        }

        var (dMean, dSd) = Stats.MeanPopulationSd(d);
        var d0 = dMean + (2 * dSd);
        for (var r = 0; r < complete.Count; r++)
        {
            section.Scores[complete[r]] = d0 > 0 ? 1 - (d[r] / d0) : 1;
        }
    }
}
