using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace CompositeIndex.Reporting.Maps;

/// <summary>
/// Shapes joined to units, projected, fitted into the map area and written as SVG path data (one path per unit, one
/// per shape not joined to a unit). Computed once and coloured by any number of maps of the same units.
/// </summary>
/// <remarks>Immutable after construction.</remarks>
internal sealed class ProjectedMap
{
    private const double Margin = 8;

    private ProjectedMap(MapProjection projection, double width, double height, string?[] unitPaths, List<(string Name, string Path)> others)
    {
        Projection = projection;
        Width = width;
        Height = height;
        UnitPaths = unitPaths;
        Others = others;
    }

    /// <summary>Gets the projection used.</summary>
    public MapProjection Projection { get; }

    /// <summary>Gets the width of the map area (the SVG's width).</summary>
    public double Width { get; }

    /// <summary>Gets the height of the map area, margins included.</summary>
    public double Height { get; }

    /// <summary>Gets the path data of each unit (null for units without a shape).</summary>
    public string?[] UnitPaths { get; }

    /// <summary>Gets the shapes joined to no unit, with a name for their tooltip.</summary>
    public List<(string Name, string Path)> Others { get; }

    public static ProjectedMap Create(GeoShapes shapes, MapJoin join, int unitCount, MapProjection projection, double width, double maxHeight, double tolerance, MapKey firstKey)
    {
        var features = shapes.Features;
        double minLon = double.PositiveInfinity, maxLon = double.NegativeInfinity, minLat = double.PositiveInfinity, maxLat = double.NegativeInfinity;
        foreach (var f in features)
        {
            if (f.Area is { } g)
            {
                var e = g.EnvelopeInternal;
                minLon = Math.Min(minLon, e.MinX);
                maxLon = Math.Max(maxLon, e.MaxX);
                minLat = Math.Min(minLat, e.MinY);
                maxLat = Math.Max(maxLat, e.MaxY);
            }
        }

        var unitPaths = new string?[unitCount];
        var others = new List<(string, string)>();
        if (!double.IsFinite(minLon))
        {
            return new ProjectedMap(projection == MapProjection.Auto ? MapProjection.Equirectangular : projection, width, 2 * Margin, unitPaths, others);
        }

        var resolved = Projections.Resolve(projection, minLon, maxLon, minLat, maxLat);
        var lon0 = (minLon + maxLon) / 2;
        var cosLat0 = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        Func<double, double, (double X, double Y)> project = resolved == MapProjection.EqualEarth
            ? (lon, lat) => Projections.EqualEarth(lon, lat, lon0)
            : (lon, lat) => Projections.Equirectangular(lon, lat, lon0, cosLat0);

        // Project every ring once; then fit the projected extent into the map area.
        var projected = new List<List<Coordinate[]>?>(features.Length);
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        foreach (var f in features)
        {
            if (f.Area is not { } g)
            {
                projected.Add(null);
                continue;
            }

            var rings = new List<Coordinate[]>();
            for (var p = 0; p < g.NumGeometries; p++)
            {
                var polygon = (Polygon)g.GetGeometryN(p);
                rings.Add(Project(polygon.ExteriorRing.Coordinates));
                foreach (var hole in polygon.InteriorRings)
                {
                    rings.Add(Project(hole.Coordinates));
                }
            }

            projected.Add(rings);
        }

        var spanX = Math.Max(maxX - minX, 1e-12);
        var spanY = Math.Max(maxY - minY, 1e-12);
        var areaWidth = width - (2 * Margin);
        var scale = Math.Min(areaWidth / spanX, (maxHeight - (2 * Margin)) / spanY);
        var height = (spanY * scale) + (2 * Margin);
        var offsetX = Margin + ((areaWidth - (spanX * scale)) / 2);

        var builders = new StringBuilder?[unitCount];
        for (var f = 0; f < features.Length; f++)
        {
            if (projected[f] is not { } rings)
            {
                continue;
            }

            var unit = join.UnitOfFeature[f];
            var sb = unit >= 0 ? builders[unit] ??= new StringBuilder() : new StringBuilder();
            foreach (var ring in rings)
            {
                AppendRing(sb, ring);
            }

            if (unit < 0 && sb.Length > 0)
            {
                var props = features[f].Properties;
                var name = props.GetValueOrDefault("name") ?? props.GetValueOrDefault("NAME") ?? props.GetValueOrDefault("ADMIN") ?? props.GetValueOrDefault(firstKey.Property) ?? "shape " + (f + 1).ToString(CultureInfo.InvariantCulture);
                others.Add((name, sb.ToString()));
            }
        }

        for (var j = 0; j < unitCount; j++)
        {
            if (builders[j] is { Length: > 0 } sb)
            {
                unitPaths[j] = sb.ToString();
            }
        }

        return new ProjectedMap(resolved, width, height, unitPaths, others);

        Coordinate[] Project(Coordinate[] ring)
        {
            var result = new Coordinate[ring.Length];
            for (var i = 0; i < ring.Length; i++)
            {
                var (x, y) = project(ring[i].X, ring[i].Y);
                result[i] = new Coordinate(x, y);
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }

            return result;
        }

        // One closed subpath in tenths of a user unit: "M x y" then relative moves, points closer than the tolerance
        // to the simplified outline dropped (Douglas–Peucker), repeated points dropped after rounding.
        void AppendRing(StringBuilder sb, Coordinate[] ring)
        {
            var pixels = new Coordinate[ring.Length];
            for (var i = 0; i < ring.Length; i++)
            {
                pixels[i] = new Coordinate(offsetX + ((ring[i].X - minX) * scale), Margin + ((maxY - ring[i].Y) * scale));
            }

            var simple = tolerance > 0 && pixels.Length > 4 ? DouglasPeuckerLineSimplifier.Simplify(pixels, tolerance) : pixels;
            if (simple.Length < 4)
            {
                simple = pixels; // a ring smaller than the tolerance keeps its outline (small islands stay visible)
            }

            var points = new List<(long X, long Y)>(simple.Length);
            foreach (var c in simple)
            {
                var p = ((long)Math.Round(c.X * 10, MidpointRounding.AwayFromZero), (long)Math.Round(c.Y * 10, MidpointRounding.AwayFromZero));
                if (points.Count == 0 || points[^1] != p)
                {
                    points.Add(p);
                }
            }

            if (points.Count > 1 && points[^1] == points[0])
            {
                points.RemoveAt(points.Count - 1);
            }

            if (points.Count < 3)
            {
                // Smaller than a pixel: a 1-unit square keeps the unit visible and hoverable.
                var (x, y) = points.Count > 0 ? points[0] : (0L, 0L);
                sb.Append('M').Append(Tenths(x - 5)).Append(' ').Append(Tenths(y - 5)).Append("h1v1h-1z");
                return;
            }

            sb.Append('M').Append(Tenths(points[0].X)).Append(' ').Append(Tenths(points[0].Y)).Append('l');
            for (var i = 1; i < points.Count; i++)
            {
                var dx = points[i].X - points[i - 1].X;
                var dy = points[i].Y - points[i - 1].Y;
                if (i > 1 && dx >= 0)
                {
                    sb.Append(' ');
                }

                sb.Append(Tenths(dx));
                if (dy >= 0)
                {
                    sb.Append(' ');
                }

                sb.Append(Tenths(dy));
            }

            sb.Append('z');
        }
    }

    /// <summary>Writes a value in tenths as a decimal: 1234 → "123.4", −5 → "-.5", 20 → "2".</summary>
    internal static string Tenths(long v)
    {
        var sign = v < 0 ? "-" : string.Empty;
        var a = Math.Abs(v);
        var whole = a / 10;
        var frac = a % 10;
        return frac == 0 ? sign + whole.ToString(CultureInfo.InvariantCulture)
            : whole == 0 ? sign + "." + frac.ToString(CultureInfo.InvariantCulture)
            : sign + whole.ToString(CultureInfo.InvariantCulture) + "." + frac.ToString(CultureInfo.InvariantCulture);
    }
}
