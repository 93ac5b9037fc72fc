namespace CompositeIndex;

/// <summary>Checks of a group's weighting step (and aggregation parameters that depend on the number of children).</summary>
internal static class WeightingValidation
{
    public static void ValidateGroup(GroupDefinition group, int position, ICollection<DefinitionError> errors)
    {
        // The path is formatted only when something needs it (a valid group without a weighting method formats nothing).
        group.Weighting?.Validate($"{DefinitionValidator.GroupPath(position)}.weighting", group, errors);
        var children = group.Children.IsDefault ? 0 : group.Children.Length;
        if (group.Aggregation is OrderedWeightedAggregation { OrderWeights.IsDefaultOrEmpty: false } owa && owa.OrderWeights.Length != children)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{DefinitionValidator.GroupPath(position)}.aggregation.orderWeights", $"Group '{group.Id}' has {children} children but {owa.OrderWeights.Length} order weights."));
        }
    }
}
