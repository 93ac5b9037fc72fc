using System.Globalization;
using System.Text.Json;
using CompositeIndex.Reporting;
using Microsoft.Playwright;

namespace CompositeIndex.Browser.Tests;

/// <summary>
/// The weight explorer of the interactive report, in a real browser: every score and rank the page computes from
/// slider weights equals <see cref="CompiledIndex.Evaluate(Panel)"/> on a definition with the same weights (scores within
/// 1e-9, ranks exact), for 100 seeded random weight vectors per report; keyboard operation; the link round trip;
/// nothing requested beyond the file itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerBrowserTests(BrowserFixture browser)
{
    private const int Vectors = 100;
    private const double Tolerance = 1e-9;

    private const string ReadState = """
        () => ({
          period: document.getElementById('ex-period').value,
          periodName: document.getElementById('ex-period').selectedOptions[0].textContent,
          error: document.getElementById('ci-explorer').classList.contains('ex-error'),
          status: document.querySelector('.ex-status').textContent,
          sliders: Array.from(document.querySelectorAll('input.ex-weight')).map(i => ({ group: i.dataset.group, child: i.dataset.child,
            min: i.min, max: i.max, step: i.step, value: i.value, output: i.parentElement.querySelector('output').textContent })),
          drops: Array.from(document.querySelectorAll('input.ex-drop')).map(i => ({ node: i.dataset.node, checked: i.checked, disabled: i.disabled })),
          rows: Array.from(document.querySelectorAll('#ex-ranking tbody tr')).map(tr => ({ unit: tr.dataset.unit,
            rank: tr.querySelector('.ex-rank').dataset.rank, score: tr.querySelector('.ex-score').dataset.value,
            groups: Array.from(tr.querySelectorAll('.ex-group-score')).map(td => ({ node: td.dataset.node, value: td.dataset.value })) })),
          mapFills: Array.from(document.querySelectorAll('svg.ci-map path.unit')).map(p => p.getAttribute('fill') + '|' + p.dataset.unit)
        })
        """;

    // Sets slider values and drop toggles the way a user does: the input's value, then an 'input' (or 'change') event;
    // then lets the page recompute (its update runs as a microtask after the events) and reads the state.
    private const string Apply = "async ([sliders, drops, period]) => { (" + SetControls + ")(sliders, drops, period); await Promise.resolve(); await Promise.resolve(); return (" + ReadState + ")(); }";

    private const string SetControls = """
        (sliders, drops, period) => {
          if (period !== null) { const s = document.getElementById('ex-period'); s.value = period; s.dispatchEvent(new Event('change', { bubbles: true })); }
          for (const [group, child, value] of sliders) {
            const input = Array.from(document.querySelectorAll('input.ex-weight')).find(i => i.dataset.group === group && i.dataset.child === child);
            input.value = value; input.dispatchEvent(new Event('input', { bubbles: true }));
          }
          for (const box of document.querySelectorAll('input.ex-drop')) {
            const want = drops.includes(box.dataset.node);
            if (box.checked !== want && !box.disabled) { box.click(); }
          }
        }
        """;

    [BrowserFact]
    public Task Seoul_100RandomWeightVectors_MatchTheEngine() => CompareRandomVectors(Reports.Seoul, seed: 1801, withDrops: true);

    [BrowserFact]
    public Task Hdi_100RandomWeightVectors_MatchTheEngine() => CompareRandomVectors(Reports.Hdi, seed: 1802, withDrops: true);

    // ASEM's data preparation (screening units by data availability across the indicators) depends on the set of
    // indicators, so a drop in the page (re-aggregating the report's normalised scores) is compared with the engine on
    // the full definition with the dropped indicators weighted 0 (Report.DropsKeepPreparation): same screening, same
    // normalisation, the indicator out of its group's mean and out of its renormalisation.
    [BrowserFact]
    public Task Asem_100RandomWeightVectors_MatchTheEngine() => CompareRandomVectors(Reports.Asem, seed: 1803, withDrops: true);

    // The other rules: harmonic, power and minimum means, a count-based minimum share with missing values, and a
    // group the browser cannot recompute (Copeland) whose published scores feed its parent.
    [BrowserFact]
    public async Task OtherMeansMissingValuesAndAFrozenGroup_MatchTheEngine()
    {
        var b = IndexBuilder.Create("rules", "Rules");
        var ids = new[] { "a1", "a2", "a3", "b1", "b2", "c1", "c2", "c3", "d1", "d2" };
        foreach (var id in ids)
        {
            b.Indicator(id, i => i.Normalize(Normalization.MinMax(1, 100)));
        }

        var definition = b
            .Group("A", g => g.Add("a1", "a2", "a3").Aggregate(Aggregation.Harmonic()).MissingData(MissingData.Renormalize(0.6, ShareBasis.Count)))
            .Group("B", g => g.Add("b1", "b2").Aggregate(Aggregation.Copeland()))
            .Group("C", g => g.Add("c1", "c2", "c3").Aggregate(Aggregation.Minimum()))
            .Group("D", g => g.Add("d1", "d2").Aggregate(Aggregation.PowerMean(2.5)))
            .Group("root", g => g.Add("A", 2).Add("B").Add("C").Add("D").MissingData(MissingData.Renormalize(0.5)))
            .Build();
        var rng = new Random(1805);
        var panel = new PanelBuilder();
        for (var u = 0; u < 30; u++)
        {
            panel.AddUnit(new UnitInfo("u" + u, "Unit " + u));
            foreach (var id in ids)
            {
                panel.AddValue(id, "u" + u, "2020", rng.NextDouble() < 0.12 && id != "b1" && id != "b2" ? double.NaN : Math.Round(rng.NextDouble() * 50, 1));
            }
        }

        var report = Reports.Write("rules", definition, panel.Build(), null);
        var (page, requests, errors) = await browser.OpenAsync(report.Url);
        var initial = await State(page);
        Assert.DoesNotContain(initial.Sliders, s => s.Group is "B" or "C"); // Copeland is frozen, the minimum ignores weights
        Assert.Contains("'copeland' compares units with each other", await page.Locator(".ex-frozen").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(initial.Drops, d => d.Node == "c1");
        var compared = CompareWithEngine(report, initial);
        for (var v = 0; v < 30; v++)
        {
            var drops = RandomDrops(report, [.. initial.Drops.Select(d => d.Node)], rng);
            compared += CompareWithEngine(report, await ApplyAsync(page, RandomSliders(initial, rng, drops), drops, null));
        }

        Assert.Equal(31 * 30 * 5, compared);
        AssertOffline(report, requests, errors);
    }

    [BrowserFact]
    public async Task Seoul_Keyboard_MovesSlidersTogglesDropsAndResets()
    {
        var report = Reports.Seoul;
        var (page, requests, errors) = await browser.OpenAsync(report.Url);
        var first = page.Locator("input.ex-weight").First;
        await first.FocusAsync();
        var step = double.Parse((await first.GetAttributeAsync("step"))!, CultureInfo.InvariantCulture);
        var before = double.Parse(await first.InputValueAsync(), CultureInfo.InvariantCulture);
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        var state = await State(page);
        Assert.Equal(before + (3 * step), double.Parse(state.Sliders[0].Value, CultureInfo.InvariantCulture), 1e-12);
        Assert.StartsWith(Fixed(before + (3 * step)) + " (", state.Sliders[0].Output, StringComparison.Ordinal); // the value is visible
        Assert.True(CompareWithEngine(report, state) > 0);
        Assert.Contains("change rank", state.Status, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Home");
        Assert.Equal("0", (await State(page)).Sliders[0].Value);
        await page.Keyboard.PressAsync("End");
        state = await State(page);
        Assert.Equal(state.Sliders[0].Max, state.Sliders[0].Value);
        CompareWithEngine(report, state);

        await page.Keyboard.PressAsync("Tab");  // focus moves on to the next slider
        Assert.Equal(state.Sliders[1].Child, await page.EvaluateAsync<string>("() => document.activeElement.dataset.child"));

        // A drop toggle by keyboard (the first area is open; its indicators are droppable).
        await page.EvaluateAsync("() => document.querySelectorAll('details.ex-group')[1].open = true");
        var drop = page.Locator("input.ex-drop").First;
        await drop.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        state = await State(page);
        Assert.True(state.Drops[0].Checked);
        CompareWithEngine(report, state);

        await page.Locator("#ex-reset").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        state = await State(page);
        Assert.StartsWith("Published weights.", state.Status, StringComparison.Ordinal);
        Assert.All(state.Drops, d => Assert.False(d.Checked));
        Assert.True(CompareWithEngine(report, state) > 0);
        AssertOffline(report, requests, errors);
    }

    [BrowserFact]
    public async Task Hdi_ShareLink_ReopensWithTheSameWeightsDropsPeriodAndRanking()
    {
        var report = Reports.Hdi;
        var (page, requests, errors) = await browser.OpenAsync(report.Url);
        var initial = await State(page);
        var rng = new Random(1804);
        await ApplyAsync(page, RandomSliders(initial, rng, ["eys"]), ["eys"], "25");
        await page.Locator("#ex-share").ClickAsync();
        var url = page.Url;
        Assert.Contains("#", url, StringComparison.Ordinal);
        Assert.Equal(url, await page.Locator("#ex-link").InputValueAsync());
        var shared = await State(page);
        Assert.Equal(report.Result.Periods[25], shared.PeriodName);
        CompareWithEngine(report, shared);

        var (other, otherRequests, otherErrors) = await browser.OpenAsync(url);
        var reopened = await State(other);
        Assert.Equal(shared.Period, reopened.Period);
        Assert.Equal(shared.Sliders.Select(s => s.Value), reopened.Sliders.Select(s => s.Value));
        Assert.Equal(shared.Drops.Select(d => d.Checked), reopened.Drops.Select(d => d.Checked));
        Assert.Equal(shared.Rows.Select(r => (r.Unit, r.Rank, r.Score)), reopened.Rows.Select(r => (r.Unit, r.Rank, r.Score)));
        Assert.Equal(shared.MapFills, reopened.MapFills);

        // A damaged link: what cannot be read is named, the rest applies.
        var (damaged, damagedRequests, damagedErrors) = await browser.OpenAsync(report.Url + "#w=nope:1,2&d=gnipc,mys,zzz");
        var state = await State(damaged);
        Assert.Contains("Ignored in the link: nope:1,2, gnipc, zzz.", state.Status, StringComparison.Ordinal); // gnipc is income's only indicator
        Assert.Contains(state.Drops, d => d.Node == "mys" && d.Checked);
        CompareWithEngine(report, state);
        AssertOffline(report, requests, errors);
        Assert.All(otherRequests, u => Assert.StartsWith(report.Url, u, StringComparison.Ordinal));
        Assert.Empty(otherErrors);
        Assert.All(damagedRequests, u => Assert.StartsWith(report.Url, u, StringComparison.Ordinal));
        Assert.Empty(damagedErrors);
    }

    [BrowserFact]
    public async Task HostileNames_StayTextAfterTheScriptRuns()
    {
        const string payload = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>\"'&";
        var definition = IndexBuilder.Create("x", payload).Indicator("a", i => i.Name(payload).Normalize(Normalization.MinMax(0, 100)))
            .Indicator("b", i => i.Name("b " + payload).Normalize(Normalization.MinMax(0, 100))).Group("root", g => g.Name(payload).Add("a", "b")).Build();
        var panel = new PanelBuilder().AddUnit(new UnitInfo("u1", payload)).AddUnit(new UnitInfo("u2", "B")).AddValue("a", "u1", "2020", 1).AddValue("b", "u1", "2020", 2)
            .AddValue("a", "u2", "2020", 3).AddValue("b", "u2", "2020", 1).Build();
        var report = Reports.Write("hostile", definition, panel, null);
        var (page, requests, errors) = await browser.OpenAsync(report.Url);

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img, iframe, object, embed').length"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => document.scripts.length")); // the model (JSON) and the explorer
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Contains(payload, await page.Locator("#ex-ranking").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(payload, await page.Locator("details.ex-group summary").First.InnerTextAsync(), StringComparison.Ordinal);
        AssertOffline(report, requests, errors);
    }

    private async Task CompareRandomVectors(Report report, int seed, bool withDrops)
    {
        var (page, requests, errors) = await browser.OpenAsync(report.Url);
        var initial = await State(page);
        Assert.NotEmpty(initial.Sliders);
        var published = CompareWithEngine(report, initial);
        Assert.Equal(report.Result.Units.Length * (1 + report.TopGroupCount()), published);
        var rng = new Random(seed);
        var droppable = initial.Drops.Select(d => d.Node).ToList();
        var compared = 0;
        var dropped = 0;
        for (var v = 0; v < Vectors; v++)
        {
            var drops = withDrops && rng.NextDouble() < 0.3 ? RandomDrops(report, droppable, rng) : [];
            var period = v % 5 == 4 ? rng.Next(report.Result.Periods.Length).ToString(CultureInfo.InvariantCulture) : null;
            var state = await ApplyAsync(page, RandomSliders(initial, rng, drops), drops, period);
            dropped += state.Drops.Count(d => d.Checked);
            compared += CompareWithEngine(report, state);
        }

        // Every vector compared every unit's index score and every top-level group score.
        Assert.Equal(Vectors * report.Result.Units.Length * (1 + report.TopGroupCount()), compared);
        Assert.True(!withDrops || dropped > 0);
        AssertOffline(report, requests, errors);
    }

    /// <summary>One to three droppable indicators, each group keeping at least one child.</summary>
    private static string[] RandomDrops(Report report, List<string> droppable, Random rng)
    {
        var chosen = new List<string>();
        foreach (var id in droppable.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)))
        {
            var group = report.Definition.Groups.Single(g => g.Children.Any(c => c.Id == id));
            if (group.Children.Count(c => c.Id != id && !chosen.Contains(c.Id)) > 0)
            {
                chosen.Add(id);
            }
        }

        return [.. chosen];
    }

    /// <summary>A random value for every slider: a whole number of steps, at least one positive weight among each group's children kept.</summary>
    private static string[][] RandomSliders(PageState state, Random rng, IReadOnlyCollection<string>? drops = null)
    {
        var values = new List<string[]>();
        foreach (var group in state.Sliders.GroupBy(s => s.Group))
        {
            var sliders = group.ToList();
            var steps = sliders.Select(s => rng.Next(0, 1 + (int)Math.Round((D(s.Max) - D(s.Min)) / D(s.Step)))).ToArray();
            var kept = Enumerable.Range(0, sliders.Count).Where(i => drops?.Contains(sliders[i].Child) != true).ToList();
            if (kept.All(i => steps[i] == 0))
            {
                steps[kept[rng.Next(kept.Count)]] = 1 + rng.Next(20);
            }

            values.AddRange(sliders.Select((s, i) => new[] { s.Group, s.Child, (D(s.Min) + (steps[i] * D(s.Step))).ToString("R", CultureInfo.InvariantCulture) }));
        }

        return [.. values];
    }

    /// <summary>Evaluates the engine on the page's weights and drops and compares every index and top-level group score and rank; returns how many scores it compared.</summary>
    private static int CompareWithEngine(Report report, PageState state)
    {
        Assert.False(state.Error, state.Status);
        var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var g in report.Definition.Groups)
        {
            var sliders = state.Sliders.Where(s => s.Group == g.Id).ToDictionary(s => s.Child, s => D(s.Value), StringComparer.Ordinal);
            if (sliders.Count > 0)
            {
                weights[g.Id] = [.. g.Children.Select(c => sliders[c.Id])];
            }
        }

        var dropped = state.Drops.Where(d => d.Checked).Select(d => d.Node).ToHashSet(StringComparer.Ordinal);
        var engine = report.Evaluate(weights, dropped);
        var period = engine.Periods[int.Parse(state.Period, CultureInfo.InvariantCulture)];
        Assert.Equal(period, state.PeriodName);
        var root = engine.RootId;
        var scores = engine.GetScores(root, period).ToArray();
        var ranks = engine.GetRanks(root, period);
        Assert.Equal(engine.Units.Length, state.Rows.Count);
        var compared = 0;
        foreach (var row in state.Rows)
        {
            var j = engine.Units.IndexOf(engine.Units.Single(u => u.Id == row.Unit));
            AssertScore(scores[j], row.Score, row.Unit);
            Assert.Equal(ranks[j]?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, row.Rank);
            compared++;
            foreach (var cell in row.Groups)
            {
                AssertScore(engine.GetScores(cell.Node, period).Span[j], cell.Value, row.Unit + "/" + cell.Node);
                compared++;
            }
        }

        return compared;
    }

    private static void AssertScore(double expected, string actual, string where)
    {
        var value = actual == "NaN" ? double.NaN : D(actual);
        if (double.IsNaN(expected) || double.IsNaN(value))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(value), $"{where}: engine {expected}, browser {actual}");
            return;
        }

        Assert.True(Math.Abs(expected - value) <= Tolerance, $"{where}: engine {expected:R}, browser {actual}");
    }

    /// <summary>
    /// The Korean report after its script has run: every text the explorer writes (controls, headings, table, status
    /// lines after a change and after "share", frozen-group reasons) and every map tooltip and legend is Korean; only the
    /// data's own names (district names, ids, measurement units) stay as they are.
    /// </summary>
    [BrowserFact]
    public async Task KoreanReport_ExplorerAndMapsAfterTheScriptRuns_HaveNoEnglishInterfaceText()
    {
        var report = Reports.SeoulKorean();
        var (page, requests, errors) = await browser.OpenAsync(report.Url);
        const string Texts = """
            () => [document.body.innerText, ...Array.from(document.querySelectorAll('[title], [aria-label], [aria-valuetext]'))
              .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label'), e.getAttribute('aria-valuetext')]),
              ...Array.from(document.querySelectorAll('svg title, svg text, option, button, label, caption')).map(e => e.textContent)]
              .filter(t => t).flatMap(t => t.split('\n')).map(t => t.trim()).filter(t => t.length > 0)
            """;
        var texts = new List<string>(await page.EvaluateAsync<string[]>(Texts));
        Assert.Contains("공표 가중치로 되돌리기", texts);

        // Change weights (status line, rank-shift table, recoloured maps), then share (link status line).
        var initial = await State(page);
        var changed = await ApplyAsync(page, RandomSliders(initial, new Random(1805)), [initial.Drops[0].Node], null);
        Assert.Contains("개 단위 중", changed.Status, StringComparison.Ordinal);
        await page.ClickAsync("#ex-share");
        texts.AddRange(await page.EvaluateAsync<string[]>(Texts));
        Assert.True(texts.Count > 1000, $"only {texts.Count} texts");

        var data = CompositeIndex.Cli.Tests.Reporting.LeftoverEnglish.DataStrings(report.Result, "seoul_municipalities_geo_simple.json", "name_eng=name", report.Url, new Uri(report.File).AbsoluteUri + "#");
        Assert.Empty(CompositeIndex.Cli.Tests.Reporting.LeftoverEnglish.Find(texts, data));
        AssertOffline(report, requests, errors);
    }

    private static void AssertOffline(Report report, IEnumerable<string> requests, IEnumerable<string> errors)
    {
        // The only request is the report file itself (the navigation); nothing else is fetched.
        Assert.All(requests, u => Assert.Equal(report.Url, u.Split('#')[0]));
        Assert.Empty(errors);
    }

    private static async Task<PageState> ApplyAsync(IPage page, string[][] sliders, string[] drops, string? period) =>
        JsonSerializer.Deserialize<PageState>((await page.EvaluateAsync<JsonElement>(Apply, new object?[] { sliders, drops, period })).GetRawText(), JsonOptions)!;

    private static async Task<PageState> State(IPage page) =>
        JsonSerializer.Deserialize<PageState>((await page.EvaluateAsync<JsonElement>(ReadState)).GetRawText(), JsonOptions)!;

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Fixed(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record PageState(string Period, string PeriodName, bool Error, string Status, List<Slider> Sliders, List<Drop> Drops, List<Row> Rows, List<string> MapFills);

    private sealed record Slider(string Group, string Child, string Min, string Max, string Step, string Value, string Output);

    private sealed record Drop(string Node, bool Checked, bool Disabled);

    private sealed record Row(string Unit, string Rank, string Score, List<GroupCell> Groups);

    private sealed record GroupCell(string Node, string Value);
}
