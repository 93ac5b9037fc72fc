using CompositeIndex.Serialization;
using CompositeIndex.Tests.Golden.Asem;

namespace CompositeIndex.Tests.Building;

/// <summary>COINr's iMeta/iData read into a definition and a panel (<see cref="IndicatorTable.ReadCoinr"/>).</summary>
public class CoinrImportTests
{
    private const string Meta = """
        "iCode","iName","Level","Parent","Weight","Direction","Type","Unit","Target","Denominator"
        "a","A one","1","P","1","1","Indicator","%","NA",NA
        "b","B two","1","P","2","-1","Indicator",NA,"NA","pop"
        "c","C three","1","Q","1","1","Indicator","kg","NA",NA
        "P","Pillar P","2","S","1","1","Aggregate",NA,NA,NA
        "Q","Pillar Q","2","S","3","1","Aggregate",NA,NA,NA
        "S","Sub S","3","Top","1","1","Aggregate",NA,NA,NA
        "Top","The index","4",NA,"1","1","Aggregate",NA,NA,NA
        "region","Region","NA",NA,"NA","NA","Group",NA,NA,NA
        "pop","Population","NA",NA,"NA","NA","Denominator",NA,NA,NA
        """;

    private const string Data = """
        uCode,uName,region,pop,a,b,c
        X,Ex,north,10,1,2,3
        Y,Why,south,20,4,NA,6
        Z,Zed,south,5,7,3,9
        """;

    [SharedDataFact(AsemData.Folder)]
    public void ReadCoinr_AsemWithBuildExampleCoinSteps_SameFingerprintAsSampleDefinition()
    {
        var import = IndicatorTable.ReadCoinr(
            SharedData.PathOf(AsemData.Folder, "ASEM_iMeta.csv"),
            SharedData.PathOf(AsemData.Folder, "ASEM_iData.csv"),
            new CoinrImportOptions
            {
                IndexId = "asem",
                IndexName = "ASEM Sustainable Connectivity (COINr example)",
                Description = "COINr 1.1.14 build_example_coin(): ASEM Sustainable Connectivity Portal data (JRC), 51 countries x 49 indicators.",
            });

        // build_example_coin() after new_coin: Denominate (imported), Impute(i_mean_grp, EurAsia_group), Screen(0.9), Treat.
        var definition = import.Definition.ToBuilder()
            .AddStep(Imputation.GroupMean("EurAsia_group"))
            .AddStep(Screening.ByMissing(0.9))
            .AddStep(Treatment.Winsorize(5))
            .Build();
        var sample = IndexDefinitionJson.LoadFile(Path.Combine(SharedData.RepoRoot, "samples", "gallery", "asem", "asem.json"));

        Assert.Equal(IndexDefinitionJson.Fingerprint(sample), IndexDefinitionJson.Fingerprint(definition));
        Assert.Equal(49, definition.Indicators.Length);
        Assert.Equal(11, definition.Groups.Length);
        Assert.Equal(["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"], import.UnitGroups.ToArray());
        Assert.Equal(["Area", "Energy", "GDP", "Population"], import.Denominators.ToArray());
        Assert.Equal(51, import.Panel!.Units.Length);
        Assert.Equal("Austria", import.Panel.UnitInfo.Single(u => u.Id == "AUT").Name);
    }

    [Fact]
    public void ReadCoinr_FourLevels_TreeWeightsDirectionsDenominatorsAndPanel()
    {
        var (meta, data) = (Temp("iMeta.csv", Meta), Temp("iData.csv", Data));

        var import = IndicatorTable.ReadCoinr(meta, data);
        var d = import.Definition;

        Assert.Equal("The index", d.Name); // the top aggregate's iName
        Assert.Equal(["a", "b", "c"], d.Indicators.Select(i => i.Id));
        Assert.Equal(Polarity.Negative, d.Indicators[1].Polarity);
        Assert.Equal("%", d.Indicators[0].MeasurementUnit);
        Assert.Null(d.Indicators[1].MeasurementUnit);
        Assert.Equal([("a", 1.0), ("b", 2.0)], d.Groups.Single(g => g.Id == "P").Children.Select(c => (c.Id, c.Weight)));
        Assert.Equal([("P", 1.0), ("Q", 3.0)], d.Groups.Single(g => g.Id == "S").Children.Select(c => (c.Id, c.Weight)));
        Assert.Equal("Top", d.ResolveRoot());
        var step = Assert.IsType<DenominationStep>(Assert.Single(d.Steps));
        Assert.Equal("pop", step.Denominators["b"].Variable);

                var panel = import.Panel!;
        Assert.Equal(["X", "Y", "Z"], panel.Units.ToArray());
        Assert.Equal("1", Assert.Single(panel.Periods)); // no Time column: the default period
        Assert.Equal("north", panel.UnitInfo[0].Attributes["region"]);
        var result = CompiledIndex.Compile(d).Evaluate(panel);

        // b is divided by pop (X: 2 / 10 = 0.2, Z: 3 / 5 = 0.6) and lower is better, so min-max [0, 100] gives X 100, Z 0.
        Assert.Equal(100, result.GetScore("b", "X", "1"), 12);
        Assert.Equal(0, result.GetScore("b", "Z", "1"), 12);
    }

    [Theory]
    [InlineData("\"P\",\"Pillar P\",\"2\",\"S\"", "\"P\",\"Pillar P\",\"3\",\"S\"", "'a' (level 1) has Parent 'P'", 2)] // P at level 3: its children at level 1 are reported first
    [InlineData("\"c\",\"C three\",\"1\",\"Q\",\"1\",\"1\"", "\"c\",\"C three\",\"1\",\"Q\",\"1\",\"0\"", "Direction '0'", 4)]
    [InlineData("\"Q\",\"Pillar Q\",\"2\",\"S\",\"3\"", "\"Q\",\"Pillar Q\",\"2\",\"S\",\"-3\"", "weight '-3'", 6)]
    [InlineData("\"b\",\"B two\",\"1\",\"P\",\"2\",\"-1\",\"Indicator\",NA,\"NA\",\"pop\"", "\"b\",\"B two\",\"1\",\"P\",\"2\",\"-1\",\"Indicator\",NA,\"NA\",\"area\"", "Denominator 'area'", 3)]
    [InlineData("\"S\",\"Sub S\",\"3\",\"Top\"", "\"S\",\"Sub S\",\"3\",NA", "2 aggregates without Parent", null)]
    [InlineData("\"c\",\"C three\"", "\"a\",\"C three\"", "listed twice", 4)]
    public void ReadCoinr_MalformedMeta_DataExceptionNamingLine(string find, string replace, string message, int? line)
    {
        var meta = Temp("bad-iMeta.csv", Meta.Replace(find, replace, StringComparison.Ordinal));

        var ex = Assert.Throws<IndexDataException>(() => IndicatorTable.ReadCoinr(meta));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }

    private static string Temp(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ci-coinr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        return path;
    }
}
