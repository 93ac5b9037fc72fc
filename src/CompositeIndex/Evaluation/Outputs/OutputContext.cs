using System.Collections.Immutable;

namespace CompositeIndex.Extensibility;

/// <summary>
/// What an <see cref="OutputExpression"/> sees while it is computed: the scores of every variant, the data columns
/// and the outputs computed before it, each as <c>periods × units</c> values, period-major (NaN = missing).
/// </summary>
/// <remarks>Owned by one evaluation and not thread-safe; do not keep a reference after <see cref="OutputExpression.Compute"/> returns.</remarks>
public sealed class OutputContext
{
    private readonly IndexResult primary;
    private readonly IReadOnlyDictionary<string, IndexResult> variants;
    private readonly Panel panel;
    private readonly IReadOnlyDictionary<string, OutputResult> outputs;

    private readonly List<AuditEntry> audit = [];
    private readonly HashSet<int> auditedCells = [];

    internal OutputContext(IndexResult primary, IReadOnlyDictionary<string, IndexResult> variants, Panel panel, IReadOnlyDictionary<string, OutputResult> outputs, string outputId, NonFinitePolicy onNonFinite = NonFinitePolicy.Error)
    {
        this.primary = primary;
        this.variants = variants;
        this.panel = panel;
        this.outputs = outputs;
        OutputId = outputId;
        OnNonFinite = onNonFinite;
    }

    /// <summary>Gets the policy of the output being computed for non-finite values (<see cref="OutputDefinition.OnNonFinite"/>).</summary>
    public NonFinitePolicy OnNonFinite { get; }

    /// <summary>Gets the units, with their names and attributes, in data order.</summary>
    public ImmutableArray<UnitInfo> UnitInfo => panel.UnitInfo;

    /// <summary>Gets the audit entries recorded so far (one per cell made missing by <see cref="NonFinitePolicy.Missing"/>), in cell order.</summary>
    internal ImmutableArray<AuditEntry> Audit => [.. audit.OrderBy(a => a.Period is null ? 0 : panel.Periods.IndexOf(a.Period)).ThenBy(a => a.UnitId is null ? 0 : panel.Units.IndexOf(a.UnitId))];

    /// <summary>
    /// Handles a non-finite value at one cell by the output's <see cref="OnNonFinite"/> policy: returns NaN (missing)
    /// and records an audit entry, or throws.
    /// </summary>
    /// <param name="message">What was not finite, e.g. <c>"the ratio of 0 and 0"</c>.</param>
    /// <param name="cell">The cell index, <c>period · units + unit</c>.</param>
    /// <returns><see cref="double.NaN"/>, the missing value to store.</returns>
    /// <exception cref="NumericalException">The policy is <see cref="NonFinitePolicy.Error"/>.</exception>
    public double NonFinite(string message, int cell)
    {
        if (OnNonFinite != NonFinitePolicy.Missing)
        {
            throw Error(message, cell);
        }

        if (auditedCells.Add(cell))
        {
            var u = panel.Units.Length;
            audit.Add(new AuditEntry("onNonFinite", OutputId, panel.Units[cell % u], panel.Periods[cell / u], $"{message} The value is missing (onNonFinite: missing)."));
        }

        return double.NaN;
    }

    /// <summary>Gets the id of the output being computed.</summary>
    public string OutputId { get; }

    /// <summary>Gets the unit ids, in data order.</summary>
    public ImmutableArray<string> Units => panel.Units;

    /// <summary>Gets the periods, sorted.</summary>
    public ImmutableArray<string> Periods => panel.Periods;

    /// <summary>Gets the number of cells, <c>periods × units</c>.</summary>
    public int Length => panel.Units.Length * panel.Periods.Length;

    /// <summary>Gets the scores of a node in a variant.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="variant">The variant id, or <see langword="null"/> for the primary result.</param>
    /// <returns>A read-only view of <see cref="Length"/> values.</returns>
    /// <exception cref="UnknownKeyException">The node or variant is unknown.</exception>
    public ReadOnlySpan<double> Score(string nodeId, string? variant)
    {
        var result = variant is null ? primary
            : variants.TryGetValue(variant, out var r) ? r
            : throw new UnknownKeyException("variant", variant, $"Output '{OutputId}' needs variant '{variant}', which the index does not have.");
        return result.NodeBlock(nodeId);
    }

