using System.CommandLine;
using System.Globalization;

namespace CompositeIndex.Cli;

/// <summary>Arguments, options and steps shared by several commands.</summary>
internal static class Common
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Argument<FileInfo> DefinitionArgument() => new("definition") { Description = "The index definition (a JSON file)." };

    public static Option<string?> PeriodOption() => new("--period", "-p") { Description = "The period to show (default: the latest)." };

    public static Option<string?> LanguageOption() => new("--language") { Description = "The language of the text and of names (a key of the definition's 'names'): ko gives Korean headings, labels and method sentences; other languages fall back to English text." };

    public static Option<string?> PeriodsOption() => new("--periods") { Description = "The periods the time views cover: a comma-separated list (2022,2023,2024) or a range (2022-2024) of the data's periods (default: every period)." };

    public static Option<string?> BaseOption() => new("--base") { Description = "The base period changes are also measured from (default: the definition's own base period, e.g. 2022 for an index with 2022 = 100)." };

    /// <summary>Parses <c>--periods</c>: a comma-separated list or an inclusive range <c>a-b</c> of the result's periods.</summary>
    /// <exception cref="IndexDataException">A period is not in the data.</exception>
    public static System.Collections.Immutable.ImmutableArray<string> PeriodsOf(IndexResult result, string? periods)
    {
        if (string.IsNullOrWhiteSpace(periods))
        {
            return [];
        }

        var items = periods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 1 && !result.Periods.Contains(items[0]) && items[0].Split('-', StringSplitOptions.TrimEntries) is [var from, var to])
        {
            var a = result.Periods.IndexOf(PeriodOf(result, from));
            var b = result.Periods.IndexOf(PeriodOf(result, to));
            return [.. result.Periods.Skip(Math.Min(a, b)).Take(Math.Abs(b - a) + 1)];
        }

        return [.. items.Select(x => PeriodOf(result, x)).Distinct()];
    }

    /// <summary>Loads and validates a definition file.</summary>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    /// <exception cref="IndexDataException">The file cannot be read.</exception>
    public static IndexDefinition LoadDefinition(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new IndexDataException("The definition file does not exist.", file.FullName);
        }

        return DefinitionSource.Load(file.FullName);
    }

    /// <summary>Loads the definition and data named on the command line and evaluates the index.</summary>
    public static (IndexDefinition Definition, Panel Panel, string Source, IndexResult Result) Evaluate(ParseResult pr, Argument<FileInfo> definitionArg, DataOptions data, CliContext ctx, CancellationToken ct, IEnumerable<string>? extraColumns = null, FrozenParameters? frozen = null)
    {
        var definition = LoadDefinition(pr.GetValue(definitionArg)!);
        ct.ThrowIfCancellationRequested();
        var (panel, source) = data.Load(pr, definition, ctx, extraColumns, ct);
        ct.ThrowIfCancellationRequested();
        ctx.Info($"Read {panel.Units.Length} units x {panel.Periods.Length} periods x {panel.Indicators.Length} indicators from {source}.");
        var result = ctx.Step("Computing", () => frozen is null ? CompiledIndex.Compile(definition).Evaluate(panel, ct) : CompiledIndex.Compile(definition).Evaluate(panel, frozen, ct));
        ct.ThrowIfCancellationRequested();
        return (definition, panel, source, result);
    }

    /// <summary>The <c>--result</c> option: a saved result JSON to explain, report or audit instead of computing (the first argument is then its definition).</summary>
    public static Option<FileInfo?> ResultOption() => new("--result")
    {
        Description = "A saved result (compute --json) to use instead of computing; the first argument is then the definition that produced it. A result file written by this version may also be given as the first argument, without --result.",
    };

    /// <summary>
    /// Gets the result to show: read from a saved result JSON (the first argument when it is one, or <c>--result</c> with
    /// the first argument as its definition) without recomputing, else computed from the definition and <c>--data</c>.
    /// With a saved result, <c>--data</c> is optional (the audit of raw data uses it).
    /// </summary>
    /// <exception cref="IndexDataException">A file cannot be read or is malformed.</exception>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    /// <exception cref="UsageException">Neither a saved result nor --data is given.</exception>
    public static (IndexDefinition Definition, Panel? Panel, string Source, IndexResult Result) EvaluateOrRead(ParseResult pr, Argument<FileInfo> definitionArg, Option<FileInfo?> resultOption, DataOptions data, CliContext ctx, CancellationToken ct, IEnumerable<string>? extraColumns = null)
    {
        var file = pr.GetValue(definitionArg)!;
        var saved = pr.GetValue(resultOption);
        IndexResult result;
        string source;
        if (saved is not null)
        {
            var definition = LoadDefinition(file);
            result = ctx.Step("Reading the result", () => ReadResult(saved, definition));
            source = saved.Name;
        }
        else if (IsResultFile(file))
        {
            result = ctx.Step("Reading the result", () => ReadResult(file, null));
            source = file.Name;
        }
        else
        {
            if (pr.GetValue(data.Data) is null)
            {
                throw new UsageException("--data is required (or give a saved result: the result JSON as the first argument, or --result).");
            }

            var (d, p, s, r) = Evaluate(pr, definitionArg, data, ctx, ct, extraColumns);
            return (d, p, s, r);
        }

        ct.ThrowIfCancellationRequested();
        ctx.Info($"Read the result of {result.Units.Length} units x {result.Periods.Length} periods from {source} (not recomputed).");
        Panel? panel = null;
        if (pr.GetValue(data.Data) is not null)
        {
            (panel, var dataSource) = data.Load(pr, result.Definition, ctx, extraColumns, ct);
            source = $"{dataSource} (scores from {source})";
        }

        return (result.Definition, panel, source, result);
    }

    /// <summary>Whether a file is a saved result JSON (rather than a definition): its first 64 KiB say so.</summary>
    public static bool IsResultFile(FileInfo file)
    {
        if (!file.Exists)
        {
            return false;
        }

        try
        {
            using var stream = file.OpenRead();
            var buffer = new byte[64 * 1024];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Serialization.IndexResultJson.IsResult(buffer.AsSpan(0, n));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IndexResult ReadResult(FileInfo file, IndexDefinition? definition) =>
        file.Exists
            ? Serialization.IndexResultJson.ReadFile(file.FullName, definition)
            : throw new IndexDataException("The result file does not exist.", file.FullName);

    /// <summary>Returns the requested period or the latest; an unknown period is bad input.</summary>
    public static string PeriodOf(IndexResult result, string? period)
    {
        if (period is null)
        {
            return result.Periods[^1];
        }

        return result.Periods.Contains(period)
            ? period
            : throw new IndexDataException($"The data has no period '{period}' (periods: {string.Join(", ", result.Periods)}).");
    }

    /// <summary>Gets the display name of a node.</summary>
    public static string NodeName(IndexDefinition d, string id, string? language) =>
        d.Indicators.FirstOrDefault(i => i.Id == id)?.DisplayName(language)
        ?? d.Groups.FirstOrDefault(g => g.Id == id)?.DisplayName(language)
        ?? id;

    public static string Num(double v, string format = "0.00") => double.IsNaN(v) ? "n/a" : (v == 0 ? 0.0 : v).ToString(format, Inv);

    public static string Signed(double v, string format = "+0.00;-0.00;0.00") => double.IsNaN(v) ? "n/a" : (v == 0 ? 0.0 : v).ToString(format, Inv);
}
