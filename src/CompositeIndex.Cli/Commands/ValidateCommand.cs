using System.CommandLine;
using System.Text.Json;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex validate &lt;file&gt;</c>: reports every problem of a definition with its JSON path; a factors file
/// (a sensitivity analysis: a JSON object with <c>"factors"</c> and no <c>"indicators"</c>) is recognised and checked as
/// one, against the definition given with <c>--index</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = new Argument<FileInfo>("file") { Description = "An index definition, or a factors file (sensitivity analysis) to check against --index." };
        var index = new Option<FileInfo?>("--index") { Description = "For a factors file: the index definition whose groups, indicators and steps its factors address." };
        var command = new Command("validate", "Check a definition file (or a factors file with --index) and list every problem with its JSON path (exit code 1 when there are any).")
        {
            definition, index,
        };
        command.SetAction((pr, ct) =>
        {
            var file = pr.GetValue(definition)!;
            if (!file.Exists)
            {
                throw new IndexDataException("The definition file does not exist.", file.FullName);
            }

            if (IsFactorsFile(file))
            {
                return Task.FromResult(ValidateFactors(file, pr.GetValue(index), ctx));
            }

            var report = DefinitionSource.Validate(file.FullName);
            if (report.IsValid)
            {
                var d = DefinitionSource.Load(file.FullName);
                ctx.Out.WriteLine($"ok: {file.Name}: '{d.Name}'{(d.Version is null ? string.Empty : $" version {d.Version}")}, {d.Indicators.Length} indicators, {d.Groups.Length} groups, root '{d.ResolveRoot()}'; fingerprint {DefinitionSource.Fingerprint(d)}");
                return Task.FromResult(ExitCodes.Ok);
            }

            return Task.FromResult(Problems(report, file, ctx));
        });
        return command;
    }

    /// <summary>Whether a file is a factors file: a JSON object with a "factors" member and no "indicators" member (unparsable files are left to the definition check).</summary>
    private static bool IsFactorsFile(FileInfo file)
    {
        try
        {
            using var doc = JsonDocument.Parse(DefinitionSource.ReadText(file.FullName), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("factors", out _) && !doc.RootElement.TryGetProperty("indicators", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int ValidateFactors(FileInfo file, FileInfo? indexFile, CliContext ctx)
    {
        var analysis = SensitivityOptions.Read(file);
        if (indexFile is null)
        {
            ctx.Out.WriteLine($"ok: {file.Name} is a factors file: {analysis.Factors.Length} factors, {analysis.Scheme}, {analysis.RunCount} runs, seed {analysis.Seed}, onFailure {analysis.OnFailure.ToString().ToLowerInvariant()}; its addresses are not checked: add --index <definition> to check them against an index.");
            return ExitCodes.Ok;
        }

        var index = Common.LoadDefinition(indexFile);
        var report = analysis.Validate(index);
        if (!report.IsValid)
        {
            return Problems(report, file, ctx);
        }

        ctx.Out.WriteLine($"ok: {file.Name}: factors file for '{index.Id}' ({indexFile.Name}): {analysis.Factors.Length} factors ({string.Join(", ", analysis.Factors.Select(f => f.DisplayName()))}), {analysis.Scheme}, {analysis.RunCount} runs, seed {analysis.Seed}, onFailure {analysis.OnFailure.ToString().ToLowerInvariant()}.");
        return ExitCodes.Ok;
    }

    private static int Problems(ValidationReport report, FileInfo file, CliContext ctx)
    {
        foreach (var e in report.Errors)
        {
            ctx.Error.WriteLine($"error: {file.Name}: {e}");
        }

        ctx.Error.WriteLine($"{report.Errors.Length} problem{(report.Errors.Length == 1 ? string.Empty : "s")} in {file.Name}.");
        return ExitCodes.BadInput;
    }
}
