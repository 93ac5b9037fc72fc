namespace CompositeIndex.Tests.Evaluation;

public class EvaluationTests
{
    // Two pillars: p1 = {a, b} (arithmetic), p2 = {c}; root = p1 (weight 2) + p2 (weight 1).
    private static IndexDefinition Def(AggregationMethod? rootAgg = null, MissingDataPolicy? missing = null) => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c", i => i.LowerIsBetter())
        .Group("p1", g => g.Add("a").Add("b"))
        .Group("p2", g => g.Add("c"))
        .Group("root", g => { g.Add("p1", 2).Add("p2", 1); if (rootAgg is not null) { g.Aggregate(rootAgg); } })
        .Normalize(Normalization.MinMax())
        .MissingData(missing ?? MissingData.Renormalize())
        .Build();

    private static Panel Data(double bOfU2 = 10) => new PanelBuilder()
        .AddValue("a", "u1", "2020", 0).AddValue("a", "u2", "2020", 10).AddValue("a", "u3", "2020", 5)
        .AddValue("b", "u1", "2020", 0).AddValue("b", "u2", "2020", bOfU2).AddValue("b", "u3", "2020", double.NaN)
        .AddValue("c", "u1", "2020", 1).AddValue("c", "u2", "2020", 3).AddValue("c", "u3", "2020", 2)
        .Build();

    [Fact]
    public void Evaluate_HierarchyByHand()
    {
        var r = CompiledIndex.Compile(Def()).Evaluate(Data());
        // u1: a=0, b=0 -> p1=0; c=1 is best (negative) -> 100; root = (2*0 + 100)/3
        Assert.Equal(100.0 / 3, r.GetScore("root", "u1", "2020"), 12);
        // u2: p1 = 100; c=3 worst -> 0; root = 200/3
        Assert.Equal(200.0 / 3, r.GetScore("root", "u2", "2020"), 12);
        // u3: b missing -> p1 = a = 50 (weights re-normalised); c=2 -> 50; root = 50
        Assert.Equal(50, r.GetScore("p1", "u3", "2020"), 12);
        Assert.Equal(50, r.GetScore("root", "u3", "2020"), 12);
    }

    [Fact]
    public void Evaluate_PropagatePolicy_MakesGroupMissing()
    {
        var r = CompiledIndex.Compile(Def(missing: MissingData.Propagate())).Evaluate(Data());
        Assert.True(double.IsNaN(r.GetScore("p1", "u3", "2020")));
        Assert.True(double.IsNaN(r.GetScore("root", "u3", "2020")));
        Assert.Contains(r.Audit, a => a.NodeId == "p1" && a.UnitId == "u3");
        Assert.Null(r.GetRank("root", "u3", "2020"));
    }

    [Fact]
    public void Evaluate_MinShareNotMet_GroupMissing()
    {
        var r = CompiledIndex.Compile(Def(missing: MissingData.Renormalize(0.6))).Evaluate(Data());
        Assert.True(double.IsNaN(r.GetScore("p1", "u3", "2020")));
        // root: p2 present carries 1/3 of the weight < 0.6
        Assert.True(double.IsNaN(r.GetScore("root", "u3", "2020")));
    }

