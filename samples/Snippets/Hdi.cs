using CompositeIndex;
using CompositeIndex.Serialization;

namespace Snippets;

/// <summary>Code of docs/articles/walkthrough-hdi.md (samples/hdi).</summary>
public static class HdiSnippets
{
    public static IndexDefinition Fluent()
    {
        #region hdi-fluent
        var hdi = IndexBuilder.Create("hdi", "Human Development Index")
            .Version("HDR 2023/24")
            // Fixed goalposts (HDR 2023/24, Technical note 1), values capped.
            .Indicator("le", i => i.Name("Life expectancy at birth").MeasurementUnit("years")
                .Normalize(Normalization.Goalposts(20, 85)))
            .Indicator("eys", i => i.Name("Expected years of schooling").MeasurementUnit("years")
                .Normalize(Normalization.Goalposts(0, 18)))
            .Indicator("mys", i => i.Name("Mean years of schooling").MeasurementUnit("years")
                .Normalize(Normalization.Goalposts(0, 15)))
            .Indicator("gnipc", i => i.Name("GNI per capita").MeasurementUnit("2017 PPP $")
                .Normalize(Normalization.Goalposts(100, 75_000, log: true)))
            // Three dimensions; education is the arithmetic mean of its two indices.
            .Group("health", g => g.Name("Long and healthy life").Add("le"))
            .Group("education", g => g.Name("Knowledge").Add("eys", "mys")
                .Aggregate(Aggregation.Arithmetic()))
            .Group("income", g => g.Name("A decent standard of living").Add("gnipc"))
            // The HDI is the geometric mean of the three dimension indices.
            .Group("hdi", g => g.Add("health", "education", "income")
                .Aggregate(Aggregation.Geometric()))
            // No HDI when an input is missing or a dimension index is 0.
            .MissingData(MissingData.Propagate() with { OutOfDomainAsMissing = true })
            // The published value: 3 decimals, ranked among countries, 4 groups.
            .Output("hdi", OutputExpressions.Score("hdi"), o => o
                .Name("Human Development Index")
                .Round(3)
                .Rank(new UnitFilter("is_aggregate", ["0"]))
                .Class("Very High", min: 0.8)
                .Class("High", 0.7, 0.8)
                .Class("Medium", 0.55, 0.7)
                .Class("Low", max: 0.55))
            .Build();
        #endregion
        return hdi;
    }

    public static IndexResult Compute(string definitionPath, string dataPath)
    {
        #region hdi-compute
        var definition = IndexDefinitionJson.LoadFile(definitionPath);   // samples/gallery/hdi/hdi.json

        // Units in iso3, periods in year, names in country; ForDefinition adds the
        // columns the definition uses (le, eys, mys, gnipc and is_aggregate).
        var csv = new CsvOptions
        {
            UnitColumn = "iso3",
            PeriodColumn = "year",
            UnitNameColumn = "country",
        }.ForDefinition(definition);
        var panel = Panel.ReadWideCsv(dataPath, csv);

        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var hdi = result.GetOutput("hdi");
        Console.WriteLine(hdi.Format("KOR", "2022"));   // 0.929
        Console.WriteLine(hdi.GetRank("KOR", "2022"));  // 19
        Console.WriteLine(hdi.GetClass("KOR", "2022")); // Very High
        foreach (var dimension in new[] { "health", "education", "income" })
        {
            var score = result.GetScore(dimension, "KOR", "2022");
            Console.WriteLine($"{dimension}: {score:F4}");
        }
        #endregion
        return result;
    }
}
