namespace CompositeIndex;

/// <summary>
/// Reads data published as one CSV file per indicator, each a table with a row per unit and a column per period
/// (<c>ISO3,Name,1995,1996,…</c>): ND-GAIN's per-indicator files, World Bank WDI and many statistical office downloads.
/// </summary>
/// <remarks>
/// <para>Each file is read with the wide reader (<see cref="Panel.ReadWideCsv(string, CsvOptions?, CancellationToken)"/>)
/// and the same <see cref="CsvOptions"/>: <see cref="CsvOptions.UnitColumn"/> names the unit column,
/// <see cref="CsvOptions.UnitNameColumn"/> and <see cref="CsvOptions.AttributeColumns"/> are read as usual, and every
/// other column is a period, named by its header. Cells follow the wide reader's rules (empty cells and
/// <see cref="CsvOptions.MissingTokens"/> are missing; encodings, separators and decimal commas as set; a malformed
/// cell is a <see cref="IndexDataException"/> naming the file, line and column). The panel holds every unit of every file
/// (units missing from one file are missing for that indicator) and the union of the periods.</para>
/// <para>On the command line: <c>--data 'folder/{indicator}/raw.csv'</c> reads one such file per indicator of the
/// definition. Stateless and thread-safe.</para>
/// </remarks>
public static class PeriodColumnsCsv
{
    private const string FilePeriod = "(all period columns)";

    /// <summary>Reads one file per indicator into a panel.</summary>
    /// <param name="files">The indicator id and the path of its file, in the order the indicators should appear.</param>
    /// <param name="options">The reading options; <see cref="CsvOptions.PeriodColumn"/>, <see cref="CsvOptions.DefaultPeriod"/> and <see cref="CsvOptions.IndicatorColumns"/> do not apply.</param>
    /// <param name="cancellationToken">Stops the read (checked at every record).</param>
    /// <returns>The panel: units × periods × the given indicators.</returns>
    /// <exception cref="ArgumentException">An indicator is given twice.</exception>
    /// <exception cref="IndexDataException">A file is missing or malformed (the message names the file, line and column).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel Read(IEnumerable<KeyValuePair<string, string>> files, CsvOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var perFile = options with
        {
            // A period label is a column header; the file has no period column and one period stands for "this file"
            // (its label appears in the reader's messages, e.g. a unit given on two rows).
            PeriodColumn = "\u0000no period column",
            DefaultPeriod = FilePeriod,
            IndicatorColumns = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty,
        };
        var builder = new PanelBuilder();
        var units = new HashSet<string>(StringComparer.Ordinal);
        var indicators = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (indicator, path) in files)
        {
            if (!indicators.Add(indicator))
            {
                throw new ArgumentException($"Indicator '{indicator}' is given twice.", nameof(files));
            }

            if (!File.Exists(path))
            {
                throw new IndexDataException($"The file of indicator '{indicator}' does not exist.", path);
            }

            var table = Panel.ReadWideCsv(path, perFile, cancellationToken);
            builder.AddIndicator(indicator);
            foreach (var unit in table.UnitInfo)
            {
                if (units.Add(unit.Id))
                {
                    builder.AddUnit(unit);
                }
            }

            foreach (var period in table.Indicators)
            {
                builder.AddPeriod(period);
                foreach (var unit in table.Units)
                {
                    var v = table.GetValue(period, unit, FilePeriod);
                    if (!double.IsNaN(v))
                    {
                        builder.AddValue(indicator, unit, period, v);
                    }
                }
            }
        }

        return builder.Build();
    }
}
