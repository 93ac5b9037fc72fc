using System.Collections.Immutable;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Everything the summary of an analysis needs besides its accumulated counts: identity and fingerprints, units,
/// periods, factor names, outputs, the design and the nominal ranks and scores. Built by the runner, or read back
/// from a saved part (<see cref="SensitivityAccumulator.ReadFrom(Stream, string?)"/>), so that parts computed on
/// other machines are summarised without the index or the data. Immutable.
/// </summary>
internal sealed class SensitivityFrame
{
    public required SensitivityDefinition Analysis { get; init; }

    public required string IndexId { get; init; }

    public required string NodeId { get; init; }

    public required string DefinitionFingerprint { get; init; }

    public required string DataFingerprint { get; init; }

    /// <summary>The runner's configuration fingerprint (<see cref="SensitivityRunner.Fingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    public required ImmutableArray<string> Units { get; init; }

    public required ImmutableArray<string> UnitNames { get; init; }

    public required ImmutableArray<string> Periods { get; init; }

    public required ImmutableArray<string> FactorNames { get; init; }

    public required ImmutableArray<SensitivityOutput> Outputs { get; init; }

    public required int RunCount { get; init; }

    public required SobolDesign? Design { get; init; }

    /// <summary>Nominal competition ranks per (period, unit), 0 = missing.</summary>
    public required int[] NominalRanks { get; init; }

    /// <summary>Nominal scores per (period, unit), NaN = missing.</summary>
    public required double[] NominalScores { get; init; }

    public int FactorCount => FactorNames.Length;

    public SamplingScheme Scheme => Analysis.Scheme;
}
