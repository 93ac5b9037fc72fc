using System.Globalization;

namespace CompositeIndex.Samples.Asem;

/// <summary>
/// COINr's ASEM example (51 countries, 49 indicators, 4 levels) as a CompositeIndex definition: the data are read from
/// COINr's CSV export (<c>ASEM_iData.csv</c>, <c>ASEM_iMeta.csv</c>); the data are not copied into this repository.
/// </summary>
public static class AsemExample
{
    /// <summary>The unit attributes of ASEM_iData (used by group imputation and group ranks).</summary>
    public static readonly string[] Attributes = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"];

    /// <summary>Reads ASEM_iData.csv: units = uCode, period = Time, the 4 group columns as unit attributes, every other column a variable (49 indicators and the denominators Area, Energy, GDP, Population).</summary>
    /// <param name="dataFolder">The folder with COINr's CSV export.</param>
    /// <returns>The panel.</returns>
    public static Panel LoadPanel(string dataFolder) =>
        Panel.ReadWideCsv(Path.Combine(dataFolder, "ASEM_iData.csv"), new CsvOptions
        {
            UnitColumn = "uCode",
            PeriodColumn = "Time",
            UnitNameColumn = "uName",
            AttributeColumns = [.. Attributes],
        });

    /// <summary>
    /// Builds COINr's example coin (build_example_coin) from ASEM_iMeta.csv with the fluent API: indicators with their
    /// directions, the Indicator → Pillar → Sub-index → Index hierarchy with iMeta weights, and the steps
    /// denominate (iMeta Denominator) → impute (EurAsia group mean) → screen (90 % availability) → treat (winsorise ≤ 5
    /// points, else log) → min-max [0, 100] → arithmetic mean.
    /// </summary>
    /// <param name="dataFolder">The folder with COINr's CSV export.</param>
    /// <param name="winmax">The maximum number of winsorised points. The default is 5.</param>
    /// <returns>The definition.</returns>
    public static IndexDefinition BuildDefinition(string dataFolder, int winmax = 5)
    {
        var meta = ReadCsv(Path.Combine(dataFolder, "ASEM_iMeta.csv"));
        var indicators = meta.Where(r => r["Type"] == "Indicator").ToList();
        var b = IndexBuilder.Create("asem", "ASEM Sustainable Connectivity (COINr example)")
            .Description("COINr 1.1.14 build_example_coin(): ASEM Sustainable Connectivity Portal data (JRC), 51 countries x 49 indicators.")
            .AddStep(Denomination.By([.. indicators.Where(r => r["Denominator"] != "NA").Select(r => (r["iCode"], r["Denominator"]))]))
            .AddStep(Imputation.GroupMean("EurAsia_group"))
            .AddStep(Screening.ByMissing(0.9))
            .AddStep(Treatment.Winsorize(winmax))
            .Normalize(Normalization.MinMax(0, 100))
            .Aggregate(Aggregation.Arithmetic());
        foreach (var r in indicators)
        {
            b.Indicator(r["iCode"], i =>
            {
                i.Name(r["iName"]).MeasurementUnit(r["Unit"]);
                if (r["Direction"] == "-1")
                {
                    i.LowerIsBetter();
                }
            });
        }

        foreach (var g in meta.Where(r => r["Type"] == "Aggregate"))
        {
            b.Group(g["iCode"], gb =>
            {
                gb.Name(g["iName"]);
                foreach (var c in meta.Where(r => r["Parent"] == g["iCode"]))
                {
                    gb.Add(c["iCode"], double.Parse(c["Weight"], CultureInfo.InvariantCulture));
                }
            });
        }

        return b.Build();
    }

    /// <summary>Finds COINr's export: the argument if given, else <c>../shared/data/coinr-asem</c> above the working directory.</summary>
    /// <param name="argument">A folder given on the command line, if any.</param>
    /// <returns>The folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No folder was found.</exception>
    public static string FindDataFolder(string? argument)
    {
        if (argument is not null)
        {
            return Directory.Exists(argument) ? argument : throw new DirectoryNotFoundException($"No such folder: {argument}");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "coinr-asem");
            if (File.Exists(Path.Combine(candidate, "ASEM_iData.csv")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("COINr's ASEM export was not found: pass the folder holding ASEM_iData.csv and ASEM_iMeta.csv.");
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(Split).ToList();
        return [.. lines.Skip(1).Select(f => lines[0].Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2))];
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                sb.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
