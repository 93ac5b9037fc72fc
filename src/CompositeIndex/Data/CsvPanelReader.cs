using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>
/// Reads long and wide tables into panels (see <see cref="CsvOptions"/>): CSV files and, through
/// <see cref="TableSource"/>, spreadsheet sheets (the CompositeIndex.Excel package), with one set of rules.
/// </summary>
internal static class CsvPanelReader
{
    public static Panel ReadLong(TextReader reader, string source, CsvOptions options, CancellationToken cancellationToken = default) =>
        ReadLong(new CsvTableSource(reader, source, options.Separator), options, cancellationToken);

    public static Panel ReadWide(TextReader reader, string source, CsvOptions options, CancellationToken cancellationToken = default) =>
        ReadWide(new CsvTableSource(reader, source, options.Separator), options, cancellationToken);

    /// <summary>Reads a long table: one record per unit, period and indicator.</summary>
    public static Panel ReadLong(TableSource csv, CsvOptions options, CancellationToken cancellationToken = default)
    {
        var table = StartLong(csv, options);
        table.ReadRecords(cancellationToken);
        return table.Build();
    }

    /// <summary>Reads a wide table: one record per unit and period, a column per indicator.</summary>
    public static Panel ReadWide(TableSource csv, CsvOptions options, CancellationToken cancellationToken = default)
    {
        var table = StartWide(csv, options);
        table.ReadRecords(cancellationToken);
        return table.Build();
    }

    /// <summary>
    /// Starts reading a long table: reads the header, resolves the columns and tells the source which fields will be
    /// read (<see cref="TableSource.Select"/>). A source that is filled in parts (a Parquet file's row groups) calls
    /// <see cref="TableReader.ReadRecords"/> once per part, then <see cref="TableReader.Build"/>.
    /// </summary>
    public static TableReader StartLong(TableSource csv, CsvOptions options) => new LongTableReader(csv, options);

    /// <summary>Starts reading a wide table (see <see cref="StartLong"/>).</summary>
    public static TableReader StartWide(TableSource csv, CsvOptions options) => new WideTableReader(csv, options);

    /// <summary>A table being read into a panel: <see cref="ReadRecords"/> until the source's records end, then <see cref="Build"/>.</summary>
    internal abstract class TableReader
    {
        /// <summary>Reads records until the source's <see cref="TableSource.Read"/> returns <see langword="false"/>.</summary>
        /// <param name="cancellationToken">Checked at every record.</param>
        public abstract void ReadRecords(CancellationToken cancellationToken);

        /// <summary>Builds the panel from every record read.</summary>
        /// <returns>The panel.</returns>
        public abstract Panel Build();
    }

    private sealed class LongTableReader : TableReader
    {
        private readonly TableSource csv;
        private readonly CsvOptions options;
        private readonly int headerCount;
        private readonly int indicatorCol;
        private readonly int valueCol;
        private readonly PanelBuilder builder = new();
        private readonly RecordIds ids;

        public LongTableReader(TableSource csv, CsvOptions options)
        {
            this.csv = csv;
            this.options = options;
            var source = csv.Name;
            CheckOptions(options, source);
            var header = ReadHeader(csv, source);
            headerCount = header.Count;
            var unitCol = Require(header, options.UnitColumn, source, options.Separator);
            var periodCol = OptionalPeriod(header, options, source);
            indicatorCol = Require(header, options.IndicatorColumn, source);
            valueCol = Require(header, options.ValueColumn, source);
            var nameCol = options.UnitNameColumn is null ? -1 : Require(header, options.UnitNameColumn, source);
            var attrCols = options.AttributeColumns.IsDefault ? [] : options.AttributeColumns.Select(a => (a, Require(header, a, source))).ToList();
            csv.Select([unitCol, periodCol, indicatorCol, valueCol, nameCol, .. attrCols.Select(a => a.Item2)]);
            ids = new RecordIds(builder, options, unitCol, nameCol, attrCols, periodCol);
        }

        public override void ReadRecords(CancellationToken cancellationToken)
        {
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.CheckWidth(headerCount);
                var (u, p) = ids.Next(csv);

                var i = builder.IndicatorSlot(IdSpan(csv, indicatorCol, options.IndicatorColumn));
                var value = ParseValue(csv, valueCol, options, options.ValueColumn);
                if (!builder.TrySet(u, p, i, value))
                {
                    throw csv.Error($"Duplicate row: '{builder.IndicatorAt(i)}' for unit '{builder.UnitAt(u)}', period '{builder.PeriodAt(p)}' was already given.");
                }
            }
        }

