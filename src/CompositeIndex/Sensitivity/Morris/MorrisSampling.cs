using System.Collections.Immutable;
using CompositeIndex.Sensitivity.Morris;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// The grid and trajectory selection of the Morris scheme (<see cref="SamplingScheme.Morris"/>); the number of
/// trajectories r is <see cref="SensitivityDefinition.Samples"/>. JSON: <c>"morris": { "levels": 4, "candidates": 100 }</c>.
/// </summary>
/// <remarks>
/// <para>Factors of a factors file map to Morris' unit coordinate x ∈ [0, 1] as in the other schemes: a choice with L
/// alternatives (normalisation, aggregation, parameter values, indicator exclusion, step toggle, weight sets) takes
/// alternative ⌊x·L⌋ (the last one at x = 1), so use p ≥ L levels to reach every alternative; a parameter range takes
/// lower + x·(upper − lower); a weight factor (uniform or Dirichlet) draws one weight vector per grid value (seeded by
/// it), so its elementary effect is the change when the weights are redrawn, divided by Δ. Elementary effects are in
/// output units per unit of x (see <see cref="MorrisIndices"/>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record MorrisSampling
{
    /// <summary>Gets the number of grid levels p: even, from 2 to 1000. The default is 4 (SALib's <c>num_levels</c>).</summary>
    public int Levels { get; init; } = 4;

    /// <summary>
    /// Gets the number of candidate trajectories M to choose the r of largest spread from (Campolongo et al. 2007;
    /// SALib's <c>N</c> with <c>optimal_trajectories = r</c>), between r and <see cref="MorrisDesign.MaxCandidates"/>;
    /// <see langword="null"/> (the default) uses r trajectories as drawn.
    /// </summary>
    public int? Candidates { get; init; }
}

/// <summary>Morris' measures of one output of a sensitivity analysis (<see cref="SensitivityResult.Morris"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MorrisOutput
{
    internal MorrisOutput(SensitivityOutput output, ImmutableArray<string> factors, MorrisIndices indices)
    {
        Output = output;
        Factors = factors;
        Indices = indices;
    }

    /// <summary>Gets the output the measures are of.</summary>
    public SensitivityOutput Output { get; }

    /// <summary>Gets the factor names, in factor order (the order of the arrays of <see cref="Indices"/>).</summary>
    public ImmutableArray<string> Factors { get; }

    /// <summary>Gets μ, μ*, σ and the bootstrap interval of μ* of every factor.</summary>
    public MorrisIndices Indices { get; }
}

/// <summary>How the measures of one output settle with the sample size (<see cref="SensitivityResult.Convergence"/>).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OutputConvergence
{
    internal OutputConvergence(SensitivityOutput output, SensitivityConvergence convergence)
    {
        Output = output;
        Convergence = convergence;
    }

    /// <summary>Gets the output.</summary>
    public SensitivityOutput Output { get; }

    /// <summary>Gets the measures at N/8, N/4, N/2 and N (S1 and ST, or μ*).</summary>
    public SensitivityConvergence Convergence { get; }
}

/// <summary>The checks of the Morris scheme's settings (called by the sensitivity validator).</summary>
internal static class MorrisValidation
{
    public static void Validate(SensitivityDefinition s, int factors, ICollection<DefinitionError> errors)
    {
        var m = s.Morris ?? new MorrisSampling();
        if (factors < 1)
        {
            errors.Add(new(SensitivityErrorCodes.FactorCount, "$.factors", "The Morris scheme needs at least one factor."));
        }

        if (m.Levels < 2 || m.Levels > 1000 || m.Levels % 2 != 0)
        {
            errors.Add(new(SensitivityErrorCodes.Sampling, "$.morris.levels", $"The number of grid levels must be even, from 2 to 1000 (got {m.Levels})."));
        }

        if (m.Candidates is { } c && (c < s.Samples || c > MorrisDesign.MaxCandidates))
        {
            errors.Add(new(SensitivityErrorCodes.Sampling, "$.morris.candidates", $"The number of candidate trajectories must be between the number of trajectories (samples = {s.Samples}) and {MorrisDesign.MaxCandidates} (got {c})."));
        }
    }
}
