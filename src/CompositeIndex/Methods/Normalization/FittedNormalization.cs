using System.Collections.Immutable;

namespace CompositeIndex.Extensibility;

/// <summary>
/// The base of every normalisation whose parameters are fitted on the data (min and max, mean and standard deviation,
/// ...): it owns the loop over periods, the reference the parameters are fitted on, the empty-reference and
/// constant-reference rules, recording the fitted parameters, and evaluation with <b>frozen</b> parameters (see
/// <see cref="FrozenParameters"/>); a method supplies only <see cref="Fit"/>, <see cref="Apply"/> and the mapping of its
/// typed parameters (<typeparamref name="TParameters"/>) to and from their named values.
/// </summary>
/// <typeparam name="TParameters">The method's fitted parameters (e.g. <see cref="MinMaxParameters"/>).</typeparam>
/// <remarks>
/// <para>Per period <c>t</c>: the parameters are the frozen ones when evaluation was given them (for this indicator and
/// period, else for all periods, else those of the last frozen period), otherwise <see cref="Fit"/> on the
/// <see cref="FitReference"/> values (ML.NET's estimator → transformer split: fit once, apply many). A fit that finds too
/// few values gives missing output for the period; parameters that cannot be applied (<see cref="Degenerate"/>, e.g. a
/// zero range) throw a <see cref="NumericalException"/> naming the indicator and period, or give missing output when
/// <see cref="FitWhenConstant"/> is <see cref="ConstantReferenceBehavior.Missing"/>. The parameters used are recorded
/// (result <see cref="IndexResult.Parameters"/>, typed through <see cref="IndexResult.GetFittedParameters"/>), then
/// <see cref="Apply"/> writes the period's output.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record FittedNormalization<TParameters> : NormalizationMethod, IFittedNormalization
    where TParameters : NormalizationParameters
{
    /// <summary>Gets the reference the parameters are fitted on.</summary>
    protected abstract NormalizationReference FitReference { get; }

    /// <summary>Gets what happens when the fitted parameters cannot be applied (<see cref="Degenerate"/>). The default is <see cref="ConstantReferenceBehavior.Throw"/>.</summary>
    protected virtual ConstantReferenceBehavior FitWhenConstant => ConstantReferenceBehavior.Throw;

    /// <inheritdoc/>
    public sealed override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var output = context.Output(p);
            var parameters = context.FrozenValues(p) is { } frozen
                ? FromNamedValues(Lookup(context, p, frozen), context.Polarity)
                : Fit(context, p, context.ReferenceValues(FitReference, p));
            if (parameters is null)
            {
                output.Fill(double.NaN);
                continue;
            }

            if (Degenerate(parameters, context.Polarity) is { } reason)
            {
                if (FitWhenConstant == ConstantReferenceBehavior.Missing)
                {
                    output.Fill(double.NaN);
                    continue;
                }

                throw context.Error(reason, p);
            }

            if (context.RecordsParameters) // an evaluation into a reused buffer records nothing: no named values built
            {
                RecordFitted(parameters, context, p);
            }

            Apply(parameters, context, p, sign);
        }
    }

    /// <inheritdoc/>
    NormalizationParameters? IFittedNormalization.FromNamedValues(IReadOnlyDictionary<string, double> values, Polarity polarity)
    {
        foreach (var (name, _) in NamedValues(null, polarity))
        {
            if (!values.ContainsKey(name))
            {
                return null;
            }
        }

        return FromNamedValues(name => values[name], polarity);
    }

    /// <summary>Fits the parameters on the reference values of period <paramref name="period"/>.</summary>
    /// <param name="context">The indicator being normalised (for errors and, rarely, other periods or units).</param>
    /// <param name="period">The period being normalised.</param>
    /// <param name="reference">The values to fit on (NaN = missing), per <see cref="FitReference"/>.</param>
    /// <returns>The parameters, or <see langword="null"/> when the reference has too few values (the period's output is then missing).</returns>
    protected abstract TParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference);

    /// <summary>Records fitted parameters as the named values of <see cref="NamedValues"/>, in their order (a built-in method may record the same values without enumerating them).</summary>
    internal virtual void RecordFitted(TParameters parameters, NormalizationContext context, int period)
    {
        foreach (var (name, value) in NamedValues(parameters, context.Polarity))
        {
            context.Record(name, value, period);
        }
    }

    /// <summary>Says why parameters cannot be applied (e.g. a zero range), or <see langword="null"/> when they can.</summary>
    /// <param name="parameters">The fitted or frozen parameters.</param>
    /// <param name="polarity">The indicator's polarity.</param>
    /// <returns>The reason, phrased to follow the indicator and period in a <see cref="NumericalException"/>.</returns>
    protected virtual string? Degenerate(TParameters parameters, Polarity polarity) => null;

    /// <summary>
    /// Gets the named values of parameters, in the order they are recorded (e.g. <c>min</c>, <c>max</c>): the names of the
    /// result JSON's <c>"parameters"</c>. Called with <see langword="null"/> to learn the names only (values ignored).
    /// </summary>
    /// <param name="parameters">The parameters, or <see langword="null"/> for the names only.</param>
    /// <param name="polarity">The indicator's polarity (some names depend on it).</param>
    /// <returns>The names and values.</returns>
    protected abstract IEnumerable<KeyValuePair<string, double>> NamedValues(TParameters? parameters, Polarity polarity);

    /// <summary>Builds parameters from their named values (the inverse of <see cref="NamedValues"/>), e.g. to apply frozen parameters.</summary>
    /// <param name="value">Gets the value of a name.</param>
    /// <param name="polarity">The indicator's polarity.</param>
    /// <returns>The parameters.</returns>
    protected abstract TParameters FromNamedValues(Func<string, double> value, Polarity polarity);

    /// <summary>Writes the output of period <paramref name="period"/> (<see cref="NormalizationContext.Output"/>) from its input with the given parameters; missing input gives missing output.</summary>
    /// <param name="parameters">The parameters (fitted or frozen, not degenerate).</param>
    /// <param name="context">The indicator being normalised.</param>
    /// <param name="period">The period.</param>
    /// <param name="sign">−1 for a negative indicator (<see cref="Polarity.Negative"/>), +1 otherwise. The base checks
    /// its arguments once and computes the sign once per indicator, so a method does neither.</param>
    protected abstract void Apply(TParameters parameters, NormalizationContext context, int period, double sign);

    private Func<string, double> Lookup(NormalizationContext context, int period, IReadOnlyDictionary<string, double> frozen) =>
        name => frozen.TryGetValue(name, out var v)
            ? v
            : throw new IndexDataException($"The frozen parameters of indicator '{context.IndicatorId}' for period '{context.Periods[period]}' have no '{name}' (the {MethodName} normalisation needs {string.Join(", ", NamedValues(null, context.Polarity).Select(x => x.Key))}).");
}

/// <summary>What the engine needs of a data-fitted normalisation without knowing its parameter type.</summary>
internal interface IFittedNormalization
{
    /// <summary>Builds the typed parameters from named values, or <see langword="null"/> when a name is absent.</summary>
    NormalizationParameters? FromNamedValues(IReadOnlyDictionary<string, double> values, Polarity polarity);
}
