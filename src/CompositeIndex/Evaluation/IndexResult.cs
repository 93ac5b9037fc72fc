using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CompositeIndex;

/// <summary>
/// The outcome of evaluating an index on a panel: the score of every node (indicators after normalisation, and
/// groups) for every unit and period, with ranks, contributions, fitted parameters and an audit log.
/// </summary>
/// <remarks>
/// <para><b>Ranks</b> are computed per node and period in descending order of score; tied scores share the best
/// rank and the next rank is skipped (1, 2, 2, 4 — "competition" or "min" ranking, as COINr's <c>rank(-x,
/// ties.method = "min")</c> and UNDP's published HDI ranks do). Missing scores have no rank.</para>
/// <para><b>Contributions</b> (see <see cref="ExplainScore"/>) split each group score among its children by
/// the aggregation's shares (<see cref="AggregationMethod.Shares"/>), and chain shares down to the indicators.</para>
/// <para><b>Look-ups</b> take their keys in one order everywhere: (what, who, when) = (<c>nodeId</c>, <c>unitId</c>,
/// <c>period</c>). Keys are resolved by dictionaries (not scans); ranks are computed once per node and period, on first
/// use, and cached. An unknown node, unit, period, output or variant throws <see cref="UnknownKeyException"/>.</para>
/// <para><b>Missing</b> has one encoding per kind: a missing score or value is <see cref="double.NaN"/>; a missing rank,
/// class or published value is <see langword="null"/> (<c>int?</c>, <c>string?</c>, <c>decimal?</c>), never 0.</para>
/// <para><b>Saved results</b>: <see cref="WriteJson"/> writes the result with its definition;
/// <see cref="Serialization.IndexResultJson.Read(Stream, IndexDefinition?, string?)"/> reads it back as an
/// <see cref="IndexResult"/> with the same scores bit for bit, so explaining, reporting and auditing a saved result
/// needs no recomputation. A result read back has no <see cref="Preparation"/> and no <see cref="Variants"/> (they are not
/// part of the file).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class IndexResult
{
    private readonly double[] scores;
    private string? fingerprint; // the recorded one, or computed on first use
    private readonly int u;
    private readonly int p;
    private readonly ResultLookup lookup;
    private int[]?[]? rankCache; // per node and period, allocated on the first rank asked for
    private RunRecord? run;

    internal IndexResult(CompiledIndex index, Panel panel, double[] scores, ImmutableArray<NormalizationParameter> parameters, ImmutableArray<AuditEntry> audit)
        : this(index, panel.UnitInfo, panel.Periods, scores, parameters, audit, recordedFingerprint: null, panel.Lookup())
    {
    }

    /// <summary>Creates a result over given units and periods (also for a result read back from JSON, see <see cref="Serialization.IndexResultJson"/>); <paramref name="scores"/> is shared, not copied.</summary>
    /// <param name="index">The compiled index.</param>
    /// <param name="units">The units.</param>
    /// <param name="periods">The periods.</param>
    /// <param name="scores">The scores, node-major then period then unit.</param>
    /// <param name="parameters">The fitted parameters.</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="recordedFingerprint">The definition fingerprint a result file recorded (kept as written); <see langword="null"/> to compute it from the definition.</param>
    /// <param name="lookup">The unit and period look-ups when the caller has them (a panel's indexes); <see langword="null"/> to build them.</param>
    internal IndexResult(CompiledIndex index, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, double[] scores, ImmutableArray<NormalizationParameter> parameters, ImmutableArray<AuditEntry> audit, string? recordedFingerprint = null, ResultLookup? lookup = null)
    {
        Index = index;
        this.scores = scores;
        Units = units;
        Periods = periods;
        u = units.Length;
        p = periods.Length;
        Parameters = parameters;
        Audit = audit;
        this.lookup = lookup ?? new ResultLookup(units, periods);
        fingerprint = recordedFingerprint;
    }

    /// <summary>Gets the compiled index that produced this result.</summary>
    public CompiledIndex Index { get; }

    /// <summary>Gets the definition that produced this result.</summary>
    public IndexDefinition Definition => Index.Definition;

    /// <summary>
    /// Gets the fingerprint of the definition that produced this result: the SHA-256 of its canonical JSON
    /// (see <see cref="Serialization.IndexDefinitionJson.Fingerprint"/>), computed on first use; for a result read back
    /// from JSON, the fingerprint the file recorded.
    /// </summary>
    public string DefinitionFingerprint
    {
        get
        {
            // Concurrent first reads compute the same string; one is published.
            var value = Volatile.Read(ref fingerprint);
            return value ?? Interlocked.CompareExchange(ref fingerprint, value = Serialization.DefinitionFingerprints.Of(Index.Definition), null) ?? value;
        }
    }

    /// <summary>Gets the version of the CompositeIndex library that computed this result (informational version, e.g. <c>0.1.0+abc123</c>); for a result read back from JSON, the version the file recorded.</summary>
    public string LibraryVersion { get; internal init; } = Serialization.IndexDefinitionJson.LibraryVersion;

    /// <summary>Gets the units, in data order.</summary>
    public ImmutableArray<UnitInfo> Units { get; }

    /// <summary>Gets the periods, sorted.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the node ids: indicators, then groups (children before parents), the root last.</summary>
    public ImmutableArray<string> NodeIds => Index.NodeIds;

    /// <summary>Gets the id of the root group (the index itself).</summary>
    public string RootId => Index.RootId;

    /// <summary>Gets the parameters every normaliser fitted or used (min, max, mean, sd, goalposts, ...).</summary>
    public ImmutableArray<NormalizationParameter> Parameters { get; }

    /// <summary>Gets what the pipeline steps did that a reader should know (e.g. scores left missing).</summary>
    public ImmutableArray<AuditEntry> Audit { get; }

    /// <summary>
    /// Gets the weights every group used and how they were derived (one report per group, in evaluation order), followed
    /// by any unit-specific weights (benefit of the doubt: one report per group, unit and period).
    /// </summary>
    public ImmutableArray<WeightingReport> Weights { get; internal init; } = [];

    /// <summary>
    /// Gets the data after the preparation steps (<see cref="IndexDefinition.Steps"/>) with their reports, or
    /// <see langword="null"/> when the definition has no steps (the panel was normalised as given).
    /// </summary>
    public PreparationResult? Preparation { get; internal init; }

    /// <summary>Gets the panel evaluation received (before preparation), for the data fingerprint; <see langword="null"/> for a result read back.</summary>
    internal Panel? InputData { get; init; }

    /// <summary>Gets whether evaluation applied frozen parameters.</summary>
    internal bool ParametersFrozen { get; init; }

    /// <summary>Gets the data fingerprint a result file recorded (a result read back has no <see cref="InputData"/>).</summary>
    internal string? RecordedDataFingerprint { get; init; }

    /// <summary>
    /// Gets the record of this run: definition and fingerprint, library version, data fingerprint and the normalisation
    /// parameters fitted or frozen, from which <see cref="RunRecord.Regenerate"/> computes this result again bit for bit.
    /// </summary>
    public RunRecord Run => LazyInitializer.EnsureInitialized(ref run, () =>
        new RunRecord(Definition, DefinitionFingerprint, LibraryVersion, InputData is { } data ? DataFingerprints.Of(data) : RecordedDataFingerprint, Parameters, ParametersFrozen));

    /// <summary>
    /// Gets the typed parameters the normalisation of an indicator fitted (or was given, frozen) for a period, e.g. a
    /// <see cref="MinMaxParameters"/>; <see langword="null"/> when its method is not fitted on the data (goalposts,
    /// ranks) or fitted nothing in that period (no values).
    /// </summary>
    /// <param name="indicatorId">The indicator.</param>
    /// <param name="period">The period.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="UnknownKeyException">The indicator or period is unknown.</exception>
    public NormalizationParameters? GetFittedParameters(string indicatorId, string period)
    {
        var n = NodeOf(indicatorId);
        _ = PeriodOf(period);
        var node = Index.Nodes[n];
        if (!node.IsIndicator)
        {
            throw new UnknownKeyException("indicator", indicatorId, $"'{indicatorId}' is a group, not an indicator.");
        }

        var method = Index.Variants.FirstOrDefault(v => v.Id == Variant)?.Normalizations[n] ?? node.Normalization;
        if (method is not IFittedNormalization fitted)
        {
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var prm in Parameters)
        {
            if (prm.IndicatorId == indicatorId && prm.Period == period)
            {
                values[prm.Name] = prm.Value;
            }
        }

        return values.Count == 0 ? null : fitted.FromNamedValues(values, node.Indicator!.Polarity);
    }

    /// <summary>Gets the id of the variant these scores belong to, or <see langword="null"/> when the definition has no variants.</summary>
    public string? Variant { get; internal init; }

    /// <summary>Gets the result of every variant by id (including this one); empty when the definition has no variants.</summary>
    public ImmutableSortedDictionary<string, IndexResult> Variants { get; private set; } = ImmutableSortedDictionary<string, IndexResult>.Empty;

    /// <summary>Gets the definition's outputs (published values, ranks, classes), in definition order; see <see cref="OutputDefinition"/>.</summary>
    public ImmutableArray<OutputResult> Outputs { get; private set; } = [];

    /// <summary>Gets an output by id.</summary>
    /// <param name="outputId">The output id.</param>
    /// <returns>The output.</returns>
    /// <exception cref="UnknownKeyException">The definition has no such output.</exception>
    public OutputResult GetOutput(string outputId) =>
        Outputs.FirstOrDefault(o => o.Id == outputId) ?? throw new UnknownKeyException("output", outputId);

    /// <summary>Gets the result of a variant.</summary>
    /// <param name="variantId">The variant id.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="UnknownKeyException">The definition has no such variant.</exception>
    public IndexResult GetVariant(string variantId) =>
        Variants.TryGetValue(variantId, out var r) ? r : throw new UnknownKeyException("variant", variantId);

    /// <summary>Gets every score of a node, period-major (<c>[period · units + unit]</c>).</summary>
    internal ReadOnlySpan<double> NodeBlock(string nodeId) => scores.AsSpan(Offset(NodeOf(nodeId), 0), p * u);

    /// <summary>Sets the variants and computes the outputs; called once, before the result is handed out.</summary>
    internal IndexResult Attach(IndexResult primary, ImmutableSortedDictionary<string, IndexResult> variants, Panel panel)
    {
        foreach (var r in variants.Values)
        {
            r.Variants = variants;
        }

        Outputs = OutputEvaluator.Compute(Definition, primary, variants, panel);
        return this;
    }

    /// <summary>Sets the outputs read back from JSON; called once, before the result is handed out.</summary>
    internal IndexResult WithOutputs(ImmutableArray<OutputResult> outputs)
    {
        Outputs = outputs;
        return this;
    }

    /// <summary>Gets the score of a node (indicator: its normalised value) for a unit and period; NaN when missing.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The score.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public double GetScore(string nodeId, string unitId, string period) =>
        scores[Offset(NodeOf(nodeId), PeriodOf(period)) + UnitOf(unitId)];

    /// <summary>Gets the scores of a node in a period, one per unit (in the order of <see cref="Units"/>; NaN when missing).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>A read-only view of the scores (no copy; usable in LINQ via <c>ToArray()</c> and across <c>await</c>).</returns>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public ReadOnlyMemory<double> GetScores(string nodeId, string period) => scores.AsMemory(Offset(NodeOf(nodeId), PeriodOf(period)), u);

    /// <summary>Gets the rank of a unit on a node in a period (1 = best), or <see langword="null"/> when its score is missing.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The rank.</returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public int? GetRank(string nodeId, string unitId, string period) =>
        RanksAt(NodeOf(nodeId), PeriodOf(period))[UnitOf(unitId)] is var r && r > 0 ? r : null;

    /// <summary>Gets the ranks of every unit on a node in a period (1 = best; ties share the best rank; missing scores have none).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>One rank per unit, in the order of <see cref="Units"/>; <see langword="null"/> where the score is missing.</returns>
    /// <exception cref="UnknownKeyException">The node or period is unknown.</exception>
    public ImmutableArray<int?> GetRanks(string nodeId, string period)
    {
        var ranks = RanksAt(NodeOf(nodeId), PeriodOf(period));
        var b = ImmutableArray.CreateBuilder<int?>(ranks.Length);
        foreach (var r in ranks)
        {
            b.Add(r > 0 ? r : null);
        }

        return b.MoveToImmutable();
    }

    /// <summary>Gets the competition ranks of node <paramref name="n"/> in period <paramref name="t"/> (0 = missing), computed once and cached (thread-safe: concurrent first calls compute the same array and one wins).</summary>
    internal int[] RanksAt(int n, int t)
    {
        var cache = Volatile.Read(ref rankCache);
        if (cache is null)
        {
            var fresh = new int[]?[Index.Nodes.Length * p];
            cache = Interlocked.CompareExchange(ref rankCache, fresh, null) ?? fresh;
        }

        ref var slot = ref cache[(n * p) + t];
        var ranks = Volatile.Read(ref slot);
        if (ranks is null)
        {
            var computed = new int[u];
            CompetitionRanks(scores.AsSpan(Offset(n, t), u), computed);
            ranks = Interlocked.CompareExchange(ref slot, computed, null) ?? computed;
        }

        return ranks;
    }

    /// <summary>
    /// Ranks in descending order of value with ties sharing the best rank (1, 2, 2, 4); NaN gets 0.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="ranks">Receives the ranks.</param>
    internal static void CompetitionRanks(ReadOnlySpan<double> values, Span<int> ranks)
    {
        var order = new int[values.Length];
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            ranks[i] = 0;
            if (!double.IsNaN(values[i]))
            {
                order[n++] = i;
            }
        }

        var copy = values.ToArray();
        Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b)));
        for (var k = 0; k < n; k++)
        {
            ranks[order[k]] = k > 0 && copy[order[k]] == copy[order[k - 1]] ? ranks[order[k - 1]] : k + 1;
        }
    }

    /// <summary>
    /// Explains a group score: for every node below <paramref name="nodeId"/>, its score, its effective weight and share
    /// in its parent, and its contribution to the parent and to <paramref name="nodeId"/>.
    /// </summary>
    /// <param name="nodeId">The group to explain (<see cref="RootId"/> for the index itself); an indicator has nothing below it and gives an empty list.</param>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>
    /// One entry per descendant node with a score, depth-first in definition order. For each group, the
    /// <see cref="Contribution.ToParent"/> values of its children sum to the group score; the
    /// <see cref="Contribution.ToTarget"/> values of the indicators sum to the explained group's score.
    /// </returns>
    /// <exception cref="UnknownKeyException">The node, unit or period is unknown.</exception>
    public ImmutableArray<Contribution> ExplainScore(string nodeId, string unitId, string period)
    {
        var target = NodeOf(nodeId);
        var t = PeriodOf(period);
        var j = UnitOf(unitId);
        var list = ImmutableArray.CreateBuilder<Contribution>();
        var targetScore = scores[Offset(target, t) + j];
        Walk(target, targetScore, 1.0);
        return list.ToImmutable();

        void Walk(int n, double groupScore, double shareOfTarget)
        {
            var node = Index.Nodes[n];
            if (node.IsIndicator || double.IsNaN(groupScore))
            {
                return;
            }

            var children = node.Children;
            var present = new List<int>();
            var vals = new List<double>();
            var ws = new List<double>();
            for (var ci = 0; ci < children.Length; ci++)
            {
                var c = children[ci];
                var v = scores[Offset(c, t) + j];
                if (!double.IsNaN(v))
                {
                    present.Add(c);
                    vals.Add(v);
                    ws.Add(ChildWeight(n, ci, t, j));
                }
            }

            var sum = ws.Sum();
            var wn = ws.Select(w => sum > 0 ? w / sum : 0).ToArray();
            var shares = new double[present.Count];
            node.Aggregation!.Shares(vals.ToArray(), wn, groupScore, shares);
            for (var k = 0; k < present.Count; k++)
            {
                var child = Index.Nodes[present[k]];
                var share = shares[k];
                list.Add(new Contribution(child.Id, node.Id, child.IsIndicator, child.Depth, vals[k], wn[k], share, share * groupScore, shareOfTarget * share * targetScore));
                Walk(present[k], vals[k], shareOfTarget * share);
            }
        }
    }

    /// <summary>Writes every score as long CSV: <c>unit,unit_name,period,node,node_name,kind,score,rank</c> (invariant culture, round-trip precision).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    public void WriteCsv(TextWriter writer, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("unit,unit_name,period,node,node_name,kind,score,rank\n");
        var nodes = Index.Nodes;
        for (var n = 0; n < nodes.Length; n++)
        {
            var name = NodeName(nodes[n], language);
            for (var t = 0; t < p; t++)
            {
                var span = scores.AsSpan(Offset(n, t), u);
                var ranks = RanksAt(n, t);
                for (var j = 0; j < u; j++)
                {
                    var sb = new StringBuilder();
                    sb.Append(Csv(Units[j].Id)).Append(',').Append(Csv(Units[j].Name ?? Units[j].Id)).Append(',')
                      .Append(Csv(Periods[t])).Append(',').Append(Csv(nodes[n].Id)).Append(',').Append(Csv(name)).Append(',')
                      .Append(nodes[n].IsIndicator ? "indicator" : "group").Append(',')
                      .Append(double.IsNaN(span[j]) ? string.Empty : span[j].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                      .Append(ranks[j] == 0 ? string.Empty : ranks[j].ToString(CultureInfo.InvariantCulture)).Append('\n');
                    writer.Write(sb.ToString());
                }
            }
        }
    }

    /// <summary>
    /// Writes the result as JSON: the format version (<c>"schemaVersion"</c>, see
    /// <see cref="Serialization.IndexResultJson.CurrentSchemaVersion"/>), index identity with the definition's fingerprint,
    /// the definition itself (<c>"definition"</c>, omitted when it uses a method that is not registered), units with their
    /// attributes, periods, nodes, scores with ranks, fitted parameters, the weights every group used and how they were
    /// derived (<c>"weights"</c>, see <see cref="Weights"/>), coverage, audit log and the definition's outputs. Numbers are
    /// written in shortest round-trip form and missing scores as <c>null</c>, so
    /// <see cref="Serialization.IndexResultJson.Read(Stream, IndexDefinition?, string?)"/> gives back an
    /// <see cref="IndexResult"/> with every score bit for bit, and writing what it read gives the same bytes.
    /// </summary>
    /// <param name="stream">The destination (UTF-8).</param>
    /// <param name="indented">Whether to indent. The default is <see langword="true"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        Serialization.ResultJsonWriter.Header(w, Serialization.IndexResultJson.CurrentSchemaVersion, Definition.Id, Definition.Name, Definition.Names, Definition.Version, RootId, DefinitionFingerprint, LibraryVersion, Variant);
        Serialization.ResultJsonWriter.Definition(w, Definition);
        Serialization.ResultJsonWriter.Run(w, Run.DataFingerprint, ParametersFrozen);
        Serialization.ResultJsonWriter.UnitsAndPeriods(w, Units, Periods);
        w.WriteStartArray("nodes");
        foreach (var node in Index.Nodes)
        {
            Serialization.ResultJsonWriter.Node(w, node.Id, node.Name, node.Indicator?.Names ?? node.Group?.Names, node.IsIndicator, node.Parent >= 0 ? Index.Nodes[node.Parent].Id : null);
        }

        w.WriteEndArray();
        w.WriteStartArray("scores");
        for (var n = 0; n < Index.Nodes.Length; n++)
        {
            for (var t = 0; t < p; t++)
            {
                var span = scores.AsSpan(Offset(n, t), u);
                var ranks = RanksAt(n, t);
                for (var j = 0; j < u; j++)
                {
                    Serialization.ResultJsonWriter.Score(w, Units[j].Id, Periods[t], Index.Nodes[n].Id, span[j], ranks[j]);
                    Serialization.ResultJsonWriter.FlushIfFull(w);
                }
            }
        }

        w.WriteEndArray();
        Serialization.ResultJsonWriter.Parameters(w, Parameters);
        Serialization.ResultJsonWriter.Weights(w, Weights);
        WriteCoverage(w);
        Serialization.ResultJsonWriter.Audit(w, Audit);
        OutputResult.WriteJson(Outputs, w);
        w.WriteEndObject();
    }

    private ImmutableArray<double> WeightsUsed(CompiledNode node, string unitId, string period)
    {
        WeightingReport? group = null;
        foreach (var r in Weights)
        {
            if (r.GroupId == node.Id)
            {
                if (r.UnitId is null)
                {
                    group ??= r;
                }
                else if (r.UnitId == unitId && r.Period == period)
                {
                    return r.Weights;
                }
            }
        }

        return group?.Weights ?? node.Weights;
    }

    private string NodeName(CompiledNode node, string? language) =>
        node.Indicator?.DisplayName(language) ?? node.Group?.DisplayName(language) ?? node.Name;

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private int Offset(int node, int period) => ((node * p) + period) * u;

    private int NodeOf(string id) =>
        Index.NodeIndex.TryGetValue(id, out var i) ? i : throw new UnknownKeyException("node", id);

    private int PeriodOf(string period) => lookup.Period(period);

    private int UnitOf(string unit) => lookup.Unit(unit);
}

