namespace CompositeIndex.Tests.Robustness;

/// <summary>
/// The number of cases each fuzz suite runs (CSV reading, JSON definitions, evaluation of generated definitions):
/// 10,000 by default (the CI budget, issue #12's minimum), or the value of the environment variable
/// <c>COMPOSITE_INDEX_FUZZ_CASES</c> for a larger opt-in run, e.g.
/// <c>COMPOSITE_INDEX_FUZZ_CASES=100000 dotnet test --filter "FullyQualifiedName~Fuzz" --logger "console;verbosity=detailed"</c>
/// (each suite writes its figures to the test output).
/// </summary>
internal static class FuzzBudget
{
    public const int Default = 10_000;

    public static int Cases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("COMPOSITE_INDEX_FUZZ_CASES"), out var n) && n > 0 ? n : Default;
}
