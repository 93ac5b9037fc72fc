using System.Globalization;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// Reproduces every published value of UNDP's HDR 2023/24 composite-indices files (../shared/data/undp) from the
/// published inputs with the Technical notes' definitions: HDI, female and male HDI, GDI, IHDI, coefficient of
/// human inequality, loss, report-year HDI ranks, HDI groups and GDI groups. The definitions are the JSON files of
/// samples/hdi.
/// </summary>
public sealed class UndpGoldenTests
{
    private const string Folder = "undp";

    [SharedDataFact(Folder)]
    public void Hdi_WholeFile_Reproduces6171Of6171PublishedValuesAt3dp()
    {
        var (rows, result) = Run("hdr2023-24_hdi.csv", Sample("hdi.json"));
        var check = CompareRounded(rows, result.GetOutput("hdi"), "hdi");
        Assert.Empty(check.Mismatches);
        Assert.Equal(6171, check.Expected);
        Assert.Equal(6171, check.Reproduced);

        // UNDP publishes no HDI for Rwanda 1990-1994 although the file has every input. 1994 follows from the
        // definition: life expectancy (14.098 years) is below the 20-year goalpost, the health index is 0, and the
        // definition treats a value outside the geometric mean's domain as missing. For 1990-1993 (health index
        // 0.34-0.44) nothing in the inputs or the Technical notes explains the omission: these four are computed but
        // unpublished, listed here exactly.
        Assert.Equal(["RWA 1990", "RWA 1991", "RWA 1992", "RWA 1993"], check.ComputedButUnpublished);
        Gallery.GalleryCatalog.Count("hdi", "values", check.Expected, check.Reproduced, check.Mismatches);
    }

    [SharedDataFact(Folder)]
    public void Hdi_ReportYear_Reproduces193Of193RanksAndGroups()
    {
        var (rows, result) = Run("hdr2023-24_hdi.csv", Sample("hdi.json"));
        var hdi = result.GetOutput("hdi");
        int expected = 0, ranks = 0, groups = 0;
        foreach (var row in rows.Where(r => r["year"] == "2022"))
        {
            var publishedRank = row["hdi_rank"];
            var rank = hdi.GetRank(row["iso3"], "2022");
            var group = hdi.GetClass(row["iso3"], "2022");
            if (publishedRank.Length == 0)
            {
                // Aggregates and the two countries without an HDI have no rank; aggregates still have a value and a class.
                Assert.Null(rank);
                continue;
            }

            expected++;
            ranks += rank == int.Parse(publishedRank, CultureInfo.InvariantCulture) ? 1 : 0;
            groups += group == row["hdicode"] ? 1 : 0;
        }

        Assert.Equal(193, expected);
        Assert.Equal(193, ranks);
        Assert.Equal(193, groups);
        Gallery.GalleryCatalog.Count("hdi", "ranks and groups", 2 * expected, ranks + groups);
    }

    [SharedDataFact(Folder)]
    public void Gdi_WholeFile_Reproduces5014Of5014GdiAt3dpAndFemaleMaleHdiWithin5e9()
    {
        var (rows, result) = Run("hdr2023-24_gdi.csv", Sample("gdi.json"));
        var gdi = CompareRounded(rows, result.GetOutput("gdi"), "gdi");
        Assert.Empty(gdi.Mismatches);
        Assert.Equal(5014, gdi.Expected);
        Assert.Equal(5014, gdi.Reproduced);
        Assert.Empty(gdi.ComputedButUnpublished);
        int compared = gdi.Expected, matched = gdi.Reproduced;

        foreach (var (output, column) in new[] { ("hdi_f", "hdi_f"), ("hdi_m", "hdi_m") })
        {
            // Published with 9 significant digits, computed by UNDP from inputs it holds at more digits than the
            // file shows: agreement to 5e-9 is what the published precision allows; at 3 dp it is exact.
            var check = CompareWithin(rows, result.GetOutput(output), column, 5e-9);
            Assert.Empty(check.Mismatches);
            Assert.Equal(5014, check.Expected);
            Assert.Equal(5014, check.Reproduced);
            var at3 = CompareRounded(rows, Round3(result.GetOutput(output)), column, publishedDigits: 3);
            Assert.Equal(5014, at3.Reproduced);
            compared += check.Expected;
            matched += check.Reproduced;
        }

        Gallery.GalleryCatalog.Count("gdi", "values", compared, matched);
    }

    [SharedDataFact(Folder)]
    public void Gdi_ReportYear_Reproduces182Of182Groups()
    {
        var (rows, result) = Run("hdr2023-24_gdi.csv", Sample("gdi.json"));
        var gdi = result.GetOutput("gdi");
        var published = rows.Where(r => r["gdi_group"].Length > 0).ToList();
        var reproduced = published.Count(r => gdi.GetClass(r["iso3"], r["year"]) == r["gdi_group"]);
        Assert.Equal(182, published.Count);
        Assert.Equal(182, reproduced);
        Gallery.GalleryCatalog.Count("gdi", "groups", published.Count, reproduced);
    }

