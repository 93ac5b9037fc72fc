// compindex: the CompositeIndex command-line tool. Everything lives in CliApp so tests can run it in-process.
using System.Text;
using CompositeIndex.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: cancel cleanly (the command stops at its next check and exits with 130); a second one kills.
    if (!cts.IsCancellationRequested)
    {
        e.Cancel = true;
        cts.Cancel();
    }
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, terminal: !Console.IsErrorRedirected, cts.Token, outputIsTerminal: !Console.IsOutputRedirected).ConfigureAwait(false);