/// <summary>How much one node contributes to its parent's score and to the explained group's score.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Contribution
{
    internal Contribution(string nodeId, string parentId, bool isIndicator, int depth, double score, double weight, double share, double toParent, double toTarget)
    {
        NodeId = nodeId;
        ParentId = parentId;
        IsIndicator = isIndicator;
        Depth = depth;
        Score = score;
        Weight = weight;
        Share = share;
        ToParent = toParent;
        ToTarget = toTarget;
    }

    /// <summary>Gets the node (indicator or group).</summary>
    public string NodeId { get; }

    /// <summary>Gets its parent group.</summary>
    public string ParentId { get; }

    /// <summary>Gets a value indicating whether the node is an indicator.</summary>
    public bool IsIndicator { get; }

    /// <summary>Gets the node's depth (the root is 0).</summary>
    public int Depth { get; }

    /// <summary>Gets the node's score (an indicator's normalised value).</summary>
    public double Score { get; }

    /// <summary>Gets the node's effective weight in its parent (re-normalised over present siblings).</summary>
    public double Weight { get; }

    /// <summary>Gets the node's share of its parent's score (shares of siblings sum to 1).</summary>
    public double Share { get; }

    /// <summary>Gets the contribution to the parent's score, <c>Share × parent score</c>.</summary>
    public double ToParent { get; }

    /// <summary>Gets the contribution to the explained group's score (product of shares along the path × that score).</summary>
    public double ToTarget { get; }
}