    [SharedDataFact(Folder)]
    public void Ihdi_WholeFile_Reproduces2106Of2106IhdiAndHdiAt3dpAndCoefficientAndLossWithin1e6()
    {
        var (rows, result) = Run("hdr2023-24_ihdi.csv", Sample("ihdi.json"));
        int compared = 0, matched = 0;
        foreach (var output in new[] { "ihdi", "hdi" })
        {
            var check = CompareRounded(rows, result.GetOutput(output), output);
            Assert.Empty(check.Mismatches);
            Assert.Equal(2106, check.Expected);
            Assert.Equal(2106, check.Reproduced);
            Assert.Empty(check.ComputedButUnpublished);
            compared += check.Expected;
            matched += check.Reproduced;
        }

        // Published with 8 to 10 significant digits; "loss" is computed by UNDP from the *rounded* IHDI and HDI.
        foreach (var output in new[] { "coef_ineq", "loss" })
        {
            var check = CompareWithin(rows, result.GetOutput(output), output, 1e-6);
            Assert.Empty(check.Mismatches);
            Assert.Equal(2106, check.Expected);
            Assert.Equal(2106, check.Reproduced);
            compared += check.Expected;
            matched += check.Reproduced;
        }

        Gallery.GalleryCatalog.Count("ihdi", "values", compared, matched);
    }

    /// <summary>Loads a definition from samples/gallery/&lt;index&gt;/, the files a user runs.</summary>
    internal static IndexDefinition Sample(string file) =>
        IndexDefinitionJson.LoadFile(Path.Combine(SharedData.RepoRoot, "samples", "gallery", Path.GetFileNameWithoutExtension(file), file));

    [Theory]
    [InlineData("hdi.json")]
    [InlineData("gdi.json")]
    [InlineData("ihdi.json")]
    public void SampleJson_Loaded_EqualsFluentDefinitionAndRoundTrips(string file)
    {
        var fluent = file switch
        {
            "hdi.json" => UndpDefinitions.Hdi(),
            "gdi.json" => UndpDefinitions.Gdi(),
            _ => UndpDefinitions.Ihdi(),
        };
        var loaded = Sample(file);
        Assert.Equal(fluent, loaded);
        Assert.Equal(IndexDefinitionJson.Fingerprint(fluent), IndexDefinitionJson.Fingerprint(loaded));
        Assert.Equal(loaded, IndexDefinitionJson.Load(IndexDefinitionJson.Save(loaded)));
    }

    private static (List<Dictionary<string, string>> Rows, IndexResult Result) Run(string file, IndexDefinition definition)
    {
        var path = SharedData.PathOf(Folder, file);
        var panel = Panel.ReadWideCsv(path, UndpDefinitions.Csv(definition));
        return (ReadRows(path), CompiledIndex.Compile(definition).Evaluate(panel));
    }

    internal static List<Dictionary<string, string>> ReadRows(string path)
    {
        using var reader = new StreamReader(path);
        var csv = new CsvTokenizer(reader, path);
        var header = csv.ReadRecord()!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.ReadRecord() is { } record)
        {
            rows.Add(header.Zip(record).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    private sealed record Check(int Expected, int Reproduced, List<string> Mismatches, List<string> ComputedButUnpublished);

    private static Check CompareRounded(List<Dictionary<string, string>> rows, OutputResult output, string column, int? publishedDigits = null)
    {
        int expected = 0, reproduced = 0;
        var mismatches = new List<string>();
        var unpublished = new List<string>();
        foreach (var row in rows)
        {
            var ours = output.GetPublished(row["iso3"], row["year"]);
            if (row[column].Length == 0)
            {
                if (ours is not null)
                {
                    unpublished.Add($"{row["iso3"]} {row["year"]}");
                }

                continue;
            }

            expected++;
            var published = decimal.Parse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (publishedDigits is { } d)
            {
                published = Math.Round(published, d, MidpointRounding.AwayFromZero);
            }

            if (ours == published)
            {
                reproduced++;
            }
            else
            {
                mismatches.Add($"{row["iso3"]} {row["year"]}: published {row[column]}, computed {ours} ({output.GetValue(row["iso3"], row["year"]).ToString("R", CultureInfo.InvariantCulture)})");
            }
        }

        return new Check(expected, reproduced, mismatches, unpublished);
    }

    private static Check CompareWithin(List<Dictionary<string, string>> rows, OutputResult output, string column, double tolerance)
    {
        int expected = 0, reproduced = 0;
        var mismatches = new List<string>();
        foreach (var row in rows.Where(r => r[column].Length > 0))
        {
            expected++;
            var published = double.Parse(row[column], CultureInfo.InvariantCulture);
            var ours = output.GetValue(row["iso3"], row["year"]);
            if (Math.Abs(ours - published) <= tolerance)
            {
                reproduced++;
            }
            else
            {
                mismatches.Add($"{row["iso3"]} {row["year"]}: published {row[column]}, computed {ours.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }

        return new Check(expected, reproduced, mismatches, []);
    }

    /// <summary>The same output rounded half-up to 3 dp (for comparing 9-digit published values at 3 dp).</summary>
    private static OutputResult Round3(OutputResult o) =>
        OutputResult.Create(o.Definition with { Rounding = new OutputRounding(3) }, o.Units, o.Periods, o.Values.ToArray());
}
