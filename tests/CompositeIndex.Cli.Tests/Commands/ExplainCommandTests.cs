using System.Globalization;
using CompositeIndex.Cli.Tests.Reporting;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class ExplainCommandTests
{
    [Fact]
    public void Explain_Aldmoor_PrintsTheScoreTreeWithContributionsAndChange()
    {
        var (code, stdout, stderr) = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "ALD");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("City Well-being Index 1.0: Aldmoor (ALD), 2024", lines[0]);
        Assert.StartsWith("score 73.20, rank 3 of 8; 2023: score 64.71, rank 3 (change +8.49, 0 places)", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("├─ Material conditions", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("│  ├─ Median disposable income", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("   └─ Green space per resident", StringComparison.Ordinal));

        // The indicators' contributions add up to the index score, and their changes to the index change.
        var indicatorRows = lines.Where(l => l.StartsWith("│  ", StringComparison.Ordinal) || l.StartsWith("   ", StringComparison.Ordinal)).Select(Cells).ToList();
        Assert.Equal(6, indicatorRows.Count);
        Assert.Equal(73.20, indicatorRows.Sum(r => r[^4]), 1);
        Assert.Equal(8.49, indicatorRows.Sum(r => r[^1]), 1);
    }

    [Fact]
    public void Explain_IndicatorMissingInThePreviousPeriod_IsMarkedNewAndTheDecompositionStillSumsToTheChange_Within002()
    {
        // Holloway's 2023 rent burden is missing: in 2024 it enters the score.
        var (code, stdout, stderr) = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "HOL");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("│  └─ Rent burden", StringComparison.Ordinal) && l.EndsWith("(new)", StringComparison.Ordinal));
        Assert.Contains("Additive decomposition", stdout, StringComparison.Ordinal);
        var change = double.Parse(System.Text.RegularExpressions.Regex.Match(lines[1], "change ([-+0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var indicatorRows = lines.Where(l => l.StartsWith("│  ", StringComparison.Ordinal) || l.StartsWith("   ", StringComparison.Ordinal)).Select(l => Cells(l.Replace("(new)", string.Empty, StringComparison.Ordinal))).ToList();
        Assert.Equal(6, indicatorRows.Count);
        Assert.Equal(change, indicatorRows.Sum(r => r[^1]), 0.02); // each cell is rounded to 0.01
    }

    /// <summary>
    /// With outputs, explain shows the published face first: UNDP's published 2022 HDI value (3 decimals), rank among the
    /// 193 ranked countries and group, for countries and for an aggregate (not ranked), before the score tree.
    /// </summary>
    [SharedDataFact("undp")]
    public void Explain_Hdi_ShowsThePublishedValueRankAndGroupFirst_AsUndpPublishesThem()
    {
        var published = PublishedReportTests.Published("hdr2023-24_hdi.csv").Where(r => r["year"] == "2022").ToDictionary(r => r["iso3"]);
        var compared = 0;
        foreach (var iso in new[] { "EST", "NOR", "CHE", "NER", "ZZK.WORLD" })
        {
            var (code, stdout, stderr) = Run("explain", SampleResults.HdiDefinition, "--data", SampleResults.HdiCsv, "--unit-column", "iso3", "--period-column", "year",
                "--name-column", "country", "--unit", iso, "--period", "2022");
            Assert.True(code == 0, stderr);
            var lines = stdout.Split('\n');
            Assert.Equal("Published (2022)", lines[1]);
            var row = lines[4];
            Assert.StartsWith("Human Development Index", row, StringComparison.Ordinal);
            var expected = published[iso];
            Assert.Contains(" " + decimal.Parse(expected["hdi"], CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture) + " ", row, StringComparison.Ordinal);
            Assert.Contains(expected["hdi_rank"].Length > 0 ? $" {expected["hdi_rank"]} of 193 " : " not ranked ", row, StringComparison.Ordinal);
            Assert.Contains(expected["hdicode"], row, StringComparison.Ordinal);
            Assert.True(Array.FindIndex(lines, l => l.StartsWith("Score tree of", StringComparison.Ordinal)) > 4);
            compared++;
        }

        Assert.Equal(5, compared);
    }

    /// <summary>explain --language ko writes every label and sentence in Korean (only the data's own names stay as they are).</summary>
    [Fact]
    public void Explain_Korean_HasNoEnglishInterfaceText()
    {
        var (code, stdout, stderr) = Run("explain", SampleResults.SeoulDefinition, "--data", SampleResults.SeoulDistrictsCsv, "--long", "--name-column", "unit_name", "--unit", "mapo", "--language", "ko");
        Assert.True(code == 0, stderr);
        Assert.Contains("공표 값(2024)", stdout, StringComparison.Ordinal);
        Assert.Matches("25개 중 [0-9]+위", stdout);
        Assert.Contains("가법 분해", stdout, StringComparison.Ordinal);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Empty(LeftoverEnglish.Find(lines, LeftoverEnglish.DataStrings(SampleResults.Seoul)));
    }

    [Fact]
    public void Explain_UnitByName_IsFound()
    {
        var byName = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "calder bay");
        var byId = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "CAL");

        Assert.Equal(0, byName.Code);
        Assert.Equal(byId.Out, byName.Out);
    }

    [Fact]
    public void Explain_FirstPeriod_HasNoComparison()
    {
        var (code, stdout, _) = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "HOL", "--period", "2023");

        Assert.Equal(0, code);
        Assert.DoesNotContain("Δscore", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UnknownUnit_ExitsOneWithSuggestions()
    {
        var (code, _, stderr) = Run("explain", QuickStartDefinition, "--data", QuickStartData, "--unit", "ALDX");

        Assert.Equal(1, code);
        Assert.Equal("error: The data has no unit 'ALDX' (did you mean 'ALD'?).\n", stderr);
    }

    [Fact]
    public void Explain_MissingUnitOption_IsAUsageError()
    {
        var (code, _, _) = Run("explain", QuickStartDefinition, "--data", QuickStartData);

        Assert.Equal(2, code);
    }

    /// <summary>The numeric cells at the end of a table row.</summary>
    private static double[] Cells(string row) =>
        [.. row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).Where(double.IsFinite)];
}
