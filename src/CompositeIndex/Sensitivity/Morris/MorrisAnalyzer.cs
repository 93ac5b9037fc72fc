using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity.Morris;

/// <summary>Options of <see cref="MorrisAnalyzer.Analyze(MorrisDesign, ReadOnlySpan{double}, MorrisAnalysisOptions?)"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MorrisAnalysisOptions
{
    /// <summary>Gets the number of bootstrap resamples for the confidence interval of μ*. Must be ≥ 0 (0 = no interval). The default is 100 (SALib's <c>num_resamples</c>).</summary>
    public int Resamples { get; init; } = 100;

    /// <summary>Gets the confidence level of the interval. Must be in (0, 1). The default is 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the seed of the bootstrap; <see langword="null"/> uses the design's seed (one seed drives every draw). 0 is a valid seed.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Gets a stream number that keeps the bootstraps of several outputs of one design independent. The default is 0.</summary>
    public ulong Stream { get; init; }

    /// <summary>
    /// Gets how many trajectories to use: the first r′ of the design (its runs 0 … r′·(k + 1) − 1), e.g. for a
    /// convergence view; <see langword="null"/> (the default) for all. Must be between 2 and <see cref="MorrisDesign.Trajectories"/>.
    /// </summary>
    public int? Trajectories { get; init; }
}

/// <summary>Morris' screening measures of one scalar output, one value per factor.</summary>
/// <remarks>
/// <para>μ: the mean elementary effect (Morris 1991); μ*: the mean absolute elementary effect (Campolongo, Cariboni and
/// Saltelli 2007), the measure to rank factors by; σ: the standard deviation of the elementary effects (denominator
/// n − 1, as SALib), large when the factor interacts or acts non-linearly. μ much smaller than μ* means effects of
/// both signs. Effects are in output units per unit of the factor's coordinate in [0, 1] (a linear model
/// y = c·(a + (b − a)·x) has μ = μ* = c·(b − a) and σ = 0).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MorrisIndices
{
    internal MorrisIndices(ImmutableArray<double> mu, ImmutableArray<double> muStar, ImmutableArray<double> sigma, ImmutableArray<double> muStarConf, ImmutableArray<int> effects, int trajectories)
    {
        Mu = mu;
        MuStar = muStar;
        Sigma = sigma;
        MuStarConf = muStarConf;
        Effects = effects;
        Trajectories = trajectories;
    }

    /// <summary>Gets μ, the mean elementary effect of each factor (NaN when the factor has no effect computed).</summary>
    public ImmutableArray<double> Mu { get; }

    /// <summary>Gets μ*, the mean absolute elementary effect of each factor.</summary>
    public ImmutableArray<double> MuStar { get; }

    /// <summary>Gets σ, the standard deviation of the elementary effects of each factor (n − 1 denominator; NaN with fewer than two effects).</summary>
    public ImmutableArray<double> Sigma { get; }

    /// <summary>Gets the half-width of the bootstrap confidence interval of μ* (z·bootstrap SD, SALib's <c>mu_star_conf</c>); NaN without resamples.</summary>
    public ImmutableArray<double> MuStarConf { get; }

    /// <summary>Gets the number of elementary effects behind each factor's measures: one per trajectory, fewer when runs failed (an effect needs both of its runs).</summary>
    public ImmutableArray<int> Effects { get; }

    /// <summary>Gets the number of trajectories analysed.</summary>
    public int Trajectories { get; }

    /// <summary>Gets the confidence level of <see cref="MuStarConf"/>.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Gets the number of bootstrap resamples used.</summary>
    public int Resamples { get; init; }

    /// <summary>Gets the fingerprint of the design analysed.</summary>
    public string DesignFingerprint { get; init; } = string.Empty;
}

/// <summary>Computes Morris' μ, μ* and σ from the outputs of a <see cref="MorrisDesign"/>.</summary>
/// <remarks>
/// <para>Elementary effect of factor i in trajectory t, where i moves from point j − 1 to point j with direction d:
/// <c>EE_i = (y_j − y_(j−1)) / (d·Δ)</c>, i.e. (output with the factor at x_i + Δ − output at x_i) / Δ (M. D.
/// Morris 1991, <i>Technometrics</i> 33(2), 161–174). <c>μ_i = mean EE_i</c>; <c>μ*_i = mean |EE_i|</c> (F. Campolongo,
/// J. Cariboni and A. Saltelli 2007, <i>Environ. Model. Softw.</i> 22(10), 1509–1518); <c>σ_i</c> = sample standard
/// deviation of EE_i (n − 1). The confidence half-width of μ* resamples the effects of each factor with replacement
/// and multiplies the standard deviation (n − 1) of the resampled μ* by z_((1+level)/2) — SALib's
/// <c>analyze.morris._compute_mu_star_confidence</c>. An effect whose two runs are not both finite (a failed run) is
/// left out and <see cref="MorrisIndices.Effects"/> says how many remain.</para>
/// <para>The bootstrap stream of factor i depends only on (seed, stream, i): the result is bit-identical on any number
/// of threads. Stateless and thread-safe.</para>
/// </remarks>
public static class MorrisAnalyzer
{
    /// <summary>Purpose number of the bootstrap streams (kept apart from the other sensitivity streams of the same seed).</summary>
    private const RandomStream.Purpose BootstrapPurpose = (RandomStream.Purpose)17;

