using System.Globalization;
using System.Text;
using System.Text.Json;
using CompositeIndex.Reporting.Maps;

namespace CompositeIndex.Reporting.Explorer;

/// <summary>
/// What the weight explorer recomputes in the browser, and the data it needs: the tree with each group's method,
/// weights and missing-data rule, the normalised indicator scores of every period (normalisation does not depend on
/// weights), and the published scores of the groups the browser cannot recompute.
/// </summary>
/// <remarks>
/// <para>The browser implements exactly the engine's group aggregation (<c>CompiledIndex</c>), one formula set
/// documented in <c>docs/articles/maps-and-explorer.md</c>: for unit j, the children c present (a score, inside the
/// method's domain, or outside it when the policy counts that as missing) with nominal weights wᶜ (times the number
/// of indicators with a score below c when the group scales by indicator count), re-normalised over the present
/// children; a missing score when the missing-data policy refuses the present share; then the arithmetic
/// Σ wᵢxᵢ, geometric exp(Σ wᵢ ln xᵢ), harmonic 1/Σ(wᵢ/xᵢ), power (Σ wᵢxᵢᵖ)^(1/p) or minimum. Ranks are competition
/// ranks (1, 2, 2, 4) of the unrounded scores. The browser test compares every score and rank with
/// <c>CompiledIndex.Evaluate</c>.</para>
/// <para>A group is not recomputed ("frozen": published scores and a one-line reason) when its weights are fitted to
/// the data, its method compares units with each other or is not one of the five means above, or it is adjusted by a
/// data column; everything below a frozen group is fixed too. Definitions with variants are not explored.</para>
/// </remarks>
internal static class ExplorerModel
{
    /// <summary>The methods the browser recomputes (their JSON names).</summary>
    public static readonly string[] BrowserMethods = [ArithmeticAggregation.Name, GeometricAggregation.Name, HarmonicAggregation.Name, PowerMeanAggregation.Name, MinimumAggregation.Name];

    /// <summary>The keys of the report's text the script uses (sent in the model, in the report's language).</summary>
    private static readonly string[] ScriptKeys =
    [
        "col.rank", "col.deltaRank", "col.unit", "explorer.period", "explorer.reset", "explorer.share", "explorer.linkLabel", "explorer.minimumNote",
        "explorer.dropLabel", "explorer.drop", "explorer.dropped", "explorer.frozenTitle", "explorer.frozenItem", "explorer.shiftsTitle", "explorer.rankingTitle",
        "explorer.noShift", "explorer.publishedRank", "explorer.now", "explorer.moreShifts", "explorer.mapPublished", "explorer.mapExplored", "explorer.cannot",
        "explorer.domain", "explorer.positive", "explorer.nonNegative", "explorer.notFinite", "explorer.published", "explorer.moved", "explorer.zero",
        "explorer.copied", "explorer.copyManual", "explorer.ignored", "map.tipRank", "map.tipValue", "map.tipNoScore",
    ];

    /// <summary>Why the whole index cannot be explored, or null when it can.</summary>
    public static string? WhyNot(IndexResult result, string? language = null) =>
        result.Definition.Variants.IsDefaultOrEmpty
            ? null
            : ReportText.For(language).Format("explorer.variants", string.Join(", ", result.Definition.Variants.Select(v => v.Id)));

    /// <summary>Why a group is not recomputed in the browser, or null when it is.</summary>
    public static string? WhyFrozen(IndexDefinition definition, GroupDefinition group, string? language = null)
    {
        var text = ReportText.For(language);
        var method = group.Aggregation ?? definition.Aggregation;
        if (method is CrossSectionalAggregationMethod)
        {
            return text.Format("explorer.frozen.crossSectional", method.MethodName);
        }

        if (method is not null && !BrowserMethods.Contains(method.MethodName))
        {
            return text.Format("explorer.frozen.method", method.MethodName);
        }

        if (group.Weighting is { NeedsData: true } w)
        {
            return text.Format("explorer.frozen.fitted", w.MethodName);
        }

        if (group.Adjustment is { } a)
        {
            return text.Format("explorer.frozen.adjustment", a.Column);
        }

        return null;
    }

