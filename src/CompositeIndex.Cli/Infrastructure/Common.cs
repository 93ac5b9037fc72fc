using System.CommandLine;
using System.Globalization;

namespace CompositeIndex.Cli;

/// <summary>Arguments, options and steps shared by several commands.</summary>
internal static class Common
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Argument<FileInfo> DefinitionArgument() => new("definition") { Description = "The index definition (a JSON file)." };

    public static Option<string?> PeriodOption() => new("--period", "-p") { Description = "The period to show (default: the latest)." };

    public static Option<string?> LanguageOption() => new("--language") { Description = "The language of names (a key of the definition's 'names'), e.g. ko." };

    /// <summary>Loads and validates a definition file.</summary>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    /// <exception cref="DataException">The file cannot be read.</exception>
    public static IndexDefinition LoadDefinition(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new DataException("The definition file does not exist.", file.FullName);
        }

        return DefinitionSource.Load(file.FullName);
    }

    /// <summary>Loads the definition and data named on the command line and evaluates the index.</summary>
    public static (IndexDefinition Definition, Panel Panel, string Source, IndexResult Result) Evaluate(ParseResult pr, Argument<FileInfo> definitionArg, DataOptions data, CliContext ctx, CancellationToken ct, IEnumerable<string>? extraColumns = null)
    {
        var definition = LoadDefinition(pr.GetValue(definitionArg)!);
        ct.ThrowIfCancellationRequested();
        var (panel, source) = data.Load(pr, definition, ctx, extraColumns);
        ct.ThrowIfCancellationRequested();
        ctx.Info($"Read {panel.Units.Length} units x {panel.Periods.Length} periods x {panel.Indicators.Length} indicators from {source}.");
        var result = ctx.Step("Computing", () => CompiledIndex.Compile(definition).Evaluate(panel));
        ct.ThrowIfCancellationRequested();
        return (definition, panel, source, result);
    }

    /// <summary>Returns the requested period or the latest; an unknown period is bad input.</summary>
    public static string PeriodOf(IndexResult result, string? period)
    {
        if (period is null)
        {
            return result.Periods[^1];
        }

        return result.Periods.Contains(period)
            ? period
            : throw new DataException($"The data has no period '{period}' (periods: {string.Join(", ", result.Periods)}).");
    }

    /// <summary>Gets the display name of a node.</summary>
    public static string NodeName(IndexDefinition d, string id, string? language) =>
        d.Indicators.FirstOrDefault(i => i.Id == id)?.DisplayName(language)
        ?? d.Groups.FirstOrDefault(g => g.Id == id)?.DisplayName(language)
        ?? id;

    public static string Num(double v, string format = "0.00") => double.IsNaN(v) ? "n/a" : (v == 0 ? 0.0 : v).ToString(format, Inv);

    public static string Signed(double v, string format = "+0.00;-0.00;0.00") => double.IsNaN(v) ? "n/a" : (v == 0 ? 0.0 : v).ToString(format, Inv);
}
