using System.CommandLine;
using CompositeIndex.Reporting;

namespace CompositeIndex.Cli;

/// <summary>
/// <c>compindex sensitivity &lt;definition&gt; --data &lt;csv&gt; --factors &lt;json&gt;</c>: uncertainty and sensitivity
/// analysis (rank intervals, Sobol indices).
/// </summary>
internal static class SensitivityCommand
{
    public static Command Create(CliContext ctx)
    {
        var definition = Common.DefinitionArgument();
        var data = new DataOptions();
        var sensitivity = new SensitivityOptions(required: true);
        var period = Common.PeriodOption();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results (JSON) to this file instead of a table on stdout; with --shard, the part file." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i of n of the analysis (i 0-based, e.g. --shard $JOB_COMPLETION_INDEX/4) and write the part to --out; merge the parts with 'compindex sensitivity-merge'.",
        };
        var command = new Command("sensitivity", "Run an uncertainty and sensitivity analysis: perturb the definition as the factors file says, and report rank intervals and Sobol indices.")
        {
            definition, period, output, shard,
        };
        data.AddTo(command);
        sensitivity.AddTo(command);
        shard.Validators.Add(r =>
        {
            if (ParseShard(r.GetValueOrDefault<string?>()) is null && r.GetValueOrDefault<string?>() is { } text)
            {
                r.AddError($"--shard must be i/n with 0 <= i < n (got '{text}').");
            }
        });
        command.SetAction((pr, ct) =>
        {
            var (d, panel, _, result) = Common.Evaluate(pr, definition, data, ctx, ct);
            if (ParseShard(pr.GetValue(shard)) is { } part)
            {
                var partFile = pr.GetValue(output) ?? throw new IndexDataException("--shard needs --out <part file>.");
                var accumulator = sensitivity.RunShard(pr, d, panel, part.Index, part.Count, ctx, ct);
                OutputFile.Write(ctx.Inputs, partFile.FullName, accumulator.WriteTo);
                ctx.Error.WriteLine(FormattableString.Invariant($"Wrote shard {part.Index}/{part.Count} ({accumulator.CompletedRuns} of {accumulator.RunCount} runs) to {partFile.FullName}"));
                return Task.FromResult(ExitCodes.Ok);
            }

            var shown = Common.PeriodOf(result, pr.GetValue(period));
            var run = sensitivity.Run(pr, d, panel, shown, ctx, ct);
            if (pr.GetValue(output) is { } file)
            {
                OutputFile.Write(ctx.Inputs, file.FullName, run.WriteJson);
                ctx.Error.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                run.WriteTable(ctx.Out);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>Parses <c>i/n</c> (0 ≤ i &lt; n); null when absent or malformed.</summary>
    internal static (int Index, int Count)? ParseShard(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 2 }
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, Common.Inv, out var i)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, Common.Inv, out var n)
            && n >= 1 && i < n
            ? (i, n)
            : null;
    }
}

