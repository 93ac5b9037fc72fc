using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>
/// The computed values of one <see cref="OutputDefinition"/> for every unit and period: unrounded value, published
/// (rounded) value, rank and class.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OutputResult
{
    private readonly double[] values;
    private readonly double[] published;
    private readonly decimal?[] rounded;
    private readonly int[] ranks;
    private readonly string?[] classes;
    private readonly Dictionary<string, int> unitIndex;
    private readonly Dictionary<string, int> periodIndex;

    internal OutputResult(OutputDefinition definition, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, double[] values, double[] published, decimal?[] rounded, int[] ranks, string?[] classes, ImmutableArray<AuditEntry> audit = default)
    {
        Audit = audit.IsDefault ? [] : audit;
        Definition = definition;
        Units = units;
        Periods = periods;
        this.values = values;
        this.published = published;
        this.rounded = rounded;
        this.ranks = ranks;
        this.classes = classes;
        unitIndex = units.Select((x, i) => (x.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        periodIndex = periods.Select((x, i) => (x, i)).ToDictionary(x => x.x, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>Gets the output's definition.</summary>
    public OutputDefinition Definition { get; }

    /// <summary>Gets the output id.</summary>
    public string Id => Definition.Id;

    /// <summary>
    /// Gets what the output's evaluation recorded: one entry per unit and period whose value was made missing by
    /// <see cref="NonFinitePolicy.Missing"/> (step <c>"onNonFinite"</c>), in cell order. Empty by default.
    /// </summary>
    public ImmutableArray<AuditEntry> Audit { get; }

    /// <summary>Gets the units, in data order.</summary>
    public ImmutableArray<UnitInfo> Units { get; }

    /// <summary>Gets the periods, sorted.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets every unrounded value, period-major (<c>[period · units + unit]</c>, NaN = missing).</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>Gets every published value (rounded when the output rounds) as the nearest double, period-major.</summary>
    public ReadOnlySpan<double> PublishedValues => published;

    /// <summary>Gets the unrounded value; NaN when missing.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The value.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    public double GetValue(string unitId, string period) => values[Cell(unitId, period)];

    /// <summary>Gets the published value exactly: rounded by <see cref="OutputDefinition.Rounding"/>, or the unrounded value's shortest decimal form.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The value, or <see langword="null"/> when missing.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    public decimal? GetPublished(string unitId, string period) => rounded[Cell(unitId, period)];

    /// <summary>Gets the rank (1 = best), or <see langword="null"/> when the output is not ranked, the value is missing or the unit is not ranked.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The rank.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    public int? GetRank(string unitId, string period) => ranks[Cell(unitId, period)] is var r && r > 0 ? r : null;

    /// <summary>Gets the class label, or <see langword="null"/> when there are no classes, the value is missing or no rule matches.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The label.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    public string? GetClass(string unitId, string period) => classes[Cell(unitId, period)];

    /// <summary>Formats the published value as text: fixed decimals when rounded (<c>0.500</c>), otherwise round-trip digits; empty when missing.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The text.</returns>
    public string Format(string unitId, string period) => Format(Cell(unitId, period));

    internal string Format(int cell)
    {
        if (rounded[cell] is not { } v)
        {
            return string.Empty;
        }

        return Definition.Rounding is { } r
            ? v.ToString("F" + r.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : values[cell].ToString("R", CultureInfo.InvariantCulture);
    }

    internal int? RankAt(int cell) => ranks[cell] > 0 ? ranks[cell] : null;

    internal string? ClassAt(int cell) => classes[cell];

    private int Cell(string unitId, string period)
    {
        var u = unitIndex.TryGetValue(unitId, out var j) ? j : throw new UnknownKeyException("unit", unitId);
        var t = periodIndex.TryGetValue(period, out var p) ? p : throw new UnknownKeyException("period", period);
        return (t * Units.Length) + u;
    }

    /// <summary>Gets every rank, period-major, 0 = no rank.</summary>
    internal ReadOnlySpan<int> Ranks => ranks;

    /// <summary>Computes an output from its already computed values: rounding, ranks and classes.</summary>
    internal static OutputResult Create(OutputDefinition definition, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, double[] values) =>
        Create(definition, units, periods, values, null, []);

    /// <summary>Computes an output from its already computed values, with the earlier outputs a ranking may require.</summary>
    internal static OutputResult Create(OutputDefinition definition, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, double[] values, IReadOnlyDictionary<string, OutputResult>? earlier, ImmutableArray<AuditEntry> audit)
    {
        var n = values.Length;
        var u = units.Length;
        var rounded = new decimal?[n];
        var published = new double[n];
        for (var k = 0; k < n; k++)
        {
            if (double.IsNaN(values[k]))
            {
                published[k] = double.NaN;
                continue;
            }

            rounded[k] = definition.Rounding is { } r ? r.Round(values[k]) : DecimalRounding.ToDecimal(values[k]);
            published[k] = definition.Rounding is null ? values[k] : (double)rounded[k]!.Value;
        }

        var ranks = new int[n];
        if (definition.Ranking is { } ranking)
        {
            var basis = ranking.Basis == OutputRankBasis.Value ? values : published;
            var required = ranking.RequireOutputs.IsDefaultOrEmpty ? []
                : ranking.RequireOutputs.Select(id => earlier is not null && earlier.TryGetValue(id, out var o) ? o.values
                    : throw new UnknownKeyException("output", id, $"Output '{definition.Id}' is ranked among units with output '{id}', which is not computed before it.")).ToArray();
            var column = new double[u];
            var order = new int[u];
            for (var t = 0; t < periods.Length; t++)
            {
                for (var j = 0; j < u; j++)
                {
                    var cell = (t * u) + j;
                    var v = basis[cell];
                    var excluded = (ranking.Units is { } f && !f.Matches(units[j])) || required.Any(r => double.IsNaN(r[cell]));
                    column[j] = excluded ? double.NaN : ranking.Descending ? v : -v;
                }

                RankDescending(column, ranks.AsSpan(t * u, u), order, ranking.Ties);
            }
        }

        var classes = new string?[n];
        var rules = definition.Classes.IsDefault ? [] : definition.Classes;
        if (!rules.IsEmpty)
        {
            for (var k = 0; k < n; k++)
            {
                if (rounded[k] is not { } v)
                {
                    continue;
                }

                foreach (var rule in rules)
                {
                    if (rule.Contains(v))
                    {
                        classes[k] = rule.Label;
                        break;
                    }
                }
            }
        }

        return new OutputResult(definition, units, periods, values, published, rounded, ranks, classes, audit);
    }

    /// <summary>Integer ranks of the non-missing values in descending order (1 = largest) with the given tie rule; 0 for NaN.</summary>
    internal static void RankDescending(ReadOnlySpan<double> values, Span<int> ranks, int[] order, OutputRankTies ties)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            ranks[i] = 0;
            if (!double.IsNaN(values[i]))
            {
                order[n++] = i;
            }
        }

        var copy = values.ToArray();
        Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b)));
        var dense = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && copy[order[end + 1]] == copy[order[start]])
            {
                end++;
            }

            dense++;
            var rank = ties switch
            {
                OutputRankTies.Dense => dense,
                OutputRankTies.Worst => end + 1,
                _ => start + 1,
            };
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }
    }

    /// <summary>
    /// Writes outputs as one wide CSV row per unit and period:
    /// <c>unit,unit_name,period,&lt;output&gt;[,&lt;output&gt;_rank][,&lt;output&gt;_class]...</c>, published values formatted
    /// with their rounding digits (invariant culture); rank and class columns only for outputs that have them.
    /// </summary>
    /// <param name="outputs">The outputs (of one result).</param>
    /// <param name="writer">The destination.</param>
    /// <param name="skipEmptyRows">Whether rows where every output is missing are left out. The default is <see langword="true"/>.</param>
    /// <param name="period">Write this period only; <see langword="null"/> (the default) for every period.</param>
    /// <exception cref="UnknownKeyException">The period is not in the result.</exception>
    public static void WriteCsv(IReadOnlyList<OutputResult> outputs, TextWriter writer, bool skipEmptyRows = true, string? period = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(writer);
        if (outputs.Count == 0)
        {
            return;
        }

        var first = outputs[0];
        var header = new StringBuilder("unit,unit_name,period");
        foreach (var o in outputs)
        {
            header.Append(',').Append(Csv(o.Id));
            if (o.Definition.Ranking is not null)
            {
                header.Append(',').Append(Csv(o.Id + "_rank"));
            }

            if (!o.Definition.Classes.IsDefaultOrEmpty)
            {
                header.Append(',').Append(Csv(o.Id + "_class"));
            }
        }

        writer.Write(header.Append('\n').ToString());
        var u = first.Units.Length;
        var only = period is null ? -1 : first.periodIndex.TryGetValue(period, out var pi) ? pi : throw new UnknownKeyException("period", period);
        for (var j = 0; j < u; j++)
        {
            for (var t = 0; t < first.Periods.Length; t++)
            {
                if (only >= 0 && t != only)
                {
                    continue;
                }

                var cell = (t * u) + j;
                if (skipEmptyRows && outputs.All(o => double.IsNaN(o.values[cell])))
                {
                    continue;
                }

                var unit = first.Units[j];
                var sb = new StringBuilder();
                sb.Append(Csv(unit.Id)).Append(',').Append(Csv(unit.Name ?? unit.Id)).Append(',').Append(Csv(first.Periods[t]));
                foreach (var o in outputs)
                {
                    sb.Append(',').Append(o.Format(cell));
                    if (o.Definition.Ranking is not null)
                    {
                        sb.Append(',').Append(o.RankAt(cell)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                    }

                    if (!o.Definition.Classes.IsDefaultOrEmpty)
                    {
                        sb.Append(',').Append(Csv(o.ClassAt(cell) ?? string.Empty));
                    }
                }

                writer.Write(sb.Append('\n').ToString());
            }
        }
    }

    /// <summary>Writes an <c>"outputs"</c> array (nothing when empty): per output and cell, the unrounded value, the published value, rank and class.</summary>
    internal static void WriteJson(IReadOnlyList<OutputResult> outputs, System.Text.Json.Utf8JsonWriter w)
    {
        if (outputs.Count == 0)
        {
            return;
        }

        w.WriteStartArray("outputs");
        foreach (var o in outputs)
        {
            Serialization.ResultJsonWriter.OutputStart(w, o.Id, o.Definition.Name);
            var u = o.Units.Length;
            for (var k = 0; k < o.values.Length; k++)
            {
                if (double.IsNaN(o.values[k]))
                {
                    continue;
                }

                // Published: fixed decimals ("0.600"), not the shortest form.
                Serialization.ResultJsonWriter.OutputValue(w, o.Units[k % u].Id, o.Periods[k / u], o.values[k], o.Definition.Rounding is not null ? o.Format(k) : null, o.RankAt(k), o.classes[k]);
                Serialization.ResultJsonWriter.FlushIfFull(w);
            }

            Serialization.ResultJsonWriter.OutputEnd(w);
        }

        w.WriteEndArray();
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
