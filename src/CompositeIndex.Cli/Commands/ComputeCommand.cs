using System.CommandLine;

namespace CompositeIndex.Cli;

/// <summary><c>compindex compute &lt;definition&gt; --data &lt;csv&gt;</c>: computes scores and ranks.</summary>
internal static class ComputeCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results to this file (.csv, .json or .xlsx chooses the format) instead of stdout; with .csv, the definition's outputs (published values, ranks, classes) go to <name>.outputs.csv; an .xlsx workbook holds them in its Outputs sheet." };
        var format = new Option<string?>("--format", "-f") { Description = "table (the published values and ranking of one period, or of every period with --long), csv (every score, long) or json (everything). Default: from --out, else table." };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var period = Common.PeriodOption();
        var periods = Common.PeriodsOption();
        var basePeriod = Common.BaseOption();
        var all = new Option<bool>("--all-periods") { Description = "With the table format: list every period (or those of --periods), one row per unit and period." };
        var language = Common.LanguageOption();
        var freezeFrom = new Option<FileInfo?>("--freeze-from")
        {
            Description = "Apply the normalisation parameters (min/max, mean/sd, ...) of a saved result JSON or a parameters file ({\"parameters\": [...]}) instead of fitting them on the data, e.g. 2023's bounds to score 2024; a period without its own parameters uses the last period's.",
        };
        var layout = new Option<string>("--layout") { Description = "CSV and Excel results: long (one row per unit, period and node; the default) or wide (one row per unit and period, a score and a rank column per node).", DefaultValueFactory = _ => "long" };
        layout.AcceptOnlyFromAmong("long", "wide");
        var raw = new Option<bool>("--raw") { Description = "CSV and Excel results: write each indicator's raw value (as read from the data) next to its score." };
        var excel = new Option<bool>("--excel-compatible") { Description = "CSV results: for spreadsheets: UTF-8 byte-order mark, CRLF line ends, and text cells starting with = + - @ prefixed with an apostrophe so they are not run as formulas. Off by default: plain CSV that programs read back exactly." };
        var command = new Command("compute", "Compute the index: scores and ranks of every unit, group and indicator.")
        {
            definition, output, format, period, periods, basePeriod, all, language, freezeFrom, layout, raw, excel,
        };
        data.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            var frozen = pr.GetValue(freezeFrom) is { } f
                ? (f.Exists ? FrozenParameters.ReadFile(f.FullName) : throw new IndexDataException("The file does not exist.", f.FullName))
                : null;
            var (_, panel, _, result) = Common.Evaluate(pr, definition, data, ctx, ct, frozen: frozen);
            var file = pr.GetValue(output);
            var fmt = pr.GetValue(format) ?? Path.GetExtension(file?.Name ?? string.Empty).ToLowerInvariant() switch
            {
                ".csv" => "csv",
                ".json" => "json",
                ".xlsx" => "xlsx",
                _ => "table",
            };
            var lang = pr.GetValue(language);
            var shown = Common.PeriodOf(result, pr.GetValue(period));
            var selected = Common.PeriodsOf(result, pr.GetValue(periods));
            IReadOnlyList<string>? rows = pr.GetValue(all) ? (selected.IsEmpty ? result.Periods : selected) : null;
            var b = pr.GetValue(basePeriod) is { } bp ? Common.PeriodOf(result, bp) : result.BasePeriod;
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
                "xlsx" => s => Excel.ResultWorkbook.Write(result, s, WorkbookOptions(result, panel, csvOptions, ctx)),
                _ => s => WriteText(s, w => WriteTable(result, shown, lang, w, rows, b)),
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
                    WriteTable(result, shown, lang, ctx.Out, rows, b);
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

    /// <summary>
    /// The results workbook's options: the raw values always (the Raw values sheet; with --raw also next to the scores),
    /// contributions unless that sheet would exceed Excel's rows (then left out with a note).
    /// </summary>
    private static Excel.ResultWorkbookOptions WorkbookOptions(IndexResult result, Panel panel, ResultCsvOptions csv, CliContext ctx) =>
        WorkbookOptions(result.NodeIds.Length, result.Units.Length, result.Periods.Length, panel, csv, ctx);

    /// <summary>The decision of <see cref="WorkbookOptions(IndexResult, Panel, ResultCsvOptions, CliContext)"/> from the result's sizes (tested at the boundary).</summary>
    internal static Excel.ResultWorkbookOptions WorkbookOptions(int nodes, int units, int periods, Panel panel, ResultCsvOptions csv, CliContext ctx)
    {
        var cells = (long)units * periods;
        if (csv.Layout == CsvLayout.Long && nodes * cells >= Excel.ResultWorkbook.MaxRows)
        {
            throw new UsageException($"The long Scores sheet would need {nodes * cells:N0} rows, more than Excel's {Excel.ResultWorkbook.MaxRows:N0}: pass --layout wide, or write .csv or .json.");
        }

        var rows = Math.Max(nodes - 1, 0) * cells;
        var contributions = rows < Excel.ResultWorkbook.MaxRows;
        if (!contributions)
        {
            ctx.Warn($"The workbook has no Contributions sheet: it would need {rows:N0} rows, more than Excel's {Excel.ResultWorkbook.MaxRows:N0}; 'compindex explain' and the JSON results give contributions.");
        }

        return new Excel.ResultWorkbookOptions
        {
            Layout = csv.Layout,
            Language = csv.Language,
            RawData = panel,
            Contributions = contributions,
        };
    }

    /// <summary>
    /// Writes the published face of one period (or of every period with <paramref name="periods"/>): the definition's
    /// outputs first (published value, rank, class, headed by display names), then the index and top-level group scores
    /// that no output already publishes, with the change since the previous period and since the base period.
    /// </summary>
    internal static void WriteTable(IndexResult result, string period, string? language, TextWriter w, IReadOnlyList<string>? periods = null, string? basePeriod = null)
    {
        var text = Reporting.ReportText.For(language);
        var d = result.Definition;
        var root = result.RootId;
        var published = new Reporting.Published(result);
        var outputs = published.Ordered;
        var headline = published.Headline;
        var rootGroup = d.Groups.First(g => g.Id == root);
        var scoreColumns = new List<string>();
        if (published.ForNode(root) is null)
        {
            scoreColumns.Add(root);
        }

        scoreColumns.AddRange(rootGroup.Children.Select(c => c.Id).Where(c => published.ForNode(c) is null));
        var hasNames = result.Units.Any(u => u.Name is not null);
        var rows = periods ?? [period];
        var name = d.DisplayName(language) + (d.Version is null ? string.Empty : " " + d.Version);
        w.WriteLine(rows.Count == 1
            ? text.Format("table.title", name, period, result.Units.Length)
            : text.Format("table.titleLong", name, rows[0], rows[^1], result.Units.Length));
        var notes = new List<string>();
        if (headline?.Definition.Ranking is { Units: { } scope })
        {
            notes.Add(text.Format("results.rankScope", headline.Definition.DisplayName(language), scope.Attribute, string.Join(", ", scope.Values)));
        }

        if (basePeriod is not null)
        {
            notes.Add(text.Format("table.baseNote", basePeriod));
        }

        foreach (var note in notes)
        {
            w.WriteLine(note);
        }

        w.WriteLine();
        var table = new TextTable().Column(text["col.rank"], right: true).Column(text["table.unitId"]);
        if (hasNames)
        {
            table.Column(text["table.name"]);
        }

        if (rows.Count > 1)
        {
            table.Column(text["col.period"]);
        }

        foreach (var o in outputs)
        {
            var display = o.Definition.DisplayName(language);
            table.Column(display, right: true);
            if (o.Definition.Ranking is not null && o != headline)
            {
                table.Column(text.Format("col.rankOf", display), right: true);
            }

            if (!o.Definition.Classes.IsDefaultOrEmpty)
            {
                table.Column(text.Format("col.classOf", display));
            }
        }

        foreach (var c in scoreColumns)
        {
            table.Column(Common.NodeName(d, c, language), right: true);
        }

        table.Column(text["col.delta"], right: true).Column(text["col.deltaRank"], right: true);
        if (basePeriod is not null)
        {
            table.Column(text.Format("col.deltaBase", basePeriod), right: true);
        }

        foreach (var t in rows)
        {
            var previous = result.GetPreviousPeriod(t);
            var scores = result.GetScores(root, t).ToArray();
            var ranks = result.GetRanks(root, t);
            int? Rank(int j) => headline is { Definition.Ranking: not null } ? headline.GetRank(result.Units[j].Id, t) : ranks[j];
            double Value(int j, string at) => headline is not null ? Reporting.Published.Value(headline, result.Units[j].Id, at) : result.GetScore(root, result.Units[j].Id, at);
            var format = headline is not null ? published.DisplayFormat(headline) : "0.00";
            var order = Enumerable.Range(0, scores.Length).OrderBy(j => Rank(j) ?? int.MaxValue).ThenByDescending(j => double.IsNaN(Value(j, t)) ? double.NegativeInfinity : Value(j, t)).ThenBy(j => j);
            foreach (var j in order)
            {
                var unit = result.Units[j];
                var row = new List<string> { Rank(j)?.ToString(Common.Inv) ?? "-", unit.Id };
                if (hasNames)
                {
                    row.Add(unit.Name ?? string.Empty);
                }

                if (rows.Count > 1)
                {
                    row.Add(t);
                }

                foreach (var o in outputs)
                {
                    row.Add(published.Text(o, unit.Id, t) is { Length: > 0 } v ? v : text["na"]);
                    if (o.Definition.Ranking is not null && o != headline)
                    {
                        row.Add(o.GetRank(unit.Id, t)?.ToString(Common.Inv) ?? "-");
                    }

                    if (!o.Definition.Classes.IsDefaultOrEmpty)
                    {
                        row.Add(o.GetClass(unit.Id, t) ?? "-");
                    }
                }

                row.AddRange(scoreColumns.Select(c => Common.Num(result.GetScore(c, unit.Id, t), published.ScoreFormat(result, c, rows)) is var x && x == "n/a" ? text["na"] : x));
                row.Add(previous is null ? string.Empty : Signed(Value(j, t) - Value(j, previous), format));
                int? deltaRank = previous is not null && (headline is { Definition.Ranking: not null }
                    ? headline.GetRank(unit.Id, previous) is { } b && headline.GetRank(unit.Id, t) is { } n ? b - n : null
                    : result.GetRankChange(root, unit.Id, t)) is { } dr ? dr : null;
                row.Add(previous is null ? string.Empty : deltaRank?.ToString("+0;-0;0", Common.Inv) ?? text["na"]);
                if (basePeriod is not null)
                {
                    row.Add(Signed(Value(j, t) - Value(j, basePeriod), format));
                }

                table.Row([.. row]);
            }
        }

        table.Write(w);

        string Signed(double v, string format) => double.IsNaN(v) ? text["na"] : Common.Signed(v, "+" + format + ";-" + format + ";" + format);
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
