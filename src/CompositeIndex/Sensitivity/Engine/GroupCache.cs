using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Ids of what the group-score cache keys are made of, shared by the variants of one analysis: an id per distinct
/// indicator column content (two variants whose normalisation gives an indicator bitwise the same column share its id)
/// and a slot per group id. Thread-safe (variants are built by several workers).
/// </summary>
/// <remarks>
/// A column is looked up by a hash of its bits and then compared bit for bit, so equal ids mean equal columns. Columns are
/// remembered by reference to the variant's score array; once the remembered arrays hold <see cref="MaxRemembered"/>
/// doubles, new columns get fresh ids without being remembered (never shared, so reuse is lost but never wrong), which
/// bounds the memory kept alive for analyses that build many variants (continuous factors).
/// </remarks>
internal sealed class ContentIds
{
    /// <summary>The most doubles the arrays of remembered columns may hold together (32 MB).</summary>
    public const long MaxRemembered = 1L << 22;

    private readonly Lock gate = new();
    private readonly Dictionary<ulong, List<(double[] Array, int Offset, int Length, long Id)>> columns = [];
    private readonly HashSet<double[]> arrays = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private long remembered;
    private long next;

    /// <summary>The cache key of an indicator column with content id <paramref name="id"/> (even; a group entry's key is odd).</summary>
    public static long IndicatorKey(long id) => id << 1;

    /// <summary>The id of the content of <c>array[offset .. offset + length]</c>: the id of a remembered bitwise-equal column, else a new one.</summary>
    public long Column(double[] array, int offset, int length) => Column(array, offset, length, out _, out _);

    /// <summary>
    /// The id of the content of <c>array[offset .. offset + length]</c>, and where the first column with this content
    /// remembered is (bitwise the same values; the given column itself when it is new), so that variants can read one copy
    /// of a column they share (fewer cache misses when runs switch variants).
    /// </summary>
    /// <param name="array">The array holding the column.</param>
    /// <param name="offset">Where the column starts.</param>
    /// <param name="length">Its length.</param>
    /// <param name="canonical">The array of the remembered equal column, or <paramref name="array"/>.</param>
    /// <param name="canonicalOffset">Where the column starts in <paramref name="canonical"/>.</param>
    /// <param name="remember">Whether a new column is remembered for later look-ups. A variant built for one value of a
    /// continuous factor is rarely seen again: its new columns get fresh ids without being kept (remembering them kept
    /// each such variant's whole score array alive, up to <see cref="MaxRemembered"/>, for look-ups that never matched).</param>
    public long Column(double[] array, int offset, int length, out double[] canonical, out int canonicalOffset, bool remember = true)
    {
        var column = MemoryMarshal.Cast<double, long>(array.AsSpan(offset, length));
        var hash = Hash(column);
        lock (gate)
        {
            if (columns.TryGetValue(hash, out var list))
            {
                foreach (var (a, o, l, id) in list)
                {
                    if (l == length && column.SequenceEqual(MemoryMarshal.Cast<double, long>(a.AsSpan(o, l))))
                    {
                        canonical = a;
                        canonicalOffset = o;
                        return id;
                    }
                }
            }

            var fresh = next++;
            canonical = array;
            canonicalOffset = offset;
            var cost = arrays.Contains(array) ? 0 : array.LongLength;
            if (remember && remembered + cost <= MaxRemembered)
            {
                if (cost > 0)
                {
                    arrays.Add(array);
                    remembered += cost;
                }

                if (list is null)
                {
                    list = [];
                    columns[hash] = list;
                }

                list.Add((array, offset, length, fresh));
            }

            return fresh;
        }
    }

    /// <summary>The cache slot of a group id (the same for every variant of the analysis).</summary>
    public int Slot(string groupId)
    {
        lock (gate)
        {
            if (!slots.TryGetValue(groupId, out var slot))
            {
                slot = slots.Count;
                slots[groupId] = slot;
            }

            return slot;
        }
    }

    private static ulong Hash(ReadOnlySpan<long> bits)
    {
        // FNV-1a over the 64-bit words (only to find candidates: equality is checked bit for bit).
        var h = 14695981039346656037UL ^ (ulong)bits.Length;
        foreach (var b in bits)
        {
            h = (h ^ (ulong)b) * 1099511628211UL;
        }

        return h;
    }
}

/// <summary>
/// The group scores one worker computed, by what they are a function of (see <see cref="Variant.Evaluate"/>): per group
/// slot a few entries (least recently used replaced), each with its key, its scores, whether they are complete, and
/// their logarithms once a geometric parent asked for them. <see cref="Current"/> holds, during an evaluation, the entry
/// of each group of the variant evaluated. Owned by one worker thread; valid for one <see cref="ContentIds"/>.
/// </summary>
internal sealed class GroupCache
{
    /// <summary>Entries per group slot: the A and B versions of a Saltelli row and one more.</summary>
    public const int EntriesPerSlot = 3;

    private ContentIds? owner;
    private CachedGroup?[][] slots = [];
    private long clock;
    private long nextId;

    /// <summary>Gets the entry of each group (by the variant's group index) in the current evaluation.</summary>
    public CachedGroup[] Current { get; private set; } = [];

    /// <summary>Gets the number of groups taken from the cache (for tests).</summary>
    public long Hits { get; private set; }

