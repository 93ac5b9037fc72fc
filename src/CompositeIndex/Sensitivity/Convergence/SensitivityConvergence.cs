using System.Collections.Immutable;
using CompositeIndex.Sensitivity.Morris;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>The sensitivity measures of every factor computed from the first N (or r) base rows (or trajectories) of a design.</summary>
/// <remarks>Arrays are in factor order; those a method does not compute are empty. Immutable and thread-safe.</remarks>
public sealed class ConvergencePoint
{
    internal ConvergencePoint(int sampleSize, int runs, SobolIndices? sobol, MorrisIndices? morris)
    {
        SampleSize = sampleSize;
        Runs = runs;
        S1 = sobol is null ? [] : [.. sobol.Factors.Select(f => f.S1)];
        S1Conf = sobol is null ? [] : [.. sobol.Factors.Select(f => f.S1Conf)];
        ST = sobol is null ? [] : [.. sobol.Factors.Select(f => f.ST)];
        STConf = sobol is null ? [] : [.. sobol.Factors.Select(f => f.STConf)];
        MuStar = morris?.MuStar ?? [];
        MuStarConf = morris?.MuStarConf ?? [];
        Sigma = morris?.Sigma ?? [];
    }

    /// <summary>Gets the sample size: the number of base rows N (Saltelli) or trajectories r (Morris).</summary>
    public int SampleSize { get; }

    /// <summary>Gets the number of model runs behind this point (the first <see cref="Runs"/> runs of the design).</summary>
    public int Runs { get; }

    /// <summary>Gets the first-order Sobol' index of each factor (empty for Morris).</summary>
    public ImmutableArray<double> S1 { get; }

    /// <summary>Gets the half-width of the bootstrap interval of <see cref="S1"/>.</summary>
    public ImmutableArray<double> S1Conf { get; }

    /// <summary>Gets the total-order Sobol' index of each factor (empty for Morris).</summary>
    public ImmutableArray<double> ST { get; }

    /// <summary>Gets the half-width of the bootstrap interval of <see cref="ST"/>.</summary>
    public ImmutableArray<double> STConf { get; }

    /// <summary>Gets Morris' μ* of each factor (empty for Sobol').</summary>
    public ImmutableArray<double> MuStar { get; }

    /// <summary>Gets the half-width of the bootstrap interval of <see cref="MuStar"/>.</summary>
    public ImmutableArray<double> MuStarConf { get; }

    /// <summary>Gets Morris' σ of each factor (empty for Sobol').</summary>
    public ImmutableArray<double> Sigma { get; }
}

