using System.CommandLine;
using CompositeIndex.Reporting;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex sensitivity &lt;definition&gt; --data &lt;csv&gt; --factors &lt;json&gt;</c>: uncertainty and sensitivity
/// analysis (rank intervals, Sobol indices).
/// </summary>
internal static class SensitivityCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions();
        var sensitivity = new SensitivityOptions(required: true);
        var period = Common.PeriodOption();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results (JSON) to this file instead of a table on stdout." };
        var command = new Command("sensitivity", "Run an uncertainty and sensitivity analysis: perturb the definition as the factors file says, and report rank intervals and Sobol indices.")
        {
            definition, period, output,
        };
        data.AddTo(command);
        sensitivity.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            var (d, panel, _, result) = Common.Evaluate(pr, definition, data, ctx, ct);
            var shown = Common.PeriodOf(result, pr.GetValue(period));
            var run = sensitivity.Run(pr, d, panel, shown, ctx, ct);
            if (pr.GetValue(output) is { } file)
            {
                OutputFile.Write(file.FullName, run.WriteJson);
                ctx.Error.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                run.WriteTable(ctx.Out);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

/// <summary>The options of a sensitivity run, shared by <c>sensitivity</c> and <c>report</c>.</summary>
internal sealed class SensitivityOptions(bool required)
{
    public Option<FileInfo> Factors { get; } = new("--factors")
    {
        Description = "The uncertainty factors (JSON): which weights, methods or parameters vary and how.",
        Required = required,
    };

    public Option<int> Samples { get; } = new("--samples", "-n")
    {
        Description = "The base sample size N (Saltelli design: N x (k + 2) runs for k factors).",
        DefaultValueFactory = _ => 256,
    };

    public Option<ulong> Seed { get; } = new("--seed", "-s")
    {
        Description = "The seed of every random draw (sampling and bootstrap); same seed, same results for any thread count.",
        DefaultValueFactory = _ => 42UL,
    };

    public Option<int> Threads { get; } = new("--threads", "-t")
    {
        Description = "The number of threads (default: all cores). Results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Factors);
        command.Options.Add(Samples);
        command.Options.Add(Seed);
        command.Options.Add(Threads);
        Samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--samples must be at least 1.");
            }
        });
        Threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--threads must be at least 1.");
            }
        });
    }

    public bool IsRequested(ParseResult pr) => pr.GetValue(Factors) is not null;

    /// <summary>Runs the analysis.</summary>
    public SensitivityRun Run(ParseResult pr, IndexDefinition definition, Panel panel, string period, CliContext ctx, CancellationToken ct)
    {
        var factors = pr.GetValue(Factors)!;
        if (!factors.Exists)
        {
            throw new DataException("The factors file does not exist.", factors.FullName);
        }

        // The sensitivity engine (CompositeIndex.Sensitivity, issue #5) is wired here when it lands.
        throw new DataException("Sensitivity analysis is not available in this build yet: the sensitivity engine (CompositeIndex.Sensitivity) has not landed.", factors.Name);
    }
}

/// <summary>The outcome of a sensitivity run, as the CLI prints and reports it.</summary>
internal sealed class SensitivityRun
{
    public required SensitivityReport Report { get; init; }

    public required Action<Stream> WriteJson { get; init; }

    public required Action<TextWriter> WriteTable { get; init; }
}
