using System.Globalization;
using System.Text.Json;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class AuditCommandTests
{
    private const string Asem = "coinr-asem";

    private static readonly string[] CsvFiles =
    [
        "statistics.csv", "availability_units.csv", "availability_groups.csv", "correlations.csv", "correlation_flags.csv", "ancestor_correlations.csv",
        "cronbach.csv", "pca_variance.csv", "pca_loadings.csv", "fa_groups.csv", "fa_variance.csv", "fa_loadings.csv", "effective_weights.csv", "strengths_weaknesses.csv",
    ];

    private static string AsemDefinition => Path.Combine(RepoRoot, "samples", "gallery", "asem", "asem.json");

    private static string[] AsemData => ["--data", SharedData.PathOf(Asem, "ASEM_iData.csv"), "--unit-column", "uCode", "--period-column", "Time", "--name-column", "uName"];

    [Fact]
    public void Audit_QuickStart_PrintsTheEssentialTablesAndExitsZero()
    {
        var (code, stdout, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stderr);
        Assert.StartsWith("Audit of City Well-being Index 1.0: 2024, 8 units, 6 indicators\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Indicator statistics (raw data):", stdout, StringComparison.Ordinal);
        Assert.Contains("Data availability: 8 of 8 units have every indicator.", stdout, StringComparison.Ordinal);
        Assert.Contains("Correlation flags (6; Pearson within groups):", stdout, StringComparison.Ordinal);
        Assert.Contains("Strengths and weaknesses of the top 8 units", stdout, StringComparison.Ordinal);

        // Raw income 2024 of the 8 cities (samples/QuickStart/data/cities.csv), mean by hand: 245600 / 8 = 30700.
        var income = stdout.Split('\n').First(l => l.StartsWith("income ", StringComparison.Ordinal));
        Assert.Matches(@"^income\s+100 %\s+25600\s+35900\s+30700\s", income);
    }

    [Fact]
    public void Audit_QuickStartOut_WritesOneCsvPerTable_EffectiveWeightsMatchHandCalculation_Within1e12()
    {
        var dir = Path.GetDirectoryName(TempFile("x"))!;
        var (code, stdout, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData, "--out", dir);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Wrote 14 CSV files", stderr, StringComparison.Ordinal);
        Assert.Equal(CsvFiles.Order(StringComparer.Ordinal), Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // wellbeing = mean(material, health); material: income weight 2 of 4; health: 3 equal weights.
        var weights = Csv(Path.Combine(dir, "effective_weights.csv"));
        Assert.Equal(0.5 * 2 / 4, Number(weights, "income", "effective"), 12);
        Assert.Equal(0.5 * 1 / 4, Number(weights, "employment", "effective"), 12);
        Assert.Equal(0.5 / 3, Number(weights, "green_space", "effective"), 12);
        Assert.Equal(1, weights.Rows.Where(r => r[weights.Col("kind")] == "indicator").Sum(r => double.Parse(r[weights.Col("effective")], CultureInfo.InvariantCulture)), 12);

        var stats = Csv(Path.Combine(dir, "statistics.csv"));
        Assert.Equal(6, stats.Rows.Count);
        Assert.Equal(30700, Number(stats, "income", "mean"), 9);
        Assert.Equal(8 * 5 * 2, Csv(Path.Combine(dir, "strengths_weaknesses.csv")).Rows.Count);
        Assert.Equal(36, Csv(Path.Combine(dir, "correlations.csv")).Rows.Count);
    }

    [Fact]
    public void Audit_JsonToStdout_ParsesAndHasEverySection()
    {
        var (code, stdout, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData, "--json", "-", "--period", "2023");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("2023", root.GetProperty("period").GetString());
        Assert.Equal(6, root.GetProperty("statistics").GetArrayLength());
        Assert.Equal(6, root.GetProperty("pearson").GetProperty("r").GetArrayLength());
        Assert.Equal(3, root.GetProperty("cronbach").GetArrayLength());
        Assert.Equal(2, root.GetProperty("pca").GetArrayLength());
        Assert.Equal(8, root.GetProperty("strengthsAndWeaknesses").GetArrayLength());
        Assert.Equal(1.0, root.GetProperty("pearson").GetProperty("r")[0][0].GetDouble(), 12);
    }

    [Fact]
    public void Audit_QuickStart_FactorAnalysisTablesInCsvAndJsonHaveTheExpectedShape()
    {
        // Two pillars of three indicators each: one ML factor each (3 indicators leave 0 degrees of freedom for k = 1).
        var dir = Path.GetDirectoryName(TempFile("x"))!;
        var jsonPath = TempFile("audit.json");
        var (code, _, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData, "--out", dir, "--json", jsonPath);
        Assert.True(code == 0, stderr);

        var groups = Csv(Path.Combine(dir, "fa_groups.csv"));
        Assert.Equal(["dataset", "group", "group_name", "variables", "fitted", "factors", "units_used", "objective", "iterations", "degrees_of_freedom", "statistic", "p_value", "heywood_cases", "reason"], groups.Header);
        Assert.Equal(2, groups.Rows.Count);
        Assert.All(groups.Rows, r => Assert.Equal(("normalized", "3", "true", "1", "8", "0", ""), (r[0], r[3], r[4], r[5], r[6], r[9], r[13])));
        var variance = Csv(Path.Combine(dir, "fa_variance.csv"));
        Assert.Equal(["dataset", "group", "factor", "explained_variance", "proportion", "cumulative"], variance.Header);
        Assert.Equal(2, variance.Rows.Count);
        var loadings = Csv(Path.Combine(dir, "fa_loadings.csv"));
        Assert.Equal(["dataset", "group", "variable", "uniqueness", "communality", "heywood", "F1"], loadings.Header);
        Assert.Equal(6, loadings.Rows.Count);
        foreach (var r in loadings.Rows)
        {
            // communality = loading² and uniqueness + communality = 1 for ML with one factor (unless at the Heywood bound).
            var l = double.Parse(r[6], CultureInfo.InvariantCulture);
            Assert.Equal(l * l, double.Parse(r[4], CultureInfo.InvariantCulture), 12);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var fa = doc.RootElement.GetProperty("factorAnalysis");
        Assert.Equal(2, fa.GetArrayLength());
        foreach (var g in fa.EnumerateArray())
        {
            Assert.True(g.GetProperty("fitted").GetBoolean());
            Assert.Equal(JsonValueKind.Null, g.GetProperty("reason").ValueKind);
            Assert.Equal(1, g.GetProperty("factors").GetInt32());
            Assert.Equal(0, g.GetProperty("degreesOfFreedom").GetInt32());
            Assert.Equal(JsonValueKind.Null, g.GetProperty("pValue").ValueKind);
            Assert.Equal(3, g.GetProperty("variables").GetArrayLength());
            Assert.Equal(1, g.GetProperty("variables")[0].GetProperty("loadings").GetArrayLength());
        }
    }

    [Fact]
    public void Audit_GroupWithTwoIndicators_ReportsNotEnoughChildrenForMlInTableCsvAndJson()
    {
        // The quick start with rent_burden moved from "material" to "health": material keeps 2 indicators, health has 4.
        var definition = TempFile("two.json");
        var text = File.ReadAllText(QuickStartDefinition)
            .Replace("{ \"id\": \"employment\" }, { \"id\": \"rent_burden\" } ]", "{ \"id\": \"employment\" } ]", StringComparison.Ordinal)
            .Replace("{ \"id\": \"green_space\" } ]", "{ \"id\": \"green_space\" }, { \"id\": \"rent_burden\" } ]", StringComparison.Ordinal);
        Assert.Contains("\"rent_burden\" } ]", text, StringComparison.Ordinal);
        File.WriteAllText(definition, text);
        var (code, stdout, stderr) = Run("audit", definition, "--data", QuickStartData);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"\nMaterial conditions\s+2\s+-\s+-\s+-\s+-\s+-\s+not enough children for ML", stdout);

        var dir = Path.GetDirectoryName(TempFile("y"))!;
        var jsonPath = TempFile("two-audit.json");
        Assert.Equal(0, Run("audit", definition, "--data", QuickStartData, "--out", dir, "--json", jsonPath).Code);
        var row = Csv(Path.Combine(dir, "fa_groups.csv")).Rows.Single(r => r[1] == "material");
        Assert.Equal("false", row[4]);
        Assert.StartsWith("not enough children for ML", row[13], StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var g = doc.RootElement.GetProperty("factorAnalysis").EnumerateArray().Single(e => e.GetProperty("group").GetString() == "material");
        Assert.False(g.GetProperty("fitted").GetBoolean());
        Assert.StartsWith("not enough children for ML", g.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_SameInput_SameBytes()
    {
        var a = TempFile("a.json");
        var b = TempFile("b.json");
        Assert.Equal(0, Run("audit", QuickStartDefinition, "--data", QuickStartData, "--json", a).Code);
        Assert.Equal(0, Run("audit", QuickStartDefinition, "--data", QuickStartData, "--json", b).Code);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Audit_Unit_ShowsThatUnitsStrengthsAndWeaknesses()
    {
        var (code, stdout, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData, "--unit", "Grantham Vale", "--top", "2");

        Assert.True(code == 0, stderr);
        var row = stdout.Split('\n').Last(l => l.Contains("GRA", StringComparison.Ordinal));
        Assert.Matches(@"^\s*8\s+GRA\s+income \(7\), employment \(7\)\s+rent_burden \(8\), unmet_care \(8\)$", row);
    }

    [Theory]
    [InlineData(1, "--period", "1999")]
    [InlineData(1, "--unit", "Atlantis")]
    [InlineData(1, "--denominators", "population")]
    [InlineData(2, "--dataset", "scaled")]
    [InlineData(2, "--flag-level", "1")]
    [InlineData(2, "--top", "-1")]
    public void Audit_BadInput_ExitsWithOneClearLine(int expected, string option, string value)
    {
        var (code, stdout, stderr) = Run("audit", QuickStartDefinition, "--data", QuickStartData, option, value);

        Assert.Equal(expected, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [SharedDataFact(Asem)]
    public void Audit_AsemNormalized_CronbachAndPearsonMatchCoinr_Within1e9()
    {
        var dir = Path.GetDirectoryName(TempFile("x"))!;
        var (code, _, stderr) = Run(["audit", AsemDefinition, .. AsemData, "--out", dir]);
        Assert.True(code == 0, stderr);

        // COINr 1.1.14 get_cronbach(coin, "Normalised", iCodes = group, Level = 1) for every group (expected/analysis/cronbach.csv).
        var alphas = CompareCronbach(Csv(Path.Combine(dir, "cronbach.csv")), "Normalised");
        Assert.Equal(11, alphas);

        // get_corr(coin, "Normalised", Levels = 1, pval = 0): 49 x 49 Pearson correlations.
        var compared = CompareMatrix(Csv(Path.Combine(dir, "correlations.csv")), "pearson", "corr_normalised_L1_pval0_wide.csv");
        Assert.Equal(49 * 49, compared);
    }

    [SharedDataFact(Asem)]
    public void Audit_AsemRaw_CronbachPearsonSpearmanMatchCoinr_Within1e9_DenominatorsAt2Decimals()
    {
        var dir = Path.GetDirectoryName(TempFile("x"))!;
        var (code, _, stderr) = Run(["audit", AsemDefinition, .. AsemData, "--out", dir, "--dataset", "raw", "--denominators", "Area,Energy,GDP,Population", "--denominator-threshold", "0.7"]);
        Assert.True(code == 0, stderr);

        Assert.Equal(11, CompareCronbach(Csv(Path.Combine(dir, "cronbach.csv")), "Raw"));
        var correlations = Csv(Path.Combine(dir, "correlations.csv"));
        Assert.Equal(49 * 49, CompareMatrix(correlations, "pearson", "corr_raw_L1_pval0_wide.csv"));
        Assert.Equal(49 * 49, CompareMatrix(correlations, "spearman", "corr_raw_L1_spearman_pval0_wide.csv"));

        // get_denom_corr(coin, "Raw", cor_thresh = 0.7): COINr rounds to 2 decimals.
        var expected = Csv(SharedData.PathOf(Asem, "expected", "analysis", "denom_corr_raw_0.7.csv"));
        var actual = Csv(Path.Combine(dir, "denominator_correlations.csv"));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var row in expected.Rows)
        {
            var r = actual.Rows.Single(a => a[0] == row[0] && a[1] == row[1]);
            Assert.True(Math.Abs(double.Parse(r[2], CultureInfo.InvariantCulture) - double.Parse(row[2], CultureInfo.InvariantCulture)) <= 0.005 + 1e-12, $"{row[0]} x {row[1]}");
        }

        Assert.Equal(10, expected.Rows.Count);
    }

    [SharedDataFact(Asem)]
    public void Audit_AsemTable_PrintsCoinrsNormalisedAlphaOfTheInstitutionalPillar_At3Decimals()
    {
        var (code, stdout, stderr) = Run(["audit", AsemDefinition, .. AsemData]);

        Assert.True(code == 0, stderr);

        // cronbach.csv: Normalised, Instit = 0.28478931428577337 -> printed 0.285; SusEcFin = -0.37682895307196584 -> -0.377.
        Assert.Matches(@"\nInstitutional\s+2\s+6\s+99 %\s+0\.285\s", stdout);
        Assert.Matches(@"\nEconomic and Financial \(Sus\)\s+2\s+5\s+97 %\s+-0\.377\s", stdout);
        Assert.Contains("Denominator correlations (raw data, |r| above the threshold):", stdout, StringComparison.Ordinal);
    }

    [SharedDataFact(Asem)]
    public void Audit_AsemFactorAnalysis_EveryPillarFitted_ConnectivityEconomicFinancialConvergesWithTwoFactors()
    {
        var dir = Path.GetDirectoryName(TempFile("x"))!;
        var (code, _, stderr) = Run(["audit", AsemDefinition, .. AsemData, "--out", dir]);
        Assert.True(code == 0, stderr);

        // 8 pillars with 3 to 9 indicators each; the sub-indices and the index have no direct indicators. ConEcFin
        // (5 indicators, 2 factors, 1 degree of freedom) used to stop after 10 iterations: the line search gave up when
        // the full projected step was not a descent direction instead of shortening it.
        var groups = Csv(Path.Combine(dir, "fa_groups.csv"));
        Assert.Equal(8, groups.Rows.Count);
        Assert.All(groups.Rows, r => Assert.True(r[groups.Col("fitted")] == "true", $"{r[1]}: {r[groups.Col("reason")]}"));
        var con = groups.Rows.Single(r => r[1] == "ConEcFin");
        Assert.Equal(("5", "2", "1"), (con[groups.Col("variables")], con[groups.Col("factors")], con[groups.Col("degrees_of_freedom")]));
    }

    private static int CompareCronbach(Table actual, string dataset)
    {
        var expected = Csv(SharedData.PathOf(Asem, "expected", "analysis", "cronbach.csv"));
        var compared = 0;
        foreach (var row in expected.Rows.Where(r => r[0] == dataset))
        {
            var a = actual.Rows.Single(r => r[actual.Col("group")] == row[1]);
            Assert.Equal(row[2], a[actual.Col("group_level")]);
            var e = double.Parse(row[4], CultureInfo.InvariantCulture);
            var v = double.Parse(a[actual.Col("alpha")], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(e - v) <= 1e-9, $"{dataset} {row[1]}: expected {e:R}, got {v:R}");
            compared++;
        }

        return compared;
    }

    private static int CompareMatrix(Table actual, string column, string file)
    {
        var expected = Csv(SharedData.PathOf(Asem, "expected", "analysis", file));
        var ids = expected.Header;
        var values = actual.Rows.ToDictionary(r => (r[actual.Col("row")], r[actual.Col("column")]), r => r[actual.Col(column)]);
        var compared = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = 0; j < ids.Count; j++)
            {
                var e = double.Parse(expected.Rows[i][j], CultureInfo.InvariantCulture);
                var v = double.Parse(values[(ids[i], ids[j])], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(e - v) <= 1e-9, $"{file} {ids[i]} x {ids[j]}: expected {e:R}, got {v:R}");
                compared++;
            }
        }

        return compared;
    }

    private static double Number(Table t, string key, string column) =>
        double.Parse(t.Rows.Single(r => r[0] == key)[t.Col(column)], CultureInfo.InvariantCulture);

    internal sealed record Table(List<string> Header, List<List<string>> Rows)
    {
        public int Col(string name) => Header.IndexOf(name) is var i && i >= 0 ? i : throw new KeyNotFoundException(name);
    }

    /// <summary>Reads a CSV file with quoted fields (R's write.csv and ours).</summary>
    internal static Table Csv(string path)
    {
        var rows = new List<List<string>>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var k = 0; k < line.Length; k++)
            {
                var c = line[k];
                if (quoted)
                {
                    if (c == '"' && k + 1 < line.Length && line[k + 1] == '"')
                    {
                        field.Append('"');
                        k++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            rows.Add(fields);
        }

        return new Table(rows[0], rows.Skip(1).ToList());
    }
}
