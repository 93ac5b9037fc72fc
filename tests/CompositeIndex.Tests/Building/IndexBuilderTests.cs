using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Building;

public class IndexBuilderTests
{
    private static IndexBuilder Hdi() => IndexBuilder.Create("hdi", "Human Development Index")
        .Version("2024")
        .Indicator("le", i => i.Name("Life expectancy at birth").Name("fr", "Espérance de vie").MeasurementUnit("years").Normalize(Normalization.Goalposts(20, 85)))
        .Indicator("eys", i => i.Normalize(Normalization.Goalposts(0, 18)))
        .Indicator("mys", i => i.Normalize(Normalization.Goalposts(0, 15)))
        .Indicator("gni", i => i.MeasurementUnit("2017 PPP $").Normalize(Normalization.Goalposts(100, 75_000, log: true)))
        .Group("health", g => g.Add("le"))
        .Group("education", g => g.Add("eys", "mys"))
        .Group("income", g => g.Add("gni"))
        .Group("hdi", g => g.Add("health", "education", "income").Aggregate(Aggregation.Geometric()));

    [Fact]
    public void Build_CollectsIndicatorsGroupsAndMethods()
    {
        var d = Hdi().Build();
        Assert.Equal(4, d.Indicators.Length);
        Assert.Equal("hdi", d.ResolveRoot());
        Assert.Equal("Espérance de vie", d.Indicators[0].DisplayName("fr"));
        Assert.Equal("Life expectancy at birth", d.Indicators[0].DisplayName("ko"));
        Assert.IsType<GeometricAggregation>(d.Groups[3].Aggregation);
    }

    [Fact]
    public void LocalisedDescription_FallsBackToDescription_AndRoundTripsJson()
    {
        var d = Hdi().Description("Composite of health, education and income.").Description("ko", "건강·교육·소득의 종합 지수.").Build();
        Assert.Equal("건강·교육·소득의 종합 지수.", d.DisplayDescription("ko"));
        Assert.Equal("Composite of health, education and income.", d.DisplayDescription("fr"));
        Assert.Equal("Composite of health, education and income.", d.DisplayDescription());
        Assert.Null(Hdi().Build().DisplayDescription("ko"));

        var json = IndexDefinitionJson.Save(d);
        Assert.Contains("\"descriptions\": {", json, StringComparison.Ordinal);
        var back = IndexDefinitionJson.Load(json);
        Assert.Equal(d, back);
        Assert.NotEqual(d, back with { Descriptions = back.Descriptions.SetItem("ko", "다른 설명") });
        Assert.Equal("건강·교육·소득의 종합 지수.", back.DisplayDescription("ko"));
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var b = Hdi();
        b.Build();
        Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Throws<InvalidOperationException>(() => b.Indicator("x"));
    }

    [Fact]
    public void Build_Invalid_ThrowsWithAllErrors()
    {
        var ex = Assert.Throws<IndexDefinitionException>(() => IndexBuilder.Create("x", "X")
            .Indicator("a")
            .Group("g", g => g.Add("a", -1).Add("missing"))
            .Build());
        Assert.Equal(3, ex.Report.Errors.Length); // negative weight, unknown child, no normalisation
    }

    [Fact]
    public void ToBuilder_RoundTripsToEqualDefinition()
    {
        var d = Hdi().Build();
        Assert.Equal(d, d.ToBuilder().Build());
        var changed = d.ToBuilder().Description("edited").Build();
        Assert.Equal("edited", changed.Description);
        Assert.Null(d.Description);
    }
}
