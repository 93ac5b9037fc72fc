using System.CommandLine;

namespace CompositeIndex.Cli;

/// <summary><c>compindex schema</c>: prints the JSON schema of the definition format.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext ctx)
    {
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the schema to this file instead of stdout." };
        var command = new Command("schema", "Print the JSON schema of index definition files (for editors and validators).")
        {
            output,
        };
        command.SetAction((pr, ct) =>
        {
            var schema = DefinitionSource.Schema();
            if (pr.GetValue(output) is { } file)
            {
                OutputFile.WriteText(ctx.Inputs, file.FullName, w => w.Write(schema + "\n"));
                ctx.Error.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                ctx.DataOut.WriteLine(schema);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
