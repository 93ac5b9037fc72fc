using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity;

/// <summary>The level (or value) one factor took in a run.</summary>
/// <param name="Factor">The factor's display name.</param>
/// <param name="Level">The 0-based level of a choice factor (or weight-set factor); <see langword="null"/> for a continuous factor or a weight draw.</param>
/// <param name="Value">The value the per-run table records: the level, the drawn parameter value, or the design coordinate u of a weight draw.</param>
/// <param name="Description">The level in words, e.g. <c>"geometric (level 1 of 2)"</c> or <c>"exclude 'i0_1' (level 2 of 10)"</c>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FactorLevel(string Factor, int? Level, double Value, string Description)
{
    /// <summary>Returns <c>factor = description</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Factor} = {Description}";
}

/// <summary>A run of a sensitivity analysis that could not be evaluated, with the factor levels that caused it.</summary>
/// <param name="Run">The run number (0-based, in design order).</param>
/// <param name="Block">The run's block: <c>"MC"</c>, <c>"given"</c>, or the Saltelli block <c>"A"</c>, <c>"B"</c>, <c>"AB&lt;i&gt;"</c>.</param>
/// <param name="Levels">The level every factor took, in factor order.</param>
/// <param name="Error">The error message of the evaluation.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FailedRun(int Run, string Block, ImmutableArray<FactorLevel> Levels, string Error)
{
    /// <inheritdoc/>
    public bool Equals(FailedRun? other) =>
        other is not null && Run == other.Run && Block == other.Block && Error == other.Error && Levels.SequenceEqual(other.Levels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Run, Block, Error);

    /// <summary>Returns <c>run 17 (AB2; aggregation(all groups) = geometric (level 1 of 2), …): error</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"run {Run} ({Block}; {string.Join(", ", Levels)}): {Error}";
}

/// <summary>
/// Thrown when a run of a sensitivity analysis with <see cref="FailurePolicy.Stop"/> cannot be evaluated: names the run
/// and the level of every factor in it; <see cref="Exception.InnerException"/> is the evaluation's error.
/// </summary>
public sealed class SensitivityRunException : CompositeIndexException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="failure">The failed run.</param>
    /// <param name="inner">The evaluation's error.</param>
    public SensitivityRunException(FailedRun failure, Exception? inner = null)
        : base(Compose(failure), inner) => Failure = failure ?? throw new ArgumentNullException(nameof(failure));

    /// <summary>Gets the failed run, with its factor levels.</summary>
    public FailedRun Failure { get; }

    private static string Compose(FailedRun? f) => f is null
        ? "A sensitivity run failed."
        : $"Sensitivity run {f.Run} ({f.Block}) failed with {string.Join(", ", f.Levels)}: {f.Error} "
          + "Set \"onFailure\": \"record\" in the analysis to record failing runs and leave them out of the statistics.";
}