    /// <summary>Gets, for every cell, the number of indicators below a node that have a value (see <see cref="IndexResult.GetIndicatorCount"/>).</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="variant">The variant id, or <see langword="null"/> for the primary result.</param>
    /// <returns>A new array of <see cref="Length"/> values.</returns>
    /// <exception cref="UnknownKeyException">The variant is unknown.</exception>
    public double[] IndicatorCount(string nodeId, string? variant)
    {
        var result = variant is null ? primary
            : variants.TryGetValue(variant, out var r) ? r
            : throw new UnknownKeyException("variant", variant, $"Output '{OutputId}' needs variant '{variant}', which the index does not have.");
        var u = panel.Units.Length;
        var counts = new double[Length];
        for (var t = 0; t < panel.Periods.Length; t++)
        {
            for (var j = 0; j < u; j++)
            {
                counts[(t * u) + j] = result.GetIndicatorCount(nodeId, panel.Units[j], panel.Periods[t]);
            }
        }

        return counts;
    }

    /// <summary>Gets the ids of the indicators below a node (the node itself when it is an indicator), in definition order.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <param name="variant">The variant id, or <see langword="null"/> for the primary result.</param>
    /// <returns>The indicator ids.</returns>
    /// <exception cref="KeyNotFoundException">The node or variant is unknown.</exception>
    public ImmutableArray<string> IndicatorsBelow(string nodeId, string? variant)
    {
        var result = variant is null ? primary
            : variants.TryGetValue(variant, out var r) ? r
            : throw new KeyNotFoundException($"Output '{OutputId}' needs variant '{variant}', which the index does not have.");
        var index = result.Index;
        if (!index.NodeIndex.TryGetValue(nodeId, out var target))
        {
            throw new KeyNotFoundException($"Output '{OutputId}' needs node '{nodeId}', which the index does not have.");
        }

        var below = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < index.IndicatorCount; i++)
        {
            for (var n = i; n >= 0; n = index.Nodes[n].Parent)
            {
                if (n == target)
                {
                    below.Add(index.Nodes[i].Id);
                    break;
                }
            }
        }

        return below.ToImmutable();
    }

    /// <summary>Gets the raw values of a data column.</summary>
    /// <param name="column">The column (panel indicator) name.</param>
    /// <returns>A read-only view of <see cref="Length"/> values.</returns>
    /// <exception cref="IndexDataException">The data has no such column.</exception>
    public ReadOnlySpan<double> Column(string column)
    {
        var i = panel.IndexOfIndicator(column);
        if (i < 0)
        {
            throw new IndexDataException($"Output '{OutputId}' needs the data column '{column}', which the data lacks.");
        }

        return panel.RawValues.AsSpan(panel.Offset(i, 0), Length);
    }

    /// <summary>Gets the values of an output computed earlier.</summary>
    /// <param name="outputId">The output id.</param>
    /// <param name="rounded">Whether to use its published (rounded) value rather than the unrounded one.</param>
    /// <returns>A read-only view of <see cref="Length"/> values.</returns>
    /// <exception cref="UnknownKeyException">The output is unknown or not computed yet.</exception>
    public ReadOnlySpan<double> Output(string outputId, bool rounded) =>
        outputs.TryGetValue(outputId, out var o)
            ? (rounded ? o.PublishedValues : o.Values)
            : throw new UnknownKeyException("output", outputId, $"Output '{OutputId}' needs output '{outputId}', which is not computed before it.");

    /// <summary>Gets the ranks of an output computed earlier (NaN where it has no rank).</summary>
    /// <param name="outputId">The output id; it must be ranked (<see cref="OutputDefinition.Ranking"/>).</param>
    /// <returns>A new array of <see cref="Length"/> values.</returns>
    /// <exception cref="UnknownKeyException">The output is unknown, not computed yet or not ranked.</exception>
    public double[] Rank(string outputId)
    {
        if (!outputs.TryGetValue(outputId, out var o) || o.Definition.Ranking is null)
        {
            throw new UnknownKeyException("output", outputId, $"Output '{OutputId}' needs the ranks of output '{outputId}', which is not a ranked output computed before it.");
        }

        var ranks = o.Ranks;
        var result = new double[ranks.Length];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = ranks[k] > 0 ? ranks[k] : double.NaN;
        }

        return result;
    }

    /// <summary>Creates a <see cref="NumericalException"/> about the output being computed, at one cell.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cell">The cell index, <c>period · units + unit</c>.</param>
    /// <returns>The exception, to throw.</returns>
    public NumericalException Error(string message, int cell)
    {
        var u = panel.Units.Length;
        return new NumericalException(message, OutputId, panel.Units[cell % u], panel.Periods[cell / u]);
    }
}