    /// <summary>Writes the model as JSON (HTML-safe: '&lt;', '&gt;' and '&amp;' are escaped, so it can sit in a script element).</summary>
    public static string ToJson(IndexResult result, string period, string? language, IReadOnlyList<(string SvgId, string NodeId, MapRendering Map)> maps)
    {
        var d = result.Definition;
        var nodeIds = result.NodeIds;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 0; n < nodeIds.Length; n++)
        {
            index[nodeIds[n]] = n;
        }

        var groups = d.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var indicators = d.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var parent = new int[nodeIds.Length];
        Array.Fill(parent, -1);
        foreach (var g in d.Groups)
        {
            foreach (var c in g.Children)
            {
                parent[index[c.Id]] = index[g.Id];
            }
        }

        // A node is hidden when a group above it is frozen; a frozen group whose ancestors are all live carries published scores.
        var frozen = new string?[nodeIds.Length];
        for (var n = 0; n < nodeIds.Length; n++)
        {
            if (groups.TryGetValue(nodeIds[n], out var g))
            {
                frozen[n] = WhyFrozen(d, g, language);
            }
        }

        var hidden = new bool[nodeIds.Length];
        for (var n = 0; n < nodeIds.Length; n++)
        {
            for (var p = parent[n]; p >= 0; p = parent[p])
            {
                if (frozen[p] is not null)
                {
                    hidden[n] = true;
                    break;
                }
            }
        }

