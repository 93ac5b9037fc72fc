using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>An indicator of a unit with its normalised score and rank among the units.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Score">The unit's normalised score (higher is better, polarity applied).</param>
/// <param name="Rank">The unit's rank on the indicator (1 = best; ties share the best rank).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RankedIndicator(string IndicatorId, double Score, int Rank);

/// <summary>A unit's strongest and weakest indicators (COINr <c>get_str_weak</c>).</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Period">The period.</param>
/// <param name="Strengths">The best-ranked indicators, best first.</param>
/// <param name="Weaknesses">The worst-ranked indicators, worst first.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record UnitProfile(string UnitId, string Period, ImmutableArray<RankedIndicator> Strengths, ImmutableArray<RankedIndicator> Weaknesses);

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
