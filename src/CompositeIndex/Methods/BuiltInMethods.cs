namespace CompositeIndex;

/// <summary>
/// The built-in methods, registered in <see cref="MethodRegistry.Default"/>: the one list a built-in method is added to
/// (one line; the JSON name is the type's <c>Name</c> constant, see <see cref="MethodRegistry.With{T}()"/>). Adding a
/// method = its file + its line here; the PublicAPI file, the JSON schema and the docs reference are generated or
/// checked by the build and the convention tests.
/// </summary>
internal static class BuiltInMethods
{
    /// <summary>Registers every built-in method.</summary>
    public static MethodRegistry AddTo(MethodRegistry registry) => registry
        // Normalisations
        .With<MinMaxNormalization>()
        .With<ZScoreNormalization>()
        .With<GoalpostsNormalization>()
        .With<RatioToBaseNormalization>()
        .With<RankNormalization>()
        .With<PercentileRankNormalization>()
        .With<CategoricalNormalization>()
        .With<DistanceToTargetNormalization>()
        .With<BordaNormalization>()
        .With<FractionOfMaxNormalization>()
        .With<DistanceToMaxNormalization>()
        .With<DistanceToReferenceNormalization>()
        .With<ScaledNormalization>()
        .With<GoalpostsFromMetadataNormalization>()
        .With<RelativeToStatisticNormalization>()
        .With<AboveBelowMeanNormalization>()
        .With<ExponentialRankNormalization>()
        // Aggregations
        .With<ArithmeticAggregation>()
        .With<GeometricAggregation>()
        .With<HarmonicAggregation>()
        .With<MultiplicativeAggregation>()
        .With<PowerMeanAggregation>()
        .With<MinimumAggregation>()
        .With<CopelandAggregation>()
        .With<BenefitOfTheDoubtAggregation>()
        .With<MazziottaParetoAggregation>()
        .With<AdjustedMazziottaParetoAggregation>()
        .With<MeanMinAggregation>()
        .With<OrderedWeightedAggregation>()
        .With<WroclawTaxonomyAggregation>()
        .With<BordaCountAggregation>()
        .With<KemenyAggregation>()
        // Missing-data policies
        .With<RenormalizeWeights>()
        .With<PropagateMissing>()
        // Weighting methods
        .With<EqualWeighting>()
        .With<ExplicitWeighting>()
        .With<BudgetAllocationWeighting>()
        .With<AhpWeighting>()
        .With<EntropyWeighting>()
        .With<FactorAnalysisWeighting>()
        .With<OptimizedWeighting>()
        // Pipeline steps
        .With<DenominationStep>()
        .With<ColumnImputation>()
        .With<RowImputation>()
        .With<PanelImputation>()
        .With<ExpectationMaximizationImputation>()
        .With<UnitScreening>()
        .With<OutlierTreatment>()
        // Output expressions
        .With<ScoreExpression>()
        .With<ColumnExpression>()
        .With<ConstantExpression>()
        .With<OutputReference>()
        .With<RatioExpression>()
        .With<DifferenceExpression>()
        .With<ProductExpression>()
        .With<MeanExpression>()
        .With<SumExpression>()
        .With<MinimumExpression>()
        .With<MaximumExpression>()
        .With<ClampExpression>()
        .With<PowerExpression>()
        .With<ReciprocalExpression>()
        .With<CompareExpression>()
        .With<ConditionalExpression>()
        .With<RankExpression>()
        .With<PercentileExpression>()
        .With<ValueRankExpression>()
        .With<QuantileExpression>()
        .With<FlagCountExpression>()
        .With<IndicatorCountExpression>();
}
