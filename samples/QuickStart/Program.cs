// QuickStart: define a two-level index with the fluent API, read a wide CSV, print a ranked table.
// Usage: dotnet run --project samples/QuickStart [-- path/to/data.csv]
using System.Globalization;
using CompositeIndex;

var dataPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "cities.csv");

var definition = IndexBuilder.Create("wellbeing", "City Well-being Index")
    .Version("1.0")
    .Description("A toy index of material conditions and health, for the QuickStart sample.")
    .Indicator("income", i => i.Name("Median disposable income").MeasurementUnit("currency"))
    .Indicator("employment", i => i.Name("Employment rate").MeasurementUnit("%"))
    .Indicator("rent_burden", i => i.Name("Rent burden").MeasurementUnit("%").LowerIsBetter())
    .Indicator("life_expectancy", i => i.Name("Life expectancy").MeasurementUnit("years"))
    .Indicator("unmet_care", i => i.Name("Unmet need for care").MeasurementUnit("%").LowerIsBetter())
    .Indicator("green_space", i => i.Name("Green space per resident").MeasurementUnit("m²"))
    .Group("material", g => g.Name("Material conditions").Add("income", 2).Add("employment").Add("rent_burden"))
    .Group("health", g => g.Name("Health and environment").Add("life_expectancy", "unmet_care", "green_space"))
    .Group("wellbeing", g => g.Name("Well-being").Add("material", "health"))
    // Min-max on 2023 and 2024 pooled, so that scores are comparable across the two years.
    .Normalize(Normalization.MinMax(0, 100, NormalizationReference.Pooled))
    .Aggregate(Aggregation.Arithmetic())
    .MissingData(MissingData.Renormalize(minShare: 0.5))
    .Build();

Panel panel;
try
{
    panel = Panel.ReadWideCsv(dataPath, new CsvOptions { UnitNameColumn = "name" });
}
catch (IndexDataException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

var result = CompiledIndex.Compile(definition).Evaluate(panel);
var latest = result.Periods[^1];
var previous = result.Periods.Length > 1 ? result.Periods[^2] : null;
var inv = CultureInfo.InvariantCulture;

Console.WriteLine($"{definition.Name} {definition.Version} — {latest}" + (previous is null ? string.Empty : $" (change since {previous})"));
Console.WriteLine();
Console.WriteLine($"{"Rank",4}  {"City",-14} {"Index",7} {"Material",9} {"Health",7} {"Δ rank",7}");
var rows = result.Units
    .Select(u => (Unit: u, Score: result.GetScore("wellbeing", u.Id, latest), Rank: result.GetRank("wellbeing", u.Id, latest)))
    .OrderBy(r => r.Rank ?? int.MaxValue);
foreach (var (unit, score, rank) in rows)
{
    var before = previous is null ? null : result.GetRank("wellbeing", unit.Id, previous);
    var change = before is { } b && rank is { } r ? (b - r).ToString("+0;-0;0", inv) : "n/a";
    Console.WriteLine(string.Format(
        inv,
        "{0,4}  {1,-14} {2,7:F1} {3,9:F1} {4,7:F1} {5,7}",
        rank?.ToString(inv) ?? "-",
        unit.Name ?? unit.Id,
        score,
        result.GetScore("material", unit.Id, latest),
        result.GetScore("health", unit.Id, latest),
        change));
}

return 0;