/// <summary>
/// How the sensitivity measures settle as the sample grows: the indices computed from nested prefixes of one design
/// (by default N/8, N/4, N/2 and N), so no run is added.
/// </summary>
/// <remarks>
/// <para>Every design here is prefix-stable: base row j of a Saltelli design (Sobol' point j, digitally shifted from the
/// seed, or pseudo-random stream j) and trajectory t of a Morris design depend only on the seed and j or t, and the
/// runs are laid out row by row (trajectory by trajectory). The first N′·(runs per row) runs of a design of size N
/// are therefore exactly the runs of the design of size N′, and each point equals what an analysis with N′ computes
/// directly, bootstrap intervals included (same seed and stream). A point whose indices still move between N/2 and
/// N says the sample is too small (A. Saltelli et al., <i>Global Sensitivity Analysis: The Primer</i>, Wiley 2008, §4.6;
/// SALib users plot the same from repeated runs).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SensitivityConvergence
{
    private SensitivityConvergence(string method, ImmutableArray<string> factors, ImmutableArray<ConvergencePoint> points)
    {
        Method = method;
        Factors = factors;
        Points = points;
    }

    /// <summary>Gets the method: <c>"sobol"</c> (S1 and ST) or <c>"morris"</c> (μ*).</summary>
    public string Method { get; }

    /// <summary>Gets the factor names, in factor order.</summary>
    public ImmutableArray<string> Factors { get; }

    /// <summary>Gets the points, by increasing sample size; the last is the full design.</summary>
    public ImmutableArray<ConvergencePoint> Points { get; }

    /// <summary>Gets the default sample sizes for a design of size n: n/8, n/4, n/2 and n (integer division), keeping those ≥ 2, without repeats.</summary>
    /// <param name="n">The design's number of base rows or trajectories.</param>
    /// <returns>The sizes in increasing order.</returns>
    public static ImmutableArray<int> DefaultSizes(int n) => [.. new[] { n / 8, n / 4, n / 2, n }.Where(s => s >= 2).Distinct()];

    /// <summary>Computes S1 and ST (with their bootstrap intervals) from nested prefixes of a Saltelli design.</summary>
    /// <param name="design">The design.</param>
    /// <param name="outputs">One output per run of the whole design, in run order.</param>
    /// <param name="factorNames">The factor names (k of them); <see langword="null"/> for x1 … xk.</param>
    /// <param name="sizes">The numbers of base rows, each in [2, N]; <see langword="null"/> for <see cref="DefaultSizes"/>.</param>
    /// <param name="options">The bootstrap options (as for the full analysis); <see langword="null"/> for the defaults.</param>
    /// <returns>The convergence view.</returns>
    /// <exception cref="ArgumentException">The outputs have the wrong length or contain a non-finite value in a prefix, a size is out of range, or the names do not match k.</exception>
    public static SensitivityConvergence Sobol(SobolDesign design, ReadOnlySpan<double> outputs, IEnumerable<string>? factorNames = null, IEnumerable<int>? sizes = null, SobolAnalysisOptions? options = null) =>
        SobolReusing(design, outputs, factorNames, sizes, options, null);

    /// <summary>
    /// <see cref="Sobol(SobolDesign, ReadOnlySpan{double}, IEnumerable{string}?, IEnumerable{int}?, SobolAnalysisOptions?)"/>
    /// with the estimate of the whole design already computed (<paramref name="whole"/>: the same function of the same
    /// outputs, options and seed, so it is used for the point N instead of being estimated a second time).
    /// </summary>
    internal static SensitivityConvergence SobolReusing(SobolDesign design, ReadOnlySpan<double> outputs, IEnumerable<string>? factorNames, IEnumerable<int>? sizes, SobolAnalysisOptions? options, SobolIndices? whole)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (outputs.Length != design.RunCount)
        {
            throw new ArgumentException($"Expected {design.RunCount} outputs, got {outputs.Length}.", nameof(outputs));
        }

        var names = Names(factorNames, design.Factors);
        var points = ImmutableArray.CreateBuilder<ConvergencePoint>();
        foreach (var n in Sizes(sizes, design.BaseSamples))
        {
            // A point shows S1 and ST only: S2 is not estimated for it (S1 and ST are the same bits either way).
            var runs = n * design.RunsPerRow;
            var indices = n == design.BaseSamples && whole is not null ? whole : SobolAnalyzer.AnalyzeCore(design.Prefix(n), outputs[..runs], options, firstOrderOnly: true);
            points.Add(new ConvergencePoint(n, runs, indices, null));
        }

        return new SensitivityConvergence("sobol", names, points.ToImmutable());
    }

    /// <summary>Computes μ*, σ and the bootstrap interval of μ* from nested prefixes (the first r′ trajectories) of a Morris design.</summary>
    /// <param name="design">The design.</param>
    /// <param name="outputs">One output per run of the whole design, in run order (NaN = failed run).</param>
    /// <param name="factorNames">The factor names (k of them); <see langword="null"/> for x1 … xk.</param>
    /// <param name="sizes">The numbers of trajectories, each in [2, r]; <see langword="null"/> for <see cref="DefaultSizes"/>.</param>
    /// <param name="options">The bootstrap options (as for the full analysis; <see cref="MorrisAnalysisOptions.Trajectories"/> is set per point); <see langword="null"/> for the defaults.</param>
    /// <returns>The convergence view.</returns>
    /// <exception cref="ArgumentException">The outputs have the wrong length, a size is out of range, or the names do not match k.</exception>
    public static SensitivityConvergence Morris(MorrisDesign design, ReadOnlySpan<double> outputs, IEnumerable<string>? factorNames = null, IEnumerable<int>? sizes = null, MorrisAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        var names = Names(factorNames, design.Factors);
        options ??= new MorrisAnalysisOptions();
        var points = ImmutableArray.CreateBuilder<ConvergencePoint>();
        foreach (var r in Sizes(sizes, design.Trajectories))
        {
            points.Add(new ConvergencePoint(r, r * design.PointsPerTrajectory, null, MorrisAnalyzer.Analyze(design, outputs, options with { Trajectories = r })));
        }

        return new SensitivityConvergence("morris", names, points.ToImmutable());
    }

    private static ImmutableArray<string> Names(IEnumerable<string>? names, int k)
    {
        ImmutableArray<string> list = names is null ? [.. Enumerable.Range(1, k).Select(i => $"x{i}")] : [.. names];
        return list.Length == k ? list : throw new ArgumentException($"Expected {k} factor names, got {list.Length}.", nameof(names));
    }

    private static List<int> Sizes(IEnumerable<int>? sizes, int n)
    {
        var list = (sizes ?? DefaultSizes(n)).Distinct().Order().ToList();
        if (list.Count == 0 || list[0] < 2 || list[^1] > n)
        {
            throw new ArgumentException($"Every sample size must be between 2 and {n}.", nameof(sizes));
        }

        return list;
    }
}
