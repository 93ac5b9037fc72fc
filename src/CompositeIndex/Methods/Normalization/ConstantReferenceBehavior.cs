namespace CompositeIndex;

/// <summary>
/// What a data-fitted normalisation does when every reference value is the same (min-max: zero range; z-score: zero
/// standard deviation), so that the formula divides by zero.
/// </summary>
public enum ConstantReferenceBehavior
{
    /// <summary>Throw a <see cref="NumericalException"/> naming the indicator and period (the default).</summary>
    Throw = 0,

    /// <summary>
    /// Give every unit of that indicator and period a missing value (NaN), so that aggregation treats it as missing.
    /// This is COINr's behaviour (<c>n_minmax</c>, <c>n_zscore</c> compute 0/0 = NaN and only warn; COINr 1.1.14,
    /// quirk N2 of the ASEM reference outputs).
    /// </summary>
    Missing = 1,
}
