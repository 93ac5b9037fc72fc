using System.CommandLine;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex explain &lt;definition&gt; --data &lt;csv&gt; --unit &lt;id&gt;</c>: the score tree of one unit with each
/// node's weight and contribution to the index, and the change since the previous period.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions(optional: true);
        var saved = Common.ResultOption();
        var unit = new Option<string>("--unit", "-u") { Description = "The unit to explain (its id, or its name).", Required = true };
        var period = Common.PeriodOption();
        var compare = new Option<string?>("--compare") { Description = "The period to compare with (default: the one before --period)." };
        var language = Common.LanguageOption();
        var command = new Command("explain", "Explain one unit's score: the tree of group and indicator scores, weights, contributions and the change since the previous period.")
        {
            definition, unit, period, compare, language,
        };
        command.Options.Add(saved);
        data.AddTo(command);
        command.SetAction((pr, ct) =>
        {
            var (d, _, _, result) = Common.EvaluateOrRead(pr, definition, saved, data, ctx, ct);
            var lang = pr.GetValue(language);
            var t = Common.PeriodOf(result, pr.GetValue(period));
            var index = result.Periods.IndexOf(t);
            var previous = pr.GetValue(compare) is { } c ? Common.PeriodOf(result, c) : index > 0 ? result.Periods[index - 1] : null;
            var u = FindUnit(result, pr.GetValue(unit)!);
            Write(result, u, t, previous, lang, ctx.Out);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    internal static UnitInfo FindUnit(IndexResult result, string key)
    {
        var byId = result.Units.FirstOrDefault(u => u.Id == key)
            ?? result.Units.FirstOrDefault(u => string.Equals(u.Id, key, StringComparison.OrdinalIgnoreCase))
            ?? result.Units.FirstOrDefault(u => string.Equals(u.Name, key, StringComparison.OrdinalIgnoreCase));
        if (byId is not null)
        {
            return byId;
        }

        var near = result.Units.Select(u => u.Id).Where(id => id.Contains(key, StringComparison.OrdinalIgnoreCase) || key.Contains(id, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
        var hint = near.Count > 0 ? $"did you mean {string.Join(", ", near.Select(n => $"'{n}'"))}?" : $"units: {string.Join(", ", result.Units.Take(10).Select(x => x.Id))}{(result.Units.Length > 10 ? ", ..." : string.Empty)}";
        throw new IndexDataException($"The data has no unit '{key}' ({hint}).");
    }

    /// <summary>
    /// Writes the explanation: what the definition publishes for the unit first (each output's published value, rank in
    /// its own scope and class), then the index score and its tree of contributions. Text in <paramref name="language"/>
    /// (English or Korean, from the report's resources).
    /// </summary>
    internal static void Write(IndexResult result, UnitInfo unit, string period, string? previous, string? language, TextWriter w)
    {
        var text = Reporting.ReportText.For(language);
        var na = text["na"];
        var d = result.Definition;
        var root = result.RootId;
        var score = result.GetScore(root, unit.Id, period);
        var rank = result.GetRank(root, unit.Id, period);
        var ranked = result.GetRanks(root, period).Count(r => r is not null);
        var format = new Reporting.Published(result).ScoreFormat(result, root, [period]); // the published digits, else 3 decimals on a 0–1 scale
        string Num(double v) => Common.Num(v, format);
        string Signed(double v) => Common.Signed(v, "+" + format + ";-" + format + ";" + format);
        w.WriteLine($"{d.DisplayName(language)}{(d.Version is null ? string.Empty : " " + d.Version)}: {unit.Name ?? unit.Id}{(unit.Name is null ? string.Empty : $" ({unit.Id})")}, {period}");
        if (!result.Outputs.IsDefaultOrEmpty)
        {
            Outputs(result, unit, period, previous, language, w);
            var rootName = Common.NodeName(d, root, language);
            w.WriteLine(text.Format("explain.treeTitle", rootName == root ? d.DisplayName(language) : rootName));
        }

        w.Write(text.Format("explain.scoreLine", Num(score), rank?.ToString(Common.Inv) ?? na, ranked));
        if (previous is not null)
        {
            var before = result.GetScore(root, unit.Id, previous);
            var beforeRank = result.GetRank(root, unit.Id, previous);
            var places = rank is { } r && beforeRank is { } b ? text.Format("explain.places", (b - r).ToString("+0;-0;0", Common.Inv)) : string.Empty;
            w.Write(text.Format("explain.previousLine", previous, Num(before), beforeRank?.ToString(Common.Inv) ?? na, Signed(score - before), places));
        }

        w.WriteLine();
        w.WriteLine();
        if (double.IsNaN(score))
        {
            w.WriteLine(text.Format("explain.noScore", period));
        }

        var now = double.IsNaN(score) ? [] : result.ExplainScore(root, unit.Id, period);
        var then = previous is null || double.IsNaN(result.GetScore(root, unit.Id, previous))
            ? new Dictionary<string, Contribution>(StringComparer.Ordinal)
            : result.ExplainScore(root, unit.Id, previous).ToDictionary(c => c.NodeId, StringComparer.Ordinal);
        ChangeDecomposition? change = null;
        string? changeNote = null;
        if (previous is not null && now.Length > 0 && then.Count > 0)
        {
            try
            {
                change = result.ExplainChange(root, unit.Id, previous, period);
            }
            catch (MethodNotSupportedException ex)
            {
                changeNote = text.Format("explain.noDecomposition", ex.Message);
            }
        }

        var table = new TextTable().Column(text["col.node"]).Column(text["col.score"], right: true).Column(text["col.weight"], right: true).Column(text["col.contribution"], right: true);
        if (previous is not null)
        {
            table.Column(text.Format("explain.colScoreAt", previous), right: true).Column(text["col.deltaScore"], right: true).Column(text["explain.deltaContribution"], right: true);
        }

        var rootRow = new List<string> { Common.NodeName(d, root, language), Num(score), string.Empty, Num(score) };
        if (previous is not null)
        {
            var before = result.GetScore(root, unit.Id, previous);
            rootRow.AddRange([Num(before), Signed(score - before), Signed(score - before)]);
        }

        table.Row([.. rootRow]);
        var prefixes = TreePrefixes(now);
        for (var i = 0; i < now.Length; i++)
        {
            var c = now[i];
            var name = prefixes[i] + Common.NodeName(d, c.NodeId, language);
            var row = new List<string> { name, Num(c.Score), Common.Num(c.Weight, "0.000"), Num(c.ToTarget) };
            if (previous is not null)
            {
                if (change is not null && change.Contributions.FirstOrDefault(x => x.NodeId == c.NodeId) is { } dc)
                {
                    row.AddRange([Num(dc.ScoreFrom), Signed(dc.ScoreTo - dc.ScoreFrom), Signed(dc.Contribution) + (dc.Status == ChangeStatus.Entered ? text["explain.new"] : string.Empty)]);
                }
                else if (then.TryGetValue(c.NodeId, out var p))
                {
                    row.AddRange([Num(p.Score), Signed(c.Score - p.Score), Signed(c.ToTarget - p.ToTarget)]);
                }
                else
                {
                    row.AddRange([na, na, na]);
                }
            }

            table.Row([.. row]);
        }

        table.Write(w);
        w.WriteLine();
        w.WriteLine(text["explain.weightNote"]);
        if (previous is not null)
        {
            w.WriteLine(change is not null
                ? text.Format("explain.changeNote", previous, text["explain.method." + change.Method.ToString()])
                : changeNote ?? text.Format("explain.changeNoteApprox", previous));
        }

        var present = now.Where(c => c.IsIndicator).Select(c => c.NodeId).ToHashSet(StringComparer.Ordinal);
        var missing = d.Indicators.Where(i => !present.Contains(i.Id)).Select(i => i.DisplayName(language)).ToList();
        if (missing.Count > 0 && now.Length > 0)
        {
            w.WriteLine(text.Format("explain.missing", period, string.Join(", ", missing)));
        }

        var gone = then.Values.Where(c => c.IsIndicator && !present.Contains(c.NodeId))
            .Select(c => Common.NodeName(d, c.NodeId, language) + (change?.Contributions.FirstOrDefault(x => x.NodeId == c.NodeId) is { } dc ? $" ({Signed(dc.Contribution)})" : string.Empty))
            .ToList();
        if (gone.Count > 0)
        {
            w.WriteLine(text.Format("explain.gone", previous, period, string.Join(", ", gone)));
        }
    }

    /// <summary>The published face of the unit: one row per output (headline first) with its published value, its rank among the units its ranking covers, its class and the change since the previous period.</summary>
    private static void Outputs(IndexResult result, UnitInfo unit, string period, string? previous, string? language, TextWriter w)
    {
        var text = Reporting.ReportText.For(language);
        var published = new Reporting.Published(result);
        var table = new TextTable().Column(text["explain.colOutput"]).Column(text["explain.colPublished"], right: true).Column(text["col.rank"], right: true).Column(text["col.class"]);
        if (previous is not null)
        {
            table.Column(text.Format("col.deltaSince", previous), right: true);
        }

        foreach (var x in published.Ordered)
        {
            var value = published.Text(x, unit.Id, period);
            var scope = x.Units.Count(u => x.GetRank(u.Id, period) is not null);
            var rank = x.Definition.Ranking is null ? "–" : x.GetRank(unit.Id, period) is { } r ? text.Format("explain.rankOf", r, scope) : text["explain.notRanked"];
            var row = new List<string> { x.Definition.DisplayName(language), value.Length == 0 ? text["na"] : value, rank, x.GetClass(unit.Id, period) ?? "–" };
            if (previous is not null)
            {
                var delta = Reporting.Published.Difference(x, unit.Id, period, previous);
                row.Add(Common.Signed(delta, Signs(published.DisplayFormat(x))));
            }

            table.Row([.. row]);
        }

        w.WriteLine(text.Format("explain.published", period));
        table.Write(w);
        w.WriteLine();

        static string Signs(string format) => "+" + format + ";-" + format + ";" + format;
    }

    /// <summary>Tree glyphs for a depth-first list of nodes (depth 1 = children of the explained group).</summary>
    private static string[] TreePrefixes(IReadOnlyList<Contribution> nodes)
    {
        var prefixes = new string[nodes.Count];
        var isLast = new bool[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            isLast[i] = true;
            for (var j = i + 1; j < nodes.Count && nodes[j].Depth >= nodes[i].Depth; j++)
            {
                if (nodes[j].Depth == nodes[i].Depth)
                {
                    isLast[i] = false;
                    break;
                }
            }
        }

        var open = new List<bool>(); // per depth level above: is the ancestor the last child?
        var minDepth = nodes.Count == 0 ? 1 : nodes.Min(n => n.Depth);
        for (var i = 0; i < nodes.Count; i++)
        {
            var level = nodes[i].Depth - minDepth;
            while (open.Count > level)
            {
                open.RemoveAt(open.Count - 1);
            }

            var sb = new System.Text.StringBuilder();
            foreach (var ancestorLast in open)
            {
                sb.Append(ancestorLast ? "   " : "│  ");
            }

            sb.Append(isLast[i] ? "└─ " : "├─ ");
            prefixes[i] = sb.ToString();
            open.Add(isLast[i]);
        }

        return prefixes;
    }
}
