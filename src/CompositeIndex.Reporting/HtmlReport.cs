using System.Globalization;
using System.Reflection;
using System.Text;

namespace CompositeIndex.Reporting;

/// <summary>
/// Writes a self-contained HTML report of an index result: one file with inline CSS and inline SVG charts, no
/// external fonts, images or links, readable offline, on a phone and in print.
/// </summary>
/// <remarks>
/// <para>What the definition publishes comes first: when it has outputs (<see cref="IndexResult.Outputs"/>), the
/// headline table shows their published values at their rounding, each output's own ranks (only the units its
/// ranking covers; aggregates have none) and classes; the group scores follow. Sections: overview; results
/// (outputs, then the ranking by group score with Δscore, Δrank and the change since the base period); change over
/// time (trend chart of the index, small multiples per top-level group, a table of every period) when the result has
/// more than one period; scores by group; contributions; one profile per unit (score and rank over time, group
/// scores against the median, strengths and weaknesses, contributions, rank interval, raw and normalised values);
/// uncertainty and sensitivity when <see cref="ReportOptions.Sensitivity"/> is given; the statistical audit; data
/// quality; methods and weights in plain language (<see cref="NormalizationMethod.Describe"/>); fitted parameters.
/// Extra sections (<see cref="ReportOptions.Sections"/>) are placed where they ask to be.</para>
/// <para>Missing values are shown as missing: "n/a" in tables with the reason as a tooltip when the audit log gives
/// one, and no mark (a hatched band in bar charts) in charts. Text comes from <see cref="ReportText"/> in the
/// language of <see cref="ReportOptions.Language"/> (English or Korean).</para>
/// <para>The output is deterministic (see <see cref="ReportOptions"/>). Stateless and thread-safe.</para>
/// </remarks>
public static partial class HtmlReport
{
    private const string Css = """
        :root{--ink:#222;--muted:#666;--rule:#ddd;--accent:#0072B2;--bg:#fff;--band:#f6f7f9}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 "DejaVu Sans","Noto Sans CJK KR","Noto Sans KR","Malgun Gothic","Apple SD Gothic Neo",system-ui,sans-serif}
        main{max-width:1040px;margin:0 auto;padding:16px}
        :lang(ko){word-break:keep-all;overflow-wrap:break-word}
        h1{font-size:1.6em;margin:.2em 0 .1em}
        h2{font-size:1.25em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--accent)}
        h3{font-size:1.05em;margin:1.2em 0 .4em}
        p.lead{color:var(--muted);margin:.2em 0 1em}
        nav ul{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.3em .9em;font-size:.9em}
        nav a,td a{color:var(--accent)}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}
        dl.facts dt{color:var(--muted)} dl.facts dd{margin:0;overflow-wrap:anywhere}
        .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0}
        table{border-collapse:collapse;font-size:.88em;min-width:50%}
        th,td{padding:.25em .6em;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
        th{background:var(--band);position:sticky;top:0}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td.num{white-space:nowrap}
        th{max-width:12em}
        tr[data-unit]>td:first-child,tr[data-unit]>td>a{white-space:nowrap}
        td.na{color:var(--muted);font-style:italic}
        tr.missing td{color:var(--muted)}
        tr.flagged td{background:#fff4e5}
        tbody.unranked tr:first-child td{border-top:2px solid var(--rule)}
        tr.subhead td{background:var(--band);color:var(--muted);font-size:.92em}
        code{font-size:.9em;overflow-wrap:anywhere}
        figure{margin:1em 0;break-inside:avoid;page-break-inside:avoid}
        figure svg{display:block;max-width:100%;height:auto}
        figcaption{font-size:.85em;color:var(--muted)}
        .multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:.5em 1em}
        .multiples figure{margin:.3em 0}
        .up{color:#1a7f37}.down{color:#b42318}
        .note{font-size:.88em;color:var(--muted)}
        details.profile{border-bottom:1px solid var(--rule);padding:.3em 0}
        details.profile>summary{cursor:pointer;font-weight:bold}
        details.profile>summary span{font-weight:normal;color:var(--muted)}
        details.profile h4{font-size:.95em;margin:.8em 0 .3em}
        .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 1.5em}
        footer{margin-top:2em;padding-top:.5em;border-top:1px solid var(--rule);font-size:.8em;color:var(--muted)}
        @media (max-width:600px){body{font-size:14px}main{padding:10px}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4em}}
        @media print{body{font-size:10.5pt}main{max-width:none;padding:0}nav{display:none}h2{break-after:avoid;page-break-after:avoid}
          th{position:static}.table-wrap{overflow:visible}a{color:inherit;text-decoration:none}details.profile{break-inside:avoid}}
        """;

