using System.Globalization;
using System.Reflection;
using System.Text;

namespace CompositeIndex.Reporting;

/// <summary>
/// Writes a self-contained HTML report of an index result: one file with inline CSS and inline SVG charts, no
/// scripts, no external fonts, images or links, readable offline, on a phone and in print.
/// </summary>
/// <remarks>
/// <para>Sections: overview (definition name, id, version, fingerprint, units, periods, data coverage); ranking table
/// with the score of every top-level group and the rank change since the previous period; a bar chart per group;
/// stacked contribution bars; uncertainty (rank intervals) and sensitivity (Sobol indices) when
/// <see cref="ReportOptions.Sensitivity"/> is given; the statistical audit (<see cref="ReportOptions.IncludeAudit"/>:
/// indicator statistics with flags, a correlation heatmap with flagged pairs, Cronbach's alpha, PCA and
/// maximum-likelihood factor analysis per group, effective weights, strengths and weaknesses), or an indicator correlation heatmap without it; data quality (missing,
/// imputed and treated values, the audit log); methods and weights; fitted parameters.</para>
/// <para>The output is deterministic (see <see cref="ReportOptions"/>). Stateless and thread-safe.</para>
/// </remarks>
public static partial class HtmlReport
{
    private const string Css = """
        :root{--ink:#222;--muted:#666;--rule:#ddd;--accent:#0072B2;--bg:#fff;--band:#f6f7f9}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 "DejaVu Sans",system-ui,sans-serif}
        main{max-width:980px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.2em 0 .1em}
        h2{font-size:1.25em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--accent)}
        h3{font-size:1.05em;margin:1.2em 0 .4em}
        p.lead{color:var(--muted);margin:.2em 0 1em}
        nav ul{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.3em .9em;font-size:.9em}
        nav a{color:var(--accent)}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}
        dl.facts dt{color:var(--muted)} dl.facts dd{margin:0;overflow-wrap:anywhere}
        .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0}
        table{border-collapse:collapse;font-size:.88em;min-width:50%}
        th,td{padding:.25em .6em;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
        th{background:var(--band);position:sticky;top:0}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tr.missing td{color:var(--muted)}
        tr.flagged td{background:#fff4e5}
        code{font-size:.9em;overflow-wrap:anywhere}
        figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}
        figure svg{display:block;max-width:100%;height:auto}
        figcaption{font-size:.85em;color:var(--muted)}
        .up{color:#1a7f37}.down{color:#b42318}
        .note{font-size:.88em;color:var(--muted)}
        footer{margin-top:2em;padding-top:.5em;border-top:1px solid var(--rule);font-size:.8em;color:var(--muted)}
        @media (max-width:600px){body{font-size:14px}main{padding:10px}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4em}}
        @media print{body{font-size:10.5pt}main{max-width:none;padding:0}nav{display:none}h2{break-after:avoid;page-break-after:avoid}
          th{position:static}.table-wrap{overflow:visible}a{color:inherit;text-decoration:none}}
        """;

