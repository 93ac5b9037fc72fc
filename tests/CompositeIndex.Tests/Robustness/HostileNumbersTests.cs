using System.Collections.Immutable;
using CompositeIndex.Tests.Methods;

namespace CompositeIndex.Tests.Robustness;

/// <summary>
/// Numbers at the edge of the double range give the right answer or a typed error, never a silent wrong number
/// (issue "hostile input": child weights 1e308 made every score 0; min-max over ±1e308 lost values; z-score near
/// 1e308 lost every score and crashed the JSON output; goalposts ±1e308 gave 0 for the midpoint; z-score with one unit
/// was all missing with exit 0; OWA order weights of the wrong length were accepted).
/// </summary>
public class HostileNumbersTests
{
    private static Panel ThreeUnits() => new PanelBuilder()
        .AddValue("a", "x", "1", 1).AddValue("b", "x", "1", 9)
        .AddValue("a", "y", "1", 5).AddValue("b", "y", "1", 3)
        .AddValue("a", "z", "1", 9).AddValue("b", "z", "1", 1).Build();

    private static IndexResult Weighted(double wa, double wb, Func<GroupBuilder, GroupBuilder>? extra = null) =>
        CompiledIndex.Compile(IndexBuilder.Create("i", "I").Indicator("a").Indicator("b")
            .Group("root", g => (extra ?? (x => x))(g.Add("a", wa).Add("b", wb)))
            .Normalize(Normalization.MinMax(0, 100)).Build()).Evaluate(ThreeUnits());

    [Theory]
    [InlineData(1e308, 1e308, 1, 1)]
    [InlineData(1.7e308, 1.7e308, 1, 1)]
    [InlineData(1e308, 5e307, 2, 1)]
    public void ChildWeights_NearTheLargestDouble_GiveTheScoresOfTheSameRatio(double wa, double wb, double ra, double rb)
    {
        var huge = Weighted(wa, wb);
        var plain = Weighted(ra, rb);

        // Normalised: a = (0, 50, 100), b = (100, 25, 0) for x, y, z; score = (ra·a + rb·b)/(ra + rb).
        foreach (var (unit, a, b) in new[] { ("x", 0.0, 100.0), ("y", 50.0, 25.0), ("z", 100.0, 0.0) })
        {
            Assert.Equal(((ra * a) + (rb * b)) / (ra + rb), huge.GetScore("root", unit, "1"), 12);
            Assert.Equal(plain.GetScore("root", unit, "1"), huge.GetScore("root", unit, "1"));
        }

        Assert.Equal(plain.GetRanks("root", "1").ToArray(), huge.GetRanks("root", "1").ToArray());
    }

    [Fact]
    public void ExplicitAndBudgetWeights_OfTheLargestDouble_AreEqualShares()
    {
        var explicitWeights = Weighted(1, 1, g => g.Weight(Weighting.Explicit(new Dictionary<string, double> { ["a"] = 1e308, ["b"] = 1.7e308 })));
        var budget = Weighted(1, 1, g => g.Weight(Weighting.BudgetAllocation(new ExpertAllocation("e", ImmutableSortedDictionary.CreateRange(new Dictionary<string, double> { ["a"] = 1.7e308, ["b"] = 1.7e308 })))));

        var e = Assert.Single(explicitWeights.Weights, w => w.GroupId == "root");
        Assert.Equal(1 / 2.7, e.Weights[0], 14);
        Assert.Equal(1.7 / 2.7, e.Weights[1], 14);
        var b = Assert.Single(budget.Weights, w => w.GroupId == "root");
        Assert.Equal(new[] { 0.5, 0.5 }, b.Weights.ToArray());
        Assert.Equal(37.5, budget.GetScore("root", "y", "1"), 12);
    }

    [Fact]
    public void MinMax_OverPlusMinus1e308_IsExact()
    {
        Assert.Equal([0, 50, 100, 75], NormalizationTestKit.One(Normalization.MinMax(0, 100), Polarity.Positive, -1e308, 0, 1e308, 5e307));
        Assert.Equal([100, 50, 0, 25], NormalizationTestKit.One(Normalization.MinMax(0, 100), Polarity.Negative, -1e308, 0, 1e308, 5e307));
        Assert.Equal([0, 0.5, 1], NormalizationTestKit.One(Normalization.MinMax(0, 1), Polarity.Positive, -double.MaxValue, 0, double.MaxValue));
    }

