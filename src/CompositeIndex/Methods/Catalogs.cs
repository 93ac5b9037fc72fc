namespace CompositeIndex;

/// <summary>Factory methods for the built-in normalisation methods (a discoverable catalog for the fluent API).</summary>
public static class Normalization
{
    /// <summary>Creates a min-max normalisation to [<paramref name="lower"/>, <paramref name="upper"/>]; see <see cref="MinMaxNormalization"/>.</summary>
    /// <param name="lower">The worst unit's value. The default is 0.</param>
    /// <param name="upper">The best unit's value. The default is 100.</param>
    /// <param name="reference">What the min and max are fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static MinMaxNormalization MinMax(double lower = 0, double upper = 100, NormalizationReference? reference = null) =>
        new(lower, upper) { Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates a z-score standardisation; see <see cref="ZScoreNormalization"/>.</summary>
    /// <param name="mean">The target mean. The default is 0.</param>
    /// <param name="standardDeviation">The target standard deviation. The default is 1.</param>
    /// <param name="reference">What the mean and sd are fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static ZScoreNormalization ZScore(double mean = 0, double standardDeviation = 1, NormalizationReference? reference = null) =>
        new(mean, standardDeviation) { Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates a fixed-goalposts normalisation; see <see cref="GoalpostsNormalization"/>.</summary>
    /// <param name="min">The lower goalpost.</param>
    /// <param name="max">The upper goalpost.</param>
    /// <param name="log">Whether to use natural logarithms. The default is <see langword="false"/>.</param>
    /// <param name="cap">Whether values above the maximum are capped. The default is <see langword="true"/>.</param>
    /// <param name="floor">Whether values below the minimum are floored. The default is <see langword="true"/>.</param>
    /// <param name="scale">The value at the upper goalpost. The default is 1.</param>
    /// <returns>The method.</returns>
    public static GoalpostsNormalization Goalposts(double min, double max, bool log = false, bool cap = true, bool floor = true, double scale = 1) =>
        new(min, max) { Log = log, Cap = cap, Floor = floor, Scale = scale };

    /// <summary>Creates a ratio-to-base-period normalisation (base = 100); see <see cref="RatioToBaseNormalization"/>.</summary>
    /// <param name="basePeriod">The base period.</param>
    /// <param name="inversion">The inversion rule for negative polarity. The default is <see cref="InversionRule.Reciprocal"/>.</param>
    /// <param name="scale">The base value. The default is 100.</param>
    /// <returns>The method.</returns>
    public static RatioToBaseNormalization RatioToBase(string basePeriod, InversionRule inversion = InversionRule.Reciprocal, double scale = 100) =>
        new(basePeriod) { Inversion = inversion, Scale = scale };

    /// <summary>Creates a rank normalisation; see <see cref="RankNormalization"/>.</summary>
    /// <returns>The method.</returns>
    public static RankNormalization Rank() => new();

    /// <summary>Creates a rank normalisation with an explicit tie rule; see <see cref="RankNormalization"/>.</summary>
    /// <param name="ties">How ties are ranked.</param>
    /// <returns>The method.</returns>
    public static RankNormalization Rank(RankTies ties) => new() { Ties = ties };

    /// <summary>Creates a percentile-rank normalisation; see <see cref="PercentileRankNormalization"/>.</summary>
    /// <param name="scale">The best unit's value. The default is 100.</param>
    /// <param name="form">The percentile formula: <see cref="PercentileForm.Continuous"/> (default, COINr) or
    /// <see cref="PercentileForm.RankOverCount"/> (Handbook Table 15).</param>
    /// <returns>The method.</returns>
    public static PercentileRankNormalization PercentileRank(double scale = 100, PercentileForm form = PercentileForm.Continuous) =>
        new() { Scale = scale, Form = form };

    /// <summary>Creates a categorical-scale normalisation by percentile bands; see <see cref="CategoricalNormalization"/>.</summary>
    /// <param name="bands">The bands, best first: (lower percentile cut-off, score), the last starting at 0; e.g.
    /// <c>(95, 100), (85, 80), (65, 60), (35, 50), (15, 40), (5, 20), (0, 0)</c>.</param>
    /// <returns>The method (percentile 100·r/n, ties at the lowest rank; change with <c>with { Form = …, Ties = … }</c>).</returns>
    public static CategoricalNormalization Categorical(params (double FromPercentile, double Score)[] bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return new([.. bands.Select(b => new CategoricalBand(b.FromPercentile, b.Score))]);
    }

    /// <summary>Creates a distance-to-target normalisation; see <see cref="DistanceToTargetNormalization"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="capAtTarget">Whether values beyond the target score the maximum. The default is <see langword="true"/>.</param>
    /// <param name="scale">The score at the target. The default is 1.</param>
    /// <returns>The method.</returns>
    public static DistanceToTargetNormalization DistanceToTarget(double target, bool capAtTarget = true, double scale = 1) =>
        new(target) { CapAtTarget = capAtTarget, Scale = scale };

    /// <summary>Creates a Borda-score normalisation (rank − 1); see <see cref="BordaNormalization"/>.</summary>
    /// <param name="ties">How ties are ranked. The default is <see cref="RankTies.Minimum"/> (COINr).</param>
    /// <returns>The method.</returns>
    public static BordaNormalization Borda(RankTies ties = RankTies.Minimum) => new() { Ties = ties };

    /// <summary>Creates a fraction-of-max normalisation; see <see cref="FractionOfMaxNormalization"/>.</summary>
    /// <param name="scale">The best unit's value. The default is 1.</param>
    /// <param name="inversion">The rule for negative polarity. The default is <see cref="FractionOfMaxInversion.Reciprocal"/>.</param>
    /// <param name="reference">What the max is fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static FractionOfMaxNormalization FractionOfMax(double scale = 1, FractionOfMaxInversion inversion = FractionOfMaxInversion.Reciprocal, NormalizationReference? reference = null) =>
        new() { Scale = scale, Inversion = inversion, Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates a ratio or relative difference to the mean, maximum or minimum; see <see cref="RelativeToStatisticNormalization"/>.</summary>
    /// <param name="statistic">The statistic divided by. The default is the mean.</param>
    /// <param name="form">Ratio or relative difference. The default is the ratio.</param>
    /// <param name="reference">What the statistic is fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static RelativeToStatisticNormalization RelativeToStatistic(ReferenceStatistic statistic = ReferenceStatistic.Mean, RelativeForm form = RelativeForm.Ratio, NormalizationReference? reference = null) =>
        new() { Statistic = statistic, Form = form, Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates the three-class above/below-the-mean normalisation; see <see cref="AboveBelowMeanNormalization"/>.</summary>
    /// <param name="threshold">The share of the mean around it that scores 0. The default is 0.2.</param>
    /// <param name="reference">What the mean is fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static AboveBelowMeanNormalization AboveBelowMean(double threshold = 0.2, NormalizationReference? reference = null) =>
        new() { Threshold = threshold, Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates a distance-to-max normalisation; see <see cref="DistanceToMaxNormalization"/>.</summary>
    /// <param name="scale">The best unit's value. The default is 1.</param>
    /// <param name="reference">What the best and worst values are fitted on; <see langword="null"/> means per period.</param>
    /// <returns>The method.</returns>
    public static DistanceToMaxNormalization DistanceToMax(double scale = 1, NormalizationReference? reference = null) =>
        new() { Scale = scale, Reference = reference ?? NormalizationReference.PerPeriod };

    /// <summary>Creates a distance-to-reference-unit normalisation; see <see cref="DistanceToReferenceNormalization"/>.</summary>
    /// <param name="unit">The reference unit's id.</param>
    /// <param name="capAtReference">Whether units better than the reference score the maximum. The default is <see langword="false"/> (COINr).</param>
    /// <param name="scale">The reference unit's score. The default is 1.</param>
    /// <returns>The method.</returns>
    public static DistanceToReferenceNormalization DistanceToReference(string unit, bool capAtReference = false, double scale = 1) =>
        new(unit) { CapAtReference = capAtReference, Scale = scale };

    /// <summary>Creates a fixed linear rescaling <c>(x − lower)/(upper − lower)·factor</c>; see <see cref="ScaledNormalization"/>.</summary>
    /// <param name="lower">The value mapped to 0.</param>
    /// <param name="upper">The value mapped to <paramref name="factor"/>.</param>
    /// <param name="factor">The value at <paramref name="upper"/>. The default is 100.</param>
    /// <returns>The method.</returns>
    public static ScaledNormalization Scaled(double lower, double upper, double factor = 100) => new(lower, upper) { Factor = factor };

    /// <summary>Creates a goalposts normalisation that reads goalposts, scale and truncation from each indicator's metadata; see <see cref="GoalpostsFromMetadataNormalization"/>.</summary>
    /// <param name="scale">The scale when an indicator has none in its metadata. The default is 1.</param>
    /// <param name="truncate">Whether to truncate when an indicator's metadata does not say. The default is <see langword="true"/>.</param>
    /// <returns>The method.</returns>
    public static GoalpostsFromMetadataNormalization GoalpostsFromMetadata(double scale = 1, bool truncate = true) =>
        new() { Scale = scale, Truncate = truncate };
}

/// <summary>Factory methods for the built-in aggregation methods.</summary>
public static class Aggregation
{
    /// <summary>Creates the weighted arithmetic mean; see <see cref="ArithmeticAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static ArithmeticAggregation Arithmetic() => new();

    /// <summary>Creates the weighted geometric mean; see <see cref="GeometricAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static GeometricAggregation Geometric() => new();

    /// <summary>Creates the weighted harmonic mean; see <see cref="HarmonicAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static HarmonicAggregation Harmonic() => new();

    /// <summary>Creates the product of the children's values (weights not used); see <see cref="MultiplicativeAggregation"/>.</summary>
    /// <param name="zeros">What a zero child does: an error (the default, as for the geometric mean), a product of 0, or a missing score.</param>
    /// <returns>The method.</returns>
    public static MultiplicativeAggregation Multiplicative(GeometricZeroPolicy zeros = GeometricZeroPolicy.Error) => new() { Zeros = zeros };

    /// <summary>Creates the weighted power mean of order <paramref name="power"/>; see <see cref="PowerMeanAggregation"/>.</summary>
    /// <param name="power">The exponent p (non-zero).</param>
    /// <returns>The method.</returns>
    public static PowerMeanAggregation PowerMean(double power) => new(power);

    /// <summary>Creates the minimum; see <see cref="MinimumAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static MinimumAggregation Minimum() => new();

    /// <summary>Creates the benefit-of-the-doubt (DEA) score with optional weight-share bounds; see <see cref="BenefitOfTheDoubtAggregation"/>.</summary>
    /// <param name="minWeightShare">The lower bound on each child's share of the total weight (the Handbook's TAI example: 0.10), or <see langword="null"/>.</param>
    /// <param name="maxWeightShare">The upper bound (TAI example: 0.15), or <see langword="null"/>.</param>
    /// <returns>The method.</returns>
    public static BenefitOfTheDoubtAggregation BenefitOfTheDoubt(double? minWeightShare = null, double? maxWeightShare = null) =>
        new() { MinWeightShare = minWeightShare, MaxWeightShare = maxWeightShare };

    /// <summary>Creates the Mazziotta–Pareto index (standardises the children across units); see <see cref="MazziottaParetoAggregation"/>.</summary>
    /// <param name="penalty">The penalty direction. The default is <see cref="UnbalancePenalty.Negative"/> (higher is better).</param>
    /// <returns>The method.</returns>
    public static MazziottaParetoAggregation MazziottaPareto(UnbalancePenalty penalty = UnbalancePenalty.Negative) => new() { Penalty = penalty };

    /// <summary>Creates the adjusted Mazziotta–Pareto index for children normalised with goalposts; see <see cref="AdjustedMazziottaParetoAggregation"/>.</summary>
    /// <param name="penalty">The penalty direction. The default is <see cref="UnbalancePenalty.Negative"/>.</param>
    /// <param name="inputScale">The normalised value at the upper goalpost. The default is 1.</param>
    /// <returns>The method.</returns>
    public static AdjustedMazziottaParetoAggregation AdjustedMazziottaPareto(UnbalancePenalty penalty = UnbalancePenalty.Negative, double inputScale = 1) =>
        new() { Penalty = penalty, InputScale = inputScale };

    /// <summary>Creates the mean–min function; see <see cref="MeanMinAggregation"/>.</summary>
    /// <param name="alpha">The penalty strength in [0, 1].</param>
    /// <param name="beta">The curvature, ≥ 0.</param>
    /// <returns>The method.</returns>
    public static MeanMinAggregation MeanMin(double alpha, double beta) => new(alpha, beta);

    /// <summary>Creates an ordered weighted average; see <see cref="OrderedWeightedAggregation"/>.</summary>
    /// <param name="orderWeights">One weight per rank, best first.</param>
    /// <returns>The method.</returns>
    public static OrderedWeightedAggregation OrderedWeighted(params double[] orderWeights) => new([.. orderWeights]);

    /// <summary>Creates the Wrocław taxonomy (Hellwig) distance-to-ideal measure; see <see cref="WroclawTaxonomyAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static WroclawTaxonomyAggregation WroclawTaxonomy() => new();

    /// <summary>Creates Copeland's pairwise outranking rule (wins − losses against every other unit); see <see cref="CopelandAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static CopelandAggregation Copeland() => new();

    /// <summary>Creates Borda's rule across units (weighted number of units beaten, ties half); see <see cref="BordaCountAggregation"/>.</summary>
    /// <returns>The method.</returns>
    public static BordaCountAggregation BordaCount() => new();

    /// <summary>Creates the exact Condorcet–Kemeny–Young–Levenglick ranking; see <see cref="KemenyAggregation"/>.</summary>
    /// <param name="maxExactUnits">The largest cycle of units searched exhaustively (2 to 25). The default is 20.</param>
    /// <returns>The method.</returns>
    public static KemenyAggregation Kemeny(int maxExactUnits = 20) => new() { MaxExactUnits = maxExactUnits };
}

/// <summary>Factory methods for the built-in missing-data policies.</summary>
public static class MissingData
{
    /// <summary>Re-normalise weights over present children; see <see cref="RenormalizeWeights"/>.</summary>
    /// <param name="minShare">The minimum share of weight (or count) present. The default is 0.</param>
    /// <param name="basis">What the share is measured on. The default is <see cref="ShareBasis.Weight"/>.</param>
    /// <returns>The policy.</returns>
    public static RenormalizeWeights Renormalize(double minShare = 0, ShareBasis basis = ShareBasis.Weight) => new(minShare) { Basis = basis };

    /// <summary>Any missing child makes the group missing; see <see cref="PropagateMissing"/>.</summary>
    /// <returns>The policy.</returns>
    public static PropagateMissing Propagate() => new();
}

/// <summary>Factory methods for the built-in weighting methods (set on a group with <see cref="GroupBuilder.Weight"/>).</summary>
public static class Weighting
{
    /// <summary>Creates equal weights; see <see cref="EqualWeighting"/>.</summary>
    /// <returns>The method.</returns>
    public static EqualWeighting Equal() => new();

    /// <summary>Creates explicit weights keyed by child id; see <see cref="ExplicitWeighting"/>.</summary>
    /// <param name="weights">The relative weight of each child.</param>
    /// <returns>The method.</returns>
    public static ExplicitWeighting Explicit(IEnumerable<KeyValuePair<string, double>> weights) =>
        new(System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, weights));

    /// <summary>Creates budget-allocation weights (mean of the experts' point shares); see <see cref="BudgetAllocationWeighting"/>.</summary>
    /// <param name="experts">The experts' allocations.</param>
    /// <returns>The method.</returns>
    public static BudgetAllocationWeighting BudgetAllocation(params ExpertAllocation[] experts) => new([.. experts]);

    /// <summary>Creates AHP weights from experts' pairwise comparisons; see <see cref="AhpWeighting"/>.</summary>
    /// <param name="experts">The experts' comparisons (build one from a matrix with <see cref="PairwiseComparisons.FromMatrix"/>).</param>
    /// <returns>The method (CR ≤ 0.1 required, Saaty 1980 random index).</returns>
    public static AhpWeighting Ahp(params PairwiseComparisons[] experts) => new([.. experts]);

    /// <summary>Creates entropy weights fitted on the children's scores; see <see cref="EntropyWeighting"/>.</summary>
    /// <returns>The method.</returns>
    public static EntropyWeighting Entropy() => new();

    /// <summary>Creates factor-analysis (PCA or maximum-likelihood factors, varimax, squared-loading) weights; see <see cref="FactorAnalysisWeighting"/>.</summary>
    /// <param name="factors">The number of factors, or <see langword="null"/> for the Handbook's retention criteria.</param>
    /// <param name="extraction">How the factors are extracted. The default is principal components.</param>
    /// <returns>The method.</returns>
    public static FactorAnalysisWeighting FactorAnalysis(int? factors = null, FactorExtraction extraction = FactorExtraction.PrincipalComponents) => new() { Factors = factors, Extraction = extraction };

    /// <summary>Creates weights that balance the children's correlations with the group score to target importances (COINr "balance"); see <see cref="OptimizedWeighting"/>.</summary>
    /// <param name="targetImportance">The relative importance of each child, or <see langword="null"/> for equal importance.</param>
    /// <returns>The method.</returns>
    public static OptimizedWeighting Balance(IEnumerable<KeyValuePair<string, double>>? targetImportance = null) => new()
    {
        Goal = OptimizationGoal.Balance,
        TargetImportance = targetImportance is null ? null : System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, targetImportance),
    };

    /// <summary>Creates weights that maximise the children's correlations with the group score (COINr "infomax"); see <see cref="OptimizedWeighting"/>.</summary>
    /// <returns>The method.</returns>
    public static OptimizedWeighting InfoMax() => new() { Goal = OptimizationGoal.InfoMax };
}

/// <summary>Factory methods for the built-in output expressions (see <see cref="OutputDefinition"/>).</summary>
public static class OutputExpressions
{
    /// <summary>The score of a node in a variant; see <see cref="ScoreExpression"/>.</summary>
    /// <param name="node">The group or indicator id.</param>
    /// <param name="variant">The variant id, or <see langword="null"/> for the primary result.</param>
    /// <returns>The expression.</returns>
    public static ScoreExpression Score(string node, string? variant = null) => new(node) { Variant = variant };

    /// <summary>The raw value of a data column; see <see cref="ColumnExpression"/>.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The expression.</returns>
    public static ColumnExpression Column(string column) => new(column);

    /// <summary>A constant; see <see cref="ConstantExpression"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The expression.</returns>
    public static ConstantExpression Constant(double value) => new(value);

    /// <summary>An earlier output's value; see <see cref="OutputReference"/>.</summary>
    /// <param name="output">The output id.</param>
    /// <param name="rounded">Whether to use its published (rounded) value. The default is <see langword="true"/>.</param>
    /// <returns>The expression.</returns>
    public static OutputReference Output(string output, bool rounded = true) => new(output) { Rounded = rounded };

    /// <summary><c>numerator / denominator</c>; see <see cref="RatioExpression"/>.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator.</param>
    /// <returns>The expression.</returns>
    public static RatioExpression Ratio(OutputExpression numerator, OutputExpression denominator) => new(numerator, denominator);

    /// <summary><c>left − right</c>; see <see cref="DifferenceExpression"/>.</summary>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The expression.</returns>
    public static DifferenceExpression Difference(OutputExpression left, OutputExpression right) => new(left, right);

    /// <summary>The product of the factors; see <see cref="ProductExpression"/>.</summary>
    /// <param name="factors">The factors.</param>
    /// <returns>The expression.</returns>
    public static ProductExpression Product(params OutputExpression[] factors) => new([.. factors]);

    /// <summary>The equally weighted mean of the terms; see <see cref="MeanExpression"/>.</summary>
    /// <param name="aggregation">The mean (arithmetic, geometric, harmonic, ...); <see langword="null"/> for arithmetic.</param>
    /// <param name="terms">The terms.</param>
    /// <returns>The expression.</returns>
    public static MeanExpression Mean(AggregationMethod? aggregation, params OutputExpression[] terms) => new([.. terms]) { Aggregation = aggregation };

    /// <summary>The percentile rank <c>(r − 1)/(n − 1)</c> among the units; see <see cref="PercentileExpression"/>.</summary>
    /// <param name="of">The value to rank.</param>
    /// <param name="ties">The tie rule. The default is <see cref="RankTies.Minimum"/>.</param>
    /// <param name="descending">Whether the largest value gets r = 1. The default is <see langword="false"/>.</param>
    /// <returns>The expression.</returns>
    public static PercentileExpression Percentile(OutputExpression of, RankTies ties = RankTies.Minimum, bool descending = false) => new(of) { Ties = ties, Descending = descending };

    /// <summary>The rank r among the units, as a number (average ties allowed); see <see cref="ValueRankExpression"/>.</summary>
    /// <param name="of">The value to rank.</param>
    /// <param name="ties">The tie rule. The default is <see cref="RankTies.Minimum"/>.</param>
    /// <param name="descending">Whether the largest value gets r = 1. The default is <see langword="false"/>.</param>
    /// <returns>The expression.</returns>
    public static ValueRankExpression Rank(OutputExpression of, RankTies ties = RankTies.Minimum, bool descending = false) => new(of) { Ties = ties, Descending = descending };

    /// <summary>The quantile group <c>⌈r · count / n⌉</c> (deciles with 10); see <see cref="QuantileExpression"/>.</summary>
    /// <param name="of">The value to rank.</param>
    /// <param name="count">The number of groups, at least 2.</param>
    /// <param name="descending">Whether the largest value is in group 1. The default is <see langword="false"/>.</param>
    /// <returns>The expression.</returns>
    public static QuantileExpression Quantile(OutputExpression of, int count, bool descending = false) => new(of, count) { Descending = descending };

    /// <summary>The number of indicators below a node whose score meets a threshold (a flag or a flag count); see <see cref="FlagCountExpression"/>.</summary>
    /// <param name="node">The indicator or group id.</param>
    /// <param name="op">The comparison, e.g. <see cref="ComparisonOperator.GreaterOrEqual"/>.</param>
    /// <param name="threshold">The threshold.</param>
    /// <returns>The expression.</returns>
    public static FlagCountExpression FlagCount(string node, ComparisonOperator op, double threshold) => new(node, op, threshold);
}
