using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CompositeIndex.Extensibility;

/// <summary>
/// What a <see cref="PipelineStep"/> works on: a working copy of every panel variable (indicators, denominators,
/// other columns) for the units still in, the definition, and the logs the step writes to.
/// </summary>
/// <remarks>
/// <para>Values are laid out like a <see cref="Panel"/>: one contiguous span over units per variable and period
/// (NaN = missing). The input panel is never modified.</para>
/// <para>Mutable, owned by one evaluation, not thread-safe. Do not keep a reference after <see cref="PipelineStep.Apply"/> returns.</para>
/// </remarks>
public sealed class PipelineContext
{
    private readonly List<AuditEntry> audit;
    private readonly List<StepReport> reports;
    private readonly Panel input;
    private readonly PipelinePlan plan;
    private double[] values;
    private ImmutableArray<UnitInfo> units;
    private IReadOnlyList<UnitInfo> unitsView;
    private List<SkewKurtosis>? deferred;
    private int[]? indicatorVariables;

    internal PipelineContext(PipelinePlan plan, Panel panel, List<AuditEntry> audit, List<StepReport> reports)
    {
        this.plan = plan;
        Definition = plan.Definition;
        Periods = panel.Periods;
        Variables = panel.Indicators;
        units = panel.UnitInfo;
        unitsView = units; // boxed once: an immutable view, so a step cannot change the input panel's units through it
        values = (double[])panel.RawValues.Clone();
        this.audit = audit;
        this.reports = reports;
        input = panel;
    }

    /// <summary>Gets the definition being evaluated.</summary>
    public IndexDefinition Definition { get; }

    /// <summary>Gets the periods, sorted.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the ids of every variable of the panel (the definition's indicators and any other column, e.g. denominators).</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>Gets the units still in (screening steps remove units), in data order.</summary>
    public IReadOnlyList<UnitInfo> Units => unitsView;

    /// <summary>Gets the number of units still in.</summary>
    public int UnitCount => units.Length;

    /// <summary>Gets the ids of the definition's indicators, in definition order.</summary>
    public ImmutableArray<string> IndicatorIds => plan.IndicatorIds;

    /// <summary>Finds a variable.</summary>
    /// <param name="id">The variable id.</param>
    /// <returns>Its index in <see cref="Variables"/>, or -1.</returns>
    public int IndexOfVariable(string id) => input.IndexOfIndicator(id);

    /// <summary>Finds a variable a step needs, or throws.</summary>
    /// <param name="id">The variable id.</param>
    /// <param name="purpose">What the step needs it for, for the message (e.g. <c>"denominator of 'Flights'"</c>).</param>
    /// <returns>Its index in <see cref="Variables"/>.</returns>
    /// <exception cref="IndexDataException">The panel has no such variable.</exception>
    public int RequireVariable(string id, string purpose)
    {
        var i = IndexOfVariable(id);
        if (i < 0)
        {
            throw new IndexDataException($"The data has no variable '{id}' ({purpose}){DefinitionValidator.Suggest(id, Variables)}.");
        }

        return i;
    }

    /// <summary>
    /// Finds the variable of the definition's indicator at <paramref name="indicator"/> in <see cref="IndicatorIds"/>, or
    /// throws as <see cref="RequireVariable"/> does: the same index, from a map of every indicator built on first use (one
    /// look-up per indicator per evaluation rather than one per step).
    /// </summary>
    internal int RequireIndicatorVariable(int indicator, string purpose)
    {
        var map = indicatorVariables ??= MapIndicators();
        var i = map[indicator];
        return i >= 0 ? i : RequireVariable(IndicatorIds[indicator], purpose);
    }

    /// <summary>
    /// The units still in grouped by an attribute (see <see cref="UnitGroups"/>): the input panel's cached grouping while
    /// no unit has been removed, else a grouping of the remaining units built now.
    /// </summary>
    internal UnitGroups GroupsBy(string? attribute) => units == input.UnitInfo ? input.GroupsBy(attribute) : UnitGroups.Build(units, attribute);

    /// <summary>Gets the working values of every variable, laid out as <see cref="Values"/> reads them (for steps that read many columns at once); replaced when units are removed.</summary>
    internal double[] RawValues => values;

    /// <summary>Gets where <see cref="Values"/> of a variable and period starts in <see cref="RawValues"/>.</summary>
    internal int Offset(int variable, int period) => ((variable * Periods.Length) + period) * units.Length;

