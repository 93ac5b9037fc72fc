using System.CommandLine;
using CompositeIndex.Analysis;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex audit &lt;definition&gt; --data &lt;csv&gt;</c>: the statistical audit of an index (COINr's analysis
/// toolkit, <see cref="IndexAudit.Run"/>): indicator statistics and flags, data availability, correlations, Cronbach's
/// alpha, PCA, denominator correlations, effective weights, strengths and weaknesses.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions(optional: true);
        var saved = Common.ResultOption();
        var period = Common.PeriodOption();
        var language = Common.LanguageOption();
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Write one CSV file per table into this directory (created if needed) instead of tables on stdout." };
        var json = new Option<string?>("--json") { Description = "Write the whole audit as JSON to this file ('-' for stdout)." };
        var dataset = new Option<string>("--dataset")
        {
            Description = "The data the correlations, flags, Cronbach's alpha, PCA and factor analysis use: normalized (scores, polarity applied) or raw (values as read).",
            DefaultValueFactory = _ => "normalized",
        };
        dataset.AcceptOnlyFromAmong("normalized", "raw");
        var statisticsDataset = new Option<string>("--statistics-dataset")
        {
            Description = "The data the indicator statistics and data availability describe: raw (values as read) or normalized.",
            DefaultValueFactory = _ => "raw",
        };
        statisticsDataset.AcceptOnlyFromAmong("raw", "normalized");
        var denominators = new Option<string[]>("--denominators")
        {
            Description = "Data columns to correlate the indicators with (e.g. GDP,Population; comma-separated or repeated). Default: the denominators of the definition's denomination steps.",
        };
        var denominatorThreshold = new Option<double>("--denominator-threshold") { Description = "List indicator-denominator pairs with |r| above this.", DefaultValueFactory = _ => 0.6 };
        var collinear = new Option<double>("--collinear") { Description = "Flag two indicators of a group as collinear when their correlation is above this.", DefaultValueFactory = _ => 0.9 };
        var negative = new Option<double>("--negative") { Description = "Flag two indicators of a group when their correlation is below this.", DefaultValueFactory = _ => 0 };
        var flagLevel = new Option<int>("--flag-level") { Description = "The level of the groups within which pairs are flagged (indicators are level 1).", DefaultValueFactory = _ => 2 };
        var units = new Option<string[]>("--unit", "-u") { Description = "Show the strengths and weaknesses of these units (id or name; repeatable). Default: the top 10 of the index." };
        var top = new Option<int>("--top") { Description = "How many strengths and weaknesses per unit.", DefaultValueFactory = _ => 5 };
        var remove = new Option<int?>("--remove")
        {
            Description = "Leave-one-out instead of the statistical audit: remove each element of this level in turn (1 = indicators; weight set to 0, as COINr's remove_elements) and report the mean absolute rank change and the units that move most. Needs --data.",
        };
        var removeNode = new Option<string?>("--remove-node") { Description = "With --remove: the node whose ranks are compared (default: the root)." };
        var excel = new Option<bool>("--excel-compatible") { Description = "CSV files (--out): for spreadsheets: UTF-8 byte-order mark, CRLF line ends, and text cells starting with = + - @ prefixed with an apostrophe so they are not run as formulas. Off by default: plain CSV that programs read back exactly." };
        flagLevel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 2)
            {
                r.AddError("--flag-level must be at least 2.");
            }
        });
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--top must not be negative.");
            }
        });
        var command = new Command("audit", "Audit the index statistically: indicator statistics and outlier flags, data availability, correlations (Pearson, Spearman, p-values, flags), Cronbach's alpha, PCA, denominator correlations, effective weights, strengths and weaknesses.")
        {
            definition, period, language, output, json, dataset, statisticsDataset, denominators, denominatorThreshold, collinear, negative, flagLevel, units, top, remove, removeNode, excel,
        };
        command.Options.Add(saved);
        data.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            var requested = (pr.GetValue(denominators) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
            var (d, panel, _, result) = Common.EvaluateOrRead(pr, definition, saved, data, ctx, ct, requested);
            var shown = Common.PeriodOf(result, pr.GetValue(period));
            if (pr.GetValue(remove) is { } level)
            {
                return Task.FromResult(LeaveOneOut(ctx, result, panel, level, pr.GetValue(removeNode), shown, pr.GetValue(language), pr.GetValue(output), pr.GetValue(json), pr.GetValue(excel), ct));
            }

            var options = new IndexAuditOptions
            {
                CorrelationData = pr.GetValue(dataset) == "raw" ? AuditDataSet.Raw : AuditDataSet.Normalized,
                StatisticsData = pr.GetValue(statisticsDataset) == "normalized" ? AuditDataSet.Normalized : AuditDataSet.Raw,
                Denominators = requested.Count > 0 ? [.. requested] : null,
                DenominatorThreshold = pr.GetValue(denominatorThreshold),
                CollinearAbove = pr.GetValue(collinear),
                NegativeBelow = pr.GetValue(negative),
                FlagGroupLevel = pr.GetValue(flagLevel),
                StrengthsAndWeaknesses = pr.GetValue(top),
            };
            var selected = (pr.GetValue(units) ?? []).Select(u => ExplainCommand.FindUnit(result, u).Id).ToList();
            var audit = ctx.Step("Auditing", () => IndexAudit.Run(result, panel, shown, options, ct));
            ct.ThrowIfCancellationRequested();
            var lang = pr.GetValue(language);
            var report = new AuditTables(result, audit, lang);
            var dir = pr.GetValue(output);
            var jsonPath = pr.GetValue(json);
            if (dir is not null)
            {
                var files = report.CsvFiles();
                var excelCompatible = pr.GetValue(excel);
                OutputFile.WriteAllText(ctx.Inputs, [.. files.Select(f => (Path.Combine(dir.FullName, f.Name), (Action<TextWriter>)(w => ComputeCommand.WriteCsv(w, excelCompatible, f.Write))))]);

                ctx.Error.WriteLine($"Wrote {files.Count} CSV files ({string.Join(", ", files.Select(f => f.Name))}) to {dir.FullName}");
            }

            if (jsonPath == "-")
            {
                ctx.DataOut.Flush();
                ctx.DataOut.WriteLine(report.JsonText());
            }
            else if (jsonPath is not null)
            {
                var full = Path.GetFullPath(jsonPath);
                OutputFile.Write(ctx.Inputs, full, report.WriteJson);
                ctx.Error.WriteLine($"Wrote the audit as JSON to {full}");
            }

            if (dir is null && jsonPath is null)
            {
                report.WriteTables(ctx.Out, selected);
            }

            foreach (var note in audit.Notes)
            {
                ctx.Warn(note);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static int LeaveOneOut(CliContext ctx, IndexResult result, Panel? panel, int level, string? node, string shown, string? language, DirectoryInfo? dir, string? jsonPath, bool excelCompatible, CancellationToken ct)
    {
        var removal = RemoveElements(ctx, result, panel, level, node, ct);
        var tables = new RemovalTables(result, removal, shown, language);
        if (dir is not null)
        {
            var file = Path.Combine(dir.FullName, RemovalTables.CsvName);
            OutputFile.WriteAllText(ctx.Inputs, [(file, w => ComputeCommand.WriteCsv(w, excelCompatible, tables.WriteCsv))]);
            ctx.Error.WriteLine($"Wrote {RemovalTables.CsvName} to {dir.FullName}");
        }

        if (jsonPath == "-")
        {
            ctx.DataOut.Flush();
            ctx.DataOut.WriteLine(tables.JsonText());
        }
        else if (jsonPath is not null)
        {
            var full = Path.GetFullPath(jsonPath);
            OutputFile.Write(ctx.Inputs, full, tables.WriteJson);
            ctx.Error.WriteLine($"Wrote the leave-one-out result as JSON to {full}");
        }

        if (dir is null && jsonPath is null)
        {
            tables.WriteTable(ctx.Out);
        }

        foreach (var note in removal.Notes)
        {
            ctx.Warn(note);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Runs leave-one-out for <c>--remove</c> (audit and report): bad levels and nodes are one-line usage errors.</summary>
    internal static ElementRemovalResult RemoveElements(CliContext ctx, IndexResult result, Panel? panel, int level, string? node, CancellationToken ct)
    {
        if (panel is null)
        {
            throw new UsageException("--remove re-evaluates the index without each element: give the data with --data.");
        }

        if (node is not null && !result.Definition.Indicators.Any(i => i.Id == node) && !result.Definition.Groups.Any(g => g.Id == node))
        {
            throw new UsageException($"--remove-node: '{node}' is not a node of the index.");
        }

        try
        {
            return ctx.Step($"Removing each element of level {level}", () => IndexAudit.RemoveElements(result.Definition, panel, level, node, ct));
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "level")
        {
            throw new UsageException($"--remove: {ex.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
