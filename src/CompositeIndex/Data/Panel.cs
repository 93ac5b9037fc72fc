using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>
/// Panel data: the value of every indicator for every unit and period, dense, with NaN for missing values.
/// </summary>
/// <remarks>
/// <para>Values are stored indicator-major, then period, then unit, so that one indicator in one period is a
/// contiguous span over units (what normalisers and aggregators consume). Infinite values are rejected when the
/// panel is built. Periods are sorted numerically when every period is an integer, otherwise ordinally; units and
/// indicators keep the order in which they first appear.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class Panel
{
    private readonly double[] values;
    private readonly Dictionary<string, int> unitIndex;
    private readonly Dictionary<string, int> indicatorIndex;
    private readonly Dictionary<string, int> periodIndex;

    /// <summary>The unit groupings built so far (see <see cref="GroupsBy"/>): a snapshot replaced whole, never changed in place.</summary>
    private UnitGroups[]? unitGroups;

    internal Panel(ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, ImmutableArray<string> indicators, double[] values, ImmutableArray<string> warnings = default)
    {
        Warnings = warnings.IsDefault ? [] : warnings;
        UnitInfo = units;
        Units = units.Select(u => u.Id).ToImmutableArray();
        Periods = periods;
        Indicators = indicators;
        this.values = values;
        unitIndex = IndexOf(Units);
        indicatorIndex = IndexOf(indicators);
        periodIndex = IndexOf(periods);
    }

    /// <summary>A panel with the periods and variables of <paramref name="axes"/>, the given units (a subset of its units, in its order) and new values; lookups are shared with <paramref name="axes"/> where they are the same (they are never modified).</summary>
    private Panel(Panel axes, ImmutableArray<UnitInfo> units, double[] values)
    {
        var sameUnits = units.Length == axes.UnitInfo.Length;
        Warnings = axes.Warnings;
        UnitInfo = sameUnits ? axes.UnitInfo : units;
        Units = sameUnits ? axes.Units : units.Select(u => u.Id).ToImmutableArray();
        Periods = axes.Periods;
        Indicators = axes.Indicators;
        this.values = values;
        unitIndex = sameUnits ? axes.unitIndex : IndexOf(Units);
        indicatorIndex = axes.indicatorIndex;
        periodIndex = axes.periodIndex;
    }

    /// <summary>Gets the unit ids.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the units with names and attributes, in the order of <see cref="Units"/>.</summary>
    public ImmutableArray<UnitInfo> UnitInfo { get; }

    /// <summary>Gets the periods, sorted.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the indicator ids.</summary>
    public ImmutableArray<string> Indicators { get; }

    /// <summary>
    /// Gets what the panel's builder noticed that did not stop it, one sentence each: e.g. periods that differ only in
    /// leading zeros (<c>2023</c> and <c>02023</c>), which are kept as two periods because periods are compared as
    /// written. Empty when there was nothing to say. The command-line tool prints them.
    /// </summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>Gets the value of an indicator for a unit and period (NaN when missing).</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The value.</returns>
    /// <remarks>The argument order (what, who, when) is that of <see cref="IndexResult.GetScore"/>.</remarks>
    /// <exception cref="UnknownKeyException">The unit, indicator or period is not in the panel.</exception>
    public double GetValue(string indicatorId, string unitId, string period) =>
        values[Offset(Find(indicatorIndex, indicatorId, "indicator"), Find(periodIndex, period, "period")) + Find(unitIndex, unitId, "unit")];

    /// <summary>Gets the values of one indicator in one period, one per unit.</summary>
    /// <param name="indicator">The indicator index in <see cref="Indicators"/>.</param>
    /// <param name="period">The period index in <see cref="Periods"/>.</param>
    /// <returns>A read-only view.</returns>
    public ReadOnlySpan<double> GetValues(int indicator, int period) => values.AsSpan(Offset(indicator, period), Units.Length);

    /// <summary>Finds a unit.</summary>
    /// <param name="unit">The unit id.</param>
    /// <returns>Its index, or -1.</returns>
    public int IndexOfUnit(string unit) => Lookup(unitIndex, unit);

    /// <summary>Finds an indicator.</summary>
    /// <param name="indicator">The indicator id.</param>
    /// <returns>Its index, or -1.</returns>
    public int IndexOfIndicator(string indicator) => Lookup(indicatorIndex, indicator);

    /// <summary>Finds a period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>Its index, or -1.</returns>
    public int IndexOfPeriod(string period) => Lookup(periodIndex, period);

    /// <summary>Creates a builder pre-filled with this panel's values.</summary>
    /// <returns>A new builder.</returns>
    public PanelBuilder ToBuilder()
    {
        var b = new PanelBuilder();
        foreach (var u in UnitInfo)
        {
            b.AddUnit(u);
        }

        for (var i = 0; i < Indicators.Length; i++)
        {
            for (var p = 0; p < Periods.Length; p++)
            {
                var span = GetValues(i, p);
                for (var u = 0; u < span.Length; u++)
                {
                    if (!double.IsNaN(span[u]))
                    {
                        b.AddValue(Indicators[i], Units[u], Periods[p], span[u]);
                    }
                }
            }
        }

        return b;
    }

    /// <summary>
    /// Builds a panel from .NET objects: one object per unit and period, each indicator's value read by a selector
    /// (return <see cref="double.NaN"/> for a missing value).
    /// </summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows; each (unit, period) at most once.</param>
    /// <param name="unit">Selects the unit id.</param>
    /// <param name="period">Selects the period.</param>
    /// <param name="indicators">The indicator ids with their value selectors, in column order.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">A value is infinite, or a unit and period occur twice.</exception>
    /// <example><code>
    /// record City(string Code, int Year, double Income, double Rent);
    /// var panel = Panel.From(cities, c =&gt; c.Code, c =&gt; c.Year.ToString(CultureInfo.InvariantCulture),
    ///     ("income", c =&gt; c.Income), ("rent_burden", c =&gt; c.Rent));
    /// </code></example>
    public static Panel From<T>(IEnumerable<T> rows, Func<T, string> unit, Func<T, string> period, params (string Indicator, Func<T, double> Value)[] indicators)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(indicators);
        var builder = new PanelBuilder { DenseRows = true };
        foreach (var (indicator, _) in indicators)
        {
            builder.AddIndicator(indicator);
        }

        var seen = new HashSet<(string, string)>();
        var row = 0;
        foreach (var item in rows)
        {
            row++;
            var u = unit(item);
            var p = period(item);
            if (!seen.Add((PanelBuilder.NormalizeId(u), PanelBuilder.NormalizeId(p))))
            {
                throw new IndexDataException($"Unit '{u}', period '{p}' occurs twice (again in row {row}).");
            }

            builder.AddPeriod(p);
            foreach (var (indicator, value) in indicators)
            {
                var v = value(item);
                if (!double.IsNaN(v))
                {
                    builder.AddValue(indicator, u, p, v);
                }
                else
                {
                    builder.AddUnit(new UnitInfo(u));
                }
            }
        }

        return builder.Build();
    }

    /// <summary>Reads a long CSV file (<c>unit,period,indicator,value</c>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    public static Panel ReadLongCsv(string path) => ReadLongCsv(path, null);

    /// <summary>Reads a long CSV file with explicit column options.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    public static Panel ReadLongCsv(string path, CsvOptions? options) => ReadLongCsv(path, options, CancellationToken.None);

    /// <summary>Reads a long CSV file with explicit column options, stopping when cancellation is requested (checked at every record).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadLongCsv(string path, CsvOptions? options, CancellationToken cancellationToken) =>
        CsvFile.Read(path, options ?? CsvOptions.Default, (r, s, o) => CsvPanelReader.ReadLong(r, s, o, cancellationToken));

    /// <summary>Reads long CSV text (<c>unit,period,indicator,value</c>).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the source used in error messages.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The text is malformed.</exception>
    public static Panel ReadLongCsv(TextReader reader, string source, CsvOptions? options) =>
        ReadLongCsv(reader, source, options, CancellationToken.None);

    /// <summary>Reads long CSV text, stopping when cancellation is requested (checked at every record).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the source used in error messages.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The text is malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadLongCsv(TextReader reader, string source, CsvOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Decoding(() => CsvPanelReader.ReadLong(reader, source, options ?? CsvOptions.Default, cancellationToken), source);
    }

    /// <summary>Reads a wide CSV file (<c>unit,period,&lt;indicator&gt;...</c>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    public static Panel ReadWideCsv(string path) => ReadWideCsv(path, null);

    /// <summary>Reads a wide CSV file with explicit column options.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    public static Panel ReadWideCsv(string path, CsvOptions? options) => ReadWideCsv(path, options, CancellationToken.None);

    /// <summary>Reads a wide CSV file with explicit column options, stopping when cancellation is requested (checked at every record).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file is malformed; the message names the file, line and column.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadWideCsv(string path, CsvOptions? options, CancellationToken cancellationToken) =>
        CsvFile.Read(path, options ?? CsvOptions.Default, (r, s, o) => CsvPanelReader.ReadWide(r, s, o, cancellationToken));

    /// <summary>Reads wide CSV text (<c>unit,period,&lt;indicator&gt;...</c>).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the source used in error messages.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The text is malformed.</exception>
    public static Panel ReadWideCsv(TextReader reader, string source, CsvOptions? options) =>
        ReadWideCsv(reader, source, options, CancellationToken.None);

    /// <summary>Reads wide CSV text, stopping when cancellation is requested (checked at every record).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the source used in error messages.</param>
    /// <param name="options">The options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The text is malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Panel ReadWideCsv(TextReader reader, string source, CsvOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Decoding(() => CsvPanelReader.ReadWide(reader, source, options ?? CsvOptions.Default, cancellationToken), source);
    }

    internal int Offset(int indicator, int period) => ((indicator * Periods.Length) + period) * Units.Length;

    internal double[] RawValues => values;

    /// <summary>Creates a panel with the same periods and variables, the units that remain of this one (in order) and new values laid out like <see cref="RawValues"/>.</summary>
    internal Panel WithValues(ImmutableArray<UnitInfo> remainingUnits, double[] newValues) => new(this, remainingUnits, newValues);

    /// <summary>The most attributes whose groupings a panel keeps (further ones are built on every call).</summary>
    internal const int MaxCachedGroupings = 8;

    /// <summary>Gets the number of groupings the panel keeps (for tests of the bound).</summary>
    internal int KeptGroupings => Volatile.Read(ref unitGroups)?.Length ?? 0;

    /// <summary>
    /// The units grouped by an attribute (<see langword="null"/>: one group of every unit), built on first use and kept:
    /// the panel is immutable, so the grouping never goes stale. Thread-safe: the kept groupings are an immutable
    /// snapshot published with <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>, and a grouping is never changed
    /// after it is built.
    /// </summary>
    internal UnitGroups GroupsBy(string? attribute)
    {
        UnitGroups? built = null;
        while (true)
        {
            var seen = Volatile.Read(ref unitGroups);
            if (seen is not null)
            {
                foreach (var g in seen)
                {
                    if (string.Equals(g.Attribute, attribute, StringComparison.Ordinal))
                    {
                        return g;
                    }
                }
            }

            built ??= UnitGroups.Build(UnitInfo, attribute);
            if (seen is { Length: >= MaxCachedGroupings })
            {
                return built;
            }

            UnitGroups[] next = seen is null ? [built] : [.. seen, built];
            if (ReferenceEquals(Interlocked.CompareExchange(ref unitGroups, next, seen), seen))
            {
                return built;
            }
        }
    }

    /// <summary>The unit and period look-ups of a result over this panel's units and periods: this panel's own indexes (ids are unique and compared ordinally), so a result need not build them again.</summary>
    internal ResultLookup Lookup() => new(unitIndex, periodIndex);

    /// <summary>Runs a read over a caller's reader, turning a decoding failure of that reader into an <see cref="IndexDataException"/>.</summary>
    private static Panel Decoding(Func<Panel> read, string source)
    {
        try
        {
            return read();
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new IndexDataException($"The text could not be decoded by the reader's encoding ({ex.Message}); read the file by path with CsvOptions.Encoding to get the line and the likely encoding.", source, inner: ex);
        }
    }

    private static int Find(Dictionary<string, int> index, string key, string kind) =>
        Lookup(index, key) is var i and >= 0 ? i : throw new UnknownKeyException(kind, key, $"The panel has no {kind} '{key}'.");

    /// <summary>Finds an id as given or, when absent, in Unicode normalisation form C (ids are stored in form C, see <see cref="PanelBuilder"/>).</summary>
    private static int Lookup(Dictionary<string, int> index, string key) =>
        index.TryGetValue(key, out var i) ? i
        : key is not null && UnicodeText.Nfc(key) is var nfc && !ReferenceEquals(nfc, key) && index.TryGetValue(nfc, out i) ? i
        : -1;

    private static Dictionary<string, int> IndexOf(ImmutableArray<string> ids)
    {
        var d = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            d[ids[i]] = i;
        }

        return d;
    }
}

