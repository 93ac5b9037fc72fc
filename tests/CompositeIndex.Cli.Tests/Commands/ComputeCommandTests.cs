using System.Globalization;
using System.Text.Json;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class ComputeCommandTests
{
    [Fact]
    public void Compute_QuickStart_PrintsRankingTableAndExitsZero()
    {
        var (code, stdout, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("City Well-being Index 1.0 — 2024, 8 units", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("1  CAL   Calder Bay", StringComparison.Ordinal));
        Assert.Equal(8, lines.Count(l => l.Length > 4 && char.IsDigit(l.TrimStart()[0]) && l.Contains("  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compute_CsvOut_AldmoorMaterialMatchesHandCalculation_Within1e9()
    {
        var file = TempFile("results.csv");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--out", file);

        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(file);
        Assert.Equal("unit,unit_name,period,node,node_name,kind,score,rank", rows[0]);

        // Hand calculation: min-max pooled over 2023-2024; income (weight 2) 24100..35900, employment 61.3..74.8,
        // rent burden (lower is better) 29.7..41.2; Aldmoor 2024: 32900, 72.0, 33.0.
        var income = (32900 - 24100) / (35900.0 - 24100) * 100;
        var employment = (72.0 - 61.3) / (74.8 - 61.3) * 100;
        var rent = (41.2 - 33.0) / (41.2 - 29.7) * 100;
        var material = ((2 * income) + employment + rent) / 4;
        Assert.Equal(income, Score(rows, "ALD", "2024", "income"), 9);
        Assert.Equal(material, Score(rows, "ALD", "2024", "material"), 9);
        Assert.Equal(8 * 2 * (6 + 3) + 1, rows.Length);
    }

    [Fact]
    public void Compute_JsonDefinition_GivesTheSameScoresAsTheFluentQuickStartDefinition_Bitwise()
    {
        var (code, stdout, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "csv");
        Assert.True(code == 0, stderr);

        // The definition built by samples/QuickStart/Program.cs.
        var definition = IndexBuilder.Create("wellbeing", "City Well-being Index")
            .Version("1.0")
            .Indicator("income", i => i.Name("Median disposable income").MeasurementUnit("currency"))
            .Indicator("employment", i => i.Name("Employment rate").MeasurementUnit("%"))
            .Indicator("rent_burden", i => i.Name("Rent burden").MeasurementUnit("%").LowerIsBetter())
            .Indicator("life_expectancy", i => i.Name("Life expectancy").MeasurementUnit("years"))
            .Indicator("unmet_care", i => i.Name("Unmet need for care").MeasurementUnit("%").LowerIsBetter())
            .Indicator("green_space", i => i.Name("Green space per resident").MeasurementUnit("m²"))
            .Group("material", g => g.Name("Material conditions").Add("income", 2).Add("employment").Add("rent_burden"))
            .Group("health", g => g.Name("Health and environment").Add("life_expectancy", "unmet_care", "green_space"))
            .Group("wellbeing", g => g.Name("Well-being").Add("material", "health"))
            .Normalize(Normalization.MinMax(0, 100, NormalizationReference.Pooled))
            .Aggregate(Aggregation.Arithmetic())
            .MissingData(MissingData.Renormalize(minShare: 0.5))
            .Build();
        var result = CompiledIndex.Compile(definition).Evaluate(Panel.ReadWideCsv(QuickStartData, new CsvOptions { UnitNameColumn = "name" }));
        var expected = new StringWriter { NewLine = "\n" };
        result.WriteCsv(expected);

        Assert.Equal(expected.ToString(), stdout);
    }

    [Fact]
    public void Compute_JsonFormat_ParsesAndHasEveryScore()
    {
        var file = TempFile("results.json");
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "-o", file);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        Assert.Equal("wellbeing", doc.RootElement.GetProperty("index").GetProperty("id").GetString());
        Assert.Equal(8 * 2 * 9, doc.RootElement.GetProperty("scores").GetArrayLength());
        Assert.Contains("Wrote json results", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_JsonToStdout_Parses()
    {
        var (code, stdout, _) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(8, doc.RootElement.GetProperty("units").GetArrayLength());
    }

    [Fact]
    public void Compute_SameInput_SameBytes()
    {
        var a = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "json");
        var b = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "json");

        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Compute_LongCsv_GivesTheSameScoresAsWide()
    {
        var wide = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "csv");
        var longFile = TempFile("long.csv");
        var lines = File.ReadAllLines(QuickStartData);
        var header = lines[0].Split(',');
        using (var w = new StreamWriter(longFile))
        {
            w.WriteLine("unit,name,period,indicator,value");
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                for (var c = 3; c < f.Length; c++)
                {
                    w.WriteLine($"{f[0]},{f[1]},{f[2]},{header[c]},{f[c]}");
                }
            }
        }

        var fromLong = Run("compute", QuickStartDefinition, "--data", longFile, "--long", "--format", "csv");

        Assert.True(fromLong.Code == 0, fromLong.Err);
        Assert.Equal(wide.Out, fromLong.Out);
    }

    [Fact]
    public void Compute_MappedColumns_ReadsRenamedIndicator()
    {
        var file = TempFile("renamed.csv");
        File.WriteAllText(file, File.ReadAllText(QuickStartData).Replace("green_space", "parks_m2", StringComparison.Ordinal));

        var without = Run("compute", QuickStartDefinition, "--data", file);
        var with = Run("compute", QuickStartDefinition, "--data", file, "--map", "parks_m2=green_space", "--format", "csv");

        Assert.Equal(1, without.Code);
        Assert.Contains("green_space", without.Err, StringComparison.Ordinal);
        Assert.Equal(0, with.Code);
        Assert.Equal(Run("compute", QuickStartDefinition, "--data", QuickStartData, "--format", "csv").Out, with.Out);
    }

    [Fact]
    public void Compute_UnknownPeriod_ExitsOneWithThePeriods()
    {
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", QuickStartData, "--period", "1999");

        Assert.Equal(1, code);
        Assert.Equal("error: The data has no period '1999' (periods: 2023, 2024).\n", stderr);
    }

    [Fact]
    public void Compute_NonNumericValue_ExitsOneWithFileLineAndColumn()
    {
        var (code, stdout, stderr) = Run("compute", QuickStartDefinition, "--data", Fixture("bad-value.csv"));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: bad-value.csv, line 3, column 'employment': 'six' is not a number", line);
    }

    [Fact]
    public void Compute_MissingDataFile_ExitsOne()
    {
        var (code, _, stderr) = Run("compute", QuickStartDefinition, "--data", "no-such-file.csv");

        Assert.Equal(1, code);
        Assert.Contains("no-such-file.csv: The file does not exist.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("compute", "x.json")]
    [InlineData("compute", "x.json", "--data", "y.csv", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("compute", "x.json", "--data", "y.csv", "--no-such-option")]
    [InlineData("sensitivity", "x.json", "--data", "y.csv", "--factors", "f.json", "--samples", "0")]
    [InlineData("sensitivity", "x.json", "--data", "y.csv", "--factors", "f.json", "--seed", "minus-one")]
    public void Usage_Errors_ExitTwoWithOneLinePerErrorAndAHint(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.All(lines[..^1], l => Assert.StartsWith("error: ", l));
        Assert.Matches("^Run 'compindex ([a-z]+ )?--help' for usage\\.$", lines[^1]);
    }

    [Fact]
    public void Help_ExitsZeroAndListsEveryCommand()
    {
        var (code, stdout, _) = Run("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "new", "validate", "compute", "explain", "audit", "sensitivity", "report", "schema" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compute_Cancelled_ExitsWith130AndSaysSo()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var (code, stdout, stderr) = Run(cts.Token, "compute", QuickStartDefinition, "--data", QuickStartData);

        Assert.Equal(130, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("cancelled.\n", stderr);
    }

    [Fact]
    public void Errors_StackTraceOnlyWithVerbose()
    {
        var quiet = Run("compute", QuickStartDefinition, "--data", Fixture("bad-value.csv"));
        var verbose = Run("compute", QuickStartDefinition, "--data", Fixture("bad-value.csv"), "--verbose");

        Assert.DoesNotContain("   at ", quiet.Err, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Err, StringComparison.Ordinal);
        Assert.Equal(1, verbose.Code);
    }

    private static string[] Hdi(string file) =>
        [Path.Combine(RepoRoot, "samples", "gallery", Path.GetFileNameWithoutExtension(file), file), "--data", SharedData.PathOf("undp", "hdr2023-24_" + file.Replace(".json", ".csv", StringComparison.Ordinal)),
            "--unit-column", "iso3", "--period-column", "year", "--name-column", "country"];

    [SharedDataFact("undp")]
    public void Compute_HdiTable_ShowsThePublishedValueRankAndGroup_AsUndpPublishesThem2022()
    {
        var (code, stdout, stderr) = Run(["compute", .. Hdi("hdi.json"), "--period", "2022"]);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("Human Development Index HDR 2023/24 — 2022, 206 units", lines[0]);
        var header = lines.First(l => l.StartsWith("Rank", StringComparison.Ordinal));
        Assert.Matches(@"^Rank\s+Unit\s+Name\s+Human Development Index\s+Human Development Index group\s", header);
        Assert.DoesNotContain(" hdi ", header, StringComparison.Ordinal); // columns are headed by display names, not ids

        // UNDP HDR 2023/24, 2022: AFG 0.462, rank 182, Low; ALB 0.789, 74, High; CHE 0.967, 1, Very High. The rank is the output's (countries only).
        Assert.Matches(@"^\s*182\s+AFG\s+Afghanistan\s+0\.462\s+Low\s", lines.Single(l => l.Contains(" AFG ", StringComparison.Ordinal)));
        Assert.Matches(@"^\s*74\s+ALB\s+Albania\s+0\.789\s+High\s", lines.Single(l => l.Contains(" ALB ", StringComparison.Ordinal)));
        Assert.Matches(@"^\s*1\s+CHE\s+Switzerland\s+0\.967\s+Very High\s", lines.Single(l => l.Contains(" CHE ", StringComparison.Ordinal)));
    }

    [SharedDataFact("undp")]
    public void Compute_HdiCsvOut_WritesTheOutputsNextToTheScores_EveryPublishedHdiAt3Decimals()
    {
        var file = TempFile("hdi.csv");
        var (code, _, stderr) = Run(["compute", .. Hdi("hdi.json"), "--out", file]);

        Assert.True(code == 0, stderr);
        var outputs = Path.Combine(Path.GetDirectoryName(file)!, "hdi.outputs.csv");
        Assert.Contains($"to {outputs}", stderr, StringComparison.Ordinal);
        var ours = AuditCommandTests.Csv(outputs);
        Assert.Equal(["unit", "unit_name", "period", "hdi", "hdi_rank", "hdi_class"], ours.Header);
        var byKey = ours.Rows.ToDictionary(r => (r[0], r[2]));

        // Every HDI UNDP publishes (all years), as text with 3 decimals; ranks and groups where published (2022).
        var undp = AuditCommandTests.Csv(SharedData.PathOf("undp", "hdr2023-24_hdi.csv"));
        int values = 0, ranks = 0, classes = 0;
        foreach (var row in undp.Rows.Where(r => r[undp.Col("hdi")].Length > 0))
        {
            var mine = byKey[(row[undp.Col("iso3")], row[undp.Col("year")])];
            Assert.Equal(decimal.Parse(row[undp.Col("hdi")], CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture), mine[3]);
            values++;
            if (row[undp.Col("hdi_rank")].Length > 0)
            {
                Assert.Equal(row[undp.Col("hdi_rank")], mine[4]);
                ranks++;
            }

            if (row[undp.Col("hdicode")].Length > 0)
            {
                Assert.Equal(row[undp.Col("hdicode")], mine[5]);
                classes++;
            }
        }

        Assert.Equal((6171, 193, 193), (values, ranks, classes));
    }

    [SharedDataFact("undp")]
    public void Compute_GdiJson_HasTheOutputs()
    {
        var (code, stdout, stderr) = Run(["compute", .. Hdi("gdi.json"), "--format", "json"]);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var ids = doc.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        Assert.Equal(["hdi_f", "hdi_m", "gdi"], ids);
    }

    private static double Score(string[] rows, string unit, string period, string node)
    {
        var row = rows.Select(r => r.Split(',')).Single(f => f[0] == unit && f[2] == period && f[3] == node);
        return double.Parse(row[6], CultureInfo.InvariantCulture);
    }
}
