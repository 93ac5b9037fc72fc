using System.Globalization;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>Reads the OECD/JRC Handbook TAI data (Table A.2; 23 countries x 8 indicators) from the shared method examples.</summary>
internal static class TaiData
{
    public static readonly string[] Indicators = ["PATENTS", "ROYALTIES", "INTERNET", "EXPORTS", "TELEPHONES_LOG", "ELECTRICITY_LOG", "SCHOOLING", "UNIVERSITY"];

    public static (Panel Panel, string[] Countries) Load(string folder = "bod")
    {
        var lines = File.ReadAllLines(SharedData.PathOf("method-examples", folder, "tai_raw_23.csv"));
        var header = lines[0].Split(',');
        var b = new PanelBuilder();
        var countries = new List<string>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = SplitCsv(line);
            var country = cells[1];
            countries.Add(country);
            for (var i = 2; i < header.Length; i++)
            {
                b.AddValue(header[i], country, "2001", double.Parse(cells[i], CultureInfo.InvariantCulture));
            }
        }

        return (b.Build(), [.. countries]);
    }

    public static IndexDefinition Definition(WeightingMethod? weighting = null, AggregationMethod? aggregation = null, NormalizationMethod? normalization = null)
    {
        var builder = IndexBuilder.Create("tai", "Technology Achievement Index");
        foreach (var id in Indicators)
        {
            builder.Indicator(id);
        }

        builder.Group("TAI", g =>
        {
            g.Add(Indicators);
            if (weighting is not null)
            {
                g.Weight(weighting);
            }

            if (aggregation is not null)
            {
                g.Aggregate(aggregation);
            }
        });
        return builder.Normalize(normalization ?? Normalization.MinMax(0, 1)).Build();
    }

    public static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cur = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(ch);
            }
        }

        cells.Add(cur.ToString());
        return [.. cells];
    }
}
