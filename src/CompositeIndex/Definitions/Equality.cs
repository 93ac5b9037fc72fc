using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>Structural equality helpers for the immutable collections held by definition records.</summary>
internal static class Equality
{
    public static bool Sequence<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        if (a.IsDefaultOrEmpty || b.IsDefaultOrEmpty)
        {
            return a.IsDefaultOrEmpty == b.IsDefaultOrEmpty;
        }

        return a.AsSpan().SequenceEqual(b.AsSpan(), EqualityComparer<T>.Default);
    }

    public static bool Map(ImmutableSortedDictionary<string, string>? a, ImmutableSortedDictionary<string, string>? b)
    {
        var ca = a?.Count ?? 0;
        var cb = b?.Count ?? 0;
        if (ca != cb)
        {
            return false;
        }

        if (ca == 0)
        {
            return true;
        }

        foreach (var (key, value) in a!)
        {
            if (!b!.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash<T>(ImmutableArray<T> a)
    {
        var h = new HashCode();
        if (!a.IsDefault)
        {
            foreach (var item in a)
            {
                h.Add(item);
            }
        }

        return h.ToHashCode();
    }

    public static int Hash(ImmutableSortedDictionary<string, string>? a)
    {
        var h = new HashCode();
        if (a is not null)
        {
            foreach (var (key, value) in a)
            {
                h.Add(key);
                h.Add(value);
            }
        }

        return h.ToHashCode();
    }
}
