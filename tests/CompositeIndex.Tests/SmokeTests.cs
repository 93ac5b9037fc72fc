namespace CompositeIndex.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_SimpleIndex_EvaluatesArithmeticMeanOfMinMax()
    {
        var def = IndexBuilder.Create("t", "Test")
            .Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b"))
            .Normalize(Normalization.MinMax())
            .Build();
        var panel = new PanelBuilder()
            .Add("x", "2020", "a", 0).Add("y", "2020", "a", 10)
            .Add("x", "2020", "b", 5).Add("y", "2020", "b", 0)
            .Build();
        var result = CompiledIndex.Compile(def).Evaluate(panel);
        Assert.Equal(50, result.GetScore("root", "x", "2020"), 12);
        Assert.Equal(50, result.GetScore("root", "y", "2020"), 12);
    }
}
