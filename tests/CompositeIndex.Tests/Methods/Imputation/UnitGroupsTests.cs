using System.Collections.Immutable;
using CompositeIndex.Tests.Methods.Pipeline;

namespace CompositeIndex.Tests.Methods.Imputation;

/// <summary>The unit groupings column imputation uses, cached on the panel, against their definition.</summary>
public class UnitGroupsTests
{
    private const double NA = double.NaN;

    [Fact]
    public void GroupsBy_RandomAttributes_CachedGroupingIsTheDefinitionAndIsKept()
    {
        var rng = new Random(2212);
        var checkedGroupings = 0;
        for (var k = 0; k < 300; k++)
        {
            var n = rng.Next(0, 30);
            var values = new[] { "A", "B", "C", string.Empty, "NA" };
            var units = Enumerable.Range(0, n).Select(u =>
            {
                var attributes = ImmutableSortedDictionary<string, string>.Empty;
                foreach (var a in new[] { "g", "h" })
                {
                    if (rng.Next(6) != 0)
                    {
                        attributes = attributes.Add(a, values[rng.Next(rng.Next(3) == 0 ? 5 : 3)]);
                    }
                }

                return new UnitInfo($"u{u}") { Attributes = attributes };
            }).ToImmutableArray();
            var panel = new Panel(units, ["2020"], ["x"], new double[n]);
            foreach (var attribute in new[] { "g", null, "h", "absent", "g" })
            {
                var first = panel.GroupsBy(attribute);
                AssertDefinition(units, attribute, first);
                Assert.Same(first, panel.GroupsBy(attribute)); // kept, not rebuilt
                checkedGroupings++;
            }
        }

        Assert.True(checkedGroupings >= 1500, $"checked {checkedGroupings}");
    }

    [Fact]
    public void GroupsBy_MoreAttributesThanKept_EveryGroupingStillTheDefinition()
    {
        var units = Enumerable.Range(0, 12).Select(u => new UnitInfo($"u{u}")
        {
            Attributes = Enumerable.Range(0, Panel.MaxCachedGroupings + 4).ToImmutableSortedDictionary(a => $"a{a}", a => $"v{(u * (a + 1)) % 3}", StringComparer.Ordinal),
        }).ToImmutableArray();
        var panel = new Panel(units, ["2020"], ["x"], new double[units.Length]);
        for (var round = 0; round < 2; round++)
        {
            for (var a = 0; a < Panel.MaxCachedGroupings + 4; a++)
            {
                AssertDefinition(units, $"a{a}", panel.GroupsBy($"a{a}"));
            }

            Assert.Equal(Panel.MaxCachedGroupings, panel.KeptGroupings);
        }
    }

    [Fact]
    public void GroupsBy_ManyThreads_AllSeeOneEqualGroupingPerAttribute()
    {
        var units = Enumerable.Range(0, 40).Select(u => new UnitInfo($"u{u}")
        {
            Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("g", $"v{u % 4}").Add("h", u % 5 == 0 ? "NA" : $"w{u % 2}"),
        }).ToImmutableArray();
        for (var k = 0; k < 20; k++)
        {
            var panel = new Panel(units, ["2020"], ["x"], new double[units.Length]);
            var seen = new UnitGroups[64];
            Parallel.For(0, seen.Length, i => seen[i] = panel.GroupsBy(i % 2 == 0 ? "g" : "h"));
            for (var i = 0; i < seen.Length; i++)
            {
                AssertDefinition(units, i % 2 == 0 ? "g" : "h", seen[i]);
            }

            Assert.Same(panel.GroupsBy("g"), panel.GroupsBy("g"));
        }
    }

