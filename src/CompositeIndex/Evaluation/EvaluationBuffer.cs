using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// A caller-owned, reusable destination for repeated evaluations (dashboards, what-if loops): the scores of every node
/// for every unit and period, overwritten by each <see cref="CompiledIndex.EvaluateInto(Panel, EvaluationBuffer)"/>.
/// </summary>
/// <remarks>
/// <para>The scores are bit for bit those of <see cref="CompiledIndex.Evaluate(Panel)"/> on the same panel (for a
/// definition with variants: those of its first variant). The buffer keeps scores only: fitted parameters, weight
/// reports, the audit log (no audit entry is even created), outputs and other variants are not kept (evaluate normally to see them).</para>
/// <para>Once a buffer has been used with a compiled index and a panel, evaluating the same index on the same panel
/// again allocates nothing (when the definition has no preparation steps and the work runs on the calling thread, see
/// <see cref="MaxDegreeOfParallelism"/>): the score array and everything the evaluation needs are reused. A different
/// panel of the same size reuses the score array; a larger one replaces it.</para>
/// <para>Mutable and not thread-safe: use one buffer per thread, and read it only between evaluations.</para>
/// </remarks>
public sealed class EvaluationBuffer
{
    private double[] scores = [];
    private CompiledIndex? index;
    private ResultLookup? lookup;

    /// <summary>
    /// Gets the number of threads an evaluation into this buffer may use: -1 (the default) for all processors when the
    /// panel is large enough to gain from it (at least 65,536 values), 1 for the calling thread only. Scores are the same
    /// for every value. Work on more than one thread allocates a few hundred bytes per group for the scheduling.
    /// </summary>
    /// <value>-1 or a positive number.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or below -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value is -1 or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Use -1 (all processors) or a positive number.");
    } = -1;

    /// <summary>Gets a value indicating whether the buffer holds the result of an evaluation.</summary>
    public bool HasScores => index is not null;

    /// <summary>Gets the units of the last evaluation, in data order (empty before the first).</summary>
    public ImmutableArray<UnitInfo> Units { get; private set; } = [];

    /// <summary>Gets the periods of the last evaluation (empty before the first).</summary>
    public ImmutableArray<string> Periods { get; private set; } = [];

    /// <summary>Gets the node ids of the last evaluation, in evaluation order (empty before the first).</summary>
    public ImmutableArray<string> NodeIds => index?.NodeIds ?? [];

    /// <summary>Gets the panel the cached look-ups belong to.</summary>
    internal Panel? Panel { get; private set; }

    /// <summary>Gets the indicator column of every indicator in <see cref="Panel"/>.</summary>
    internal int[] Columns { get; private set; } = [];

    /// <summary>Gets the adjustment column of every group in <see cref="Panel"/> (-1 for none).</summary>
    internal int[] Adjustments { get; private set; } = [];

    /// <summary>Gets the normalisation context of every indicator (built on first use for this panel and score array).</summary>
    internal NormalizationContext?[] Contexts { get; private set; } = [];

    /// <summary>Gets the weight reports of the last evaluation (reused list).</summary>
    internal List<WeightingReport> Reports { get; } = [];

    /// <summary>Gets scratch arrays of at least the index's largest number of children.</summary>
    internal EvaluationScratch Scratch { get; } = new();

    /// <summary>Gets the score array, [node][period][unit].</summary>
    internal double[] Scores => scores;

    /// <summary>Gets the score of a node for a unit and period; NaN when missing.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The score.</returns>
    /// <exception cref="InvalidOperationException">Nothing was evaluated into the buffer yet.</exception>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public double GetScore(string nodeId, string unitId, string period) =>
        scores[Offset(nodeId, period) + lookup!.Unit(unitId)];

    /// <summary>Gets the scores of a node in a period, one per unit (in the order of <see cref="Units"/>); a view valid until the next evaluation into the buffer.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="InvalidOperationException">Nothing was evaluated into the buffer yet.</exception>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public ReadOnlyMemory<double> GetScores(string nodeId, string period) => scores.AsMemory(Offset(nodeId, period), Units.Length);

    /// <summary>Gets the ranks of every unit on a node in a period, as <see cref="IndexResult"/> ranks them (1 = best, ties share the best rank, missing scores have none).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>One rank per unit, in the order of <see cref="Units"/>.</returns>
    /// <exception cref="InvalidOperationException">Nothing was evaluated into the buffer yet.</exception>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public ImmutableArray<int?> GetRanks(string nodeId, string period)
    {
        var ranks = new int[Units.Length];
        IndexResult.CompetitionRanks(GetScores(nodeId, period).Span, ranks);
        return [.. ranks.Select(r => r == 0 ? (int?)null : r)];
    }

    /// <summary>Prepares the buffer for an evaluation of <paramref name="compiled"/> on <paramref name="data"/>: keeps the caches when both are the ones of the previous evaluation.</summary>
    internal void Bind(CompiledIndex compiled, Panel data, CompiledVariant? variant, int length)
    {
        if (ReferenceEquals(index, compiled) && ReferenceEquals(Panel, data) && scores.Length == length)
        {
            return;
        }

        index = null; // not readable until the evaluation completes
        Limits.CheckCells("The evaluation's score table", (compiled.Nodes.Length, "nodes"), (data.Periods.Length, "periods"), (data.Units.Length, "units"));
        if (scores.Length != length)
        {
            scores = GC.AllocateUninitializedArray<double>(length);
        }

        Columns = compiled.MapColumns(data, variant);
        Adjustments = compiled.MapAdjustments(data, variant);
        Contexts = new NormalizationContext?[compiled.IndicatorCount];
        Panel = data;
        Units = data.UnitInfo;
        Periods = data.Periods;
        lookup = new ResultLookup(Units, Periods);
        Scratch.Ensure(compiled.MaxChildren);
    }

    /// <summary>Marks the buffer readable after a completed evaluation.</summary>
    internal void Complete(CompiledIndex compiled) => index = compiled;

    /// <summary>Forgets the last evaluation (it failed part-way).</summary>
    internal void Invalidate()
    {
        index = null;
        Panel = null;
    }

    private int Offset(string nodeId, string period)
    {
        var compiled = index ?? throw new InvalidOperationException("Nothing has been evaluated into this buffer yet.");
        ArgumentNullException.ThrowIfNull(nodeId);
        var n = compiled.NodeIndex.TryGetValue(nodeId, out var i) ? i : throw new UnknownKeyException("node", nodeId);
        return ((n * Periods.Length) + lookup!.Period(period)) * Units.Length;
    }
}