    [Fact]
    public void MinMax_TargetRangeWiderThanADouble_IsAValidationError()
    {
        var errors = new List<DefinitionError>();
        Normalization.MinMax(-1e308, 1e308).Validate("$.normalization", errors);
        Assert.Contains(errors, e => e.Path.EndsWith(".upper", StringComparison.Ordinal) && e.Message.Contains("finite", StringComparison.Ordinal));
    }

    [Fact]
    public void ZScore_NearTheLargestDouble_EqualsTheZScoreOfTheScaledValues()
    {
        // z is scale-invariant: z(1e308·v) = z(v). v = (1, 1.5, 1.7): mean 1.4, sd √0.13.
        var sd = Math.Sqrt(0.13);
        double[] expected = [-0.4 / sd, 0.1 / sd, 0.3 / sd];
        var (output, parameters) = NormalizationTestKit.Run(Normalization.ZScore(), Polarity.Positive, ["2020"], [1e308, 1.5e308, 1.7e308]);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], output[0][i], 12);
        }

        Assert.Equal(1.4e308, parameters.Single(p => p.Name == "mean").Value, 1e296);
        Assert.Equal(sd * 1e308, parameters.Single(p => p.Name == "sd").Value, 1e296);
        Assert.All(parameters, p => Assert.True(double.IsFinite(p.Value)));
    }

    [Fact]
    public void ZScore_SpreadBeyondTheLargestDouble_IsATypedError()
    {
        var ex = Assert.Throws<NumericalException>(() => NormalizationTestKit.One(Normalization.ZScore(), Polarity.Positive, -1.7e308, 1.7e308, -1.7e308, 1.7e308));
        Assert.Contains("exceeds the largest double", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZScore_NearTheLargestDouble_ThroughAnIndex_HasEveryScoreAndWritesJson()
    {
        var panel = new PanelBuilder().AddValue("a", "x", "1", 1e308).AddValue("a", "y", "1", 1.5e308).AddValue("a", "z", "1", 1.7e308).Build();
        var result = CompiledIndex.Compile(IndexBuilder.Create("i", "I").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.ZScore()).Build()).Evaluate(panel);

        Assert.All(result.GetScores("root", "1").ToArray(), s => Assert.True(double.IsFinite(s)));
        using var json = new MemoryStream();
        result.WriteJson(json);
        Assert.True(json.Length > 0);
    }

    [Fact]
    public void ZScore_OneUnit_IsATypedErrorLikeZeroSpread_OrMissingWhenAsked()
    {
        var ex = Assert.Throws<NumericalException>(() => NormalizationTestKit.One(Normalization.ZScore(), Polarity.Positive, 42));
        Assert.Contains("at least two reference values", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", ex.Message, StringComparison.Ordinal); // the indicator

        var missing = NormalizationTestKit.One(Normalization.ZScore() with { WhenConstant = ConstantReferenceBehavior.Missing }, Polarity.Positive, 42);
        Assert.True(double.IsNaN(Assert.Single(missing)));
        Assert.True(double.IsNaN(Assert.Single(NormalizationTestKit.One(Normalization.ZScore(), Polarity.Positive, double.NaN))));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1e308, 1)]
    [InlineData(-1e308, 0)]
    [InlineData(5e307, 0.75)]
    public void Goalposts_PlusMinus1e308_AreExact(double x, double expected)
    {
        Assert.Equal(expected, NormalizationTestKit.One(Normalization.Goalposts(-1e308, 1e308), Polarity.Positive, x)[0]);
        Assert.Equal(1 - expected, NormalizationTestKit.One(Normalization.Goalposts(-1e308, 1e308), Polarity.Negative, x)[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void OrderedWeighted_OrderWeightsNotOnePerChild_IsAValidationError(int count)
    {
        var b = IndexBuilder.Create("i", "I").Indicator("a").Indicator("b").Indicator("c")
            .Group("root", g => g.Add("a", "b", "c").Aggregate(Aggregation.OrderedWeighted([.. Enumerable.Repeat(1.0, count)])))
            .Normalize(Normalization.MinMax());

        var ex = Assert.Throws<IndexDefinitionException>(() => b.Build());

        var e = Assert.Single(ex.Report.Errors, e => e.Path.EndsWith("orderWeights", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.InvalidParameter, e.Code);
        Assert.Equal("$.groups[0].aggregation.orderWeights", e.Path);
        Assert.Equal($"Group 'root' has 3 children but {count} order weights.", e.Message);
    }

    [Fact]
    public void OrderedWeighted_AsTheIndexDefault_IsCheckedAgainstEveryGroup()
    {
        var definition = new IndexDefinition
        {
            Id = "i",
            Name = "I",
            Indicators = [new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = "b" }, new IndicatorDefinition { Id = "c" }],
            Groups = [new GroupDefinition { Id = "p", Children = [new("a"), new("b")] }, new GroupDefinition { Id = "root", Children = [new("p"), new("c")] }],
            Normalization = Normalization.MinMax(),
            Aggregation = Aggregation.OrderedWeighted(1, 1, 1),
        };

        var errors = definition.Validate().Errors;

        Assert.Equal(2, errors.Count(e => e.Path == "$.aggregation.orderWeights"));
    }
}

/// <summary>Imputation and audit statistics on degenerate data: a typed error or a documented value, never a maths-library exception or a printed infinity.</summary>
public class DegenerateDataTests
{
    private static IndexDefinition EmDefinition() => IndexBuilder.Create("i", "I").Indicator("a").Indicator("b").Indicator("c")
        .Group("p", g => g.Add("a", "b", "c")).Group("root", g => g.Add("p"))
        .AddStep(Imputation.ExpectationMaximization())
        .Normalize(Normalization.MinMax()).Build();

    [Fact]
    public void ImputeEM_AUnitWithEveryValueMissing_GetsTheEstimatedMeans()
    {
        var pb = new PanelBuilder();
        double[][] rows = [[1, 2, 3], [2, 3.5, 1], [3, 3, 4], [4, 6, 2], [5, 5.5, 6], [6, 8, 5]];
        for (var u = 0; u < rows.Length; u++)
        {
            pb.AddValue("a", $"u{u}", "1", rows[u][0]).AddValue("b", $"u{u}", "1", rows[u][1]).AddValue("c", $"u{u}", "1", rows[u][2]);
        }

        pb.AddUnit(new UnitInfo("empty"));
        var result = CompiledIndex.Compile(EmDefinition()).Evaluate(pb.Build());

        // With the other units complete, EM's μ is their sample mean, and a unit with nothing observed gets μ.
        var imputed = result.Audit.Where(e => e.UnitId == "empty" && e.Step == "imputeEM").ToList();
        Assert.Equal(3, imputed.Count);
        Assert.Equal(50, result.GetScore("a", "empty", "1"), 9); // mean of a = 3.5, min 1, max 6
    }

    [Fact]
    public void ImputeEM_SingularCovariance_IsATypedErrorNamingTheGroupAndTheRemedy()
    {
        var pb = new PanelBuilder();
        double[][] rows = [[1, 2, 3], [2, 3.5, 3], [3, 3, 3], [4, 5, 3]]; // c is constant: a zero variance
        for (var u = 0; u < rows.Length; u++)
        {
            pb.AddValue("a", $"u{u}", "1", rows[u][0]).AddValue("b", $"u{u}", "1", rows[u][1]).AddValue("c", $"u{u}", "1", rows[u][2]);
        }

        pb.AddUnit(new UnitInfo("empty"));
        var compiled = CompiledIndex.Compile(EmDefinition());

        var ex = Assert.Throws<NumericalException>(() => compiled.Evaluate(pb.Build()));

        Assert.Contains("singular", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ridge", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'p'", ex.Message, StringComparison.Ordinal);
    }
}
