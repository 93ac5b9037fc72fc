using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>An indicator of a unit with its normalised score and rank among the units.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RankedIndicator
{
    internal RankedIndicator(string indicatorId, double score, int rank)
    {
        IndicatorId = indicatorId;
        Score = score;
        Rank = rank;
    }

    /// <summary>Gets the indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>Gets the unit's normalised score (higher is better, polarity applied).</summary>
    public double Score { get; }

    /// <summary>Gets the unit's rank on the indicator (1 = best; ties share the best rank).</summary>
    public int Rank { get; }
}

/// <summary>A unit's strongest and weakest indicators (COINr <c>get_str_weak</c>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class UnitProfile
{
    internal UnitProfile(string unitId, string period, ImmutableArray<RankedIndicator> strengths, ImmutableArray<RankedIndicator> weaknesses)
    {
        UnitId = unitId;
        Period = period;
        Strengths = strengths;
        Weaknesses = weaknesses;
    }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the best-ranked indicators, best first.</summary>
    public ImmutableArray<RankedIndicator> Strengths { get; }

    /// <summary>Gets the worst-ranked indicators, worst first.</summary>
    public ImmutableArray<RankedIndicator> Weaknesses { get; }
}

/// <content>Strengths and weaknesses.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Lists a unit's strengths (its <paramref name="top"/> best-ranked indicators) and weaknesses (its
    /// <paramref name="bottom"/> worst-ranked), ranking the units on each normalised indicator (polarity applied, so
    /// rank 1 is always best). Ties in rank keep definition order. Indicators the unit has no value for are skipped.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <param name="top">How many strengths. The default is 5 (COINr).</param>
    /// <param name="bottom">How many weaknesses. The default is 5 (COINr).</param>
    /// <returns>The profile.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> or <paramref name="bottom"/> is negative.</exception>
    public static UnitProfile StrengthsAndWeaknesses(IndexResult result, string unitId, string period, int top = 5, int bottom = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(bottom);
        var j = -1;
        for (var i = 0; i < result.Units.Length; i++)
        {
            if (result.Units[i].Id == unitId)
            {
                j = i;
            }
        }

        if (j < 0)
        {
            throw new UnknownKeyException("unit", unitId);
        }

        return Profile(result, j, period, top, bottom, IndicatorColumns.Of(result, period));
    }

    /// <summary>The profile of the unit at position <paramref name="j"/>, from precomputed indicator scores and ranks (one pass over many units).</summary>
    internal static UnitProfile Profile(IndexResult result, int j, string period, int top, int bottom, IndicatorColumns columns)
    {
        var ranked = new List<RankedIndicator>();
        for (var i = 0; i < columns.Ids.Length; i++)
        {
            var score = columns.Scores[i][j];
            if (!double.IsNaN(score))
            {
                ranked.Add(new RankedIndicator(columns.Ids[i], score, columns.Ranks[i][j]!.Value));
            }
        }

        var strengths = ranked.Select((r, k) => (r, k)).OrderBy(x => x.r.Rank).ThenBy(x => x.k).Take(top).Select(x => x.r);
        var weaknesses = ranked.Select((r, k) => (r, k)).OrderByDescending(x => x.r.Rank).ThenBy(x => x.k).Take(bottom).Select(x => x.r);
        return new UnitProfile(result.Units[j].Id, period, [.. strengths], [.. weaknesses]);
    }

    /// <summary>The normalised scores and ranks of every indicator of a result in one period, in definition order.</summary>
    internal sealed record IndicatorColumns(ImmutableArray<string> Ids, double[][] Scores, ImmutableArray<int?>[] Ranks)
    {
        public static IndicatorColumns Of(IndexResult result, string period)
        {
            var ids = result.Definition.Indicators.Select(i => i.Id).ToImmutableArray();
            return new IndicatorColumns(ids, [.. ids.Select(id => result.GetScores(id, period).ToArray())], [.. ids.Select(id => result.GetRanks(id, period))]);
        }
    }
}
