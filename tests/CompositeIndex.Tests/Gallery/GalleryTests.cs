using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Serialization;
using CompositeIndex.Tests.Golden;

namespace CompositeIndex.Tests.Gallery;

/// <summary>
/// The index gallery (samples/gallery): each published index's definition file, run on the published inputs in
/// ../shared/data, reproduces every published value; each test asserts how many it compared and matched
/// (<see cref="GalleryCatalog"/>).
/// </summary>
public sealed class GalleryTests
{
    internal static string GalleryPath(params string[] parts) => Path.Combine([SharedData.RepoRoot, "samples", "gallery", .. parts]);

    internal static IndexDefinition Load(string folder, string file) => IndexDefinitionJson.LoadFile(GalleryPath(folder, file));

    internal static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Reads a CSV file as rows keyed by header, with header names trimmed (published files pad some with blanks).</summary>
    internal static List<Dictionary<string, string>> ReadRows(string path)
    {
        using var reader = new StreamReader(path);
        var csv = new CsvTokenizer(reader, path);
        var header = csv.ReadRecord()!.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.ReadRecord() is { } record)
        {
            rows.Add(header.Zip(record).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>
    /// WIMD 2019: the eight exponentially transformed domain scores and the WIMD score (1 dp) of the scores table and
    /// the WIMD rank of the ranks table, from the eight published domain ranks: 8 × 1,909 + 1,909 + 1,909 = 19,090.
    /// </summary>
    [SharedDataFact("gallery/wimd-2019")]
    public void Wimd2019_PublishedDomainRanks_Reproduce19090Of19090PublishedValues()
    {
        var definition = Load("wimd-2019", "wimd-2019.json");
        var folder = SharedData.PathOf("gallery", "wimd-2019");
        var ranksFile = Path.Combine(folder, "welsh-index-multiple-deprivation-2019-index-and-domain-ranks-by-small-area.csv");
        var scoresFile = Path.Combine(folder, "wimd-2019-index-and-domain-scores-by-small-area.csv");
        var columns = new Dictionary<string, string>
        {
            ["income"] = "Income", ["employment"] = "Employment", ["health"] = "Health", ["education"] = "Education",
            ["access"] = "Access to Services", ["housing"] = "Housing", ["safety"] = "Community Safety", ["environment"] = "Physical Environment",
        };
        var panel = Panel.ReadWideCsv(ranksFile, new CsvOptions
        {
            UnitColumn = "LSOA code",
            UnitNameColumn = "LSOA name (Eng)",
            DefaultPeriod = "2019",
            IndicatorColumns = columns.ToImmutableSortedDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal),
            IgnoreUnmappedColumns = true,
        });
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        void Check(string unit, string what, string published, object? ours)
        {
            compared++;
            object expected = published.Contains('.', StringComparison.Ordinal) ? (object)Dec(published) : int.Parse(published, CultureInfo.InvariantCulture);
            if (Equals(ours, expected))
            {
                matched++;
            }
            else
            {
                mismatches.Add($"{unit} {what}: published {published}, computed {ours}");
            }
        }

        foreach (var row in ReadRows(scoresFile))
        {
            var unit = row["LSOA code"];
            foreach (var (id, column) in columns)
            {
                Check(unit, id, row[column], result.GetOutput(id).GetPublished(unit, "2019"));
            }

            Check(unit, "wimd", row["WIMD 2019"], result.GetOutput("wimd").GetPublished(unit, "2019"));
        }

        foreach (var row in ReadRows(ranksFile))
        {
            Check(row["LSOA code"], "wimd rank", row["WIMD 2019"], result.GetOutput("wimd").GetRank(row["LSOA code"], "2019"));
        }

        GalleryCatalog.Count("wimd-2019", compared, matched, mismatches);
    }

    public static TheoryData<string> GalleryFiles()
    {
        var data = new TheoryData<string>();
        foreach (var e in GalleryCatalog.Entries)
        {
            foreach (var d in e.Definitions)
            {
                data.Add(d);
            }
        }

        return data;
    }

    /// <summary>Every gallery definition is valid, obeys the schema, and survives JSON → model → JSON unchanged.</summary>
    [Theory]
    [MemberData(nameof(GalleryFiles))]
    public void GalleryDefinition_Loaded_IsValidAndRoundTripsIdentically(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepoRoot, relativePath));
        Assert.Empty(Serialization.SchemaTests.SchemaErrors(text));
        var definition = IndexDefinitionJson.Load(text);
        Assert.True(definition.Validate().IsValid, string.Join("\n", definition.Validate().Errors));
        var saved = IndexDefinitionJson.Save(definition);
        var again = IndexDefinitionJson.Load(saved);
        Assert.Equal(definition, again);
        Assert.Equal(saved, IndexDefinitionJson.Save(again));
    }

    /// <summary>Every gallery folder has a README and is catalogued; every catalogued definition exists.</summary>
    [Fact]
    public void GalleryFolders_EachHasReadmeAndCatalogEntry()
    {
        var folders = Directory.GetDirectories(GalleryPath()).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(GalleryCatalog.Entries.Select(e => e.Folder).Order(StringComparer.Ordinal), folders);
        foreach (var e in GalleryCatalog.Entries)
        {
            Assert.True(File.Exists(GalleryPath(e.Folder, "README.md")), $"samples/gallery/{e.Folder}/README.md is missing");
            Assert.All(e.Definitions, d => Assert.True(File.Exists(Path.Combine(SharedData.RepoRoot, d)), d));
        }
    }
}
