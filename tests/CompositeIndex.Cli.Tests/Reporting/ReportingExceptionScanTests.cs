using System.Text;
using CompositeIndex.Reporting.Maps;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>
/// The reporting package's text entry points (map keys as <c>--geo-key</c> passes them, GeoJSON as <c>--geo</c> reads
/// it) with invalid text: only a <see cref="CompositeIndexException"/> (bad input) or an <see cref="ArgumentException"/>
/// (a programming error, or a key text that is not one: as <see cref="Enum.Parse(Type, string)"/> does) may escape.
/// The core's readers and look-ups are scanned in CompositeIndex.Tests' ExceptionScanTests.
/// </summary>
public sealed class ReportingExceptionScanTests : IDisposable
{
    /// <summary>Empty, blank, separators only, wrong JSON kinds, truncated GeoJSON, a feature without geometry, NUL, deep nesting, random bytes.</summary>
    private static readonly string?[] Texts =
    [
        null, string.Empty, "   ", "=", "==", "=name", "code=", " = ", "\0", "\0=\0", "{", "[]", "{}", "null", "42",
        """{ "type": "FeatureCollection" }""",
        """{ "type": "FeatureCollection", "features": [ { "type": "Feature" } ] }""",
        """{ "type": "FeatureCollection", "features": [ { "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [1]]] } } ] }""",
        """{ "type": "Polygon", "coordinates": "x" }""",
        """{ "type": "Point", "coordinates": [1e999, 0] }""",
        """{ "type": "Nope" }""",
        new string('[', 10_000),
        Encoding.Latin1.GetString(RandomBytes()),
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("ci-reporting-scan-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MapKeysAndGeoJson_WithInvalidText_ThrowOnlyLibraryOrArgumentExceptions()
    {
        var entries = new (string Name, Action<string?> Call)[]
        {
            ("MapKey.Parse", t => MapKey.Parse(t!)),
            ("GeoShapes.Parse", t => GeoShapes.Parse(t!, "scan.geojson")),
            ("GeoShapes.Load", t => GeoShapes.Load(File(t)!)),
        };

        var escapes = new List<string>();
        foreach (var (name, call) in entries)
        {
            foreach (var text in Texts)
            {
                try
                {
                    call(text);
                }
                catch (Exception ex) when (ex is not (CompositeIndexException or ArgumentException))
                {
                    escapes.Add($"{name}({(text is null ? "null" : $"{text.Length} chars")}): {ex.GetType().FullName}: {ex.Message}");
                }
                catch (Exception)
                {
                    // Allowed: a library exception (bad input) or an argument exception.
                }
            }
        }

        Assert.Equal(23, Texts.Length);
        Assert.True(escapes.Count == 0, $"{escapes.Count} of {entries.Length * Texts.Length} calls threw outside the library's exceptions:{Environment.NewLine}{string.Join(Environment.NewLine, escapes)}");
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(24).NextBytes(bytes);
        return bytes;
    }

    private string? File(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.geojson");
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
