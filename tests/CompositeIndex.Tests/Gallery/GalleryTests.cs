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

        GalleryCatalog.Count("wimd-2019", "scores and ranks", compared, matched, mismatches);

        // Deciles are not in these two tables; WIMD's rule (decile = ⌈rank · 10 / N⌉, rank 1 = most deprived) applied to
        // the PUBLISHED ranks gives the decile each area must have, and the definition's quantile output agrees for all 1,909.
        var ranks = ReadRows(ranksFile);
        var deciles = ranks.Count(row => (int)Math.Ceiling(int.Parse(row["WIMD 2019"], CultureInfo.InvariantCulture) * 10.0 / ranks.Count) == result.GetOutput("wimd_decile").GetValue(row["LSOA code"], "2019"));
        Assert.Equal((1909, 1909), (ranks.Count, deciles));
    }

    /// <summary>
    /// UNDP's GII, HDR 2023/24: every published GII (3 dp) and the 2022 ranks (ascending, ties broken on the unrounded
    /// value, countries only) from the published inputs: 4,711 + 166 = 4,877.
    /// </summary>
    [SharedDataFact("undp")]
    public void Gii_Hdr2023_Reproduces4877Of4877PublishedValues()
    {
        var (rows, result) = RunUndp("gii", "gii.json", "hdr2023-24_gii.csv");
        var gii = result.GetOutput("gii");
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var (unit, year) = (row["iso3"], row["year"]);
            if (row["gii"].Length > 0)
            {
                Tally(Dec(row["gii"]) == gii.GetPublished(unit, year), $"{unit} {year} gii: published {row["gii"]}, computed {gii.GetPublished(unit, year)}");
            }

            if (row["gii_rank"].Length > 0)
            {
                Tally(int.Parse(row["gii_rank"], CultureInfo.InvariantCulture) == gii.GetRank(unit, year), $"{unit} {year} rank: published {row["gii_rank"]}, computed {gii.GetRank(unit, year)}");
            }
        }

        GalleryCatalog.Count("gii", "values and ranks", compared, matched, mismatches);

        void Tally(bool ok, string what)
        {
            compared++;
            matched += ok ? 1 : 0;
            if (!ok)
            {
                mismatches.Add(what);
            }
        }
    }

    /// <summary>
    /// UNDP's PHDI, HDR 2023/24: every published PHDI and HDI (3 dp), difference from the HDI value (%, 10 significant
    /// digits; "NaN" for Rwanda 1994, where HDI and PHDI are 0) and the 2022 difference from the HDI rank:
    /// 5,100 + 5,095 + 5,100 + 154 = 15,449.
    /// </summary>
    [SharedDataFact("undp")]
    public void Phdi_Hdr2023_Reproduces15449Of15449PublishedValues()
    {
        var (rows, result) = RunUndp("phdi", "phdi.json", "hdr2023-24_phdi.csv");
        var (phdi, hdi, diff, rankdiff) = (result.GetOutput("phdi"), result.GetOutput("hdi"), result.GetOutput("diff_hdi_phdi"), result.GetOutput("rankdiff_hdi_phdi"));
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var (unit, year) = (row["iso3"], row["year"]);
            foreach (var (column, output) in new[] { ("phdi", phdi), ("hdi", hdi) })
            {
                if (row[column].Length > 0)
                {
                    Tally(Dec(row[column]) == output.GetPublished(unit, year), $"{unit} {year} {column}: published {row[column]}, computed {output.GetPublished(unit, year)}");
                }
            }

            var d = row["diff_hdi_phdi"];
            if (d == "NaN")
            {
                // 0/0: the output says onNonFinite: missing, and the audit says why.
                Tally(double.IsNaN(diff.GetValue(unit, year)) && diff.Audit.Any(a => a.UnitId == unit && a.Period == year), $"{unit} {year} diff: published NaN, computed {diff.GetValue(unit, year)}");
            }
            else if (d.Length > 0)
            {
                var published = double.Parse(d, CultureInfo.InvariantCulture);
                var ours = diff.GetValue(unit, year);
                Tally(Math.Abs(ours - published) <= 1e-9 * Math.Max(1, Math.Abs(published)), $"{unit} {year} diff: published {d}, computed {ours}");
            }

            if (row["rankdiff_hdi_phdi"].Length > 0)
            {
                Tally(double.Parse(row["rankdiff_hdi_phdi"], CultureInfo.InvariantCulture) == rankdiff.GetValue(unit, year), $"{unit} {year} rankdiff: published {row["rankdiff_hdi_phdi"]}, computed {rankdiff.GetValue(unit, year)}");
            }
        }

        GalleryCatalog.Count("phdi", "values and rank differences", compared, matched, mismatches);

        void Tally(bool ok, string what)
        {
            compared++;
            matched += ok ? 1 : 0;
            if (!ok)
            {
                mismatches.Add(what);
            }
        }
    }

    /// <summary>
    /// CDC/ATSDR SVI 2022, county file: every published derived column (16 EPL, 4 SPL and RPL, SPL/RPL_THEMES, 16 flags,
    /// 4 flag counts, F_TOTAL: 47 columns) for 3,144 counties from the published EP_* percentages: 147,768 values.
    /// </summary>
    [SharedDataFact("gallery/cdc-svi")]
    public void Svi2022_PublishedPercentages_Reproduce147768Of147768PublishedValues()
    {
        var definition = Load("cdc-svi-2022", "svi-2022.json");
        var path = SharedData.PathOf("gallery", "cdc-svi", "SVI_2022_US_county.csv");
        var panel = Panel.ReadWideCsv(path, new CsvOptions { UnitColumn = "FIPS", UnitNameColumn = "LOCATION", DefaultPeriod = "2022", MissingTokens = ["", "-999"] }.ForDefinition(definition));
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        foreach (var row in ReadRows(path))
        {
            var unit = row["FIPS"];
            foreach (var output in result.Outputs)
            {
                var published = row[output.Id];
                compared++;
                var ours = output.GetPublished(unit, "2022");
                if (published == "-999" ? ours is null : ours == Dec(published))
                {
                    matched++;
                }
                else
                {
                    mismatches.Add($"{unit} {output.Id}: published {published}, computed {ours}");
                }
            }
        }

        Assert.Equal(47, result.Outputs.Length);
        GalleryCatalog.Count("cdc-svi-2022", "all derived columns", compared, matched, mismatches);
    }

    /// <summary>
    /// ND-GAIN (release covering 1995–2014), 192 countries × 20 years × 45 indicators, from the raw series: the
    /// gap-filled inputs, the indicator scores, the 9 sector/component scores, vulnerability, readiness and the ND-GAIN
    /// score, each where ND-GAIN publishes it, within 1e-9 × max(1, |v|) (the files print 12 significant digits):
    /// 155,380 + 155,380 + 34,320 + 3,640 + 3,680 + 3,600 = 356,000 values.
    /// </summary>
    [SharedDataFact("gallery/nd-gain")]
    public void NdGain_RawSeries_Reproduce356000Of356000PublishedValues()
    {
        var definition = Load("nd-gain", "nd-gain.json");
        var folder = SharedData.PathOf("gallery", "nd-gain");
        var indicators = definition.Indicators.Select(i => i.Id).ToList();

        // ND-GAIN ships one table per indicator (ISO3, Name, 1995..2014), read as published.
        var files = indicators.Select(id => new KeyValuePair<string, string>(id, Path.Combine(folder, "indicators", id, "raw.csv")));
        var panel = PeriodColumnsCsv.Read(files, new CsvOptions { UnitColumn = "ISO3", UnitNameColumn = "Name" });
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var prepared = result.Preparation!.Data;
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        void Compare(string file, string what, Func<string, string, double> ours)
        {
            foreach (var row in ReadRows(Path.Combine(folder, file)))
            {
                foreach (var (year, value) in row.Where(kv => kv.Key.Length == 4 && char.IsDigit(kv.Key[0]) && kv.Value.Length > 0))
                {
                    compared++;
                    var published = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    var v = ours(row["ISO3"], year);
                    if (Math.Abs(v - published) <= 1e-9 * Math.Max(1, Math.Abs(published)))
                    {
                        matched++;
                    }
                    else
                    {
                        mismatches.Add($"{what} {row["ISO3"]} {year}: published {value}, computed {v.ToString("R", CultureInfo.InvariantCulture)}");
                    }
                }
            }
        }

        foreach (var id in indicators)
        {
            var i = prepared.IndexOfIndicator(id);
            Compare(Path.Combine("indicators", id, "input.csv"), id + " input", (unit, year) => prepared.GetValues(i, prepared.IndexOfPeriod(year))[prepared.IndexOfUnit(unit)]);
            Compare(Path.Combine("indicators", id, "score.csv"), id + " score", (unit, year) => result.GetScore(id, unit, year));
        }

        foreach (var sector in new[] { "food", "water", "health", "ecosystems", "habitat", "infrastructure" })
        {
            Compare(Path.Combine("vulnerability", sector + ".csv"), sector, (unit, year) => result.GetScore(sector, unit, year));
        }

        foreach (var component in new[] { "economic", "governance", "social" })
        {
            Compare(Path.Combine("readiness", component + ".csv"), component, (unit, year) => result.GetScore(component, unit, year));
        }

        Compare(Path.Combine("vulnerability", "vulnerability.csv"), "vulnerability", (unit, year) => result.GetOutput("vulnerability").GetValue(unit, year));
        Compare(Path.Combine("readiness", "readiness.csv"), "readiness", (unit, year) => result.GetOutput("readiness").GetValue(unit, year));
        Compare(Path.Combine("gain", "gain.csv"), "nd_gain", (unit, year) => result.GetOutput("nd_gain").GetValue(unit, year));
        GalleryCatalog.Count("nd-gain", "inputs, scores and aggregates", compared, matched, mismatches);

        // Presence: the vulnerability rule (>= 23 of 36 indicators) publishes exactly where ND-GAIN does. ND-GAIN's
        // readiness rule is partly unknown (README): with 6 of 9 indicators it publishes 60 values and withholds 40;
        // the definition's ">= 6" publishes all 100, so exactly those 40 are computed but unpublished.
        Assert.Equal(0, Unpublished("vulnerability.csv", "vulnerability", "vulnerability"));
        Assert.Equal(40, Unpublished("readiness.csv", "readiness", "readiness"));

        int Unpublished(string file, string level, string output)
        {
            var rows = ReadRows(Path.Combine(folder, level, file)).ToDictionary(r => r["ISO3"], StringComparer.Ordinal);
            var o = result.GetOutput(output);
            var n = 0;
            foreach (var unit in o.Units)
            {
                foreach (var year in o.Periods)
                {
                    n += !double.IsNaN(o.GetValue(unit.Id, year)) && rows[unit.Id][year].Length == 0 ? 1 : 0;
                }
            }

            return n;
        }
    }

    /// <summary>
    /// The OECD/JRC Handbook's Technology Achievement Index (2008), from Table A.2 (23 countries × 8 indicators):
    /// benefit-of-the-doubt composite indicator (Table 19, 2 dp) and ranks (Table 23, column BOD), and the geometric
    /// mean's ranks (Table 38, column GME): 23 + 23 + 23 = 69 values. Table A.2 gives the telephone and electricity logs
    /// to 2 dp while the Handbook computed from unrounded data, so the scores are compared within 1 in the last
    /// published digit (method-examples/README.md); the ranks exactly.
    /// </summary>
    [SharedDataFact("method-examples")]
    public void Tai_HandbookTables19_23_38_Reproduce69Of69PublishedValues()
    {
        var data = SharedData.PathOf("method-examples", "tai", "tai_raw_23.csv");
        var options = new CsvOptions { UnitColumn = "country", DefaultPeriod = "2001" };
        var bod = CompiledIndex.Compile(Load("tai", "tai-bod.json")).Evaluate(Panel.ReadWideCsv(data, options));
        var gme = CompiledIndex.Compile(Load("tai", "tai-gme.json")).Evaluate(Panel.ReadWideCsv(data, options));
        var units = bod.Units.Select(u => u.Id).ToList();
        int compared = 0, matched = 0;
        var mismatches = new List<string>();
        void Tally(bool ok, string what)
        {
            compared++;
            matched += ok ? 1 : 0;
            if (!ok)
            {
                mismatches.Add(what);
            }
        }

        // The Handbook's tables spell one country "Korea" or "Korea, Rep."; Table A.2 "Korea Rep. of".
        string Unit(string name) => units.Contains(name) ? name : units.Single(u => u.StartsWith(name.Split(',')[0], StringComparison.Ordinal));
        var folder = SharedData.PathOf("method-examples", "tai");
        foreach (var row in ReadRows(Path.Combine(folder, "table19_bod_weights_scores.csv")))
        {
            var ci = bod.GetOutput("ci").GetValue(Unit(row["country"]), "2001");
            Tally(Math.Abs(ci - double.Parse(row["CI"], CultureInfo.InvariantCulture)) <= 0.01 + 1e-9, $"{row["country"]} CI: published {row["CI"]}, computed {ci}");
        }

        foreach (var row in ReadRows(Path.Combine(folder, "table23_ranks_by_weighting.csv")))
        {
            var rank = bod.GetOutput("ci").GetRank(Unit(row["country"]), "2001");
            Tally(int.Parse(row["BOD"], CultureInfo.InvariantCulture) == rank, $"{row["country"]} BOD rank: published {row["BOD"]}, computed {rank}");
        }

        foreach (var row in ReadRows(Path.Combine(folder, "table38_ranks_by_aggregation.csv")))
        {
            var rank = gme.GetOutput("gme").GetRank(Unit(row["country"]), "2001");
            Tally(int.Parse(row["GME"], CultureInfo.InvariantCulture) == rank, $"{row["country"]} GME rank: published {row["GME"]}, computed {rank}");
        }

        GalleryCatalog.Count("tai", "BoD scores and ranks, GME ranks", compared, matched, mismatches);
    }

    /// <summary>Runs a gallery definition on a UNDP file read as UNDP publishes it (units iso3, periods year).</summary>
    private static (List<Dictionary<string, string>> Rows, IndexResult Result) RunUndp(string folder, string file, string data)
    {
        var definition = Load(folder, file);
        var path = SharedData.PathOf("undp", data);
        var panel = Panel.ReadWideCsv(path, UndpDefinitions.Csv(definition));
        return (ReadRows(path), CompiledIndex.Compile(definition).Evaluate(panel));
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

    /// <summary>
    /// Every catalogued index has its own samples/gallery folder and every folder is catalogued; each holds a README and
    /// its definition files (JSON only: no C#, no project, no copy of the shared data).
    /// </summary>
    [Fact]
    public void GalleryFolders_EachHasReadmeDefinitionsAndCatalogEntry()
    {
        var folders = Directory.GetDirectories(GalleryPath()).Select(f => "gallery/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(GalleryCatalog.Entries.Select(e => e.Folder).Order(StringComparer.Ordinal), folders);
        Assert.Equal(11, folders.Count);
        foreach (var e in GalleryCatalog.Entries)
        {
            var folder = Path.Combine(SharedData.RepoRoot, "samples", e.Folder);
            Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"samples/{e.Folder}/README.md is missing");
            Assert.All(e.Definitions, d => Assert.True(File.Exists(Path.Combine(SharedData.RepoRoot, d)) && d.StartsWith($"samples/{e.Folder}/", StringComparison.Ordinal), d));
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(SharedData.RepoRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
            Assert.Equal(e.Definitions.Append($"samples/{e.Folder}/README.md").Order(StringComparer.Ordinal), files);
        }
    }
}
