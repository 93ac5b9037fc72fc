using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity;

/// <summary>The level (or value) one factor took in a run.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FactorLevel
{
    internal FactorLevel(string factor, int? level, double value, string description)
    {
        Factor = factor;
        Level = level;
        Value = value;
        Description = description;
    }

    /// <summary>Gets the factor's display name.</summary>
    public string Factor { get; }

    /// <summary>Gets the 0-based level of a choice factor (or weight-set factor); <see langword="null"/> for a continuous factor or a weight draw.</summary>
    public int? Level { get; }

    /// <summary>Gets the value the per-run table records: the level, the drawn parameter value, or the design coordinate u of a weight draw.</summary>
    public double Value { get; }

    /// <summary>Gets the level in words, e.g. <c>"geometric (level 1 of 2)"</c> or <c>"exclude 'i0_1' (level 2 of 10)"</c>.</summary>
    public string Description { get; }

    /// <summary>Returns <c>factor = description</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Factor} = {Description}";
}

/// <summary>A run of a sensitivity analysis that could not be evaluated, with the factor levels that caused it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FailedRun
{
    internal FailedRun(int run, string block, ImmutableArray<FactorLevel> levels, string error)
    {
        Run = run;
        Block = block;
        Levels = levels;
        Error = error;
    }

    /// <summary>Gets the run number (0-based, in design order).</summary>
    public int Run { get; }

    /// <summary>Gets the run's block: <c>"MC"</c>, <c>"given"</c>, or the Saltelli block <c>"A"</c>, <c>"B"</c>, <c>"AB&lt;i&gt;"</c>.</summary>
    public string Block { get; }

    /// <summary>Gets the level every factor took, in factor order.</summary>
    public ImmutableArray<FactorLevel> Levels { get; }

    /// <summary>Gets the error message of the evaluation.</summary>
    public string Error { get; }

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
