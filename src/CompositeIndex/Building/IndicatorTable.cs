using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>
/// Reads an indicator table — one CSV row per indicator, the way a city's statistics office lists its indicators —
/// into a builder pre-filled with the indicators and their groups, so that a definition can be made without code.
/// </summary>
/// <remarks>
/// <para>Columns (header names, case-sensitive; only <c>indicator</c> is required, any other column becomes
/// indicator metadata):</para>
/// <list type="table">
/// <item><term><c>indicator</c></term><description>the indicator id (also its data column).</description></item>
/// <item><term><c>group</c></term><description>the id of the group (area, dimension, pillar) the indicator belongs to.
/// When there is no <c>group</c> column, the first of <c>area</c>, <c>dimension</c>, <c>pillar</c> is used; without
/// any, the indicators are children of the root.</description></item>
/// <item><term><c>name</c>, <c>name_&lt;lang&gt;</c></term><description>the default name and names in any number of
/// languages (<c>name_ko</c>, <c>name_en</c>, ...). Without <c>name</c>, the first non-empty localised name is the default.</description></item>
/// <item><term><c>group_name</c>, <c>group_name_&lt;lang&gt;</c></term><description>the group's names (the first non-empty
/// value in the group's rows counts).</description></item>
/// <item><term><c>unit</c>, <c>description</c>, <c>source</c></term><description>as in <see cref="IndicatorDefinition"/>.</description></item>
/// <item><term><c>polarity</c></term><description><c>+</c>/<c>positive</c>/<c>higher</c> (the default when empty) or
/// <c>-</c>/<c>negative</c>/<c>lower</c>.</description></item>
/// <item><term><c>weight</c></term><description>the indicator's weight within its group (default 1).</description></item>
/// </list>
/// <para>Groups keep the order in which they first appear; the root group (id <see cref="IndicatorTableOptions.RootId"/>,
/// or the index id) holds them with weight 1. Methods are not read: set the normalisation, aggregation and missing-data
/// policy on the returned builder (or in the JSON file written from it), then <see cref="IndexBuilder.Build"/>.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static partial class IndicatorTable
{
    private static readonly ImmutableArray<string> GroupColumns = ["group", "area", "dimension", "pillar"];

    /// <summary>Reads an indicator table file with the default index identity.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>A builder holding the indicators and groups.</returns>
    /// <exception cref="IndexDataException">The file cannot be read or is malformed (the message names the line and column).</exception>
    public static IndexBuilder Read(string path) => Read(path, null);

    /// <summary>Reads an indicator table file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">The index identity and root; <see langword="null"/> for defaults.</param>
    /// <returns>A builder holding the indicators and groups.</returns>
    /// <exception cref="IndexDataException">The file cannot be read or is malformed (the message names the line and column).</exception>
    public static IndexBuilder Read(string path, IndicatorTableOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }

        using (reader)
        {
            return Read(reader, Path.GetFileName(path), options);
        }
    }

    /// <summary>Reads an indicator table from text.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">A name for the source used in error messages.</param>
    /// <param name="options">The index identity and root; <see langword="null"/> for defaults.</param>
    /// <returns>A builder holding the indicators and groups.</returns>
    /// <exception cref="IndexDataException">The text is malformed (the message names the line and column).</exception>
    public static IndexBuilder Read(TextReader reader, string source, IndicatorTableOptions? options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new IndicatorTableOptions();
        var csv = new CsvTokenizer(reader, source);
        var header = csv.ReadRecord() ?? throw new IndexDataException("The file is empty: a header row is needed.", source, 1);
        if (header.Count > 0 && header[0].StartsWith('\uFEFF'))
        {
            header[0] = header[0][1..];
        }

        var col = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0 || !col.TryAdd(header[i], i))
            {
                throw new IndexDataException($"Header column {i + 1} is empty or repeated ('{header[i]}').", source, csv.RecordLine);
            }
        }

        if (!col.TryGetValue("indicator", out var idCol))
        {
            throw new IndexDataException($"The indicator table needs an 'indicator' column (found: {string.Join(", ", header)}).", source, 1);
        }

        var groupColName = GroupColumns.FirstOrDefault(col.ContainsKey);
        var groupCol = groupColName is null ? -1 : col[groupColName];
        var names = header.Where(h => h.StartsWith("name_", StringComparison.Ordinal)).Select(h => (Lang: h[5..], Col: col[h])).ToList();
        var groupNames = header.Where(h => h.StartsWith("group_name_", StringComparison.Ordinal)).Select(h => (Lang: h[11..], Col: col[h])).ToList();
        var known = new HashSet<string>(["indicator", "name", "unit", "polarity", "weight", "description", "source", "group_name"], StringComparer.Ordinal);
        if (groupColName is not null)
        {
            known.Add(groupColName);
        }

        var metadata = header.Where(h => !known.Contains(h) && !h.StartsWith("name_", StringComparison.Ordinal) && !h.StartsWith("group_name_", StringComparison.Ordinal)).ToList();

        var indicators = new List<(IndicatorDefinition Indicator, string Group, double Weight)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<string>();
        var groupDefs = new Dictionary<string, GroupDefinition>(StringComparer.Ordinal);
        while (csv.ReadRecord() is { } row)
        {
            var line = csv.RecordLine;
            if (row.Count != header.Count)
            {
                throw new IndexDataException($"The row has {row.Count} fields but the header has {header.Count}.", source, line);
            }

            string Cell(string name) => col.TryGetValue(name, out var c) ? row[c].Trim() : string.Empty;
            var id = row[idCol].Trim();
            if (id.Length == 0)
            {
                throw new IndexDataException("The indicator id is empty.", source, line, "indicator");
            }

            if (!seen.Add(id))
            {
                throw new IndexDataException($"The indicator '{id}' is listed twice.", source, line, "indicator");
            }

            var ind = new IndicatorDefinition { Id = id, Polarity = ParsePolarity(Cell("polarity"), source, line) };
            foreach (var (lang, c) in names)
            {
                if (row[c].Trim() is { Length: > 0 } localized)
                {
                    ind = ind with { Names = ind.Names.SetItem(lang, localized) };
                }
            }

            var name = Cell("name");
            ind = ind with
            {
                Name = name.Length > 0 ? name : names.Select(n => row[n.Col].Trim()).FirstOrDefault(n => n.Length > 0),
                MeasurementUnit = NullIfEmpty(Cell("unit")),
                Description = NullIfEmpty(Cell("description")),
                Source = NullIfEmpty(Cell("source")),
            };
            foreach (var m in metadata)
            {
                if (row[col[m]].Trim() is { Length: > 0 } value)
                {
                    ind = ind with { Metadata = ind.Metadata.SetItem(m, value) };
                }
            }

            var weight = 1.0;
            if (Cell("weight") is { Length: > 0 } w && (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight < 0))
            {
                throw new IndexDataException($"The weight '{w}' is not a finite non-negative number.", source, line, "weight");
            }

            var group = groupCol >= 0 ? row[groupCol].Trim() : string.Empty;
            if (groupCol >= 0 && group.Length == 0)
            {
                throw new IndexDataException($"Indicator '{id}' has no {groupColName}.", source, line, groupColName);
            }

            if (group.Length > 0)
            {
                if (!groupDefs.TryGetValue(group, out var g))
                {
                    groups.Add(group);
                    g = new GroupDefinition { Id = group };
                }

                if (g.Name is null && Cell("group_name") is { Length: > 0 } gn)
                {
                    g = g with { Name = gn };
                }

                foreach (var (lang, c) in groupNames)
                {
                    if (!g.Names.ContainsKey(lang) && row[c].Trim() is { Length: > 0 } localized)
                    {
                        g = g with { Names = g.Names.Add(lang, localized) };
                    }
                }

                groupDefs[group] = g;
            }

            indicators.Add((ind, group, weight));
        }

        var rootId = options.RootId ?? options.IndexId;
        var builder = IndexBuilder.Create(options.IndexId, options.IndexName);
        foreach (var (ind, _, _) in indicators)
        {
            builder.Indicator(ind);
        }

        foreach (var g in groups)
        {
            var def = groupDefs[g];
            builder.Group(g, b =>
            {
                if (def.Name is { } n)
                {
                    b.Name(n);
                }
                else if (def.Names.Count > 0)
                {
                    b.Name(def.Names.First().Value);
                }

                foreach (var (lang, localized) in def.Names)
                {
                    b.Name(lang, localized);
                }

                foreach (var (ind, group, weight) in indicators)
                {
                    if (group == g)
                    {
                        b.Add(ind.Id, weight);
                    }
                }
            });
        }

        builder.Group(rootId, b =>
        {
            b.Name(options.IndexName);
            if (groups.Count > 0)
            {
                b.Add([.. groups]);
            }
            else
            {
                foreach (var (ind, _, weight) in indicators)
                {
                    b.Add(ind.Id, weight);
                }
            }
        });
        return builder.Root(rootId);
    }

    private static Polarity ParsePolarity(string text, string source, long line) => text.ToLowerInvariant() switch
    {
        "" or "+" or "positive" or "higher" or "higher is better" => Polarity.Positive,
        "-" or "−" or "negative" or "lower" or "lower is better" => Polarity.Negative,
        _ => throw new IndexDataException($"Unknown polarity '{text}': use + (higher is better) or - (lower is better).", source, line, "polarity"),
    };

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>The identity of the index created by <see cref="IndicatorTable"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IndicatorTableOptions
{
    /// <summary>Gets the index id. The default is <c>"index"</c>.</summary>
    public string IndexId { get; init; } = "index";

    /// <summary>Gets the index name. The default is <c>"Index"</c>.</summary>
    public string IndexName { get; init; } = "Index";

    /// <summary>Gets the id of the root group; <see langword="null"/> (the default) uses <see cref="IndexId"/>.</summary>
    public string? RootId { get; init; }
}
