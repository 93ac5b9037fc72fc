using System.Net;
using System.Text.RegularExpressions;
using CompositeIndex.Tests;
using Microsoft.VisualBasic.FileIO;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>
/// Golden report tests: the report's headline table, parsed from the HTML a reader sees, equals UNDP's published
/// Human Development Report 2023/24 values (../shared/data/undp) for every country.
/// </summary>
public partial class PublishedReportTests
{
    private const string Undp = "undp";

    [SharedDataFact(Undp)]
    public void HdiReport_HeadlineTable_EqualsUndpsPublished2022HdiRankAndGroup_ForAll193Countries()
    {
        var table = ReportTable("hdi.json", "hdr2023-24_hdi.csv");
        var published = Published("hdr2023-24_hdi.csv").Where(r => r["year"] == "2022").ToList();

        var compared = 0;
        foreach (var row in published.Where(r => r["hdi_rank"].Length > 0))
        {
            var cells = table[row["iso3"]];
            Same(row["hdi"], cells["output:hdi"]);
            Assert.Equal(row["hdi_rank"], cells["rank:hdi"]);
            Assert.Equal(row["hdicode"], cells["class:hdi"]);
            compared++;
        }

        Assert.Equal(193, compared);

        // Regional aggregates are shown with their published value but never ranked (Estonia is 31st, as published).
        var aggregates = published.Where(r => r["is_aggregate"] == "1" && r["hdi"].Length > 0).ToList();
        Assert.Equal(11, aggregates.Count);
        Assert.All(aggregates, r => Assert.Equal("–", table[r["iso3"]]["rank:hdi"]));
        Assert.All(aggregates, r => Same(r["hdi"], table[r["iso3"]]["output:hdi"]));
        Assert.Equal("31", table["EST"]["rank:hdi"]);
    }

    [SharedDataFact(Undp)]
    public void GdiReport_HeadlineTable_EqualsUndpsPublished2022GdiAndGroup()
    {
        var table = ReportTable("gdi.json", "hdr2023-24_gdi.csv");
        var published = Published("hdr2023-24_gdi.csv").Where(r => r["year"] == "2022").ToList();

        var values = 0;
        var groups = 0;
        foreach (var row in published)
        {
            var cells = table[row["iso3"]];
            Same(row["gdi"], cells["output:gdi"]);
            values++;
            if (row["gdi_group"].Length > 0)
            {
                Assert.Equal(row["gdi_group"], cells["class:gdi"]);
                groups++;
            }
        }

        Assert.Equal(published.Count, values);
        Assert.True(values >= 180, $"only {values} GDI values compared");
        Assert.Equal(182, groups);
    }

    [SharedDataFact(Undp)]
    public void IhdiReport_HeadlineTable_EqualsUndpsPublished2022IhdiAndHdi()
    {
        var table = ReportTable("ihdi.json", "hdr2023-24_ihdi.csv");
        var published = Published("hdr2023-24_ihdi.csv").Where(r => r["year"] == "2022").ToList();

        foreach (var row in published)
        {
            Same(row["ihdi"], table[row["iso3"]]["output:ihdi"]);
            Same(row["hdi"], table[row["iso3"]]["output:hdi"]);
        }

        Assert.True(published.Count >= 150, $"only {published.Count} IHDI rows compared");
    }

    /// <summary>
    /// The PHDI's two unrounded outputs are shown for reading, not with their round-trip digits: the difference from the
    /// HDI (%) with 3 decimals (UNDP's table prints 1; its file keeps 9: 1.056338028 → "1.056", never 9.999999999999998)
    /// and the rank difference, whose every value is a whole number, as an integer ("19", "-3").
    /// </summary>
    [SharedDataFact(Undp)]
    public void PhdiReport_UnroundedOutputs_ShownAtThreeDecimalsOrAsWholeNumbers_EqualUndpsPublished2022()
    {
        var table = ReportTable("phdi.json", "hdr2023-24_phdi.csv");
        var published = Published("hdr2023-24_phdi.csv").Where(r => r["year"] == "2022").ToList();

        var (values, differences, rankDifferences) = (0, 0, 0);
        foreach (var row in published)
        {
            var cells = table[row["iso3"]];
            Same(row["phdi"], cells["output:phdi"]);
            values++;

            var shown = cells["output:diff_hdi_phdi"];
            Assert.Matches(@"^-?\d+\.\d{3}$", shown);
            var expected = Math.Round(decimal.Parse(row["diff_hdi_phdi"], System.Globalization.CultureInfo.InvariantCulture), 3, MidpointRounding.AwayFromZero);
            Assert.True(expected == decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), $"{row["iso3"]}: published {row["diff_hdi_phdi"]}, shown {shown}");
            differences++;

            if (row["rankdiff_hdi_phdi"].Length > 0)
            {
                Assert.Equal(row["rankdiff_hdi_phdi"], cells["output:rankdiff_hdi_phdi"]);
                rankDifferences++;
            }
        }

        Assert.Equal((165, 165, 154), (values, differences, rankDifferences));
    }

    /// <summary>
    /// The report shows the published value as UNDP prints it in its tables, with 3 decimals ("0.760"); the CSV file
    /// drops trailing zeros ("0.76"). Same number, and always 3 decimals in the report.
    /// </summary>
    private static void Same(string published, string shown)
    {
        Assert.Matches(@"^\d+\.\d{3}$", shown);
        Assert.Equal(decimal.Parse(published, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <c>compindex report</c> on a UNDP definition for 2022 and parses the outputs table: unit id → (column → text).</summary>
    internal static Dictionary<string, Dictionary<string, string>> ReportTable(string definition, string data)
    {
        var file = TempFile("report.html");
        var (code, _, stderr) = Run(
            "report", Path.Combine(RepoRoot, "samples", "gallery", Path.GetFileNameWithoutExtension(definition), definition), "--data", SharedData.PathOf(Undp, data),
            "--unit-column", "iso3", "--period-column", "year", "--name-column", "country", "--period", "2022", "--periods", "2021,2022", "--no-audit", "--out", file);
        Assert.True(code == 0, stderr);
        return OutputsTable(File.ReadAllText(file));
    }

    /// <summary>Parses the report's outputs table as a reader sees it (cell text, entities decoded).</summary>
    internal static Dictionary<string, Dictionary<string, string>> OutputsTable(string html)
    {
        var start = html.IndexOf("<table class=\"outputs\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the report has no outputs table");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var table = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (Match row in RowPattern().Matches(html[start..end]))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match cell in CellPattern().Matches(row.Groups["cells"].Value))
            {
                cells[cell.Groups["kind"].Value + ":" + WebUtility.HtmlDecode(cell.Groups["id"].Value)] = WebUtility.HtmlDecode(cell.Groups["text"].Value);
            }

            table[WebUtility.HtmlDecode(row.Groups["unit"].Value)] = cells;
        }

        return table;
    }

    internal static List<Dictionary<string, string>> Published(string file)
    {
        using var parser = new TextFieldParser(SharedData.PathOf(Undp, file)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (parser.ReadFields() is { } fields)
        {
            rows.Add(header.Zip(fields).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    [GeneratedRegex("<tr data-unit=\"(?<unit>[^\"]*)\">(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*\\bdata-(?<kind>output|rank|class)=\"(?<id>[^\"]*)\"[^>]*>(?<text>[^<]*)</td>")]
    private static partial Regex CellPattern();
}
