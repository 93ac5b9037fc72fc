namespace CompositeIndex;

/// <summary>
/// The direction of an indicator: whether a higher raw value means a better outcome.
/// </summary>
/// <remarks>
/// Each normalisation method defines how it inverts a <see cref="Negative"/> indicator (e.g. min-max uses
/// <c>(max − x)/(max − min)</c>); the rule is documented on the method.
/// </remarks>
public enum Polarity
{
    /// <summary>Higher raw values are better (e.g. income, life expectancy).</summary>
    Positive = 0,

    /// <summary>Lower raw values are better (e.g. unemployment, crime rate); the normaliser inverts them.</summary>
    Negative = 1,
}
