using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// Maps method names (the JSON <c>"method"</c> discriminator) to method record types, for normalisation,
/// aggregation, missing-data policies and output expressions. Serialisers and validators look methods up here, so third-party
/// methods registered in a registry follow the same path as built-ins.
/// </summary>
/// <remarks>Immutable and thread-safe: <see cref="With{T}(string)"/> returns a new registry.</remarks>
public sealed class MethodRegistry
{
    private MethodRegistry(ImmutableSortedDictionary<string, Type> methods) => Methods = methods;

    /// <summary>Gets the registry of every built-in method.</summary>
    public static MethodRegistry Default { get; } = new MethodRegistry(ImmutableSortedDictionary<string, Type>.Empty.WithComparers(StringComparer.Ordinal))
        .With<MinMaxNormalization>(MinMaxNormalization.Name)
        .With<ZScoreNormalization>(ZScoreNormalization.Name)
        .With<GoalpostsNormalization>(GoalpostsNormalization.Name)
        .With<RatioToBaseNormalization>(RatioToBaseNormalization.Name)
        .With<RankNormalization>(RankNormalization.Name)
        .With<PercentileRankNormalization>(PercentileRankNormalization.Name)
        .With<CategoricalNormalization>(CategoricalNormalization.Name)
        .With<DistanceToTargetNormalization>(DistanceToTargetNormalization.Name)
        .With<BordaNormalization>(BordaNormalization.Name)
        .With<FractionOfMaxNormalization>(FractionOfMaxNormalization.Name)
        .With<DistanceToMaxNormalization>(DistanceToMaxNormalization.Name)
        .With<DistanceToReferenceNormalization>(DistanceToReferenceNormalization.Name)
        .With<ScaledNormalization>(ScaledNormalization.Name)
        .With<GoalpostsFromMetadataNormalization>(GoalpostsFromMetadataNormalization.Name)
        .With<RelativeToStatisticNormalization>(RelativeToStatisticNormalization.Name)
        .With<AboveBelowMeanNormalization>(AboveBelowMeanNormalization.Name)
        .With<ExponentialRankNormalization>(ExponentialRankNormalization.Name)
        .With<ArithmeticAggregation>(ArithmeticAggregation.Name)
        .With<GeometricAggregation>(GeometricAggregation.Name)
        .With<HarmonicAggregation>(HarmonicAggregation.Name)
        .With<PowerMeanAggregation>(PowerMeanAggregation.Name)
        .With<MinimumAggregation>(MinimumAggregation.Name)
        .With<CopelandAggregation>(CopelandAggregation.Name)
        .With<RenormalizeWeights>(RenormalizeWeights.Name)
        .With<PropagateMissing>(PropagateMissing.Name)
        .WithWeightingMethods()
        .WithPipelineSteps()
        .With<ScoreExpression>(ScoreExpression.Name)
        .With<ColumnExpression>(ColumnExpression.Name)
        .With<ConstantExpression>(ConstantExpression.Name)
        .With<OutputReference>(OutputReference.Name)
        .With<RatioExpression>(RatioExpression.Name)
        .With<DifferenceExpression>(DifferenceExpression.Name)
        .With<ProductExpression>(ProductExpression.Name)
        .With<MeanExpression>(MeanExpression.Name)
        .With<SumExpression>(SumExpression.Name)
        .With<MinimumExpression>(MinimumExpression.Name)
        .With<MaximumExpression>(MaximumExpression.Name)
        .With<ClampExpression>(ClampExpression.Name)
        .With<PowerExpression>(PowerExpression.Name)
        .With<ReciprocalExpression>(ReciprocalExpression.Name)
        .With<CompareExpression>(CompareExpression.Name)
        .With<ConditionalExpression>(ConditionalExpression.Name)
        .With<RankExpression>(RankExpression.Name)
        .With<PercentileExpression>(PercentileExpression.Name)
        .With<IndicatorCountExpression>(IndicatorCountExpression.Name);

    /// <summary>Gets every registered method: name to record type.</summary>
    public ImmutableSortedDictionary<string, Type> Methods { get; }

    /// <summary>Returns a registry that also knows <typeparamref name="T"/> under <paramref name="name"/>.</summary>
    /// <typeparam name="T">A sealed record deriving from <see cref="NormalizationMethod"/>, <see cref="AggregationMethod"/>, <see cref="MissingDataPolicy"/>, <see cref="WeightingMethod"/>, <see cref="PipelineStep"/> or <see cref="OutputExpression"/>.</typeparam>
    /// <param name="name">The method name used in JSON.</param>
    /// <returns>A new registry.</returns>
    /// <exception cref="ArgumentException">The name is already taken or the type is not a method.</exception>
    public MethodRegistry With<T>(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!typeof(NormalizationMethod).IsAssignableFrom(typeof(T)) && !typeof(AggregationMethod).IsAssignableFrom(typeof(T)) && !typeof(MissingDataPolicy).IsAssignableFrom(typeof(T)) && !typeof(WeightingMethod).IsAssignableFrom(typeof(T)) && !typeof(PipelineStep).IsAssignableFrom(typeof(T))
            && !typeof(OutputExpression).IsAssignableFrom(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} is not a normalisation, aggregation, missing-data or weighting method a pipeline step or an output expression.", nameof(name));
        }

        if (Methods.ContainsKey(name))
        {
            throw new ArgumentException($"A method named '{name}' is already registered.", nameof(name));
        }

        return new MethodRegistry(Methods.Add(name, typeof(T)));
    }

    /// <summary>Gets the names of the registered methods of one kind (e.g. every <see cref="NormalizationMethod"/>).</summary>
    /// <param name="baseType">The method base type.</param>
    /// <returns>The names, sorted.</returns>
    public IEnumerable<string> NamesOf(Type baseType) => Methods.Where(m => baseType.IsAssignableFrom(m.Value)).Select(m => m.Key);
}
