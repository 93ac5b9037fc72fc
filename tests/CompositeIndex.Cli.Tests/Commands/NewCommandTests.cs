using System.Globalization;
using CompositeIndex.Serialization;
using CompositeIndex.Tests;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

public class NewCommandTests
{
    private const string Asem = "coinr-asem";

    private static string SeoulData => Path.Combine(RepoRoot, "samples", "seoul", "data", "illustrative-values.csv");

    private static string SeoulIndicators => Path.Combine(RepoRoot, "samples", "seoul", "data", "indicators.csv");

    private static string[] AsemData => ["--data", SharedData.PathOf(Asem, "ASEM_iData.csv"), "--unit-column", "uCode", "--period-column", "Time", "--name-column", "uName"];

    [Fact]
    public void New_SeoulLong_ValidatesAndComputesAsWritten_L01MatchesHandCalculation_Within1e12()
    {
        var file = TempFile("seoul.json");

        var (code, stdout, stderr) = Run("new", "--data", SeoulData, "--long", "--id", "wtv", "--name", "Walking together", "--out", file);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Wrote ", stderr, StringComparison.Ordinal);
        Assert.Contains("50 indicators, 1 group.", stderr, StringComparison.Ordinal);
        var text = File.ReadAllText(file);
        Assert.StartsWith("// Starter definition written by 'compindex new' from illustrative-values.csv (1 unit, periods 2022 to 2024).\n// Every indicator of the file is an indicator (50),", text, StringComparison.Ordinal);
        Assert.Contains($"//   compindex compute {file} --data {SeoulData} --long\n", text, StringComparison.Ordinal);
        Assert.Contains("      // in the data: 2 values from 16.6832 to 20, 1 missing\n      \"id\": \"H03\",", text, StringComparison.Ordinal);

        var d = IndexDefinitionJson.Load(text);
        // Every indicator of the long file (counted here from the file itself), in file order, under one root group of equal weights.
        var inFile = File.ReadLines(SeoulData).Skip(1).Select(l => l.Split(',')[2]).Distinct().ToList();
        Assert.Equal(inFile, d.Indicators.Select(i => i.Id));
        Assert.All(d.Indicators, i => Assert.Equal(Polarity.Positive, i.Polarity));
        var root = Assert.Single(d.Groups);
        Assert.Equal("wtv", root.Id);
        Assert.All(root.Children, c => Assert.Equal(1.0, c.Weight));
        Assert.Equal(new MinMaxNormalization(0, 100) { Reference = NormalizationReference.Pooled }, d.Normalization);

        var (vcode, vout, verr) = Run("validate", file);
        Assert.True(vcode == 0, verr);
        Assert.StartsWith("ok: seoul.json: 'Walking together', 50 indicators, 1 groups, root 'wtv'", vout, StringComparison.Ordinal);

        var csv = TempFile("scores.csv");
        var (ccode, _, cerr) = Run("compute", file, "--data", SeoulData, "--long", "--out", csv);
        Assert.True(ccode == 0, cerr);
        var scores = AuditCommandTests.Csv(csv);
        double Score(string node, string period) =>
            double.Parse(scores.Rows.Single(r => r[scores.Col("node")] == node && r[scores.Col("period")] == period)[scores.Col("score")], CultureInfo.InvariantCulture);

        // L01 is 60.0, 56.88, 73.08 in 2022-2024; pooled min-max: (60 - 56.88) / (73.08 - 56.88) * 100.
        Assert.Equal((60.0 - 56.88) / (73.08 - 56.88) * 100, Score("L01", "2022"), 12);
        Assert.Equal(0, Score("L01", "2023"), 12);
        Assert.Equal(100, Score("L01", "2024"), 12);

        // The index is the plain mean of the indicators present (H03 has no 2024 value: 49 of 50).
        foreach (var period in new[] { "2022", "2023", "2024" })
        {
            var present = d.Indicators.Select(i => scores.Rows.Single(r => r[scores.Col("node")] == i.Id && r[scores.Col("period")] == period)[scores.Col("score")])
                .Where(s => s.Length > 0).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(present.Average(), Score("wtv", period), 9);
        }
    }

