using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>What <see cref="IndicatorTable.ReadCoinr(string, string?, CoinrImportOptions?)"/> makes of a COINr index.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CoinrImportOptions
{
    /// <summary>Gets the index id. The default is <c>"index"</c>.</summary>
    public string IndexId { get; init; } = "index";

    /// <summary>Gets the index name; <see langword="null"/> (the default) uses the <c>iName</c> of the top aggregate.</summary>
    public string? IndexName { get; init; }

    /// <summary>Gets the index description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Gets a value indicating whether the definition denominates the indicators that have an iMeta <c>Denominator</c>
    /// (a first <see cref="DenominationStep"/>, as COINr's <c>Denominate(coin, dset = "Raw")</c> with its defaults).
    /// The default is <see langword="true"/>.
    /// </summary>
    public bool Denominate { get; init; } = true;

    /// <summary>Gets the period of every row when iData has no <c>Time</c> column. The default is <c>"1"</c>.</summary>
    public string DefaultPeriod { get; init; } = "1";
}

/// <summary>A COINr index read from its <c>iMeta</c> (and optionally <c>iData</c>) tables: a definition and a panel.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CoinrImport
{
    internal CoinrImport(IndexDefinition definition, Panel? panel, ImmutableArray<string> unitGroups, ImmutableArray<string> denominators, ImmutableArray<string> others)
    {
        Definition = definition;
        Panel = panel;
        UnitGroups = unitGroups;
        Denominators = denominators;
        Others = others;
    }

    /// <summary>
    /// Gets the definition: indicators (name, unit, direction), the aggregation tree at any depth with iMeta weights,
    /// min-max [0, 100] and the arithmetic mean (the defaults of COINr's <c>Normalise</c> and <c>Aggregate</c>), and the
    /// denomination step when <see cref="CoinrImportOptions.Denominate"/> and iMeta has denominators. Add COINr's other
    /// operations as steps (<see cref="IndexDefinition.ToBuilder"/>, then <c>AddStep</c>): see docs/articles/coinr.md.
    /// </summary>
    public IndexDefinition Definition { get; }

    /// <summary>Gets the data of iData (units by <c>uCode</c>, names from <c>uName</c>, periods from <c>Time</c>), or <see langword="null"/> when no iData was given.</summary>
    public Panel? Panel { get; }

    /// <summary>Gets the iMeta rows of type <c>Group</c>: unit grouping columns of iData, read as unit attributes (for group imputation and group ranks).</summary>
    public ImmutableArray<string> UnitGroups { get; }

    /// <summary>Gets the iMeta rows of type <c>Denominator</c>: numeric columns of iData used to divide indicators.</summary>
    public ImmutableArray<string> Denominators { get; }

    /// <summary>Gets the iMeta rows of type <c>Other</c>: columns kept in the panel but used by no step.</summary>
    public ImmutableArray<string> Others { get; }
}

/// <content>COINr's iMeta/iData tables.</content>
public static partial class IndicatorTable
{
    private static readonly ImmutableArray<string> CoinrTypes = ["Indicator", "Aggregate", "Group", "Denominator", "Other"];

