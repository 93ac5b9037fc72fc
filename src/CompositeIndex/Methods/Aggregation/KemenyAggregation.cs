using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// The Condorcet–Kemeny–Young–Levenglick (C-K-Y-L) ranking: the ranking of the period's units with the largest
/// support in the children's weighted pairwise votes, found exactly. A unit's score is the number of units ranked
/// below it.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Kemeny 1959, "Mathematics without numbers", <i>Daedalus</i> 88:577–591; Young &amp;
/// Levenglick 1978, <i>SIAM J. Appl. Math.</i> 35(2):285–300; OECD/JRC <i>Handbook on Constructing Composite
/// Indicators</i>, 2008, §6.3, eqs. 32–33 and Tables 30, 34–37, doi:10.1787/9789264043466-en; Munda &amp; Nardo 2009,
/// <i>Applied Economics</i> 41(12), doi:10.1080/00036840601019357): from the <see cref="OutrankingMatrix"/> e (ties
/// count half), the support of a ranking r is <c>φ(r) = Σ_{j above k in r} e_jk</c>; the C-K-Y-L ranking maximises φ
/// over the n! rankings. It is Condorcet-consistent: a unit that beats every other by a weighted majority is first.
/// The score of a unit is <c>n − position</c> (n − 1 for the first, 0 for the last); a run of consecutive units that
/// are pairwise tied (<c>e_jk = e_kj = ½</c> for every pair of the run) can be reordered without changing the support,
/// so its units share the mean of their scores and get the same rank. Scores sum to n(n − 1)/2.</para>
/// <para><b>Algorithm (exact).</b> Units are first split into the strongly connected components of the weak-majority
/// relation (j → k when <c>e_jk ≥ ½</c>); every unit of a higher component beats every unit of a lower one by a strict
/// majority, so every optimal ranking orders the components (Truchon 1998, "An extension of the Condorcet criterion
/// and Kemeny orders", cahier 98-15, Université Laval). Inside a component of m units the optimum is found by dynamic
/// programming over subsets, <c>f(S ∪ {k}) = max f(S) + Σ_{j∈S} e_jk</c>, in O(2^m·m) time and 9·2^m bytes.
/// A component larger than <see cref="MaxExactUnits"/> stops evaluation with a <see cref="NumericalException"/>
/// naming the group and period (there is no heuristic fallback: every score this method returns is exact). When
/// several rankings are optimal (Handbook Table 37 has three), the one kept places, at each step from the bottom, the
/// candidate with the lowest Borda score last (then the one later in data order), so the result is deterministic.</para>
/// <para>Missing values: as <see cref="OutrankingMatrix"/>; a unit with no child present gets a missing score and
/// takes no part. Scores depend on the other units of the period, so this is a
/// <see cref="CrossSectionalAggregationMethod"/>; the group's missing-data policy does not apply.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record KemenyAggregation : CrossSectionalAggregationMethod
{
    /// <summary>The JSON method name, <c>"kemeny"</c>.</summary>
    public const string Name = "kemeny";

    /// <summary>The largest accepted value of <see cref="MaxExactUnits"/> (2^25 subsets, about 300 MB).</summary>
    public const int MaxExactUnitsLimit = 25;

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "Kemeny ranking: the ranking closest to all component rankings", "케메니 순위: 모든 구성요소 순위에 가장 가까운 순위");

    /// <summary>
    /// Gets the largest group of mutually cyclic units (a strongly connected component of the majority relation) that
    /// is ordered by exhaustive dynamic programming. Must be in [2, <see cref="MaxExactUnitsLimit"/>]. The default is 20
    /// (about 9 MB and well under a second); 23 units take about 75 MB.
    /// </summary>
    public int MaxExactUnits { get; init; } = 20;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (MaxExactUnits < 2 || MaxExactUnits > MaxExactUnitsLimit)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.maxExactUnits", $"maxExactUnits must be between 2 and {MaxExactUnitsLimit} (got {MaxExactUnits.ToString(CultureInfo.InvariantCulture)})."));
        }
    }

    /// <inheritdoc/>
    public override void AggregateUnits(CrossSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var all = section.UnitIds.Length;
        var present = OutrankingMatrix.Present(section);
        var e = OutrankingMatrix.Compute(section, present);
        var units = Enumerable.Range(0, all).Where(j => present[j]).ToArray();
        var ranking = Rank(e, all, units, MaxExactUnits, section);
        var scores = section.Scores;
        var n = ranking.Length;
        for (var i = 0; i < n;)
        {
            // A run of neighbours tied pairwise (e = ½ for every pair) can be permuted without changing the support:
            // it shares the mean of its positions' scores.
            var end = i;
            while (end + 1 < n && TiedWithAll(e, all, ranking, i, end, ranking[end + 1]))
            {
                end++;
            }

            var score = (n - 1) - ((i + end) / 2.0);
            for (var r = i; r <= end; r++)
            {
                scores[ranking[r]] = score;
            }

            i = end + 1;
        }
    }

    private static bool TiedWithAll(double[] e, int stride, int[] ranking, int from, int to, int unit)
    {
        for (var r = from; r <= to; r++)
        {
            if (Math.Abs(e[(ranking[r] * stride) + unit] - 0.5) > 1e-12)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An optimal ranking (best first) of <paramref name="units"/> under the outranking matrix e (stride <paramref name="stride"/>).</summary>
    internal static int[] Rank(double[] e, int stride, int[] units, int maxExact, CrossSection? section)
    {
        var borda = new double[stride];
        foreach (var j in units)
        {
            foreach (var k in units)
            {
                borda[j] += e[(j * stride) + k];
            }
        }

        var ranking = new List<int>(units.Length);
        foreach (var component in Components(e, stride, units))
        {
            if (component.Length > maxExact)
            {
                var message = $"the Kemeny ranking needs an exhaustive search over {component.Length.ToString(CultureInfo.InvariantCulture)} units whose pairwise majorities form cycles, more than maxExactUnits = {maxExact.ToString(CultureInfo.InvariantCulture)}; raise maxExactUnits (at most {MaxExactUnitsLimit.ToString(CultureInfo.InvariantCulture)}) or use Copeland or Borda.";
                throw section is null ? new NumericalException(message, "?") : section.Error(message);
            }

            ranking.AddRange(component.Length <= 2 ? OrderSmall(e, stride, component, borda) : OrderExactly(e, stride, component, borda));
        }

        return [.. ranking];
    }

    /// <summary>The strongly connected components of the weak-majority relation, best component first (Tarjan).</summary>
    private static List<int[]> Components(double[] e, int stride, int[] units)
    {
        var m = units.Length;
        var index = new int[m];
        var low = new int[m];
        var onStack = new bool[m];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var found = new List<int[]>();
        var counter = 0;

        bool Edge(int a, int b) => e[(units[a] * stride) + units[b]] >= 0.5 - 1e-12;

        // Iterative Tarjan: frames of (node, next neighbour to visit).
        var frames = new Stack<(int Node, int Next)>();
        for (var root = 0; root < m; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            frames.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.Count > 0)
            {
                var (v, next) = frames.Pop();
                var descended = false;
                for (var w = next; w < m; w++)
                {
                    if (w == v || !Edge(v, w))
                    {
                        continue;
                    }

                    if (index[w] < 0)
                    {
                        frames.Push((v, w + 1));
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        frames.Push((w, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[v] == index[v])
                {
                    var component = new List<int>();
                    int x;
                    do
                    {
                        x = stack.Pop();
                        onStack[x] = false;
                        component.Add(units[x]);
                    }
                    while (x != v);
                    component.Sort();
                    found.Add([.. component]);
                }

                if (frames.Count > 0)
                {
                    var parent = frames.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        // Tarjan emits components sinks first; the sink is the bottom of the ranking.
        found.Reverse();
        return found;
    }

    private static int[] OrderSmall(double[] e, int stride, int[] component, double[] borda)
    {
        if (component.Length < 2)
        {
            return component;
        }

        int a = component[0], b = component[1];
        var eab = e[(a * stride) + b];
        var aFirst = eab > 0.5 + 1e-12 || (Math.Abs(eab - 0.5) <= 1e-12 && !LastBefore(b, a, borda));
        return aFirst ? [a, b] : [b, a];
    }

    /// <summary>Whether <paramref name="x"/> is preferred over <paramref name="y"/> as the unit placed last among tied candidates.</summary>
    private static bool LastBefore(int x, int y, double[] borda) =>
        borda[x] < borda[y] - 1e-12 || (Math.Abs(borda[x] - borda[y]) <= 1e-12 && x > y);

    /// <summary>Dynamic programming over the subsets of one component.</summary>
    private static int[] OrderExactly(double[] e, int stride, int[] component, double[] borda)
    {
        var m = component.Length;
        var lowBits = m / 2;
        var highBits = m - lowBits;

        // colLow[k][T] = Σ_{j ∈ T} e_jk over the low members, colHigh[k][T] over the high members.
        var colLow = new double[m][];
        var colHigh = new double[m][];
        for (var k = 0; k < m; k++)
        {
            colLow[k] = SubsetSums(lowBits, j => e[(component[j] * stride) + component[k]]);
            colHigh[k] = SubsetSums(highBits, j => e[(component[lowBits + j] * stride) + component[k]]);
        }

        var size = 1 << m;
        var lowMask = (1 << lowBits) - 1;
        var f = new double[size];
        var last = new byte[size];
        for (var s = 1; s < size; s++)
        {
            var best = double.NegativeInfinity;
            var choice = -1;
            for (var rest = s; rest != 0; rest &= rest - 1)
            {
                var k = System.Numerics.BitOperations.TrailingZeroCount(rest);
                var t = s & ~(1 << k);
                var value = f[t] + colLow[k][t & lowMask] + colHigh[k][t >> lowBits];
                if (choice < 0 || value > best + 1e-9 || (value >= best - 1e-9 && LastBefore(component[k], component[choice], borda)))
                {
                    best = Math.Max(best, value);
                    choice = k;
                }
            }

            f[s] = best;
            last[s] = (byte)choice;
        }

        var order = new int[m];
        var set = size - 1;
        for (var pos = m - 1; pos >= 0; pos--)
        {
            var k = last[set];
            order[pos] = component[k];
            set &= ~(1 << k);
        }

        return order;
    }

    private static double[] SubsetSums(int bits, Func<int, double> value)
    {
        var sums = new double[1 << bits];
        for (var t = 1; t < sums.Length; t++)
        {
            var j = System.Numerics.BitOperations.TrailingZeroCount(t);
            sums[t] = sums[t & (t - 1)] + value(j);
        }

        return sums;
    }
}