/// <summary>Per-evaluation scratch arrays sized by the largest number of children (reused by a buffer).</summary>
internal sealed class EvaluationScratch
{
    private ForkJoin? loop;
    private double[][] workerCells = [];

    /// <summary>Gets the per-cell scratch of the calling thread: values, weights and weight multipliers, one third each.</summary>
    public double[] Cell { get; private set; } = [];

    public double[] Complete { get; private set; } = [];

    public double[] Nominal { get; private set; } = [];

    public int[] Offsets { get; private set; } = [];

    /// <summary>Gets the fork/join that spreads normalisation and aggregation over threads (created on first use, then reused).</summary>
    public ForkJoin Loop => loop ??= new ForkJoin();

    /// <summary>Gets or sets the reusable body of parallel normalisation.</summary>
    public CompiledIndex.NormalizePass? Normalizer { get; set; }

    /// <summary>Gets or sets the reusable body of parallel aggregation.</summary>
    public CompiledIndex.BlockPass? Blocks { get; set; }

    /// <summary>Gets one cell scratch array of <paramref name="length"/> doubles per worker (reallocated only when more or longer ones are needed).</summary>
    public double[][] WorkerCells(int workers, int length)
    {
        if (workerCells.Length < workers || (workers > 0 && workerCells[0].Length < length))
        {
            workerCells = new double[workers][];
            for (var w = 0; w < workers; w++)
            {
                workerCells[w] = new double[length];
            }
        }

        return workerCells;
    }

    public void Ensure(int children)
    {
        if (Complete.Length < children)
        {
            Cell = new double[3 * children];
            Complete = new double[children];
            Nominal = new double[children];
            Offsets = new int[children];
        }
    }
}
