using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The weighted outranking matrix of a group in one period: how much of the children's weight says that one unit is
/// better than another (the "impact matrix → outranking matrix" step of the non-compensatory aggregations).
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (OECD/JRC <i>Handbook on Constructing Composite Indicators</i>, 2008, §6.3 "Multi-criteria
/// approaches", eq. 32 and Table 36, doi:10.1787/9789264043466-en; Munda &amp; Nardo 2009, "Noncompensatory/nonlinear
/// composite indicators for ranking countries: a defensible setting", <i>Applied Economics</i> 41(12):1513–1523,
/// doi:10.1080/00036840601019357): with weights normalised to sum to 1,
/// <c>e_jk = Σ_q w_q [x_jq &gt; x_kq] + ½·Σ_q w_q [x_jq = x_kq]</c>, so <c>e_jk + e_kj = 1</c>. The row sum
/// <c>Σ_k e_jk</c> is unit j's Borda score (<see cref="BordaCountAggregation"/>); the support of a ranking is
/// <c>Σ_{j above k} e_jk</c> (eq. 33, <see cref="Support"/>), maximised by <see cref="KemenyAggregation"/>.</para>
/// <para>Missing values: a pair of units is compared on the children present for both, with their weights
/// re-normalised; a pair with no child in common is a tie (½ each way). A difference in weighted votes within
/// <c>1e−12</c> of the compared weight counts as a tie, so rounding in the weights cannot break a tie. The diagonal is
/// 0.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class OutrankingMatrix
{
    internal OutrankingMatrix(ImmutableArray<string> unitIds, ImmutableArray<double> values)
    {
        UnitIds = unitIds;
        Values = values;
    }

    /// <summary>Gets the units compared (rows and columns), in data order.</summary>
    public ImmutableArray<string> UnitIds { get; }

    /// <summary>Gets the matrix, row-major: <c>Values[j·n + k] = e_jk</c>, the weight saying row unit j is better than column unit k.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>Gets <c>e_jk</c>: the weight of the children on which <paramref name="row"/> is better than <paramref name="column"/> (ties count half).</summary>
    /// <param name="row">The row unit.</param>
    /// <param name="column">The column unit.</param>
    /// <returns>The outranking value in [0, 1]; 0 on the diagonal.</returns>
    /// <exception cref="UnknownKeyException">A unit is unknown.</exception>
    public double this[string row, string column] => Values[(IndexOf(row) * UnitIds.Length) + IndexOf(column)];

    /// <summary>
    /// Computes the support of a complete ranking (Condorcet–Kemeny–Young–Levenglick score, Handbook eq. 33):
    /// <c>Σ e_jk</c> over every pair with j ranked above k.
    /// </summary>
    /// <param name="ranking">Every unit once, best first.</param>
    /// <returns>The support, in [0, n(n − 1)/2].</returns>
    /// <exception cref="ArgumentException">The ranking does not list every unit exactly once.</exception>
    /// <exception cref="UnknownKeyException">A unit is unknown.</exception>
    public double Support(IReadOnlyList<string> ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var n = UnitIds.Length;
        var order = ranking.Select(IndexOf).ToArray();
        if (order.Length != n || order.Distinct().Count() != n)
        {
            throw new ArgumentException($"A ranking must list each of the {n} units exactly once.", nameof(ranking));
        }

        double s = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                s += Values[(order[a] * n) + order[b]];
            }
        }

        return s;
    }

    /// <summary>
    /// Computes the outranking matrix of a group's children in one period of a result, with the weights the group used
    /// (see <see cref="IndexResult.Weights"/>). Units with no child present are left out.
    /// </summary>
    /// <param name="result">An evaluation result.</param>
    /// <param name="groupId">The group whose children are compared.</param>
    /// <param name="period">The period.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="UnknownKeyException">The group or the period is unknown, or the id is an indicator.</exception>
    public static OutrankingMatrix From(IndexResult result, string groupId, string period)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Weights.FirstOrDefault(r => r.GroupId == groupId && r.UnitId is null)
            ?? throw new UnknownKeyException("group", groupId);
        var childIds = report.ChildIds;
        var unitIds = result.Units.Select(x => x.Id).ToImmutableArray();
        var n = unitIds.Length;
        var values = new double[childIds.Length * n];
        for (var c = 0; c < childIds.Length; c++)
        {
            result.GetScores(childIds[c], period).Span.CopyTo(values.AsSpan(c * n, n));
        }

        var section = new CrossSection(groupId, period, childIds, report.Weights, unitIds, values);
        var present = Present(section);
        var matrix = Compute(section, present);
        var kept = Enumerable.Range(0, n).Where(j => present[j]).ToArray();
        var output = new double[kept.Length * kept.Length];
        for (var a = 0; a < kept.Length; a++)
        {
            for (var b = 0; b < kept.Length; b++)
            {
                output[(a * kept.Length) + b] = matrix[(kept[a] * n) + kept[b]];
            }
        }

        return new OutrankingMatrix([.. kept.Select(j => unitIds[j])], [.. output]);
    }

    /// <summary>Whether each unit has at least one child with positive weight present.</summary>
    internal static bool[] Present(CrossSection section)
    {
        var n = section.UnitIds.Length;
        var present = new bool[n];
        for (var j = 0; j < n; j++)
        {
            for (var c = 0; c < section.ChildIds.Length && !present[j]; c++)
            {
                present[j] = !double.IsNaN(section.Value(j, c)) && section.Weights[c] > 0;
            }
        }

        return present;
    }

    /// <summary>The full n × n outranking matrix of a cross-section (rows and columns of absent units are 0).</summary>
    internal static double[] Compute(CrossSection section, bool[] present)
    {
        var n = section.UnitIds.Length;
        var e = new double[n * n];
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
                    var eab = Pair(section, a, b);
                    e[(a * n) + b] = eab;
                    e[(b * n) + a] = 1 - eab;
                }
            }
        }

        return e;
    }

    /// <summary><c>e_ab</c> for two present units: <c>(better + ½·tied)/common</c> over the children present for both; ½ with nothing in common.</summary>
    internal static double Pair(CrossSection section, int a, int b)
    {
        var weights = section.Weights;
        double better = 0, worse = 0, common = 0;
        for (var c = 0; c < weights.Length; c++)
        {
            var xa = section.Value(a, c);
            var xb = section.Value(b, c);
            if (double.IsNaN(xa) || double.IsNaN(xb) || weights[c] <= 0)
            {
                continue;
            }

            common += weights[c];
            if (xa > xb)
            {
                better += weights[c];
            }
            else if (xa < xb)
            {
                worse += weights[c];
            }
        }

        return common <= 0 || Math.Abs(better - worse) <= 1e-12 * common ? 0.5 : 0.5 + (0.5 * (better - worse) / common);
    }

    private int IndexOf(string unit)
    {
        var i = UnitIds.IndexOf(unit, StringComparer.Ordinal);
        return i >= 0 ? i : throw new UnknownKeyException("unit", unit, $"The outranking matrix has no unit '{unit}'.");
    }
}
