namespace CompositeIndex;

/// <summary>Registration and group-level validation of the weighting methods and the aggregations added with them.</summary>
internal static class WeightingRegistration
{
    /// <summary>Registers the weighting methods and the non-compensatory aggregations.</summary>
    public static MethodRegistry WithWeightingMethods(this MethodRegistry registry) => registry
        .With<EqualWeighting>(EqualWeighting.Name)
        .With<ExplicitWeighting>(ExplicitWeighting.Name)
        .With<BudgetAllocationWeighting>(BudgetAllocationWeighting.Name)
        .With<AhpWeighting>(AhpWeighting.Name)
        .With<EntropyWeighting>(EntropyWeighting.Name)
        .With<FactorAnalysisWeighting>(FactorAnalysisWeighting.Name)
        .With<OptimizedWeighting>(OptimizedWeighting.Name)
        .With<BenefitOfTheDoubtAggregation>(BenefitOfTheDoubtAggregation.Name)
        .With<MazziottaParetoAggregation>(MazziottaParetoAggregation.Name)
        .With<AdjustedMazziottaParetoAggregation>(AdjustedMazziottaParetoAggregation.Name)
        .With<MeanMinAggregation>(MeanMinAggregation.Name)
        .With<OrderedWeightedAggregation>(OrderedWeightedAggregation.Name)
        .With<WroclawTaxonomyAggregation>(WroclawTaxonomyAggregation.Name)
        .With<BordaCountAggregation>(BordaCountAggregation.Name)
        .With<KemenyAggregation>(KemenyAggregation.Name);
}

/// <summary>Checks of a group's weighting step (and aggregation parameters that depend on the number of children).</summary>
internal static class WeightingValidation
{
    public static void ValidateGroup(GroupDefinition group, string path, ICollection<DefinitionError> errors)
    {
        group.Weighting?.Validate($"{path}.weighting", group, errors);
        var children = group.Children.IsDefault ? 0 : group.Children.Length;
        if (group.Aggregation is OrderedWeightedAggregation { OrderWeights.IsDefaultOrEmpty: false } owa && owa.OrderWeights.Length != children)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.aggregation.orderWeights", $"Group '{group.Id}' has {children} children but {owa.OrderWeights.Length} order weights."));
        }
    }
}
