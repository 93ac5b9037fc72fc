using CompositeIndex.Reporting.Maps;
using CompositeIndex.Serialization;
using CompositeIndex.Tests;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>The sample results the map and explorer tests use, evaluated once per test run.</summary>
internal static class SampleResults
{
    private static readonly Lazy<IndexResult> SeoulLazy = new(() =>
    {
        var definition = IndexDefinitionJson.LoadFile(Path.Combine(CliRunner.RepoRoot, "samples", "gallery", "seoul", "seoul.json"));
        var panel = Panel.ReadLongCsv(SeoulDistrictsCsv, new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] });
        return CompiledIndex.Compile(definition).Evaluate(panel);
    });

    private static readonly Lazy<IndexResult> HdiLazy = new(() =>
    {
        var definition = IndexDefinitionJson.LoadFile(HdiDefinition);
        var panel = Panel.ReadWideCsv(HdiCsv, HdiCsvOptions(definition));
        return CompiledIndex.Compile(definition).Evaluate(panel);
    });

    private static readonly Lazy<GeoShapes> SeoulShapesLazy = new(() => GeoShapes.Load(SeoulGeoJson));

    private static readonly Lazy<GeoShapes> WorldShapesLazy = new(() => GeoShapes.Load(WorldGeoJson));

    public static string SeoulDistrictsCsv => Path.Combine(CliRunner.RepoRoot, "samples", "seoul", "data", "districts-synthetic.csv");

    public static string SeoulDefinition => Path.Combine(CliRunner.RepoRoot, "samples", "gallery", "seoul", "seoul.json");

    public static string HdiDefinition => Path.Combine(CliRunner.RepoRoot, "samples", "gallery", "hdi", "hdi.json");

    public static string HdiCsv => SharedData.PathOf("undp", "hdr2023-24_hdi.csv");

    public static string SeoulGeoJson => SharedData.PathOf("geo", "seoul", "seoul_municipalities_geo_simple.json");

    public static string WorldGeoJson => SharedData.PathOf("geo", "world", "ne_110m_admin_0_countries.geojson");

    /// <summary>Gets Seoul's definition on the 25 synthetic districts (samples/seoul/data/districts-synthetic.csv).</summary>
    public static IndexResult Seoul => SeoulLazy.Value;

    /// <summary>Gets the HDI (samples/gallery/hdi/hdi.json) on UNDP's HDR 2023/24 time series.</summary>
    public static IndexResult Hdi => HdiLazy.Value;

    public static GeoShapes SeoulShapes => SeoulShapesLazy.Value;

    public static GeoShapes WorldShapes => WorldShapesLazy.Value;

    public static CsvOptions HdiCsvOptions(IndexDefinition definition) =>
        new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country" }.ForDefinition(definition);
}
