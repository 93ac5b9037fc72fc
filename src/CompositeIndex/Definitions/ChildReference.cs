namespace CompositeIndex;

/// <summary>
/// A child of a group (an indicator or another group) with its weight.
/// </summary>
/// <param name="Id">The id of the child indicator or group.</param>
/// <param name="Weight">
/// The relative weight of the child within its group. Must be finite and non-negative; weights are
/// re-normalised to sum to 1 over the children present for each unit. The default is 1.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ChildReference(string Id, double Weight = 1.0);
