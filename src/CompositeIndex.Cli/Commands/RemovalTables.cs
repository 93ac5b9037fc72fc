using System.Globalization;
using System.Text;
using System.Text.Json;
using CompositeIndex.Analysis;

namespace CompositeIndex.Cli;

/// <summary>Leave-one-out (<c>compindex audit --remove &lt;level&gt;</c>) as a terminal table, one CSV file and JSON.</summary>
/// <remarks>Immutable after construction; one per invocation.</remarks>
internal sealed class RemovalTables(IndexResult result, ElementRemovalResult removal, string period, string? language)
{
    /// <summary>How many of the units that move most the table names per element.</summary>
    public const int MovesShown = 3;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Gets the CSV file name.</summary>
    public static string CsvName => "leave_one_out.csv";

    /// <summary>Writes the shown period as a table: one row per element, largest mean |rank change| first.</summary>
    public void WriteTable(TextWriter w)
    {
        var d = result.Definition;
        w.WriteLine($"Leave-one-out of {d.DisplayName(language)}{(d.Version is null ? string.Empty : " " + d.Version)}: {period}, {removal.Units.Length} units; each element of level {removal.Level} removed in turn (weight 0), ranks of {Common.NodeName(d, removal.NodeId, language)} compared.");
        w.WriteLine("Mean |rank change| over units (COINr remove_elements MeanAbsDiff), largest first; + = moves up without the element.");
        var table = new TextTable().Column("element").Column("name").Column("mean |Δrank|", right: true).Column("max |Δrank|", right: true).Column("units that move most");
        foreach (var e in removal.Elements.OrderByDescending(e => Order(removal.Get(e, period).MeanAbsoluteRankChange)).ThenBy(e => removal.Elements.IndexOf(e)))
        {
            var x = removal.Get(e, period);
            var moves = removal.LargestRankChanges(e, period, MovesShown);
            var max = x.RankChanges.Where(c => c is not null).Select(c => Math.Abs(c!.Value)).DefaultIfEmpty(0).Max();
            table.Row(e, Common.NodeName(d, e, language), Common.Num(x.MeanAbsoluteRankChange), max.ToString(Inv),
                moves.IsEmpty ? "none" : string.Join(", ", moves.Select(m => $"{UnitName(m.UnitId)} {m.RankChange.ToString("+0;-0", Inv)} ({m.NominalRank.ToString(Inv)}→{m.Rank.ToString(Inv)})")));
        }

        table.Write(w);
    }

    /// <summary>Writes every element, period and unit as one long CSV (nominal rows have an empty element).</summary>
    public void WriteCsv(TextWriter w)
    {
        Line(w, "element", "period", "unit", "score", "rank", "rank_change");
        foreach (var x in removal.Nominal.Concat(removal.Removals))
        {
            for (var j = 0; j < removal.Units.Length; j++)
            {
                Line(w, x.ElementId ?? string.Empty, x.Period, removal.Units[j], R(x.Scores[j]), I(x.Ranks[j]), I(x.RankChanges[j]));
            }
        }
    }

    /// <summary>Writes the whole result as JSON (NaN and missing ranks as null).</summary>
    public void WriteJson(Stream stream)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var d = result.Definition;
        j.WriteStartObject();
        j.WriteStartObject("index");
        j.WriteString("id", d.Id);
        j.WriteString("name", d.DisplayName(language));
        j.WriteString("definitionFingerprint", result.DefinitionFingerprint);
        j.WriteEndObject();
        j.WriteNumber("level", removal.Level);
        j.WriteString("node", removal.NodeId);
        Strings(j, "units", removal.Units);
        Strings(j, "periods", removal.Periods);
        Strings(j, "elements", removal.Elements);
        j.WriteStartArray("nominal");
        foreach (var x in removal.Nominal)
        {
            Entry(j, x);
        }

        j.WriteEndArray();
        j.WriteStartArray("removals");
        foreach (var x in removal.Removals)
        {
            Entry(j, x);
        }

        j.WriteEndArray();
        Strings(j, "notes", removal.Notes);
        j.WriteEndObject();
    }

    public string JsonText()
    {
        using var ms = new MemoryStream();
        WriteJson(ms);
        return new UTF8Encoding(false).GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private static double Order(double v) => double.IsNaN(v) ? double.NegativeInfinity : v;

    private static void Entry(Utf8JsonWriter j, ElementRemoval x)
    {
        j.WriteStartObject();
        if (x.ElementId is not null)
        {
            j.WriteString("element", x.ElementId);
        }

        j.WriteString("period", x.Period);
        if (double.IsFinite(x.MeanAbsoluteRankChange))
        {
            j.WriteNumber("meanAbsoluteRankChange", x.MeanAbsoluteRankChange);
        }
        else
        {
            j.WriteNull("meanAbsoluteRankChange");
        }

        j.WriteStartArray("scores");
        foreach (var s in x.Scores)
        {
            if (double.IsFinite(s))
            {
                j.WriteNumberValue(s);
            }
            else
            {
                j.WriteNullValue();
            }
        }

        j.WriteEndArray();
        Ints(j, "ranks", x.Ranks);
        Ints(j, "rankChanges", x.RankChanges);
        j.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter j, string name, IEnumerable<int?> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values)
        {
            if (v is { } i)
            {
                j.WriteNumberValue(i);
            }
            else
            {
                j.WriteNullValue();
            }
        }

        j.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter j, string name, IEnumerable<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values)
        {
            j.WriteStringValue(v);
        }

        j.WriteEndArray();
    }

    private string UnitName(string id) => result.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    private static string R(double v) => double.IsNaN(v) ? string.Empty : v.ToString("R", Inv);

    private static string I(int? v) => v?.ToString(Inv) ?? string.Empty;

    private static void Line(TextWriter w, params string[] fields) =>
        w.Write(string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)) + "\n");
}
