using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The scores and ranks of one node in one period with one element of the framework removed (or none, for the nominal run).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ElementRemoval
{
    internal ElementRemoval(string? elementId, string period, ImmutableArray<double> scores, ImmutableArray<int?> ranks, ImmutableArray<int?> rankChanges, double meanAbsoluteRankChange)
    {
        ElementId = elementId;
        Period = period;
        Scores = scores;
        Ranks = ranks;
        RankChanges = rankChanges;
        MeanAbsoluteRankChange = meanAbsoluteRankChange;
    }

    /// <summary>Gets the removed indicator or group; <see langword="null"/> for the nominal run.</summary>
    public string? ElementId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the node's score of every unit, in <see cref="ElementRemovalResult.Units"/> order (NaN = missing).</summary>
    public ImmutableArray<double> Scores { get; }

    /// <summary>Gets the competition rank of every unit (1 = best, ties share the best rank; <see langword="null"/> when the score is missing).</summary>
    public ImmutableArray<int?> Ranks { get; }

    /// <summary>Gets the nominal rank minus this rank for every unit (positive = the unit moves up without the element), as COINr's <c>RankDiffs</c>; <see langword="null"/> when either rank is missing.</summary>
    public ImmutableArray<int?> RankChanges { get; }

    /// <summary>Gets the mean over units of |rank change| (COINr's <c>MeanAbsDiff</c>); NaN when any unit's change is missing, as R's <c>colMeans</c>.</summary>
    public double MeanAbsoluteRankChange { get; }
}

/// <summary>What happens to a node's ranks when each element of one level of the framework is removed in turn (<see cref="IndexAudit.RemoveElements"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ElementRemovalResult
{
    internal ElementRemovalResult(int level, string nodeId, ImmutableArray<string> units, ImmutableArray<string> periods, ImmutableArray<string> elements, ImmutableArray<ElementRemoval> nominal, ImmutableArray<ElementRemoval> removals, ImmutableArray<string> notes)
    {
        Level = level;
        NodeId = nodeId;
        Units = units;
        Periods = periods;
        Elements = elements;
        Nominal = nominal;
        Removals = removals;
        Notes = notes;
    }

    /// <summary>Gets the level whose elements were removed (1 = indicators).</summary>
    public int Level { get; }

    /// <summary>Gets the node whose scores and ranks are compared (COINr's <c>iCode</c>; the root by default).</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit ids, in data order.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the periods.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the removed elements, in definition order.</summary>
    public ImmutableArray<string> Elements { get; }

    /// <summary>Gets the nominal scores and ranks, one entry per period (rank changes 0).</summary>
    public ImmutableArray<ElementRemoval> Nominal { get; }

    /// <summary>Gets one entry per element and period, element-major (all periods of the first element first).</summary>
    public ImmutableArray<ElementRemoval> Removals { get; }

    /// <summary>Gets what could not be evaluated and why, one sentence each.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>Gets the entry of one element in one period.</summary>
    /// <param name="elementId">The removed element.</param>
    /// <param name="period">The period.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="UnknownKeyException">The element or period is not part of the result.</exception>
    public ElementRemoval Get(string elementId, string period)
    {
        var e = Elements.IndexOf(elementId, StringComparer.Ordinal);
        var t = Periods.IndexOf(period, StringComparer.Ordinal);
        if (e < 0)
        {
            throw new UnknownKeyException("node", elementId, $"'{elementId}' is not an element of level {Level} ({string.Join(", ", Elements)}).");
        }

        if (t < 0)
        {
            throw new UnknownKeyException("period", period, $"The result has no period '{period}' ({string.Join(", ", Periods)}).");
        }

        return Removals[(e * Periods.Length) + t];
    }

    /// <summary>
    /// Gets the units whose rank moves most when an element is removed: by decreasing |rank change|, ties in
    /// <see cref="Units"/> order; units without a rank in either run and units that do not move are left out.
    /// </summary>
    /// <param name="elementId">The removed element.</param>
    /// <param name="period">The period.</param>
    /// <param name="count">The most units to return; must not be negative.</param>
    /// <returns>At most <paramref name="count"/> units.</returns>
    /// <exception cref="UnknownKeyException">The element or period is not part of the result.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public ImmutableArray<UnitRankChange> LargestRankChanges(string elementId, string period, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var removed = Get(elementId, period);
        var nominal = Nominal[Periods.IndexOf(period, StringComparer.Ordinal)];
        return
        [
            .. Enumerable.Range(0, Units.Length)
                .Where(j => removed.RankChanges[j] is not null and not 0)
                .OrderByDescending(j => Math.Abs(removed.RankChanges[j]!.Value)).ThenBy(j => j)
                .Take(count)
                .Select(j => new UnitRankChange(Units[j], nominal.Ranks[j]!.Value, removed.Ranks[j]!.Value)),
        ];
    }
}

