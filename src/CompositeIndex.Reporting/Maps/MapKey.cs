using System.Collections.Immutable;

namespace CompositeIndex.Reporting.Maps;

/// <summary>What a GeoJSON property is compared with to find a unit's shape.</summary>
public enum MapKeyTarget
{
    /// <summary>The unit id. The default.</summary>
    Id = 0,

    /// <summary>The unit's display name (its id when it has none).</summary>
    Name = 1,

    /// <summary>A unit attribute (<see cref="MapKey.Attribute"/>).</summary>
    Attribute = 2,
}

/// <summary>
/// One way of joining map shapes to units: a GeoJSON property compared with the unit id, name or an attribute.
/// </summary>
/// <remarks>
/// <para>Text form (<see cref="Parse"/>, the command line's <c>--geo-key</c>): <c>ISO_A3</c> (the property equals the
/// unit id), <c>name_eng=name</c> (equals the unit's name), <c>code=id</c> (the id, explicitly), or
/// <c>code=district_code</c> (equals the unit attribute <c>district_code</c>). Values are compared after trimming,
/// ignoring case (ordinal).</para>
/// <para>Several keys form a fallback list, tried in order for the units not joined yet: Natural Earth's world file has
/// <c>ISO_A3</c> = "-99" for Norway and France, so <c>ISO_A3</c> followed by <c>ADMIN=name</c> joins them by name.
/// A shape is used by one unit at most; a unit may have several shapes.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Property">The GeoJSON feature property.</param>
/// <param name="Target">What the property is compared with. The default is <see cref="MapKeyTarget.Id"/>.</param>
/// <param name="Attribute">The unit attribute when <paramref name="Target"/> is <see cref="MapKeyTarget.Attribute"/>; otherwise <see langword="null"/>.</param>
public sealed record MapKey(string Property, MapKeyTarget Target = MapKeyTarget.Id, string? Attribute = null)
{
    /// <summary>Parses the text form <c>property</c>, <c>property=id</c>, <c>property=name</c> or <c>property=attribute</c>.</summary>
    /// <param name="text">The key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The property or the target is empty (as <see cref="Enum.Parse(Type, string)"/> does for a name it does not know).</exception>
    public static MapKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var property = (eq < 0 ? text : text[..eq]).Trim();
        if (property.Length == 0)
        {
            throw new ArgumentException($"The map key '{text}' names no GeoJSON property (expected 'property', 'property=name' or 'property=attribute').", nameof(text));
        }

        if (eq < 0)
        {
            return new MapKey(property);
        }

        var target = text[(eq + 1)..].Trim();
        return target switch
        {
            "" => throw new ArgumentException($"The map key '{text}' names no unit field after '=' (expected id, name or an attribute).", nameof(text)),
            "id" => new MapKey(property),
            "name" => new MapKey(property, MapKeyTarget.Name),
            _ => new MapKey(property, MapKeyTarget.Attribute, target),
        };
    }

    /// <summary>Gets the key in its text form (see <see cref="Parse"/>).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Target switch
    {
        MapKeyTarget.Name => Property + "=name",
        MapKeyTarget.Attribute => Property + "=" + Attribute,
        _ => Property,
    };

    /// <summary>The unit's value this key compares with, or null when the unit has none.</summary>
    internal string? UnitValue(UnitInfo unit) => Target switch
    {
        MapKeyTarget.Name => unit.Name ?? unit.Id,
        MapKeyTarget.Attribute => Attribute is not null && unit.Attributes.TryGetValue(Attribute, out var v) ? v : null,
        _ => unit.Id,
    };
}

/// <summary>The result of joining units to shapes with a fallback list of <see cref="MapKey"/>s.</summary>
internal sealed class MapJoin
{
    private MapJoin(int[] unitOfFeature, MapKey?[] keyOfUnit)
    {
        UnitOfFeature = unitOfFeature;
        KeyOfUnit = keyOfUnit;
    }

    /// <summary>Gets, per feature, the index of the unit it was joined to, or -1.</summary>
    public int[] UnitOfFeature { get; }

    /// <summary>Gets, per unit, the key that joined it to at least one areal shape, or null.</summary>
    public MapKey?[] KeyOfUnit { get; }

    public static MapJoin Match(GeoShapes shapes, IReadOnlyList<UnitInfo> units, IReadOnlyList<MapKey> keys)
    {
        var features = shapes.Features;
        var unitOfFeature = new int[features.Length];
        Array.Fill(unitOfFeature, -1);
        var keyOfUnit = new MapKey?[units.Count];
        foreach (var key in keys)
        {
            var byValue = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            for (var f = 0; f < features.Length; f++)
            {
                if (unitOfFeature[f] < 0 && features[f].HasArea && features[f].Properties.TryGetValue(key.Property, out var v) && v.Trim() is { Length: > 0 } value)
                {
                    if (!byValue.TryGetValue(value, out var list))
                    {
                        byValue[value] = list = [];
                    }

                    list.Add(f);
                }
            }

            for (var j = 0; j < units.Count; j++)
            {
                if (keyOfUnit[j] is not null || key.UnitValue(units[j])?.Trim() is not { Length: > 0 } value || !byValue.TryGetValue(value, out var list))
                {
                    continue;
                }

                foreach (var f in list)
                {
                    if (unitOfFeature[f] < 0)
                    {
                        unitOfFeature[f] = j;
                        keyOfUnit[j] = key;
                    }
                }
            }
        }

        return new MapJoin(unitOfFeature, keyOfUnit);
    }

    /// <summary>Gets the indices of the units that no key joined to a shape.</summary>
    public ImmutableArray<int> Unmatched() => [.. Enumerable.Range(0, KeyOfUnit.Length).Where(j => KeyOfUnit[j] is null)];
}