/// <summary>
/// <c>compindex sensitivity-merge part-0 part-1 … --out result.json</c>: merges the parts written by
/// <c>compindex sensitivity --shard i/n</c> into the result of the whole analysis (bit-identical to one run).
/// </summary>
internal static class SensitivityMergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var parts = new Argument<FileInfo[]>("parts") { Description = "The part files, one per shard (any order).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results (JSON) to this file instead of a table on stdout." };
        var period = Common.PeriodOption();
        var threads = new Option<int?>("--threads", "-t") { Description = "The number of threads of the bootstrap (default: all cores). Results are bit-identical for any value." };
        var command = new Command("sensitivity-merge", "Merge the parts of a sharded sensitivity analysis (compindex sensitivity --shard i/n --out part-i) into its result.")
        {
            parts, output, period, threads,
        };
        command.SetAction((pr, ct) =>
        {
            var read = new List<CompositeIndex.Sensitivity.SensitivityAccumulator>();
            foreach (var part in pr.GetValue(parts)!)
            {
                ct.ThrowIfCancellationRequested();
                if (!part.Exists)
                {
                    throw new IndexDataException("The part file does not exist.", part.FullName);
                }

                using var stream = part.OpenRead();
                read.Add(CompositeIndex.Sensitivity.SensitivityAccumulator.ReadFrom(stream, part.Name));
            }

            var result = CompositeIndex.Sensitivity.SensitivityAnalysis.Merge(read, new CompositeIndex.Sensitivity.SensitivityOptions { MaxDegreeOfParallelism = pr.GetValue(threads) ?? -1 });
            if (pr.GetValue(output) is { } file)
            {
                OutputFile.Write(ctx.Inputs, file.FullName, s => result.WriteJson(s));
                ctx.Error.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                var shown = pr.GetValue(period) ?? result.Periods[^1];
                if (!result.Periods.Contains(shown, StringComparer.Ordinal))
                {
                    throw new IndexDataException($"The result has no period '{shown}' ({string.Join(", ", result.Periods)}).");
                }

                SensitivityOptions.WriteTable(result, shown, result.Units.Zip(result.UnitNames).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), ctx.Out);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}

/// <summary>The options of a sensitivity run, shared by <c>sensitivity</c> and <c>report</c>.</summary>
internal sealed class SensitivityOptions(bool required)
{
    private const int FailuresShown = 10;

    public Option<FileInfo> Factors { get; } = new("--factors")
    {
        Description = "The analysis (JSON): uncertain factors (weights, methods, parameters, indicator exclusion), scheme (monteCarlo, saltelli, morris, or given with designRows), samples, seed, outputs.",
        Required = required,
    };

    public Option<int?> Samples { get; } = new("--samples", "-n")
    {
        Description = "Overrides the file's sample size: Monte Carlo replicates, the Saltelli base sample N (N x (k + 2) runs for k factors), or the Morris trajectories r (r x (k + 1) runs).",
    };

    public Option<ulong?> Seed { get; } = new("--seed", "-s")
    {
        Description = "Overrides the file's seed; the seed drives every draw (design, weights, bootstrap); 0 is a valid seed.",
    };

    public Option<bool> SecondOrder { get; } = new("--second-order")
    {
        Description = "Also estimate second-order Sobol indices S2 of every pair of factors (Saltelli scheme; N x (2k + 2) runs instead of N x (k + 2)).",
    };

    public Option<int?> Threads { get; } = new("--threads", "-t")
    {
        Description = "The number of threads (default: all cores). Results are bit-identical for any value.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Factors);
        command.Options.Add(Samples);
        command.Options.Add(Seed);
        command.Options.Add(SecondOrder);
        command.Options.Add(Threads);
        Samples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 2)
            {
                r.AddError("--samples must be at least 2.");
            }
        });
        Threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--threads must be at least 1.");
            }
        });
    }

    public bool IsRequested(ParseResult pr) => pr.GetValue(Factors) is not null;

    /// <summary>Reads the analysis file, applies the overrides, validates against the index and runs shard i of n of it.</summary>
    public CompositeIndex.Sensitivity.SensitivityAccumulator RunShard(ParseResult pr, IndexDefinition definition, Panel panel, int shard, int shardCount, CliContext ctx, CancellationToken ct)
    {
        var analysis = ReadAnalysis(pr, definition);
        var threads = pr.GetValue(Threads) ?? -1;
        var (first, count) = CompositeIndex.Sensitivity.SensitivityAnalysis.ShardRange(analysis.RunCount, shard, shardCount);
        ctx.Info($"Sensitivity shard {shard}/{shardCount}: runs {first}-{first + count - 1} of {analysis.RunCount} ({analysis.Scheme}, seed {analysis.Seed}).");
        return ctx.WithProgress(
            "sensitivity runs",
            count,
            (increment, token) => CompositeIndex.Sensitivity.SensitivityAnalysis.RunShard(
                definition,
                panel,
                analysis,
                shard,
                shardCount,
                new CompositeIndex.Sensitivity.SensitivityOptions { MaxDegreeOfParallelism = threads, Progress = Progress(increment) },
                token),
            ct);
    }

    /// <summary>Reads the analysis file, applies the overrides, validates against the index and runs it.</summary>
    public SensitivityRun Run(ParseResult pr, IndexDefinition definition, Panel panel, string period, CliContext ctx, CancellationToken ct)
    {
        var analysis = ReadAnalysis(pr, definition);
        var threads = pr.GetValue(Threads) ?? -1;
        ctx.Info($"Sensitivity: {analysis.Factors.Length} factors, {analysis.Scheme}, {analysis.RunCount} runs, seed {analysis.Seed}.");
        var result = ctx.WithProgress(
            "sensitivity runs",
            analysis.RunCount,
            (increment, token) => CompositeIndex.Sensitivity.SensitivityAnalysis.Run(
                definition,
                panel,
                analysis,
                new CompositeIndex.Sensitivity.SensitivityOptions { MaxDegreeOfParallelism = threads, Progress = Progress(increment) },
                token),
            ct);
        ct.ThrowIfCancellationRequested();
        var names = panel.UnitInfo.ToDictionary(u => u.Id, u => u.Name ?? u.Id, StringComparer.Ordinal);
        return new SensitivityRun
        {
            Report = SensitivityReport.From(result, period, names),
            WriteJson = s => result.WriteJson(s),
            WriteTable = w => WriteTable(result, period, names, w),
        };
    }

    /// <summary>A progress receiver that advances the progress bar by the runs completed since its last report.</summary>
    private static SyncProgress<CompositeIndex.Sensitivity.SensitivityProgress> Progress(Action<long> increment)
    {
        var gate = new Lock();
        var last = 0;
        return new SyncProgress<CompositeIndex.Sensitivity.SensitivityProgress>(p =>
        {
            lock (gate)
            {
                if (p.CompletedRuns > last)
                {
                    increment(p.CompletedRuns - last);
                    last = p.CompletedRuns;
                }
            }
        });
    }

    /// <summary>Reads the analysis file, applies the overrides and validates it against the index.</summary>
    private CompositeIndex.Sensitivity.SensitivityDefinition ReadAnalysis(ParseResult pr, IndexDefinition definition)
    {
        var file = pr.GetValue(Factors)!;
        if (!file.Exists)
        {
            throw new IndexDataException("The factors file does not exist.", file.FullName);
        }

        var analysis = Read(file);
        if (pr.GetValue(Samples) is { } n)
        {
            analysis = analysis with { Samples = n };
        }

        if (pr.GetValue(Seed) is { } seed)
        {
            analysis = analysis with { Seed = seed };
        }

        if (pr.GetValue(SecondOrder))
        {
            analysis = analysis with { SecondOrder = true };
        }

        var report = analysis.Validate(definition);
        if (!report.IsValid)
        {
            throw new IndexDefinitionException(new ValidationReport([.. report.Errors.Select(e => e with { Message = $"{file.Name}: {e.Message}" })]));
        }

        return analysis;
    }

    /// <summary>Reads a factors file (JSON, <c>//</c> comments allowed); malformed JSON is an <see cref="IndexDefinitionException"/> with the path and line.</summary>
    public static CompositeIndex.Sensitivity.SensitivityDefinition Read(FileInfo file)
    {
        var json = DefinitionSource.ReadText(file.FullName);
        try
        {
            return CompositeIndex.Sensitivity.SensitivityDefinitionJson.Load(json, file.Name);
        }
        catch (CompositeIndex.Sensitivity.SensitivityDefinitionException ex)
        {
            throw new IndexDefinitionException(ex.Report);
        }
    }

    public static void WriteTable(CompositeIndex.Sensitivity.SensitivityResult result, string period, IReadOnlyDictionary<string, string> names, TextWriter w)
    {
        var a = result.Analysis;
        w.WriteLine($"Sensitivity of '{result.IndexId}' ({result.NodeId}): {a.Scheme}, {result.RunCount} runs, seed {a.Seed}; factors: {string.Join(", ", result.FactorNames)}");
        w.WriteLine();
        w.WriteLine(FormattableString.Invariant($"Rank intervals in {period} ({a.LowerPercentile * 100:0.#}th-{a.UpperPercentile * 100:0.#}th percentile):"));
        var table = new TextTable().Column("nominal", right: true).Column("unit").Column("median", right: true).Column("interval", right: true).Column("best-worst", right: true).Column("mean |shift|", right: true);
        foreach (var r in result.RankIntervals.Where(r => r.Period == period).OrderBy(r => r.NominalRank ?? int.MaxValue).ThenBy(r => r.MedianRank))
        {
            table.Row(
                r.NominalRank?.ToString(Common.Inv) ?? "-",
                names.GetValueOrDefault(r.UnitId, r.UnitId),
                Common.Num(r.MedianRank, "0.#"),
                $"{Common.Num(r.LowerRank, "0.#")}-{Common.Num(r.UpperRank, "0.#")}",
                $"{r.BestRank?.ToString(Common.Inv) ?? "-"}-{r.WorstRank?.ToString(Common.Inv) ?? "-"}",
                Common.Num(r.MeanAbsoluteRankShift));
        }

        table.Write(w);
        if (!result.FailedRuns.IsEmpty)
        {
            w.WriteLine();
            w.WriteLine($"{result.FailedRuns.Length} of {result.RunCount} runs failed and are left out of the statistics (onFailure: record):");
            foreach (var f in result.FailedRuns.Take(FailuresShown))
            {
                w.WriteLine($"  {string.Concat(f.ToString().Select(c => char.IsControl(c) ? '?' : c))}");
            }

            if (result.FailedRuns.Length > FailuresShown)
            {
                w.WriteLine($"  ... and {result.FailedRuns.Length - FailuresShown} more (all in the --out JSON).");
            }
        }

        MorrisTables.Write(result, w);
        foreach (var s in result.Sensitivities)
        {
            w.WriteLine();
            w.WriteLine(FormattableString.Invariant($"Sobol indices of {s.Output} ({s.ConfidenceLevel * 100:0.#} % intervals; estimates can be slightly negative):"));
            var t = new TextTable().Column("factor").Column("S1", right: true).Column("S1 conf", right: true).Column("ST", right: true).Column("ST conf", right: true);
            foreach (var f in s.Factors)
            {
                t.Row(f.Factor, Common.Num(f.S1, "0.000"), Common.Num(f.S1Conf, "0.000"), Common.Num(f.ST, "0.000"), Common.Num(f.STConf, "0.000"));
            }

            t.Write(w);
            if (!s.SecondOrder.IsEmpty)
            {
                w.WriteLine();
                w.WriteLine(FormattableString.Invariant($"Second-order indices of {s.Output} (interaction of each pair):"));
                var t2 = new TextTable().Column("factor").Column("with").Column("S2", right: true).Column("S2 conf", right: true);
                foreach (var p in s.SecondOrder)
                {
                    t2.Row(p.FirstFactor, p.SecondFactor, Common.Num(p.S2, "0.000"), Common.Num(p.S2Conf, "0.000"));
                }

                t2.Write(w);
            }

            if (s.Unavailable is not null)
            {
                w.WriteLine($"Unavailable: {s.Unavailable}");
            }
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (no synchronisation context).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>The outcome of a sensitivity run, as the CLI prints and reports it.</summary>
internal sealed class SensitivityRun
{
    public required SensitivityReport Report { get; init; }

    public required Action<Stream> WriteJson { get; init; }

    public required Action<TextWriter> WriteTable { get; init; }
}
