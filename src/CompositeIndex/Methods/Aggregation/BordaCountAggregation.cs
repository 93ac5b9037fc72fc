using T = CompositeIndex.MethodText;
namespace CompositeIndex;

/// <summary>
/// Borda's rule across units: every child is a voter ranking the units of the period, with its weight as the number of
/// votes; a unit's score is the weighted number of units it beats (ties count half).
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Borda 1781; OECD/JRC <i>Handbook on Constructing Composite Indicators</i>, 2008, §6.3 and
/// Tables 25–26, 29, 32–33, doi:10.1787/9789264043466-en; Munda &amp; Nardo 2009, <i>Applied Economics</i> 41(12),
/// doi:10.1080/00036840601019357): with the weights normalised to sum to 1,
/// <c>B_j = Σ_q w_q · (#{k : x_kq &lt; x_jq} + ½·#{k ≠ j : x_kq = x_jq}) = Σ_{k≠j} e_jk</c>, the row sum of the
/// <see cref="OutrankingMatrix"/>. A unit ranked first by every child scores n − 1, last by every child 0; scores sum to
/// n(n − 1)/2. The Handbook's counts (N − 1 points for a first place, one vote per indicator) are
/// <c>B_j × Σ votes</c>: write the number of indicators sharing a ranking as the weight.</para>
/// <para>Non-compensatory in size (only the order of the children's values matters) but, unlike
/// <see cref="KemenyAggregation"/>, not Condorcet-consistent: it can rank a unit that beats every other by a majority
/// below another one (Handbook Tables 25–27), and it depends on irrelevant alternatives (Tables 32–33).</para>
/// <para>Missing values: as <see cref="OutrankingMatrix"/> — a pair is compared on the children present for both, with
/// re-normalised weights, and a pair with nothing in common is a tie; a unit with no child present gets a missing
/// score and takes no part. Scores depend on the other units of the period, so this is a
/// <see cref="CrossSectionalAggregationMethod"/>; the group's missing-data policy does not apply. Cost O(n²·children)
/// per period.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record BordaCountAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"bordaCount"</c> (<c>"borda"</c> is the Borda normalisation of one indicator).</summary>
    public const string Name = "bordaCount";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "Borda count: the weighted sum of the components' ranks across units", "보르다 합계: 단위 간 구성요소 순위의 가중 합");

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var n = section.UnitIds.Length;
        var present = OutrankingMatrix.Present(section);
        var scores = section.Scores;
        for (var j = 0; j < n; j++)
        {
            scores[j] = present[j] ? 0 : double.NaN;
        }

        for (var a = 0; a < n; a++)
        {
            if (!present[a])
            {
                continue;
            }

            for (var b = a + 1; b < n; b++)
            {
                if (present[b])
                {
                    var eab = OutrankingMatrix.Pair(section, a, b);
                    scores[a] += eab;
                    scores[b] += 1 - eab;
                }
            }
        }
    }
}
