using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// Reads COINr's ASEM example and its expected outputs (<c>../shared/data/coinr-asem</c>): quoted CSV, R's
/// <c>NA</c>/<c>NaN</c>/<c>Inf</c>, the indicator metadata (iMeta) and the framework (lineage).
/// </summary>
internal static class AsemGolden
{
    public const string Folder = "coinr-asem";

    public const string Period = "2018";

    public static string PathOf(params string[] parts) => SharedData.PathOf([Folder, .. parts]);

    /// <summary>A CSV table: header and rows of raw strings (quotes removed).</summary>
    public sealed record Table(ImmutableArray<string> Header, ImmutableArray<ImmutableArray<string>> Rows)
    {
        public int Col(string name)
        {
            var i = Header.IndexOf(name);
            return i >= 0 ? i : throw new KeyNotFoundException($"column {name}");
        }

        public IEnumerable<string> Column(string name)
        {
            var i = Col(name);
            return Rows.Select(r => r[i]);
        }
    }

    public static Table Read(params string[] parts)
    {
        var lines = ParseCsv(File.ReadAllText(PathOf(parts)));
        return new Table([.. lines[0]], [.. lines.Skip(1).Select(l => l.ToImmutableArray())]);
    }

    public static double Number(string s) => s switch
    {
        "NA" or "" => double.NaN,
        "NaN" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static bool IsNa(string s) => s is "NA" or "";

    /// <summary>Indicator metadata rows (Type == Indicator): code, direction, parent, target, weight.</summary>
    public sealed record Meta(string Code, int Level, int Direction, string? Parent, double Target, double Weight, string Type);

    public static ImmutableArray<Meta> IMeta()
    {
        var t = Read("ASEM_iMeta.csv");
        return [.. t.Rows.Select(r => new Meta(
            r[t.Col("iCode")],
            IsNa(r[t.Col("Level")]) ? 0 : int.Parse(r[t.Col("Level")], CultureInfo.InvariantCulture),
            IsNa(r[t.Col("Direction")]) ? 0 : int.Parse(r[t.Col("Direction")], CultureInfo.InvariantCulture),
            IsNa(r[t.Col("Parent")]) ? null : r[t.Col("Parent")],
            Number(r[t.Col("Target")]),
            Number(r[t.Col("Weight")]),
            r[t.Col("Type")]))];
    }

    public static ImmutableArray<Meta> Indicators() => [.. IMeta().Where(m => m.Type == "Indicator")];

    /// <summary>Reads a wide data set (uCode + columns) as a one-period panel of the named columns (all numeric columns when null).</summary>
    public static Panel Panel(string[] file, IEnumerable<string>? columns = null)
    {
        var t = Read(file);
        var cols = (columns ?? t.Header.Where(h => h != "uCode" && h != "uName")).ToList();
        var b = new PanelBuilder();
        var u = t.Col("uCode");
        foreach (var row in t.Rows)
        {
            b.AddUnit(new UnitInfo(row[u]));
        }

        foreach (var c in cols)
        {
            var ci = t.Col(c);
            foreach (var row in t.Rows)
            {
                if (!IsNa(row[ci]) && row[ci] != "NaN")
                {
                    b.AddValue(c, row[u], Period, Number(row[ci]));
                }
            }
        }

        return b.Build();
    }

    /// <summary>The ASEM framework as a definition: 49 indicators with COINr directions, 8 pillars, 2 sub-indices, the index; iMeta weights.</summary>
    public static IndexDefinition Definition(NormalizationMethod normalization, Func<Meta, IndicatorDefinition, IndicatorDefinition>? configure = null)
    {
        var meta = IMeta();
        var indicators = meta.Where(m => m.Type == "Indicator").Select(m =>
        {
            var d = new IndicatorDefinition { Id = m.Code, Polarity = m.Direction < 0 ? Polarity.Negative : Polarity.Positive };
            return configure is null ? d : configure(m, d);
        }).ToImmutableArray();
        var groups = meta.Where(m => m.Type == "Aggregate").Select(g => new GroupDefinition
        {
            Id = g.Code,
            Children = [.. meta.Where(c => c.Parent == g.Code && (c.Type == "Indicator" || c.Type == "Aggregate")).Select(c => new ChildReference(c.Code, c.Weight))],
        }).ToImmutableArray();
        return new IndexDefinition { Id = "asem", Name = "ASEM", Indicators = indicators, Groups = groups, Normalization = normalization };
    }

    /// <summary>Normalises one column with a method, outside the engine (so that COINr's Inf/NaN cells can be compared too).</summary>
    public static double[] NormalizeColumn(NormalizationMethod method, Panel panel, string indicator, Polarity polarity, ImmutableSortedDictionary<string, string>? metadata = null)
    {
        var i = panel.IndexOfIndicator(indicator);
        var output = new double[panel.Units.Length * panel.Periods.Length];
        var ctx = new NormalizationContext(indicator, polarity, panel.Units, panel.Periods, panel.RawValues, panel.Offset(i, 0), output, 0, [])
        {
            Metadata = metadata ?? ImmutableSortedDictionary<string, string>.Empty,
        };
        method.Normalize(ctx);
        return output;
    }

    /// <summary>Asserts |actual − expected| ≤ tol·max(1, |expected|); NA/NaN and ±Inf must match exactly.</summary>
    public static void Near(double expected, double actual, double tol, string where)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), $"{where}: expected {expected}, got {actual}");
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= tol * Math.Max(1, Math.Abs(expected)), $"{where}: expected {expected:R}, got {actual:R} (diff {Math.Abs(actual - expected):E2})");
    }

    /// <summary>Asserts that <paramref name="actual"/> rounds to <paramref name="expected"/> at <paramref name="digits"/> significant digits (R's <c>signif</c>).</summary>
    public static void Signif(double expected, double actual, int digits, string where)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{where}: expected NA, got {actual}");
            return;
        }

        if (expected == 0)
        {
            Assert.True(Math.Abs(actual) < 1e-300 || Math.Abs(actual) < 0.5 * Math.Pow(10, -digits), $"{where}: expected 0, got {actual:R}");
            return;
        }

        var e = Math.Floor(Math.Log10(Math.Abs(expected)));
        var half = 0.5 * Math.Pow(10, e - digits + 1);
        Assert.True(Math.Abs(actual - expected) <= half * (1 + 1e-9), $"{where}: expected {expected:R} ({digits} sig. digits), got {actual:R}");
    }

    /// <summary>Asserts that <paramref name="actual"/> rounds to <paramref name="expected"/> at <paramref name="decimals"/> decimal places (R's <c>round</c>).</summary>
    public static void Round(double expected, double actual, int decimals, string where)
    {
        var half = 0.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(actual - expected) <= half * (1 + 1e-9), $"{where}: expected {expected:R} ({decimals} dp), got {actual:R}");
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                wasQuoted = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0 || wasQuoted)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
