using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.WeightingMethods;

public class AhpWeightingTests
{
    private static (string[] Ids, double[][] Matrix) ReadMatrix(string file)
    {
        var lines = File.ReadAllLines(SharedData.PathOf("method-examples", "ahp", file)).Where(l => l.Length > 0).ToArray();
        var ids = lines[0].Split(',').Skip(1).ToArray();
        var m = lines.Skip(1).Select(l => l.Split(',').Skip(1).Select(Parse).ToArray()).ToArray();
        return (ids, m);

        static double Parse(string s)
        {
            var parts = s.Split('/');
            return parts.Length == 2
                ? double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture)
                : double.Parse(s, CultureInfo.InvariantCulture);
        }
    }

    private static Dictionary<string, double> Expected()
    {
        return File.ReadAllLines(SharedData.PathOf("method-examples", "ahp", "drinks_expected.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).ToDictionary(c => c[0], c => double.Parse(c[1], CultureInfo.InvariantCulture));
    }

    [SharedDataTheory("method-examples")]
    [InlineData(RandomIndexTable.Saaty1980)]
    [InlineData(RandomIndexTable.Saaty2005)]
    public void Priorities_SaatyDrinks_MatchPublishedPrioritiesAndCrAt3Dp(RandomIndexTable table)
    {
        var (ids, m) = ReadMatrix("drinks_matrix.csv");
        var expected = Expected();
        var result = AhpWeighting.Priorities(m, table);
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(expected[ids[i]], Math.Round(result.Weights[i], 3), 10);
        }

        Assert.Equal(expected["consistency_ratio"], Math.Round(result.ConsistencyRatio, 3), 10);
        Assert.Equal(7.176629, result.LambdaMax, 5); // README: λmax recomputed with R
    }

    [SharedDataFact("method-examples")]
    public void Evaluate_SaatyDrinksAsGroupWeighting_RecordsPublishedWeightsAndCr()
    {
        var (ids, m) = ReadMatrix("drinks_matrix.csv");
        var b = IndexBuilder.Create("d", "Drinks").Normalize(Normalization.MinMax());
        foreach (var id in ids)
        {
            b.Indicator(id);
        }

        var def = b.Group("root", g => g.Add(ids).Weight(Weighting.Ahp(PairwiseComparisons.FromMatrix("Saaty", ids, m)))).Build();
        var pb = new PanelBuilder();
        foreach (var id in ids)
        {
            pb.AddValue(id, "x", "2008", 1).AddValue(id, "y", "2008", 2);
        }

        var report = CompiledIndex.Compile(def).Evaluate(pb.Build()).Weights.Single();
        Assert.Equal(AhpWeighting.Name, report.MethodName);
        var expected = Expected();
        foreach (var id in ids)
        {
            Assert.Equal(expected[id], Math.Round(report.WeightOf(id), 3), 10);
        }

        Assert.Equal(0.022, Math.Round(report.Diagnostics.First(d => d.Name == "consistencyRatio" && d.Qualifier is null).Value, 3), 10);
    }

    [Property(MaxTest = 200)]
    public bool Priorities_ConsistentMatrixFromWeights_ReturnsThoseWeightsAndCrZero(NonEmptyArray<PositiveInt> raw)
    {
        var v = raw.Get.Take(15).Select(x => 1 + (x.Get % 9)).Select(x => (double)x).ToArray();
        var n = v.Length;
        var m = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => v[i] / v[j]).ToArray()).ToArray();
        var result = AhpWeighting.Priorities(m, RandomIndexTable.Saaty2005);
        var sum = v.Sum();
        return Enumerable.Range(0, n).All(i => Math.Abs(result.Weights[i] - (v[i] / sum)) < 1e-12)
            && Math.Abs(result.ConsistencyRatio) < 1e-12
            && Math.Abs(result.LambdaMax - n) < 1e-9
            && Math.Abs(result.Weights.Sum() - 1) < 1e-12;
    }

    [Fact]
    public void ComputeWeights_TwoConsistentExperts_GeometricMeanGivesSqrtProductWeights()
    {
        // Aczél–Saaty: the geometric mean of the consistent matrices v/vᵀ and u/uᵀ is consistent with weights ∝ √(v·u).
        string[] ids = ["a", "b", "c"];
        double[] v = [1, 2, 4];
        double[] u = [3, 1, 1];
        var e1 = PairwiseComparisons.FromMatrix("E1", ids, [.. v.Select(x => v.Select(y => x / y).ToArray())]);
        var e2 = PairwiseComparisons.FromMatrix("E2", ids, [.. u.Select(x => u.Select(y => x / y).ToArray())]);
        var outcome = Weighting.Ahp(e1, e2).ComputeWeights(new WeightingContext("g", [.. ids], [1, 1, 1], new ArithmeticAggregation(), [], 0));
        var g = v.Zip(u, (x, y) => Math.Sqrt(x * y)).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(g[i] / g.Sum(), outcome.Weights[i], 12);
        }

        Assert.Contains(outcome.Diagnostics, d => d.Name == "consistencyRatio" && d.Qualifier == "E2" && Math.Abs(d.Value) < 1e-12);
    }

    [Fact]
    public void Validate_InconsistentExpert_ErrorNamesGroupExpertAndPath()
    {
        // a > b (9), b > c (9), but c > a (9): strongly intransitive.
        var expert = new PairwiseComparisons("Dr. X", [new("a", "b", 9), new("b", "c", 9), new("c", "a", 9)]);
        var ok = PairwiseComparisons.FromMatrix("Dr. Y", ["a", "b", "c"], [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]);
        var builder = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c").Normalize(Normalization.MinMax())
            .Group("pillar", g => g.Add("a", "b", "c").Weight(Weighting.Ahp(ok, expert)));
        var ex = Assert.Throws<IndexDefinitionException>(() => builder.Build());
        var error = Assert.Single(ex.Report.Errors);
        Assert.Equal("$.groups[0].weighting.experts[1].judgments", error.Path);
        Assert.Contains("'Dr. X'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pillar'", error.Message, StringComparison.Ordinal);
        Assert.Contains("consistency ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingAndUnknownJudgments_AllReported()
    {
        var expert = new PairwiseComparisons("E", [new("a", "b", 2), new("a", "z", 3)]);
        var builder = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b", "c").Weight(Weighting.Ahp(expert)));
        var ex = Assert.Throws<IndexDefinitionException>(() => builder.Build());
        Assert.Contains(ex.Report.Errors, e => e.Code == ErrorCodes.UnknownChild && e.Path == "$.groups[0].weighting.experts[0].judgments[1].column");
        Assert.Contains(ex.Report.Errors, e => e.Code == ErrorCodes.Missing && e.Message.Contains("'a' versus 'c'", StringComparison.Ordinal));
        Assert.Contains(ex.Report.Errors, e => e.Code == ErrorCodes.Missing && e.Message.Contains("'b' versus 'c'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HigherThreshold_AcceptsModeratelyInconsistentExpert()
    {
        var expert = new PairwiseComparisons("E", [new("a", "b", 3), new("b", "c", 3), new("a", "c", 1)]);
        var cr = AhpWeighting.Priorities([[1, 3, 1], [1.0 / 3, 1, 3], [1, 1.0 / 3, 1]]).ConsistencyRatio;
        Assert.True(cr > 0.1);
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b", "c").Weight(Weighting.Ahp(expert) with { MaxConsistencyRatio = 1 }));
        Assert.NotNull(def.Build());
    }

    [Fact]
    public void RandomIndexOf_Tables_MatchSaatyValues()
    {
        Assert.Equal(1.32, AhpWeighting.RandomIndexOf(RandomIndexTable.Saaty1980, 7));
        Assert.Equal(1.35, AhpWeighting.RandomIndexOf(RandomIndexTable.Saaty2005, 7));
        Assert.Equal(1.59, AhpWeighting.RandomIndexOf(RandomIndexTable.Saaty2005, 15));
        Assert.Throws<ArgumentOutOfRangeException>(() => AhpWeighting.RandomIndexOf(RandomIndexTable.Saaty1980, 11));
    }

    [Fact]
    public void Equals_SameJudgments_StructurallyEqual()
    {
        var a = Weighting.Ahp(new PairwiseComparisons("E", [new("a", "b", 2)]));
        var b = Weighting.Ahp(new PairwiseComparisons("E", [new("a", "b", 2)]));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
