using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// Records, for each golden test method, which expected file (or file case, <c>file#case</c>) it compared and how many
/// values. Golden tests call <see cref="Compared"/> after their own count assertion passed; the coverage tests
/// (<see cref="Asem.AsemGoldenCoverageTests"/>) check every expected file against these records, so a registry entry
/// cannot claim a file that its test does not really compare.
/// </summary>
/// <remarks>Test-only, process-wide and thread-safe (tests run in parallel).</remarks>
internal static class GoldenLedger
{
    private static readonly ConcurrentDictionary<(string Test, string Key), int> Counts = new();

    /// <summary>Records that the running test compared <paramref name="count"/> values of <paramref name="key"/>.</summary>
    /// <param name="key">The file relative to the data set's <c>expected/</c> folder, e.g. <c>pipeline/01_raw.csv</c>, or <c>file#case</c>.</param>
    /// <param name="count">The number of values compared (already asserted by the test).</param>
    public static void Compared(string key, int count) =>
        Counts.AddOrUpdate((CurrentTest(), key), count, (_, old) => Math.Max(old, count));

    /// <summary>Gets the count a test method recorded for a key, or null when it has not (yet) run in this process.</summary>
    public static int? CountFor(MethodInfo test, string key) => Counts.TryGetValue((Id(test), key), out var n) ? n : null;

    /// <summary>Gets every key a test method recorded.</summary>
    public static IReadOnlyList<string> KeysOf(MethodInfo test) => [.. Counts.Keys.Where(k => k.Test == Id(test)).Select(k => k.Key)];

    public static string Id(MethodInfo m) => $"{m.DeclaringType!.FullName}.{m.Name}";

    /// <summary>The innermost xunit test method (a method with a <see cref="FactAttribute"/>) on the call stack.</summary>
    private static string CurrentTest()
    {
        foreach (var frame in new StackTrace(1, false).GetFrames())
        {
            if (frame.GetMethod() is MethodInfo m && m.IsDefined(typeof(FactAttribute), inherit: true))
            {
                return Id(m);
            }
        }

        throw new InvalidOperationException("GoldenLedger.Compared must be called from an xunit test method.");
    }
}