/// <summary>How one unit's rank moves when an element is removed (<see cref="ElementRemovalResult.LargestRankChanges"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class UnitRankChange
{
    internal UnitRankChange(string unitId, int nominalRank, int rank)
    {
        UnitId = unitId;
        NominalRank = nominalRank;
        Rank = rank;
    }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the unit's rank in the nominal index.</summary>
    public int NominalRank { get; }

    /// <summary>Gets the unit's rank without the element.</summary>
    public int Rank { get; }

    /// <summary>Gets the nominal rank minus the rank without the element: positive when the unit moves up.</summary>
    public int RankChange => NominalRank - Rank;
}

/// <content>Leave-one-out: removing each element of a level.</content>
public static partial class IndexAudit
{
    /// <summary>
    /// Removes each element (indicator or group) of one level of the framework in turn, re-evaluates the index, and
    /// compares the scores and ranks of a node with the nominal ones: COINr's <c>remove_elements(coin, Level, dset, iCode)</c>.
    /// </summary>
    /// <remarks>
    /// <para>As COINr, "removing" an element means setting its weight in its parent to 0 and regenerating everything else
    /// unchanged. The element stays in the data and in every step, so steps that name it (denominators, imputation,
    /// screening, treatment, normalisation) run exactly as in the nominal index: nothing is rejected and nothing is
    /// edited. In the parent, a weighted mean (arithmetic, geometric, harmonic, power) divides by the sum of the
    /// remaining weights, so the element's share goes to its siblings in proportion to their weights: the same
    /// redistribution <see cref="RenormalizeWeights"/> makes for a missing child. The parent's missing-data rule still
    /// sees the element: when it is missing for a unit, <see cref="PropagateMissing"/> makes the group missing and
    /// <see cref="RenormalizeWeights"/> with <see cref="ShareBasis.Count"/> counts it among the absent children, while
    /// with <see cref="ShareBasis.Weight"/> it carries no weight; an out-of-domain value (e.g. 0 under a geometric
    /// mean) is treated as in the nominal run. This is what COINr's regenerated coin does (its <c>dat_thresh</c> counts
    /// every child; <c>a_genmean</c> propagates missing values). A parent whose weights come from a weighting method gets
    /// the weights that method resolved in the nominal run, with the element's set to 0 (COINr takes the weights
    /// Aggregate used). An aggregation that uses no weights (minimum, OWA, benefit of the doubt) is not changed by
    /// this: <see cref="ElementRemovalResult.Notes"/> says so (COINr's caveat).</para>
    /// <para>Ranks are competition ranks in descending order of score (R's <c>rank(-x, ties.method = "min")</c>); rank
    /// changes are nominal − new (COINr's <c>rankchg[2] - x</c>); the mean absolute rank change is NaN when any unit lacks
    /// a rank (R's <c>colMeans</c> without <c>na.rm</c>). A variant that cannot be evaluated (e.g. every sibling weight 0)
    /// gets NaN scores and a note.</para>
    /// <para>Source: COINr 1.1 <c>R/audit_tools.R</c> (W. Becker et al. 2022, <i>JOSS</i> 7(78), 4567).</para>
    /// </remarks>
    /// <param name="definition">The index definition.</param>
    /// <param name="panel">The data.</param>
    /// <param name="level">The level whose elements are removed: 1 (indicators) to the root's level − 1.</param>
    /// <param name="nodeId">The node whose scores and ranks are compared; <see langword="null"/> for the root.</param>
    /// <param name="cancellationToken">Cancels between evaluations.</param>
    /// <returns>The nominal and the removed runs.</returns>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not between 1 and the root's level − 1.</exception>
    /// <exception cref="UnknownKeyException">The node is not part of the index.</exception>
    /// <exception cref="CompositeIndexException">The nominal index cannot be evaluated on the data.</exception>
    public static ElementRemovalResult RemoveElements(IndexDefinition definition, Panel panel, int level, string? nodeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(panel);
        definition.Validate().ThrowIfInvalid();
        var fw = Framework.Of(definition);
        var top = fw.Level[fw.Root];
        if (level < 1 || level > top - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be between 1 (indicators) and the number of levels minus one ({top - 1}).");
        }

        var nominalResult = CompiledIndex.Compile(definition).Evaluate(panel, cancellationToken);
        var node = nodeId ?? nominalResult.RootId;
        var units = nominalResult.Units.Select(u => u.Id).ToImmutableArray();
        var periods = nominalResult.Periods;
        var nominal = periods.Select(p => Entry(null, p, nominalResult.GetScores(node, p).ToArray(), null)).ToImmutableArray();
        var elements = definition.Indicators.Select(i => i.Id).Concat(definition.Groups.Select(g => g.Id))
            .Where(id => fw.Level.TryGetValue(id, out var l) && l == level && fw.Parent.ContainsKey(id)).ToImmutableArray();
        var removals = ImmutableArray.CreateBuilder<ElementRemoval>(elements.Length * periods.Length);
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var g in definition.Groups.Where(g => g.Children.Any(c => elements.Contains(c.Id))))
        {
            var aggregation = g.Aggregation ?? definition.Aggregation ?? new ArithmeticAggregation();
            if (!aggregation.UsesWeights)
            {
                notes.Add($"Group '{g.Id}' aggregates with '{aggregation.MethodName}', which uses no weights: a weight of 0 does not remove its children there (COINr's caveat).");
            }
        }