    /// <summary>Writes the report.</summary>
    /// <param name="result">The result to report.</param>
    /// <param name="options">What to show; <see langword="null"/> for <see cref="ReportOptions.Default"/>.</param>
    /// <param name="writer">The destination (the caller chooses the encoding; UTF-8 is declared in the page).</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="UnknownKeyException"><see cref="ReportOptions.Period"/>, a period of <see cref="ReportOptions.Periods"/>
    /// or <see cref="ReportOptions.BasePeriod"/> is not a period of the result.</exception>
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
    /// <exception cref="UnknownKeyException"><see cref="ReportOptions.Period"/>, a period of <see cref="ReportOptions.Periods"/>
    /// or <see cref="ReportOptions.BasePeriod"/> is not a period of the result.</exception>
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

        if (o.MaxTrendUnits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), o.MaxTrendUnits, "MaxTrendUnits must be positive.");
        }

        return new Writer(result, o).Render();
    }

    private static string H(string? s) => HtmlText.Escape(s);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v, string format = "0.00") => SvgBuilder.Format(v, format);

    /// <summary>
    /// The report writer. Sections are planned in <see cref="Plan"/>: each is an id (the anchor), a title and a method
    /// that appends its body to <see cref="sb"/>. To add a section, write its method in a partial file of this class
    /// (e.g. <c>HtmlReport.Map.cs</c>) and add one line to <see cref="Plan"/>; a section that needs a script calls
    /// <see cref="AddScript"/> (every script is written once, at the end of the body).
    /// </summary>
    private sealed partial class Writer
    {
        private readonly IndexResult result;
        private readonly ReportOptions o;
        private readonly ReportText text;
        private readonly StringBuilder sb = new();
        private readonly List<(string Id, string Title)> sections = [];
        private readonly List<string> scripts = [];
        private readonly string period;
        private readonly string? previous;
        private readonly string[] periods;
        private readonly string? basePeriod;
        private readonly Published published;

        public Writer(IndexResult result, ReportOptions o)
        {
            this.result = result;
            this.o = o;
            text = ReportText.For(o.Language);
            period = ResultCharts.PeriodOrLatest(result, o.Period);
            previous = result.GetPreviousPeriod(period);
            periods = o.Periods.IsDefaultOrEmpty ? [.. result.Periods] : [.. o.Periods.Select(x => ResultCharts.PeriodOrLatest(result, x)).Distinct().OrderBy(x => result.Periods.IndexOf(x))];
            basePeriod = o.BasePeriod is { } b ? ResultCharts.PeriodOrLatest(result, b) : result.BasePeriod;
            published = new Published(result);
        }

        public string Render()
        {
            foreach (var (id, heading, content) in Plan())
            {
                Section(id, heading, content);
            }

            var body = new StringBuilder();
            var title = o.Title ?? result.Definition.DisplayName(o.Language);
            body.Append("<!DOCTYPE html>\n<html lang=\"").Append(H(text.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta name=\"generator\" content=\"").Append(H(Generator())).Append("\">\n")
                .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Css).Append(o.Interactive ? "\n" + HtmlReport.Resource("explorer.css") : string.Empty).Append("\n</style>\n</head>\n<body>\n<main>\n")
                .Append("<header>\n<h1>").Append(H(title)).Append("</h1>\n<p class=\"lead\">")
                .Append(H(result.Definition.DisplayDescription(text.Language) ?? text.Format("lead.default", period))).Append("</p>\n");
            if (o.Notes is not null)
            {
                body.Append("<p class=\"note\">").Append(H(o.Notes)).Append("</p>\n");
            }

            body.Append("<nav aria-label=\"").Append(H(T("nav.sections"))).Append("\"><ul>");
            foreach (var (id, name) in sections)
            {
                body.Append("<li><a href=\"#").Append(H(id)).Append("\">").Append(H(name)).Append("</a></li>");
            }

            body.Append("</ul></nav>\n</header>\n").Append(sb)
                .Append("<footer>").Append(H(text.Format("footer", Generator()))).Append("</footer>\n</main>\n");
            foreach (var script in scripts)
            {
                body.Append("<script>\n").Append(script).Append("\n</script>\n");
            }

            body.Append("</body>\n</html>\n");
            return body.ToString();
        }

        /// <summary>The sections in page order: (anchor id, title, content). Extra sections are inserted after the section they name.</summary>
        private List<(string Id, string Title, Action Content)> Plan()
        {
            var plan = new List<(string Id, string Title, Action Content)>
            {
                ("overview", T("section.overview"), Overview),
                ("results", T("section.results"), Results),
            };
            if (o.Interactive)
            {
                plan.Add(("explorer", T("section.explorer"), ExplorerSection));
                AddScript(HtmlReport.Resource("explorer.js"));
            }

            if (periods.Length > 1)
            {
                plan.Add(("time", T("section.time"), Time));
            }

            plan.Add(("scores", T("section.scores"), GroupCharts));
            if (o.Map is not null)
            {
                plan.Add(("map", T("section.map"), MapSection));
            }

            plan.Add(("contributions", T("section.contributions"), ContributionCharts));
            plan.Add(("profiles", T("section.profiles"), Profiles));
            if (o.Sensitivity is { } s && (!s.RankIntervals.IsDefaultOrEmpty || !s.Indices.IsDefaultOrEmpty))
            {
                plan.Add(("uncertainty", T("section.uncertainty"), () => Uncertainty(s)));
            }

            AddSensitivitySections(plan);
            if (o.IncludeAudit)
            {
                plan.Add(("audit", T("section.audit"), Audit));
            }
            else if (result.Definition.Indicators.Length >= 2)
            {
                plan.Add(("correlations", T("section.correlations"), Correlations));
            }

            if (o.ElementRemoval is { } removal)
            {
                plan.Add(("leave-one-out", T("section.removal"), () => LeaveOneOut(removal)));
            }

            plan.Add(("quality", T("section.quality"), Quality));
            plan.Add(("methods", T("section.methods"), Methods));
            plan.Add(("parameters", T("section.parameters"), Parameters));

            foreach (var extra in o.Sections.IsDefault ? [] : o.Sections)
            {
                var at = extra.After is null ? -1 : plan.FindIndex(p => p.Id == extra.After);
                var entry = (extra.Id, extra.Title, (Action)(() => sb.Append(extra.Html).Append('\n')));
                if (at < 0)
                {
                    plan.Add(entry);
                }
                else
                {
                    plan.Insert(at + 1, entry);
                }
            }

            return plan;
        }

        /// <summary>Adds a script written once at the end of the body (for sections that are interactive).</summary>
        private void AddScript(string script)
        {
            if (!scripts.Contains(script))
            {
                scripts.Add(script);
            }
        }

        private string T(string key) => text[key];

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
            sb.Append("<section id=\"").Append(H(id)).Append("\">\n<h2>").Append(H(title)).Append("</h2>\n");
            content();
            sb.Append("</section>\n");
        }

        private string Name(string id) => ResultCharts.NodeName(result, id, o.Language);

        private string UnitName(UnitInfo unit) => ResultCharts.UnitName(unit);

        /// <summary>The anchor of a unit's profile: <c>unit-</c> and the id with every character outside [A-Za-z0-9_-] hex-escaped.</summary>
        private static string Anchor(string unitId)
        {
            var b = new StringBuilder("unit-");
            foreach (var c in unitId)
            {
                if (char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
                {
                    b.Append(c);
                }
                else
                {
                    b.Append('.').Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('.');
                }
            }

            return b.ToString();
        }

        /// <summary>A table cell holding a number; missing values are "n/a" with the reason as a tooltip.</summary>
        private void NumCell(double v, string format, string? reason = null, string? attributes = null)
        {
            if (double.IsNaN(v))
            {
                MissingCell(reason, attributes);
                return;
            }

            sb.Append("<td class=\"num\"").Append(attributes).Append('>').Append(H(SvgBuilder.Format(v, format))).Append("</td>");
        }

        private void MissingCell(string? reason, string? attributes = null)
        {
            sb.Append("<td class=\"num na\"").Append(attributes);
            if (reason is not null)
            {
                sb.Append(" title=\"").Append(H(reason)).Append('"');
            }

            sb.Append('>').Append(H(T("na"))).Append("</td>");
        }

        /// <summary>A signed change (+1.2, −0.3, 0), coloured up/down; "n/a" when missing.</summary>
        private void DeltaCell(double v, string format, string? attributes = null)
        {
            if (double.IsNaN(v))
            {
                MissingCell(null, attributes);
                return;
            }

            var r = Math.Round(v, Decimals(format), MidpointRounding.AwayFromZero);
            sb.Append("<td class=\"num").Append(r > 0 ? " up" : r < 0 ? " down" : string.Empty).Append('"').Append(attributes).Append('>')
              .Append(H(Signed(v, format))).Append("</td>");
        }

        private void RankDeltaCell(int? delta, string? attributes = null)
        {
            if (delta is not { } d)
            {
                MissingCell(null, attributes);
                return;
            }

            sb.Append("<td class=\"num").Append(d > 0 ? " up" : d < 0 ? " down" : string.Empty).Append('"').Append(attributes).Append('>')
              .Append(d.ToString("+0;−0;0", CultureInfo.InvariantCulture)).Append("</td>");
        }

        private static string Signed(double v, string format)
        {
            var r = Math.Round(v, Decimals(format), MidpointRounding.AwayFromZero);
            var s = Math.Abs(r).ToString(format, CultureInfo.InvariantCulture);
            return r > 0 ? "+" + s : r < 0 ? "−" + s : s;
        }

        private static int Decimals(string format)
        {
            var dot = format.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? 0 : format.Length - dot - 1;
        }

        /// <summary>The display format of a node's scores (see <see cref="Published.ScoreFormat"/>).</summary>
        private string FormatOf(string nodeId) => published.ScoreFormat(result, nodeId, periods);

        /// <summary>Why a node's score is missing for a unit in a period: the audit log's message when it has one, else "no data" when every raw value is missing.</summary>
        private string? MissingReason(string nodeId, string unitId, string t)
        {
            foreach (var a in result.Audit)
            {
                if (a.UnitId == unitId && a.Period == t && a.NodeId == nodeId)
                {
                    return a.Message;
                }
            }

            if (o.Data is { } panel && panel.IndexOfPeriod(t) is var p && p >= 0 && panel.IndexOfUnit(unitId) is var j && j >= 0)
            {
                var any = false;
                foreach (var ind in result.Definition.Indicators)
                {
                    var i = panel.IndexOfIndicator(ind.Id);
                    if (i >= 0 && !double.IsNaN(panel.GetValues(i, p)[j]))
                    {
                        any = true;
                        break;
                    }
                }

                if (!any)
                {
                    return T("missing.noData");
                }
            }

            return T("missing.generic");
        }

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
            Fact(T("fact.index"), d.DisplayName(o.Language), code: d.Id, prefix: " (id ", suffix: ")");
            Fact(T("fact.version"), d.Version ?? T("fact.notSet"));
            if (o.Fingerprint is not null)
            {
                Fact(T("fact.fingerprint"), string.Empty, code: o.Fingerprint);
            }

            if (o.DataSource is not null)
            {
                Fact(T("fact.data"), o.DataSource);
            }

            Fact(T("fact.structure"), text.Format("fact.structureValue", indicators.Length, d.Groups.Length));
            Fact(T("fact.units"), I(result.Units.Length));
            Fact(T("fact.periods"), text.Format("fact.periodsValue", string.Join(", ", periods), period));
            if (basePeriod is not null)
            {
                Fact(T("fact.base"), text.Format(o.BasePeriod is null ? "fact.baseDefinition" : "fact.baseChosen", basePeriod));
            }

            if (!result.Outputs.IsDefaultOrEmpty)
            {
                Fact(T("fact.outputs"), string.Join(", ", result.Outputs.Select(x => x.Definition.DisplayName(o.Language))));
            }

            Fact(T("fact.coverage"), total == 0 ? T("na") : text.Format("fact.coverageValue", present, total, period, SvgBuilder.Format(100.0 * present / total, "0.0")));
            var scored = result.GetScores(result.RootId, period).ToArray().Count(double.IsFinite);
            Fact(T("fact.scored"), text.Format("fact.scoredValue", scored, result.Units.Length, period));
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

        /// <summary>The top-level children of the root (groups, or indicators when the root aggregates indicators directly).</summary>
        private List<string> TopLevel()
        {
            var top = TopGroups();
            return top.Count > 0 ? [.. top.Select(g => g.Id)] : [.. result.Definition.Groups.First(g => g.Id == result.RootId).Children.Select(c => c.Id)];
        }

        /// <summary>Unit indices in headline order: by the headline output's rank (or the index rank), then by value, missing last, ties by data order.</summary>
        private List<int> HeadlineOrder()
        {
            var scores = result.GetScores(result.RootId, period).ToArray();
            if (published.Headline is not { } h)
            {
                return ResultCharts.Order(scores);
            }

            var u = result.Units.Length;
            var ranks = new int?[u];
            var values = new double[u];
            for (var j = 0; j < u; j++)
            {
                ranks[j] = h.GetRank(result.Units[j].Id, period);
                values[j] = h.GetPublished(result.Units[j].Id, period) is { } v ? (double)v : double.NaN;
            }

            var byValue = ResultCharts.Order(values);
            var position = new int[u];
            for (var k = 0; k < byValue.Count; k++)
            {
                position[byValue[k]] = k;
            }

            return [.. Enumerable.Range(0, u).OrderBy(j => ranks[j] ?? int.MaxValue).ThenBy(j => position[j])];
        }

        private void Results()
        {
            if (!result.Outputs.IsDefaultOrEmpty)
            {
                OutputsTable();
                sb.Append("<h3>").Append(H(T("results.groupScores"))).Append("</h3>\n");
            }

            RankingTable();
        }

        /// <summary>The published face: every output's published value, rank and class, the headline output first.</summary>
        private void OutputsTable()
        {
            var outputs = published.Ordered;
            var headline = published.Headline!;
            var notes = new List<string> { text.Format("results.outputsNote", period) };
            foreach (var x in outputs.Where(x => x.Definition.Ranking is { Units: not null }))
            {
                var f = x.Definition.Ranking!.Units!;
                notes.Add(text.Format("results.rankScope", x.Definition.DisplayName(o.Language), f.Attribute, string.Join(", ", f.Values)));
            }

            if (previous is not null)
            {
                notes.Add(text.Format("results.deltaNote", headline.Definition.DisplayName(o.Language), previous));
            }

            sb.Append("<p class=\"note\">").Append(H(string.Join(" ", notes))).Append("</p>\n");
            sb.Append("<div class=\"table-wrap\"><table class=\"outputs\">\n<thead><tr><th>").Append(H(T("col.unit"))).Append("</th>");
            foreach (var x in outputs)
            {
                var name = x.Definition.DisplayName(o.Language);
                sb.Append("<th class=\"num\">").Append(H(name)).Append("</th>");
                if (x.Definition.Ranking is not null)
                {
                    sb.Append("<th class=\"num\">").Append(H(text.Format("col.rankOf", name))).Append("</th>");
                }

                if (!x.Definition.Classes.IsDefaultOrEmpty)
                {
                    sb.Append("<th>").Append(H(text.Format("col.classOf", name))).Append("</th>");
                }

                if (x == headline && previous is not null)
                {
                    sb.Append("<th class=\"num\">").Append(H(T("col.delta"))).Append("</th>");
                    if (x.Definition.Ranking is not null)
                    {
                        sb.Append("<th class=\"num\">").Append(H(T("col.deltaRank"))).Append("</th>");
                    }
                }

                if (x == headline && basePeriod is not null && basePeriod != period)
                {
                    sb.Append("<th class=\"num\">").Append(H(text.Format("col.deltaBase", basePeriod))).Append("</th>");
                }
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            var unrankedStarted = false;
            foreach (var j in HeadlineOrder())
            {
                var unit = result.Units[j];
                if (headline.Definition.Ranking is not null && headline.GetRank(unit.Id, period) is null && !unrankedStarted)
                {
                    unrankedStarted = true;
                    sb.Append("</tbody>\n<tbody class=\"unranked\">\n<tr class=\"subhead\"><td colspan=\"99\">").Append(H(T("results.unranked"))).Append("</td></tr>\n");
                }

                sb.Append("<tr data-unit=\"").Append(H(unit.Id)).Append("\"><td><a href=\"#").Append(Anchor(unit.Id)).Append("\">").Append(H(UnitName(unit))).Append("</a></td>");
                foreach (var x in outputs)
                {
                    var id = H(x.Id);
                    var value = published.Text(x, unit.Id, period);
                    if (value.Length == 0)
                    {
                        MissingCell(x.Definition.Value is ScoreExpression se && result.NodeIds.Contains(se.Node) ? MissingReason(se.Node, unit.Id, period) : T("missing.generic"), $" data-output=\"{id}\"");
                    }
                    else
                    {
                        sb.Append("<td class=\"num\" data-output=\"").Append(id).Append("\">").Append(H(value)).Append("</td>");
                    }

                    if (x.Definition.Ranking is not null)
                    {
                        sb.Append("<td class=\"num\" data-rank=\"").Append(id).Append("\">").Append(x.GetRank(unit.Id, period) is { } r ? I(r) : "–").Append("</td>");
                    }

                    if (!x.Definition.Classes.IsDefaultOrEmpty)
                    {
                        sb.Append("<td data-class=\"").Append(id).Append("\">").Append(H(x.GetClass(unit.Id, period) ?? "–")).Append("</td>");
                    }

                    if (x == headline && previous is not null)
                    {
                        DeltaCell(Published.Difference(x, unit.Id, period, previous), published.DisplayFormat(x), " data-delta=\"score\"");
                        if (x.Definition.Ranking is not null)
                        {
                            RankDeltaCell(x.GetRank(unit.Id, previous) is { } before && x.GetRank(unit.Id, period) is { } now ? before - now : null, " data-delta=\"rank\"");
                        }
                    }

                    if (x == headline && basePeriod is not null && basePeriod != period)
                    {
                        DeltaCell(Published.Difference(x, unit.Id, period, basePeriod), published.DisplayFormat(x), " data-delta=\"base\"");
                    }
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
        }

        /// <summary>The ranking by the index score with Δscore, Δrank, the change since the base period and the top-level group scores.</summary>
        private void RankingTable()
        {
            var root = result.RootId;
            var scores = result.GetScores(root, period).ToArray();
            var ranks = result.GetRanks(root, period);
            var columns = TopLevel();
            var groupScores = columns.Select(c => result.GetScores(c, period).ToArray()).ToList();
            var rootFormat = FormatOf(root);
            var showBase = basePeriod is not null && basePeriod != period;

            sb.Append("<p class=\"note\">").Append(H(text.Format("results.rankNote", period)));
            if (previous is not null)
            {
                sb.Append(' ').Append(H(text.Format("results.deltaScoreNote", previous)));
            }

            sb.Append("</p>\n<div class=\"table-wrap\"><table class=\"ranking\">\n<thead><tr><th class=\"num\">").Append(H(T("col.rank"))).Append("</th><th>").Append(H(T("col.unit")))
              .Append("</th><th class=\"num\">").Append(H(Name(root))).Append("</th>");
            if (previous is not null)
            {
                sb.Append("<th class=\"num\">").Append(H(T("col.deltaScore"))).Append("</th><th class=\"num\">").Append(H(T("col.deltaRank"))).Append("</th>");
            }

            if (showBase)
            {
                sb.Append("<th class=\"num\">").Append(H(text.Format("col.deltaBase", basePeriod))).Append("</th>");
            }

            foreach (var c in columns)
            {
                sb.Append("<th class=\"num\">").Append(H(Name(c))).Append("</th>");
            }

            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var j in ResultCharts.Order(scores))
            {
                var unit = result.Units[j];
                sb.Append(double.IsNaN(scores[j]) ? "<tr class=\"missing\"" : "<tr").Append(" data-unit=\"").Append(H(unit.Id)).Append("\">")
                  .Append("<td class=\"num\">").Append(ranks[j] is { } r ? I(r) : "–").Append("</td><td><a href=\"#").Append(Anchor(unit.Id)).Append("\">").Append(H(UnitName(unit))).Append("</a></td>");
                NumCell(scores[j], rootFormat, double.IsNaN(scores[j]) ? MissingReason(root, unit.Id, period) : null, " data-score=\"index\"");
                if (previous is not null)
                {
                    DeltaCell(result.GetChange(root, unit.Id, period), rootFormat, " data-delta=\"score\"");
                    RankDeltaCell(result.GetRankChange(root, unit.Id, period), " data-delta=\"rank\"");
                }

                if (showBase)
                {
                    DeltaCell(result.GetChangeSince(root, unit.Id, period, basePeriod!), rootFormat, " data-delta=\"base\"");
                }

                for (var k = 0; k < columns.Count; k++)
                {
                    var v = groupScores[k][j];
                    NumCell(v, FormatOf(columns[k]), double.IsNaN(v) ? MissingReason(columns[k], unit.Id, period) : null);
                }

                sb.Append("</tr>\n");
            }

            sb.Append("</tbody></table></div>\n");
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
