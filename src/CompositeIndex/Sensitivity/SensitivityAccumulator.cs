namespace CompositeIndex.Sensitivity;

/// <summary>
/// The running statistics of a sensitivity analysis: rank histograms and absolute rank shifts per unit and period
/// (exact integer counts), the outputs of every run (stored by run index) and, optionally, the per-run table.
/// </summary>
/// <remarks>
/// <para>Serialisable: <see cref="WriteTo(Stream)"/> saves it (with the identity, fingerprints, design and nominal
/// ranks of its analysis, and a SHA-256 checksum) and <see cref="ReadFrom(Stream, string?)"/> reads it back, so shards
/// computed on other machines merge into one result (<see cref="SensitivityAnalysis.Merge"/>).</para>
/// <para>Mergeable: an analysis split into shards (<see cref="SensitivityAnalysis.RunShard"/>) fills one accumulator per
/// shard, possibly in different processes or machines, and <see cref="SensitivityAnalysis.Merge"/> combines them. Counts
/// are integers and outputs are stored by run index, so the merged result is bit-identical to a single run, whatever
/// the split and the thread count.</para>
/// <para>Memory: one int per (period, unit, rank), i.e. P·U² ints (49 MB for 3,500 units and one period), plus one double
/// per run and output. Mutable; filled concurrently only by the runner; not thread-safe otherwise.</para>
/// </remarks>
public sealed partial class SensitivityAccumulator
{
    internal SensitivityAccumulator(SensitivityFrame frame, bool keepReplicates)
    {
        Frame = frame;
        Fingerprint = frame.Fingerprint;
        var runCount = frame.RunCount;
        var units = frame.Units.Length;
        var periods = frame.Periods.Length;
        var factors = frame.FactorCount;
        RunCount = runCount;
        Units = units;
        Periods = periods;
        OutputCount = frame.Outputs.Length;
        FactorCount = factors;
        Histogram = new int[periods * units * units];
        Missing = new int[periods * units];
        AbsShift = new long[periods * units];
        Outputs = new double[OutputCount * runCount];
        Done = new bool[runCount];
        Failures = new FailedRun?[runCount];
        if (keepReplicates)
        {
            RepScores = new double[(long)runCount * periods * units];
            RepRanks = new int[(long)runCount * periods * units];
            RepFactors = new double[runCount * factors];
        }
    }

    /// <summary>Gets the fingerprint of the runner configuration this accumulator belongs to.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets the total number of runs of the analysis.</summary>
    public int RunCount { get; }

    /// <summary>Gets the number of runs recorded so far.</summary>
    public int CompletedRuns => Done.Count(d => d);

    /// <summary>Gets the number of runs recorded as failed (<see cref="FailurePolicy.Record"/>).</summary>
    public int FailedRuns => Failures.Count(e => e is not null);

    /// <summary>Gets the shard this accumulator holds (0-based), when it was filled as one shard of n (<see cref="SensitivityAnalysis.RunShard"/>); otherwise <see langword="null"/>.</summary>
    public int? Shard { get; internal set; }

    /// <summary>Gets the number of shards the analysis was split into, when <see cref="Shard"/> is set.</summary>
    public int? ShardCount { get; internal set; }

    /// <summary>Gets where the accumulator was read from (a file name), for messages; <see langword="null"/> when it was created in this process.</summary>
    public string? Source { get; internal set; }

    /// <summary>Gets the identity, design and nominal ranks of the analysis this accumulator belongs to.</summary>
    internal SensitivityFrame Frame { get; }

    /// <summary>Gets a value indicating whether the per-run table is kept.</summary>
    public bool KeepsReplicates => RepScores is not null;

    internal int Units { get; }

    internal int Periods { get; }

    internal int OutputCount { get; }

    internal int FactorCount { get; }

    internal int[] Histogram { get; }

    internal int[] Missing { get; }

    internal long[] AbsShift { get; }

    internal double[] Outputs { get; }

    internal bool[] Done { get; }

    /// <summary>Gets each failed run with its factor levels and error (null for a run that succeeded or is not recorded yet).</summary>
    internal FailedRun?[] Failures { get; }

    internal double[]? RepScores { get; }

    internal int[]? RepRanks { get; }

    internal double[]? RepFactors { get; }

    /// <summary>Adds the runs recorded in <paramref name="other"/> to this accumulator.</summary>
    /// <param name="other">An accumulator of the same runner configuration with no run in common with this one.</param>
    /// <returns>This accumulator.</returns>
    /// <exception cref="ArgumentException">The configurations differ, a run is recorded in both, or only one keeps the per-run table.</exception>
    internal SensitivityAccumulator Merge(SensitivityAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Fingerprint != Fingerprint)
        {
            throw new ArgumentException($"The accumulators belong to different analyses ({Fingerprint} vs {other.Fingerprint}).", nameof(other));
        }

        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged with itself.", nameof(other));
        }

        if (other.KeepsReplicates != KeepsReplicates)
        {
            throw new ArgumentException("Both accumulators must keep (or not keep) the per-run table.", nameof(other));
        }

        for (var r = 0; r < RunCount; r++)
        {
            if (Done[r] && other.Done[r])
            {
                throw new ArgumentException($"Run {r} is recorded in both accumulators{(Source is null && other.Source is null ? string.Empty : $" ('{Source}' and '{other.Source}')")}.", nameof(other));
            }
        }

        for (var i = 0; i < Histogram.Length; i++)
        {
            Histogram[i] += other.Histogram[i];
        }

        for (var i = 0; i < Missing.Length; i++)
        {
            Missing[i] += other.Missing[i];
            AbsShift[i] += other.AbsShift[i];
        }

        var cells = Units * Periods;
        for (var r = 0; r < RunCount; r++)
        {
            if (!other.Done[r])
            {
                continue;
            }

            Done[r] = true;
            Failures[r] = other.Failures[r];
            for (var o = 0; o < OutputCount; o++)
            {
                Outputs[(o * RunCount) + r] = other.Outputs[(o * RunCount) + r];
            }

            if (RepScores is not null)
            {
                Array.Copy(other.RepScores!, (long)r * cells, RepScores, (long)r * cells, cells);
                Array.Copy(other.RepRanks!, (long)r * cells, RepRanks!, (long)r * cells, cells);
                Array.Copy(other.RepFactors!, r * FactorCount, RepFactors!, r * FactorCount, FactorCount);
            }
        }

        return this;
    }
}
