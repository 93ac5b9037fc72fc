using CompositeIndex.Reporting.Maps;
using CompositeIndex.Serialization;
using CompositeIndex.Tests;
using Microsoft.Playwright;

namespace CompositeIndex.Browser.Tests;

/// <summary>
/// The screenshots of the documentation (docs/images), taken from the reports as a reader opens them in headless
/// Chromium: Seoul's district report in Korean and English, the HDI report with its world map, the Quick start
/// report. Each page must load without a console error or a request beyond the file. With
/// <c>COMPOSITE_INDEX_UPDATE_IMAGES=1</c> the PNGs are written to docs/images (look at them before committing);
/// otherwise to a temporary folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task DocsScreenshots_EveryReportRendersWithoutConsoleErrors()
    {
        var folder = Environment.GetEnvironmentVariable("COMPOSITE_INDEX_UPDATE_IMAGES") == "1"
            ? Path.Combine(Reports.RepoRoot, "docs", "images")
            : Directory.CreateTempSubdirectory("ci-shots-").FullName;
        var seoul = Reports.Seoul;
        var koreanPanel = Panel.ReadLongCsv(Path.Combine(Reports.RepoRoot, "samples", "seoul", "data", "districts-synthetic.csv"), new CsvOptions { UnitNameColumn = "name_ko", AttributeColumns = ["unit_name"] });
        var koreanMap = new ReportMap(GeoShapes.Load(SharedData.PathOf("geo", "seoul", "seoul_municipalities_geo_simple.json")), [MapKey.Parse("name=name")]);
        var korean = Reports.Write("shots-seoul-ko", seoul.Definition, koreanPanel, koreanMap, "ko");
        var quick = IndexDefinitionJson.LoadFile(Path.Combine(Reports.RepoRoot, "samples", "QuickStart", "wellbeing.json"));
        var quickStart = Reports.Write("shots-quickstart", quick, Panel.ReadWideCsv(Path.Combine(Reports.RepoRoot, "samples", "QuickStart", "data", "cities.csv"), new CsvOptions { UnitNameColumn = "name" }), null);

        var shots = new (Report Report, string File, string? Selector)[]
        {
            (korean, "report-seoul-ko.png", null),
            (korean, "report-seoul-ko-explorer.png", "#explorer"),
            (korean, "report-seoul-ko-map.png", "#map figure.map svg"),
            (seoul, "report-seoul-en.png", null),
            (seoul, "report-seoul-en-time.png", "#time"),
            (seoul, "map-seoul.png", "#map figure.map svg"),
            (Reports.Hdi, "report-hdi.png", null),
            (Reports.Hdi, "map-world.png", "#map figure.map svg"),
            (quickStart, "report-quickstart.png", null),
        };

        var written = 0;
        foreach (var (report, file, selector) in shots)
        {
            var (page, requests, errors) = await browser.OpenAsync(report.Url);
            var path = Path.Combine(folder, file);
            await page.SetViewportSizeAsync(1100, 1400);
            if (selector is null)
            {
                await page.ScreenshotAsync(new() { Path = path });
            }
            else
            {
                // The element scrolled to the top of the viewport, cut at the viewport's height (a long section shows its start).
                await page.EvaluateAsync("s => document.querySelector(s).scrollIntoView({ block: 'start' })", selector);
                var box = (await page.Locator(selector).First.BoundingBoxAsync())!;
                await page.ScreenshotAsync(new() { Path = path, Clip = new() { X = box.X, Y = box.Y, Width = box.Width, Height = Math.Min(box.Height, 1400 - box.Y) } });
            }

            Assert.All(requests, u => Assert.Equal(report.Url, u.Split('#')[0]));
            Assert.Empty(errors);
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 10_000, $"{file}: suspiciously small ({bytes.Length} bytes)");
            await page.CloseAsync();
            written++;
        }

        Assert.Equal(shots.Length, written);
    }
}
