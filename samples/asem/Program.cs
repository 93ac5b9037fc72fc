using System.Globalization;
using CompositeIndex;
using CompositeIndex.Samples.Asem;
using CompositeIndex.Serialization;

// COINr's ASEM example: denominate -> impute -> screen -> treat -> normalise -> aggregate.
// Usage: dotnet run --project samples/asem [-- <folder with ASEM_iData.csv and ASEM_iMeta.csv>]
var folder = AsemExample.FindDataFolder(args.Length > 0 ? args[0] : null);
var panel = AsemExample.LoadPanel(folder);
// The definition is data (asem.json, written from AsemExample.BuildDefinition); only the indicator values are read from COINr's export.
var definition = IndexDefinitionSerializer.Default.LoadFile(Path.Combine(AppContext.BaseDirectory, "asem.json"));
Console.WriteLine($"asem.json equals the fluent build from ASEM_iMeta.csv: {definition == AsemExample.BuildDefinition(folder)}");
var result = CompiledIndex.Compile(definition).Evaluate(panel);
var period = result.Periods[0];

var treated = result.Preparation!.Reports.OfType<OutlierTreatmentReport>().Where(r => r.WinsorizedPoints is not null).ToList();
Console.WriteLine($"{panel.Units.Length} units, {definition.Indicators.Length} indicators; {result.Preparation.Reports.OfType<ImputedValue>().Count()} values imputed, " +
    $"{result.Preparation.RemovedUnits.Length} units screened out, {treated.Count} indicators treated for outliers.");
Console.WriteLine();
Console.WriteLine("Rank  Unit  Index   Conn    Sust");
foreach (var (unit, rank) in result.Units.Select(u => (u, result.GetRank("Index", u.Id, period) ?? int.MaxValue)).OrderBy(x => x.Item2).Take(10))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{rank,4}  {unit.Id,-4}  {result.GetScore("Index", unit.Id, period),6:F2}  {result.GetScore("Conn", unit.Id, period),6:F2}  {result.GetScore("Sust", unit.Id, period),6:F2}"));
}
