using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// Copeland's pairwise outranking rule: every unit meets every other unit of the same period; it wins the encounter
/// when the children it is better on carry more weight than those it is worse on. Its score is wins − losses.
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>a_copeland</c> with <c>outrankMatrix</c>; Munda &amp; Nardo 2009, "Noncompensatory/nonlinear
/// composite indicators for ranking countries: a defensible setting", <i>Applied Economics</i> 41(12),
/// doi:10.1080/00036840601019357; OECD/JRC Handbook 2008, §6.3): with weights normalised to sum to 1, the outranking
/// of a over b is <c>o(a,b) = Σ w[x_a &gt; x_b] + ½·Σ w[x_a = x_b]</c>; the encounter scores +1 when o &gt; ½, −1 when
/// o &lt; ½ and 0 when o = ½ (tested as <c>|Σ w·sign(x_a − x_b)| ≤ 1e−12</c>, so rounding in the weights cannot break
/// a tie); a unit's score is the sum over its opponents, an integer in [−(n − 1), n − 1]. Non-compensatory: only the
/// order of the children's values matters, not their size.</para>
/// <para>Missing values: an encounter uses the children present for both units, with their weights re-normalised; a
/// unit with no child present gets a missing score and takes no part; two units with no child in common draw.
/// (COINr counts a missing comparison as a loss for the first unit of the pair and derives o(b,a) = 1 − o(a,b), which
/// makes its result depend on the order of the units; the two agree whenever data are complete.)</para>
/// <para>Scores depend on the other units of the period, so this is a <see cref="CrossSectionalAggregationMethod"/>;
/// the group's missing-data policy does not apply. Immutable and thread-safe.</para>
/// </remarks>
public sealed record CopelandAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"copeland"</c>.</summary>
    public const string Name = "copeland";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "Copeland rule: pairwise weighted-majority wins minus losses against the other units", "코플랜드 방식: 다른 단위와의 쌍대 가중 다수결에서 승수 − 패수");

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var n = section.UnitIds.Length;
        var k = section.ChildIds.Length;
        var weights = section.Weights;
        var present = new bool[n];
        for (var a = 0; a < n; a++)
        {
            for (var c = 0; c < k && !present[a]; c++)
            {
                present[a] = !double.IsNaN(section.Value(a, c)) && weights[c] > 0;
            }
        }

        var scores = section.Scores;
        for (var a = 0; a < n; a++)
        {
            scores[a] = present[a] ? 0 : double.NaN;
        }

        for (var a = 0; a < n; a++)
        {
            if (!present[a])
            {
                continue;
            }

            for (var b = a + 1; b < n; b++)
            {
                if (!present[b])
                {
                    continue;
                }

                double balance = 0, common = 0;
                for (var c = 0; c < k; c++)
                {
                    var xa = section.Value(a, c);
                    var xb = section.Value(b, c);
                    if (double.IsNaN(xa) || double.IsNaN(xb))
                    {
                        continue;
                    }

                    common += weights[c];
                    balance += weights[c] * (xa > xb ? 1 : xa < xb ? -1 : 0);
                }

                if (common <= 0 || Math.Abs(balance) <= 1e-12 * common)
                {
                    continue;
                }

                var outcome = balance > 0 ? 1 : -1;
                scores[a] += outcome;
                scores[b] -= outcome;
            }
        }
    }
}
