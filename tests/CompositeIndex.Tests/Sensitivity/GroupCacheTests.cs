using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>
/// Issue #22: a worker's group scores are cached under the key of what they are a function of (method, child column
/// contents or child entries, weight bits, cell count, and the missing-data policy on the cell-by-cell path), and reused
/// across runs and across variants. A cached group score must equal a recomputation bit for bit: one workspace that
/// keeps its cache is compared with a fresh workspace per evaluation (nothing reused) over a random walk of variants and
/// weights of the kind a Saltelli design makes (one factor changed at a time, changes undone, variants alternating).
/// The variants are chosen so that dropping any part of the key gives a wrong score: the root's method (arithmetic /
/// geometric), the child columns (per-period / pooled normalisation), the children (an indicator excluded), the policy
/// (minimum share 0 / 0.6 with gaps), the weights (every step).
/// </summary>
public class GroupCacheTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void CachedGroupScores_EqualRecomputation_OverVariantsAndWeights(double missingShare)
    {
        var index = SensitivityFixtures.Index(3, 4);
        var panel = SensitivityFixtures.Panel(index, units: 19, periods: 2, seed: 4, missingShare: missingShare);
        IndexDefinition[] definitions =
        [
            index,
            DefinitionEditor.WithAggregation(index, "root", Aggregation.Geometric()),
            DefinitionEditor.ExcludeIndicator(index, "i1_2"),
            DefinitionEditor.WithNormalization(index, null, Normalization.MinMax(1, 100, NormalizationReference.Pooled)),
            index with { MissingData = new RenormalizeWeights(0.6) },
            DefinitionEditor.WithAggregation(index, "g1", Aggregation.Harmonic()),
        ];
        var plans = new[]
        {
            new FactorPlan(new UniformWeightsFactor("g0", 0.4), 0, index, 5),
            new FactorPlan(new UniformWeightsFactor("g2", 0.4), 1, index, 5),
            new FactorPlan(new DirichletWeightsFactor("root", 10), 2, index, 5),
        };
        var ids = new ContentIds();
        var variants = definitions.Select(d => new Variant(d, panel, plans, "root", panel.Units, panel.Periods, ids)).ToArray();
        var cached = new Workspace(2, 19, variants.Max(v => v.MaxChildren), plans.Length, plans);
        var size = 2 * 19;
        var rng = new Random(17);
        var u = new[] { 0.5, 0.5, 0.5 };
        var previous = (double[])u.Clone();
        var v = 0;
        long crossVariantHits = 0;
        var compared = 0;
        for (var rep = 0; rep < 400; rep++)
        {
            var switched = rng.Next(3) == 0;
            if (switched)
            {
                v = rng.Next(variants.Length);
            }

            if (rng.Next(2) == 0)
            {
                // Change one coordinate, or undo its last change (as AB_(i+1) undoes AB_i).
                var f = rng.Next(3);
                (u[f], previous[f]) = rng.Next(2) == 0 ? (previous[f], u[f]) : (rng.NextDouble(), u[f]);
            }

            var weights = new double[]?[plans.Length];
            for (var f = 0; f < plans.Length; f++)
            {
                weights[f] = new double[plans[f].ChildIds.Length];
                plans[f].FillWeights(u[f], weights[f]);
            }

            var variant = variants[v];
            var hitsBefore = cached.Groups?.Hits ?? 0;
            variant.Evaluate(cached, weights);
            if (switched)
            {
                crossVariantHits += cached.Groups!.Hits - hitsBefore;
            }

            var fresh = new Workspace(2, 19, variant.MaxChildren, plans.Length, plans);
            variant.Evaluate(fresh, weights);
            Assert.Equal(0, fresh.Groups!.Hits);
            for (var g = 0; g < variant.GroupCount; g++)
            {
                var expected = fresh.Groups.Current[g].Scores;
                var actual = cached.Groups!.Current[g].Scores;
                for (var cell = 0; cell < size; cell++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[cell]), BitConverter.DoubleToInt64Bits(actual[cell]));
                    compared++;
                }

                Assert.Equal(fresh.Groups.Current[g].Dense, cached.Groups.Current[g].Dense);
            }
        }

        // The walk must actually reuse scores, within a variant and across variants, and recompute others.
        Assert.Equal(400 * 4 * size, compared);
        Assert.InRange(cached.Groups!.Hits, 300, 1600);
        Assert.InRange(cached.Groups.Misses, 100, 1600);
        Assert.True(crossVariantHits > 20, $"{crossVariantHits} groups reused right after a change of variant");
        Assert.Equal(1600, cached.Groups.Hits + cached.Groups.Misses);
    }

    /// <summary>
    /// A workspace evaluated with its own weight buffers (as the runner does: refilled in place, their version bumped)
    /// takes a group's entry from the previous evaluation of the same variant when its weights and child groups did not
    /// change. Its scores must equal a fresh recomputation bit for bit, and its hit and miss counts must equal those of a
    /// workspace that looks every key up (weights passed in other arrays), step by step: the reuse is a cache hit of the
    /// same entry, not a different cache.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void WorkspaceWeights_UnchangedGroupsReused_EqualRecomputationAndLookups(double missingShare)
    {
        var index = SensitivityFixtures.Index(3, 4);
        var panel = SensitivityFixtures.Panel(index, units: 19, periods: 2, seed: 6, missingShare: missingShare);
        IndexDefinition[] definitions =
        [
            index,
            DefinitionEditor.WithAggregation(index, "root", Aggregation.Geometric()),
            DefinitionEditor.ExcludeIndicator(index, "i1_2"),
            index with { MissingData = new RenormalizeWeights(0.6) },
        ];
        var plans = new[]
        {
            new FactorPlan(new UniformWeightsFactor("g0", 0.4), 0, index, 5),
            new FactorPlan(new UniformWeightsFactor("g2", 0.4), 1, index, 5),
            new FactorPlan(new DirichletWeightsFactor("root", 10), 2, index, 5),
        };
        var ids = new ContentIds();
        var variants = definitions.Select(d => new Variant(d, panel, plans, "root", panel.Units, panel.Periods, ids)).ToArray();
        var maxChildren = variants.Max(v => v.MaxChildren);
        var own = new Workspace(2, 19, maxChildren, plans.Length, plans);
        var lookup = new Workspace(2, 19, maxChildren, plans.Length, plans);
        var size = 2 * 19;
        var rng = new Random(23);
        var u = new[] { 0.5, 0.5, 0.5 };
        var previous = (double[])u.Clone();
        var v = 0;
        var compared = 0;
        for (var rep = 0; rep < 600; rep++)
        {
            if (rng.Next(4) == 0)
            {
                v = rng.Next(variants.Length);
            }

            var f = rng.Next(3);
            switch (rng.Next(3))
            {
                case 0:
                    (u[f], previous[f]) = (previous[f], u[f]); // undo the last change, as AB_(i+1) undoes AB_i
                    break;
                case 1:
                    (u[f], previous[f]) = (rng.NextDouble(), u[f]);
                    break;
                default:
                    break; // nothing changes: every group of the same variant is reused
            }

            // The runner's protocol: a buffer is refilled (and its version bumped) only when its coordinate changes.
            var copies = new double[]?[plans.Length];
            for (var p = 0; p < plans.Length; p++)
            {
                own.BindWeights(p, plans[p], u[p]);
                copies[p] = (double[])own.FactorWeights[p]!.Clone();
            }

            var variant = variants[v];
            variant.Evaluate(own, own.FactorWeights);
            variant.Evaluate(lookup, copies);
            Assert.Equal(lookup.Groups!.Hits, own.Groups!.Hits);
            Assert.Equal(lookup.Groups.Misses, own.Groups.Misses);
            var fresh = new Workspace(2, 19, variant.MaxChildren, plans.Length, plans);
            variant.Evaluate(fresh, copies);
            for (var g = 0; g < variant.GroupCount; g++)
            {
                var expected = fresh.Groups!.Current[g].Scores;
                var actual = own.Groups.Current[g].Scores;
                for (var cell = 0; cell < size; cell++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[cell]), BitConverter.DoubleToInt64Bits(actual[cell]));
                    compared++;
                }

                Assert.Equal(fresh.Groups.Current[g].Dense, own.Groups.Current[g].Dense);
            }
        }

        Assert.Equal(600 * 4 * size, compared);
        Assert.True(own.Groups!.Hits > 600, $"{own.Groups.Hits} hits");
    }

    [Fact]
    public void ContentIds_EqualBitsShareAnId_AnyDifferenceGetsAnother()
    {
        var ids = new ContentIds();
        double[] a = [9, 1.5, -0.0, double.NaN, 3, 7];
        double[] b = [1.5, -0.0, double.NaN, 3];
        var first = ids.Column(a, 1, 4);
        Assert.Equal(first, ids.Column(b, 0, 4)); // same bits in another array at another offset
        Assert.Equal(first, ids.Column(a, 1, 4));
        Assert.NotEqual(first, ids.Column([1.5, 0.0, double.NaN, 3], 0, 4)); // +0 vs −0
        Assert.NotEqual(first, ids.Column([1.5, -0.0, BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(double.NaN) ^ 1), 3], 0, 4)); // another NaN payload
        Assert.NotEqual(first, ids.Column(a, 1, 3)); // a prefix
        Assert.NotEqual(first, ids.Column(a, 0, 4));
        Assert.Equal(ids.Slot("g1"), ids.Slot("g1"));
        Assert.NotEqual(ids.Slot("g1"), ids.Slot("g2"));
    }

    [Fact]
    public void ContentIds_OverTheMemoryBound_NewColumnsGetFreshIdsNeverShared()
    {
        var ids = new ContentIds();
        var big = new double[ContentIds.MaxRemembered]; // remembered: the bound is now used up
        var kept = ids.Column(big, 0, 4);
        double[] other = [1, 2, 3, 4];
        var once = ids.Column(other, 0, 4);
        var twice = ids.Column(other, 0, 4);
        Assert.NotEqual(once, twice); // not remembered, so not shared (reuse lost, never wrong)
        Assert.NotEqual(kept, once);
        Assert.Equal(kept, ids.Column(new double[4], 0, 4)); // what was remembered before the bound still is
    }

    [Fact]
    public void ContentIds_NotRemembered_FindsRememberedColumnsButKeepsNoNewOne()
    {
        // A variant built for one value of a continuous factor shares the columns it has in common with remembered ones,
        // and its new columns get fresh ids without being kept (the runner's memory does not grow per continuous value).
        var ids = new ContentIds();
        var kept = ids.Column([1.0, 2.0, 3.0], 0, 3);
        Assert.Equal(kept, ids.Column([1.0, 2.0, 3.0], 0, 3, out _, out _, remember: false));
        var fresh = ids.Column([4.0, 5.0, 6.0], 0, 3, out var canonical, out _, remember: false);
        Assert.Equal([4.0, 5.0, 6.0], canonical);
        var again = ids.Column([4.0, 5.0, 6.0], 0, 3, out _, out _, remember: false);
        Assert.NotEqual(fresh, again);
        Assert.NotEqual(kept, fresh);
        Assert.NotEqual(ids.Column([4.0, 5.0, 6.0], 0, 3), fresh); // remembered now, under a new id
    }
}
