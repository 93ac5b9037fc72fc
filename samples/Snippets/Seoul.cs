using CompositeIndex;
using CompositeIndex.Serialization;

namespace Snippets;

/// <summary>Code of docs/articles/walkthrough-seoul.md (samples/seoul).</summary>
public static class SeoulSnippets
{
    public static IndexBuilder Method(IndexBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        #region seoul-method
        // The method lines of samples/seoul/SeoulDefinition.cs
        // (names and the 50 indicators left out).
        builder
            // Indicator index = 100 · x_t / x_2022; lower-is-better: 100 · x_2022 / x_t.
            .Normalize(Normalization.RatioToBase("2022", InversionRule.Reciprocal))
            // Area = arithmetic mean of the indicator indices available that year.
            .Aggregate(Aggregation.Arithmetic())
            .MissingData(MissingData.Renormalize())
            // Overall = areas weighted by their number of available indicators,
            // i.e. the mean of all available indicator indices.
            .Group("seoul", g => g
                .Add("livelihood", "housing", "health")
                .Add("education", "safety", "integration")
                .WeightByIndicatorCount())
            // Published to one decimal.
            .Output("overall", OutputExpressions.Score("seoul"), o => o.Round(1).Rank());
        #endregion
        return builder;
    }

    public static IndexResult Compute(string definitionPath, string dataPath)
    {
        #region seoul-compute
        // samples/gallery/seoul/seoul.json and data/illustrative-values.csv
        // (long format: unit,period,indicator,value)
        var definition = IndexDefinitionJson.LoadFile(definitionPath);
        var panel = Panel.ReadLongCsv(dataPath);
        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        var overall = result.GetOutput("overall");
        Console.WriteLine(overall.Format("SEOUL", "2023")); // 111.0
        Console.WriteLine(overall.Format("SEOUL", "2024")); // 130.6

        // Unrounded: 110.957…
        Console.WriteLine(result.GetScore("seoul", "SEOUL", "2023"));
        #endregion
        return result;
    }

    public static ChangeDecomposition Change(IndexResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        #region seoul-change
        var change = result.ExplainChange(result.RootId, "SEOUL", "2023", "2024");
        // 110.957 -> 130.578: +19.621
        Console.WriteLine($"{change.ScoreFrom:F3} -> {change.ScoreTo:F3}: {change.Change:+0.000}");
        foreach (var area in change.TopLevel)
        {
            // e.g. Housing: 125.1 -> 120.3, value -0.476, weight -0.022
            Console.WriteLine(
                $"{change.DisplayName(area.NodeId, "en")}: " +
                $"{area.ScoreFrom:F1} -> {area.ScoreTo:F1}, " +
                $"value {area.ValueEffect:+0.000;-0.000}, " +
                $"weight {area.WeightEffect:+0.000;-0.000}");
        }

        using var csv = new StringWriter();
        change.WriteCsv(csv, language: "ko"); // all nodes, Korean names
        #endregion
        return change;
    }
}
