using CompositeIndex.Analysis;
using CompositeIndex.Reporting;

namespace CompositeIndex.Cli.Tests.Reporting;

public class ResultChartsTests
{
    // Four units. a = 0, 1, 2, 3 and b = 0, 2, 1, 3: deviations from 1.5 give Σdx·dy = 4, Σdx² = Σdy² = 5, so r = 0.8
    // (min-max is affine, so the normalised scores correlate as the raw values). c is present for units 3 and 4 only
    // (7, 5): two pairs with a (2, 3) and with b (1, 3), both falling, so r = −1.
    private static IndexResult Small()
    {
        var definition = IndexBuilder.Create("idx", "Small index")
            .Indicator("a").Indicator("b").Indicator("c")
            .Group("idx", g => g.Add("a").Add("b").Add("c"))
            .Normalize(Normalization.MinMax(0, 100))
            .Build();
        var panel = new PanelBuilder()
            .AddValue("a", "u1", "2020", 0).AddValue("b", "u1", "2020", 0).AddValue("c", "u1", "2020", double.NaN)
            .AddValue("a", "u2", "2020", 1).AddValue("b", "u2", "2020", 2).AddValue("c", "u2", "2020", double.NaN)
            .AddValue("a", "u3", "2020", 2).AddValue("b", "u3", "2020", 1).AddValue("c", "u3", "2020", 7)
            .AddValue("a", "u4", "2020", 3).AddValue("b", "u4", "2020", 3).AddValue("c", "u4", "2020", 5)
            .Build();
        return CompiledIndex.Compile(definition).Evaluate(panel);
    }

    [Fact]
    public void CorrelationMatrix_SmallPanel_EqualsStatisticsPearsonAndHandValuesWithin1e12()
    {
        var result = Small();

        var matrix = ResultCharts.CorrelationMatrix(result);

        string[] ids = ["a", "b", "c"];
        for (var r = 0; r < ids.Length; r++)
        {
            for (var c = 0; c < ids.Length; c++)
            {
                var expected = IndexStatistics.Pearson(result.GetScores(ids[r], "2020").Span, result.GetScores(ids[c], "2020").Span);
                Assert.Equal(expected, matrix[r, c]); // the same implementation, bit for bit
            }
        }

        Assert.Equal(1, matrix[0, 0], 1e-12);
        Assert.Equal(0.8, matrix[0, 1], 1e-12);
        Assert.Equal(0.8, matrix[1, 0], 1e-12);
        Assert.Equal(-1, matrix[0, 2], 1e-12); // two pairs: a correlation of two points is ±1, not NaN
        Assert.Equal(-1, matrix[1, 2], 1e-12);
        Assert.Equal(1, matrix[2, 2], 1e-12);
    }
}
