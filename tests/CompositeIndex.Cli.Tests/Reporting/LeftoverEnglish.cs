using System.Text.RegularExpressions;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>
/// Finds interface text left in English in a Korean report: every English word (three or more ASCII letters) in the
/// page's text that does not come from the data (unit names and ids, node ids and names, measurement units, the
/// definition's own description) or from a short list of names that are not translated (compindex, COINr, PCA, …).
/// Shared by the CLI report test (the static page) and the browser test (the page after its script has run).
/// </summary>
internal static partial class LeftoverEnglish
{
    /// <summary>Proper names and abbreviations that stay as they are in Korean text.</summary>
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "compindex", "CompositeIndex", "Reporting", "COINr", "PCA", "OECD", "JRC", "CCTV", "GeoJSON", "JSON", "CSV", "UNDP", "HDI",
    };

    /// <summary>The strings of a result that come from the data or the definition, not from the report's resources.</summary>
    public static List<string> DataStrings(IndexResult result, params string[] more)
    {
        var d = result.Definition;
        var list = new List<string>(more) { d.Id, d.Name, d.DisplayDescription("ko") ?? string.Empty, d.Version ?? string.Empty, result.DefinitionFingerprint ?? string.Empty };
        list.AddRange(d.Names.Values);
        foreach (var u in result.Units)
        {
            list.Add(u.Id);
            list.Add(u.Name ?? string.Empty);
            list.AddRange(u.Attributes.Values);
        }

        foreach (var i in d.Indicators)
        {
            list.AddRange([i.Id, i.Name ?? string.Empty, i.MeasurementUnit ?? string.Empty, i.Source ?? string.Empty, .. i.Names.Values]);
        }

        foreach (var g in d.Groups)
        {
            list.AddRange([g.Id, g.Name ?? string.Empty, .. g.Names.Values]);
        }

        foreach (var o in d.Outputs.IsDefault ? [] : d.Outputs)
        {
            list.AddRange([o.Id, o.Name ?? string.Empty, .. o.Names.Values, .. o.Classes.IsDefault ? [] : o.Classes.Select(c => c.Label)]);
        }

        list.AddRange(result.Periods);
        return [.. list.Where(s => s.Length > 0).Distinct().OrderByDescending(s => s.Length)];
    }

    /// <summary>The texts that still contain an English word once the data strings are removed (each with the word).</summary>
    public static List<string> Find(IEnumerable<string> texts, IReadOnlyList<string> dataStrings)
    {
        var left = new List<string>();
        foreach (var t in texts.Distinct())
        {
            // A label shortened to fit a chart ("…") is data when a data string starts with it.
            if (t.EndsWith('…') && dataStrings.Any(s => s.StartsWith(t[..^1].TrimEnd(), StringComparison.Ordinal)))
            {
                continue;
            }

            var rest = Command().Replace(t, " ");
            foreach (var s in dataStrings)
            {
                rest = rest.Replace(s, " ", StringComparison.Ordinal);
            }

            rest = Identifier().Replace(rest, " ");
            var words = Word().Matches(rest).Select(m => m.Value).Where(w => !Names.Contains(w)).ToList();
            if (words.Count > 0)
            {
                left.Add($"'{words[0]}' in: {(t.Length > 160 ? t[..160] + "…" : t)}");
            }
        }

        return left;
    }

    /// <summary>A command line quoted in the text (options and ids stay as typed).</summary>
    [GeneratedRegex(@"compindex explain[^`'""()]*")]
    private static partial Regex Command();

    /// <summary>A code identifier quoted in the text (COINr's <c>remove_elements</c>, a column such as <c>name_eng</c>).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_])[A-Za-z]+(?:_[A-Za-z0-9]+)+(?![A-Za-z0-9_])")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Word();
}
