using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace CompositeIndex.Cli;

/// <summary>
/// The compindex command line: builds the commands, parses, runs one, and maps failures to exit codes and one
/// clear line per error on stderr (stack traces only with --verbose).
/// </summary>
internal static class CliApp
{
    /// <summary>Runs compindex in-process.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go (stdout).</param>
    /// <param name="error">Where progress, warnings and errors go (stderr).</param>
    /// <param name="terminal">Whether stderr is an interactive terminal (draws progress bars).</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl-C in the real program).</param>
    /// <param name="outputIsTerminal">Whether stdout is an interactive terminal (CSV and JSON on stdout are then escaped like tables).</param>
    /// <returns>The exit code: 0 ok, 1 bad input, 2 usage, 130 cancelled.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool terminal, CancellationToken cancellationToken = default, bool outputIsTerminal = false)
    {
        var ctx = new CliContext(output, error, terminal, outputIsTerminal);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print details, and stack traces on errors.", Recursive = true };
        var noProgress = new Option<bool>("--no-progress")
        {
            Description = "Do not draw progress bars or print progress lines (progress goes to stderr, drawn as bars on a terminal only).",
            Recursive = true,
        };
        var root = Build(ctx, verbose, noProgress);
        var parse = root.Parse(args);
        ctx.Verbose = parse.GetValue(verbose);
        ctx.NoProgress = parse.GetValue(noProgress);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                ctx.Error.WriteLine($"error: {OneLine(e.Message)}");
            }

            var command = parse.CommandResult.Command;
            ctx.Error.WriteLine($"Run 'compindex {(command is RootCommand ? string.Empty : command.Name + " ")}--help' for usage.");
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration
        {
            Output = ctx.Out,
            Error = ctx.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl-C is turned into cancellationToken by Program.cs
        };
        try
        {
            // Outputs are checked before any work: never onto an input, a directory or a device (OutputFile).
            ctx.Inputs = OutputFile.Inputs(InputTokens(parse.CommandResult));
            foreach (var path in OutputTokens(parse.CommandResult))
            {
                OutputFile.Check(ctx.Inputs, path);
            }

            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Report(ex, ctx);
        }
    }

    /// <summary>Maps an exception to an exit code and prints it as one line per problem.</summary>
    internal static int Report(Exception ex, CliContext ctx)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : ex;
        int code;
        switch (inner)
        {
            case OperationCanceledException:
                ctx.Error.WriteLine("cancelled.");
                return ExitCodes.Cancelled;
            case IndexDefinitionException d:
                foreach (var e in d.Report.Errors)
                {
                    ctx.Error.WriteLine($"error: {e}");
                }

                code = ExitCodes.BadInput;
                break;
            case UsageException u:
                ctx.Error.WriteLine($"error: {u.Message}");
                code = ExitCodes.Usage;
                break;
            case CompositeIndexException or IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException:
                ctx.Error.WriteLine($"error: {OneLine(inner.Message)}");
                code = ExitCodes.BadInput;
                break;
            default:
                ctx.Error.WriteLine($"error: unexpected {inner.GetType().Name}: {OneLine(inner.Message)}{(ctx.Verbose ? string.Empty : " (run with --verbose for details)")}");
                code = ExitCodes.BadInput;
                break;
        }

        if (ctx.Verbose)
        {
            ctx.Error.WriteLine(inner.ToString());
        }

        return code;
    }

    /// <summary>The values of every argument and option of the command except its outputs (<c>--out…</c>, <c>--json</c>).</summary>
    private static IEnumerable<string> InputTokens(CommandResult command) =>
        command.Children.SelectMany(c => c switch
        {
            OptionResult o when !OutputFile.IsOutputOption(o.Option.Name) => o.Tokens.Select(t => t.Value),
            ArgumentResult a => a.Tokens.Select(t => t.Value),
            _ => [],
        });

    /// <summary>The files named by the output options of the command (not directories of tables, not '-' for stdout).</summary>
    private static IEnumerable<string> OutputTokens(CommandResult command) =>
        command.Children.OfType<OptionResult>()
            .Where(o => OutputFile.IsOutputOption(o.Option.Name) && o.Option.ValueType != typeof(DirectoryInfo))
            .SelectMany(o => o.Tokens.Select(t => t.Value))
            .Where(v => v.Length > 0 && v != "-");

    private static string OneLine(string s) => string.Join(' ', s.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static RootCommand Build(CliContext ctx, Option<bool> verbose, Option<bool> noProgress)
    {
        var root = new RootCommand("compindex: start (new), validate, compute, explain, audit, stress-test and report composite indices (CompositeIndex).")
        {
            verbose,
            noProgress,
        };
        root.Subcommands.Add(NewCommand.Create(ctx));
        root.Subcommands.Add(ValidateCommand.Create(ctx));
        root.Subcommands.Add(ComputeCommand.Create(ctx));
        root.Subcommands.Add(ExplainCommand.Create(ctx));
        root.Subcommands.Add(AuditCommand.Create(ctx));
        root.Subcommands.Add(SensitivityCommand.Create(ctx));
        root.Subcommands.Add(SensitivityMergeCommand.Create(ctx));
        root.Subcommands.Add(ReportCommand.Create(ctx));
        root.Subcommands.Add(SchemaCommand.Create(ctx));
        return root;
    }
}
