using Spectre.Console;

namespace CompositeIndex.Cli;

/// <summary>Exit codes of compindex.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: an invalid definition, unreadable or malformed data, a computation that cannot be done.</summary>
    public const int BadInput = 1;

    /// <summary>Usage error: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled with Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int Cancelled = 130;
}

/// <summary>Where a command writes and how: results to <see cref="Out"/>, progress and errors to <see cref="Error"/>.</summary>
/// <remarks>Mutable (the global flags are set once the command line is parsed); one per invocation.</remarks>
/// <param name="output">stdout.</param>
/// <param name="error">stderr.</param>
/// <param name="terminal">Whether stderr is a terminal (progress bars).</param>
/// <param name="outputIsTerminal">Whether stdout is a terminal (machine formats are then escaped too).</param>
internal sealed class CliContext(TextWriter output, TextWriter error, bool terminal, bool outputIsTerminal = false)
{
    private readonly TextWriter rawError = error;

    /// <summary>Gets the writer for text results: tables, explanations, messages (stdout); control characters escaped (<see cref="TerminalText"/>).</summary>
    public TextWriter Out { get; } = new TerminalText.Writer(output);

    /// <summary>
    /// Gets the writer for machine-readable results written to stdout (CSV, JSON): exact when stdout is redirected to a
    /// file or a pipe, escaped like <see cref="Out"/> when it is a terminal.
    /// </summary>
    public TextWriter DataOut { get; } = outputIsTerminal ? new TerminalText.Writer(output) : output;

    /// <summary>Gets the writer for progress, warnings and errors (stderr); control characters escaped (<see cref="TerminalText"/>).</summary>
    public TextWriter Error { get; } = new TerminalText.Writer(error);

    /// <summary>Gets a value indicating whether stderr is an interactive terminal (progress bars are drawn only then).</summary>
    public bool Terminal { get; } = terminal;

    /// <summary>
    /// Gets or sets the files this command reads (real paths, links resolved): every existing file named on the command
    /// line except by an output option. <see cref="OutputFile"/> refuses to write onto any of them.
    /// </summary>
    public IReadOnlyCollection<string> Inputs { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether to print details and stack traces.</summary>
    public bool Verbose { get; set; }

    /// <summary>Gets or sets a value indicating whether progress output is suppressed.</summary>
    public bool NoProgress { get; set; }

    /// <summary>Writes a warning line to stderr.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Writes a line to stderr when verbose.</summary>
    public void Info(string message)
    {
        if (Verbose)
        {
            Error.WriteLine(message);
        }
    }

    /// <summary>Runs work that reports progress: a Spectre.Console bar on a terminal, a few plain lines otherwise, nothing with --no-progress.</summary>
    public T WithProgress<T>(string description, long total, Func<Action<long>, CancellationToken, T> work, CancellationToken ct)
    {
        if (NoProgress || total <= 0)
        {
            return work(static _ => { }, ct);
        }

        if (Terminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(rawError) });
            T result = default!;
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(c =>
                {
                    var task = c.AddTask(description, maxValue: total);
                    result = work(n => task.Increment(n), ct);
                    task.Value = total;
                });
            return result;
        }

        // Plain: one line at each 25 %, so logs stay short.
        long done = 0;
        var nextQuarter = 1;
        var gate = new Lock();
        return work(
            n =>
            {
                lock (gate)
                {
                    done += n;
                    while (nextQuarter <= 4 && done * 4 >= total * nextQuarter)
                    {
                        Error.WriteLine($"{description}: {nextQuarter * 25}% ({Math.Min(done, total)}/{total})");
                        nextQuarter++;
                    }
                }
            },
            ct);
    }

    /// <summary>Runs a step with a spinner on a terminal (nothing otherwise).</summary>
    public T Step<T>(string description, Func<T> work)
    {
        if (NoProgress || !Terminal)
        {
            return work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(rawError) });
        return console.Status().Start(description, _ => work());
    }
}
