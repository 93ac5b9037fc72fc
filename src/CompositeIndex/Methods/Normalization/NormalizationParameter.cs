namespace CompositeIndex;

/// <summary>A parameter a normaliser fitted or used for one indicator (and period), e.g. the min of a min-max.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Period">The period it applies to, or <see langword="null"/> for all periods.</param>
/// <param name="Name">The parameter name, e.g. <c>"min"</c>, <c>"max"</c>, <c>"mean"</c>, <c>"sd"</c>, <c>"base"</c>.</param>
/// <param name="Value">The value.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record NormalizationParameter(string IndicatorId, string? Period, string Name, double Value);
