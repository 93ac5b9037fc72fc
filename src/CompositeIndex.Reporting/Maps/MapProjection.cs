namespace CompositeIndex.Reporting.Maps;

/// <summary>How a map turns longitude and latitude (WGS84 degrees) into plane coordinates.</summary>
public enum MapProjection
{
    /// <summary>
    /// Chosen from the extent of the shapes: <see cref="Equirectangular"/> when the shapes span at most 30° of latitude
    /// and at most 30° of longitude at their middle latitude (a city, a region, most countries); <see cref="EqualEarth"/>
    /// otherwise (a continent, the world). The default.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// The equirectangular (equidistant cylindrical) projection with its standard parallel at the middle latitude φ₀ of
    /// the extent: <c>x = (λ − λ₀)·cos φ₀</c>, <c>y = φ</c> (Snyder 1987, <i>Map Projections — A Working Manual</i>, USGS
    /// Professional Paper 1395, §12, eq. 12-1 and 12-2). Over a city it is practically conformal and equal-area (scale
    /// error below 0.1 % across 25 km at Seoul's latitude).
    /// </summary>
    Equirectangular = 1,

    /// <summary>
    /// The Equal Earth projection (Šavrič, Patterson and Jenny 2019, "The Equal Earth map projection", <i>International
    /// Journal of Geographical Information Science</i> 33(3), 454–465, doi:10.1080/13658816.2018.1504949): an equal-area
    /// pseudocylindrical projection for world maps, so that a country's share of the map's ink is its share of the land.
    /// </summary>
    EqualEarth = 2,
}

/// <summary>The projection formulas (angles in degrees in, plane coordinates in radians of a unit sphere out; y grows northwards).</summary>
internal static class Projections
{
    // Equal Earth polynomial coefficients (Šavrič et al. 2019, eq. 2).
    private const double A1 = 1.340264;
    private const double A2 = -0.081106;
    private const double A3 = 0.000893;
    private const double A4 = 0.003796;
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>The longest extent, in degrees, that <see cref="MapProjection.Auto"/> still draws equirectangular.</summary>
    internal const double LocalExtentDegrees = 30;

    /// <summary>Resolves <see cref="MapProjection.Auto"/> from the extent of the shapes.</summary>
    public static MapProjection Resolve(MapProjection projection, double minLon, double maxLon, double minLat, double maxLat)
    {
        if (projection != MapProjection.Auto)
        {
            return projection;
        }

        var midLat = (minLat + maxLat) / 2 * DegreesToRadians;
        var lonSpan = (maxLon - minLon) * Math.Cos(midLat);
        return lonSpan <= LocalExtentDegrees && maxLat - minLat <= LocalExtentDegrees ? MapProjection.Equirectangular : MapProjection.EqualEarth;
    }

    /// <summary>Equirectangular: <c>x = (λ − λ₀)·cos φ₀, y = φ</c> (Snyder 1987, eq. 12-1, 12-2), in radians.</summary>
    public static (double X, double Y) Equirectangular(double lon, double lat, double lon0, double cosLat0) =>
        ((lon - lon0) * DegreesToRadians * cosLat0, lat * DegreesToRadians);

    /// <summary>
    /// Equal Earth (Šavrič et al. 2019, eq. 2): <c>θ = asin(√3/2 · sin φ)</c>,
    /// <c>x = 2√3 · λ · cos θ / (3 · (9A₄θ⁸ + 7A₃θ⁶ + 3A₂θ² + A₁))</c>,
    /// <c>y = A₄θ⁹ + A₃θ⁷ + A₂θ³ + A₁θ</c>, for a unit sphere, λ relative to the central meridian λ₀.
    /// </summary>
    public static (double X, double Y) EqualEarth(double lon, double lat, double lon0)
    {
        var lambda = (lon - lon0) * DegreesToRadians;
        var theta = Math.Asin(Math.Sqrt(3) / 2 * Math.Sin(lat * DegreesToRadians));
        var t2 = theta * theta;
        var t6 = t2 * t2 * t2;
        var x = 2 * Math.Sqrt(3) * lambda * Math.Cos(theta) / (3 * ((9 * A4 * t6 * t2) + (7 * A3 * t6) + (3 * A2 * t2) + A1));
        var y = theta * (A1 + (A2 * t2) + (t6 * (A3 + (A4 * t2))));
        return (x, y);
    }
}
