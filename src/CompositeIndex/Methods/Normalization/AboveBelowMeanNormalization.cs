namespace CompositeIndex;

/// <summary>
/// Normalisation into three classes around the mean: +1 above <c>(1 + threshold)·mean</c>, −1 below
/// <c>(1 − threshold)·mean</c>, 0 in between.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §5.2 "indicators above or below the
/// mean" and Table 15, p. 87, with threshold p = 20 %): <c>y = 1</c> if <c>x/x̄ &gt; 1 + p</c>, <c>y = −1</c> if
/// <c>x/x̄ &lt; 1 − p</c>, otherwise <c>y = 0</c>, where <c>x̄</c> is the mean of the non-missing values of the
/// <see cref="Reference"/>. For negative polarity the class is negated (a value far above the mean scores −1).
/// Missing values stay missing. The Handbook notes the method is simple and robust to outliers but discards the
/// information in the distances.</para>
/// <para>Edge cases: a reference with no values gives all-missing output; a zero mean throws a
/// <see cref="NumericalException"/> naming the indicator and period.</para>
/// </remarks>
public sealed record AboveBelowMeanNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"aboveBelowMean"</c>.</summary>
    public const string Name = "aboveBelowMean";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the threshold p around the mean (a share of it). The default is 0.2 (Handbook Table 15).</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>Gets the reference the mean is fitted on. The default is per period.</summary>
    public NormalizationReference Reference { get; init; } = NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(Threshold) && Threshold >= 0 && Threshold < 1, $"{path}.threshold", "The threshold must be at least 0 and below 1.", errors);
        Require(Reference is not null, $"{path}.reference", "The reference is missing.", errors);
        Reference?.Validate($"{path}.reference", errors);
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sign = context.Polarity == Polarity.Negative ? -1.0 : 1.0;
        for (var p = 0; p < context.Periods.Length; p++)
        {
            var (mean, n) = Stats.Mean(context.ReferenceValues(Reference, p));
            var output = context.Output(p);
            if (n == 0)
            {
                output.Fill(double.NaN);
                continue;
            }

            if (mean == 0)
            {
                throw context.Error("above/below the mean needs a non-zero mean, but it is 0.", p);
            }

            context.Record("mean", mean, p);
            var input = context.Input(p);
            for (var u = 0; u < input.Length; u++)
            {
                var r = input[u] / mean;
                output[u] = double.IsNaN(r) ? double.NaN : r > 1 + Threshold ? sign : r < 1 - Threshold ? -sign : 0;
            }
        }
    }
}
