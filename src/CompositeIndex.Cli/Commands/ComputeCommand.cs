using System.CommandLine;

namespace CompositeIndex.Cli;

/// <summary><c>compindex compute &lt;definition&gt; --data &lt;csv&gt;</c>: computes scores and ranks.</summary>
internal static class ComputeCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results to this file (.csv or .json chooses the format) instead of stdout; with .csv, the definition's outputs (published values, ranks, classes) go to <name>.outputs.csv." };
        var format = new Option<string?>("--format", "-f") { Description = "table (a ranking of one period), csv (every score, long) or json (everything). Default: from --out, else table." };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var period = Common.PeriodOption();
        var language = Common.LanguageOption();
        var freezeFrom = new Option<FileInfo?>("--freeze-from")
        {
            Description = "Apply the normalisation parameters (min/max, mean/sd, ...) of a saved result JSON or a parameters file ({\"parameters\": [...]}) instead of fitting them on the data, e.g. 2023's bounds to score 2024; a period without its own parameters uses the last period's.",
        };
        var layout = new Option<string>("--layout") { Description = "CSV results: long (one row per unit, period and node; the default) or wide (one row per unit and period, a score and a rank column per node).", DefaultValueFactory = _ => "long" };
        layout.AcceptOnlyFromAmong("long", "wide");
        var raw = new Option<bool>("--raw") { Description = "CSV results: write each indicator's raw value (as read from the data) next to its score." };
        var excel = new Option<bool>("--excel-compatible") { Description = "CSV results: for spreadsheets: UTF-8 byte-order mark, CRLF line ends, and text cells starting with = + - @ prefixed with an apostrophe so they are not run as formulas. Off by default: plain CSV that programs read back exactly." };
        var command = new Command("compute", "Compute the index: scores and ranks of every unit, group and indicator.")
        {
            definition, output, format, period, language, freezeFrom, layout, raw, excel,
        };
        data.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            var frozen = pr.GetValue(freezeFrom) is { } f
                ? (f.Exists ? FrozenParameters.ReadFile(f.FullName) : throw new DataException("The file does not exist.", f.FullName))
                : null;
            var (_, panel, _, result) = Common.Evaluate(pr, definition, data, ctx, ct, frozen: frozen);
            var file = pr.GetValue(output);
            var fmt = pr.GetValue(format) ?? Path.GetExtension(file?.Name ?? string.Empty).ToLowerInvariant() switch
            {
                ".csv" => "csv",
                ".json" => "json",
                _ => "table",
            };
            var lang = pr.GetValue(language);
            var shown = Common.PeriodOf(result, pr.GetValue(period));
            var csvOptions = new ResultCsvOptions
            {
                Layout = pr.GetValue(layout) == "wide" ? CsvLayout.Wide : CsvLayout.Long,
                ExcelCompatible = pr.GetValue(excel),
                Language = lang,
                RawData = pr.GetValue(raw) ? panel : null,
            };
            if (fmt == "csv")
            {
                WarnAboutFormulas(result, csvOptions, ctx);
            }

            Action<Stream> write = fmt switch
            {
                "csv" => s => WriteText(s, w => result.ExportCsv(w, csvOptions)),
                "json" => s => result.WriteJson(OutputStreams.Cancellable(s, ct)),
                _ => s => WriteText(s, w => WriteTable(result, shown, lang, w)),
            };
            if (file is null)
            {
                ctx.DataOut.Flush();
                if (fmt == "json")
                {
                    // Streamed: the document is never held whole in memory (Utf8JsonWriter flushes as it goes).
                    result.WriteJson(OutputStreams.ToText(ctx.DataOut, ct));
                    ctx.DataOut.WriteLine();
                }
                else if (fmt == "csv")
                {
                    result.ExportCsv(ctx.DataOut, csvOptions);
                    if (!result.Outputs.IsDefaultOrEmpty)
                    {
                        ctx.Info($"The definition's outputs ({string.Join(", ", result.Outputs.Select(o => o.Id))}) are in the table and JSON formats, and next to a CSV file written with --out.");
                    }
                }
                else
                {
                    WriteTable(result, shown, lang, ctx.Out);
                }
            }
            else
            {
                OutputFile.Write(ctx.Inputs, file.FullName, write);
                ctx.Error.WriteLine($"Wrote {fmt} results for {result.Units.Length} units x {result.Periods.Length} periods to {file.FullName}");
                if (fmt == "csv" && !result.Outputs.IsDefaultOrEmpty)
                {
                    // The definition's outputs (published values, ranks, classes) are wide, one row per unit and period: a file of their own.
                    var outputs = OutputsFile(file.FullName);
                    OutputFile.WriteText(ctx.Inputs, outputs, w => WriteCsv(w, csvOptions.ExcelCompatible, c => OutputResult.WriteCsv(result.Outputs, c)));
                    ctx.Error.WriteLine($"Wrote the definition's outputs ({string.Join(", ", result.Outputs.Select(o => o.Id))}) to {outputs}");
                }
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Writes the ranking of one period: rank, unit, index score, rank change, top-level group scores.</summary>
    internal static void WriteTable(IndexResult result, string period, string? language, TextWriter w)
    {
        var d = result.Definition;
        var root = result.RootId;
        var rootGroup = d.Groups.First(g => g.Id == root);
        var columns = rootGroup.Children.Select(c => c.Id).ToList();
        var t = result.Periods.IndexOf(period);
        var previous = t > 0 ? result.Periods[t - 1] : null;
        var scores = result.GetScores(root, period).ToArray();
        var ranks = result.GetRanks(root, period);
        var before = previous is null ? default : result.GetRanks(root, previous);
        var hasNames = result.Units.Any(u => u.Name is not null);

        w.WriteLine($"{d.DisplayName(language)}{(d.Version is null ? string.Empty : " " + d.Version)}: {period}, {result.Units.Length} units{(previous is null ? string.Empty : $" (rank change since {previous})")}");
        w.WriteLine();
        var table = new TextTable().Column("rank", right: true).Column("unit");
        if (hasNames)
        {
            table.Column("name");
        }

        table.Column(Common.NodeName(d, root, language) is var rn && rn == root ? "score" : rn, right: true);
        if (previous is not null)
        {
            table.Column("Δrank", right: true);
        }

        foreach (var c in columns)
        {
            table.Column(Common.NodeName(d, c, language), right: true);
        }

        // The definition's outputs (e.g. the HDI as published: rounded, ranked among countries, classified).
        var outputs = result.Outputs;
        foreach (var o in outputs)
        {
            table.Column(o.Id, right: true);
            if (o.Definition.Ranking is not null)
            {
                table.Column(o.Id + " rank", right: true);
            }

            if (!o.Definition.Classes.IsDefaultOrEmpty)
            {
                table.Column(o.Id + " class");
            }
        }

        var groupScores = columns.Select(c => result.GetScores(c, period).ToArray()).ToList();
        var order = Enumerable.Range(0, scores.Length).OrderBy(j => ranks[j] ?? int.MaxValue).ThenBy(j => j);
        foreach (var j in order)
        {
            var row = new List<string> { ranks[j]?.ToString(Common.Inv) ?? "-", result.Units[j].Id };
            if (hasNames)
            {
                row.Add(result.Units[j].Name ?? string.Empty);
            }

            row.Add(Common.Num(scores[j]));
            if (previous is not null)
            {
                row.Add(ranks[j] is { } now && before[j] is { } then ? (then - now).ToString("+0;-0;0", Common.Inv) : "n/a");
            }

            row.AddRange(groupScores.Select(g => Common.Num(g[j])));
            foreach (var o in outputs)
            {
                row.Add(o.Format(result.Units[j].Id, period));
                if (o.Definition.Ranking is not null)
                {
                    row.Add(o.GetRank(result.Units[j].Id, period)?.ToString(Common.Inv) ?? "-");
                }

                if (!o.Definition.Classes.IsDefaultOrEmpty)
                {
                    row.Add(o.GetClass(result.Units[j].Id, period) ?? string.Empty);
                }
            }

            table.Row([.. row]);
        }

        table.Write(w);
    }

    /// <summary>Writes a CSV, converted to the Excel-compatible form when asked (BOM, CRLF, formula-like cells neutralised).</summary>
    internal static void WriteCsv(TextWriter w, bool excelCompatible, Action<TextWriter> write)
    {
        if (!excelCompatible)
        {
            write(w);
            return;
        }

        using var plain = new StringWriter(Common.Inv);
        write(plain);
        SpreadsheetCsv.MakeExcelCompatible(new StringReader(plain.ToString()), w);
    }

    /// <summary>Warns when a plain CSV will hold text a spreadsheet would run as a formula (a unit, name, period or node starting with = + - @).</summary>
    private static void WarnAboutFormulas(IndexResult result, ResultCsvOptions options, CliContext ctx)
    {
        if (options.ExcelCompatible)
        {
            return;
        }

        var texts = result.Units.SelectMany(u => new[] { u.Id, u.Name ?? u.Id }).Concat(result.Periods).Concat(result.NodeIds)
            .Concat(result.NodeIds.Select(n => Common.NodeName(result.Definition, n, options.Language)));
        var risky = texts.Where(SpreadsheetCsv.IsFormulaLike).Distinct(StringComparer.Ordinal).ToList();
        if (risky.Count > 0)
        {
            ctx.Warn($"{risky.Count} text value(s) start with = + - or @ (e.g. '{new string([.. risky[0].Where(c => !char.IsControl(c)).Take(40)])}'); a spreadsheet may run them as formulas. Pass --excel-compatible to neutralise them.");
        }
    }

    /// <summary>Gets the file the outputs go to next to a CSV results file: <c>results.csv</c> → <c>results.outputs.csv</c>.</summary>
    internal static string OutputsFile(string resultsFile) =>
        Path.Combine(Path.GetDirectoryName(resultsFile) ?? ".", Path.GetFileNameWithoutExtension(resultsFile) + ".outputs.csv");

    private static void WriteText(Stream s, Action<TextWriter> write)
    {
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        write(w);
    }
}