    /// <summary>Writes the report.</summary>
    /// <param name="result">The result to report.</param>
    /// <param name="options">What to show; <see langword="null"/> for <see cref="ReportOptions.Default"/>.</param>
    /// <param name="writer">The destination (the caller chooses the encoding; UTF-8 is declared in the page).</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="KeyNotFoundException"><see cref="ReportOptions.Period"/> is not a period of the result.</exception>
    public static void Write(IndexResult result, ReportOptions? options, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Render(result, options));
    }

    /// <summary>Renders the report as a string.</summary>
    /// <param name="result">The result to report.</param>
    /// <param name="options">What to show; <see langword="null"/> for <see cref="ReportOptions.Default"/>.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="KeyNotFoundException"><see cref="ReportOptions.Period"/> is not a period of the result.</exception>
    public static string Render(IndexResult result, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = options ?? ReportOptions.Default;
        if (o.MaxChartRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.MaxChartRows, "MaxChartRows must be positive.");
        }

        if (o.MaxListRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.MaxListRows, "MaxListRows must be positive.");
        }

        return new Writer(result, o).Render();
    }

    private static string H(string? s) => HtmlText.Escape(s);

    private static string F(double v, string format = "0.00") => SvgBuilder.Format(v, format);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Describes a method record as "methodName (Parameter = value, ...)" from its record printout.</summary>
    internal static string Describe(object? method, string? methodName)
    {
        if (method is null)
        {
            return string.Empty;
        }

        var text = method.ToString() ?? string.Empty;
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        var name = methodName ?? method.GetType().Name;
        if (brace < 0)
        {
            return name;
        }

        var inner = text[(brace + 1)..].TrimEnd('}', ' ').Trim();
        return inner.Length == 0 ? name : $"{name} ({inner})";
    }

    private sealed partial class Writer(IndexResult result, ReportOptions o)
    {
        private readonly StringBuilder sb = new();
        private readonly string period = ResultCharts.PeriodOrLatest(result, o.Period);
        private readonly List<(string Id, string Title)> sections = [];

        private string? Previous
        {
            get
            {
                var t = result.Periods.IndexOf(period);
                return t > 0 ? result.Periods[t - 1] : null;
            }
        }

        public string Render()
        {
            var body = new StringBuilder();
            var title = o.Title ?? result.Definition.DisplayName(o.Language);
            Section("overview", "Overview", Overview);
            Section("ranking", "Ranking", Ranking);
            if (o.Interactive)
            {
                Section("explorer", "What if? Weight explorer", ExplorerSection);
            }

            Section("scores", "Scores by group", GroupCharts);
            if (o.Map is not null)
            {
                Section("map", "Maps", MapSection);
            }

            Section("contributions", "Contributions", ContributionCharts);
            if (o.Sensitivity is { } s && (!s.RankIntervals.IsDefaultOrEmpty || !s.Indices.IsDefaultOrEmpty))
            {
                Section("uncertainty", "Uncertainty and sensitivity", () => Uncertainty(s));
            }

            if (o.IncludeAudit)
            {
                Section("audit", "Statistical audit", Audit);
            }
            else if (result.Definition.Indicators.Length >= 2)
            {
                Section("correlations", "Indicator correlations", Correlations);
            }

            Section("quality", "Data quality", Quality);
            Section("methods", "Methods and weights", Methods);
            Section("parameters", "Fitted parameters", Parameters);

            body.Append("<!DOCTYPE html>\n<html lang=\"").Append(H(o.Language ?? "en")).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta name=\"generator\" content=\"").Append(H(Generator())).Append("\">\n")
                .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append(o.Interactive ? "\n" + HtmlReport.Resource("explorer.css") : string.Empty).Append("\n</style>\n</head>\n<body>\n<main>\n")
                .Append("<header>\n<h1>").Append(H(title)).Append("</h1>\n<p class=\"lead\">")
                .Append(H(result.Definition.Description ?? $"Composite index results for {period}.")).Append("</p>\n");
            if (o.Notes is not null)
            {
                body.Append("<p class=\"note\">").Append(H(o.Notes)).Append("</p>\n");
            }

            body.Append("<nav aria-label=\"Sections\"><ul>");
            foreach (var (id, name) in sections)
            {
                body.Append("<li><a href=\"#").Append(id).Append("\">").Append(H(name)).Append("</a></li>");
            }

            body.Append("</ul></nav>\n</header>\n").Append(sb)
                .Append("<footer>Generated by ").Append(H(Generator())).Append(". This file is self-contained: it loads nothing from the network.</footer>\n")
                .Append("</main>\n").Append(o.Interactive ? "<script>\n" + HtmlReport.Resource("explorer.js") + "</script>\n" : string.Empty).Append("</body>\n</html>\n");
            return body.ToString();
        }

        private string Generator()
        {
            if (o.Generator is not null)
            {
                return o.Generator;
            }

            var version = typeof(HtmlReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return "CompositeIndex.Reporting " + (plus >= 0 ? version[..plus] : version);
        }

        private void Section(string id, string title, Action content)
        {
            sections.Add((id, title));
            sb.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(H(title)).Append("</h2>\n");
            content();
            sb.Append("</section>\n");
        }

        private string Name(string id) => ResultCharts.NodeName(result, id, o.Language);

        private void Overview()
        {
            var d = result.Definition;
            var indicators = d.Indicators;
            var present = 0;
            var total = 0;
            foreach (var ind in indicators)
            {
                var (p, n) = Coverage(ind.Id, period);
                present += p;
                total += n;
            }

            sb.Append("<dl class=\"facts\">\n");
            Fact("Index", d.DisplayName(o.Language), code: d.Id, prefix: " (id ", suffix: ")");
            Fact("Version", d.Version ?? "not set");
            if (o.Fingerprint is not null)
            {
                Fact("Fingerprint", string.Empty, code: o.Fingerprint);
            }

            if (o.DataSource is not null)
            {
                Fact("Data", o.DataSource);
            }

            Fact("Structure", string.Create(CultureInfo.InvariantCulture, $"{indicators.Length} indicators in {d.Groups.Length} groups"));
            Fact("Units", I(result.Units.Length));
            Fact("Periods", string.Join(", ", result.Periods) + $" (this report shows {period})");
            Fact("Data coverage", total == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{present} of {total} indicator values present in {period} ({F(100.0 * present / total, "0.0")} %)"));
            var scored = result.GetScores(result.RootId, period).ToArray().Count(double.IsFinite);
            Fact("Index scores", string.Create(CultureInfo.InvariantCulture, $"{scored} of {result.Units.Length} units have a score in {period}"));
            sb.Append("</dl>\n");

            // Every part is escaped: no user string (name, id, fingerprint, data source) is ever written raw.
            void Fact(string key, string value, string? code = null, string prefix = "", string suffix = "")
            {
                sb.Append("<dt>").Append(H(key)).Append("</dt><dd>").Append(H(value));
                if (code is not null)
                {
                    sb.Append(H(prefix)).Append("<code>").Append(H(code)).Append("</code>").Append(H(suffix));
                }

                sb.Append("</dd>\n");
            }
        }

        /// <summary>Present and total raw values of an indicator in a period (from the panel when given, else from the normalised scores).</summary>
        private (int Present, int Total) Coverage(string indicator, string t)
        {
            if (o.Data is { } panel)
            {
                var i = panel.IndexOfIndicator(indicator);
                var p = panel.IndexOfPeriod(t);
                if (i < 0 || p < 0)
                {
                    return (0, panel.Units.Length);
                }

                var values = panel.GetValues(i, p);
                var n = 0;
                foreach (var v in values)
                {
                    n += double.IsNaN(v) ? 0 : 1;
                }

                return (n, values.Length);
            }

            var scores = result.GetScores(indicator, t).Span;
            var count = 0;
            foreach (var v in scores)
            {
                count += double.IsNaN(v) ? 0 : 1;
            }

            return (count, scores.Length);
        }

        private List<GroupDefinition> TopGroups()
        {
            var root = result.Definition.Groups.First(g => g.Id == result.RootId);
            return [.. root.Children.Select(c => result.Definition.Groups.FirstOrDefault(g => g.Id == c.Id)).OfType<GroupDefinition>()];
        }

        private void Ranking()
        {
            var root = result.RootId;
            var scores = result.GetScores(root, period).ToArray();
            var ranks = result.GetRanks(root, period);
            var previous = Previous;
            var before = previous is null ? default : result.GetRanks(root, previous);
            var top = TopGroups();
            var rootGroup = result.Definition.Groups.First(g => g.Id == root);
            var columns = top.Count > 0 ? top.Select(g => g.Id).ToList() : [.. rootGroup.Children.Select(c => c.Id)];
            var groupScores = columns.Select(c => result.GetScores(c, period).ToArray()).ToList();

            sb.Append("<p class=\"note\">Ranks in ").Append(H(period)).Append(": 1 is best; tied scores share the best rank (1, 2, 2, 4).");
            if (previous is not null)
            {
                sb.Append(" Δ rank is the change since ").Append(H(previous)).Append(" (positive = moved up).");
            }

            sb.Append("</p>\n<div class=\"table-wrap\"><table class=\"ranking\">\n<thead><tr><th class=\"num\">Rank</th><th>Unit</th><th class=\"num\">")
              .Append(H(Name(root))).Append("</th>");
            if (previous is not null)
            {
                sb.Append("<th class=\"num\">Δ rank</th>");
            }

            foreach (var c in columns)
            {
                sb.Append("<th class=\"num\">").Append(H(Name(c))).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var j in ResultCharts.Order(scores))
            {
                var unit = result.Units[j];
                sb.Append(double.IsNaN(scores[j]) ? "<tr class=\"missing\">" : "<tr>")
                  .Append("<td class=\"num\">").Append(ranks[j] is { } r ? I(r) : "–").Append("</td><td>").Append(H(ResultCharts.UnitName(unit)))
                  .Append("</td><td class=\"num\">").Append(F(scores[j], "0.00")).Append("</td>");
                if (previous is not null)
                {
                    var delta = ranks[j] is { } now && before[j] is { } then ? then - now : (int?)null;
                    sb.Append("<td class=\"num").Append(delta > 0 ? " up" : delta < 0 ? " down" : string.Empty).Append("\">")
                      .Append(delta is { } dv ? dv.ToString("+0;−0;0", CultureInfo.InvariantCulture) : "–").Append("</td>");
                }

                foreach (var g in groupScores)
                {
                    sb.Append("<td class=\"num\">").Append(F(g[j], "0.00")).Append("</td>");
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        private void GroupCharts()
        {
            var groups = ResultCharts.GroupsTopDown(result);
            var depthLimited = groups.Length > 12;
            foreach (var g in groups)
            {
                if (depthLimited && g.Id != result.RootId && !TopGroups().Contains(g))
                {
                    continue;
                }

                Figure(ResultCharts.Scores(result, g.Id, period, new ChartOptions { Title = $"{Name(g.Id)}, {period}", Id = "scores-" + g.Id }, o.Language, o.MaxChartRows, standalone: false), null);
            }

            if (depthLimited)
            {
                sb.Append("<p class=\"note\">The index has many groups; charts show the index and its top-level groups only (the ranking table and the CSV/JSON outputs have every score).</p>\n");
            }
        }

        private void ContributionCharts()
        {
            sb.Append("<p class=\"note\">Each bar splits a score into the contributions of the group's children (weight share × score for an arithmetic mean, the equivalent shares for other means); the segments add up to the score.</p>\n");
            foreach (var g in ResultCharts.GroupsTopDown(result).Where(g => g.Id == result.RootId || TopGroups().Contains(g)))
            {
                if (g.Children.Length < 2)
                {
                    continue;
                }

                Figure(ResultCharts.Contributions(result, g.Id, period, new ChartOptions { Title = $"Contributions to {Name(g.Id)}, {period}", Id = "contrib-" + g.Id }, o.Language, o.MaxChartRows, standalone: false), null);
            }
        }

        private void Uncertainty(SensitivityReport s)
        {
            if (s.Summary is not null)
            {
                sb.Append("<p class=\"note\">").Append(H(s.Summary)).Append("</p>\n");
            }

            if (!s.RankIntervals.IsDefaultOrEmpty)
            {
                var shown = s.RankIntervals.Take(o.MaxChartRows).ToList();
                var caption = shown.Count < s.RankIntervals.Length ? string.Create(CultureInfo.InvariantCulture, $"Showing {shown.Count} of {s.RankIntervals.Length} units.") : null;
                Figure(SvgCharts.RankIntervals(shown, new ChartOptions { Title = "Rank intervals under uncertainty", Id = "rank-intervals", Caption = caption }, standalone: false),
                    "Lines span the rank interval over the replicates; dots mark the median rank and diamonds the nominal rank.");
            }

            if (!s.Indices.IsDefaultOrEmpty)
            {
                Figure(SvgCharts.SensitivityIndices(s.Indices, new ChartOptions { Title = "Sobol sensitivity indices" + (s.Output is null ? string.Empty : $" of {s.Output}"), Id = "sobol" }, standalone: false),
                    "First-order (S1) and total-effect (ST) indices with confidence intervals. Estimates can be slightly negative or exceed 1 through sampling error.");
                sb.Append("<div class=\"table-wrap\"><table class=\"sobol\"><thead><tr><th>Input</th><th class=\"num\">S1</th><th class=\"num\">± conf</th><th class=\"num\">ST</th><th class=\"num\">± conf</th></tr></thead>\n<tbody>\n");
                foreach (var i in s.Indices)
                {
                    sb.Append("<tr><td>").Append(H(i.Label)).Append("</td><td class=\"num\">").Append(F(i.S1, "0.000")).Append("</td><td class=\"num\">").Append(F(i.S1Conf, "0.000"))
                      .Append("</td><td class=\"num\">").Append(F(i.ST, "0.000")).Append("</td><td class=\"num\">").Append(F(i.STConf, "0.000")).Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }
        }

        private void Correlations()
        {
            var matrix = ResultCharts.CorrelationMatrix(result, period, o.Language);
            Figure(SvgCharts.Heatmap(matrix, new ChartOptions { Title = $"Pearson correlations of normalised indicators, {period}", Id = "correlations" }, standalone: false),
                "Pairwise complete observations; grey cells have fewer than two pairs or no variance. Normalised scores already point in the 'higher is better' direction, so a negative correlation means indicators pull apart.");
        }

        private void Quality()
        {
            var audit = result.Audit;
            var imputed = audit.Where(a => a.UnitId is not null && Is(a.Step, "imput")).GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var treated = audit.Where(a => a.UnitId is not null && (Is(a.Step, "treat") || Is(a.Step, "winsor") || Is(a.Step, "cap") || Is(a.Step, "outlier"))).GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            sb.Append("<p class=\"note\">Missing values are counted in ").Append(H(period)).Append(o.Data is null ? " from the normalised scores (raw data not supplied)" : " in the raw data")
              .Append("; imputed and treated (capped, winsorised) values come from the audit log over all periods.</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"quality\"><thead><tr><th>Indicator</th><th class=\"num\">Present</th><th class=\"num\">Missing</th><th class=\"num\">Imputed</th><th class=\"num\">Treated</th></tr></thead>\n<tbody>\n");
            foreach (var ind in result.Definition.Indicators)
            {
                var (present, total) = Coverage(ind.Id, period);
                sb.Append("<tr><td>").Append(H(ind.DisplayName(o.Language))).Append("</td><td class=\"num\">").Append(I(present)).Append("</td><td class=\"num\">").Append(I(total - present))
                  .Append("</td><td class=\"num\">").Append(I(imputed.GetValueOrDefault(ind.Id))).Append("</td><td class=\"num\">").Append(I(treated.GetValueOrDefault(ind.Id))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n<h3>Audit log</h3>\n");
            if (audit.IsEmpty)
            {
                sb.Append("<p>No step reported anything (no values imputed, treated or left missing).</p>\n");
                return;
            }

            sb.Append("<p>");
            sb.AppendJoin("; ", audit.GroupBy(a => a.Step).Select(g => string.Create(CultureInfo.InvariantCulture, $"{H(g.Key)}: {g.Count()} entries")));
            sb.Append(".</p>\n<div class=\"table-wrap\"><table class=\"audit\"><thead><tr><th>Step</th><th>Node</th><th>Unit</th><th>Period</th><th>Message</th></tr></thead>\n<tbody>\n");
            foreach (var a in audit.Take(o.MaxListRows))
            {
                sb.Append("<tr><td>").Append(H(a.Step)).Append("</td><td>").Append(H(a.NodeId)).Append("</td><td>").Append(H(a.UnitId)).Append("</td><td>").Append(H(a.Period))
                  .Append("</td><td>").Append(H(a.Message)).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            if (audit.Length > o.MaxListRows)
            {
                sb.Append("<p class=\"note\">").Append(I(o.MaxListRows)).Append(" of ").Append(I(audit.Length)).Append(" entries shown; the JSON output has all of them.</p>\n");
            }

            static bool Is(string step, string word) => step.Contains(word, StringComparison.OrdinalIgnoreCase);
        }

        private void Methods()
        {
            var d = result.Definition;
            var parent = new Dictionary<string, (GroupDefinition Group, double Weight)>(StringComparer.Ordinal);
            foreach (var g in d.Groups)
            {
                var sum = g.Children.Sum(c => c.Weight);
                foreach (var c in g.Children)
                {
                    parent[c.Id] = (g, sum > 0 ? c.Weight / sum : double.NaN);
                }
            }

            sb.Append("<p class=\"note\">Weights are relative within each group (shown re-normalised to sum to 1); for a unit with missing children the missing-data policy re-normalises them again over the children present.</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"methods\"><thead><tr><th>Node</th><th>Kind</th><th>Parent</th><th class=\"num\">Weight</th><th>Method</th><th>Direction / missing data</th></tr></thead>\n<tbody>\n");
            foreach (var g in ResultCharts.GroupsTopDown(result))
            {
                Row(g.Id, "group", HtmlReport.Describe(g.Aggregation ?? d.Aggregation, (g.Aggregation ?? d.Aggregation)?.MethodName) is { Length: > 0 } a ? a : "arithmetic (default)",
                    HtmlReport.Describe(g.MissingData ?? d.MissingData, (g.MissingData ?? d.MissingData)?.MethodName) is { Length: > 0 } m ? m : "renormalize (default)");
            }

            foreach (var ind in d.Indicators)
            {
                var method = ind.Normalization ?? FindGroupNormalization(ind.Id) ?? d.Normalization;
                Row(ind.Id, "indicator", HtmlReport.Describe(method, method?.MethodName), ind.Polarity == Polarity.Negative ? "lower is better" : "higher is better");
            }

            sb.Append("</tbody></table></div>\n");
            var fitted = result.Weights.Where(w => w.UnitId is null && w.MethodName != "definition").ToList();
            if (fitted.Count > 0)
            {
                sb.Append("<h3>Weights derived in this evaluation</h3>\n<div class=\"table-wrap\"><table class=\"weights\"><thead><tr><th>Group</th><th>Method</th><th>Weights</th><th>Derivation</th></tr></thead>\n<tbody>\n");
                foreach (var w in fitted.Take(o.MaxListRows))
                {
                    var weights = string.Join(", ", w.ChildIds.Zip(w.Weights, (c, v) => $"{Name(c)} {F(v, "0.000")}"));
                    sb.Append("<tr><td>").Append(H(Name(w.GroupId))).Append(w.Period is null ? string.Empty : " (" + H(w.Period) + ")").Append("</td><td>").Append(H(w.MethodName)).Append("</td><td>").Append(H(weights))
                      .Append("</td><td>").Append(H(w.Derivation)).Append("</td></tr>\n");
                }

                sb.Append("</tbody></table></div>\n");
            }

            void Row(string id, string kind, string method, string extra)
            {
                var p = parent.TryGetValue(id, out var x) ? x : default;
                sb.Append("<tr><td>").Append(H(Name(id))).Append(" <code>").Append(H(id)).Append("</code></td><td>").Append(kind).Append("</td><td>")
                  .Append(p.Group is null ? "–" : H(Name(p.Group.Id))).Append("</td><td class=\"num\">").Append(p.Group is null ? "–" : F(p.Weight, "0.000"))
                  .Append("</td><td><code>").Append(H(method)).Append("</code></td><td>").Append(H(extra)).Append("</td></tr>\n");
            }

            NormalizationMethod? FindGroupNormalization(string id)
            {
                var guard = 0;
                while (parent.TryGetValue(id, out var p) && guard++ < 10_000)
                {
                    if (p.Group.Normalization is not null)
                    {
                        return p.Group.Normalization;
                    }

                    id = p.Group.Id;
                }

                return null;
            }
        }

        private void Parameters()
        {
            var prm = result.Parameters;
            if (prm.IsEmpty)
            {
                sb.Append("<p>No normaliser fitted or used parameters.</p>\n");
                return;
            }

            sb.Append("<p class=\"note\">What each normaliser fitted from the data or used (minimum, maximum, mean, standard deviation, goalposts, base values). Freezing these reproduces this year's scale next year.</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"parameters\"><thead><tr><th>Indicator</th><th>Period</th><th>Parameter</th><th class=\"num\">Value</th></tr></thead>\n<tbody>\n");
            foreach (var p in prm.Take(o.MaxListRows))
            {
                sb.Append("<tr><td>").Append(H(Name(p.IndicatorId))).Append("</td><td>").Append(H(p.Period ?? "all")).Append("</td><td>").Append(H(p.Name))
                  .Append("</td><td class=\"num\">").Append(H(p.Value.ToString("G6", CultureInfo.InvariantCulture))).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
            if (prm.Length > o.MaxListRows)
            {
                sb.Append("<p class=\"note\">").Append(I(o.MaxListRows)).Append(" of ").Append(I(prm.Length)).Append(" parameters shown; the JSON output has all of them.</p>\n");
            }
        }

        private void Figure(string svg, string? caption)
        {
            sb.Append("<figure>").Append(svg);
            if (caption is not null)
            {
                sb.Append("<figcaption>").Append(H(caption)).Append("</figcaption>");
            }

            sb.Append("</figure>\n");
        }
    }
}
