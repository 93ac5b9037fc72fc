using System.Collections.Immutable;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// A result read back from its JSON (<see cref="IndexResultJson"/>): scores, ranks, fitted parameters, weights,
/// coverage, audit log and outputs exactly as <see cref="IndexResult.WriteJson"/> wrote them, with the fingerprint of
/// the definition that produced them. <see cref="WriteJson"/> writes the same bytes again.
/// </summary>
/// <remarks>
/// <para>Why not an <see cref="IndexResult"/>: the JSON holds the definition's fingerprint, not the definition, and
/// neither the prepared data (<see cref="IndexResult.Preparation"/>), the variants' results nor the units' attributes.
/// A document is therefore what the file says, no more; contributions, which need the aggregation methods, are
/// computed by <see cref="GetContributions"/> from the definition that produced the result (checked by fingerprint).</para>
/// <para>Scores are laid out as in <see cref="IndexResult"/> (node, period, unit); ranks are the ones written.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IndexResultDocument
{
    private readonly double[] scores;
    private readonly int[] ranks;

    internal IndexResultDocument(double[] scores, int[] ranks)
    {
        this.scores = scores;
        this.ranks = ranks;
    }

    /// <summary>Gets the format version the file was written in (see <see cref="IndexResultJson.CurrentSchemaVersion"/>).</summary>
    public int SchemaVersion { get; internal init; }

    /// <summary>Gets the id of the index.</summary>
    public string Id { get; internal init; } = string.Empty;

    /// <summary>Gets the name of the index.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>Gets the localised names of the index.</summary>
    public ImmutableSortedDictionary<string, string> Names { get; internal init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the version of the definition, if it has one.</summary>
    public string? Version { get; internal init; }

    /// <summary>Gets the id of the root group.</summary>
    public string RootId { get; internal init; } = string.Empty;

    /// <summary>Gets the fingerprint of the definition that produced the result (see <see cref="IndexDefinitionJson.Fingerprint"/>).</summary>
    public string DefinitionFingerprint { get; internal init; } = string.Empty;

    /// <summary>Gets the version of the library that computed the result.</summary>
    public string LibraryVersion { get; internal init; } = string.Empty;

    /// <summary>Gets the units (id and name; attributes are not part of the JSON), in the result's order.</summary>
    public ImmutableArray<UnitInfo> Units { get; internal init; } = [];

    /// <summary>Gets the periods, in the result's order.</summary>
    public ImmutableArray<string> Periods { get; internal init; } = [];

    /// <summary>Gets the nodes: indicators, then groups (children before parents), the root last.</summary>
    public ImmutableArray<IndexResultNode> Nodes { get; internal init; } = [];

    /// <summary>Gets the parameters the normalisers fitted or used.</summary>
    public ImmutableArray<NormalizationParameter> Parameters { get; internal init; } = [];

    /// <summary>Gets the weights every group used and how they were derived (see <see cref="IndexResult.Weights"/>); a weight written as <c>null</c> (not finite) is NaN.</summary>
    public ImmutableArray<WeightingReport> Weights { get; internal init; } = [];

    /// <summary>Gets, per period and unit, how many indicators entered the root score and which were dropped.</summary>
    public ImmutableArray<IndexResultCoverage> Coverage { get; internal init; } = [];

    /// <summary>Gets the audit log.</summary>
    public ImmutableArray<AuditEntry> Audit { get; internal init; } = [];

    /// <summary>Gets the definition's outputs (published values, ranks, classes).</summary>
    public ImmutableArray<IndexResultOutput> Outputs { get; internal init; } = [];

    /// <summary>Gets the score of a node for a unit and period; NaN when missing.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The score, bit for bit as computed.</returns>
    /// <exception cref="KeyNotFoundException">The node, unit or period is unknown.</exception>
    public double GetScore(string nodeId, string unitId, string period) => scores[Offset(NodeOf(nodeId), PeriodOf(period)) + UnitOf(unitId)];

    /// <summary>Gets the scores of a node in a period, one per unit (in the order of <see cref="Units"/>).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>A read-only view of the scores.</returns>
    /// <exception cref="KeyNotFoundException">The node or period is unknown.</exception>
    public ReadOnlySpan<double> GetScores(string nodeId, string period) => scores.AsSpan(Offset(NodeOf(nodeId), PeriodOf(period)), Units.Length);

    /// <summary>Gets the rank of a unit on a node in a period (1 = best), or <see langword="null"/> when its score is missing.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="unitId">The unit id.</param>
    /// <param name="period">The period.</param>
    /// <returns>The rank.</returns>
    /// <exception cref="KeyNotFoundException">The node, unit or period is unknown.</exception>
    public int? GetRank(string nodeId, string unitId, string period) =>
        ranks[Offset(NodeOf(nodeId), PeriodOf(period)) + UnitOf(unitId)] is var r && r > 0 ? r : null;

    /// <summary>Gets the ranks of every unit on a node in a period (in the order of <see cref="Units"/>; missing scores have none).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="period">The period.</param>
    /// <returns>One rank per unit.</returns>
    /// <exception cref="KeyNotFoundException">The node or period is unknown.</exception>
    public ImmutableArray<int?> GetRanks(string nodeId, string period)
    {
        var offset = Offset(NodeOf(nodeId), PeriodOf(period));
        return [.. ranks.AsSpan(offset, Units.Length).ToArray().Select(r => r > 0 ? (int?)r : null)];
    }

    /// <summary>
    /// Explains a group score as <see cref="IndexResult.GetContributions"/> does, from the stored scores and weights and
    /// the aggregation methods of the definition that produced the result.
    /// </summary>
    /// <param name="definition">The definition that produced the result: its fingerprint must be <see cref="DefinitionFingerprint"/>.</param>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <param name="groupId">The group to explain; <see langword="null"/> for the root.</param>
    /// <returns>One entry per descendant node with a score (see <see cref="IndexResult.GetContributions"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The definition is not the one that produced the result (another fingerprint or other nodes).</exception>
    /// <exception cref="IndexDefinitionException">The definition is invalid.</exception>
    /// <exception cref="KeyNotFoundException">The unit, period or group is unknown.</exception>
    public ImmutableArray<Contribution> GetContributions(IndexDefinition definition, string unitId, string period, string? groupId = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var fingerprint = IndexDefinitionJson.Fingerprint(definition);
        if (fingerprint != DefinitionFingerprint)
        {
            throw new ArgumentException($"The definition '{definition.Id}' has the fingerprint {fingerprint}; the result was produced by the definition with fingerprint {DefinitionFingerprint}.", nameof(definition));
        }

        var index = CompiledIndex.Compile(definition);
        if (!index.NodeIds.SequenceEqual(Nodes.Select(n => n.Id)))
        {
            throw new ArgumentException("The definition's nodes are not the nodes of the result.", nameof(definition));
        }

        var result = new IndexResult(index, Units, Periods, scores, Parameters, Audit) { Weights = Weights };
        return result.GetContributions(unitId, period, groupId);
    }

    /// <summary>Writes the document as result JSON: the same bytes <see cref="IndexResult.WriteJson"/> wrote for the same <paramref name="indented"/> (the current format version is written).</summary>
    /// <param name="stream">The destination (UTF-8).</param>
    /// <param name="indented">Whether to indent. The default is <see langword="true"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        ResultJsonWriter.Header(w, IndexResultJson.CurrentSchemaVersion, Id, Name, Names, Version, RootId, DefinitionFingerprint, LibraryVersion);
        ResultJsonWriter.UnitsAndPeriods(w, Units, Periods);
        w.WriteStartArray("nodes");
        foreach (var node in Nodes)
        {
            ResultJsonWriter.Node(w, node.Id, node.Name, node.Names, node.IsIndicator, node.ParentId);
        }

        w.WriteEndArray();
        w.WriteStartArray("scores");
        for (var n = 0; n < Nodes.Length; n++)
        {
            for (var t = 0; t < Periods.Length; t++)
            {
                var offset = Offset(n, t);
                for (var j = 0; j < Units.Length; j++)
                {
                    ResultJsonWriter.Score(w, Units[j].Id, Periods[t], Nodes[n].Id, scores[offset + j], ranks[offset + j]);
                }
            }
        }

        w.WriteEndArray();
        ResultJsonWriter.Parameters(w, Parameters);
        ResultJsonWriter.Weights(w, Weights);
        w.WriteStartArray("coverage");
        foreach (var c in Coverage)
        {
            ResultJsonWriter.Coverage(w, c.Period, c.UnitId, c.IndicatorsUsed, c.Dropped);
        }

        w.WriteEndArray();
        ResultJsonWriter.Audit(w, Audit);
        if (!Outputs.IsEmpty)
        {
            w.WriteStartArray("outputs");
            foreach (var o in Outputs)
            {
                ResultJsonWriter.OutputStart(w, o.Id, o.Name);
                foreach (var v in o.Values)
                {
                    ResultJsonWriter.OutputValue(w, v.UnitId, v.Period, v.Value, v.Published, v.Rank, v.Class);
                }

                ResultJsonWriter.OutputEnd(w);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private int Offset(int node, int period) => ((node * Periods.Length) + period) * Units.Length;

    private int NodeOf(string id)
    {
        for (var i = 0; i < Nodes.Length; i++)
        {
            if (Nodes[i].Id == id)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The result has no node '{id}'.");
    }

    private int PeriodOf(string period) => ResultLookup.PeriodIndex(Periods, period);

    private int UnitOf(string unit) => ResultLookup.UnitIndex(Units, unit);
}

/// <summary>A node of a result read from JSON (see <see cref="IndexResultDocument.Nodes"/>).</summary>
/// <param name="Id">The indicator or group id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="IsIndicator">Whether it is an indicator (else a group).</param>
/// <param name="ParentId">Its parent group; <see langword="null"/> for the root.</param>
/// <remarks>Immutable and thread-safe. Equality is structural.</remarks>
public sealed record IndexResultNode(string Id, string Name, bool IsIndicator, string? ParentId)
{
    /// <summary>Gets the localised names.</summary>
    public ImmutableSortedDictionary<string, string> Names { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <inheritdoc/>
    public bool Equals(IndexResultNode? other) =>
        other is not null && Id == other.Id && Name == other.Name && IsIndicator == other.IsIndicator && ParentId == other.ParentId && Equality.Map(Names, other.Names);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, IsIndicator, ParentId, Equality.Hash(Names));
}

/// <summary>How many indicators entered the root score of a unit in a period, and which were dropped (see <see cref="IndexResult.GetIndicatorsDropped"/>).</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Period">The period.</param>
/// <param name="IndicatorsUsed">The number of indicators that entered the root score.</param>
/// <param name="Dropped">The indicators that did not, in definition order.</param>
/// <remarks>Immutable and thread-safe. Equality is structural (the list is compared element by element).</remarks>
public sealed record IndexResultCoverage(string UnitId, string Period, int IndicatorsUsed, ImmutableArray<string> Dropped)
{
    /// <inheritdoc/>
    public bool Equals(IndexResultCoverage? other) =>
        other is not null && UnitId == other.UnitId && Period == other.Period && IndicatorsUsed == other.IndicatorsUsed && Dropped.SequenceEqual(other.Dropped);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UnitId, Period, IndicatorsUsed, Dropped.Length);
}

/// <summary>The values of one of the definition's outputs, as written (see <see cref="OutputResult"/>).</summary>
/// <param name="Id">The output id.</param>
/// <param name="Name">Its name, if any.</param>
/// <param name="Values">Its values, one per unit and period that has one.</param>
/// <remarks>Immutable and thread-safe. Equality is structural (the values are compared element by element).</remarks>
public sealed record IndexResultOutput(string Id, string? Name, ImmutableArray<IndexResultOutputValue> Values)
{
    /// <inheritdoc/>
    public bool Equals(IndexResultOutput? other) =>
        other is not null && Id == other.Id && Name == other.Name && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Values.Length);
}

/// <summary>One value of an output.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Period">The period.</param>
/// <param name="Value">The unrounded value.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IndexResultOutputValue(string UnitId, string Period, double Value)
{
    /// <summary>Gets the value as published (fixed decimals, e.g. <c>"0.600"</c>), when the output is rounded.</summary>
    public string? Published { get; init; }

    /// <summary>Gets the rank, when the output is ranked and the unit has one.</summary>
    public int? Rank { get; init; }

    /// <summary>Gets the class label, when the output is classified.</summary>
    public string? Class { get; init; }
}
