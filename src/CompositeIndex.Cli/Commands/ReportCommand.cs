using System.Collections.Immutable;
using System.CommandLine;
using CompositeIndex.Reporting;
using CompositeIndex.Reporting.Maps;

namespace CompositeIndex.Cli;

/// <summary><c>compindex report &lt;definition&gt; --data &lt;csv&gt; --out report.html</c> (or <c>compindex report result.json --out report.html</c> from a saved result): a self-contained HTML report.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions(optional: true);
        var saved = Common.ResultOption();
        var output = new Option<FileInfo>("--out", "-o") { Description = "The HTML file to write.", Required = true };
        var period = Common.PeriodOption();
        var periods = Common.PeriodsOption();
        var basePeriod = Common.BaseOption();
        var language = Common.LanguageOption();
        var title = new Option<string?>("--title") { Description = "The page title (default: the definition's name)." };
        var notes = new Option<string?>("--notes") { Description = "A note shown under the title (e.g. the data's date)." };
        var noAudit = new Option<bool>("--no-audit") { Description = "Leave out the statistical audit section (indicator statistics, correlation flags, Cronbach's alpha, PCA, effective weights, strengths and weaknesses)." };
        var geo = new Option<FileInfo?>("--geo") { Description = "A GeoJSON file of the units' shapes: adds choropleth maps of the index and its top-level groups." };
        var geoKeys = new Option<string[]>("--geo-key")
        {
            Description = "How shapes join units: PROPERTY (equals the unit id), PROPERTY=name, PROPERTY=ATTRIBUTE; repeat for fallbacks tried in order (e.g. --geo-key ISO_A3 --geo-key ADMIN=name).",
            AllowMultipleArgumentsPerToken = false,
        };
        var interactive = new Option<bool>("--interactive") { Description = "Add the weight explorer (sliders that recompute the ranking and maps in the browser; one inline script, no network). The default." };
        var staticPage = new Option<bool>("--static") { Description = "A page without any script (no weight explorer)." };
        var remove = new Option<int?>("--remove") { Description = "Add a leave-one-out section: each element of this level removed in turn (1 = indicators; weight 0, as COINr's remove_elements), mean absolute rank change and the units that move most. Needs --data." };
        var sensitivity = new SensitivityOptions(required: false);
        var command = new Command("report", "Write a self-contained HTML report: the published values (outputs) and ranking, change over time, charts, contributions, one profile per unit, statistical audit, data quality, methods in plain language; uncertainty with --factors.")
        {
            definition, output, period, periods, basePeriod, language, title, notes, noAudit, geo, geoKeys, interactive, staticPage, remove,
        };
        command.Options.Add(saved);
        data.AddTo(command);
        sensitivity.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            if (pr.GetValue(interactive) && pr.GetValue(staticPage))
            {
                throw new UsageException("--interactive and --static exclude each other.");
            }

            var map = ReadMap(pr.GetValue(geo), pr.GetValue(geoKeys) ?? []);
            var (d, panel, source, result) = Common.EvaluateOrRead(pr, definition, saved, data, ctx, ct);
            var shown = Common.PeriodOf(result, pr.GetValue(period));
            SensitivityReport? sens = null;
            if (sensitivity.IsRequested(pr))
            {
                sens = sensitivity.Run(pr, d, panel ?? throw new UsageException("The uncertainty section (--factors) recomputes the index: give --data."), shown, ctx, ct).Report;
            }

            var removal = pr.GetValue(remove) is { } level ? AuditCommand.RemoveElements(ctx, result, panel, level, null, ct) : null;
            var options = new ReportOptions
            {
                Title = pr.GetValue(title),
                Period = shown,
                Periods = Common.PeriodsOf(result, pr.GetValue(periods)),
                BasePeriod = pr.GetValue(basePeriod) is { } b ? Common.PeriodOf(result, b) : null,
                Language = pr.GetValue(language),
                Fingerprint = result.DefinitionFingerprint,
                DataSource = source,
                Data = panel,
                Notes = pr.GetValue(notes),
                Sensitivity = sens,
                ElementRemoval = removal,
                IncludeAudit = !pr.GetValue(noAudit),
                Generator = "compindex " + Version,
                Map = map,
                Interactive = !pr.GetValue(staticPage),
            };
            var html = ctx.Step("Writing the report", () => HtmlReport.Render(result, options));
            ct.ThrowIfCancellationRequested();
            var file = pr.GetValue(output)!;
            OutputFile.WriteText(ctx.Inputs, file.FullName, w => w.Write(html));
            ctx.Error.WriteLine($"Wrote {file.FullName} ({html.Length / 1024} KiB)");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Reads --geo and --geo-key (the keys are checked before the data are evaluated).</summary>
    private static ReportMap? ReadMap(FileInfo? file, string[] keys)
    {
        if (file is null)
        {
            return keys.Length == 0 ? null : throw new UsageException("--geo-key needs --geo <file.geojson>.");
        }

        if (keys.Length == 0)
        {
            throw new UsageException("--geo needs at least one --geo-key (e.g. --geo-key ISO_A3, or --geo-key name_eng=name to match unit names).");
        }

        ImmutableArray<MapKey> parsed;
        try
        {
            parsed = [.. keys.Select(MapKey.Parse)];
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--geo-key: " + e.Message.Split(" (Parameter", 2)[0]);
        }

        return new ReportMap(GeoShapes.Load(file.FullName), parsed);
    }

    /// <summary>Gets the tool's version (without the source revision).</summary>
    internal static string Version
    {
        get
        {
            var v = typeof(ReportCommand).Assembly.GetName().Version;
            return v is null ? "0" : $"{v.Major}.{v.Minor}.{v.Build}";
        }
    }
}
