using CompositeIndex.Samples.Asem;

namespace CompositeIndex.Benchmarks;

/// <summary>
/// Runs a benchmark workload n times outside BenchmarkDotNet. Under callgrind, the instructions of one operation are
/// (count(n = 1 + k) − count(n = 1)) / k: set-up, JIT and the first call cancel out.
/// </summary>
internal static class InstructionCountHarness
{
    public static int Run(string workload, int repetitions)
    {
        Func<double> op;
        switch (workload)
        {
            case "evaluate":
            case "evaluate-small":
            {
                var (index, panel) = EvaluateBenchmarks.Build(workload == "evaluate" ? new PanelShape(3500, 200, 20) : new PanelShape(1750, 80, 10));
                op = () => index.Evaluate(panel).GetScore("index", "u0", panel.Periods[^1]);
                break;
            }

            case "evaluate-into":
            case "evaluate-into-small":
            {
                var (index, panel) = EvaluateBenchmarks.Build(workload == "evaluate-into" ? new PanelShape(3500, 200, 20) : new PanelShape(1750, 80, 10));
                var buffer = new EvaluationBuffer();
                op = () =>
                {
                    index.EvaluateInto(panel, buffer);
                    return buffer.GetScores("index", panel.Periods[^1]).Span[0];
                };
                break;
            }

            case "asem":
            {
                var env = Environment.GetEnvironmentVariable("COMPOSITE_INDEX_SHARED_DATA");
                var folder = AsemExample.FindDataFolder(env is { Length: > 0 } ? Path.Combine(env, "coinr-asem") : null);
                var panel = AsemExample.LoadPanel(folder);
                var definition = AsemExample.BuildDefinition(folder);
                op = () => CompiledIndex.Compile(definition).Evaluate(panel).GetScore("Index", "CHE", "2018");
                break;
            }

            case "saltelli":
            case "saltelli-range":
            {
                var s = new SensitivityBenchmarks();
                s.Setup();
                op = workload == "saltelli" ? s.SaltelliSmallIndex : s.SaltelliParameterRange;
                break;
            }

            default:
                Console.Error.WriteLine($"unknown workload '{workload}' (evaluate, evaluate-small, evaluate-into, evaluate-into-small, asem, saltelli, saltelli-range)");
                return 2;
        }

        var sink = 0.0;
        for (var r = 0; r < repetitions; r++)
        {
            sink += op();
        }

        Console.WriteLine(sink.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }
}