    /// <summary>Computes μ, μ*, σ and the bootstrap interval of μ* for every factor.</summary>
    /// <param name="design">The design the outputs were computed on.</param>
    /// <param name="outputs">One output per run, in run order (length <see cref="MorrisDesign.RunCount"/>); NaN marks a failed run.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentException">The outputs have the wrong length, or an option is out of range.</exception>
    public static MorrisIndices Analyze(MorrisDesign design, ReadOnlySpan<double> outputs, MorrisAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        options ??= new MorrisAnalysisOptions();
        if (outputs.Length != design.RunCount)
        {
            throw new ArgumentException($"Expected {design.RunCount} outputs (r·(k + 1) = {design.Trajectories}·{design.PointsPerTrajectory}), got {outputs.Length}.", nameof(outputs));
        }

        var r = options.Trajectories ?? design.Trajectories;
        if (r < 2 || r > design.Trajectories)
        {
            throw new ArgumentException($"Trajectories must be between 2 and {design.Trajectories} (got {r}).", nameof(options));
        }

        if (options.Resamples < 0 || options.Resamples > Limits.MaxBootstrapResamples)
        {
            throw new ArgumentException($"Resamples must be between 0 and {Limits.MaxBootstrapResamples} (got {options.Resamples}).", nameof(options));
        }

        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException($"The confidence level must be in (0, 1) (got {options.ConfidenceLevel}).", nameof(options));
        }

        var k = design.Factors;
        var effects = new double[k * r];
        var counts = new int[k];
        var delta = design.Delta;
        for (var t = 0; t < r; t++)
        {
            var y = outputs.Slice(t * design.PointsPerTrajectory, design.PointsPerTrajectory);
            for (var j = 1; j <= k; j++)
            {
                var (f, direction) = design.GetMove(t, j);
                if (double.IsFinite(y[j]) && double.IsFinite(y[j - 1]))
                {
                    effects[(f * r) + counts[f]++] = (y[j] - y[j - 1]) / (direction * delta);
                }
            }
        }

        var mu = new double[k];
        var muStar = new double[k];
        var sigma = new double[k];
        var conf = new double[k];
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + options.ConfidenceLevel) / 2);
        var seed = options.Seed ?? design.Seed;
        for (var f = 0; f < k; f++)
        {
            var ee = effects.AsSpan(f * r, counts[f]);
            mu[f] = Mean(ee, absolute: false);
            muStar[f] = Mean(ee, absolute: true);
            sigma[f] = StandardDeviation(ee, mu[f]);
            conf[f] = options.Resamples < 2 || ee.Length == 0 ? double.NaN : z * BootstrapSd(ee, options.Resamples, RandomStream.Create(seed, BootstrapPurpose, options.Stream, (ulong)f));
        }

        return new MorrisIndices([.. mu], [.. muStar], [.. sigma], [.. conf], [.. counts], r)
        {
            ConfidenceLevel = options.ConfidenceLevel,
            Resamples = options.Resamples,
            DesignFingerprint = design.Fingerprint,
        };
    }

    private static double Mean(ReadOnlySpan<double> x, bool absolute)
    {
        if (x.IsEmpty)
        {
            return double.NaN;
        }

        double s = 0;
        foreach (var v in x)
        {
            s += absolute ? Math.Abs(v) : v;
        }

        return s / x.Length;
    }

    private static double StandardDeviation(ReadOnlySpan<double> x, double mean)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }

        double s = 0;
        foreach (var v in x)
        {
            s += (v - mean) * (v - mean);
        }

        return Math.Sqrt(s / (x.Length - 1));
    }

    /// <summary>The standard deviation (n − 1) of μ* over bootstrap resamples of the effects.</summary>
    private static double BootstrapSd(ReadOnlySpan<double> ee, int resamples, RandomStream rng)
    {
        var values = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double s = 0;
            for (var i = 0; i < ee.Length; i++)
            {
                s += Math.Abs(ee[rng.NextInt(ee.Length)]);
            }

            values[b] = s / ee.Length;
        }

        return StandardDeviation(values, Mean(values, absolute: false));
    }
}