        public override Panel Build() => builder.Build();
    }

    private sealed class WideTableReader : TableReader
    {
        private readonly TableSource csv;
        private readonly CsvOptions options;
        private readonly List<string> header;
        private readonly List<(int Column, string Indicator)> indicatorCols = [];
        private readonly List<(int Unit, int Period, double Value)>?[]? kept;
        private readonly PanelBuilder builder;
        private readonly int[] slots;
        private readonly List<long> rowLines = [];
        private readonly RecordIds ids;

        public WideTableReader(TableSource csv, CsvOptions options)
        {
            this.csv = csv;
            this.options = options;
            var source = csv.Name;
            CheckOptions(options, source);
            header = ReadHeader(csv, source);
            var unitCol = Require(header, options.UnitColumn, source, options.Separator);
            var periodCol = OptionalPeriod(header, options, source);
            var nameCol = options.UnitNameColumn is null ? -1 : Require(header, options.UnitNameColumn, source);
            var attrCols = options.AttributeColumns.IsDefault ? [] : options.AttributeColumns.Select(a => (a, Require(header, a, source))).ToList();
            var reserved = new HashSet<int> { unitCol, periodCol, nameCol };
            foreach (var (_, c) in attrCols)
            {
                reserved.Add(c);
            }

            if (options.IndicatorColumns.IsEmpty)
            {
                for (var c = 0; c < header.Count; c++)
                {
                    if (!reserved.Contains(c) && !options.IgnoreUnmappedColumns)
                    {
                        indicatorCols.Add((c, header[c]));
                    }
                }
            }
            else
            {
                foreach (var (column, indicator) in options.IndicatorColumns)
                {
                    indicatorCols.Add((Require(header, column, source, options.Separator), indicator));
                }
            }

            csv.Select([.. reserved, .. indicatorCols.Select(c => c.Column)]);

            // Skipping text columns: a column is known to be numeric only at the end of the file, so values are kept
            // per column and given to the builder afterwards (columns in file order either way).
            var skipText = options.SkipTextColumns && options.IndicatorColumns.IsEmpty;
            kept = skipText ? indicatorCols.Select(_ => (List<(int Unit, int Period, double Value)>?)[]).ToArray() : null;
            builder = new PanelBuilder { DenseRows = !skipText };
            slots = new int[indicatorCols.Count];
            if (!skipText)
            {
                for (var k = 0; k < indicatorCols.Count; k++)
                {
                    slots[k] = builder.IndicatorSlot(indicatorCols[k].Indicator);
                }
            }

            ids = new RecordIds(builder, options, unitCol, nameCol, attrCols, periodCol);
        }

        public override void ReadRecords(CancellationToken cancellationToken)
        {
            while (csv.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.CheckWidth(header.Count);
                var (u, p) = ids.Next(csv);

                var row = builder.RowSlot(u, p, out var added);
                if (!added)
                {
                    throw csv.Error($"Duplicate row for unit '{builder.UnitAt(u)}', period '{builder.PeriodAt(p)}' (first on {csv.Describe(rowLines[row])}).");
                }

                rowLines.Add(csv.Position);
                for (var k = 0; k < indicatorCols.Count; k++)
                {
                    var column = indicatorCols[k].Column;
                    if (kept is not null && (kept[k] is null || IsText(csv, column, options)))
                    {
                        kept[k] = null; // a text column: left out
                        continue;
                    }

                    var value = ParseValue(csv, column, options, header[column]);
                    if (double.IsNaN(value))
                    {
                        continue;
                    }

                    if (kept is not null)
                    {
                        kept[k]!.Add((u, p, value));
                    }
                    else if (!builder.TrySetInRow(row, slots[k], value))
                    {
                        throw csv.Error($"The value of '{indicatorCols[k].Indicator}' for unit '{builder.UnitAt(u)}', period '{builder.PeriodAt(p)}' is given twice (two columns are mapped to it).");
                    }
                }
            }
        }

        public override Panel Build()
        {
            for (var k = 0; kept is not null && k < kept.Length; k++)
            {
                if (kept[k] is { } values)
                {
                    var slot = builder.IndicatorSlot(indicatorCols[k].Indicator);
                    foreach (var (u, p, value) in values)
                    {
                        builder.TrySet(u, p, slot, value);
                    }
                }
            }

            return builder.Build();
        }
    }

    /// <summary>Gets whether a cell is text: neither a missing token nor a number (an infinity is a number, rejected later).</summary>
    private static bool IsText(TableSource csv, int field, CsvOptions options)
    {
        if (csv.GetKind(field) != CellKind.Text)
        {
            return false; // a number, or an error value (which fails the read unless it is a missing token)
        }

        var t = csv.GetSpan(field).Trim();
        return !IsMissing(t, options) && !TryParseNumber(t, options, out _);
    }

    private static bool IsMissing(ReadOnlySpan<char> t, CsvOptions options)
    {
        foreach (var token in options.MissingTokens)
        {
            if (t.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckOptions(CsvOptions options, string source)
    {
        if (options.DecimalComma && options.Separator == ',')
        {
            throw new IndexDataException("A decimal comma needs a field separator other than a comma (e.g. ';'): with both, '1,5' would be ambiguous.", source);
        }
    }

    /// <summary>Parses a number in the invariant culture, or with a decimal comma when <see cref="CsvOptions.DecimalComma"/> is set (a dot is then not a number).</summary>
    private static bool TryParseNumber(ReadOnlySpan<char> t, CsvOptions options, out double value)
    {
        if (DecimalText.TryParse(t, options.DecimalComma ? ',' : '.', out value))
        {
            return true; // the same bits as the general parser below, without its set-up
        }

        if (options.DecimalComma)
        {
            value = double.NaN;
            if (t.Contains('.') || t.Count(',') > 1)
            {
                return false;
            }

            Span<char> copy = t.Length <= 128 ? stackalloc char[t.Length] : new char[t.Length];
            t.CopyTo(copy);
            copy.Replace(',', '.');
            return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A hint for a header read as one column that holds another common separator: "looks semicolon-separated".</summary>
    internal static string SeparatorHint(IReadOnlyList<string> header, char separator)
    {
        if (header.Count != 1)
        {
            return string.Empty;
        }

        foreach (var (c, name, arg) in new[] { (';', "semicolon", "';'"), ('\t', "tab", "tab"), ('|', "pipe", "'|'"), (',', "comma", "','") })
        {
            if (c != separator && header[0].Contains(c, StringComparison.Ordinal))
            {
                return $" The file looks {name}-separated: pass --separator {arg} to compindex, or set CsvOptions.Separator.";
            }
        }

        return string.Empty;
    }

    /// <summary>Finds the unit of the current record; on its first record, declares it with its name and attributes.</summary>
    private static int UnitOf(PanelBuilder builder, TableSource row, int unitCol, string column, int nameCol, List<(string Name, int Column)> attrCols)
    {
        var u = builder.UnitSlot(IdSpan(row, unitCol, column), out var added);
        if (!added || (nameCol < 0 && attrCols.Count == 0))
        {
            return u;
        }

        var attrs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, c) in attrCols)
        {
            attrs[name] = row.GetString(c);
        }

        var display = nameCol >= 0 ? row.GetString(nameCol) : string.Empty;
        builder.SetUnit(u, new UnitInfo(builder.UnitAt(u), display.Length > 0 ? display : null) { Attributes = attrs.ToImmutable() });
        return u;
    }

    private static List<string> ReadHeader(TableSource csv, string source)
    {
        if (!csv.Read())
        {
            throw new IndexDataException("The file is empty: a header row is needed.", source, 1);
        }

        var header = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            header.Add(csv.GetString(i));
        }

        for (var i = 0; i < header.Count; i++)
        {
            header[i] = UnicodeText.Nfc(header[i]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (header.Count > 0 && header[0].StartsWith('\uFEFF'))
        {
            header[0] = header[0][1..]; // a byte-order mark left by a reader that did not strip it
        }

        for (var i = 0; i < header.Count; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0)
            {
                throw csv.Error($"Header column {i + 1} has no name.", i);
            }

            if (!seen.Add(header[i]))
            {
                throw csv.Error($"The header names column '{header[i]}' twice.", i, header[i]);
            }
        }

        return header;
    }

    private static int Require(List<string> header, string column, string source, char separator = '\0')
    {
        var i = header.IndexOf(UnicodeText.Nfc(column));
        if (i < 0)
        {
            throw new IndexDataException($"The header has no column '{column}' (columns: {string.Join(", ", header)}).{SeparatorHint(header, separator)}", source, 1, column);
        }

        return i;
    }

    private static int OptionalPeriod(List<string> header, CsvOptions options, string source)
    {
        var i = header.IndexOf(UnicodeText.Nfc(options.PeriodColumn));
        if (i < 0 && options.DefaultPeriod is null)
        {
            throw new IndexDataException($"The header has no column '{options.PeriodColumn}' and no default period is set (columns: {string.Join(", ", header)}).{SeparatorHint(header, options.Separator)}", source, 1, options.PeriodColumn);
        }

        return i;
    }

    /// <summary>Gets an id field, trimmed (not yet in Unicode form C: the builder's slot look-ups normalise).</summary>
    private static ReadOnlySpan<char> IdSpan(TableSource csv, int field, string column)
    {
        var id = csv.GetSpan(field).Trim();
        if (id.Length == 0)
        {
            throw csv.Error("The id is empty.", field, column);
        }

        if (csv.GetKind(field) == CellKind.Error)
        {
            throw csv.Error($"The cell holds the error value {id}, not an id.", field, column);
        }

        return id;
    }

    /// <summary>A record's unit and period slots (a new unit added with its name and attributes), the previous record's reused.</summary>
    private sealed class RecordIds(PanelBuilder builder, CsvOptions options, int unitCol, int nameCol, List<(string Name, int Column)> attrCols, int periodCol)
    {
        private readonly int defaultPeriod = periodCol >= 0 ? -1 : builder.PeriodSlot(options.DefaultPeriod!);
        private LastId lastUnit;
        private LastId lastPeriod;

        public (int Unit, int Period) Next(TableSource csv)
        {
            if (!lastUnit.TryGet(csv, unitCol, out var u))
            {
                u = UnitOf(builder, csv, unitCol, options.UnitColumn, nameCol, attrCols);
                lastUnit.Set(csv, unitCol, u);
            }

            var p = defaultPeriod;
            if (periodCol >= 0 && !lastPeriod.TryGet(csv, periodCol, out p))
            {
                p = builder.PeriodSlot(IdSpan(csv, periodCol, options.PeriodColumn));
                lastPeriod.Set(csv, periodCol, p);
            }

            return (u, p);
        }
    }

    /// <summary>
    /// The previous record's id text and slot. Long files list a unit's (and a period's) rows together, so most records
    /// need no dictionary look-up; the text is compared as read (before trimming and normalisation), so a hit gives the
    /// slot the look-up would. Spreadsheet number and error cells are never cached.
    /// </summary>
    private struct LastId
    {
        private string? text;
        private int slot;

        public readonly bool TryGet(TableSource csv, int field, out int found)
        {
            found = slot;
            return text is not null && csv.GetKind(field) == CellKind.Text && csv.GetSpan(field).SequenceEqual(text);
        }

        public void Set(TableSource csv, int field, int found) =>
            (text, slot) = csv.GetKind(field) == CellKind.Text ? (csv.GetString(field), found) : (null, -1);
    }

    private static double ParseValue(TableSource csv, int field, CsvOptions options, string column)
    {
        var kind = csv.GetKind(field);
        if (kind == CellKind.Number)
        {
            var number = csv.GetNumber(field);
            return double.IsFinite(number) ? number : throw csv.Error($"'{number}' is not a finite number.", field, column);
        }

        var t = csv.GetSpan(field).Trim();
        if (IsMissing(t, options))
        {
            return double.NaN;
        }

        if (kind == CellKind.Error)
        {
            throw csv.Error($"The cell holds the error value {t}. Leave the cell empty for a missing value, or name {t} as a missing token (--missing, CsvOptions.MissingTokens).", field, column);
        }

        if (!TryParseNumber(t, options, out var value))
        {
            var hint = options.DecimalComma
                ? (t.Contains('.') ? " (with a decimal comma a dot is not accepted: thousands separators are not read)" : string.Empty)
                : t.Contains(',') ? " (decimal commas and thousands separators are not accepted: use a dot and no grouping, or --decimal-comma with another separator)" : string.Empty;
            throw csv.Error($"'{Truncate(t)}' is not a number{hint}.", field, column);
        }

        if (!double.IsFinite(value))
        {
            throw csv.Error($"'{Truncate(t)}' is not a finite number.", field, column);
        }

        return value;
    }

    private static string Truncate(ReadOnlySpan<char> s) => s.Length <= 40 ? new string(s) : string.Concat(s[..40], "…");
}
