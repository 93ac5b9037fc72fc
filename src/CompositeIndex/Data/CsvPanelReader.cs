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
        var source = csv.Name;
        CheckOptions(options, source);
        var header = ReadHeader(csv, source);
        var unitCol = Require(header, options.UnitColumn, source, options.Separator);
        var periodCol = OptionalPeriod(header, options, source);
        var indicatorCol = Require(header, options.IndicatorColumn, source);
        var valueCol = Require(header, options.ValueColumn, source);
        var nameCol = options.UnitNameColumn is null ? -1 : Require(header, options.UnitNameColumn, source);
        var attrCols = options.AttributeColumns.IsDefault ? [] : options.AttributeColumns.Select(a => (a, Require(header, a, source))).ToList();
        var builder = new PanelBuilder();
        var seenUnits = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.CheckWidth(header.Count);
            var unit = Id(csv, unitCol, options.UnitColumn);
            var period = periodCol >= 0 ? Id(csv, periodCol, options.PeriodColumn) : options.DefaultPeriod!;
            var indicator = Id(csv, indicatorCol, options.IndicatorColumn);
            DeclareUnit(builder, seenUnits, csv, unit, nameCol, attrCols);
            var value = ParseValue(csv, valueCol, options, options.ValueColumn);
            if (builder.Contains(unit, period, indicator))
            {
                throw csv.Error($"Duplicate row: '{indicator}' for unit '{unit}', period '{period}' was already given.");
            }

            builder.Add(unit, period, indicator, value);
        }

        return builder.Build();
    }

    /// <summary>Reads a wide table: one record per unit and period, a column per indicator.</summary>
    public static Panel ReadWide(TableSource csv, CsvOptions options, CancellationToken cancellationToken = default)
    {
        var source = csv.Name;
        CheckOptions(options, source);
        var header = ReadHeader(csv, source);
        var unitCol = Require(header, options.UnitColumn, source, options.Separator);
        var periodCol = OptionalPeriod(header, options, source);
        var nameCol = options.UnitNameColumn is null ? -1 : Require(header, options.UnitNameColumn, source);
        var attrCols = options.AttributeColumns.IsDefault ? [] : options.AttributeColumns.Select(a => (a, Require(header, a, source))).ToList();
        var reserved = new HashSet<int> { unitCol, periodCol, nameCol };
        foreach (var (_, c) in attrCols)
        {
            reserved.Add(c);
        }

        var indicatorCols = new List<(int Column, string Indicator)>();
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

        // Skipping text columns: a column is known to be numeric only at the end of the file, so values are kept
        // per column and given to the builder afterwards (columns in file order either way).
        var skipText = options.SkipTextColumns && options.IndicatorColumns.IsEmpty;
        var kept = skipText ? indicatorCols.Select(_ => (List<(string Unit, string Period, double Value)>?)[]).ToArray() : null;
        var builder = new PanelBuilder();
        if (!skipText)
        {
            foreach (var (_, indicator) in indicatorCols)
            {
                builder.AddIndicator(indicator);
            }
        }

        var seenUnits = new HashSet<string>(StringComparer.Ordinal);
        var seenRows = new Dictionary<(string, string), long>();
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.CheckWidth(header.Count);
            var unit = Id(csv, unitCol, options.UnitColumn);
            var period = periodCol >= 0 ? Id(csv, periodCol, options.PeriodColumn) : options.DefaultPeriod!;
            if (!seenRows.TryAdd((unit, period), csv.Position))
            {
                throw csv.Error($"Duplicate row for unit '{unit}', period '{period}' (first on {csv.Describe(seenRows[(unit, period)])}).");
            }

            DeclareUnit(builder, seenUnits, csv, unit, nameCol, attrCols);
            builder.AddPeriod(period);
            for (var k = 0; k < indicatorCols.Count; k++)
            {
                var (column, indicator) = indicatorCols[k];
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
                    kept[k]!.Add((unit, period, value));
                }
                else
                {
                    builder.Add(unit, period, indicator, value);
                }
            }
        }

        for (var k = 0; kept is not null && k < kept.Length; k++)
        {
            if (kept[k] is { } values)
            {
                var indicator = indicatorCols[k].Indicator;
                builder.AddIndicator(indicator);
                foreach (var (unit, period, value) in values)
                {
                    builder.Add(unit, period, indicator, value);
                }
            }
        }

        return builder.Build();
    }

    /// <summary>Gets whether a cell is text: neither a missing token nor a number (an infinity is a number, rejected later).</summary>
    private static bool IsText(TableSource csv, int field, CsvOptions options)
    {
        if (csv.GetKind(field) != CellKind.Text)
        {
            return false; // a number, or an error value (which fails the read unless it is a missing token)
        }

        var t = csv.GetString(field).Trim();
        return !options.MissingTokens.Contains(t) && !TryParseNumber(t, options, out _);
    }

    private static void CheckOptions(CsvOptions options, string source)
    {
        if (options.DecimalComma && options.Separator == ',')
        {
            throw new DataException("A decimal comma needs a field separator other than a comma (e.g. ';'): with both, '1,5' would be ambiguous.", source);
        }
    }

    /// <summary>Parses a number in the invariant culture, or with a decimal comma when <see cref="CsvOptions.DecimalComma"/> is set (a dot is then not a number).</summary>
    private static bool TryParseNumber(string t, CsvOptions options, out double value)
    {
        if (options.DecimalComma)
        {
            value = double.NaN;
            return !t.Contains('.', StringComparison.Ordinal) && t.Count(c => c == ',') <= 1
                && double.TryParse(t.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
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

    private static void DeclareUnit(PanelBuilder builder, HashSet<string> seen, TableSource row, string unit, int nameCol, List<(string Name, int Column)> attrCols)
    {
        if (!seen.Add(unit))
        {
            return;
        }

        var attrs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, column) in attrCols)
        {
            attrs[name] = row.GetString(column);
        }

        var display = nameCol >= 0 ? row.GetString(nameCol) : string.Empty;
        builder.AddUnit(new UnitInfo(unit, display.Length > 0 ? display : null) { Attributes = attrs.ToImmutable() });
    }

    private static List<string> ReadHeader(TableSource csv, string source)
    {
        if (!csv.Read())
        {
            throw new DataException("The file is empty: a header row is needed.", source, 1);
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
            throw new DataException($"The header has no column '{column}' (columns: {string.Join(", ", header)}).{SeparatorHint(header, separator)}", source, 1, column);
        }

        return i;
    }

    private static int OptionalPeriod(List<string> header, CsvOptions options, string source)
    {
        var i = header.IndexOf(UnicodeText.Nfc(options.PeriodColumn));
        if (i < 0 && options.DefaultPeriod is null)
        {
            throw new DataException($"The header has no column '{options.PeriodColumn}' and no default period is set (columns: {string.Join(", ", header)}).{SeparatorHint(header, options.Separator)}", source, 1, options.PeriodColumn);
        }

        return i;
    }

    private static string Id(TableSource csv, int field, string column)
    {
        var id = csv.GetString(field).Trim();
        if (id.Length == 0)
        {
            throw csv.Error("The id is empty.", field, column);
        }

        if (csv.GetKind(field) == CellKind.Error)
        {
            throw csv.Error($"The cell holds the error value {id}, not an id.", field, column);
        }

        return UnicodeText.Nfc(id);
    }

    private static double ParseValue(TableSource csv, int field, CsvOptions options, string column)
    {
        var kind = csv.GetKind(field);
        if (kind == CellKind.Number)
        {
            var number = csv.GetNumber(field);
            return double.IsFinite(number) ? number : throw csv.Error($"'{number}' is not a finite number.", field, column);
        }

        var t = csv.GetString(field).Trim();
        if (options.MissingTokens.Contains(t))
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
                ? (t.Contains('.', StringComparison.Ordinal) ? " (with a decimal comma a dot is not accepted: thousands separators are not read)" : string.Empty)
                : t.Contains(',', StringComparison.Ordinal) ? " (decimal commas and thousands separators are not accepted: use a dot and no grouping, or --decimal-comma with another separator)" : string.Empty;
            throw csv.Error($"'{Truncate(t)}' is not a number{hint}.", field, column);
        }

        if (!double.IsFinite(value))
        {
            throw csv.Error($"'{Truncate(t)}' is not a finite number.", field, column);
        }

        return value;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
