namespace CompositeIndex;

/// <summary>
/// How a group scales its children's nominal weights before re-normalising them (see
/// <see cref="GroupDefinition.WeightScaling"/>).
/// </summary>
/// <remarks>
/// <para><see cref="AvailableIndicatorCount"/> makes a group the mean over <em>all</em> indicators of its subtree
/// rather than the mean of its children's scores: the effective weight of child c, for a unit and period, is
/// <c>w_c·n_c / Σ_d w_d·n_d</c>, where <c>n_c</c> is the number of indicators below c (c itself when it is an
/// indicator) that have a score for that unit and period. When every group below uses the same quasi-arithmetic
/// mean with equal nominal weights, the group score then equals that mean taken over the subtree's available
/// indicators directly. For the arithmetic mean: <c>Σ_a (n_a/N)·mean_a = (1/N)·Σ_i I_i</c>.</para>
/// <para>Source: this is the aggregation that reproduces Seoul Metropolitan Government's "Walking Together with the
/// Vulnerable Index" (약자동행지수, base 2022 = 100). Its overall index is the mean of all available indicator
/// indices (49 in 2023, 50 in 2024), not the mean of its six area indices. The published values 2023 = 111.0 and
/// 2024 = 130.6 are met only this way (an equal-weight mean of the six areas gives 111.2 and 126.7). See
/// <c>samples/seoul/README.md</c>. In the terms of the OECD/JRC Handbook on Constructing Composite Indicators (2008,
/// §6), these are weights proportional to the number of sub-indicators, which the Handbook warns favours
/// dimensions with more indicators.</para>
/// </remarks>
public enum WeightScaling
{
    /// <summary>Use the nominal weights as given (re-normalised over the children present). The default.</summary>
    None = 0,

    /// <summary>
    /// Multiply each child's nominal weight by the number of indicators below it that have a score for the unit and
    /// period, so the group becomes a mean over all available indicators of its subtree.
    /// </summary>
    AvailableIndicatorCount = 1,
}