    /// <summary>
    /// Reads a COINr index: its <c>iMeta</c> table (columns <c>iCode, Level, Parent, Weight, Direction, Type</c>, and
    /// optionally <c>iName, Unit, Target, Denominator</c>) into a definition, and its <c>iData</c> table into a panel.
    /// </summary>
    /// <remarks>
    /// <para>iMeta, as COINr's <c>new_coin</c> checks it (COINr 1.1, <c>check_iMeta</c>): one row per code; <c>Type</c> is
    /// <c>Indicator</c> (level 1), <c>Aggregate</c> (levels 2 and up, any depth), <c>Group</c> (a unit grouping column),
    /// <c>Denominator</c> or <c>Other</c>; every indicator and aggregate except one top aggregate has a <c>Parent</c>,
    /// an aggregate one level up; <c>Weight</c> is the weight within the parent; <c>Direction</c> 1 or −1 (−1: lower is
    /// better); <c>Denominator</c> names a Denominator row. <c>NA</c> or empty means missing. <c>Target</c> is not read
    /// (put targets into a <c>distanceToTarget</c> normalisation).</para>
    /// <para>iData: <c>uCode</c> (unit id), optional <c>uName</c> and <c>Time</c>, the Group columns (text), and the
    /// numeric indicator and denominator columns.</para>
    /// <para>Stateless and thread-safe.</para>
    /// </remarks>
    /// <param name="iMetaPath">The iMeta CSV file.</param>
    /// <param name="iDataPath">The iData CSV file, or <see langword="null"/> to read the definition only.</param>
    /// <param name="options">Index identity and choices; <see langword="null"/> for the defaults.</param>
    /// <returns>The definition and the panel.</returns>
    /// <exception cref="IndexDataException">A file cannot be read or is malformed; the message names the file, line and column.</exception>
    /// <exception cref="IndexDefinitionException">The tables describe an invalid index (e.g. a weight of a negative number).</exception>
    public static CoinrImport ReadCoinr(string iMetaPath, string? iDataPath = null, CoinrImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iMetaPath);
        options ??= new CoinrImportOptions();
        var source = Path.GetFileName(iMetaPath);
        List<List<string>> rows;
        List<string> header;
        long[] lines;
        using (var reader = Open(iMetaPath))
        {
            var csv = new CsvTokenizer(reader, source);
            header = csv.ReadRecord() ?? throw new IndexDataException("The file is empty: a header row is needed.", source, 1);
            if (header.Count > 0 && header[0].StartsWith('\uFEFF'))
            {
                header[0] = header[0][1..];
            }

            rows = [];
            var lineList = new List<long>();
            while (csv.ReadRecord() is { } row)
            {
                if (row.Count != header.Count)
                {
                    throw new IndexDataException($"The row has {row.Count} fields but the header has {header.Count}.", source, csv.RecordLine);
                }

                rows.Add(row);
                lineList.Add(csv.RecordLine);
            }

            lines = [.. lineList];
        }

