using System.Globalization;
using System.Text.Json;
using CompositeIndex.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>Entry point of uncertainty and sensitivity analysis: run a whole analysis, or one shard of it and merge the shards.</summary>
/// <remarks>
/// <para>A whole analysis: <see cref="Run"/>. A distributed one (e.g. a Kubernetes Indexed Job or a Slurm job array):
/// every worker calls <see cref="RunShard"/> with the same index, data and analysis and its own shard number, saves the
/// part with <see cref="SensitivityAccumulator.WriteTo(Stream)"/>; one process reads the parts
/// (<see cref="SensitivityAccumulator.ReadFrom(Stream, string?)"/>) and calls <see cref="Merge"/>. The merged result is
/// bit-identical to <see cref="Run"/> (rank counts are integers, outputs are stored by run number, the indices are
/// estimated once, after the merge).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Validates, samples and runs an analysis, and summarises it.</summary>
    /// <remarks>
    /// <para><b>How a run is evaluated.</b> Weight factors never recompile: the weights of the addressed groups are
    /// replaced and the groups are re-aggregated from normalised indicator scores. Choice factors (methods, excluded
    /// indicator, parameter values, steps on/off) select a variant definition, compiled and evaluated once per distinct
    /// combination and cached for this analysis (not globally). Continuous parameter factors compile a variant per run.</para>
    /// <para><b>Determinism.</b> The design point of run r depends only on (seed, r); runs write into pre-allocated slots
    /// by run index; rank statistics are integer counts; indices are estimated after the loop, in index order. Results
    /// are therefore bit-identical for any <see cref="SensitivityOptions.MaxDegreeOfParallelism"/> and any split into
    /// shards.</para>
    /// </remarks>
    /// <param name="index">The index definition.</param>
    /// <param name="panel">The data.</param>
    /// <param name="analysis">The analysis.</param>
    /// <param name="options">Parallelism, progress and per-run table; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="IndexDefinitionException">The index definition is invalid.</exception>
    /// <exception cref="SensitivityDefinitionException">The analysis is invalid for the index.</exception>
    /// <exception cref="IndexDataException">The data lacks something the index or an output needs.</exception>
    /// <exception cref="SensitivityRunException">Under <see cref="FailurePolicy.Stop"/>, a run cannot be evaluated (names the run and its factor levels).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SensitivityResult Run(IndexDefinition index, Panel panel, SensitivityDefinition analysis, SensitivityOptions? options = null, CancellationToken cancellationToken = default) =>
        SensitivityRunner.Create(index, panel, analysis).Run(options, cancellationToken);

    /// <summary>
    /// Runs shard <paramref name="shard"/> of <paramref name="shardCount"/> of an analysis: the runs
    /// [⌊shard·R/n⌋, ⌊(shard + 1)·R/n⌋) of its R runs, in the same seeded design as <see cref="Run"/>.
    /// </summary>
    /// <param name="index">The index definition.</param>
    /// <param name="panel">The data.</param>
    /// <param name="analysis">The analysis.</param>
    /// <param name="shard">The shard, 0-based (e.g. Kubernetes' <c>JOB_COMPLETION_INDEX</c>).</param>
    /// <param name="shardCount">The number of shards n ≥ 1.</param>
    /// <param name="options">Parallelism, progress and per-run table; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The part: save it with <see cref="SensitivityAccumulator.WriteTo(Stream)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The shard is outside [0, n) or n &lt; 1.</exception>
    /// <exception cref="IndexDefinitionException">The index definition is invalid.</exception>
    /// <exception cref="SensitivityDefinitionException">The analysis is invalid for the index.</exception>
    /// <exception cref="IndexDataException">The data lacks something the index or an output needs.</exception>
    /// <exception cref="SensitivityRunException">Under <see cref="FailurePolicy.Stop"/>, a run cannot be evaluated.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SensitivityAccumulator RunShard(IndexDefinition index, Panel panel, SensitivityDefinition analysis, int shard, int shardCount, SensitivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shardCount);
        var runner = SensitivityRunner.Create(index, panel, analysis);
        var (first, count) = ShardRange(runner.RunCount, shard, shardCount);
        var accumulator = runner.CreateAccumulator(options?.KeepReplicates ?? false);
        runner.RunRange(accumulator, first, count, options, cancellationToken);
        accumulator.Shard = shard;
        accumulator.ShardCount = shardCount;
        return accumulator;
    }

    /// <summary>
    /// Merges the parts of one analysis (every shard once, or any disjoint split covering every run) and summarises
    /// them. The parts are not changed.
    /// </summary>
    /// <param name="parts">The parts, e.g. read with <see cref="SensitivityAccumulator.ReadFrom(Stream, string?)"/>.</param>
    /// <param name="options">Parallelism of the bootstrap; <see langword="null"/> for the defaults. It never changes the numbers.</param>
    /// <returns>The result, bit-identical to <see cref="Run"/> of the same analysis.</returns>
    /// <exception cref="ArgumentException">No part is given, or a part is null.</exception>
    /// <exception cref="IndexDataException">A part belongs to another analysis (the message names what differs: index
    /// definition, data, seed, factors, samples, second order, …), two parts hold the same shard or runs, a shard is
    /// missing, or the parts together miss runs.</exception>
    public static SensitivityResult Merge(IEnumerable<SensitivityAccumulator> parts, SensitivityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one part is needed.", nameof(parts));
        }

        if (list.Any(p => p is null))
        {
            throw new ArgumentException("A part is null.", nameof(parts));
        }

        var first = list[0];
        foreach (var part in list.Skip(1))
        {
            var differences = Differences(first, part);
            if (differences.Count > 0)
            {
                throw new IndexDataException($"{Name(part, list)} belongs to a different analysis than {Name(first, list)}: {string.Join("; ", differences)}.", part.Source);
            }
        }

        if (list.All(p => p.ShardCount is not null))
        {
            var seen = new Dictionary<int, SensitivityAccumulator>();
            foreach (var part in list)
            {
                if (!seen.TryAdd(part.Shard!.Value, part))
                {
                    throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"{Name(seen[part.Shard.Value], list)} and {Name(part, list)} are both shard {part.Shard}/{part.ShardCount}."), part.Source);
                }
            }

            var missing = Enumerable.Range(0, first.ShardCount!.Value).Where(i => !seen.ContainsKey(i)).ToList();
            if (missing.Count > 0)
            {
                throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"Shard{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} of {first.ShardCount} {(missing.Count > 1 ? "are" : "is")} missing (0-based; {list.Count} part{(list.Count > 1 ? "s" : string.Empty)} given)."));
            }
        }

        var merged = new SensitivityAccumulator(first.Frame, first.KeepsReplicates);
        foreach (var part in list)
        {
            try
            {
                merged.Merge(part);
            }
            catch (ArgumentException ex)
            {
                throw new IndexDataException($"{Name(part, list)} cannot be merged: {ex.Message}", part.Source, inner: ex);
            }
        }

        var missingRun = Array.IndexOf(merged.Done, false);
        if (missingRun >= 0)
        {
            var end = Array.IndexOf(merged.Done, true, missingRun);
            throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"The parts hold {merged.CompletedRuns} of {merged.RunCount} runs; runs {missingRun}–{(end < 0 ? merged.RunCount : end) - 1} are missing."));
        }

        return SensitivityRunner.Summarize(first.Frame, merged, options?.MaxDegreeOfParallelism ?? -1);
    }

    /// <summary>The runs [first, first + count) of shard i of n.</summary>
    internal static (int First, int Count) ShardRange(int runCount, int shard, int shardCount)
    {
        var first = (int)((long)shard * runCount / shardCount);
        var end = (int)((long)(shard + 1) * runCount / shardCount);
        return (first, end - first);
    }

    private static string Name(SensitivityAccumulator part, List<SensitivityAccumulator> list) =>
        part.Source is { } source ? $"'{source}'" : string.Create(CultureInfo.InvariantCulture, $"part {list.IndexOf(part)}");

    /// <summary>What makes two parts belong to different analyses, by name: the index definition, the data, each analysis setting (seed, factors, samples, second order, …) and the run configuration.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    private static List<string> Differences(SensitivityAccumulator a, SensitivityAccumulator b)
    {
        var x = a.Frame;
        var y = b.Frame;
        var differences = new List<string>();
        if (x.IndexId != y.IndexId)
        {
            differences.Add($"index '{x.IndexId}' vs '{y.IndexId}'");
        }

        if (x.DefinitionFingerprint != y.DefinitionFingerprint)
        {
            differences.Add($"index definition fingerprint {x.DefinitionFingerprint} vs {y.DefinitionFingerprint}");
        }

        if (x.DataFingerprint != y.DataFingerprint)
        {
            differences.Add($"data fingerprint {x.DataFingerprint} vs {y.DataFingerprint}");
        }

        // The analysis settings, property by property, under their JSON names (seed, samples, secondOrder, factors, …).
        var options = IndexDefinitionSerializer.Default.Options;
        var ja = JsonSerializer.SerializeToElement(x.Analysis, options);
        var jb = JsonSerializer.SerializeToElement(y.Analysis, options);
        var names = ja.EnumerateObject().Select(p => p.Name).Union(jb.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var va = ja.TryGetProperty(name, out var pa) ? pa.GetRawText() : "(default)";
            var vb = jb.TryGetProperty(name, out var pb) ? pb.GetRawText() : "(default)";
            if (va != vb)
            {
                differences.Add(va.Length <= 40 && vb.Length <= 40 ? $"{name} {va} vs {vb}" : $"{name} differ");
            }
        }

        if (a.ShardCount != b.ShardCount)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"shard count {a.ShardCount?.ToString(CultureInfo.InvariantCulture) ?? "(none)"} vs {b.ShardCount?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}"));
        }

        if (differences.Count == 0 && x.Fingerprint != y.Fingerprint)
        {
            differences.Add($"run configuration (units, periods, node or outputs) fingerprint {x.Fingerprint} vs {y.Fingerprint}");
        }

        return differences;
    }
}
