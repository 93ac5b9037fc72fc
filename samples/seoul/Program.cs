// Seoul "Walking Together with the Vulnerable Index" (약자동행지수): reproduce the published values from the
// illustrative data, explain the 2023 → 2024 change, and compare alternative methods.
// ILLUSTRATIVE DATA: apart from a few published values, the raw values are constructed (see README.md).
// Usage: dotnet run --project samples/seoul [-- [--lang ko|en] [reproduce|explain|scenarios|districts|generate-districts]]
using System.Globalization;
using CompositeIndex;
using CompositeIndex.Samples.Seoul;

var inv = CultureInfo.InvariantCulture;
var language = "en";
var command = "reproduce";
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--lang" && i + 1 < args.Length)
    {
        language = args[++i];
    }
    else
    {
        command = args[i];
    }
}

var dataDir = Path.Combine(AppContext.BaseDirectory, "data");
var definition = SeoulDefinition.Build();
var panel = Panel.ReadLongCsv(Path.Combine(dataDir, "illustrative-values.csv"));
var result = CompiledIndex.Compile(definition).Evaluate(panel);

switch (command)
{
    case "reproduce":
        Reproduce();
        break;
    case "explain":
        // The full 2023 → 2024 decomposition as CSV, names in the chosen language.
        result.ExplainChange(result.RootId, "SEOUL", "2023", "2024").WriteCsv(Console.Out, language);
        break;
    case "scenarios":
        Console.WriteLine(Scenarios.Table(definition, panel));
        break;
    case "sensitivity":
        Console.WriteLine(SensitivitySpec.Table(definition, panel));
        break;
    case "districts":
        Districts.Run(definition, dataDir, language);
        break;
    case "save-json":
        // Writes the fluent definition as JSON (how seoul.json was made; a test checks both have the same fingerprint).
        Console.Write(CompositeIndex.Serialization.IndexDefinitionJson.Save(definition));
        break;
    case "generate-districts":
        // Regenerates data/districts-synthetic.csv (deterministic; a test checks the committed file is current).
        Console.Write(DistrictData.Generate(panel));
        break;
    default:
        Console.Error.WriteLine($"unknown command '{command}' (reproduce, explain, scenarios, sensitivity, districts, save-json, generate-districts)");
        return 1;
}

return 0;

void Reproduce()
{
    Console.WriteLine($"{definition.DisplayName(language)} — ILLUSTRATIVE data (constructed to match the published values)");
    Console.WriteLine();
    Console.WriteLine($"{"area",-40} {"2023",7} {"2024",7}   indicators used 2023/2024");
    foreach (var node in SeoulDefinition.Areas.Append("seoul"))
    {
        // The definition's outputs hold the published values (rounded to 1 decimal).
        var output = result.GetOutput(node == "seoul" ? "overall" : node);
        Console.WriteLine(string.Format(
            inv,
            "{0,-40} {1,7} {2,7}   {3}/{4}",
            output.Definition.DisplayName(language),
            output.Format("SEOUL", "2023"),
            output.Format("SEOUL", "2024"),
            result.GetIndicatorCount(node, "SEOUL", "2023"),
            result.GetIndicatorCount(node, "SEOUL", "2024")));
    }

    Console.WriteLine();
    Console.WriteLine($"dropped in 2023: {string.Join(", ", result.GetDroppedIndicators(result.RootId, "SEOUL", "2023"))}");
    var change = result.ExplainChange(result.RootId, "SEOUL", "2023", "2024");
    Console.WriteLine();
    Console.WriteLine(string.Format(inv, "Explain the change 2023 → 2024: {0:F3} → {1:F3} = {2:+0.000;-0.000} ({3})", change.ScoreFrom, change.ScoreTo, change.Change, change.Method));
    Console.WriteLine($"{"area",-40} {"contribution",12}");
    foreach (var c in change.TopLevel)
    {
        Console.WriteLine(string.Format(inv, "{0,-40} {1,12:+0.000;-0.000}", change.DisplayName(c.NodeId, language), c.Contribution));
    }

    Console.WriteLine(string.Format(inv, "{0,-40} {1,12:+0.000;-0.000}", "sum", change.TopLevel.Sum(c => c.Contribution)));
    Console.WriteLine();
    Console.WriteLine("largest indicator contributions:");
    foreach (var c in change.Indicators.OrderByDescending(c => Math.Abs(c.Contribution)).Take(8))
    {
        Console.WriteLine(string.Format(inv, "  {0} {1,-58} {2,8:F1} → {3,6:F1} {4,8:+0.000;-0.000} {5}", c.NodeId, Truncate(change.DisplayName(c.NodeId, language), 58), c.ScoreFrom, c.ScoreTo, c.Contribution, c.Status == ChangeStatus.Continuing ? string.Empty : c.Status.ToString().ToLowerInvariant()));
    }
}

static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