/// <summary>
/// Collects panel values one at a time and builds an immutable <see cref="Panel"/>.
/// </summary>
/// <remarks>
/// <para>Unit, period and indicator ids are stored in Unicode normalisation form C (NFC), so <c>Zürich</c> typed with a
/// precomposed <c>ü</c> and with <c>u</c> + combining diaeresis (as macOS file names and some exports write it) is one
/// unit, and a definition's ids match the data's whichever form either was typed in (panel look-ups also try the NFC
/// form of the id asked for). Ids are otherwise compared exactly (ordinal, case-sensitive). Korean syllables are
/// composed in every process; other scripts need the runtime's Unicode data (ICU), which a process in
/// globalisation-invariant mode (<c>InvariantGlobalization</c>, as the compindex tool runs) does not load: there such
/// text is kept as written and <see cref="Panel.Warnings"/> names the ids holding combining marks.</para>
/// <para>Mutable and not thread-safe.</para>
/// </remarks>
public sealed class PanelBuilder
{
    private readonly PanelCells cells = new();
    private readonly List<UnitInfo> units = [];
    private readonly Dictionary<string, int> unitIndex = new(StringComparer.Ordinal);
    private readonly List<string> indicators = [];
    private readonly Dictionary<string, int> indicatorIndex = new(StringComparer.Ordinal);
    private readonly List<string> periods = [];
    private readonly Dictionary<string, int> periodIndex = new(StringComparer.Ordinal);

