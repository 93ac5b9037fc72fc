using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The data after the preparation steps of a definition (<see cref="IndexDefinition.Steps"/>) and what each step did.
/// </summary>
/// <param name="Data">
/// The prepared panel: every variable of the input panel (indicators denominated, imputed and treated; other
/// variables as given) for the units that remain after screening. This is what normalisation works on
/// (COINr's last data set before <c>Normalise</c>).
/// </param>
/// <param name="RemovedUnits">The ids of the units removed by screening steps, in input order.</param>
/// <param name="Audit">The audit entries written by the steps, in the order they were written.</param>
/// <param name="Reports">The typed reports of the steps (e.g. <see cref="OutlierTreatmentReport"/>), in the order they were written.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PreparationResult(Panel Data, ImmutableArray<string> RemovedUnits, ImmutableArray<AuditEntry> Audit, ImmutableArray<StepReport> Reports);