    [Fact]
    public void Ranks_TiesShareTheBestRank()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.MinMax()).Build();
        var panel = new PanelBuilder().AddValue("a", "w", "1", 1).AddValue("a", "x", "1", 5).AddValue("a", "y", "1", 5).AddValue("a", "z", "1", 9).AddValue("a", "n", "1", double.NaN).Build();
        var ranks = CompiledIndex.Compile(def).Evaluate(panel).GetRanks("root", "1");
        Assert.Equal([4, 2, 2, 1, null], ranks.AsEnumerable());
    }

    [Fact]
    public void Contributions_SumToScores_Arithmetic()
    {
        var r = CompiledIndex.Compile(Def()).Evaluate(Data());
        foreach (var unit in new[] { "u1", "u2", "u3" })
        {
            var c = r.ExplainScore(r.RootId, unit, "2020");
            var root = r.GetScore("root", unit, "2020");
            Assert.Equal(root, c.Where(x => x.IsIndicator).Sum(x => x.ToTarget), 10);
            Assert.Equal(root, c.Where(x => x.ParentId == "root").Sum(x => x.ToParent), 10);
        }

        // u2: p1 = 100 with weight 2/3 -> contributes 66.67 to root; a and b split it equally.
        var u2 = r.ExplainScore(r.RootId, "u2", "2020");
        Assert.Equal(100.0 / 3, u2.Single(x => x.NodeId == "a").ToTarget, 10);
        Assert.Equal(2.0 / 3, u2.Single(x => x.NodeId == "p1").Weight, 12);
    }

    [Fact]
    public void Contributions_SumToScores_Geometric()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a", 1).Add("b", 3).Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.MinMax(1, 100)).Build();
        var panel = new PanelBuilder().AddValue("a", "u1", "1", 0).AddValue("a", "u2", "1", 7).AddValue("b", "u1", "1", 3).AddValue("b", "u2", "1", 2).AddValue("a", "u3", "1", 9).AddValue("b", "u3", "1", 0).Build();
        var r = CompiledIndex.Compile(def).Evaluate(panel);
        var c = r.ExplainScore(r.RootId, "u2", "1");
        Assert.Equal(r.GetScore("root", "u2", "1"), c.Sum(x => x.ToTarget), 10);
    }

    [Fact]
    public void Evaluate_GeometricWithZero_ThrowsNamingGroupChildUnit()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.MinMax()).Build();
        var ex = Assert.Throws<NumericalException>(() => CompiledIndex.Compile(def).Evaluate(Data()));
        Assert.Equal("root", ex.NodeId);
        Assert.Equal("u1", ex.UnitId);
        Assert.Contains("positive values", ex.Message);
        Assert.Contains("child 'a'", ex.Message);
    }

    [Fact]
    public void Evaluate_MissingIndicatorColumn_ThrowsDataException()
    {
        var panel = new PanelBuilder().AddValue("a", "u1", "1", 1).Build();
        var ex = Assert.Throws<IndexDataException>(() => CompiledIndex.Compile(Def()).Evaluate(panel));
        Assert.Contains("'b'", ex.Message);
        Assert.Contains("'c'", ex.Message);
    }

    [Fact]
    public void Evaluate_DoesNotMutatePanelOrDefinition()
    {
        var def = Def();
        var panel = Data();
        var before = panel.RawValues.ToArray();
        var defCopy = def with { };
        CompiledIndex.Compile(def).Evaluate(panel);
        Assert.Equal(before, panel.RawValues);
        Assert.Equal(defCopy, def);
    }

    [Fact]
    public void WriteCsv_IsLongFormatWithRanks()
    {
        var r = CompiledIndex.Compile(Def()).Evaluate(Data());
        var sw = new StringWriter();
        r.WriteCsv(sw);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("unit,unit_name,period,node,node_name,kind,score,rank", lines[0]);
        Assert.Equal(1 + (3 * 6), lines.Length);
        var root = lines.Single(l => l.StartsWith("u2,u2,2020,root,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(200.0 / 3, double.Parse(root[6], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("1", root[7]);
    }

    [Fact]
    public void WriteJson_IsValidJsonWithScores()
    {
        var r = CompiledIndex.Compile(Def()).Evaluate(Data());
        using var ms = new MemoryStream();
        r.WriteJson(ms);
        using var doc = System.Text.Json.JsonDocument.Parse(ms.ToArray());
        Assert.Equal(18, doc.RootElement.GetProperty("scores").GetArrayLength());
        Assert.Equal("root", doc.RootElement.GetProperty("index").GetProperty("root").GetString());
    }
}
