using CompositeIndex.Analysis;
using CompositeIndex.Tests.Sensitivity;

namespace CompositeIndex.Tests.Analysis;

/// <summary>Leave-one-out (<see cref="IndexAudit.RemoveElements"/>), COINr's remove_elements: hand-computed case and properties.</summary>
public class ElementRemovalTests
{
    [Fact]
    public void RemoveElements_ThreeIndicators_HandComputedScoresRanksAndMeanAbsoluteChange()
    {
        // Min-max [0, 100] leaves these columns unchanged (each spans 0..100); weights a 1, b 1, c 2.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Indicator("c")
            .Group("root", g => g.Add("a", 1).Add("b", 1).Add("c", 2)).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0).AddValue("c", "U1", "2024", 40)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100).AddValue("c", "U2", "2024", 100)
            .AddValue("a", "U3", "2024", 50).AddValue("b", "U3", "2024", 50).AddValue("c", "U3", "2024", 0)
            .Build();

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        Assert.Equal(["a", "b", "c"], r.Elements.ToArray());
        // Nominal: U1 = (100 + 0 + 2·40) / 4 = 45, U2 = (0 + 100 + 200) / 4 = 75, U3 = (50 + 50 + 0) / 4 = 25.
        Assert.Equal([45, 75, 25], r.Nominal[0].Scores.Select(s => Math.Round(s, 10)));
        Assert.Equal([2, 1, 3], r.Nominal[0].Ranks.ToArray());
        // Without c: (a + b) / 2 = 50 for every unit: all share rank 1; changes (nominal − new) 1, 0, 2; mean 1.
        var c = r.Get("c", "2024");
        Assert.Equal([50.0, 50.0, 50.0], c.Scores.ToArray());
        Assert.Equal([1, 1, 1], c.Ranks.ToArray());
        Assert.Equal([1, 0, 2], c.RankChanges.ToArray());
        Assert.Equal(1.0, c.MeanAbsoluteRankChange);
        Assert.Equal([("U3", 3, 1, 2), ("U1", 2, 1, 1)], r.LargestRankChanges("c", "2024", 5).Select(x => (x.UnitId, x.NominalRank, x.Rank, x.RankChange)));
        Assert.Equal([("U3", 3, 1, 2)], r.LargestRankChanges("c", "2024", 1).Select(x => (x.UnitId, x.NominalRank, x.Rank, x.RankChange)));
        Assert.Empty(r.LargestRankChanges("a", "2024", 5)); // nobody moves
        // Without a: (b + 2c) / 3 = 80/3, 100, 50/3: same order, mean change 0.
        var a = r.Get("a", "2024");
        Assert.Equal(80.0 / 3, a.Scores[0], 12);
        Assert.Equal(100.0, a.Scores[1], 12);
        Assert.Equal(0.0, a.MeanAbsoluteRankChange);
    }

    [Fact]
    public void RemoveElements_ZeroWeightElement_ChangesNothing()
    {
        var index = SensitivityFixtures.Index();
        index = index with { Groups = [.. index.Groups.Select(g => g.Id == "g1" ? g with { Children = [.. g.Children.Select(c => c.Id == "i1_2" ? c with { Weight = 0 } : c)] } : g)] };
        var panel = SensitivityFixtures.Panel(index);

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        Assert.Equal(9, r.Elements.Length);
        for (var t = 0; t < r.Periods.Length; t++)
        {
            var removed = r.Get("i1_2", r.Periods[t]);
            Assert.Equal(r.Nominal[t].Scores.ToArray(), removed.Scores.ToArray());
            Assert.Equal(0.0, removed.MeanAbsoluteRankChange);
        }

        Assert.Contains(r.Removals, x => x.MeanAbsoluteRankChange > 0); // the others do move someone
    }

    [Fact]
    public void RemoveElements_IdenticalElements_MeanAbsoluteRankChangeZero()
    {
        // Three groups of three indicators, every indicator the same column: removing any indicator or group leaves the order.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("x1").Indicator("x2").Indicator("y1").Indicator("y2")
            .Group("x", g => g.Add("x1", 1).Add("x2", 3))
            .Group("y", g => g.Add("y1", 2).Add("y2", 1))
            .Group("root", g => g.Add("x", 1).Add("y", 2)).Build();
        var b = new PanelBuilder();
        var values = new[] { 3.0, 9, 1, 7, 5, 8 };
        for (var j = 0; j < values.Length; j++)
        {
            foreach (var i in new[] { "x1", "x2", "y1", "y2" })
            {
                b.AddValue(i, $"u{j}", "2024", values[j]);
            }
        }

        var panel = b.Build();
        foreach (var level in new[] { 1, 2 })
        {
            var r = IndexAudit.RemoveElements(index, panel, level);
            Assert.Equal(level == 1 ? 4 : 2, r.Removals.Length);
            Assert.All(r.Removals, x => Assert.Equal(0.0, x.MeanAbsoluteRankChange));
        }
    }

    [Fact]
    public void RemoveElements_LevelOutOfRangeOrUnknownNode_Throws()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);

        Assert.Throws<ArgumentOutOfRangeException>(() => IndexAudit.RemoveElements(index, panel, 3)); // root is level 3: levels 1-2
        Assert.Throws<ArgumentOutOfRangeException>(() => IndexAudit.RemoveElements(index, panel, 0));
        Assert.Throws<UnknownKeyException>(() => IndexAudit.RemoveElements(index, panel, 2, "nope"));
        var g = IndexAudit.RemoveElements(index, panel, 2, "g0"); // a node other than the root: removing g0 leaves g0's own scores
        Assert.Equal(g.Nominal[0].Scores.ToArray(), g.Get("g0", g.Periods[0]).Scores.ToArray());
    }
    [Fact]
    public void RemoveElements_StepNamesRemovedIndicator_RunsTheStepAndRemovesTheIndicator()
    {
        // c is denominated by pop (a step naming c); a and b span 0..100 so min-max [0, 100] leaves them unchanged.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .AddStep(Denomination.By(("c", "pop")))
            .Indicator("a").Indicator("b").Indicator("c")
            .Group("x", g => g.Add("a", 1).Add("c", 1))
            .Group("root", g => g.Add("x", 1).Add("b", 1)).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0).AddValue("c", "U1", "2024", 10).AddValue("pop", "U1", "2024", 1)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100).AddValue("c", "U2", "2024", 10).AddValue("pop", "U2", "2024", 10)
            .AddValue("a", "U3", "2024", 50).AddValue("b", "U3", "2024", 20).AddValue("c", "U3", "2024", 10).AddValue("pop", "U3", "2024", 2)
            .Build();

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        Assert.Empty(r.Notes);
        // c/pop = 10, 1, 5 -> min-max 100, 0, 4/9·100. Without c the group x is a alone: root = (a + b) / 2 = 50, 50, 35.
        var c = r.Get("c", "2024");
        Assert.Equal([50.0, 50.0, 35.0], c.Scores.ToArray());
        Assert.Equal([1, 1, 3], c.Ranks.ToArray());
        // Nominal: x = (a + c) / 2 = 100, 0, (50 + 400/9) / 2; root = (x + b) / 2 = 50, 50, (50 + 400/9) / 4 + 10.
        Assert.Equal(50.0, r.Nominal[0].Scores[0], 12);
        Assert.Equal(((50 + (400.0 / 9)) / 4) + 10, r.Nominal[0].Scores[2], 12);
        // Level 2: removing x leaves b alone.
        var groups = IndexAudit.RemoveElements(index, panel, level: 2);
        Assert.Equal([0.0, 100.0, 20.0], groups.Get("x", "2024").Scores.ToArray());
    }

    [Fact]
    public void RemoveElements_PropagateMissing_MissingRemovedChildStillMakesTheGroupMissing()
    {
        // COINr regenerates with the element's weight 0 but the element still in the data: under a propagating
        // missing-data rule a missing value of the removed child still makes the unit's score missing.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100)).MissingData(new PropagateMissing())
            .Indicator("a").Indicator("b").Indicator("c")
            .Group("root", g => g.Add("a", 1).Add("b", 1).Add("c", 1)).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0).AddValue("c", "U1", "2024", 0)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100).AddValue("c", "U2", "2024", 100)
            .AddValue("a", "U3", "2024", 50).AddValue("b", "U3", "2024", 50)
            .Build();

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        var c = r.Get("c", "2024");
        Assert.Equal(50.0, c.Scores[0]);
        Assert.Equal(50.0, c.Scores[1]);
        Assert.True(double.IsNaN(c.Scores[2]));
        Assert.Null(c.Ranks[2]);
        Assert.True(double.IsNaN(c.MeanAbsoluteRankChange)); // R's colMeans without na.rm
    }

    [Fact]
    public void RemoveElements_WeightlessAggregation_SaysSoInNotes()
    {
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a", 1).Add("b", 1).Aggregate(new MinimumAggregation())).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100)
            .Build();

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        Assert.Contains(r.Notes, n => n.Contains("'root'", StringComparison.Ordinal) && n.Contains("uses no weights", StringComparison.Ordinal));
    }
    [Fact]
    public void RemoveElements_LastWeightedSibling_ScoresMissingWithANote()
    {
        // x = a (weight 1) + c (weight 0): without a, every weight of x is 0 and the definition is rejected.
        var index = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 100))
            .Indicator("a").Indicator("b").Indicator("c")
            .Group("x", g => g.Add("a", 1).Add("c", 0))
            .Group("root", g => g.Add("x", 1).Add("b", 1)).Build();
        var panel = new PanelBuilder()
            .AddValue("a", "U1", "2024", 100).AddValue("b", "U1", "2024", 0).AddValue("c", "U1", "2024", 40)
            .AddValue("a", "U2", "2024", 0).AddValue("b", "U2", "2024", 100).AddValue("c", "U2", "2024", 100)
            .Build();

        var r = IndexAudit.RemoveElements(index, panel, level: 1);

        var a = r.Get("a", "2024");
        Assert.All(a.Scores, s => Assert.True(double.IsNaN(s)));
        Assert.True(double.IsNaN(a.MeanAbsoluteRankChange));
        Assert.Contains(r.Notes, n => n.StartsWith("Without 'a' the index cannot be evaluated", StringComparison.Ordinal));
        Assert.Equal(0.0, r.Get("c", "2024").MeanAbsoluteRankChange);
    }
}
