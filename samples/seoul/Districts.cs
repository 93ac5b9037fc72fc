using System.Globalization;

namespace CompositeIndex.Samples.Seoul;

/// <summary>The district-level variant: the Seoul definition evaluated for 25 SYNTHETIC districts at once, with ranks.</summary>
internal static class Districts
{
    public static CsvOptions Csv { get; } = new() { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] };

    public static void Run(IndexDefinition definition, string dataDir, string language)
    {
        var inv = CultureInfo.InvariantCulture;
        var panel = Panel.ReadLongCsv(Path.Combine(dataDir, "districts-synthetic.csv"), Csv);
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        Console.WriteLine($"{definition.DisplayName(language)} — 25 districts, SYNTHETIC data (deterministic, not real)");
        Console.WriteLine();
        Console.WriteLine($"{"rank",4}  {"district",-16} {"2023",7} {"2024",7} {"change",7} {"rank 2023",9}  indicators");
        // Ranks of the published (rounded to 1 decimal) overall value: ties share the best rank.
        var overall = result.GetOutput("overall");
        var rows = result.Units
            .Select(u => (Unit: u, Rank: overall.GetRank(u.Id, "2024")))
            .OrderBy(r => r.Rank ?? int.MaxValue);
        foreach (var (unit, rank) in rows)
        {
            var s23 = result.GetScore("seoul", unit.Id, "2023");
            var s24 = result.GetScore("seoul", unit.Id, "2024");
            var name = language == "ko" && unit.Attributes.TryGetValue("name_ko", out var ko) ? ko : unit.Name ?? unit.Id;
            Console.WriteLine(string.Format(
                inv,
                "{0,4}  {1,-16} {2,7:F1} {3,7:F1} {4,7:+0.0;-0.0} {5,9}  {6}",
                rank,
                name,
                s23,
                s24,
                Math.Round(s24, 1, MidpointRounding.AwayFromZero) - Math.Round(s23, 1, MidpointRounding.AwayFromZero),
                overall.GetRank(unit.Id, "2023"),
                result.GetIndicatorCount("seoul", unit.Id, "2024")));
        }
    }
}