    [Fact]
    public void New_SeoulWithIndicatorTable_GroupsByAreaWithKoreanNames_AndComputes()
    {
        var file = TempFile("seoul.json");

        var (code, _, stderr) = Run("new", "--data", SeoulData, "--long", "--groups-from", SeoulIndicators, "--out", file);

        Assert.True(code == 0, stderr);
        var d = DefinitionSource.Load(file);
        Assert.Equal(["livelihood", "housing", "health", "education", "safety", "integration", "index"], d.Groups.Select(g => g.Id));
        Assert.Equal("서울디딤돌소득 지원 가구의 일에 대한 만족도", d.Indicators.First(i => i.Id == "L01").Names["ko"]);
        var (ccode, stdout, cerr) = Run("compute", file, "--data", SeoulData, "--long", "--language", "ko");
        Assert.True(ccode == 0, cerr);
        Assert.Contains("SEOUL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void New_PrefixConvention_GroupsSeoulIndicatorsByTheirFirstLetter()
    {
        var (code, stdout, stderr) = Run("new", "--data", SeoulData, "--long", "--groups-from", "prefix:1");

        Assert.True(code == 0, stderr);
        var d = IndexDefinitionJson.Load(stdout);
        Assert.Equal(["L", "H", "M", "E", "S", "I", "index"], d.Groups.Select(g => g.Id));
        Assert.Equal(12, d.Groups[0].Children.Length); // L01..L12
    }

    [Fact]
    public void New_PrefixWithSeparator_IndicatorsWithoutItStayUnderTheRoot()
    {
        var data = TempFile("data.csv");
        File.WriteAllText(data, "unit,period,health_le,health_care,edu_years,gdp\nA,2024,80,3,12,100\nB,2024,70,5,9,50\nC,2024,75,4,10,70\n");

        var (code, stdout, stderr) = Run("new", "--data", data, "--groups-from", "prefix");

        Assert.True(code == 0, stderr);
        var d = IndexDefinitionJson.Load(stdout);
        Assert.Equal(["health", "edu", "index"], d.Groups.Select(g => g.Id));
        Assert.Equal(["health", "edu", "gdp"], d.Groups[2].Children.Select(c => c.Id));
    }

    [SharedDataFact(Asem)]
    public void New_AsemWide_TakesTheNumericColumns_ValidatesAndComputesAsWritten()
    {
        var file = TempFile("asem.json");

        var (code, _, stderr) = Run(["new", .. AsemData, "--id", "asem", "--out", file, "--verbose"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("Not numeric, left out: GDP_group, GDPpc_group, Pop_group, EurAsia_group", stderr, StringComparison.Ordinal);
        var d = DefinitionSource.Load(file);
        // ASEM_iData: 60 columns = uName, uCode, 4 group columns (text), Time, 4 denominators and 49 indicators (README of the data).
        var header = AuditCommandTests.Csv(SharedData.PathOf(Asem, "ASEM_iData.csv")).Header;
        Assert.Equal(header.Skip(7), d.Indicators.Select(i => i.Id));
        Assert.Equal(53, d.Indicators.Length);

        var (vcode, _, verr) = Run("validate", file);
        Assert.True(vcode == 0, verr);
        var (ccode, stdout, cerr) = Run(["compute", file, .. AsemData]);
        Assert.True(ccode == 0, cerr);
        Assert.StartsWith("ASEM_iData index — 2018, 51 units", stdout, StringComparison.Ordinal);
        Assert.Equal(51, stdout.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+[0-9]+\s+[A-Z]{3}\s")));
    }

    [SharedDataFact(Asem)]
    public void New_AsemWithATableFromCoinrMeta_EightPillars_DenominatorsLeftOut_Computes()
    {
        // COINr's iMeta as an indicator table: indicator = iCode, group = Parent (its pillar), for Type "Indicator".
        var meta = AuditCommandTests.Csv(SharedData.PathOf(Asem, "ASEM_iMeta.csv"));
        var table = TempFile("asem-indicators.csv");
        File.WriteAllLines(table, ["indicator,group,name", .. meta.Rows.Where(r => r[meta.Col("Type")] == "Indicator")
            .Select(r => $"{r[meta.Col("iCode")]},{r[meta.Col("Parent")]},\"{r[meta.Col("iName")]}\"")]);
        var file = TempFile("asem.json");

        var (code, _, stderr) = Run(["new", .. AsemData, "--id", "asem", "--groups-from", table, "--out", file]);

        Assert.True(code == 0, stderr);
        Assert.Contains("4 column(s) of ASEM_iData.csv are not in asem-indicators.csv; left out: Area, Energy, GDP, Population", stderr, StringComparison.Ordinal);
        var d = DefinitionSource.Load(file);
        Assert.Equal(49, d.Indicators.Length);
        Assert.Equal(["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin", "asem"], d.Groups.Select(g => g.Id));
        var (ccode, _, cerr) = Run(["compute", file, .. AsemData]);
        Assert.True(ccode == 0, cerr);
    }

    [Fact]
    public void New_ExistingOut_RefusedWithoutForce_ReplacedWithForce()
    {
        var file = TempFile("definition.json");
        File.WriteAllText(file, "keep me");

        var (code, _, stderr) = Run("new", "--data", SeoulData, "--long", "--out", file);

        Assert.Equal(1, code);
        Assert.Contains("already exists; add --force to replace it.", stderr, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));

        var (forced, _, ferr) = Run("new", "--data", SeoulData, "--long", "--out", file, "--force");
        Assert.True(forced == 0, ferr);
        Assert.True(IndexDefinitionJson.Validate(File.ReadAllText(file)).IsValid);
        Assert.Equal(["definition.json"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void New_MissingFile_ExitsOneNamingTheFile()
    {
        var missing = Path.Combine(Path.GetDirectoryName(TempFile("x"))!, "nope.csv");

        var (code, stdout, stderr) = Run("new", "--data", missing);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"error: {missing}: The file does not exist.\n", stderr);
    }

    [Fact]
    public void New_NoNumericColumns_ExitsOneWithLine1()
    {
        var data = TempFile("names.csv");
        File.WriteAllText(data, "unit,period,name,region\nA,2024,Alpha,North\nB,2024,Beta,South\n");

        var (code, _, stderr) = Run("new", "--data", data);

        Assert.Equal(1, code);
        Assert.StartsWith("error: names.csv, line 1: The file has no numeric columns to use as indicators", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_DuplicateColumnNames_ExitsOneWithTheLineAndColumn()
    {
        var data = TempFile("dup.csv");
        File.WriteAllText(data, "\n\nunit,period,x,y,x\nA,2024,1,2,3\n");

        var (code, _, stderr) = Run("new", "--data", data);

        Assert.Equal(1, code);
        Assert.Equal("error: dup.csv, line 3, column 'x': The header names column 'x' twice.\n", stderr);
    }

    [Fact]
    public void New_ConstantAndEmptyColumns_LeftOutWithAWarning_RestComputes()
    {
        var data = TempFile("data.csv");
        File.WriteAllText(data, "unit,period,a,b,c\nA,2024,1,5,\nB,2024,2,5,NA\n");
        var file = TempFile("d.json");

        var (code, _, stderr) = Run("new", "--data", data, "--out", file);

        Assert.True(code == 0, stderr);
        Assert.Contains("warning: 'b' has the same value (5) everywhere in data.csv; left out", stderr, StringComparison.Ordinal);
        Assert.Contains("warning: 'c' has no values in data.csv; left out.", stderr, StringComparison.Ordinal);
        Assert.Equal(["a"], DefinitionSource.Load(file).Indicators.Select(i => i.Id));
        Assert.Equal(0, Run("compute", file, "--data", data).Code);
    }

    [Theory]
    [InlineData("suffix")]
    [InlineData("prefix:0")]
    public void New_MalformedGroupsFrom_ExitsTwo(string groupsFrom)
    {
        var (code, _, stderr) = Run("new", "--data", SeoulData, "--long", "--groups-from", groupsFrom);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --groups-from", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_IdEqualToAColumn_ExitsTwo()
    {
        var (code, _, stderr) = Run("new", "--data", SeoulData, "--long", "--id", "L01");

        Assert.Equal(2, code);
        Assert.Contains("The index id 'L01' is also an indicator", stderr, StringComparison.Ordinal);
    }

    /// <summary>Quoted headers holding a comma, a quote and a line break (the CLI split the header by hand, so the starter did not compute).</summary>
    [Fact]
    public void New_QuotedHeadersWithCommaQuoteAndNewline_WritesADefinitionThatComputes()
    {
        var data = TempFile("tricky.csv");
        File.WriteAllText(data, "unit,period,\"income, net\",\"say \"\"hi\"\"\",\"two\nlines\"\nA,2024,1,2,3\nB,2024,4,6,5\nC,2024,7,3,9\n");
        var definition = Path.Combine(Path.GetDirectoryName(data)!, "tricky.json");

        var (code, _, stderr) = Run("new", "--data", data, "--out", definition);
        var computed = Run("compute", definition, "--data", data, "--format", "csv");

        Assert.True(code == 0, stderr);
        Assert.True(computed.Code == 0, computed.Err);
        var loaded = IndexDefinitionJson.LoadFile(definition);
        Assert.Equal(["income, net", "say \"hi\"", "two\nlines"], loaded.Indicators.Select(i => i.Id));
    }
}
