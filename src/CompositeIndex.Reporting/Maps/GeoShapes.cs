using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CompositeIndex.Reporting.Maps;

/// <summary>
/// The shapes of a map: the areal features (polygons and multipolygons, WGS84 longitude/latitude) of a GeoJSON file
/// with their properties as text, ready to be joined to an index's units (<see cref="MapKey"/>) and drawn
/// (<see cref="ChoroplethMap"/>).
/// </summary>
/// <remarks>
/// <para>GeoJSON (RFC 7946) is read by NetTopologySuite.IO.GeoJSON4STJ into NetTopologySuite geometries, which also
/// simplify the projected outlines (<see cref="ChoroplethMap"/>): a well-kept reader and geometry library instead of
/// hand-written parsing of the nested coordinate arrays (holes, multipolygons, geometry collections). Only the map
/// projection is our own code (a few formulas, see <see cref="MapProjection"/>), because NetTopologySuite has none and
/// the usual companion (ProjNet) has no Equal Earth.</para>
/// <para>Trimming and Native AOT: NetTopologySuite's converters read nested values (features, geometries, property
/// tables, property values) through <see cref="JsonSerializer"/> with the options they are given, which a trimmed
/// application cannot resolve by reflection; the options here resolve exactly those types without reflection
/// (<see cref="GeoJsonContracts"/>: the converters themselves for the NetTopologySuite types, a generated contract for
/// <see cref="JsonElement"/>), so <c>compindex report --geo</c> reads the same shapes in a Native AOT build.</para>
/// <para>Points and lines are ignored (a choropleth colours areas); a feature without an areal geometry is kept with
/// its properties but cannot be drawn. Property values are kept as text (numbers in their JSON spelling); nested
/// objects and arrays are ignored.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GeoShapes
{
    /// <summary>The largest GeoJSON text read, in characters (256 Mi); larger files are refused before parsing.</summary>
    public const long MaxLength = 256L * 1024 * 1024;

    private GeoShapes(ImmutableArray<GeoFeature> features, string? source)
    {
        Features = features;
        Source = source;
    }

    /// <summary>Gets the features in file order.</summary>
    public ImmutableArray<GeoFeature> Features { get; }

    /// <summary>Gets the file name or description the shapes were read from, if known.</summary>
    public string? Source { get; }

    /// <summary>Reads a GeoJSON file (a FeatureCollection, a single Feature or a bare geometry).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The shapes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">The file is missing, too large, not JSON or not GeoJSON (the message names the file, line and JSON path).</exception>
    public static GeoShapes Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new IndexDataException("The GeoJSON file does not exist.", path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the GeoJSON file: {e.Message}", path, inner: e);
        }

        if (info.Length > MaxLength * 4)
        {
            throw new IndexDataException($"The GeoJSON file is {info.Length} bytes; at most {MaxLength} characters are read.", name);
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexDataException($"Cannot read the GeoJSON file: {e.Message}", path, inner: e);
        }

        return Parse(text, name);
    }

    /// <summary>Parses GeoJSON text (a FeatureCollection, a single Feature or a bare geometry).</summary>
    /// <param name="json">The GeoJSON text.</param>
    /// <param name="source">A name for the text in error messages (e.g. a file name), if any.</param>
    /// <returns>The shapes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">The text is too long, not JSON or not GeoJSON (the message names the line and JSON path).</exception>
    public static GeoShapes Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new IndexDataException($"The GeoJSON text has {json.Length} characters; at most {MaxLength} are read.", source);
        }

        var factory = new GeoJsonConverterFactory();
        var options = new JsonSerializerOptions { MaxDepth = 64, TypeInfoResolver = GeoJsonContracts.Instance };
        options.Converters.Add(factory);
        var features = ImmutableArray.CreateBuilder<GeoFeature>();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var type = ReadType(bytes, source);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            reader.Read();
            switch (type)
            {
                case "FeatureCollection":
                    var collection = Converter<FeatureCollection>(factory, options).Read(ref reader, typeof(FeatureCollection), options);
                    foreach (var f in collection ?? [])
                    {
                        features.Add(GeoFeature.From(f.Geometry, f.Attributes));
                    }

                    break;
                case "Feature":
                    var feature = Converter<IFeature>(factory, options).Read(ref reader, typeof(IFeature), options);
                    if (feature is not null)
                    {
                        features.Add(GeoFeature.From(feature.Geometry, feature.Attributes));
                    }

                    break;
                default:
                    var geometry = Converter<Geometry>(factory, options).Read(ref reader, typeof(Geometry), options);
                    features.Add(GeoFeature.From(geometry, null));
                    break;
            }
        }
        catch (JsonException e)
        {
            throw new IndexDataException($"Not valid GeoJSON: {FirstLine(e.Message)}", source, e.LineNumber + 1, e.Path, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or NotSupportedException or InvalidCastException)
        {
            throw new IndexDataException($"Not valid GeoJSON: {FirstLine(e.Message)}", source, inner: e);
        }

        return new GeoShapes(features.ToImmutable(), source);
    }

    /// <summary>Gets the names of the properties present on at least one feature, in order of first appearance.</summary>
    /// <returns>The property names.</returns>
    public ImmutableArray<string> PropertyNames()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var f in Features)
        {
            foreach (var k in f.Properties.Keys)
            {
                if (seen.Add(k))
                {
                    names.Add(k);
                }
            }
        }

        return names.ToImmutable();
    }

    private static JsonConverter<T> Converter<T>(GeoJsonConverterFactory factory, JsonSerializerOptions options) =>
        (JsonConverter<T>)factory.CreateConverter(typeof(T), options)!;

    /// <summary>The top-level "type" member, checked before the converter runs (so an unknown type gets a clear message).</summary>
    private static string ReadType(byte[] bytes, string? source)
    {
        using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new IndexDataException("GeoJSON must be a JSON object.", source, column: "$");
        }

        if (!doc.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new IndexDataException("GeoJSON needs a string member \"type\" (FeatureCollection, Feature or a geometry).", source, column: "$.type");
        }

        var value = type.GetString()!;
        return value switch
        {
            "FeatureCollection" or "Feature" or "Polygon" or "MultiPolygon" or "GeometryCollection" or "Point" or "MultiPoint" or "LineString" or "MultiLineString" => value,
            _ => throw new IndexDataException($"Unknown GeoJSON type '{value}'.", source, column: "$.type"),
        };
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}

