namespace CompositeIndex;

/// <summary>Validation of <see cref="IndexDefinition.Steps"/> and registration of the built-in steps.</summary>
internal static class PipelineValidation
{
    public static void Validate(IndexDefinition d, List<DefinitionError> errors)
    {
        if (d.Steps.IsDefaultOrEmpty)
        {
            return;
        }

        for (var i = 0; i < d.Steps.Length; i++)
        {
            var path = $"$.steps[{i}]";
            var step = d.Steps[i];
            if (step is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, path, "The step entry is null."));
                continue;
            }

            step.Validate(path, errors);
            step.ValidateAgainst(d, path, errors);
        }
    }

}
