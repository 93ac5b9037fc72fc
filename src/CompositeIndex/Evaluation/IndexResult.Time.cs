namespace CompositeIndex;

/// <content>Time views: a node's path over the periods for one unit, and its change since the previous or a base period.</content>
public sealed partial class IndexResult
{
    /// <summary>
    /// Gets the base period the definition itself states, or <see langword="null"/> when it states none: the period of
    /// the <see cref="RatioToBaseNormalization.BasePeriod"/> when every indicator is normalised as a
    /// <see cref="RatioToBaseNormalization"/> to one and the same period (base period = 100), and that period is in the result.
    /// </summary>
    /// <value>Seoul's index (every indicator as a ratio to 2022 × 100) gives <c>"2022"</c>; an index normalised per period or
    /// on fixed goalposts (the HDI) gives <see langword="null"/>, and a caller chooses a base (the command line's <c>--base</c>).</value>
    public string? BasePeriod
    {
        get
        {
            string? found = null;
            foreach (var node in Index.Nodes)
            {
                if (!node.IsIndicator)
                {
                    continue;
                }

                var period = (node.Normalization as RatioToBaseNormalization)?.BasePeriod;
                if (period is null || (found is not null && found != period))
                {
                    return null;
                }

                found = period;
            }

            return found is not null && Periods.Contains(found) ? found : null;
        }
    }

    /// <summary>Gets the period before <paramref name="period"/> in <see cref="Periods"/>, or <see langword="null"/> for the first.</summary>
    /// <param name="period">A period of the result.</param>
    /// <returns>The previous period.</returns>
    /// <exception cref="UnknownKeyException">The period is unknown.</exception>
    public string? GetPreviousPeriod(string period)
    {
        var t = PeriodOf(period);
        return t > 0 ? Periods[t - 1] : null;
    }

    /// <summary>Gets the path of a node's score for one unit over every period (in the order of <see cref="Periods"/>; NaN where missing).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <returns>One score per period, a copy.</returns>
    /// <exception cref="UnknownKeyException">The node or unit is unknown.</exception>
    public ReadOnlyMemory<double> GetSeries(string nodeId, string unitId)
    {
        var n = NodeOf(nodeId);
        var j = UnitOf(unitId);
        var series = new double[p];
        for (var t = 0; t < p; t++)
        {
            series[t] = scores[Offset(n, t) + j];
        }

        return series;
    }

    /// <summary>
    /// Gets the change of a node's score for a unit since the previous period, <c>score(period) − score(previous)</c>;
    /// NaN for the first period or when either score is missing.
    /// </summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The change in score points.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public double GetChange(string nodeId, string unitId, string period)
    {
        var t = PeriodOf(period);
        return t == 0 ? double.NaN : Difference(NodeOf(nodeId), UnitOf(unitId), t, t - 1);
    }

    /// <summary>
    /// Gets the change of a node's score for a unit since a base period, <c>score(period) − score(basePeriod)</c> (for an
    /// index with base period = 100, the change in points of the base); NaN when either score is missing.
    /// </summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <param name="basePeriod">The base period (e.g. <see cref="BasePeriod"/>); may be later than <paramref name="period"/>.</param>
    /// <returns>The change in score points.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or a period is unknown.</exception>
    public double GetChangeSince(string nodeId, string unitId, string period, string basePeriod) =>
        Difference(NodeOf(nodeId), UnitOf(unitId), PeriodOf(period), PeriodOf(basePeriod));

    /// <summary>
    /// Gets how many places a unit moved on a node since the previous period, <c>rank(previous) − rank(period)</c>
    /// (positive = moved up); <see langword="null"/> for the first period or when either rank is missing.
    /// </summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The rank change.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public int? GetRankChange(string nodeId, string unitId, string period)
    {
        var previous = GetPreviousPeriod(period);
        if (previous is null)
        {
            return null;
        }

        return GetRank(nodeId, unitId, previous) is { } before && GetRank(nodeId, unitId, period) is { } now ? before - now : null;
    }

    private double Difference(int node, int unit, int t, int from)
    {
        var now = scores[Offset(node, t) + unit];
        var then = scores[Offset(node, from) + unit];
        return double.IsNaN(now) || double.IsNaN(then) ? double.NaN : now - then;
    }
}