    /// <summary>Gets the id of a unit still in (<see cref="Units"/>) without going through the read-only list interface.</summary>
    internal string UnitId(int unit) => units[unit].Id;

    private int[] MapIndicators()
    {
        var ids = IndicatorIds;
        var map = new int[ids.Length];
        for (var k = 0; k < map.Length; k++)
        {
            map[k] = IndexOfVariable(ids[k]);
        }

        return map;
    }

    /// <summary>Gets the working values of one variable in one period, one per unit still in (writable).</summary>
    /// <param name="variable">The variable index in <see cref="Variables"/>.</param>
    /// <param name="period">The period index in <see cref="Periods"/>.</param>
    /// <returns>A writable view.</returns>
    public Span<double> Values(int variable, int period) => values.AsSpan(((variable * Periods.Length) + period) * units.Length, units.Length);

    /// <summary>Gets the polarity of an indicator of the definition.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <returns>The polarity (positive for ids that are not indicators of the definition).</returns>
    public Polarity PolarityOf(string indicatorId) => plan.PolarityOf(indicatorId) ?? Polarity.Positive;

    /// <summary>
    /// Gets the ancestor of an indicator at a level of the hierarchy counted from the bottom, as COINr counts levels:
    /// 1 = the indicator itself, 2 = its group (pillar), 3 = the group above, and so on; the root when the path is shorter.
    /// </summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="level">The level, at least 1.</param>
    /// <returns>The ancestor id, or <see langword="null"/> when the indicator is not in the hierarchy.</returns>
    public string? AncestorOf(string indicatorId, int level) => plan.AncestorOf(indicatorId, Math.Max(level - 1, 0));

    /// <summary>Gets the value of a unit attribute (e.g. a region), or <see langword="null"/> when the unit has none.</summary>
    /// <param name="unit">The unit index in <see cref="Units"/>.</param>
    /// <param name="attribute">The attribute name.</param>
    /// <returns>The value; empty or <c>NA</c> values are returned as <see langword="null"/>.</returns>
    public string? AttributeOf(int unit, string attribute) =>
        units[unit].Attributes.TryGetValue(attribute, out var v) && v.Length > 0 && v != "NA" ? v : null;

    /// <summary>Removes units (every variable and period) from the working data.</summary>
    /// <param name="remove">One flag per unit in <see cref="Units"/>; <see langword="true"/> removes the unit.</param>
    /// <exception cref="ArgumentException">The span length differs from <see cref="UnitCount"/>.</exception>
    public void RemoveUnits(ReadOnlySpan<bool> remove)
    {
        if (remove.Length != units.Length)
        {
            throw new ArgumentException($"Expected {units.Length} flags, got {remove.Length}.", nameof(remove));
        }

        var kept = remove.Length - remove.Count(true);
        if (kept == units.Length)
        {
            return;
        }

        var keep = new int[kept];
        for (int u = 0, k = 0; u < remove.Length; u++)
        {
            if (!remove[u])
            {
                keep[k++] = u;
            }
        }

        var oldU = units.Length;
        var rows = Variables.Length * Periods.Length;
        var next = GC.AllocateUninitializedArray<double>(rows * kept); // every element is written below
        for (var r = 0; r < rows; r++)
        {
            var from = values.AsSpan(r * oldU, oldU);
            var to = next.AsSpan(r * kept, kept);
            for (var k = 0; k < to.Length; k++)
            {
                to[k] = from[keep[k]];
            }
        }

        var left = new UnitInfo[kept];
        for (var k = 0; k < left.Length; k++)
        {
            left[k] = units[keep[k]];
        }

        values = next;
        units = ImmutableCollectionsMarshal.AsImmutableArray(left);
        unitsView = units;
    }

    /// <summary>Writes an entry to the audit log of the result.</summary>
    /// <param name="step">The step name (its <see cref="PipelineStep.MethodName"/>).</param>
    /// <param name="nodeId">The indicator or variable concerned.</param>
    /// <param name="unit">The unit index in <see cref="Units"/>, if any.</param>
    /// <param name="period">The period index in <see cref="Periods"/>, if any.</param>
    /// <param name="message">What happened.</param>
    public void Audit(string step, string nodeId, int? unit, int? period, string message) =>
        audit.Add(new AuditEntry(step, nodeId, unit is { } u ? units[u].Id : null, period is { } p ? Periods[p] : null, message));

