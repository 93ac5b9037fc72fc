namespace CompositeIndex;

/// <summary>
/// The parameters a data-fitted normalisation fitted (or was given, frozen) for one indicator and period, typed per
/// method: <see cref="MinMaxParameters"/>, <see cref="ZScoreParameters"/>, ... Get them from a result with
/// <see cref="IndexResult.GetFittedParameters"/>; they are recorded in the result JSON as named values
/// (<c>"parameters"</c>) and can be frozen for a later evaluation (<see cref="FrozenParameters"/>).
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is structural.</remarks>
public abstract record NormalizationParameters;

/// <summary>The minimum and maximum of the reference values (<see cref="MinMaxNormalization"/>, <see cref="DistanceToMaxNormalization"/>).</summary>
/// <param name="Min">The smallest reference value.</param>
/// <param name="Max">The largest reference value.</param>
public sealed record MinMaxParameters(double Min, double Max) : NormalizationParameters;

/// <summary>The mean and standard deviation of the reference values (<see cref="ZScoreNormalization"/>).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1).</param>
public sealed record ZScoreParameters(double Mean, double StandardDeviation) : NormalizationParameters
{
    /// <summary>Gets the power of two the fit scaled the values by to avoid overflow (values near the largest double); 0 when it did not.</summary>
    internal int ScaleExponent { get; init; }
}

/// <summary>One statistic of the reference values: the mean (<see cref="AboveBelowMeanNormalization"/>), or the mean, maximum or minimum (<see cref="RelativeToStatisticNormalization"/>).</summary>
/// <param name="Value">The statistic.</param>
public sealed record StatisticParameters(double Value) : NormalizationParameters;

/// <summary>The best reference value, the denominator of <see cref="FractionOfMaxNormalization"/> (the maximum, or the minimum for a negative indicator).</summary>
/// <param name="Best">The best value.</param>
public sealed record FractionOfMaxParameters(double Best) : NormalizationParameters;

/// <summary>The worst reference value, the start of the scale of <see cref="DistanceToTargetNormalization"/> (the minimum, or the maximum for a negative indicator).</summary>
/// <param name="Worst">The worst value.</param>
public sealed record DistanceToTargetParameters(double Worst) : NormalizationParameters;

/// <summary>The reference unit's value and the worst value of the period (<see cref="DistanceToReferenceNormalization"/>).</summary>
/// <param name="Reference">The reference unit's value.</param>
/// <param name="Worst">The worst value (the minimum, or the maximum for a negative indicator).</param>
public sealed record DistanceToReferenceParameters(double Reference, double Worst) : NormalizationParameters;
