using System.Globalization;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.AggregationMethods;

/// <summary>
/// The OECD/JRC Handbook (2008) voting examples (Tables 25–34, method-examples/tai/voting_examples.csv) written as a
/// user would: one indicator per distinct ranking of the profile, its weight the number of indicators that rank the
/// countries that way, values = N − position (so higher is better).
/// </summary>
internal static class VotingExamples
{
    public static List<string[]> Rows() =>
        [.. File.ReadAllLines(SharedData.PathOf("method-examples", "tai", "voting_examples.csv")).Skip(1).Where(l => l.Length > 0).Select(TaiData.SplitCsv)];

    /// <summary>The text of the first row of table <paramref name="table"/> whose description starts with <paramref name="prefix"/>.</summary>
    public static string Cell(string table, string prefix) =>
        Rows().First(r => r[0] == table && r[1].StartsWith(prefix, StringComparison.Ordinal))[2];

    /// <summary>The profile of a table: (number of indicators, ranking best first); segments that are not "count:ranking" are ignored.</summary>
    public static List<(int Count, string[] Ranking)> Profile(string table)
    {
        var profile = new List<(int, string[])>();
        foreach (var part in Rows().First(r => r[0] == table)[2].Split(';', StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(part[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                profile.Add((count, part[(colon + 1)..].Split('>')));
            }
        }

        return profile;
    }

    /// <summary>"a=24; b=44" → {a: 24, b: 44}.</summary>
    public static Dictionary<string, double> Scores(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>"a:0,8,8,8; b:13,0,10,21" → rows of counts, in the listed order.</summary>
    public static List<(string Unit, double[] Values)> Matrix(string text) =>
        [.. text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(':'))
            .Select(p => (p[0], p[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()))];

    /// <summary>Evaluates the profile with the given aggregation, optionally leaving some countries out.</summary>
    public static IndexResult Evaluate(List<(int Count, string[] Ranking)> profile, AggregationMethod aggregation, params string[] without)
    {
        var builder = IndexBuilder.Create("voting", "Voting example");
        var panel = new PanelBuilder();
        for (var v = 0; v < profile.Count; v++)
        {
            builder.Indicator($"v{v}");
            var ranking = profile[v].Ranking.Where(c => !without.Contains(c)).ToArray();
            for (var pos = 0; pos < ranking.Length; pos++)
            {
                panel.AddValue($"v{v}", ranking[pos], "1", ranking.Length - pos);
            }
        }

        builder.Group("root", g =>
        {
            for (var v = 0; v < profile.Count; v++)
            {
                g.Add($"v{v}", profile[v].Count);
            }

            g.Aggregate(aggregation);
        });
        var definition = builder.Normalize(Normalization.MinMax(0, 1)).Build();
        return CompiledIndex.Compile(definition).Evaluate(panel.Build());
    }

    /// <summary>The units ordered by descending score (data order among equal scores).</summary>
    public static string[] Order(IndexResult result) =>
        [.. result.Units.Select(u => u.Id).OrderByDescending(u => result.GetScore("root", u, "1"))];
}
