using System.Reflection;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>Runs after the parallel test collections (xunit runs non-parallel collections last), so the ledger is full.</summary>
[CollectionDefinition(nameof(GoldenCoverageCollection), DisableParallelization = true)]
public sealed class GoldenCoverageCollection;

/// <summary>
/// Issue #7's acceptance made checkable: every file of COINr's ASEM reference outputs (and every case of
/// <c>edge/function_edge_cases.csv</c>) is claimed in <see cref="AsemGoldenRegistry"/> by a golden test, and each claimed
/// test really compared the claimed number of values of that file (as recorded in the <see cref="GoldenLedger"/> by the
/// test itself, after its own count assertion). A claimed test that has not run yet in this process (a filtered run) is
/// run here.
/// </summary>
[Collection(nameof(GoldenCoverageCollection))]
public class AsemGoldenCoverageTests(ITestOutputHelper output)
{
    private const string EdgeFile = "edge/function_edge_cases.csv";

    [SharedDataFact(AsemData.Folder)]
    public void Registry_EveryExpectedFileAndEdgeCase_IsClaimedByATestThatComparedItsValues()
    {
        var keys = ExpectedKeys();
        var claims = AsemGoldenRegistry.Claims;

        var unclaimed = keys.Where(k => !claims.Any(c => c.Key == k)).ToList();
        Assert.True(unclaimed.Count == 0, "Expected files/cases without a golden test (add a test and a claim in AsemGoldenRegistry):" + Environment.NewLine + string.Join(Environment.NewLine, unclaimed));
        var stale = claims.Where(c => !keys.Contains(c.Key)).Select(c => c.Key).ToList();
        Assert.True(stale.Count == 0, "Claims of files/cases that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, stale));

        foreach (var exemption in claims.Where(c => c.Test is null))
        {
            Assert.True(exemption.Method is null && exemption.Values == 0 && exemption.Note.Length > 20, $"{exemption.Key}: an exemption needs a reason and no test");
        }

        var failures = new List<string>();
        var byMethod = claims.Where(c => c.Test is not null).GroupBy(c => Method(c)).ToList();
        foreach (var group in byMethod)
        {
            var method = group.Key;
            var fact = method.GetCustomAttributes<FactAttribute>(inherit: true).SingleOrDefault();
            Assert.True(fact is SharedDataFactAttribute or SharedDataTheoryAttribute, $"{GoldenLedger.Id(method)} must be a [SharedDataFact] or [SharedDataTheory]");
            Assert.Null(fact!.Skip);
            if (group.Any(c => GoldenLedger.CountFor(method, c.Key) is null))
            {
                Run(method);
            }

            foreach (var claim in group)
            {
                var recorded = GoldenLedger.CountFor(method, claim.Key);
                if (recorded != claim.Values)
                {
                    failures.Add($"{claim.Key}: {GoldenLedger.Id(method)} claims {claim.Values} values but recorded {recorded?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
                }
            }

            // The test compares nothing it does not claim.
            foreach (var key in GoldenLedger.KeysOf(method).Where(k => !group.Any(c => c.Key == k)))
            {
                failures.Add($"{GoldenLedger.Id(method)} compared {key} without a claim in AsemGoldenRegistry");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Every row of the edge file is covered: the claimed counts of its cases add up to its 103 rows.
        var edgeRows = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "edge", "function_edge_cases.csv")).Rows.Count;
        Assert.Equal(edgeRows, claims.Where(c => c.Key.StartsWith(EdgeFile + "#", StringComparison.Ordinal)).Sum(c => c.Values));

        var report = new StringBuilder();
        report.AppendLine("expected file | test | values | tolerance | note");
        foreach (var c in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"{c.Key} | {(c.Test is null ? "(none)" : $"{c.Test.Name}.{c.Method}")} | {c.Values} | {c.Tolerance} | {c.Note}");
        }

        output.WriteLine(report.ToString());
    }

    /// <summary>Every file under expected/ except the README, with the edge file split into one key per case.</summary>
    private static HashSet<string> ExpectedKeys()
    {
        var root = SharedData.PathOf(AsemData.Folder, "expected");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var key = Table.ExpectedKey(path)!;
            if (key == "README.md")
            {
                continue;
            }

            if (key == EdgeFile)
            {
                foreach (var c in Table.Read(path).Rows.Select(r => r["case"]).Distinct())
                {
                    keys.Add($"{EdgeFile}#{c}");
                }
            }
            else
            {
                keys.Add(key);
            }
        }

        Assert.True(keys.Count > 100, $"only {keys.Count} expected files found under {root}");
        return keys;
    }

    private static MethodInfo Method(GoldenClaim c) =>
        c.Test!.GetMethod(c.Method!, BindingFlags.Public | BindingFlags.Instance) ?? throw new InvalidOperationException($"{c.Test.Name}.{c.Method} does not exist");

    /// <summary>Runs a golden test method (every data row of a theory) so that it records its comparisons.</summary>
    private static void Run(MethodInfo method)
    {
        var rows = method.GetCustomAttributes<DataAttribute>(inherit: true).SelectMany(d => d.GetData(method)).ToList();
        if (rows.Count == 0)
        {
            rows.Add([]);
        }

        var instance = Activator.CreateInstance(method.DeclaringType!);
        foreach (var row in rows)
        {
            try
            {
                method.Invoke(instance, row);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