        var scaled = d.Groups.Any(g => g.WeightScaling == WeightScaling.AvailableIndicatorCount && !hidden[index[g.Id]] && frozen[index[g.Id]] is null);
        var fitted = result.Weights.Where(w => w.UnitId is null && w.Period is null).GroupBy(w => w.GroupId).ToDictionary(x => x.Key, x => x.First(), StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteString("root", result.RootId);
            w.WriteStartArray("periods");
            foreach (var p in result.Periods)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteNumber("period", result.Periods.IndexOf(period));
            w.WriteStartArray("units");
            foreach (var u in result.Units)
            {
                w.WriteStartObject();
                w.WriteString("id", u.Id);
                w.WriteString("name", ResultCharts.UnitName(u));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("nodes");
            for (var n = 0; n < nodeIds.Length; n++)
            {
                var id = nodeIds[n];
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", ResultCharts.NodeName(result, id, language));
                w.WriteNumber("parent", parent[n]);
                if (hidden[n])
                {
                    w.WriteBoolean("hidden", true);
                }

                if (indicators.Contains(id))
                {
                    w.WriteBoolean("indicator", true);
                    if (!hidden[n])
                    {
                        Scores(w, result, id, withCounts: false);
                    }
                }
                else if (!hidden[n])
                {
                    Group(w, result, groups[id], frozen[n], index, fitted, scaled, language);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("maps");
            foreach (var (svgId, nodeId, map) in maps)
            {
                w.WriteStartObject();
                w.WriteString("svg", svgId);
                w.WriteNumber("node", index[nodeId]);
                w.WriteStartArray("colors");
                foreach (var c in map.Classes)
                {
                    w.WriteStringValue(c.Color);
                }

                w.WriteEndArray();
                w.WriteNumber("decimals", map.Decimals);
                if (map.Output is { } output)
                {
                    // The map shows an output: the script rounds recomputed scores to its digits, ranks only the units
                    // its ranking covers and, with classes, colours by its class rules (see ChoroplethMap).
                    if (output.Definition.Rounding is { } rounding)
                    {
                        w.WriteNumber("digits", rounding.Digits);
                    }

                    w.WriteStartArray("unranked");
                    for (var j = 0; j < result.Units.Length; j++)
                    {
                        if (output.Definition.Ranking is null || output.GetRank(result.Units[j].Id, map.Period) is null)
                        {
                            w.WriteNumberValue(j);
                        }
                    }

                    w.WriteEndArray();
                    if (!output.Definition.Classes.IsDefaultOrEmpty)
                    {
                        w.WriteStartArray("classes");
                        foreach (var c in map.Classes)
                        {
                            w.WriteStartObject();
                            w.WriteString("label", c.Label);
                            w.WriteStartArray("rules");
                            foreach (var rule in output.Definition.Classes.Where(x => x.Label == c.Label))
                            {
                                w.WriteStartObject();
                                if (rule.Min is { } lo)
                                {
                                    w.WriteNumber("min", lo);
                                }

                                if (rule.Max is { } hi)
                                {
                                    w.WriteNumber("max", hi);
                                }

                                w.WriteBoolean("minIn", rule.MinInclusive);
                                w.WriteBoolean("maxIn", rule.MaxInclusive);
                                w.WriteEndObject();
                            }

                            w.WriteEndArray();
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            var outputs = d.Outputs.IsDefaultOrEmpty ? [] : d.Outputs.Where(o => o.Value is not ScoreExpression).Select(o => o.Id).ToList();
            if (outputs.Count > 0)
            {
                w.WriteString("outputsNote", ReportText.For(language).Format("explorer.outputsNote", string.Join(", ", outputs)));
            }

            // The script's interface text, in the report's language (the script inserts it with textContent).
            var text = ReportText.For(language);
            w.WriteStartObject("text");
            foreach (var key in ScriptKeys)
            {
                w.WriteString(key, text[key]);
            }

            w.WriteEndObject();

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Group(Utf8JsonWriter w, IndexResult result, GroupDefinition g, string? frozen, Dictionary<string, int> index, Dictionary<string, WeightingReport> fitted, bool counts, string? language)
    {
        var d = result.Definition;
        w.WriteStartArray("children");
        foreach (var c in g.Children)
        {
            w.WriteNumberValue(index[c.Id]);
        }

        w.WriteEndArray();
        var method = g.Aggregation ?? d.Aggregation ?? new ArithmeticAggregation();
        w.WriteString("method", method.MethodName);
        if (frozen is not null)
        {
            w.WriteString("frozen", frozen);
            Scores(w, result, g.Id, counts);
            return;
        }

        // Fixed weighting methods (explicit, equal, AHP, budget allocation) start from the weights they produced.
        w.WriteStartArray("weights");
        var report = g.Weighting is null ? null : fitted.GetValueOrDefault(g.Id);
        for (var k = 0; k < g.Children.Length; k++)
        {
            w.WriteNumberValue(report is not null && report.Weights.Length == g.Children.Length ? report.Weights[k] : g.Children[k].Weight);
        }

        w.WriteEndArray();
        if (report is not null)
        {
            w.WriteString("weighting", report.MethodName);
        }

        if (method is PowerMeanAggregation pm)
        {
            w.WriteNumber("power", pm.Power);
        }

        w.WriteBoolean("usesWeights", method.UsesWeights);
        var policy = g.MissingData ?? d.MissingData ?? new RenormalizeWeights();
        var scaling = g.WeightScaling == WeightScaling.AvailableIndicatorCount ? ", " + ReportText.For(language)["explorer.weightScaled"] : string.Empty;
        w.WriteString("describe", method.Describe(language) + scaling + "; " + policy.Describe(language)); // the methods' own sentences (one source of truth)
        w.WriteStartObject("missing");
        w.WriteString("rule", policy.MethodName);
        if (policy is RenormalizeWeights r)
        {
            w.WriteNumber("minShare", r.MinShare);
            w.WriteString("basis", r.Basis == ShareBasis.Count ? "count" : "weight");
        }

        w.WriteBoolean("outOfDomainAsMissing", policy.OutOfDomainAsMissing);
        w.WriteEndObject();
        if (g.WeightScaling == WeightScaling.AvailableIndicatorCount)
        {
            w.WriteBoolean("scaled", true);
        }
    }

    /// <summary>The node's scores per period (null for missing) and, when a group above scales by indicator counts, its counts.</summary>
    private static void Scores(Utf8JsonWriter w, IndexResult result, string id, bool withCounts)
    {
        w.WriteStartArray("scores");
        foreach (var p in result.Periods)
        {
            w.WriteStartArray();
            foreach (var v in result.GetScores(id, p).Span)
            {
                if (double.IsFinite(v))
                {
                    w.WriteNumberValue(v);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        if (!withCounts)
        {
            return;
        }

        w.WriteStartArray("counts");
        foreach (var p in result.Periods)
        {
            w.WriteStartArray();
            foreach (var u in result.Units)
            {
                w.WriteNumberValue(result.GetIndicatorCount(id, u.Id, p));
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    /// <summary>Formats a number for the page the way the script does (invariant, fixed decimals).</summary>
    public static string Fixed(double v, int decimals) => v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