        var col = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (!col.TryAdd(header[i].Trim(), i))
            {
                throw new IndexDataException($"The column '{header[i]}' is repeated.", source, 1);
            }
        }

        foreach (var required in (string[])["iCode", "Level", "Parent", "Type"])
        {
            if (!col.ContainsKey(required))
            {
                throw new IndexDataException($"iMeta needs a '{required}' column (found: {string.Join(", ", header)}).", source, 1);
            }
        }

        string? Cell(int r, string name) => col.TryGetValue(name, out var c) && rows[r][c].Trim() is { Length: > 0 } v && v != "NA" ? v : null;

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var code = Cell(r, "iCode") ?? throw new IndexDataException("The iCode is missing.", source, lines[r], "iCode");
            var type = Cell(r, "Type") ?? throw new IndexDataException($"'{code}' has no Type.", source, lines[r], "Type");
            if (!CoinrTypes.Contains(type))
            {
                throw new IndexDataException($"'{code}' has Type '{type}'; COINr's types are {string.Join(", ", CoinrTypes)}.", source, lines[r], "Type");
            }

            if (!types.TryAdd(code, type))
            {
                throw new IndexDataException($"The iCode '{code}' is listed twice.", source, lines[r], "iCode");
            }

            if (type is "Indicator" or "Aggregate")
            {
                var text = Cell(r, "Level");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level < 1 || (type == "Indicator") != (level == 1))
                {
                    throw new IndexDataException($"'{code}' ({type}) has Level '{text ?? "NA"}'; indicators are level 1 and aggregates level 2 or more.", source, lines[r], "Level");
                }

                levels[code] = level;
            }
        }

        var top = new List<string>();
        var children = new Dictionary<string, List<ChildReference>>(StringComparer.Ordinal);
        var indicators = new List<IndicatorDefinition>();
        var denominators = new List<(string Indicator, string Denominator)>();
        var groupOrder = new List<(string Code, string? Name)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var code = Cell(r, "iCode")!;
            var type = types[code];
            if (type is not ("Indicator" or "Aggregate"))
            {
                continue;
            }

            var parent = Cell(r, "Parent");
            if (parent is null)
            {
                if (type == "Indicator")
                {
                    throw new IndexDataException($"Indicator '{code}' has no Parent.", source, lines[r], "Parent");
                }

                top.Add(code);
            }
            else if (!levels.TryGetValue(parent, out var parentLevel) || types[parent] != "Aggregate" || parentLevel != levels[code] + 1)
            {
                throw new IndexDataException($"'{code}' (level {levels[code]}) has Parent '{parent}', which is not an aggregate of level {levels[code] + 1}.", source, lines[r], "Parent");
            }

            var weightText = Cell(r, "Weight");
            var weight = 1.0;
            if (weightText is not null && (!double.TryParse(weightText, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight < 0))
            {
                throw new IndexDataException($"The weight '{weightText}' of '{code}' is not a finite non-negative number.", source, lines[r], "Weight");
            }

            if (parent is not null)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(new ChildReference(code, weight));
            }

            if (type == "Aggregate")
            {
                groupOrder.Add((code, Cell(r, "iName")));
                continue;
            }

            var direction = Cell(r, "Direction") ?? "1";
            var polarity = direction switch
            {
                "1" => Polarity.Positive,
                "-1" => Polarity.Negative,
                _ => throw new IndexDataException($"The Direction '{direction}' of '{code}' is neither 1 nor -1.", source, lines[r], "Direction"),
            };
            indicators.Add(new IndicatorDefinition { Id = code, Name = Cell(r, "iName"), MeasurementUnit = Cell(r, "Unit"), Polarity = polarity });
            if (Cell(r, "Denominator") is { } denominator)
            {
                if (!types.TryGetValue(denominator, out var dt) || dt != "Denominator")
                {
                    throw new IndexDataException($"The Denominator '{denominator}' of '{code}' is not a Denominator row of iMeta.", source, lines[r], "Denominator");
                }

                denominators.Add((code, denominator));
            }
        }

        if (top.Count != 1)
        {
            throw new IndexDataException(top.Count == 0 ? "iMeta has no top aggregate (an Aggregate without Parent)." : $"iMeta has {top.Count} aggregates without Parent ({string.Join(", ", top)}); COINr needs exactly one.", source);
        }

        var topName = groupOrder.First(g => g.Code == top[0]).Name;
        var builder = IndexBuilder.Create(options.IndexId, options.IndexName ?? topName ?? top[0])
            .Normalize(Normalization.MinMax(0, 100))
            .Aggregate(Aggregation.Arithmetic());
        if (options.Description is not null)
        {
            builder.Description(options.Description);
        }

        if (options.Denominate && denominators.Count > 0)
        {
            builder.AddStep(Denomination.By([.. denominators]));
        }

        foreach (var indicator in indicators)
        {
            builder.Indicator(indicator);
        }

        foreach (var (code, name) in groupOrder)
        {
            if (!children.TryGetValue(code, out var kids))
            {
                throw new IndexDataException($"The aggregate '{code}' has no children.", source);
            }

            builder.Group(code, g =>
            {
                if (name is not null)
                {
                    g.Name(name);
                }

                foreach (var c in kids)
                {
                    g.Add(c.Id, c.Weight);
                }
            });
        }

        var definition = builder.Build();
        string[] OfType(string type) => [.. rows.Select((_, r) => Cell(r, "iCode")!).Where(c => types[c] == type)];
        var unitGroups = OfType("Group");
        var panel = iDataPath is null ? null : ReadCoinrData(iDataPath, unitGroups, OfType("Other"), options);
        return new CoinrImport(definition, panel, [.. unitGroups], [.. OfType("Denominator")], [.. OfType("Other")]);
    }

    private static Panel ReadCoinrData(string path, string[] unitGroups, string[] others, CoinrImportOptions options)
    {
        List<string> header;
        using (var reader = Open(path))
        {
            header = new CsvTokenizer(reader, Path.GetFileName(path)).ReadRecord() ?? throw new IndexDataException("The file is empty: a header row is needed.", Path.GetFileName(path), 1);
        }

        header = [.. header.Select((h, i) => i == 0 ? h.TrimStart('\uFEFF').Trim() : h.Trim())];
        if (!header.Contains("uCode"))
        {
            throw new IndexDataException($"iData needs a 'uCode' column (found: {string.Join(", ", header)}).", Path.GetFileName(path), 1);
        }

        return Panel.ReadWideCsv(path, new CsvOptions
        {
            UnitColumn = "uCode",
            PeriodColumn = header.Contains("Time") ? "Time" : "period",
            DefaultPeriod = header.Contains("Time") ? null : options.DefaultPeriod,
            UnitNameColumn = header.Contains("uName") ? "uName" : null,
            AttributeColumns = [.. unitGroups.Concat(others).Where(header.Contains)],
        });
    }

    private static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }
    }
}
