using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>Structural equality of the immutable collections held by pipeline step records.</summary>
internal static class StepEquality
{
    public static bool Map<T>(ImmutableSortedDictionary<string, T>? a, ImmutableSortedDictionary<string, T>? b)
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
            if (!b!.TryGetValue(key, out var other) || !EqualityComparer<T>.Default.Equals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash<T>(ImmutableSortedDictionary<string, T>? a)
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

    public static bool Sequence(ImmutableArray<string> a, ImmutableArray<string> b) => Equality.Sequence(a, b);

    public static int Hash(ImmutableArray<string> a) => Equality.Hash(a);
}
