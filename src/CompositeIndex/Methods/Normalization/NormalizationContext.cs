using System.Collections.Immutable;

namespace CompositeIndex.Extensibility;

/// <summary>
/// What a <see cref="NormalizationMethod"/> sees while normalising one indicator: raw values per period
/// (one value per unit, NaN = missing), the polarity, the output buffers and a place to record fitted parameters.
/// </summary>
/// <remarks>Mutable, owned by one evaluation, not thread-safe. Do not keep a reference after <see cref="NormalizationMethod.Normalize"/> returns.</remarks>
public sealed class NormalizationContext
{
    private readonly double[] output;
    private readonly List<NormalizationParameter>? parameters; // null: an evaluation into a reused buffer keeps no parameters
    private double[] input;
    private int inputOffset;
    private int outputOffset;
    private ImmutableSortedDictionary<string, string> metadata = ImmutableSortedDictionary<string, string>.Empty;

    internal NormalizationContext(
        string indicatorId,
        Polarity polarity,
        ImmutableArray<string> units,
        ImmutableArray<string> periods,
        double[] input,
        int inputOffset,
        double[] output,
        int outputOffset,
        List<NormalizationParameter>? parameters)
    {
        IndicatorId = indicatorId;
        Polarity = polarity;
        Units = units;
        Periods = periods;
        this.input = input;
        this.inputOffset = inputOffset;
        this.output = output;
        this.outputOffset = outputOffset;
        this.parameters = parameters;
    }

    /// <summary>Gets the id of the indicator being normalised.</summary>
    public string IndicatorId { get; private set; }

    /// <summary>Gets the indicator's polarity.</summary>
    public Polarity Polarity { get; private set; }

    /// <summary>
    /// Gets the indicator's free metadata (<see cref="IndicatorDefinition.Metadata"/>), from which metadata-driven
    /// methods such as <see cref="GoalpostsFromMetadataNormalization"/> read their parameters. The default is empty.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Metadata { get => metadata; init => metadata = value; }

    /// <summary>Gets the unit ids, in data order.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the period ids, in data order.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the raw values of one period (one per unit, NaN = missing).</summary>
    /// <param name="period">The period index in <see cref="Periods"/>.</param>
    /// <returns>A read-only view of the values.</returns>
    public ReadOnlySpan<double> Input(int period) => input.AsSpan(inputOffset + (period * Units.Length), Units.Length);

    /// <summary>Gets the raw values of all periods, period after period.</summary>
    /// <returns>A read-only view of the values.</returns>
    public ReadOnlySpan<double> AllInput() => input.AsSpan(inputOffset, Units.Length * Periods.Length);

    /// <summary>Gets the output buffer of one period (one per unit).</summary>
    /// <param name="period">The period index in <see cref="Periods"/>.</param>
    /// <returns>A writable view.</returns>
    public Span<double> Output(int period) => output.AsSpan(outputOffset + (period * Units.Length), Units.Length);

    /// <summary>Finds a period by id.</summary>
    /// <param name="period">The period id.</param>
    /// <returns>Its index, or -1 when the data has no such period.</returns>
    public int IndexOfPeriod(string period) => Periods.IndexOf(period, StringComparer.Ordinal);

    /// <summary>Gets the values a data-fitted method fits on for a period, according to a reference.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="period">The period being normalised.</param>
    /// <returns>The values to fit on (may contain NaN).</returns>
    /// <exception cref="IndexDataException">The base period is absent from the data.</exception>
    public ReadOnlySpan<double> ReferenceValues(NormalizationReference reference, int period)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Kind switch
        {
            ReferenceKind.Pooled => AllInput(),
            ReferenceKind.BasePeriod => Input(RequirePeriod(reference.Period!)),
            _ => Input(period),
        };
    }

    /// <summary>Gets the index of a period the method needs, or throws.</summary>
    /// <param name="period">The period id.</param>
    /// <returns>Its index.</returns>
    /// <exception cref="IndexDataException">The period is absent from the data.</exception>
    public int RequirePeriod(string period)
    {
        var p = IndexOfPeriod(period);
        if (p < 0)
        {
            throw new IndexDataException($"Indicator '{IndicatorId}' needs period '{period}' (the normalisation reference), but the data has only {string.Join(", ", Periods)}.");
        }

        return p;
    }

    /// <summary>
    /// Points this context at another indicator of the same evaluation (same units, periods, score array, parameter list
    /// and frozen parameters), so that a sequential evaluation uses one context for every indicator; the contract "do
    /// not keep a reference after <see cref="NormalizationMethod.Normalize"/> returns" makes the reuse invisible.
    /// </summary>
    internal void MoveTo(string indicatorId, Polarity polarity, double[] input, int inputOffset, int outputOffset, ImmutableSortedDictionary<string, string> metadata)
    {
        IndicatorId = indicatorId;
        Polarity = polarity;
        this.input = input;
        this.inputOffset = inputOffset;
        this.outputOffset = outputOffset;
        this.metadata = metadata;
    }

    /// <summary>Gets the frozen parameters evaluation was given (see <see cref="FrozenParameters"/>), or <see langword="null"/> to fit on the data.</summary>
    internal FrozenParameters? Frozen { get; init; }

    /// <summary>Gets the frozen named values that apply to this indicator in a period, or <see langword="null"/> when the parameters are to be fitted.</summary>
    /// <param name="period">The period index in <see cref="Periods"/>.</param>
    /// <returns>The values by name.</returns>
    internal IReadOnlyDictionary<string, double>? FrozenValues(int period) => Frozen?.For(IndicatorId, Periods[period]);

    /// <summary>Gets a value indicating whether <see cref="Record"/> keeps anything (false for an evaluation into a reused buffer), so a method can skip building what it would record.</summary>
    internal bool RecordsParameters => parameters is not null;

    /// <summary>Records a fitted parameter (e.g. the min and max actually used) so that results can show it.</summary>
    /// <param name="name">The parameter name, e.g. <c>"min"</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="period">The period index it applies to, or <see langword="null"/> when it applies to all periods.</param>
    public void Record(string name, double value, int? period = null) =>
        parameters?.Add(new NormalizationParameter(IndicatorId, period is { } p ? Periods[p] : null, name, value));

    /// <summary>Creates a <see cref="NumericalException"/> about this indicator.</summary>
    /// <param name="message">The message.</param>
    /// <param name="period">The period index, if any.</param>
    /// <param name="unit">The unit index, if any.</param>
    /// <returns>The exception, to throw.</returns>
    public NumericalException Error(string message, int? period = null, int? unit = null) =>
        new(message, IndicatorId, unit is { } u ? Units[u] : null, period is { } p ? Periods[p] : null);
}