        foreach (var element in elements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IndexResult? variant = null;
            try
            {
                variant = CompiledIndex.Compile(WithZeroWeight(definition, nominalResult, element)).Evaluate(panel, cancellationToken);
            }
            catch (CompositeIndexException ex)
            {
                notes.Add($"Without '{element}' the index cannot be evaluated: {ex.Message}");
            }

            for (var t = 0; t < periods.Length; t++)
            {
                var scores = variant is null ? Enumerable.Repeat(double.NaN, units.Length).ToArray() : variant.GetScores(node, periods[t]).ToArray();
                removals.Add(Entry(element, periods[t], scores, nominal[t].Ranks));
            }
        }

        return new ElementRemovalResult(level, node, units, periods, elements, nominal, removals.MoveToImmutable(), notes.ToImmutable());
    }

    /// <summary>The definition with an element's weight 0 in every group that lists it (fitted weights frozen at their nominal values).</summary>
    private static IndexDefinition WithZeroWeight(IndexDefinition definition, IndexResult nominal, string element) => definition with
    {
        Groups =
        [
            .. definition.Groups.Select(g =>
            {
                if (!g.Children.Any(c => c.Id == element))
                {
                    return g;
                }

                var fitted = g.Weighting is null ? null : nominal.Weights.FirstOrDefault(w => w.GroupId == g.Id && w.UnitId is null);
                var children = fitted is null
                    ? g.Children
                    : [.. g.Children.Select(c => c with { Weight = fitted.Weights[fitted.ChildIds.IndexOf(c.Id)] })];
                return g with
                {
                    Weighting = fitted is null ? g.Weighting : null,
                    Children = [.. children.Select(c => c.Id == element ? c with { Weight = 0 } : c)],
                };
            }),
        ],
    };

    private static ElementRemoval Entry(string? element, string period, double[] scores, ImmutableArray<int?>? nominalRanks)
    {
        var ranks = new int?[scores.Length];
        for (var j = 0; j < scores.Length; j++)
        {
            if (double.IsNaN(scores[j]))
            {
                continue;
            }

            var better = 0;
            foreach (var s in scores)
            {
                if (s > scores[j])
                {
                    better++;
                }
            }

            ranks[j] = better + 1;
        }

        var baseline = nominalRanks ?? [.. ranks];
        var changes = new int?[scores.Length];
        var sum = 0.0;
        var complete = true;
        for (var j = 0; j < scores.Length; j++)
        {
            changes[j] = baseline[j] - ranks[j];
            complete &= changes[j] is not null;
            sum += Math.Abs(changes[j] ?? 0);
        }

        return new ElementRemoval(element, period, [.. scores], [.. ranks], [.. changes], complete && scores.Length > 0 ? sum / scores.Length : double.NaN);
    }
}
