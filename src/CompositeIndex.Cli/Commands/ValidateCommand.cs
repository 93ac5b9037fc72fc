using System.CommandLine;

namespace CompositeIndex.Cli;

/// <summary><c>compindex validate &lt;definition&gt;</c>: reports every problem of a definition with its JSON path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var command = new Command("validate", "Check a definition file and list every problem with its JSON path (exit code 1 when there are any).")
        {
            definition,
        };
        command.SetAction((pr, ct) =>
        {
            var file = pr.GetValue(definition)!;
            if (!file.Exists)
            {
                throw new DataException("The definition file does not exist.", file.FullName);
            }

            var report = DefinitionSource.Validate(file.FullName);
            if (report.IsValid)
            {
                var d = DefinitionSource.Load(file.FullName);
                ctx.Out.WriteLine($"ok: {file.Name}: '{d.Name}'{(d.Version is null ? string.Empty : $" version {d.Version}")}, {d.Indicators.Length} indicators, {d.Groups.Length} groups, root '{d.ResolveRoot()}'; fingerprint {DefinitionSource.Fingerprint(d)}");
                return Task.FromResult(ExitCodes.Ok);
            }

            foreach (var e in report.Errors)
            {
                ctx.Error.WriteLine($"error: {file.Name}: {e}");
            }

            ctx.Error.WriteLine($"{report.Errors.Length} problem{(report.Errors.Length == 1 ? string.Empty : "s")} in {file.Name}.");
            return Task.FromResult(ExitCodes.BadInput);
        });
        return command;
    }
}
