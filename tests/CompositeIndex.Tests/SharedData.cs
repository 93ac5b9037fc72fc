namespace CompositeIndex.Tests;

/// <summary>
/// Locates the repository root and the shared golden data (<c>../shared/data</c> next to the repository).
/// Tests that need the data use <see cref="SharedDataFactAttribute"/>, which skips with a clear message when the
/// folder is absent (a user's clone); <c>.ci/run</c> fails when it is absent, so CI never skips them.
/// </summary>
internal static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Gets <c>&lt;repo&gt;/../shared/data</c>, or the directory named by <c>COMPOSITE_INDEX_SHARED_DATA</c>.</summary>
    public static string Root { get; } =
        Environment.GetEnvironmentVariable("COMPOSITE_INDEX_SHARED_DATA") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static bool Exists(string folder) => Directory.Exists(Path.Combine(Root, folder));

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompositeIndex.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find CompositeIndex.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs <c>../shared/data/&lt;folder&gt;</c>; skipped with a message when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string folder)
    {
        if (!SharedData.Exists(folder))
        {
            Skip = $"Golden data folder '{Path.Combine(SharedData.Root, folder)}' is absent (a user's clone); CI provides it.";
        }
    }
}

/// <summary>A theory that needs <c>../shared/data/&lt;folder&gt;</c>; skipped with a message when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute(string folder)
    {
        if (!SharedData.Exists(folder))
        {
            Skip = $"Golden data folder '{Path.Combine(SharedData.Root, folder)}' is absent (a user's clone); CI provides it.";
        }
    }
}
