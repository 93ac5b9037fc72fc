using System.Globalization;
using System.Text;

namespace CompositeIndex.Tests.Gallery;

/// <summary>One published index of samples/gallery: where its definition is and how many published values its test reproduces.</summary>
/// <param name="Folder">The folder under samples/gallery.</param>
/// <param name="Index">The index's name.</param>
/// <param name="Edition">The edition reproduced.</param>
/// <param name="Definitions">The definition files, relative to the repository root.</param>
/// <param name="Data">The shared data folder (under ../shared/data) with the inputs and the published values.</param>
/// <param name="Values">The number of published values the gallery test compares; the test asserts that it compares and matches exactly this many.</param>
/// <param name="Precision">What "matched" means (the published precision).</param>
internal sealed record GalleryEntry(string Folder, string Index, string Edition, string[] Definitions, string Data, int Values, string Precision);

/// <summary>
/// The gallery: every published index reproduced by a definition file, with the count its test asserts. The docs page
/// docs/articles/gallery.md is generated from this list (<see cref="GalleryDocsTests"/>), and every gallery test checks
/// its own count against it (<see cref="Count"/>), so the page states exactly what CI verifies.
/// </summary>
internal static class GalleryCatalog
{
    public static readonly GalleryEntry[] Entries =
    [
        new("cdc-svi-2022", "CDC/ATSDR Social Vulnerability Index (SVI), US counties", "2022", ["samples/gallery/cdc-svi-2022/svi-2022.json"], "gallery/cdc-svi", 147_768,
            "4 dp (exact decimals), exact flags and counts"),
        new("gii", "Gender Inequality Index (UNDP GII)", "HDR 2023/24, 1990–2022", ["samples/gallery/gii/gii.json"], "undp", 4_877,
            "3 dp values, exact ranks"),
        new("phdi", "Planetary pressures-adjusted HDI (UNDP PHDI)", "HDR 2023/24, 1990–2022", ["samples/gallery/phdi/phdi.json"], "undp", 15_449,
            "3 dp values, differences to 1e-9 relative, exact rank differences"),
        new("nd-gain", "ND-GAIN Country Index", "release covering 1995–2014", ["samples/gallery/nd-gain/nd-gain.json"], "gallery/nd-gain", 356_000,
            "12 significant digits (1e-9 relative)"),
        new("wimd-2019", "Welsh Index of Multiple Deprivation (WIMD)", "2019", ["samples/gallery/wimd-2019/wimd-2019.json"], "gallery/wimd-2019", 19_090,
            "1 dp scores, exact ranks"),
    ];

    /// <summary>Gets the entry of a gallery folder.</summary>
    public static GalleryEntry Entry(string folder) => Entries.Single(e => e.Folder == folder);

    /// <summary>Asserts that a gallery test compared and matched exactly the catalogued number of published values.</summary>
    /// <param name="folder">The gallery folder.</param>
    /// <param name="compared">The number of published values the test compared.</param>
    /// <param name="matched">The number it reproduced.</param>
    /// <param name="mismatches">Examples of mismatches, shown on failure.</param>
    public static void Count(string folder, int compared, int matched, IReadOnlyList<string> mismatches)
    {
        Assert.True(mismatches.Count == 0, $"{folder}: {mismatches.Count} mismatches, e.g.\n{string.Join("\n", mismatches.Take(20))}");
        Assert.Equal(Entry(folder).Values, compared);
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

        return sb.ToString();
    }
}
