using System.Collections.Immutable;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// The pieces of the result JSON (see <see cref="IndexResult.WriteJson"/>), read back by <see cref="IndexResultJson"/>.
/// Layout: <c>{ "schemaVersion", "index": {...}, "definition"?, "units", "periods", "nodes", "scores", "parameters",
/// "weights", "coverage", "audit", "outputs"? }</c>.
/// </summary>
internal static class ResultJsonWriter
{
    /// <summary>Writes <c>"schemaVersion"</c> and the <c>"index"</c> object (identity, root, fingerprint, library version, variant when there is one).</summary>
    public static void Header(Utf8JsonWriter w, int schemaVersion, string id, string name, ImmutableSortedDictionary<string, string>? names, string? version, string root, string fingerprint, string libraryVersion, string? variant)
    {
        w.WriteNumber("schemaVersion", schemaVersion);
        w.WriteStartObject("index");
        w.WriteString("id", id);
        w.WriteString("name", name);
        Names(w, names);
        if (version is not null)
        {
            w.WriteString("version", version);
        }

        w.WriteString("root", root);
        w.WriteString("definitionFingerprint", fingerprint);
        w.WriteString("libraryVersion", libraryVersion);
        if (variant is not null)
        {
            w.WriteString("variant", variant);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>"definition": {...}</c>, the definition as <see cref="IndexDefinitionJson.Save(IndexDefinition)"/> writes it
    /// (re-indented with the writer), so that the result can be read back without it. Nothing is written when the
    /// definition uses a method that is not registered (such a file is read with the definition given).
    /// </summary>
    public static void Definition(Utf8JsonWriter w, IndexDefinition definition)
    {
        string json;
        try
        {
            json = IndexDefinitionJson.Save(definition);
        }
        catch (IndexDefinitionException)
        {
            return;
        }

        using var doc = JsonDocument.Parse(json);
        w.WritePropertyName("definition");
        doc.RootElement.WriteTo(w);
    }

    /// <summary>Writes <c>"run": { "dataFingerprint"?, "parametersFrozen" }</c> (see <see cref="RunRecord"/>).</summary>
    public static void Run(Utf8JsonWriter w, string? dataFingerprint, bool parametersFrozen)
    {
        w.WriteStartObject("run");
        if (dataFingerprint is not null)
        {
            w.WriteString("dataFingerprint", dataFingerprint);
        }

        w.WriteBoolean("parametersFrozen", parametersFrozen);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"units": [{ "id", "name"?, "attributes"? }]</c> and <c>"periods": [...]</c>.</summary>
    public static void UnitsAndPeriods(Utf8JsonWriter w, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods)
    {
        w.WriteStartArray("units");
        foreach (var unit in units)
        {
            w.WriteStartObject();
            w.WriteString("id", unit.Id);
            if (unit.Name is not null)
            {
                w.WriteString("name", unit.Name);
            }

            if (!unit.Attributes.IsEmpty)
            {
                w.WriteStartObject("attributes");
                foreach (var (key, value) in unit.Attributes)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("periods");
        foreach (var period in periods)
        {
            w.WriteStringValue(period);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes one element of <c>"nodes"</c>: <c>{ "id", "name", "names"?, "kind", "parent"? }</c>.</summary>
    public static void Node(Utf8JsonWriter w, string id, string name, ImmutableSortedDictionary<string, string>? names, bool isIndicator, string? parent)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        Names(w, names);
        w.WriteString("kind", isIndicator ? "indicator" : "group");
        if (parent is not null)
        {
            w.WriteString("parent", parent);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Hands what the writer holds to its stream once it exceeds 64 KiB. A <see cref="Utf8JsonWriter"/> over a stream
    /// buffers everything until flushed, so the large arrays (scores, audit) call this per element: the document is
    /// streamed, never held whole in memory.
    /// </summary>
    public static void FlushIfFull(Utf8JsonWriter w)
    {
        if (w.BytesPending >= 1 << 16)
        {
            w.Flush();
        }
    }

    /// <summary>Writes one element of <c>"scores"</c>: <c>{ "unit", "period", "node", "score", "rank" }</c>, or <c>"score": null</c> and no rank when the score is missing.</summary>
    public static void Score(Utf8JsonWriter w, string unit, string period, string node, double score, int rank)
    {
        w.WriteStartObject();
        w.WriteString("unit", unit);
        w.WriteString("period", period);
        w.WriteString("node", node);
        if (!double.IsFinite(score)) // JSON has no NaN or infinity (an infinite score is rejected by evaluation; never crash here)
        {
            w.WriteNull("score");
        }
        else
        {
            w.WriteNumber("score", score);
            w.WriteNumber("rank", rank);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes <c>"parameters": [{ "indicator", "period"?, "name", "value" }]</c>.</summary>
    public static void Parameters(Utf8JsonWriter w, ImmutableArray<NormalizationParameter> parameters)
    {
        w.WriteStartArray("parameters");
        foreach (var prm in parameters)
        {
            w.WriteStartObject();
            w.WriteString("indicator", prm.IndicatorId);
            if (prm.Period is not null)
            {
                w.WriteString("period", prm.Period);
            }

            w.WriteString("name", prm.Name);
            w.WriteNumberOrNull("value", prm.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>"weights": [{ "group", "method", "derivation", "unit"?, "period"?, "children": [{ "id", "weight" }],
    /// "diagnostics": [{ "name", "value", "child"?, "qualifier"? }] }]</c>, in the order given. Numbers are written in
    /// shortest round-trip form; a non-finite weight or diagnostic is written as <c>null</c>.
    /// </summary>
    public static void Weights(Utf8JsonWriter w, ImmutableArray<WeightingReport> weights)
    {
        w.WriteStartArray("weights");
        foreach (var report in weights)
        {
            w.WriteStartObject();
            w.WriteString("group", report.GroupId);
            w.WriteString("method", report.MethodName);
            w.WriteString("derivation", report.Derivation);
            if (report.UnitId is not null)
            {
                w.WriteString("unit", report.UnitId);
            }

            if (report.Period is not null)
            {
                w.WriteString("period", report.Period);
            }

            w.WriteStartArray("children");
            for (var c = 0; c < report.ChildIds.Length; c++)
            {
                w.WriteStartObject();
                w.WriteString("id", report.ChildIds[c]);
                w.WriteNumberOrNull("weight", report.Weights[c]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics.IsDefault ? [] : report.Diagnostics)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteNumberOrNull("value", d.Value);
                if (d.ChildId is not null)
                {
                    w.WriteString("child", d.ChildId);
                }

                if (d.Qualifier is not null)
                {
                    w.WriteString("qualifier", d.Qualifier);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes one element of <c>"coverage"</c>: <c>{ "period", "unit", "indicatorsUsed", "dropped": [...] }</c>.</summary>
    public static void Coverage(Utf8JsonWriter w, string period, string unit, int indicatorsUsed, IEnumerable<string> dropped)
    {
        w.WriteStartObject();
        w.WriteString("period", period);
        w.WriteString("unit", unit);
        w.WriteNumber("indicatorsUsed", indicatorsUsed);
        w.WriteStartArray("dropped");
        foreach (var id in dropped)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"audit": [{ "step", "node", "unit", "period", "message" }]</c> (unit and period may be <c>null</c>).</summary>
    public static void Audit(Utf8JsonWriter w, ImmutableArray<AuditEntry> audit)
    {
        w.WriteStartArray("audit");
        foreach (var a in audit)
        {
            w.WriteStartObject();
            w.WriteString("step", a.Step);
            w.WriteString("node", a.NodeId);
            w.WriteString("unit", a.UnitId);
            w.WriteString("period", a.Period);
            w.WriteString("message", a.Message);
            w.WriteEndObject();
            FlushIfFull(w);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the start of one element of <c>"outputs"</c>: <c>{ "id", "name"?, "values": [</c>.</summary>
    public static void OutputStart(Utf8JsonWriter w, string id, string? name)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        if (name is not null)
        {
            w.WriteString("name", name);
        }

        w.WriteStartArray("values");
    }

    /// <summary>Writes one output value: <c>{ "unit", "period", "value", "published"?, "rank"?, "class"? }</c>; <paramref name="published"/> is the number as published (fixed decimals), written as it is.</summary>
    public static void OutputValue(Utf8JsonWriter w, string unit, string period, double value, string? published, int? rank, string? label)
    {
        w.WriteStartObject();
        w.WriteString("unit", unit);
        w.WriteString("period", period);
        w.WriteNumberOrNull("value", value);
        if (published is not null)
        {
            w.WritePropertyName("published");
            w.WriteRawValue(published);
        }

        if (rank is { } r)
        {
            w.WriteNumber("rank", r);
        }

        if (label is not null)
        {
            w.WriteString("class", label);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes the end of one element of <c>"outputs"</c>.</summary>
    public static void OutputEnd(Utf8JsonWriter w)
    {
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"names": {lang: name}</c> when there are localised names.</summary>
    private static void Names(Utf8JsonWriter w, ImmutableSortedDictionary<string, string>? names)
    {
        if (names is null || names.IsEmpty)
        {
            return;
        }

        w.WriteStartObject("names");
        foreach (var (language, name) in names)
        {
            w.WriteString(language, name);
        }

        w.WriteEndObject();
    }
}
