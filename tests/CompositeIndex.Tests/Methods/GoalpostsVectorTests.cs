namespace CompositeIndex.Tests.Methods;

/// <summary>
/// Issue #22: fixed goalposts (no log scale) are applied several values at a time. At every vector width (the machine
/// runs only its widest; the others are checked here) the result must have the bits of the one-value formula written out
/// below: cap by x &gt; max, floor by x &lt; min, then scale·(x − min)/(max − min) or scale·(max − x)/(max − min).
/// </summary>
public class GoalpostsVectorTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    [InlineData(0)]
    public void ApplyLinear_EveryVectorWidth_RandomValuesWithGapsInfinitiesZerosAndGoalposts_SameBitsAsScalarFormula(int bits)
    {
        var rng = new Random(2200 + bits);
        var compared = 0;
        for (var k = 0; k < 4000; k++)
        {
            var (min, max) = Goalposts(rng);
            var g = new GoalpostsNormalization.LinearGoalposts(min, max, Cap: k % 4 is 0 or 1, Floor: k % 4 is 0 or 2, Negative: k % 8 >= 4, Scale: rng.Next(4) switch { 0 => 1, 1 => 100, 2 => -1, _ => rng.NextDouble() * 7 });
            var x = new double[rng.Next(0, 40)];
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = Value(rng, min, max);
            }

            var actual = new double[x.Length];
            GoalpostsNormalization.ApplyLinear(x, actual, g, bits);
            for (var i = 0; i < x.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(Definition(x[i], g)), BitConverter.DoubleToInt64Bits(actual[i]));
                compared++;
            }
        }

        Assert.True(compared > 70_000, $"compared {compared}");
    }

    /// <summary>Through the method: goalposts without log scale give the scalar formula's bits for every unit and period, with each polarity.</summary>
    [Fact]
    public void Normalize_FixedGoalposts_SameBitsAsScalarFormula()
    {
        var rng = new Random(22);
        var units = Enumerable.Range(0, 37).Select(u => new UnitInfo($"u{u}")).ToArray();
        var values = new double[2 * 3 * units.Length];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = Value(rng, 10, 90);
        }

        var panel = new Panel([.. units], ["2020", "2021", "2022"], ["a", "b"], values);
        var method = new GoalpostsNormalization(10, 90) { Scale = 100 };
        var definition = IndexBuilder.Create("g", "g")
            .Indicator("a")
            .Indicator("b", i => i.LowerIsBetter())
            .Group("root", r => r.Add("a", "b"))
            .Normalize(method)
            .Build();
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var compared = 0;
        foreach (var (id, negative) in new[] { ("a", false), ("b", true) })
        {
            foreach (var period in panel.Periods)
            {
                foreach (var unit in units)
                {
                    var expected = Definition(panel.GetValue(id, unit.Id, period), new GoalpostsNormalization.LinearGoalposts(10, 90, true, true, negative, 100));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(result.GetScore(id, unit.Id, period)));
                    compared++;
                }
            }
        }

        Assert.Equal(2 * 3 * 37, compared);
    }

    /// <summary>The definition, one value at a time.</summary>
    private static double Definition(double x, GoalpostsNormalization.LinearGoalposts g)
    {
        if (g.Cap && x > g.Max)
        {
            x = g.Max;
        }

        if (g.Floor && x < g.Min)
        {
            x = g.Min;
        }

        return g.Scale * (g.Negative ? g.Max - x : x - g.Min) / (g.Max - g.Min);
    }

    private static (double Min, double Max) Goalposts(Random rng) => rng.Next(5) switch
    {
        0 => (0, 1000),
        1 => (-0.0, 0.5),
        2 => (-5e-310, 1e-300), // a subnormal goalpost
        3 => (-1e150, 1e150),
        _ => ((rng.NextDouble() - 0.7) * 100, 30 + (rng.NextDouble() * 100)),
    };

    private static double Value(Random rng, double min, double max) => rng.Next(14) switch
    {
        0 => double.NaN,
        1 => BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234)), // a negative NaN with a payload
        2 => double.PositiveInfinity,
        3 => double.NegativeInfinity,
        4 => 0.0,
        5 => -0.0,
        6 => min,
        7 => max,
        8 => double.Epsilon,
        9 => double.MaxValue * (rng.Next(2) == 0 ? 1 : -1),
        _ => min + ((rng.NextDouble() * 1.6) - 0.3) * (max - min),
    };
}
