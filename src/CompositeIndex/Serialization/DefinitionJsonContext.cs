using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Serialization;

/// <summary>
/// Source-generated JSON contracts of the definition format: <see cref="IndexDefinition"/> and every built-in method
/// record of <see cref="MethodRegistry.Default"/>, and the sensitivity analysis (<see cref="SensitivityDefinition"/>,
/// whose factors name methods of the same format, and the outputs list of a sensitivity part's header); the types
/// they reach are generated with them.
/// </summary>
/// <remarks>
/// <para>Why: a Native AOT build (a <c>compindex</c> that starts in a tenth of the time) cannot build contracts by
/// reflection. <see cref="DefinitionJsonOptions"/> uses this context where reflection-based JSON is off; third-party
/// methods registered with <see cref="MethodRegistry.With{T}()"/> need reflection.</para>
/// <para>Generated contracts pass <c>default</c> for an init-only member that the JSON omits instead of keeping its
/// initializer (dotnet/runtime#84484, e.g. <c>GoalpostsNormalization.Scale = 1</c> would become 0), so a load writes the
/// initial values of omitted init-only members into the document before deserialising
/// (<see cref="DefinitionJsonOptions.OmittedMemberDefault"/>).</para>
/// <para>The options used at run time are those of <see cref="DefinitionJsonOptions.Create(MethodRegistry)"/> (naming, strictness,
/// enums, modifiers); the attributes below only choose the types. A convention test checks that every type the
/// format reaches from the registry has generated metadata here, and that the generated contract reads and writes
/// every sample definition exactly as the reflection contract does.</para>
/// </remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(IndexDefinition))]
[JsonSerializable(typeof(MinMaxNormalization))]
[JsonSerializable(typeof(ZScoreNormalization))]
[JsonSerializable(typeof(GoalpostsNormalization))]
[JsonSerializable(typeof(RatioToBaseNormalization))]
[JsonSerializable(typeof(RankNormalization))]
[JsonSerializable(typeof(PercentileRankNormalization))]
[JsonSerializable(typeof(CategoricalNormalization))]
[JsonSerializable(typeof(DistanceToTargetNormalization))]
[JsonSerializable(typeof(BordaNormalization))]
[JsonSerializable(typeof(FractionOfMaxNormalization))]
[JsonSerializable(typeof(DistanceToMaxNormalization))]
[JsonSerializable(typeof(DistanceToReferenceNormalization))]
[JsonSerializable(typeof(ScaledNormalization))]
[JsonSerializable(typeof(GoalpostsFromMetadataNormalization))]
[JsonSerializable(typeof(RelativeToStatisticNormalization))]
[JsonSerializable(typeof(AboveBelowMeanNormalization))]
[JsonSerializable(typeof(ExponentialRankNormalization))]
[JsonSerializable(typeof(ArithmeticAggregation))]
[JsonSerializable(typeof(GeometricAggregation))]
[JsonSerializable(typeof(MultiplicativeAggregation))]
[JsonSerializable(typeof(HarmonicAggregation))]
[JsonSerializable(typeof(PowerMeanAggregation))]
[JsonSerializable(typeof(MinimumAggregation))]
[JsonSerializable(typeof(CopelandAggregation))]
[JsonSerializable(typeof(BenefitOfTheDoubtAggregation))]
[JsonSerializable(typeof(MazziottaParetoAggregation))]
[JsonSerializable(typeof(AdjustedMazziottaParetoAggregation))]
[JsonSerializable(typeof(MeanMinAggregation))]
[JsonSerializable(typeof(OrderedWeightedAggregation))]
[JsonSerializable(typeof(WroclawTaxonomyAggregation))]
[JsonSerializable(typeof(BordaCountAggregation))]
[JsonSerializable(typeof(KemenyAggregation))]
[JsonSerializable(typeof(RenormalizeWeights))]
[JsonSerializable(typeof(PropagateMissing))]
[JsonSerializable(typeof(EqualWeighting))]
[JsonSerializable(typeof(ExplicitWeighting))]
[JsonSerializable(typeof(BudgetAllocationWeighting))]
[JsonSerializable(typeof(AhpWeighting))]
[JsonSerializable(typeof(EntropyWeighting))]
[JsonSerializable(typeof(FactorAnalysisWeighting))]
[JsonSerializable(typeof(OptimizedWeighting))]
[JsonSerializable(typeof(DenominationStep))]
[JsonSerializable(typeof(ColumnImputation))]
[JsonSerializable(typeof(RowImputation))]
[JsonSerializable(typeof(PanelImputation))]
[JsonSerializable(typeof(ExpectationMaximizationImputation))]
[JsonSerializable(typeof(UnitScreening))]
[JsonSerializable(typeof(OutlierTreatment))]
[JsonSerializable(typeof(ScoreExpression))]
[JsonSerializable(typeof(ColumnExpression))]
[JsonSerializable(typeof(ConstantExpression))]
[JsonSerializable(typeof(OutputReference))]
[JsonSerializable(typeof(RatioExpression))]
[JsonSerializable(typeof(DifferenceExpression))]
[JsonSerializable(typeof(ProductExpression))]
[JsonSerializable(typeof(MeanExpression))]
[JsonSerializable(typeof(SumExpression))]
[JsonSerializable(typeof(MinimumExpression))]
[JsonSerializable(typeof(MaximumExpression))]
[JsonSerializable(typeof(ClampExpression))]
[JsonSerializable(typeof(PowerExpression))]
[JsonSerializable(typeof(ReciprocalExpression))]
[JsonSerializable(typeof(CompareExpression))]
[JsonSerializable(typeof(ConditionalExpression))]
[JsonSerializable(typeof(RankExpression))]
[JsonSerializable(typeof(PercentileExpression))]
[JsonSerializable(typeof(ValueRankExpression))]
[JsonSerializable(typeof(QuantileExpression))]
[JsonSerializable(typeof(FlagCountExpression))]
[JsonSerializable(typeof(IndicatorCountExpression))]
[JsonSerializable(typeof(SensitivityDefinition))]
[JsonSerializable(typeof(ImmutableArray<SensitivityOutput>))]
internal sealed partial class DefinitionJsonContext : JsonSerializerContext;
