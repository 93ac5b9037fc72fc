namespace CompositeIndex;

/// <summary>
/// The error list <see cref="DefinitionValidator"/> hands to the checks of one definition, carrying what the
/// validator already knows about it, so that checks called with it (e.g. <see cref="PipelineStep.ValidateAgainst"/>)
/// can look ids up instead of searching; a check called with any other list searches as before.
/// </summary>
internal sealed class DefinitionErrorList(IndexDefinition definition) : List<DefinitionError>
{
    /// <summary>Gets the definition being validated.</summary>
    public IndexDefinition Definition { get; } = definition;

    /// <summary>Gets or sets the validator's id map (id → first declaration: i for indicator i, indicator count + g for group g), once built.</summary>
    public Dictionary<string, int>? Declarations { get; set; }
}
