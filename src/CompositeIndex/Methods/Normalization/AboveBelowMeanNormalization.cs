using T = CompositeIndex.MethodText;
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
public sealed record AboveBelowMeanNormalization : FittedNormalization<StatisticParameters>
{
    /// <summary>The JSON method name, <c>"aboveBelowMean"</c>.</summary>
    public const string Name = "aboveBelowMean";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"+1 above (1 + {T.N(Threshold)}) × mean, −1 below (1 − {T.N(Threshold)}) × mean, 0 in between, {T.Reference(Reference, language)}", $"평균의 (1 + {T.N(Threshold)})배 초과는 +1, (1 − {T.N(Threshold)})배 미만은 −1, 그 사이는 0, {T.Reference(Reference, language)}");

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
    protected override NormalizationReference FitReference => Reference;

    /// <inheritdoc/>
    protected override StatisticParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference) =>
        Stats.Mean(reference) is var (mean, n) && n > 0 ? new StatisticParameters(mean) : null;

    /// <inheritdoc/>
    protected override string? Degenerate(StatisticParameters parameters, Polarity polarity) =>
        parameters.Value == 0 ? "above/below the mean needs a non-zero mean, but it is 0." : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(StatisticParameters? parameters, Polarity polarity) =>
        [new("mean", parameters?.Value ?? 0)];

    /// <inheritdoc/>
    protected override StatisticParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value("mean"));

    /// <inheritdoc/>
    protected override void Apply(StatisticParameters parameters, NormalizationContext context, int period, double sign)
    {
        var mean = parameters.Value;
        var input = context.Input(period);
        var output = context.Output(period);
        for (var u = 0; u < input.Length; u++)
        {
            var r = input[u] / mean;
            output[u] = double.IsNaN(r) ? double.NaN : r > 1 + Threshold ? sign : r < 1 - Threshold ? -sign : 0;
        }
    }
}
