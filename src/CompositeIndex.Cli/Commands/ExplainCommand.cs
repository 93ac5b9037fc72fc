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
        throw new DataException($"The data has no unit '{key}' ({hint}).");
    }

    internal static void Write(IndexResult result, UnitInfo unit, string period, string? previous, string? language, TextWriter w)
    {
        var d = result.Definition;
        var root = result.RootId;
        var score = result.GetScore(root, unit.Id, period);
        var rank = result.GetRank(root, unit.Id, period);
        var ranked = result.GetRanks(root, period).Count(r => r is not null);
        w.WriteLine($"{d.DisplayName(language)}{(d.Version is null ? string.Empty : " " + d.Version)}: {unit.Name ?? unit.Id}{(unit.Name is null ? string.Empty : $" ({unit.Id})")}, {period}");
        w.Write($"score {Common.Num(score)}, rank {rank?.ToString(Common.Inv) ?? "n/a"} of {ranked}");
        if (previous is not null)
        {
            var before = result.GetScore(root, unit.Id, previous);
            var beforeRank = result.GetRank(root, unit.Id, previous);
            w.Write($"; {previous}: score {Common.Num(before)}, rank {beforeRank?.ToString(Common.Inv) ?? "n/a"} (change {Common.Signed(score - before)}{(rank is { } r && beforeRank is { } b ? $", {(b - r).ToString("+0;-0;0", Common.Inv)} places" : string.Empty)})");
        }

        w.WriteLine();
        w.WriteLine();
        if (double.IsNaN(score))
        {
            w.WriteLine($"No score in {period}: too few components are present (see the missing-data policy).");
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
                changeNote = $"No exact change decomposition ({ex.Message}); Δcontribution is the difference of the contributions.";
            }
        }

        var table = new TextTable().Column("node").Column("score", right: true).Column("weight", right: true).Column("contribution", right: true);
        if (previous is not null)
        {
            table.Column($"score {previous}", right: true).Column("Δscore", right: true).Column("Δcontribution", right: true);
        }

        var rootRow = new List<string> { Common.NodeName(d, root, language), Common.Num(score), string.Empty, Common.Num(score) };
        if (previous is not null)
        {
            var before = result.GetScore(root, unit.Id, previous);
            rootRow.AddRange([Common.Num(before), Common.Signed(score - before), Common.Signed(score - before)]);
        }

        table.Row([.. rootRow]);
        var prefixes = TreePrefixes(now);
        for (var i = 0; i < now.Length; i++)
        {
            var c = now[i];
            var name = prefixes[i] + Common.NodeName(d, c.NodeId, language);
            var row = new List<string> { name, Common.Num(c.Score), Common.Num(c.Weight, "0.000"), Common.Num(c.ToTarget) };
            if (previous is not null)
            {
                if (change is not null && change.Contributions.FirstOrDefault(x => x.NodeId == c.NodeId) is { } dc)
                {
                    row.AddRange([Common.Num(dc.ScoreFrom), Common.Signed(dc.ScoreTo - dc.ScoreFrom), Common.Signed(dc.Contribution) + (dc.Status == ChangeStatus.Entered ? " (new)" : string.Empty)]);
                }
                else if (then.TryGetValue(c.NodeId, out var p))
                {
                    row.AddRange([Common.Num(p.Score), Common.Signed(c.Score - p.Score), Common.Signed(c.ToTarget - p.ToTarget)]);
                }
                else
                {
                    row.AddRange(["n/a", "n/a", "n/a"]);
                }
            }

            table.Row([.. row]);
        }

        table.Write(w);
        w.WriteLine();
        w.WriteLine("weight: effective weight in the parent group (re-normalised over the children present); contribution: points of the index score.");
        if (previous is not null)
        {
            w.WriteLine(change is not null
                ? $"Δcontribution: each node's part of the index change since {previous} ({change.Method} decomposition: value effect + weight effect); the indicators' parts add up to the change exactly."
                : changeNote ?? $"Δcontribution: change in points of the index since {previous}; the Δcontribution of the indicators add up to the index change when the same indicators are present in both periods.");
        }

        var present = now.Where(c => c.IsIndicator).Select(c => c.NodeId).ToHashSet(StringComparer.Ordinal);
        var missing = d.Indicators.Where(i => !present.Contains(i.Id)).Select(i => i.DisplayName(language)).ToList();
        if (missing.Count > 0 && now.Length > 0)
        {
            w.WriteLine($"Not in the {period} score (missing): {string.Join(", ", missing)}.");
        }

        var gone = then.Values.Where(c => c.IsIndicator && !present.Contains(c.NodeId))
            .Select(c => Common.NodeName(d, c.NodeId, language) + (change?.Contributions.FirstOrDefault(x => x.NodeId == c.NodeId) is { } dc ? $" ({Common.Signed(dc.Contribution)})" : string.Empty))
            .ToList();
        if (gone.Count > 0)
        {
            w.WriteLine($"In the {previous} score but not in {period}: {string.Join(", ", gone)}.");
        }
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
