using System.Globalization;
using System.Text;
using System.Text.Json;
using CompositeIndex.Analysis;

namespace CompositeIndex.Cli;

/// <summary>The audit as terminal tables, one CSV per table, and JSON.</summary>
/// <remarks>Immutable after construction; one per invocation.</remarks>
internal sealed class AuditTables(IndexResult result, IndexAuditResult audit, string? language)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private IndexDefinition Definition => result.Definition;

    /// <summary>Gets the CSV files: name and writer, in a fixed order.</summary>
    public List<(string Name, Action<TextWriter> Write)> CsvFiles()
    {
        var files = new List<(string, Action<TextWriter>)>
        {
            ("statistics.csv", Statistics),
            ("availability_units.csv", UnitAvailability),
            ("availability_groups.csv", GroupAvailability),
            ("correlations.csv", Correlations),
            ("correlation_flags.csv", Flags),
            ("ancestor_correlations.csv", Ancestors),
            ("cronbach.csv", Cronbach),
            ("pca_variance.csv", PcaVariance),
            ("pca_loadings.csv", PcaLoadings),
            ("fa_groups.csv", FaGroups),
            ("fa_variance.csv", FaVariance),
            ("fa_loadings.csv", FaLoadings),
            ("effective_weights.csv", Weights),
            ("strengths_weaknesses.csv", Profiles),
        };
        if (!audit.Denominators.IsEmpty)
        {
            files.Add(("denominator_correlations.csv", Denominators));
        }

        return files;
    }

    /// <summary>Writes the essentials as text tables.</summary>
    public void WriteTables(TextWriter w, IReadOnlyList<string> units)
    {
        var d = Definition;
        var data = Describe(audit.StatisticsData);
        w.WriteLine($"Audit of {d.DisplayName(language)}{(d.Version is null ? string.Empty : " " + d.Version)}: {audit.Period}, {result.Units.Length} units, {d.Indicators.Length} indicators");
        w.WriteLine($"Statistics and availability: {data}; correlations, alpha, PCA and factor analysis: {Describe(audit.CorrelationData)}.");
        w.WriteLine();

        w.WriteLine($"Indicator statistics ({data}):");
        var stats = new TextTable().Column("indicator").Column("avail", right: true).Column("min", right: true).Column("max", right: true).Column("mean", right: true)
            .Column("median", right: true).Column("sd", right: true).Column("skew", right: true).Column("kurt", right: true).Column("flags");
        foreach (var s in audit.Statistics)
        {
            stats.Row(s.Id, Pct(s.FractionAvailable), Sig(s.Min), Sig(s.Max), Sig(s.Mean), Sig(s.Median), Sig(s.StandardDeviation), Common.Num(s.Skewness), Common.Num(s.Kurtosis), FlagText(s));
        }

        stats.Write(w);
        w.WriteLine("flags: outliers = |skew| > 2 and kurtosis > 3.5; low availability < 65 %; few non-zero / few unique < 50 % of units (COINr get_stats).");
        w.WriteLine();

        var complete = audit.Availability.Units.Count(u => u.Missing == 0);
        var lowest = audit.Availability.Units.Where(u => u.Missing > 0).OrderBy(u => u.Available).ThenBy(u => u.UnitId, StringComparer.Ordinal).Take(5).ToList();
        w.WriteLine($"Data availability: {complete} of {audit.Availability.Units.Length} units have every indicator" +
            (lowest.Count == 0 ? "." : $"; lowest: {string.Join(", ", lowest.Select(u => $"{u.UnitId} {Pct(u.Available)}"))}."));
        w.WriteLine();

        w.WriteLine($"Groups ({Describe(audit.CorrelationData)}; alpha over the group's indicators, PCA over its direct indicators):");
        var groups = new TextTable().Column("group").Column("level", right: true).Column("indicators", right: true).Column("avail", right: true).Column("alpha", right: true)
            .Column("PC1 var", right: true).Column("PCs for 80 %", right: true);
        var avail = audit.Availability.Groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal);
        foreach (var r in audit.Reliability.Reverse())
        {
            var pca = audit.PrincipalComponents.FirstOrDefault(p => p.GroupId == r.GroupId);
            groups.Row(Name(r.GroupId), r.GroupLevel.ToString(Inv), r.Variables.ToString(Inv), avail.TryGetValue(r.GroupId, out var a) ? Pct(a.Available) : "n/a", Common.Num(r.Alpha, "0.000"),
                pca is null ? "-" : Pct(pca.ProportionOfVariance[0]), pca is null ? "-" : (pca.CumulativeProportion.IndexOf(pca.CumulativeProportion.First(c => c >= 0.8 - 1e-12)) + 1).ToString(Inv));
        }

        groups.Write(w);
        w.WriteLine();

        if (!audit.FactorAnalyses.IsEmpty)
        {
            w.WriteLine($"Maximum-likelihood factor analysis by group ({Describe(audit.CorrelationData)}; varimax; factors by the Handbook's retention criteria, within ML's degrees of freedom):");
            var fa = new TextTable().Column("group").Column("indicators", right: true).Column("factors", right: true).Column("var expl", right: true)
                .Column("chi2", right: true).Column("df", right: true).Column("p", right: true).Column("Heywood / not fitted");
            var topDown = audit.Reliability.Reverse().Select(r => r.GroupId).ToList();
            foreach (var g in audit.FactorAnalyses.OrderBy(g => topDown.IndexOf(g.GroupId)))
            {
                if (g.Result is { } f)
                {
                    fa.Row(Name(g.GroupId), I(g.Variables.Length), I(f.Factors), Pct(f.ProportionOfVariance.Sum()), Common.Num(f.Statistic, "0.00"), I(f.DegreesOfFreedom), PValue(f.PValue),
                        f.HeywoodCases.IsEmpty ? string.Empty : string.Join(", ", f.HeywoodCases));
                }
                else
                {
                    fa.Row(Name(g.GroupId), I(g.Variables.Length), "-", "-", "-", "-", "-", g.Reason ?? string.Empty);
                }
            }

            fa.Write(w);
            w.WriteLine("chi2: Bartlett-corrected likelihood-ratio test that the factors suffice (n/a with 0 degrees of freedom); Heywood: uniqueness at the bound 0.005.");
            w.WriteLine();
        }

        var flags = audit.CorrelationFlags;
        w.WriteLine(flags.IsEmpty
            ? "Correlation flags: none (no pair of indicators in a group is collinear or negatively correlated)."
            : $"Correlation flags ({flags.Length}; Pearson within groups):");
        if (!flags.IsEmpty)
        {
            var t = new TextTable().Column("group").Column("indicator").Column("indicator").Column("r", right: true).Column("p", right: true).Column("flag");
            foreach (var f in flags)
            {
                t.Row(Name(f.GroupId), f.First, f.Second, Common.Num(f.Correlation, "0.000"), audit.Pearson is { } m ? PValue(m.PValue(f.First, f.Second)) : "n/a", f.Kind == CorrelationFlagKind.Collinear ? "collinear" : "negative");
            }

            t.Write(w);
        }

        w.WriteLine();
        if (!audit.Denominators.IsEmpty)
        {
            w.WriteLine(audit.DenominatorCorrelations.IsEmpty
                ? $"Denominator correlations: no indicator correlates with {string.Join(", ", audit.Denominators)} above the threshold."
                : $"Denominator correlations (raw data, |r| above the threshold):");
            if (!audit.DenominatorCorrelations.IsEmpty)
            {
                var t = new TextTable().Column("indicator").Column("denominator").Column("r", right: true).Column("n", right: true);
                foreach (var p in audit.DenominatorCorrelations)
                {
                    t.Row(p.IndicatorId, p.DenominatorId, Common.Num(p.Correlation, "0.000"), p.Count.ToString(Inv));
                }

                t.Write(w);
            }

            w.WriteLine();
        }

        w.WriteLine("Effective weights of the indicators (share of the index with every value present) and the mean share they carried:");
        var realized = audit.RealizedWeights.ToDictionary(r => r.IndicatorId, StringComparer.Ordinal);
        var weights = new TextTable().Column("indicator").Column("parent").Column("in parent", right: true).Column("effective", right: true).Column("realized", right: true);
        foreach (var e in audit.EffectiveWeights.Where(e => e.Level == 1 && realized.ContainsKey(e.NodeId)))
        {
            weights.Row(e.NodeId, e.ParentId is null ? "-" : Name(e.ParentId), Common.Num(e.WeightInParent, "0.000"), Common.Num(e.Effective, "0.0000"), Common.Num(realized[e.NodeId].MeanShare, "0.0000"));
        }

        weights.Write(w);
        w.WriteLine();

        var ranks = result.GetRanks(result.RootId, audit.Period);
        var chosen = units.Count > 0
            ? [.. units]
            : Enumerable.Range(0, result.Units.Length).Where(j => ranks[j] is not null).OrderBy(j => ranks[j]).ThenBy(j => j).Take(10).Select(j => result.Units[j].Id).ToList();
        w.WriteLine(units.Count > 0 ? "Strengths and weaknesses (rank among the units on each indicator):" : $"Strengths and weaknesses of the top {chosen.Count} units (rank on each indicator; --unit for others, --out for all):");
        var profiles = audit.Profiles.ToDictionary(p => p.UnitId, StringComparer.Ordinal);
        var sw = new TextTable().Column("rank", right: true).Column("unit").Column("strengths").Column("weaknesses");
        foreach (var id in chosen)
        {
            var p = profiles[id];
            var j = result.Units.Select(u => u.Id).ToList().IndexOf(id);
            sw.Row(ranks[j]?.ToString(Inv) ?? "-", id, string.Join(", ", p.Strengths.Select(x => $"{x.IndicatorId} ({x.Rank})")), string.Join(", ", p.Weaknesses.Select(x => $"{x.IndicatorId} ({x.Rank})")));
        }

        sw.Write(w);
    }

    /// <summary>Writes the whole audit as JSON (NaN as null).</summary>
    public void WriteJson(Stream stream)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteStartObject("index");
        j.WriteString("id", Definition.Id);
        j.WriteString("name", Definition.DisplayName(language));
        j.WriteString("definitionFingerprint", result.DefinitionFingerprint);
        j.WriteEndObject();
        j.WriteString("period", audit.Period);
        j.WriteString("statisticsData", Key(audit.StatisticsData));
        j.WriteString("correlationData", Key(audit.CorrelationData));
        Array(j, "statistics", audit.Statistics, s =>
        {
            j.WriteString("indicator", s.Id);
            Num(j, "min", s.Min);
            Num(j, "max", s.Max);
            Num(j, "mean", s.Mean);
            Num(j, "median", s.Median);
            Num(j, "sd", s.StandardDeviation);
            Num(j, "skewness", s.Skewness);
            Num(j, "kurtosis", s.Kurtosis);
            j.WriteNumber("units", s.Units);
            j.WriteNumber("available", s.Available);
            j.WriteNumber("nonZero", s.NonZero);
            j.WriteNumber("unique", s.Unique);
            j.WriteNumber("same", s.Same);
            Num(j, "fractionAvailable", s.FractionAvailable);
            j.WriteBoolean("lowAvailability", s.LowAvailability);
            j.WriteBoolean("lowNonZero", s.LowNonZero);
            j.WriteBoolean("lowUnique", s.LowUnique);
            j.WriteBoolean("outliers", s.Outliers);
        });
        j.WriteStartObject("availability");
        Array(j, "units", audit.Availability.Units, u =>
        {
            j.WriteString("unit", u.UnitId);
            j.WriteNumber("indicators", u.Indicators);
            j.WriteNumber("missing", u.Missing);
            j.WriteNumber("zero", u.Zero);
            Num(j, "available", u.Available);
            j.WriteStartObject("byGroup");
            foreach (var (g, v) in u.ByGroup)
            {
                Num(j, g, v);
            }

            j.WriteEndObject();
        });
        Array(j, "groups", audit.Availability.Groups, g =>
        {
            j.WriteString("group", g.GroupId);
            j.WriteNumber("level", g.Level);
            j.WriteNumber("cells", g.Cells);
            j.WriteNumber("missing", g.Missing);
            Num(j, "available", g.Available);
            j.WriteNumber("unitsBelowHalf", g.UnitsBelowHalf);
        });
        j.WriteEndObject();
        foreach (var (name, m) in new[] { ("pearson", audit.Pearson), ("spearman", audit.Spearman) })
        {
            if (m is null)
            {
                continue;
            }

            j.WriteStartObject(name);
            j.WriteStartArray("variables");
            foreach (var v in m.RowIds)
            {
                j.WriteStringValue(v);
            }

            j.WriteEndArray();
            Matrix(j, "r", m.ColumnIds.Length, m.Values);
            Matrix(j, "p", m.ColumnIds.Length, m.PValues);
            j.WriteStartArray("n");
            for (var r = 0; r < m.RowIds.Length; r++)
            {
                j.WriteStartArray();
                for (var c = 0; c < m.ColumnIds.Length; c++)
                {
                    j.WriteNumberValue(m.Counts[(r * m.ColumnIds.Length) + c]);
                }

                j.WriteEndArray();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        Array(j, "ancestorCorrelations", audit.AncestorCorrelations, a =>
        {
            j.WriteString("node", a.NodeId);
            j.WriteString("ancestor", a.AncestorId);
            j.WriteNumber("ancestorLevel", a.AncestorLevel);
            Num(j, "r", a.Correlation);
            Num(j, "p", a.PValue);
            j.WriteNumber("n", a.Count);
        });
        Array(j, "correlationFlags", audit.CorrelationFlags, f =>
        {
            j.WriteString("group", f.GroupId);
            j.WriteString("first", f.First);
            j.WriteString("second", f.Second);
            Num(j, "r", f.Correlation);
            j.WriteString("kind", f.Kind == CorrelationFlagKind.Collinear ? "collinear" : "negative");
        });
        Array(j, "cronbach", audit.Reliability, r =>
        {
            j.WriteString("group", r.GroupId);
            j.WriteNumber("level", r.GroupLevel);
            j.WriteNumber("dataLevel", r.DataLevel);
            j.WriteNumber("variables", r.Variables);
            Num(j, "alpha", r.Alpha);
        });
        Array(j, "pca", audit.PrincipalComponents, p =>
        {
            j.WriteString("group", p.GroupId);
            j.WriteNumber("unitsUsed", p.UnitsUsed.Length);
            NumArray(j, "standardDeviations", p.StandardDeviations);
            NumArray(j, "proportionOfVariance", p.ProportionOfVariance);
            NumArray(j, "cumulativeProportion", p.CumulativeProportion);
            j.WriteStartArray("variables");
            for (var v = 0; v < p.Variables.Length; v++)
            {
                j.WriteStartObject();
                j.WriteString("id", p.Variables[v]);
                NumArray(j, "loadings", p.Loadings[v]);
                Num(j, "weight", p.Weights[v]);
                Num(j, "squaredLoadingWeight", p.SquaredLoadingWeights[v]);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
        Array(j, "factorAnalysis", audit.FactorAnalyses, g =>
        {
            j.WriteString("group", g.GroupId);
            j.WriteBoolean("fitted", g.Result is not null);
            j.WriteString("reason", g.Reason);
            if (g.Result is not { } f)
            {
                j.WriteStartArray("variables");
                foreach (var v in g.Variables)
                {
                    j.WriteStartObject();
                    j.WriteString("id", v);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                return;
            }

            j.WriteString("extraction", "maximumLikelihood");
            j.WriteString("rotation", f.Rotation == FactorRotation.Varimax ? "varimax" : "none");
            j.WriteNumber("factors", f.Factors);
            j.WriteNumber("unitsUsed", f.UnitsUsed.Length);
            Num(j, "objective", f.Objective);
            j.WriteNumber("iterations", f.Iterations);
            j.WriteNumber("degreesOfFreedom", f.DegreesOfFreedom);
            Num(j, "statistic", f.Statistic);
            Num(j, "pValue", f.PValue);
            StringArray(j, "heywoodCases", f.HeywoodCases);
            NumArray(j, "explainedVariance", f.ExplainedVariance);
            NumArray(j, "proportionOfVariance", f.ProportionOfVariance);
            var communalities = f.Communalities;
            j.WriteStartArray("variables");
            for (var v = 0; v < f.Variables.Length; v++)
            {
                j.WriteStartObject();
                j.WriteString("id", f.Variables[v]);
                NumArray(j, "loadings", f.Loadings[v]);
                Num(j, "uniqueness", f.Uniquenesses[v]);
                Num(j, "communality", communalities[v]);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
        StringArray(j, "denominators", audit.Denominators);
        Array(j, "denominatorCorrelations", audit.DenominatorCorrelations, p =>
        {
            j.WriteString("indicator", p.IndicatorId);
            j.WriteString("denominator", p.DenominatorId);
            Num(j, "r", p.Correlation);
            j.WriteNumber("n", p.Count);
        });
        var realized = audit.RealizedWeights.ToDictionary(r => r.IndicatorId, StringComparer.Ordinal);
        Array(j, "effectiveWeights", audit.EffectiveWeights, e =>
        {
            j.WriteString("node", e.NodeId);
            j.WriteNumber("level", e.Level);
            j.WriteString("parent", e.ParentId);
            Num(j, "weightInParent", e.WeightInParent);
            Num(j, "effective", e.Effective);
            if (realized.TryGetValue(e.NodeId, out var r))
            {
                Num(j, "realized", r.MeanShare);
            }
        });
        Array(j, "strengthsAndWeaknesses", audit.Profiles, p =>
        {
            j.WriteString("unit", p.UnitId);
            Ranked(j, "strengths", p.Strengths);
            Ranked(j, "weaknesses", p.Weaknesses);
        });
        StringArray(j, "notes", audit.Notes);
        j.WriteEndObject();
    }

    public string JsonText()
    {
        using var ms = new MemoryStream();
        WriteJson(ms);
        return new UTF8Encoding(false).GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private static void Ranked(Utf8JsonWriter j, string name, IEnumerable<RankedIndicator> items) => Array(j, name, items, x =>
    {
        j.WriteString("indicator", x.IndicatorId);
        Num(j, "score", x.Score);
        j.WriteNumber("rank", x.Rank);
    });

    private static void Array<T>(Utf8JsonWriter j, string name, IEnumerable<T> items, Action<T> write)
    {
        j.WriteStartArray(name);
        foreach (var x in items)
        {
            j.WriteStartObject();
            write(x);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter j, string name, double v)
    {
        if (double.IsFinite(v))
        {
            j.WriteNumber(name, v);
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private static void StringArray(Utf8JsonWriter j, string name, IEnumerable<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values)
        {
            j.WriteStringValue(v);
        }

        j.WriteEndArray();
    }

    private static void NumArray(Utf8JsonWriter j, string name, IEnumerable<double> values)
    {
        j.WriteStartArray(name);
        NumValues(j, values);
        j.WriteEndArray();
    }

    private static void Matrix(Utf8JsonWriter j, string name, int columns, IReadOnlyList<double> values)
    {
        j.WriteStartArray(name);
        for (var r = 0; r * columns < values.Count; r++)
        {
            j.WriteStartArray();
            NumValues(j, values.Skip(r * columns).Take(columns));
            j.WriteEndArray();
        }

        j.WriteEndArray();
    }

    /// <summary>Array elements: each value, or null when it is not finite (JSON has no NaN).</summary>
    private static void NumValues(Utf8JsonWriter j, IEnumerable<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                j.WriteNumberValue(v);
            }
            else
            {
                j.WriteNullValue();
            }
        }
    }

    private void Statistics(TextWriter w)
    {
        Line(w, "indicator", "indicator_name", "dataset", "units", "available", "fraction_available", "min", "max", "mean", "median", "sd", "skewness", "kurtosis",
            "non_zero", "unique", "same", "flag_low_availability", "flag_low_non_zero", "flag_low_unique", "flag_outliers");
        foreach (var s in audit.Statistics)
        {
            Line(w, s.Id, Name(s.Id), Key(audit.StatisticsData), I(s.Units), I(s.Available), R(s.FractionAvailable), R(s.Min), R(s.Max), R(s.Mean), R(s.Median), R(s.StandardDeviation),
                R(s.Skewness), R(s.Kurtosis), I(s.NonZero), I(s.Unique), I(s.Same), B(s.LowAvailability), B(s.LowNonZero), B(s.LowUnique), B(s.Outliers));
        }
    }

    private void UnitAvailability(TextWriter w)
    {
        var groups = audit.Availability.Groups.Select(g => g.GroupId).ToList();
        Line(w, ["unit", "unit_name", "indicators", "missing", "zero", "available", "non_zero", .. groups]);
        var names = result.Units.ToDictionary(u => u.Id, u => u.Name ?? u.Id, StringComparer.Ordinal);
        foreach (var u in audit.Availability.Units)
        {
            Line(w, [u.UnitId, names.GetValueOrDefault(u.UnitId, u.UnitId), I(u.Indicators), I(u.Missing), I(u.Zero), R(u.Available), R(u.NonZero), .. groups.Select(g => R(u.ByGroup.GetValueOrDefault(g, double.NaN)))]);
        }
    }

    private void GroupAvailability(TextWriter w)
    {
        Line(w, "group", "group_name", "level", "cells", "missing", "available", "units_below_half");
        foreach (var g in audit.Availability.Groups)
        {
            Line(w, g.GroupId, Name(g.GroupId), I(g.Level), I(g.Cells), I(g.Missing), R(g.Available), I(g.UnitsBelowHalf));
        }
    }

    private void Correlations(TextWriter w)
    {
        Line(w, "dataset", "row", "column", "pearson", "pearson_p", "spearman", "spearman_p", "n");
        if (audit.Pearson is not { } p || audit.Spearman is not { } s)
        {
            return;
        }

        var k = p.ColumnIds.Length;
        for (var r = 0; r < p.RowIds.Length; r++)
        {
            for (var c = 0; c < k; c++)
            {
                var o = (r * k) + c;
                Line(w, Key(audit.CorrelationData), p.RowIds[r], p.ColumnIds[c], R(p.Values[o]), R(p.PValues[o]), R(s.Values[o]), R(s.PValues[o]), I(p.Counts[o]));
            }
        }
    }

    private void Flags(TextWriter w)
    {
        Line(w, "group", "first", "second", "pearson", "pearson_p", "kind");
        foreach (var f in audit.CorrelationFlags)
        {
            Line(w, f.GroupId, f.First, f.Second, R(f.Correlation), audit.Pearson is { } m ? R(m.PValue(f.First, f.Second)) : string.Empty, f.Kind == CorrelationFlagKind.Collinear ? "collinear" : "negative");
        }
    }

    private void Ancestors(TextWriter w)
    {
        Line(w, "node", "ancestor", "ancestor_level", "pearson", "pearson_p", "n");
        foreach (var a in audit.AncestorCorrelations)
        {
            Line(w, a.NodeId, a.AncestorId, I(a.AncestorLevel), R(a.Correlation), R(a.PValue), I(a.Count));
        }
    }

    private void Cronbach(TextWriter w)
    {
        Line(w, "dataset", "group", "group_name", "group_level", "data_level", "variables", "alpha");
        foreach (var r in audit.Reliability)
        {
            Line(w, Key(audit.CorrelationData), r.GroupId, Name(r.GroupId), I(r.GroupLevel), I(r.DataLevel), I(r.Variables), R(r.Alpha));
        }
    }

    private void PcaVariance(TextWriter w)
    {
        Line(w, "dataset", "group", "component", "sd", "variance", "proportion", "cumulative", "units_used");
        foreach (var p in audit.PrincipalComponents)
        {
            for (var c = 0; c < p.StandardDeviations.Length; c++)
            {
                Line(w, Key(audit.CorrelationData), p.GroupId ?? string.Empty, "PC" + I(c + 1), R(p.StandardDeviations[c]), R(p.Variances[c]), R(p.ProportionOfVariance[c]), R(p.CumulativeProportion[c]), I(p.UnitsUsed.Length));
            }
        }
    }

    private void PcaLoadings(TextWriter w)
    {
        var k = audit.PrincipalComponents.Select(p => p.StandardDeviations.Length).DefaultIfEmpty(0).Max();
        Line(w, ["dataset", "group", "variable", "center", "scale", "pca_weight", "squared_loading_weight", .. Enumerable.Range(1, k).Select(c => "PC" + I(c))]);
        foreach (var p in audit.PrincipalComponents)
        {
            for (var v = 0; v < p.Variables.Length; v++)
            {
                Line(w, [Key(audit.CorrelationData), p.GroupId ?? string.Empty, p.Variables[v], R(p.Center[v]), R(p.Scale[v]), R(p.Weights[v]), R(p.SquaredLoadingWeights[v]),
                    .. Enumerable.Range(0, k).Select(c => c < p.Loadings[v].Length ? R(p.Loadings[v][c]) : string.Empty)]);
            }
        }
    }

    private void FaGroups(TextWriter w)
    {
        Line(w, "dataset", "group", "group_name", "variables", "fitted", "factors", "units_used", "objective", "iterations", "degrees_of_freedom", "statistic", "p_value", "heywood_cases", "reason");
        foreach (var g in audit.FactorAnalyses)
        {
            var f = g.Result;
            Line(w, Key(audit.CorrelationData), g.GroupId, Name(g.GroupId), I(g.Variables.Length), B(f is not null), f is null ? string.Empty : I(f.Factors), f is null ? string.Empty : I(f.UnitsUsed.Length),
                f is null ? string.Empty : R(f.Objective), f is null ? string.Empty : I(f.Iterations), f is null ? string.Empty : I(f.DegreesOfFreedom), f is null ? string.Empty : R(f.Statistic),
                f is null ? string.Empty : R(f.PValue), f is null ? string.Empty : string.Join(';', f.HeywoodCases), g.Reason ?? string.Empty);
        }
    }

    private void FaVariance(TextWriter w)
    {
        Line(w, "dataset", "group", "factor", "explained_variance", "proportion", "cumulative");
        foreach (var f in audit.FactorAnalyses.Select(g => g.Result).OfType<FactorAnalysisResult>())
        {
            var cumulative = 0.0;
            var proportions = f.ProportionOfVariance;
            var explained = f.ExplainedVariance;
            for (var c = 0; c < f.Factors; c++)
            {
                cumulative += proportions[c];
                Line(w, Key(audit.CorrelationData), f.GroupId ?? string.Empty, "F" + I(c + 1), R(explained[c]), R(proportions[c]), R(cumulative));
            }
        }
    }

    private void FaLoadings(TextWriter w)
    {
        var fitted = audit.FactorAnalyses.Select(g => g.Result).OfType<FactorAnalysisResult>().ToList();
        var k = fitted.Select(f => f.Factors).DefaultIfEmpty(0).Max();
        Line(w, ["dataset", "group", "variable", "uniqueness", "communality", "heywood", .. Enumerable.Range(1, k).Select(c => "F" + I(c))]);
        foreach (var f in fitted)
        {
            var communalities = f.Communalities;
            for (var v = 0; v < f.Variables.Length; v++)
            {
                Line(w, [Key(audit.CorrelationData), f.GroupId ?? string.Empty, f.Variables[v], R(f.Uniquenesses[v]), R(communalities[v]), B(f.HeywoodCases.Contains(f.Variables[v])),
                    .. Enumerable.Range(0, k).Select(c => c < f.Factors ? R(f.Loadings[v][c]) : string.Empty)]);
            }
        }
    }

    private void Denominators(TextWriter w)
    {
        Line(w, "indicator", "denominator", "pearson", "n");
        foreach (var p in audit.DenominatorCorrelations)
        {
            Line(w, p.IndicatorId, p.DenominatorId, R(p.Correlation), I(p.Count));
        }
    }

    private void Weights(TextWriter w)
    {
        var realized = audit.RealizedWeights.ToDictionary(r => r.IndicatorId, StringComparer.Ordinal);
        Line(w, "node", "node_name", "kind", "level", "parent", "weight_in_parent", "effective", "realized_mean_share");
        foreach (var e in audit.EffectiveWeights)
        {
            var indicator = realized.TryGetValue(e.NodeId, out var r);
            Line(w, e.NodeId, Name(e.NodeId), indicator ? "indicator" : "group", I(e.Level), e.ParentId ?? string.Empty, R(e.WeightInParent), R(e.Effective), indicator ? R(r!.MeanShare) : string.Empty);
        }
    }

    private void Profiles(TextWriter w)
    {
        Line(w, "unit", "period", "kind", "position", "indicator", "score", "rank");
        foreach (var p in audit.Profiles)
        {
            for (var k = 0; k < p.Strengths.Length; k++)
            {
                Line(w, p.UnitId, p.Period, "strength", I(k + 1), p.Strengths[k].IndicatorId, R(p.Strengths[k].Score), I(p.Strengths[k].Rank));
            }

            for (var k = 0; k < p.Weaknesses.Length; k++)
            {
                Line(w, p.UnitId, p.Period, "weakness", I(k + 1), p.Weaknesses[k].IndicatorId, R(p.Weaknesses[k].Score), I(p.Weaknesses[k].Rank));
            }
        }
    }

    private string Name(string id) => Common.NodeName(Definition, id, language);

    private static string Describe(AuditDataSet set) => set == AuditDataSet.Raw ? "raw data" : "normalised scores";

    private static string Key(AuditDataSet set) => set == AuditDataSet.Raw ? "raw" : "normalized";

    private static string FlagText(IndicatorStatistics s)
    {
        var f = new List<string>();
        if (s.Outliers)
        {
            f.Add("outliers");
        }

        if (s.LowAvailability)
        {
            f.Add("low availability");
        }

        if (s.LowNonZero)
        {
            f.Add("few non-zero");
        }

        if (s.LowUnique)
        {
            f.Add("few unique");
        }

        return string.Join(", ", f);
    }

    private static string Pct(double v) => double.IsNaN(v) ? "n/a" : (100 * v).ToString("0", Inv) + " %";

    private static string PValue(double p) => double.IsNaN(p) ? "n/a" : p < 0.001 ? "<0.001" : p.ToString("0.000", Inv);

    /// <summary>Formats a statistic with about four significant digits (large values without decimals).</summary>
    internal static string Sig(double v)
    {
        if (!double.IsFinite(v))
        {
            return double.IsNaN(v) ? "n/a" : v.ToString(Inv);
        }

        var a = Math.Abs(v);
        var format = a >= 1e7 ? "0.###e+0" : a >= 1000 ? "0" : a >= 100 ? "0.0" : a >= 1 ? "0.00" : a == 0 ? "0" : a >= 0.001 ? "0.####" : "0.###e+0";
        return (v == 0 ? 0.0 : v).ToString(format, Inv);
    }

    private static string R(double v) => double.IsNaN(v) ? string.Empty : v.ToString("R", Inv);

    private static string I(int v) => v.ToString(Inv);

    private static string B(bool v) => v ? "true" : "false";

    private static void Line(TextWriter w, params string[] fields) =>
        w.Write(string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)) + "\n");
}