/// <summary>
/// The contracts of the types NetTopologySuite's GeoJSON converters read through <see cref="JsonSerializer"/>, made
/// without reflection: each NetTopologySuite type as a value handled by the options' <see cref="GeoJsonConverterFactory"/>,
/// property values (<see cref="JsonElement"/>) by the serializer's own element converter. Any other type is not
/// resolved (the serializer then fails with a clear message instead of reflecting over an unknown type).
/// </summary>
internal sealed class GeoJsonContracts : IJsonTypeInfoResolver
{
    public static readonly GeoJsonContracts Instance = new();

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(Geometry) ? Value<Geometry>(options)
        : type == typeof(IFeature) ? Value<IFeature>(options)
        : type == typeof(IAttributesTable) ? Value<IAttributesTable>(options)
        : type == typeof(FeatureCollection) ? Value<FeatureCollection>(options)
        : type == typeof(JsonElement) ? JsonMetadataServices.CreateValueInfo<JsonElement>(options, JsonMetadataServices.JsonElementConverter)
        : null;

    private static JsonTypeInfo<T> Value<T>(JsonSerializerOptions options)
    {
        var factory = options.Converters.OfType<GeoJsonConverterFactory>().First();
        return JsonMetadataServices.CreateValueInfo<T>(options, factory.CreateConverter(typeof(T), options)!);
    }
}

/// <summary>One feature of a GeoJSON file: its areal geometry (if any) and its properties as text.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class GeoFeature
{
    private GeoFeature(Geometry? area, ImmutableSortedDictionary<string, string> properties)
    {
        Area = area;
        Properties = properties;
    }

    /// <summary>Gets the feature's properties as text (numbers in their JSON spelling; null, objects and arrays left out).</summary>
    public ImmutableSortedDictionary<string, string> Properties { get; }

    /// <summary>Gets a value indicating whether the feature has an areal geometry (a polygon or multipolygon with at least one ring) that a map can draw.</summary>
    public bool HasArea => Area is not null;

    /// <summary>Gets the polygons of the feature (never empty), or <see langword="null"/> when it has none.</summary>
    internal Geometry? Area { get; }

    internal static GeoFeature From(Geometry? geometry, IAttributesTable? attributes)
    {
        var props = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (attributes is not null)
        {
            foreach (var name in attributes.GetNames())
            {
                if (Text(attributes.GetOptionalValue(name)) is { } text)
                {
                    props[name] = text;
                }
            }
        }

        return new GeoFeature(Polygons(geometry), props.ToImmutable());
    }

    /// <summary>The polygons of a geometry (a geometry collection contributes its polygons); null when there are none.</summary>
    private static Geometry? Polygons(Geometry? geometry)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            return null;
        }

        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        if (geometry is GeometryCollection collection)
        {
            var polygons = new List<Polygon>();
            for (var i = 0; i < collection.NumGeometries; i++)
            {
                switch (collection.GetGeometryN(i))
                {
                    case Polygon p when !p.IsEmpty:
                        polygons.Add(p);
                        break;
                    case MultiPolygon mp:
                        for (var k = 0; k < mp.NumGeometries; k++)
                        {
                            polygons.Add((Polygon)mp.GetGeometryN(k));
                        }

                        break;
                }
            }

            return polygons.Count == 0 ? null : geometry.Factory.CreateMultiPolygon([.. polygons]);
        }

        return null;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        },
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
