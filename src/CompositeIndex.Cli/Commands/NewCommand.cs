using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using CompositeIndex.Serialization;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex new --data &lt;csv&gt;</c>: writes a starter definition from a data file — every numeric column (or
/// every indicator of a long file) an indicator, higher is better, min-max 0–100 over all units and periods, equal
/// weights, arithmetic mean, one root group or groups from a naming convention or an indicator table — with
/// <c>//</c> comments that say what each choice is and how to change it. The file validates and computes on the same
/// data as written.
/// </summary>
internal static class NewCommand
{
    /// <summary>Writes the definition read from COINr's iMeta (and checks it computes on iData), with a header saying how to compute it.</summary>
    private static int ImportCoinr(ParseResult pr, FileInfo meta, FileInfo data, string id, string? name, FileInfo? file, CliContext ctx)
    {
        foreach (var f in new[] { meta, data })
        {
            if (!f.Exists)
            {
                throw new IndexDataException("The file does not exist.", f.FullName);
            }
        }

        var import = CompositeIndex.IndicatorTable.ReadCoinr(meta.FullName, data.FullName, new CoinrImportOptions { IndexId = id.Trim().Length == 0 ? "index" : id.Trim(), IndexName = name });
        var result = CompiledIndex.Compile(import.Definition).Evaluate(import.Panel!);
        var d = import.Definition;
        var hasTime = import.Panel!.Periods is [var only] ? only != new CoinrImportOptions().DefaultPeriod : true;
        var options = new StringBuilder($"--data {data} --unit-column uCode --name-column uName");
        options.Append(hasTime ? " --period-column Time" : $" --default-period {new CoinrImportOptions().DefaultPeriod}");
        foreach (var g in import.UnitGroups.Concat(import.Others))
        {
            options.Append(" --attribute ").Append(g);
        }

        var target = file?.ToString() ?? "definition.json";
        var sb = new StringBuilder();
        sb.Append("// Imported by 'compindex new --coinr-meta' from ").Append(meta.Name).Append(" and ").Append(data.Name).Append(": COINr's new_coin as a definition:\n");
        sb.Append($"// {d.Indicators.Length} indicators, {d.Groups.Length} aggregates (root '{d.ResolveRoot()}'), iMeta weights and directions");
        sb.Append(d.Steps.IsDefaultOrEmpty ? ".\n" : ", the iMeta denominators as a 'denominate' step.\n");
        sb.Append("// Normalisation min-max [0, 100] and the weighted arithmetic mean are COINr's defaults (qNormalise, Aggregate);\n");
        sb.Append("// add COINr's other operations (Impute, Screen, Treat) as steps: docs/articles/coinr.md maps each one.\n");
        sb.Append($"// It computes on the data as written ({result.Units.Length} units):\n");
        sb.Append($"//   compindex compute {target} {options}\n");
        sb.Append(IndexDefinitionJson.Save(d).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append('\n');
        var text = sb.ToString();
        if (file is null)
        {
            ctx.Out.Write(text);
        }
        else
        {
            OutputFile.WriteText(ctx.Inputs, file.FullName, w => w.Write(text));
            ctx.Error.WriteLine($"Wrote {file.FullName}: '{d.Name}', {d.Indicators.Length} indicators, {d.Groups.Length} aggregates.");
        }

        return ExitCodes.Ok;
    }

    public static Command Create(CliContext ctx)
    {
        var data = new DataOptions();
        var id = new Option<string>("--id") { Description = "The index id (also the id of its root group).", DefaultValueFactory = _ => "index" };
        var name = new Option<string?>("--name") { Description = "The index name (default: from the data file name, e.g. 'cities index')." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the definition to this file (atomically) instead of stdout." };
        var force = new Option<bool>("--force") { Description = "Replace the --out file when it exists (without it, an existing file is left alone and the command fails)." };
        var groupsFrom = new Option<string?>("--groups-from")
        {
            Description = "Group the indicators: 'prefix' (the part of the column name before the first '_'), 'prefix:SEP' (before the first SEP), 'prefix:N' (the first N characters), or an indicator table CSV (columns indicator,group[,name,name_<lang>,unit,polarity,weight,group_name...]; see docs/city-guide.md).",
        };
        var factors = new Option<FileInfo?>("--factors")
        {
            Description = "Write a starter factors file (sensitivity analysis) for this definition instead of a definition: normalisation, aggregation, weight noise per group and leaving out one indicator, with alternatives checked on --data to work together.",
        };
        var coinrMeta = new Option<FileInfo?>("--coinr-meta")
        {
            Description = "Import a COINr index: its iMeta table (iCode, Level, Parent, Weight, Direction, Type, ...) with --data its iData table (uCode, uName, Time, groups, denominators, indicators); the definition keeps COINr's tree, weights, directions and denominators (docs/articles/coinr.md).",
        };
        var command = new Command("new", "Write a starter definition from a data file: every numeric column an indicator (higher is better), min-max 0-100, equal weights, arithmetic mean; validate and compute it as it is, then edit. With --factors <definition>: a starter factors file for compindex sensitivity. With --coinr-meta iMeta.csv: a COINr index.")
        {
            id, name, output, force, groupsFrom, factors, coinrMeta,
        };
        data.AddTo(command, withMap: false);
        command.SetAction((pr, ct) =>
        {
            var file = pr.GetValue(output);
            if (file is not null && file.Exists && !pr.GetValue(force))
            {
                throw new IOException($"{file.FullName} already exists; add --force to replace it.");
            }

            if (pr.GetValue(coinrMeta) is { } meta)
            {
                return Task.FromResult(ImportCoinr(pr, meta, pr.GetValue(data.Data)!, pr.GetValue(id)!, pr.GetValue(name), file, ctx));
            }

            var (panel, source, header) = data.LoadAll(pr, ctx, ct);
            ct.ThrowIfCancellationRequested();
            if (pr.GetValue(factors) is { } definitionFile)
            {
                var index = Common.LoadDefinition(definitionFile);
                var (analysis, notes) = StarterFactors.Create(index, panel);
                var text = StarterFactors.Write(analysis, notes, definitionFile.ToString(), data.Describe(pr), file?.ToString() ?? "factors.json");
                if (file is null)
                {
                    ctx.Out.Write(text);
                }
                else
                {
                    OutputFile.WriteText(ctx.Inputs, file.FullName, w => w.Write(text));
                    ctx.Error.WriteLine($"Wrote {file.FullName}: {analysis.Factors.Length} factors, {analysis.RunCount} runs.");
                }

                return Task.FromResult(ExitCodes.Ok);
            }

            var indexId = pr.GetValue(id)!.Trim();
            if (indexId.Length == 0)
            {
                throw new UsageException("--id must not be empty.");
            }

            var indexName = pr.GetValue(name) ?? Path.GetFileNameWithoutExtension(source) + " index";
            var starter = StarterDefinition.Create(panel, source, indexId, indexName, pr.GetValue(groupsFrom), ctx) with { IsLong = pr.GetValue(data.Long) };
            if (!pr.GetValue(data.Long))
            {
                var reserved = new HashSet<string>([pr.GetValue(data.UnitColumn)!, pr.GetValue(data.PeriodColumn)!, .. pr.GetValue(data.Attribute) ?? []], StringComparer.Ordinal);
                var text = header.Where(h => !reserved.Contains(h) && h != (pr.GetValue(data.NameColumn) ?? "name") && panel.IndexOfIndicator(h) < 0).ToList();
                if (text.Count > 0)
                {
                    ctx.Info($"Not numeric, left out: {string.Join(", ", text)}");
                }
            }

            var json = StarterDefinition.Write(starter, data.Describe(pr), file?.ToString() ?? "definition.json");
            if (file is null)
            {
                ctx.DataOut.Write(json);
            }
            else
            {
                OutputFile.WriteText(ctx.Inputs, file.FullName, w => w.Write(json));
                ctx.Error.WriteLine($"Wrote {file.FullName}: '{starter.Definition.Name}', {starter.Definition.Indicators.Length} indicators, {starter.Definition.Groups.Length} group{(starter.Definition.Groups.Length == 1 ? string.Empty : "s")}.");
                ctx.Error.WriteLine($"Next: compindex validate {file} && compindex compute {file} {data.Describe(pr)}");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

/// <summary>A starter definition and what the data said about each of its indicators (for the comments).</summary>
/// <param name="Definition">The definition (valid).</param>
/// <param name="Source">The data file name.</param>
/// <param name="Panel">The data it was made from.</param>
/// <param name="Grouping">How the indicators were grouped, in words, or null for one root group.</param>
internal sealed record StarterDefinition(IndexDefinition Definition, string Source, Panel Panel, string? Grouping)
{
    /// <summary>Gets a value indicating whether the data file is long (indicators are rows, not columns).</summary>
    public bool IsLong { get; init; }

    /// <summary>Makes the starter definition: indicators in data order, equal weights, optional groups.</summary>
    /// <exception cref="IndexDataException">The data has no indicator with two different values, or an indicator table is malformed.</exception>
    /// <exception cref="UsageException">--groups-from is malformed, or an id would be used twice.</exception>
    public static StarterDefinition Create(Panel panel, string source, string id, string name, string? groupsFrom, CliContext ctx)
    {
        var usable = new List<string>();
        foreach (var indicator in panel.Indicators)
        {
            var (n, min, max) = Summary(panel, indicator);
            if (n == 0)
            {
                ctx.Warn($"'{indicator}' has no values in {source}; left out.");
            }
            else if (min == max)
            {
                ctx.Warn($"'{indicator}' has the same value ({Common.Num(min, "G6")}) everywhere in {source}; left out (min-max needs two different values).");
            }
            else
            {
                usable.Add(indicator);
            }
        }

        if (usable.Count == 0)
        {
            throw new IndexDataException(
                panel.Indicators.Length == 0
                    ? "The file has no numeric columns to use as indicators (a wide file needs columns of numbers besides the unit and period columns; a long file, rows in its indicator and value columns)."
                    : "No column has two different values, so none can be min-max normalised.",
                source,
                1);
        }

        if (usable.Contains(id, StringComparer.Ordinal))
        {
            throw new UsageException($"The index id '{id}' is also an indicator (a column of {source}); choose another with --id.");
        }

        var indicators = usable.Select(i => new IndicatorDefinition { Id = i }).ToList();
        var groups = new List<GroupDefinition>();
        string? grouping = null;
        var rootChildren = new List<ChildReference>();
        if (groupsFrom is null)
        {
            rootChildren.AddRange(usable.Select(i => new ChildReference(i)));
        }
        else if (File.Exists(groupsFrom) || groupsFrom.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            (indicators, groups, rootChildren) = FromTable(groupsFrom, id, name, usable, source, ctx);
            grouping = $"groups from the indicator table {Path.GetFileName(groupsFrom)}";
        }
        else
        {
            var key = KeyOf(groupsFrom);
            var byGroup = new List<(string Group, List<string> Members)>();
            foreach (var i in usable)
            {
                var g = key(i);
                if (g is null)
                {
                    rootChildren.Add(new ChildReference(i));
                    continue;
                }

                if (byGroup.FindIndex(x => x.Group == g) is var k && k < 0)
                {
                    byGroup.Add((g, [i]));
                    rootChildren.Add(new ChildReference(g));
                }
                else
                {
                    byGroup[k].Members.Add(i);
                }
            }

            foreach (var (g, members) in byGroup)
            {
                if (g == id || usable.Contains(g, StringComparer.Ordinal))
                {
                    throw new UsageException($"The group '{g}' (from --groups-from {groupsFrom}) has the id of {(g == id ? "the index" : "an indicator")}; choose another --groups-from{(g == id ? " or --id" : string.Empty)}.");
                }

                groups.Add(new GroupDefinition { Id = g, Children = [.. members.Select(m => new ChildReference(m))] });
            }

            grouping = $"groups from the column names (--groups-from {groupsFrom})";
        }

        groups.Add(new GroupDefinition { Id = id, Name = name, Children = [.. rootChildren] });
        var definition = new IndexDefinition
        {
            Id = id,
            Name = name,
            Description = $"Starter definition made by 'compindex new' from {source}: edit it (polarity, names, groups, weights, methods) before using its numbers.",
            Indicators = [.. indicators],
            Groups = [.. groups],
            Root = id,
            Normalization = new MinMaxNormalization(0, 100) { Reference = NormalizationReference.Pooled },
            Aggregation = new ArithmeticAggregation(),
            MissingData = new RenormalizeWeights(),
        };
        var report = definition.Validate();
        if (!report.IsValid)
        {
            throw new IndexDefinitionException(report);
        }

        return new StarterDefinition(definition, source, panel, grouping);
    }

    /// <summary>Writes the definition in the library's JSON format with <c>//</c> comments: a header that says what was chosen and what to do next, one line per indicator on its data, one per method block.</summary>
    public static string Write(StarterDefinition starter, string dataOptions, string fileName)
    {
        var d = starter.Definition;
        var json = IndexDefinitionJson.Save(d).Replace("\r\n", "\n", StringComparison.Ordinal);
        var panel = starter.Panel;
        var sb = new StringBuilder();
        var periods = panel.Periods.Length == 1 ? $"period {panel.Periods[0]}" : $"periods {panel.Periods[0]} to {panel.Periods[^1]}";
        sb.Append("// Starter definition written by 'compindex new' from ").Append(starter.Source)
          .Append($" ({panel.Units.Length} unit{(panel.Units.Length == 1 ? string.Empty : "s")}, {periods}).\n");
        sb.Append($"// {(starter.IsLong ? "Every indicator of the file" : "Every numeric column")} is an indicator ({d.Indicators.Length}), higher is better, min-max normalised to 0-100\n");
        sb.Append("// over all units and periods, with equal weights, averaged by the arithmetic mean");
        sb.Append(starter.Grouping is null ? " in one group" : $"; {starter.Grouping}").Append(".\n");
        sb.Append("// These are placeholders, not recommendations: before using the numbers,\n");
        sb.Append("//  - set \"polarity\": \"negative\" on every indicator where lower is better (e.g. unemployment),\n");
        sb.Append("//  - give indicators and groups a \"name\" (and \"names\": {\"ko\": \"...\"}), a \"unit\" and a \"source\",\n");
        sb.Append("//  - group the indicators and set weights (\"children\": [{\"id\": \"...\", \"weight\": 2}]),\n");
        sb.Append("//  - choose the methods (docs/articles/methods.md; the city guide docs/city-guide.md explains the common ones).\n");
        sb.Append("// Then check and compute it (the file may keep these comments):\n");
        sb.Append($"//   compindex validate {fileName}\n");
        sb.Append($"//   compindex compute {fileName} {dataOptions}\n");

        var inIndicators = false;
        foreach (var line in json.Split('\n'))
        {
            if (line == "  \"indicators\": [")
            {
                inIndicators = true;
            }
            else if (inIndicators && line.StartsWith("  ]", StringComparison.Ordinal))
            {
                inIndicators = false;
            }
            else if (inIndicators && line.StartsWith("      \"id\": ", StringComparison.Ordinal))
            {
                using var id = JsonDocument.Parse(line["      \"id\": ".Length..].TrimEnd(','));
                var indicator = id.RootElement.GetString()!;
                var (n, min, max) = Summary(panel, indicator);
                var missing = (panel.Units.Length * panel.Periods.Length) - n;
                sb.Append($"      // in the data: {n} values from {Common.Num(min, "G6")} to {Common.Num(max, "G6")}{(missing > 0 ? $", {missing} missing" : string.Empty)}\n");
            }
            else if (line.StartsWith("  \"normalization\": ", StringComparison.Ordinal))
            {
                sb.Append("  // Min-max over all units and periods together (\"pooled\"), so that scores compare across periods;\n");
                sb.Append("  // other choices: \"zScore\", \"goalposts\" (fixed min and max), \"ratioToBase\" (a base year = 100), ...\n");
            }
            else if (line.StartsWith("  \"aggregation\": ", StringComparison.Ordinal))
            {
                sb.Append("  // The weighted arithmetic mean; \"geometric\" lets a low score be offset less by high ones.\n");
            }
            else if (line.StartsWith("  \"missingData\": ", StringComparison.Ordinal))
            {
                sb.Append("  // A missing value: the weights of the values present are re-normalised (\"minShare\": 0.5 requires half of them).\n");
            }

            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Gets the number of values, the minimum and the maximum of an indicator over every unit and period.</summary>
    private static (int N, double Min, double Max) Summary(Panel panel, string indicator)
    {
        var i = panel.IndexOfIndicator(indicator);
        var (n, min, max) = (0, double.PositiveInfinity, double.NegativeInfinity);
        for (var t = 0; t < panel.Periods.Length; t++)
        {
            foreach (var v in panel.GetValues(i, t))
            {
                if (!double.IsNaN(v))
                {
                    n++;
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        return (n, min, max);
    }

    /// <summary>Parses a naming convention: <c>prefix</c>, <c>prefix:SEP</c> or <c>prefix:N</c>; the key is null when a name has no group.</summary>
    private static Func<string, string?> KeyOf(string convention)
    {
        if (convention == "prefix")
        {
            convention = "prefix:_";
        }

        if (!convention.StartsWith("prefix:", StringComparison.Ordinal) || convention.Length == "prefix:".Length)
        {
            throw new UsageException($"--groups-from expects 'prefix', 'prefix:SEP', 'prefix:N' or an indicator table CSV file, got '{convention}' (no such file).");
        }

        var arg = convention["prefix:".Length..];
        if (int.TryParse(arg, System.Globalization.NumberStyles.None, Common.Inv, out var n))
        {
            if (n <= 0)
            {
                throw new UsageException($"--groups-from prefix:N needs N >= 1, got {arg}.");
            }

            return s => s.Length > n ? s[..n] : null;
        }

        return s => s.IndexOf(arg, StringComparison.Ordinal) is var k && k > 0 ? s[..k] : null;
    }

    /// <summary>Takes indicators, groups and weights from an indicator table (see <see cref="IndicatorTable"/>), keeping the indicators the data has.</summary>
    private static (List<IndicatorDefinition> Indicators, List<GroupDefinition> Groups, List<ChildReference> RootChildren) FromTable(string path, string id, string name, List<string> usable, string source, CliContext ctx)
    {
        if (!File.Exists(path))
        {
            throw new IndexDataException("The indicator table does not exist.", path);
        }

        var table = IndicatorTable.Read(path, new IndicatorTableOptions { IndexId = id, IndexName = name, RootId = id })
            .Normalize(new MinMaxNormalization())
            .Build();
        var inData = new HashSet<string>(usable, StringComparer.Ordinal);
        var listed = new HashSet<string>(table.Indicators.Select(i => i.Id), StringComparer.Ordinal);
        var absent = table.Indicators.Where(i => !inData.Contains(i.Id)).Select(i => i.Id).ToList();
        if (absent.Count > 0)
        {
            ctx.Warn($"{absent.Count} indicator(s) of {Path.GetFileName(path)} are not usable in {source}; left out: {string.Join(", ", absent)}");
        }

        var unlisted = usable.Where(i => !listed.Contains(i)).ToList();
        if (unlisted.Count > 0)
        {
            ctx.Warn($"{unlisted.Count} column(s) of {source} are not in {Path.GetFileName(path)}; left out: {string.Join(", ", unlisted)}");
        }

        // Keep what the data has; drop groups left empty (children before parents: repeat until nothing changes).
        var keep = new HashSet<string>(table.Indicators.Where(i => inData.Contains(i.Id)).Select(i => i.Id), StringComparer.Ordinal);
        if (keep.Count == 0)
        {
            throw new IndexDataException($"None of the indicators of {Path.GetFileName(path)} is a usable column of {source}.", path);
        }

        var groups = table.Groups.ToList();
        bool changed;
        do
        {
            changed = false;
            var ids = new HashSet<string>(keep.Concat(groups.Select(g => g.Id)), StringComparer.Ordinal);
            for (var k = 0; k < groups.Count; k++)
            {
                var children = groups[k].Children.Where(c => ids.Contains(c.Id)).ToImmutableArray();
                if (children.Length != groups[k].Children.Length)
                {
                    groups[k] = groups[k] with { Children = children };
                    changed = true;
                }
            }

            changed |= groups.RemoveAll(g => g.Children.IsEmpty && g.Id != id) > 0;
        }
        while (changed);

        var root = groups.Single(g => g.Id == id);
        groups.Remove(root);
        return ([.. table.Indicators.Where(i => keep.Contains(i.Id))], groups, [.. root.Children]);
    }
}