    /// <summary>Declares a unit with its name and attributes (units are also declared implicitly by <see cref="AddValue"/>).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>This builder.</returns>
    public PanelBuilder AddUnit(UnitInfo unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit.Id);
        if (Nfc(unit.Id) is var id && !ReferenceEquals(id, unit.Id))
        {
            unit = unit with { Id = id };
        }

        if (unitIndex.TryGetValue(unit.Id, out var i))
        {
            units[i] = unit;
        }
        else
        {
            unitIndex[unit.Id] = units.Count;
            units.Add(unit);
        }

        return this;
    }

    /// <summary>Declares an indicator column, so that it exists even when all its values are missing.</summary>
    /// <param name="indicator">The indicator id.</param>
    /// <returns>This builder.</returns>
    public PanelBuilder AddIndicator(string indicator)
    {
        IndicatorSlot(indicator);
        return this;
    }

    /// <summary>Declares a period, so that it exists even when all its values are missing.</summary>
    /// <param name="period">The period.</param>
    /// <returns>This builder.</returns>
    public PanelBuilder AddPeriod(string period)
    {
        PeriodSlot(period);
        return this;
    }

    /// <summary>Adds one value. NaN means missing.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <param name="value">The value; NaN for missing.</param>
    /// <returns>This builder.</returns>
    /// <remarks>The argument order (what, who, when) is that of <see cref="Panel.GetValue"/> and <see cref="IndexResult.GetScore"/>.</remarks>
    /// <exception cref="IndexDataException">The value is infinite, or the cell was already set.</exception>
    public PanelBuilder AddValue(string indicatorId, string unitId, string period, double value)
    {
        var (unit, indicator) = (unitId, indicatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        unit = Nfc(unit);
        if (double.IsInfinity(value))
        {
            throw new IndexDataException($"The value of '{indicator}' for unit '{unit}', period '{period}' is infinite.");
        }

        if (!unitIndex.TryGetValue(unit, out var u))
        {
            u = units.Count;
            AddUnit(new UnitInfo(unit));
        }

        var p = PeriodSlot(period);
        var i = IndicatorSlot(indicator);
        if (!TrySet(u, p, i, value))
        {
            throw new IndexDataException($"The value of '{indicator}' for unit '{unit}', period '{period}' is given twice.");
        }

        return this;
    }

    internal bool Contains(string unit, string period, string indicator) =>
        unitIndex.TryGetValue(Nfc(unit), out var u) && periodIndex.TryGetValue(Nfc(period), out var p) && indicatorIndex.TryGetValue(Nfc(indicator), out var i)
        && cells.Contains(u, p, i);

    /// <summary>Gets or sets a value indicating whether rows are stored densely from the start (the wide reader and <see cref="Panel.From"/> fill most of each row).</summary>
    internal bool DenseRows
    {
        get => cells.DenseRows;
        set => cells.DenseRows = value;
    }

    /// <summary>Gets the number of indicators declared so far.</summary>
    internal int IndicatorCount => indicators.Count;

    /// <summary>Gets a unit id by slot.</summary>
    internal string UnitAt(int slot) => units[slot].Id;

    /// <summary>Gets a period by slot.</summary>
    internal string PeriodAt(int slot) => periods[slot];

    /// <summary>Gets an indicator id by slot.</summary>
    internal string IndicatorAt(int slot) => indicators[slot];

    /// <summary>Finds or adds a unit by an id read from a file (trimmed, non-empty), without allocating a string when it is known and ASCII.</summary>
    /// <param name="id">The id as read.</param>
    /// <param name="added">Whether the unit is new (the caller then gives its name and attributes with <see cref="SetUnit"/>).</param>
    /// <returns>The unit slot.</returns>
    internal int UnitSlot(ReadOnlySpan<char> id, out bool added)
    {
        if (Ascii.IsValid(id) && unitIndex.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out var u))
        {
            added = false;
            return u;
        }

        var s = Nfc(new string(id));
        if (unitIndex.TryGetValue(s, out u))
        {
            added = false;
            return u;
        }

        added = true;
        u = units.Count;
        AddUnit(new UnitInfo(s));
        return u;
    }

    /// <summary>Replaces a unit's name and attributes (same id).</summary>
    internal void SetUnit(int slot, UnitInfo info) => units[slot] = info;

    /// <summary>Finds or adds a period by text read from a file (trimmed, non-empty).</summary>
    internal int PeriodSlot(ReadOnlySpan<char> period) =>
        Ascii.IsValid(period) && periodIndex.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(period, out var p) ? p : PeriodSlot(new string(period));

    /// <summary>Finds or adds an indicator by text read from a file (trimmed, non-empty).</summary>
    internal int IndicatorSlot(ReadOnlySpan<char> indicator) =>
        Ascii.IsValid(indicator) && indicatorIndex.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(indicator, out var i) ? i : IndicatorSlot(new string(indicator));

    /// <summary>Finds or adds the (unit, period) row.</summary>
    internal int RowSlot(int unit, int period, out bool added) => cells.RowFor(unit, period, indicators.Count, out added);

    /// <summary>Sets a value in a row; <see langword="false"/> when the cell was already set.</summary>
    internal bool TrySetInRow(int row, int indicator, double value) => cells.TrySet(row, indicator, value, indicators.Count);

    /// <summary>Sets a value by slots; <see langword="false"/> when the cell was already set.</summary>
    internal bool TrySet(int unit, int period, int indicator, double value)
    {
        if (double.IsInfinity(value))
        {
            throw new IndexDataException($"The value of '{indicators[indicator]}' for unit '{units[unit].Id}', period '{periods[period]}' is infinite.");
        }

        return cells.TrySet(cells.RowFor(unit, period, indicators.Count, out _), indicator, value, indicators.Count);
    }

    /// <summary>Builds the panel. The builder may be used again afterwards.</summary>
    /// <returns>The panel.</returns>
    public Panel Build()
    {
        var periodList = SortPeriods(periods);
        var sortedIndex = periodList.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var remap = periods.Select(p => sortedIndex[p]).ToArray();
        var u = units.Count;
        Limits.CheckCells("The panel", (u, "units"), (periodList.Length, "periods"), (indicators.Count, "indicators"));
        var values = new double[indicators.Count * periodList.Length * u];
        values.AsSpan().Fill(double.NaN);
        cells.Scatter(values, u, periodList.Length, remap, indicators.Count);

        var warnings = LeadingZeroWarnings(periodList);
        if (UnicodeText.DecomposedIds(units.Select(x => x.Id).Concat(periodList).Concat(indicators)) is { } decomposed)
        {
            warnings = warnings.Add(decomposed);
        }

        return new Panel([.. units], periodList, [.. indicators], values, warnings);
    }

    /// <summary>Warns about periods that differ only in leading zeros (<c>2023</c>, <c>02023</c>): kept apart, as written, but probably one period.</summary>
    private static ImmutableArray<string> LeadingZeroWarnings(ImmutableArray<string> periods)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        foreach (var same in periods.Where(IsDigits).GroupBy(p => p.TrimStart('0'), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            warnings.Add($"Periods {string.Join(", ", same.Select(p => $"'{p}'"))} differ only in leading zeros; they are kept as {same.Count()} periods (periods are compared as written).");
        }

        return warnings.ToImmutable();

        static bool IsDigits(string p) => p.Length > 0 && p.All(char.IsAsciiDigit);
    }

    /// <summary>Gets an id in the form panels store ids in: Unicode normalisation form C (see the remarks of <see cref="PanelBuilder"/>).</summary>
    /// <param name="id">The id as written.</param>
    /// <returns>The id in NFC; the same instance when it already is.</returns>
    public static string NormalizeId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return UnicodeText.Nfc(id);
    }

    private static string Nfc(string id) => UnicodeText.Nfc(id);

    internal int IndicatorSlot(string indicator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indicator);
        indicator = Nfc(indicator);
        if (!indicatorIndex.TryGetValue(indicator, out var i))
        {
            i = indicators.Count;
            indicatorIndex[indicator] = i;
            indicators.Add(indicator);
        }

        return i;
    }

    internal int PeriodSlot(string period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        period = Nfc(period);
        if (!periodIndex.TryGetValue(period, out var p))
        {
            p = periods.Count;
            periodIndex[period] = p;
            periods.Add(period);
        }

        return p;
    }

    internal static ImmutableArray<string> SortPeriods(IEnumerable<string> periods)
    {
        var list = periods.ToList();
        if (list.All(p => long.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return [.. list.OrderBy(p => long.Parse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ThenBy(p => p, StringComparer.Ordinal)];
        }

        return [.. list.OrderBy(p => p, StringComparer.Ordinal)];
    }
}
