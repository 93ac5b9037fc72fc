using CompositeIndex.Reporting;
using CompositeIndex.Reporting.Maps;
using CompositeIndex.Serialization;
using CompositeIndex.Tests;

namespace CompositeIndex.Browser.Tests;

/// <summary>A report under test: the definition and data it was computed from, and the HTML file.</summary>
internal sealed record Report(string Name, IndexDefinition Definition, Panel Panel, IndexResult Result, string File)
{
    /// <summary>
    /// Gets a value indicating whether a dropped indicator keeps its place in data preparation: the page re-aggregates the
    /// report's normalised scores, so for an index whose preparation depends on the set of indicators (ASEM screens units
    /// by data availability across them) the engine's equivalent of a drop is a weight of 0 in its group, not removal.
    /// </summary>
    public bool DropsKeepPreparation { get; init; }

    public string Url => new Uri(File).AbsoluteUri;

    /// <summary>The number of the root's children (the group columns of the explorer's table).</summary>
    public int TopGroupCount() => Definition.Groups.Single(g => g.Id == Result.RootId).Children.Length;

    /// <summary>The engine's result for the given nominal weights per group (definition order) and dropped indicators.</summary>
    public IndexResult Evaluate(IReadOnlyDictionary<string, double[]> weights, IReadOnlySet<string> dropped)
    {
        var groups = Definition.Groups.Select(g =>
        {
            var w = weights.GetValueOrDefault(g.Id);
            var children = g.Children.Select((c, k) => w is null ? c : c with { Weight = w[k] });
            children = DropsKeepPreparation
                ? children.Select(c => dropped.Contains(c.Id) ? c with { Weight = 0 } : c)
                : children.Where(c => !dropped.Contains(c.Id));
            return g with { Children = [.. children], Weighting = w is null ? g.Weighting : null };
        });
        var definition = Definition with
        {
            Groups = [.. groups],
            Indicators = [.. Definition.Indicators.Where(i => DropsKeepPreparation || !dropped.Contains(i.Id))],
        };
        return CompiledIndex.Compile(definition).Evaluate(Panel);
    }
}

/// <summary>Writes the three interactive reports the tests open (once per test run).</summary>
internal static class Reports
{
    private static readonly string Root = FindRoot();

    /// <summary>Gets the repository's root folder.</summary>
    public static string RepoRoot => Root;
    private static readonly string Folder = Directory.CreateTempSubdirectory("ci-browser-").FullName;
    private static readonly Lazy<Report> SeoulLazy = new(() =>
    {
        var d = IndexDefinitionJson.LoadFile(Path.Combine(Root, "samples", "gallery", "seoul", "seoul.json"));
        var panel = Panel.ReadLongCsv(Path.Combine(Root, "samples", "seoul", "data", "districts-synthetic.csv"), new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] });
        var map = new ReportMap(GeoShapes.Load(SharedData.PathOf("geo", "seoul", "seoul_municipalities_geo_simple.json")), [MapKey.Parse("name_eng=name")]);
        return Write("seoul", d, panel, map);
    });

    private static readonly Lazy<Report> HdiLazy = new(() =>
    {
        var d = IndexDefinitionJson.LoadFile(Path.Combine(Root, "samples", "gallery", "hdi", "hdi.json"));
        var panel = Panel.ReadWideCsv(SharedData.PathOf("undp", "hdr2023-24_hdi.csv"), new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country" }.ForDefinition(d));
        var map = new ReportMap(GeoShapes.Load(SharedData.PathOf("geo", "world", "ne_110m_admin_0_countries.geojson")), [MapKey.Parse("ISO_A3"), MapKey.Parse("ADMIN=name")]);
        return Write("hdi", d, panel, map);
    });

    private static readonly Lazy<Report> AsemLazy = new(() =>
    {
        var d = IndexDefinitionJson.LoadFile(Path.Combine(Root, "samples", "gallery", "asem", "asem.json"));
        var panel = Panel.ReadWideCsv(SharedData.PathOf("coinr-asem", "ASEM_iData.csv"), new CsvOptions
        {
            UnitColumn = "uCode",
            PeriodColumn = "Time",
            UnitNameColumn = "uName",
            AttributeColumns = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"],
        });
        return Write("asem", d, panel, null) with { DropsKeepPreparation = true };
    });

    public static Report Seoul => SeoulLazy.Value;

    public static Report Hdi => HdiLazy.Value;

    public static Report Asem => AsemLazy.Value;

    /// <summary>The Seoul district report in Korean (with its maps).</summary>
    public static Report SeoulKorean() => Write("seoul-ko", Seoul.Definition, Seoul.Panel, new ReportMap(GeoShapes.Load(SharedData.PathOf("geo", "seoul", "seoul_municipalities_geo_simple.json")), [MapKey.Parse("name_eng=name")]), "ko");

    public static Report Write(string name, IndexDefinition definition, Panel panel, ReportMap? map, string? language = null)
    {
        var result = CompiledIndex.Compile(definition).Evaluate(panel);
        var file = Path.Combine(Folder, name + ".html");
        File.WriteAllText(file, HtmlReport.Render(result, new ReportOptions { Interactive = true, Map = map, IncludeAudit = false, Language = language }));
        return new Report(name, definition, panel, result, file);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompositeIndex.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find CompositeIndex.sln above " + AppContext.BaseDirectory);
    }
}
