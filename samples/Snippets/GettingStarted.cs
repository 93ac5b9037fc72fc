using CompositeIndex;

namespace Snippets;

public static class GettingStarted
{
    public static IndexResult FirstIndex(Panel panel)
    {
        #region first-index
        var definition = IndexBuilder.Create("wellbeing", "City Well-being Index")
            .Indicator("income", i => i.Name("Median income").MeasurementUnit("currency"))
            .Indicator("rent_burden", i => i.Name("Rent burden").MeasurementUnit("%").LowerIsBetter())
            .Indicator("life_expectancy", i => i.MeasurementUnit("years"))
            .Group("material", g => g.Add("income", 2).Add("rent_burden"))
            .Group("wellbeing", g => g.Add("material").Add("life_expectancy"))
            .Normalize(Normalization.MinMax(0, 100))
            .Build();

        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        #endregion
        return result;
    }
}
