using System.Globalization;
using CompositeIndex;
using CompositeIndex.Serialization;

// Computes a JSON definition on a CSV file exactly as UNDP publishes it and writes the outputs (published values,
// ranks, classes) as CSV. The column mapping is the definition's own column names plus the three layout options
// below, so the same definition runs unchanged on another edition of the file.
//
//   dotnet run --project samples/hdi -- samples/gallery/hdi/hdi.json ../shared/data/undp/hdr2023-24_hdi.csv --out hdi.csv
//
// Options: --out FILE (default: stdout), --unit-column (iso3), --period-column (year), --name-column (country),
//          --period P (write one period only).
if (args.Length < 2 || args.Contains("--help"))
{
    Console.Error.WriteLine("usage: Hdi <definition.json> <data.csv> [--out results.csv] [--period 2022] [--unit-column iso3] [--period-column year] [--name-column country]");
    return args.Contains("--help") ? 0 : 2;
}

try
{
    var definition = IndexDefinitionJson.LoadFile(args[0]);
    var csv = new CsvOptions
    {
        UnitColumn = Option("--unit-column") ?? "iso3",
        PeriodColumn = Option("--period-column") ?? "year",
        UnitNameColumn = Option("--name-column") ?? "country",
    }.ForDefinition(definition);
    var panel = Panel.ReadWideCsv(args[1], csv);
    var result = CompiledIndex.Compile(definition).Evaluate(panel);
    var outputs = result.Outputs;
    var period = Option("--period");
    if (period is not null && !panel.Periods.Contains(period))
    {
        throw new IndexDataException($"The data has no period '{period}'.", args[1]);
    }

    if (Option("--out") is { } file)
    {
        using var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false));
        OutputResult.WriteCsv(outputs, writer, period: period);
        Console.Error.WriteLine($"{definition.Name}: {string.Join(", ", outputs.Select(Count))} for {panel.Units.Length} units x {panel.Periods.Length} periods -> {file}");
    }
    else
    {
        OutputResult.WriteCsv(outputs, Console.Out, period: period);
    }

    return 0;
}
catch (CompositeIndexException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string Count(OutputResult o)
{
    var n = 0;
    foreach (var v in o.Values)
    {
        n += double.IsNaN(v) ? 0 : 1;
    }

    return string.Create(CultureInfo.InvariantCulture, $"{n} {o.Id} values");
}