    /// <summary>Gets the number of groups computed (for tests).</summary>
    public long Misses { get; private set; }

    /// <summary>Starts an evaluation of a variant with <paramref name="groupCount"/> groups keyed by <paramref name="ids"/> (entries keyed by other ids are dropped).</summary>
    public void Begin(ContentIds ids, int groupCount)
    {
        if (!ReferenceEquals(owner, ids))
        {
            owner = ids;
            slots = [];
        }

        if (Current.Length < groupCount)
        {
            Current = new CachedGroup[groupCount];
        }
    }

    /// <summary>The entry with this key in the slot, or <see langword="null"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CachedGroup? Find(int slot, AggregationMethod method, MissingDataPolicy? policy, int size, ReadOnlySpan<double> weights, ReadOnlySpan<long> children)
    {
        if (slot < slots.Length && slots[slot] is { } entries)
        {
            foreach (var e in entries)
            {
                if (e is not null && e.Matches(method, policy, size, weights, children))
                {
                    e.LastUse = ++clock;
                    Hits++;
                    return e;
                }
            }
        }

        return null;
    }

    /// <summary>Marks an entry as used exactly as <see cref="Find"/> marks the entry it returns (for a caller that knows the entry holds the key it would look up).</summary>
    public void Touch(CachedGroup entry)
    {
        entry.LastUse = ++clock;
        Hits++;
    }

    /// <summary>An entry of the slot to compute into (an unused one, else the least recently used), emptied of its key.</summary>
    public CachedGroup Replace(int slot, int size)
    {
        if (slot >= slots.Length)
        {
            Array.Resize(ref slots, slot + 1);
        }

        var entries = slots[slot] ??= new CachedGroup?[EntriesPerSlot];
        var victim = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is null)
            {
                victim = i;
                break;
            }

            if (entries[i]!.LastUse < entries[victim]!.LastUse)
            {
                victim = i;
            }
        }

        var entry = entries[victim] ??= new CachedGroup();
        entry.Clear(size);
        Misses++;
        return entry;
    }

    /// <summary>Records the key of an entry whose scores were just computed.</summary>
    public void Store(CachedGroup entry, AggregationMethod method, MissingDataPolicy? policy, int size, ReadOnlySpan<double> weights, ReadOnlySpan<long> children, bool dense)
    {
        entry.Set(method, policy, size, weights, children, dense, ++nextId);
        entry.LastUse = ++clock;
    }
}

/// <summary>One cached group computation: its key, scores and (lazily) their logarithms. See <see cref="GroupCache"/>.</summary>
internal sealed class CachedGroup
{
    private AggregationMethod? method;
    private MissingDataPolicy? policy;
    private int size = -1;
    private double[] weights = [];
    private int weightCount;
    private long[] children = [];
    private int childCount;
    private double[] logs = [];
    private bool logsValid;
    private long id;

    /// <summary>Gets the scores (the first <c>size</c> values).</summary>
    public double[] Scores { get; private set; } = [];

    /// <summary>Gets a value indicating whether no score is missing.</summary>
    public bool Dense { get; private set; }

    /// <summary>Gets the key a parent group uses for this content (odd; unique per computation in a workspace).</summary>
    public long Key => (id << 1) | 1;

    /// <summary>Gets or sets the clock of the last use.</summary>
    public long LastUse { get; set; }

    /// <summary>Whether the entry holds the scores of this key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(AggregationMethod m, MissingDataPolicy? p, int n, ReadOnlySpan<double> w, ReadOnlySpan<long> c) =>
        n == size
        && ReferenceEquals(m, method)
        && ReferenceEquals(p, policy)
        && w.Length == weightCount
        && c.SequenceEqual(children.AsSpan(0, childCount))
        && MemoryMarshal.Cast<double, long>(w).SequenceEqual(MemoryMarshal.Cast<double, long>(weights.AsSpan(0, weightCount)));

    /// <summary>Forgets the key (the scores are about to be overwritten) and makes room for <paramref name="cells"/> scores.</summary>
    public void Clear(int cells)
    {
        size = -1;
        method = null;
        policy = null;
        logsValid = false;
        if (Scores.Length < cells)
        {
            Scores = new double[cells];
        }
    }

    /// <summary>Records the key of the scores just computed.</summary>
    public void Set(AggregationMethod m, MissingDataPolicy? p, int n, ReadOnlySpan<double> w, ReadOnlySpan<long> c, bool dense, long newId)
    {
        if (weights.Length < w.Length)
        {
            weights = new double[w.Length];
        }

        if (children.Length < c.Length)
        {
            children = new long[c.Length];
        }

        w.CopyTo(weights);
        c.CopyTo(children);
        weightCount = w.Length;
        childCount = c.Length;
        method = m;
        policy = p;
        size = n;
        Dense = dense;
        id = newId;
    }

    /// <summary>The natural logarithms of the scores (an array whose first <paramref name="cells"/> values they are), computed on first request.</summary>
    public double[] LogArray(int cells)
    {
        if (!logsValid)
        {
            if (logs.Length < cells)
            {
                logs = new double[cells];
            }

            for (var i = 0; i < cells; i++)
            {
                logs[i] = Math.Log(Scores[i]);
            }

            logsValid = true;
        }

        return logs;
    }
}
