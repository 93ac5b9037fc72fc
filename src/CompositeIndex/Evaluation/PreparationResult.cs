using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// The data after the preparation steps of a definition (<see cref="IndexDefinition.Steps"/>) and what each step did.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PreparationResult
{
    internal PreparationResult(Panel data, ImmutableArray<string> removedUnits, ImmutableArray<AuditEntry> audit, ImmutableArray<StepReport> reports)
    {
        Data = data;
        RemovedUnits = removedUnits;
        Audit = audit;
        Reports = reports;
    }

    /// <summary>Gets the prepared panel: every variable of the input panel (indicators denominated, imputed and treated; other variables as given) for the units that remain after screening. This is what normalisation works on (COINr's last data set before <c>Normalise</c>).</summary>
    public Panel Data { get; }

    /// <summary>Gets the ids of the units removed by screening steps, in input order.</summary>
    public ImmutableArray<string> RemovedUnits { get; }

    /// <summary>Gets the audit entries written by the steps, in the order they were written.</summary>
    public ImmutableArray<AuditEntry> Audit { get; }

    /// <summary>Gets the typed reports of the steps (e.g. <see cref="OutlierTreatmentReport"/>), in the order they were written.</summary>
    public ImmutableArray<StepReport> Reports { get; }
}
