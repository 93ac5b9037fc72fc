using System.Globalization;
using System.Text;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary>
/// Issue #19: every gallery index runs from the command line alone. Each <c>compindex compute</c> line of
/// docs/articles/gallery.md ("Run them from the command line") is run as written (plus <c>--out</c>), and the outputs it
/// writes are compared with the publisher's file: every published value of the headline output.
/// </summary>
public class GalleryCliTests
{
    /// <summary>Where a definition's headline output is published: the file, its unit and period keys, the column, ours, the tolerance (0 = equal decimals).</summary>
    private sealed record Published(string File, string UnitColumn, string? PeriodColumn, string? Period, string Column, string Ours, double Tolerance);

    private static readonly Dictionary<string, Published?> Checks = new(StringComparer.Ordinal)
    {
        ["samples/gallery/hdi/hdi.json"] = new("undp/hdr2023-24_hdi.csv", "iso3", "year", null, "hdi", "hdi", 0),
        ["samples/gallery/gdi/gdi.json"] = new("undp/hdr2023-24_gdi.csv", "iso3", "year", null, "gdi", "gdi", 0),
        ["samples/gallery/ihdi/ihdi.json"] = new("undp/hdr2023-24_ihdi.csv", "iso3", "year", null, "ihdi", "ihdi", 0),
        ["samples/gallery/gii/gii.json"] = new("undp/hdr2023-24_gii.csv", "iso3", "year", null, "gii", "gii", 0),
        ["samples/gallery/phdi/phdi.json"] = new("undp/hdr2023-24_phdi.csv", "iso3", "year", null, "phdi", "phdi", 0),
        ["samples/gallery/cdc-svi-2022/svi-2022.json"] = new("gallery/cdc-svi/SVI_2022_US_county.csv", "FIPS", null, "2022", "RPL_THEMES", "RPL_THEMES", 0),
        ["samples/gallery/wimd-2019/wimd-2019.json"] = new("gallery/wimd-2019/wimd-2019-index-and-domain-scores-by-small-area.csv", "LSOA code", null, "2019", "WIMD 2019", "wimd", 0),
        ["samples/gallery/nd-gain/nd-gain.json"] = new("gallery/nd-gain/gain/gain.csv", "ISO3", "*", null, "*", "nd_gain", 1e-9),
        // Table A.2's 2-dp logs: within 1 in the last published digit (samples/gallery/tai/README.md).
        ["samples/gallery/tai/tai-bod.json"] = new("method-examples/tai/table19_bod_weights_scores.csv", "country", null, "2001", "CI", "ci", 0.01),
        ["samples/gallery/tai/tai-gme.json"] = new("method-examples/tai/table38_ranks_by_aggregation.csv", "country", null, "2001", "GME", "gme_rank", 0),
        // Seoul's published values are checked by SeoulGoldenTests; ASEM has no outputs (COINr's scores: AsemJsonGoldenTests).
        ["samples/gallery/seoul/seoul.json"] = null,
        ["samples/gallery/asem/asem.json"] = null,
    };

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var line in CommandLines())
        {
            data.Add(line);
        }

        return data;
    }

    private static List<string> CommandLines()
    {
        var page = File.ReadAllText(Path.Combine(RepoRoot, "docs", "articles", "gallery.md"));
        var section = page[page.IndexOf("## Run them from the command line", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        return [.. section.Split('\n').Where(l => l.StartsWith("compindex compute ", StringComparison.Ordinal))];
    }

    [Fact]
    public void GalleryPage_HasACommandForEveryGalleryDefinition()
    {
        var documented = CommandLines().Select(c => Split(c)[2]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Checks.Keys.Order(StringComparer.Ordinal), documented);
        var galleryFiles = Directory.EnumerateFiles(Path.Combine(RepoRoot, "samples", "gallery"), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'));
        Assert.All(galleryFiles, f => Assert.Contains(f, documented));
    }

    [SharedDataTheory("gallery")]
    [MemberData(nameof(Commands))]
    public void Compute_DocumentedCommand_RunsAndWritesThePublishedValues(string command)
    {
        var args = Split(command).Skip(1).Select(a => a.StartsWith("samples/", StringComparison.Ordinal) || a.StartsWith("../shared/", StringComparison.Ordinal) ? Path.Combine(RepoRoot, a) : a).ToList();
        var definition = Split(command)[2];
        var results = TempFile("results.csv");
        var (code, _, stderr) = Run([.. args, "--out", results]);

        Assert.True(code == 0, stderr);
        Assert.True(new FileInfo(results).Length > 0);
        if (Checks[definition] is not { } check)
        {
            return;
        }

        var ours = AuditCommandTests.Csv(Path.Combine(Path.GetDirectoryName(results)!, "results.outputs.csv"));
        var byKey = ours.Rows.ToDictionary(r => (r[0], r[2]), r => r[ours.Col(check.Ours)]);
        var published = AuditCommandTests.Csv(SharedData.PathOf(check.File.Split('/')));
        var header = published.Header.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        int compared = 0;
        var mismatches = new List<string>();
        foreach (var row in published.Rows)
        {
            var unit = row[header.IndexOf(check.UnitColumn)];
            var cells = check.PeriodColumn == "*"
                ? header.Select((h, i) => (h, i)).Where(x => x.h.Length == 4 && x.h.All(char.IsAsciiDigit)).Select(x => (Period: x.h, Value: row[x.i]))
                : [(Period: check.Period ?? row[header.IndexOf(check.PeriodColumn!)], Value: row[header.IndexOf(check.Column)])];
            foreach (var (period, value) in cells)
            {
                if (value.Length == 0 || !byKey.TryGetValue((unit, period), out var mine))
                {
                    continue; // not published, or a unit the publisher spells differently (the Handbook's "Korea")
                }

                compared++;
                var p = decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                var m = mine.Length == 0 ? (decimal?)null : decimal.Parse(mine, NumberStyles.Float, CultureInfo.InvariantCulture);
                var ok = m is { } v && (check.Tolerance == 0 ? v == p : Math.Abs((double)(v - p)) <= check.Tolerance * Math.Max(1, check.Tolerance < 0.001 ? Math.Abs((double)p) : 1) + 1e-12);
                if (!ok)
                {
                    mismatches.Add($"{unit} {period}: published {value}, written {mine}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ, e.g.\n{string.Join("\n", mismatches.Take(10))}");
        Assert.True(compared >= 20, $"only {compared} published values compared");
    }

    /// <summary>Splits a documented command line into arguments (double quotes group words).</summary>
    private static List<string> Split(string line)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    args.Add(current.ToString());
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
