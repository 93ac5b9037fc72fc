using System.Globalization;
using System.Text;

namespace CompositeIndex.Tests.Gallery;

/// <summary>One published index of the gallery: where its definition is and how many published values its tests reproduce.</summary>
/// <param name="Id">The gallery id (for samples/gallery indices, the folder name).</param>
/// <param name="Folder">The gallery folder, relative to samples/ (e.g. <c>gallery/wimd-2019</c>): the definition files and a README.</param>
/// <param name="Index">The index's name.</param>
/// <param name="Edition">The edition reproduced.</param>
/// <param name="Definitions">The definition files, relative to the repository root.</param>
/// <param name="Data">The shared data folder (under ../shared/data) with the inputs and the published values.</param>
/// <param name="Parts">The published values compared, by part (a test asserts each part's count with <see cref="GalleryCatalog.Count"/>).</param>
/// <param name="Precision">What "matched" means (the published precision).</param>
internal sealed record GalleryEntry(string Id, string Folder, string Index, string Edition, string[] Definitions, string Data, (string Part, int Values)[] Parts, string Precision)
{
    /// <summary>Gets the number of published values compared, over all parts.</summary>
    public int Values => Parts.Sum(p => p.Values);
}

/// <summary>
/// The gallery: every published index reproduced by a definition file, with the counts its tests assert. The docs page
/// docs/articles/gallery.md is generated from this list (<see cref="GalleryDocsTests"/>), and every gallery test checks
/// its own count against it (<see cref="Count"/>; <see cref="GalleryDocsTests"/> checks each part is asserted by a
/// test), so the page states exactly what CI verifies.
/// </summary>
internal static class GalleryCatalog
{
    public static readonly GalleryEntry[] Entries =
    [
        new("hdi", "gallery/hdi", "Human Development Index (UNDP HDI)", "HDR 2023/24, 1990–2022", ["samples/gallery/hdi/hdi.json"], "undp",
            [("values", 6_171), ("ranks and groups", 386)], "3 dp values, exact ranks and groups"),
        new("gdi", "gallery/gdi", "Gender Development Index (UNDP GDI)", "HDR 2023/24, 1990–2022", ["samples/gallery/gdi/gdi.json"], "undp",
            [("values", 15_042), ("groups", 182)], "3 dp GDI, female/male HDI to 5e-9, exact groups"),
        new("ihdi", "gallery/ihdi", "Inequality-adjusted HDI (UNDP IHDI)", "HDR 2023/24, 2010–2022", ["samples/gallery/ihdi/ihdi.json"], "undp",
            [("values", 8_424)], "3 dp IHDI and HDI, coefficient and loss to 1e-6"),
        new("gii", "gallery/gii", "Gender Inequality Index (UNDP GII)", "HDR 2023/24, 1990–2022", ["samples/gallery/gii/gii.json"], "undp",
            [("values and ranks", 4_877)], "3 dp values, exact ranks"),
        new("phdi", "gallery/phdi", "Planetary pressures-adjusted HDI (UNDP PHDI)", "HDR 2023/24, 1990–2022", ["samples/gallery/phdi/phdi.json"], "undp",
            [("values and rank differences", 15_449)], "3 dp values, differences to 1e-9 relative, exact rank differences"),
        new("seoul", "gallery/seoul", "Seoul's 약자동행지수 (Walking-together index)", "2023–2024", ["samples/gallery/seoul/seoul.json"], "seoul",
            [("published outputs", 14)], "1 dp"),
        new("asem", "gallery/asem", "COINr's ASEM example index", "COINr 1.1.14", ["samples/gallery/asem/asem.json"], "coinr-asem",
            [("aggregated scores", 3_060)], "1e-9 relative"),
        new("tai", "gallery/tai", "Technology Achievement Index (OECD/JRC Handbook example)", "Handbook 2008, Tables 19, 23, 38", ["samples/gallery/tai/tai-bod.json", "samples/gallery/tai/tai-gme.json"], "method-examples",
            [("BoD scores and ranks, GME ranks", 69)], "2 dp scores within ±0.01 (2-dp log inputs), exact ranks"),
        new("cdc-svi-2022", "gallery/cdc-svi-2022", "CDC/ATSDR Social Vulnerability Index (SVI), US counties", "2022", ["samples/gallery/cdc-svi-2022/svi-2022.json"], "gallery/cdc-svi",
            [("all derived columns", 147_768)], "4 dp (exact decimals), exact flags and counts"),
        new("nd-gain", "gallery/nd-gain", "ND-GAIN Country Index", "release covering 1995–2014", ["samples/gallery/nd-gain/nd-gain.json"], "gallery/nd-gain",
            [("inputs, scores and aggregates", 356_000)], "12 significant digits (1e-9 relative)"),
        new("wimd-2019", "gallery/wimd-2019", "Welsh Index of Multiple Deprivation (WIMD)", "2019", ["samples/gallery/wimd-2019/wimd-2019.json"], "gallery/wimd-2019",
            [("scores and ranks", 19_090)], "1 dp scores, exact ranks"),
    ];

    /// <summary>Gets an entry by id.</summary>
    public static GalleryEntry Entry(string id) => Entries.Single(e => e.Id == id);

    /// <summary>Asserts that a gallery test compared and matched exactly the catalogued number of published values of one part.</summary>
    /// <param name="id">The gallery id.</param>
    /// <param name="part">The part, as catalogued.</param>
    /// <param name="compared">The number of published values the test compared.</param>
    /// <param name="matched">The number it reproduced.</param>
    /// <param name="mismatches">Examples of mismatches, shown on failure.</param>
    public static void Count(string id, string part, int compared, int matched, IReadOnlyList<string>? mismatches = null)
    {
        mismatches ??= [];
        Assert.True(mismatches.Count == 0, $"{id}: {mismatches.Count} mismatches, e.g.\n{string.Join("\n", mismatches.Take(20))}");
        Assert.Equal(Entry(id).Parts.Single(p => p.Part == part).Values, compared);
        Assert.Equal(compared, matched);
    }

    /// <summary>The Markdown table of docs/articles/gallery.md.</summary>
    public static string Table()
    {
        var sb = new StringBuilder();
        sb.Append("| index | edition | definition | published values compared | reproduced | precision |\n");
        sb.Append("| --- | --- | --- | ---: | ---: | --- |\n");
        foreach (var e in Entries)
        {
            var defs = string.Join(", ", e.Definitions.Select(d => $"`{d}`"));
            var n = e.Values.ToString("N0", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"| {e.Index} | {e.Edition} | {defs} | {n} | {n} (100 %) | {e.Precision} |\n");
        }

        var total = Entries.Sum(e => e.Values).ToString("N0", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"| **{Entries.Length} indices** | | | **{total}** | **{total} (100 %)** | |\n");
        return sb.ToString();
    }
}
