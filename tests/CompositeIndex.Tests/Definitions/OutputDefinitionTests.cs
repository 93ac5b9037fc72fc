using System.Collections.Immutable;

namespace CompositeIndex.Tests.Definitions;

public sealed class OutputDefinitionTests
{
    [Theory]
    [InlineData(0.6645000055465459, 3, "0.665")] // Colombia 1999 HDI: published 0.665
    [InlineData(0.32649990676227175, 3, "0.326")] // Afghanistan 1996: rounding via 4 dp would give 0.327
    [InlineData(0.5995000291138428, 3, "0.600")] // Philippines 1991
    [InlineData(1.0005, 3, "1.001")] // binary 1.0005 * 1000 = 1000.4999...; the printed number rounds up
    [InlineData(2.675, 2, "2.68")] // the double is 2.67499999999999982..., printed 2.675
    [InlineData(0.0625, 3, "0.063")]
    [InlineData(-0.0625, 3, "-0.063")]
    public void Round_HalfUp_RoundsPrintedValueOnce(double value, int digits, string expected)
    {
        var rounded = new OutputRounding(digits).Round(value);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rounded);
    }

    [Fact]
    public void Round_ToEven_RoundsHalvesToEvenDigit()
    {
        var rule = new OutputRounding(3) { Midpoint = MidpointRounding.ToEven };
        Assert.Equal(0.062m, rule.Round(0.0625));
        Assert.Equal(0.064m, rule.Round(0.0635));
    }

    [Fact]
    public void Round_NaN_ReturnsNull() => Assert.Null(new OutputRounding(3).Round(double.NaN));

    [Theory]
    [InlineData("0.950", true)]  // |1 - 0.95| is 0.050000000000000044 in binary; the rule compares decimals
    [InlineData("0.975", false)]
    [InlineData("0.949", false)]
    public void Contains_HalfOpenInterval_ComparesDecimalsExactly(string value, bool expected)
    {
        var rule = new ClassRule("2") { Min = 0.95, Max = 0.975 };
        Assert.Equal(expected, rule.Contains(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Contains_InclusiveFlags_AreHonoured()
    {
        var rule = new ClassRule("x") { Min = 1.025, Max = 1.05, MinInclusive = false, MaxInclusive = true };
        Assert.False(rule.Contains(1.025m));
        Assert.True(rule.Contains(1.05m));
        Assert.True(new ClassRule("low") { Max = 0.55 }.Contains(-3m));
    }

    [Fact]
    public void Validate_BadOutputsAndVariants_ReportsEveryProblemWithPath()
    {
        var definition = Base() with
        {
            Variants =
            [
                new VariantDefinition { Id = "f", Columns = ImmutableSortedDictionary<string, string>.Empty.Add("x", "x_f") },
                new VariantDefinition { Id = "f" },
            ],
            Outputs =
            [
                new OutputDefinition { Id = "o1", Value = OutputExpressions.Ratio(OutputExpressions.Score("nope"), OutputExpressions.Output("o2")), Rounding = new OutputRounding(20) },
                new OutputDefinition { Id = "o2", Value = OutputExpressions.Score("root", "m"), Classes = [new ClassRule("c") { Min = 2, Max = 1 }] },
            ],
        };

        var paths = definition.Validate().Errors.Select(e => e.Path).ToList();
        Assert.Contains("$.variants[0].columns.x", paths);
        Assert.Contains("$.variants[1].id", paths);
        Assert.Contains("$.outputs[0].value.numerator.node", paths);
        Assert.Contains("$.outputs[0].value.denominator.output", paths); // refers to a later output
        Assert.Contains("$.outputs[0].rounding", paths);
        Assert.Contains("$.outputs[1].value.variant", paths);
        Assert.Contains("$.outputs[1].classes[0].max", paths);
    }

    [Fact]
    public void Validate_AdjustmentWithoutColumn_ReportsPath()
    {
        var definition = Base();
        definition = definition with { Groups = [definition.Groups[0] with { Adjustment = new GroupAdjustment(" ") }] };
        Assert.Contains(definition.Validate().Errors, e => e.Path == "$.groups[0].adjustment.column");
    }

    [Fact]
    public void Equals_SameOutputsAndVariants_IsStructural()
    {
        static IndexDefinition Make() => Base() with
        {
            Variants = [new VariantDefinition { Id = "f", Normalizations = ImmutableSortedDictionary<string, NormalizationMethod>.Empty.Add("a", Normalization.Goalposts(0, 2)) }],
            Outputs = [new OutputDefinition { Id = "o", Value = OutputExpressions.Mean(null, OutputExpressions.Score("a"), OutputExpressions.Constant(1)), Classes = [new ClassRule("c")] }],
        };

        Assert.Equal(Make(), Make());
        Assert.NotEqual(Make(), Make() with { Outputs = [] });
    }

    [Fact]
    public void ForDefinition_ReadsEveryColumnAndAttributeTheDefinitionNeeds()
    {
        var definition = Base() with
        {
            Groups = [Base().Groups[0] with { Adjustment = new GroupAdjustment("factor") }],
            Variants = [new VariantDefinition { Id = "f", Columns = ImmutableSortedDictionary<string, string>.Empty.Add("a", "a_f") }, new VariantDefinition { Id = "m" }],
            Outputs = [new OutputDefinition { Id = "o", Value = OutputExpressions.Column("extra"), Ranking = new OutputRanking { Units = new UnitFilter("kind", ["country"]) } }],
        };

        var options = new CsvOptions { UnitColumn = "iso3" }.ForDefinition(definition);
        Assert.Equal(["a", "a_f", "extra", "factor"], options.IndicatorColumns.Keys);
        Assert.Equal(["kind"], options.AttributeColumns.ToArray());
        Assert.Equal("iso3", options.UnitColumn);
    }

    private static IndexDefinition Base() =>
        IndexBuilder.Create("t", "Test").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.Goalposts(0, 1)).Build();
}
