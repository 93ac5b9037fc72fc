using System.Collections.Immutable;
using System.CommandLine;
using CompositeIndex.Excel;
using CompositeIndex.Parquet;

namespace CompositeIndex.Cli;

/// <summary>The options that say how to read a data file (one instance per command).</summary>
internal sealed class DataOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="optional">Whether --data may be left out (commands that also work from a saved result: report, explain, audit).</param>
    public DataOptions(bool optional = false)
    {
        Data = new("--data", "-d")
        {
            Description = optional
                ? "The data file: CSV, an Excel workbook (.xlsx, .xlsm; see --sheet) or an Apache Parquet file (.parquet). Wide by default: unit,period,<indicator columns>; see --long. A path with {indicator} reads one CSV per indicator, a row per unit and a column per period. Optional with a saved result."
                : "The data file: CSV, an Excel workbook (.xlsx, .xlsm; see --sheet) or an Apache Parquet file (.parquet). Wide by default: unit,period,<indicator columns>; see --long. A path with {indicator} reads one CSV per indicator, a row per unit and a column per period.",
            Required = !optional,
        };
    }

    public Option<FileInfo> Data { get; }

    public Option<string?> Sheet { get; } = new("--sheet")
    {
        Description = "Excel data files: the sheet to read, by name or 1-based number. Default: the first sheet.",
    };

    /// <summary>The placeholder of a --data path that names one file per indicator.</summary>
    private const string PerIndicator = "{indicator}";

    public Option<bool> Long { get; } = new("--long")
    {
        Description = "The data file is long: one row per unit, period and indicator (unit,period,indicator,value).",
    };

    public Option<string> UnitColumn { get; } = new("--unit-column")
    {
        Description = "The column holding unit ids.",
        DefaultValueFactory = _ => "unit",
    };

    public Option<string> PeriodColumn { get; } = new("--period-column")
    {
        Description = "The column holding periods.",
        DefaultValueFactory = _ => "period",
    };

    public Option<string?> DefaultPeriod { get; } = new("--default-period")
    {
        Description = "The period of every row when the file has no period column.",
    };

    public Option<string?> NameColumn { get; } = new("--name-column")
    {
        Description = "The column holding unit display names (default: 'name' when the file has such a column).",
    };

    public Option<string> IndicatorColumn { get; } = new("--indicator-column")
    {
        Description = "Long files: the column holding indicator ids.",
        DefaultValueFactory = _ => "indicator",
    };

    public Option<string> ValueColumn { get; } = new("--value-column")
    {
        Description = "Long files: the column holding values.",
        DefaultValueFactory = _ => "value",
    };

    public Option<string[]> Map { get; } = new("--map")
    {
        Description = "Wide files: read column COLUMN as indicator INDICATOR (COLUMN=INDICATOR; repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Attribute { get; } = new("--attribute")
    {
        Description = "Wide files: read COLUMN as a unit attribute (e.g. a region), not an indicator (repeatable).",
    };

    public Option<string?> Separator { get; } = new("--separator")
    {
        Description = "The field separator (one character; 'tab' for a tab). Default: comma.",
    };

    public Option<string?> Encoding { get; } = new("--encoding")
    {
        Description = $"The text encoding of the data file (default: UTF-8, strict; a byte-order mark wins). E.g. {CsvEncodings.Examples}.",
    };

    public Option<string[]> Missing { get; } = new("--missing")
    {
        Description = "The texts that mean a missing value, comma-separated (e.g. --missing n/a,..); they replace the defaults NA, NaN, .. and -. An empty cell is always missing.",
    };

    public Option<bool> DecimalComma { get; } = new("--decimal-comma")
    {
        Description = "Numbers use a decimal comma (3,5). Needs another --separator (e.g. ';'); a number holding a dot is then an error.",
    };

    public void AddTo(Command command, bool withMap = true)
    {
        foreach (var o in new Option[] { Data, Sheet, Long, UnitColumn, PeriodColumn, DefaultPeriod, NameColumn, IndicatorColumn, ValueColumn, Map, Attribute, Separator, Encoding, Missing, DecimalComma })
        {
            if (withMap || o != Map)
            {
                command.Options.Add(o);
            }
        }
    }

    /// <summary>
    /// Reads every indicator of the data file, with no definition: long files, every indicator named in the indicator
    /// column; wide files, every numeric column other than the unit, period, name and attribute columns (text columns
    /// are left out; see <see cref="CsvOptions.SkipTextColumns"/>).
    /// </summary>
    /// <returns>The panel, the file name and the header of the file.</returns>
    /// <exception cref="IndexDataException">The file does not exist, cannot be read or is malformed (with its line).</exception>
    /// <exception cref="UsageException">An option is malformed.</exception>
    public (Panel Panel, string Source, IReadOnlyList<string> Header) LoadAll(ParseResult pr, CliContext ctx, CancellationToken ct = default)
    {
        var file = pr.GetValue(Data)!;
        var separator = ParseSeparator(pr.GetValue(Separator));
        if (!file.Exists)
        {
            throw new IndexDataException("The file does not exist.", file.FullName);
        }

        var header = ReadHeader(pr, file.FullName, CsvOptionsOf(pr, separator));
        var options = CsvOptionsOf(pr, separator) with
        {
            UnitNameColumn = NameColumnOf(pr, header),
            AttributeColumns = [.. pr.GetValue(Attribute) ?? []],
            SkipTextColumns = true,
        };
        var panel = ctx.Step("Reading data", () => Read(pr, file, options, ct));
        WarnAbout(panel, file.Name, ctx);
        return (panel, file.Name, header);
    }

    /// <summary>Gets the options that say how the data file was read, as they would be typed again (for a follow-up command line).</summary>
    public string Describe(ParseResult pr)
    {
        var parts = new List<string> { "--data", Quote(pr.GetValue(Data)!.ToString()) };
        if (pr.GetValue(Sheet) is { } sheet)
        {
            parts.AddRange([Sheet.Name, Quote(sheet)]);
        }

        if (pr.GetValue(Long))
        {
            parts.Add("--long");
        }

        void Add(Option<string> option, string defaultValue)
        {
            if (pr.GetValue(option) is { } v && v != defaultValue)
            {
                parts.AddRange([option.Name, Quote(v)]);
            }
        }

        void AddOptional(Option<string?> option)
        {
            if (pr.GetValue(option) is { } v)
            {
                parts.AddRange([option.Name, Quote(v)]);
            }
        }

        Add(UnitColumn, "unit");
        Add(PeriodColumn, "period");
        AddOptional(DefaultPeriod);
        AddOptional(NameColumn);
        Add(IndicatorColumn, "indicator");
        Add(ValueColumn, "value");
        AddOptional(Separator);
        AddOptional(Encoding);
        if (pr.GetValue(Missing) is { Length: > 0 } missing)
        {
            parts.AddRange([Missing.Name, Quote(string.Join(',', missing))]);
        }

        if (pr.GetValue(DecimalComma))
        {
            parts.Add(DecimalComma.Name);
        }

        return string.Join(' ', parts);
    }

    /// <summary>The CSV options every data-reading command shares: unit, period, indicator and value columns, default period, separator, encoding, missing tokens, decimal comma.</summary>
    private CsvOptions CsvOptionsOf(ParseResult pr, char separator)
    {
        var options = new CsvOptions
        {
            UnitColumn = pr.GetValue(UnitColumn)!,
            PeriodColumn = pr.GetValue(PeriodColumn)!,
            DefaultPeriod = pr.GetValue(DefaultPeriod),
            IndicatorColumn = pr.GetValue(IndicatorColumn)!,
            ValueColumn = pr.GetValue(ValueColumn)!,
            Separator = separator,
            DecimalComma = pr.GetValue(DecimalComma),
        };
        if (pr.GetValue(Encoding) is { } name)
        {
            try
            {
                options = options with { Encoding = CsvEncodings.Get(name) };
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--encoding: {ex.Message.Split(" (Parameter", 2)[0]}");
            }
        }

        if (pr.GetValue(Missing) is { Length: > 0 } missing)
        {
            options = options with { MissingTokens = ["", .. missing.SelectMany(m => m.Split(',')).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)] };
        }

        if (options.DecimalComma && separator == ',')
        {
            throw new UsageException("--decimal-comma needs another --separator (e.g. --separator ';'): with commas for both, '1,5' would be ambiguous.");
        }

        return options;
    }

    private static string Quote(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':') ? s : "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Reads the data. Wide files: the definition's indicators are read from the columns of the same name (or as mapped), other columns are ignored.</summary>
    /// <param name="pr">The parsed command line.</param>
    /// <param name="definition">The definition (its columns are read).</param>
    /// <param name="ctx">The invocation.</param>
    /// <param name="extraColumns">Wide files: further columns to read as variables (e.g. denominators for the audit).</param>
    /// <exception cref="IndexDataException">The file cannot be read or is malformed.</exception>
    /// <exception cref="UsageException">An option is malformed.</exception>
    /// <param name="ct">Stops the read (checked at every record).</param>
    public (Panel Panel, string Source) Load(ParseResult pr, IndexDefinition definition, CliContext ctx, IEnumerable<string>? extraColumns = null, CancellationToken ct = default)
    {
        var file = pr.GetValue(Data)!;
        var separator = ParseSeparator(pr.GetValue(Separator));
        var options = CsvOptionsOf(pr, separator);
        if (file.ToString().Contains(PerIndicator, StringComparison.Ordinal))
        {
            // One file per indicator of the definition, each with a row per unit and a column per period (PeriodColumnsCsv).
            var pattern = file.ToString();
            var files = definition.Indicators.Select(i => new KeyValuePair<string, string>(i.Id, pattern.Replace(PerIndicator, i.Id, StringComparison.Ordinal))).ToList();
            options = options with { UnitNameColumn = pr.GetValue(NameColumn), AttributeColumns = [.. pr.GetValue(Attribute) ?? []] };
            var panel = ctx.Step("Reading data", () => PeriodColumnsCsv.Read(files, options, ct));
            WarnAbout(panel, Path.GetFileName(pattern), ctx);
            return (panel, pattern);
        }

        if (!file.Exists)
        {
            throw new IndexDataException("The file does not exist.", file.FullName);
        }

        if (pr.GetValue(Long))
        {
            var header = ReadHeader(pr, file.FullName, options);
            options = options with { UnitNameColumn = NameColumnOf(pr, header) };
            var panel = ctx.Step("Reading data", () => Read(pr, file, options, ct));
            WarnAbout(panel, file.Name, ctx);
            return (panel, file.Name);
        }
        else
        {
            var header = ReadHeader(pr, file.FullName, options);
            var userMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var m in pr.GetValue(Map) ?? [])
            {
                var eq = m.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == m.Length - 1)
                {
                    throw new UsageException($"--map expects COLUMN=INDICATOR, got '{m}'.");
                }

                userMap[m[..eq].Trim()] = m[(eq + 1)..].Trim();
            }

            // Every column the definition reads (indicators, variant columns, adjustment factors, output columns),
            // each from the column of the same name unless --map names another column for it.
            var required = new CsvOptions().ForDefinition(definition);
            var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (column, indicator) in required.IndicatorColumns)
            {
                if (!userMap.ContainsValue(indicator))
                {
                    map[column] = indicator;
                }
            }

            foreach (var column in extraColumns ?? [])
            {
                if (!userMap.ContainsValue(column))
                {
                    map[column] = column;
                }
            }

            foreach (var (column, indicator) in userMap)
            {
                map[column] = indicator;
            }

            var attributes = (pr.GetValue(Attribute) ?? []).Concat(required.AttributeColumns).Distinct(StringComparer.Ordinal).ToList();
            var nameColumn = NameColumnOf(pr, header);
            var ignored = header.Where(h => !map.ContainsKey(h) && h != options.UnitColumn && h != options.PeriodColumn && h != nameColumn && !attributes.Contains(h)).ToList();
            if (ignored.Count > 0)
            {
                ctx.Info($"Ignoring columns that the definition '{definition.Id}' does not read: {string.Join(", ", ignored)}");
            }

            var absent = map.Keys.Where(c => !header.Contains(c)).ToList();
            if (absent.Count > 0)
            {
                throw new IndexDataException(
                    $"The file lacks {absent.Count} column(s) the definition '{definition.Id}' reads: {string.Join(", ", absent.Take(20).Select(c => $"'{c}'"))}{(absent.Count > 20 ? ", ..." : string.Empty)} (use --map COLUMN=INDICATOR for columns named differently, or --long).{SeparatorHint(header, separator)}",
                    file.Name,
                    1);
            }

            options = options with
            {
                UnitNameColumn = nameColumn,
                AttributeColumns = [.. attributes],
                IndicatorColumns = map.ToImmutable(),
                IgnoreUnmappedColumns = true,
            };
            var panel = ctx.Step("Reading data", () => Read(pr, file, options, ct));
            WarnAbout(panel, file.Name, ctx);
            return (panel, file.Name);
        }
    }

    /// <summary>Gets whether a data file is an Excel workbook (by its extension).</summary>
    public static bool IsExcel(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".xlsx" or ".xlsm";

    /// <summary>Gets whether a data file is an Apache Parquet file (by its extension).</summary>
    public static bool IsParquet(string path) =>
        Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the panel: CSV, an Excel sheet or a Parquet file, long or wide as --long says, stopping when <paramref name="ct"/> is cancelled.</summary>
    private Panel Read(ParseResult pr, FileInfo file, CsvOptions options, CancellationToken ct)
    {
        var isLong = pr.GetValue(Long);
        if (IsExcel(file.FullName))
        {
            var sheet = SheetOf(pr);
            return isLong ? ExcelPanel.ReadLong(file.FullName, sheet, options, ct) : ExcelPanel.ReadWide(file.FullName, sheet, options, ct);
        }

        if (pr.GetValue(Sheet) is not null)
        {
            throw new UsageException($"--sheet applies to Excel workbooks (.xlsx, .xlsm); {file.Name} is read as {(IsParquet(file.FullName) ? "Parquet" : "CSV")}.");
        }

        if (IsParquet(file.FullName))
        {
            return ReadParquet(file.FullName, isLong, options, ct);
        }

        return isLong ? Panel.ReadLongCsv(file.FullName, options, ct) : Panel.ReadWideCsv(file.FullName, options, ct);
    }

    /// <summary>
    /// Reads a Parquet file. Parquet.Net is asynchronous only; a console application has no synchronisation context to
    /// block. Kept out of <see cref="Read"/> (not inlined) so that reading CSV never loads the Parquet assemblies.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Panel ReadParquet(string path, bool isLong, CsvOptions options, CancellationToken ct) =>
        (isLong ? ParquetPanel.ReadLongAsync(path, options, ct) : ParquetPanel.ReadWideAsync(path, options, ct)).GetAwaiter().GetResult();

    /// <summary>Reads a Parquet file's column names (see <see cref="ReadParquet"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<string> ReadParquetHeader(string path) =>
        [.. ParquetPanel.ReadHeaderAsync(path, CancellationToken.None).GetAwaiter().GetResult()];

    private ExcelSheet? SheetOf(ParseResult pr) => pr.GetValue(Sheet) is { Length: > 0 } s ? ExcelSheet.FromText(s) : null;

    private static void WarnAbout(Panel panel, string source, CliContext ctx)
    {
        foreach (var w in panel.Warnings)
        {
            ctx.Warn($"{source}: {w}");
        }
    }

    private string? NameColumnOf(ParseResult pr, IReadOnlyList<string> header) =>
        pr.GetValue(NameColumn) ?? (header.Contains("name") ? "name" : null);

    private static char ParseSeparator(string? s) => s switch
    {
        null or "" => ',',
        "tab" or "\\t" => '\t',
        { Length: 1 } => s[0],
        _ => throw new UsageException($"--separator must be one character or 'tab', got '{s}'."),
    };

    /// <summary>Reads the header row with the panel reader's RFC 4180 tokenizer (quoted names may hold the separator, quotes and line breaks), trimmed as the reader trims it, names in Unicode form C as the reader stores them.</summary>
    private List<string> ReadHeader(ParseResult pr, string path, CsvOptions options)
    {
        if (IsExcel(path))
        {
            return [.. ExcelPanel.ReadHeader(path, SheetOf(pr))];
        }

        if (IsParquet(path))
        {
            return ReadParquetHeader(path);
        }

        List<string> header;
        try
        {
            // Lenient decoding here (the reader decodes strictly): bytes further down the first block must not fail the header.
            using var reader = new StreamReader(path, options.Encoding ?? new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            var fields = new CsvTokenizer(reader, path, options.Separator).ReadRecord() ?? [];
            header = [.. fields.Select(f => PanelBuilder.NormalizeId(f.Trim()))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }

        if (header.Any(h => h.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            // The header itself does not decode: the reader fails on it with the line and the likely encoding.
            _ = Panel.ReadWideCsv(path, options with { IndicatorColumns = ImmutableSortedDictionary<string, string>.Empty, AttributeColumns = [], UnitNameColumn = null });
        }

        return header;
    }

    /// <summary>For a header that split into one column but holds a common separator: "looks semicolon-separated: pass --separator ';'".</summary>
    private static string SeparatorHint(List<string> header, char separator)
    {
        if (header.Count != 1)
        {
            return string.Empty;
        }

        foreach (var (c, name, arg) in new[] { (';', "semicolon", "';'"), ('\t', "tab", "tab"), ('|', "pipe", "'|'"), (',', "comma", "','") })
        {
            if (c != separator && header[0].Contains(c, StringComparison.Ordinal))
            {
                return $" The file looks {name}-separated: pass --separator {arg}.";
            }
        }

        return string.Empty;
    }
}

/// <summary>A usage problem found after parsing (a malformed option value): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
