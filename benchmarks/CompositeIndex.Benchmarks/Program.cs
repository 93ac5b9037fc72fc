using BenchmarkDotNet.Running;
using CompositeIndex.Benchmarks;

// `count <workload> <repetitions>` runs one workload a number of times without BenchmarkDotNet, for instruction counts
// under `valgrind --tool=callgrind` (repeatable on a loaded machine; see README "Instruction counts").
if (args is ["count", var workload, var repetitions])
{
    return InstructionCountHarness.Run(workload, int.Parse(repetitions, System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
