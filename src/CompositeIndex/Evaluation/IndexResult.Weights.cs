using System.Text.Json;
using CompositeIndex.Serialization;

namespace CompositeIndex;

/// <summary>The <c>"weights"</c> block of the result JSON: the weights every group used and how they were derived.</summary>
public sealed partial class IndexResult
{
    /// <summary>
    /// Writes <see cref="Weights"/> as <c>"weights": [{ "group", "method", "derivation", "unit"?, "period"?,
    /// "children": [{ "id", "weight" }], "diagnostics": [{ "name", "value", "child"?, "qualifier"? }] }]</c>, in the
    /// order of <see cref="Weights"/>. Numbers are written in shortest round-trip form; a non-finite diagnostic is
    /// written as <c>null</c>.
    /// </summary>
    private void WriteWeights(Utf8JsonWriter w)
    {
        w.WriteStartArray("weights");
        foreach (var report in Weights)
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
}