    /// <summary>Adds a typed report to the result.</summary>
    /// <param name="report">The report.</param>
    public void Report(StepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        reports.Add(report);
    }

    /// <summary>Creates a <see cref="NumericalException"/> about a variable.</summary>
    /// <param name="message">The message.</param>
    /// <param name="nodeId">The indicator or variable.</param>
    /// <param name="period">The period index, if any.</param>
    /// <param name="unit">The unit index, if any.</param>
    /// <returns>The exception, to throw.</returns>
    public NumericalException Error(string message, string nodeId, int? period = null, int? unit = null) =>
        new(message, nodeId, unit is { } u ? units[u].Id : null, period is { } p ? Periods[p] : null);

    internal static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A check of the current values of one variable in one period whose skewness and kurtosis are computed when first
    /// read (see <see cref="SkewKurtosis"/>); the pipeline settles it before any later step can change those values.
    /// </summary>
    internal SkewKurtosis Defer(int variable, int period, bool passed)
    {
        var check = new SkewKurtosis(values, ((variable * Periods.Length) + period) * units.Length, units.Length, passed);
        (deferred ??= []).Add(check);
        return check;
    }

    /// <summary>Computes the deferred checks' values now (before a step that may change the values they read).</summary>
    internal void SettleDeferred()
    {
        if (deferred is null)
        {
            return;
        }

        foreach (var check in deferred)
        {
            check.Settle();
        }

        deferred.Clear();
    }

    internal Panel ToPanel() => input.WithValues(units, values);
}

/// <summary>What the pipeline steps need from the definition, resolved once at compile time.</summary>
/// <remarks>Built from the compiled nodes (parents already resolved), so compiling a definition with steps adds no second walk over the hierarchy.</remarks>
internal sealed class PipelinePlan
{
    private readonly ImmutableArray<CompiledNode> nodes;
    private readonly IReadOnlyDictionary<string, int> nodeIndex;
    private readonly int indicatorCount;

    public PipelinePlan(IndexDefinition definition, ImmutableArray<CompiledNode> nodes, IReadOnlyDictionary<string, int> nodeIndex, int indicatorCount)
    {
        Definition = definition;
        this.nodes = nodes;
        this.nodeIndex = nodeIndex;
        this.indicatorCount = indicatorCount;
        IndicatorIds = [.. definition.Indicators.Select(i => i.Id)];
        Steps = definition.Steps.IsDefault ? [] : definition.Steps;
    }

    public IndexDefinition Definition { get; }

    public ImmutableArray<PipelineStep> Steps { get; }

    public ImmutableArray<string> IndicatorIds { get; }

    /// <summary>The polarity of an indicator of the definition, or <see langword="null"/> for any other id.</summary>
    public Polarity? PolarityOf(string id) => IndicatorIndex(id) is var i and >= 0 ? nodes[i].Indicator!.Polarity : null;

    /// <summary>The ancestor <paramref name="up"/> levels above an indicator (0 = the indicator itself), the root when the path is shorter; <see langword="null"/> for ids that are not indicators.</summary>
    public string? AncestorOf(string id, int up)
    {
        var i = IndicatorIndex(id);
        if (i < 0)
        {
            return null;
        }

        for (var k = 0; k < up && nodes[i].Parent >= 0; k++)
        {
            i = nodes[i].Parent;
        }

        return nodes[i].Id;
    }

    private int IndicatorIndex(string id) => nodeIndex.TryGetValue(id, out var i) && i < indicatorCount ? i : -1;

    public PreparationResult Run(Panel panel, CancellationToken cancellationToken = default)
    {
        var audit = new List<AuditEntry>();
        var reports = new List<StepReport>();
        var context = new PipelineContext(this, panel, audit, reports);
        var before = panel.Units;
        foreach (var step in Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.SettleDeferred(); // checks deferred by an earlier step read values this step may change
            step.Apply(context);
        }

        var data = context.ToPanel();
        ImmutableArray<string> removed = [];
        if (data.Units.Length != before.Length)
        {
            var kept = new HashSet<string>(data.Units, StringComparer.Ordinal);
            removed = [.. before.Where(u => !kept.Contains(u))];
        }

        return new PreparationResult(data, removed, [.. audit], [.. reports]);
    }
}