    [Fact]
    public void GroupMean_UnitsScreenedOutBefore_MeanOverTheRemainingUnitsOnly()
    {
        // Group A: p = 1, q = 3, r missing, s = 101 but s lacks b and c, so screening at 50 % removes it first (r and v keep 2 of 3): r = (1 + 3) / 2.
        // Group B: t = 10, v missing: v = 10. Without screening, r = (1 + 3 + 101) / 3 = 35.
        var rows = new List<(string, string, string, double)>();
        foreach (var (u, a) in new[] { ("p", 1.0), ("q", 3.0), ("r", NA), ("s", 101.0), ("t", 10.0), ("v", NA) })
        {
            rows.Add((u, "2020", "a", a));
            rows.Add((u, "2020", "b", u == "s" ? NA : 2));
            rows.Add((u, "2020", "c", u == "s" ? NA : 5));
        }

        var plain = PipelineTestData.Panel([.. rows]);
        var pb = plain.ToBuilder();
        foreach (var (u, g) in new[] { ("p", "A"), ("q", "A"), ("r", "A"), ("s", "A"), ("t", "B"), ("v", "B") })
        {
            pb.AddUnit(new UnitInfo(u) { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("grp", g) });
        }

        var panel = pb.Build();
        var unscreened = PipelineTestData.Prepare(panel, CompositeIndex.Imputation.GroupMean("grp")); // fills the panel's grouping cache
        Assert.Equal(35.0, unscreened.Data.GetValue("a", "r", "2020"));

        var screened = PipelineTestData.Prepare(panel, CompositeIndex.Screening.ByMissing(0.5), CompositeIndex.Imputation.GroupMean("grp"));
        Assert.Equal(["p", "q", "r", "t", "v"], screened.Data.Units.ToArray());
        Assert.Equal(["s"], screened.RemovedUnits.ToArray());
        Assert.Equal(2.0, screened.Data.GetValue("a", "r", "2020"));
        Assert.Equal(10.0, screened.Data.GetValue("a", "v", "2020"));
        var imputed = screened.Reports.OfType<ImputedValue>().Select(r => (r.IndicatorId, r.UnitId, r.Period, r.Value)).ToArray();
        Assert.Equal([("a", "r", "2020", 2.0), ("a", "v", "2020", 10.0)], imputed);
        var audit = screened.Audit.Where(e => e.Step == ColumnImputation.Name).Select(e => (e.NodeId, e.UnitId, e.Period, e.Message)).ToArray();
        Assert.Equal([("a", "r", "2020", "imputed: mean of group 'A' of 'grp'."), ("a", "v", "2020", "imputed: mean of group 'B' of 'grp'.")], audit);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GroupStatistic_UnitsAlreadyInGroupOrder_MissingInOneOrInTwoGroups(bool median)
    {
        // Units in group order (A: p q r, B: s t v w), so each group's values are read in place. Column a lacks a value in
        // group B only; column b in both groups; column c in group A only.
        var rows = new List<(string, string, string, double)>();
        var a = new[] { 1.0, 2, 6, 10, NA, 20, 60 };
        var b = new[] { NA, 4, 8, NA, 1, 2, 3 };
        var c = new[] { 5.0, NA, 7, 1, 1, 1, 1 };
        var names = new[] { "p", "q", "r", "s", "t", "v", "w" };
        for (var u = 0; u < names.Length; u++)
        {
            rows.Add((names[u], "2020", "a", a[u]));
            rows.Add((names[u], "2020", "b", b[u]));
            rows.Add((names[u], "2020", "c", c[u]));
        }

        var pb = PipelineTestData.Panel([.. rows]).ToBuilder();
        for (var u = 0; u < names.Length; u++)
        {
            pb.AddUnit(new UnitInfo(names[u]) { Attributes = ImmutableSortedDictionary<string, string>.Empty.Add("grp", u < 3 ? "A" : "B") });
        }

        var panel = pb.Build();
        Assert.True(panel.GroupsBy("grp").IsIdentity);
        var step = median ? CompositeIndex.Imputation.GroupMedian("grp") : CompositeIndex.Imputation.GroupMean("grp");
        var p = PipelineTestData.Prepare(panel, step);
        Assert.Equal(median ? 20.0 : 30.0, p.Data.GetValue("a", "t", "2020")); // B: 10, 20, 60
        Assert.Equal(6.0, p.Data.GetValue("b", "p", "2020")); // A: 4, 8
        Assert.Equal(2.0, p.Data.GetValue("b", "s", "2020")); // B: 1, 2, 3
        Assert.Equal(6.0, p.Data.GetValue("c", "q", "2020")); // A: 5, 7
        Assert.Equal([("a", "t"), ("b", "p"), ("b", "s"), ("c", "q")], p.Reports.OfType<ImputedValue>().Select(r => (r.IndicatorId, r.UnitId)).ToArray());
    }

    [Theory]
    [InlineData("impute")]
    [InlineData("screen")]
    [InlineData("treat")]
    public void Steps_PanelLacksAnIndicator_ThrowNamingTheIndicatorAndThePurpose(string step)
    {
        var panel = PipelineTestData.Panel(("x", "1", "a", 1), ("y", "1", "a", 2), ("x", "1", "c", 3), ("y", "1", "c", NA));
        PipelineStep s = step switch
        {
            "impute" => CompositeIndex.Imputation.ColumnMean(),
            "screen" => CompositeIndex.Screening.ByMissing(0.5),
            _ => CompositeIndex.Treatment.Winsorize(),
        };
        var purpose = step switch { "impute" => "an indicator to impute", "screen" => "an indicator to screen on", _ => "an indicator to treat" };
        var e = Assert.Throws<IndexDataException>(() => PipelineTestData.Prepare(panel, s));
        Assert.StartsWith($"The data has no variable 'b' ({purpose})", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The documented grouping, computed directly: groups in order of first appearance, members in unit order, absent/empty/NA in none.</summary>
    private static void AssertDefinition(ImmutableArray<UnitInfo> units, string? attribute, UnitGroups groups)
    {
        string? Of(UnitInfo u) => attribute is null ? "all units" : u.Attributes.TryGetValue(attribute, out var v) && v is not ("" or "NA") ? v : null;
        var names = units.Select(Of).Where(g => g is not null).Distinct().ToList();
        if (attribute is null)
        {
            names = ["all units"];
        }

        Assert.Equal(attribute, groups.Attribute);
        Assert.Equal(names, groups.Names);
        Assert.Equal(units.Select(u => Of(u) is { } g ? names.IndexOf(g) : -1), groups.Group);
        var order = names.SelectMany(g => Enumerable.Range(0, units.Length).Where(u => Of(units[u]) == g)).ToArray();
        Assert.Equal(order, groups.Order);
        var start = new[] { 0 }.Concat(names.Select((g, i) => names.Take(i + 1).Sum(h => units.Count(u => Of(u) == h)))).ToArray();
        Assert.Equal(start, groups.Start);
        Assert.Equal(order.SequenceEqual(Enumerable.Range(0, units.Length)), groups.IsIdentity);
        Assert.Equal(order.Length > 0, groups.Any);
        Assert.Equal(names.Select(g => attribute is null ? "imputed: column mean." : $"imputed: mean of group '{g}' of '{attribute}'."), groups.MeanMessages);
        Assert.Equal(names.Select(g => attribute is null ? "imputed: column median." : $"imputed: median of group '{g}' of '{attribute}'."), groups.MedianMessages);
    }
}
