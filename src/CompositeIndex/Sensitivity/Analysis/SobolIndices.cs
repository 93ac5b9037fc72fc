using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Sensitivity.Sobol;

/// <summary>
/// The Sobol' indices of one scalar output: first- and total-order indices of every factor with their bootstrap
/// confidence half-widths, the second-order indices of every pair when the design has them, and what they were
/// estimated from. The one shape of Sobol' results: returned by <see cref="SobolAnalyzer.Analyze"/> for an external
/// model and, per output, in <see cref="SensitivityResult.Sensitivities"/> for a composite index.
/// </summary>
/// <remarks>
/// Estimators and intervals: see <see cref="SobolAnalyzer"/>. An index that could not be estimated is NaN and
/// <see cref="Unavailable"/> says why (an output missing in some run, or failed runs the estimator needs; see
/// <see cref="FailurePolicy.Record"/>). Immutable and thread-safe.
/// </remarks>
public sealed class SobolIndices
{
    internal SobolIndices(
        SensitivityOutput? output,
        ImmutableArray<FactorSensitivity> factors,
        ImmutableArray<FactorPairSensitivity> secondOrder,
        double mean,
        double variance,
        double confidenceLevel,
        int resamples,
        string designFingerprint,
        string? unavailable)
    {
        Output = output;
        Factors = factors;
        SecondOrder = secondOrder;
        Mean = mean;
        Variance = variance;
        ConfidenceLevel = confidenceLevel;
        Resamples = resamples;
        DesignFingerprint = designFingerprint;
        Unavailable = unavailable;
    }

    /// <summary>Gets the output of the composite index these indices are about, or <see langword="null"/> for the output of an external model (<see cref="SobolAnalyzer.Analyze"/>).</summary>
    public SensitivityOutput? Output { get; }

    /// <summary>Gets the first- and total-order indices of every factor, in factor order (factors of an external model are named <c>x1</c>…<c>xk</c>, as SALib's defaults).</summary>
    public ImmutableArray<FactorSensitivity> Factors { get; }

    /// <summary>
    /// Gets the second-order index S2 of every pair of factors (i &lt; j, in the order (1,2), (1,3), …, (k−1,k)) when the
    /// design has second order (<see cref="SobolDesign.SecondOrder"/>, <see cref="SensitivityDefinition.SecondOrder"/>);
    /// empty otherwise.
    /// </summary>
    public ImmutableArray<FactorPairSensitivity> SecondOrder { get; }

    /// <summary>Gets the mean of the output over the A and B runs (NaN when unavailable).</summary>
    public double Mean { get; }

    /// <summary>Gets the variance of the output over the A and B runs (denominator 2N; NaN when unavailable).</summary>
    public double Variance { get; }

    /// <summary>Gets the confidence level of the intervals (e.g. 0.95).</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Gets the number of bootstrap resamples behind the intervals (0 = no intervals: the half-widths are NaN).</summary>
    public int Resamples { get; }

    /// <summary>Gets the fingerprint of the design the outputs were computed on (<see cref="SobolDesign.Fingerprint"/>).</summary>
    public string DesignFingerprint { get; }

    /// <summary>Gets why some or all indices are NaN, or <see langword="null"/> when every index was estimated.</summary>
    public string? Unavailable { get; }

    /// <summary>Gets the indices of one factor by name.</summary>
    /// <param name="factor">The factor's display name (as in <see cref="Factors"/>).</param>
    /// <returns>Its indices.</returns>
    /// <exception cref="UnknownKeyException">No factor has that name.</exception>
    public FactorSensitivity GetFactor(string factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        foreach (var f in Factors)
        {
            if (string.Equals(f.Factor, factor, StringComparison.Ordinal))
            {
                return f;
            }
        }

        throw new UnknownKeyException("factor", factor, $"There is no factor '{factor}'; the factors are {string.Join(", ", Factors.Select(f => $"'{f.Factor}'"))}.");
    }
}

/// <summary>The first- and total-order Sobol' indices of one factor for one output.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FactorSensitivity
{
    internal FactorSensitivity(string factor, double s1, double s1Conf, double st, double stConf)
    {
        Factor = factor;
        S1 = s1;
        S1Conf = s1Conf;
        ST = st;
        STConf = stConf;
    }

    /// <summary>Gets the factor's display name.</summary>
    public string Factor { get; }

    /// <summary>Gets the first-order index (Saltelli et al. 2010); an estimate, possibly slightly negative (NaN when unavailable).</summary>
    public double S1 { get; }

    /// <summary>Gets the half-width of the bootstrap confidence interval of <see cref="S1"/> (z·bootstrap SD, as SALib's <c>S1_conf</c>); NaN without resamples.</summary>
    public double S1Conf { get; }

    /// <summary>Gets the total-order index (Jansen 1999; NaN when unavailable).</summary>
    public double ST { get; }

    /// <summary>Gets the half-width of the bootstrap confidence interval of <see cref="ST"/>; NaN without resamples.</summary>
    public double STConf { get; }

    /// <summary>Returns <c>"a: S1 = 0.243 ± 0.012, ST = 0.301 ± 0.020"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Factor}: S1 = {S1:0.###} ± {S1Conf:0.###}, ST = {ST:0.###} ± {STConf:0.###}");
}

/// <summary>The second-order Sobol' index of a pair of factors: the share of the output variance due to their interaction alone.</summary>
/// <remarks>
/// S2_ij = V_ij / V with V_ij = V[E(Y | X_i, X_j)] − V_i − V_j (Sobol' 1993); estimated with Saltelli's (2002) estimator,
/// see <see cref="SobolAnalyzer"/>. An estimate: it can be slightly negative when the true index is 0; read it with
/// <see cref="S2Conf"/>. Immutable and thread-safe.
/// </remarks>
public sealed class FactorPairSensitivity
{
    internal FactorPairSensitivity(string firstFactor, string secondFactor, double s2, double s2Conf)
    {
        FirstFactor = firstFactor;
        SecondFactor = secondFactor;
        S2 = s2;
        S2Conf = s2Conf;
    }

    /// <summary>Gets the display name of the first factor of the pair (the one that comes first in factor order).</summary>
    public string FirstFactor { get; }

    /// <summary>Gets the display name of the second factor of the pair.</summary>
    public string SecondFactor { get; }

    /// <summary>Gets the second-order index S2 (NaN when unavailable).</summary>
    public double S2 { get; }

    /// <summary>Gets the half-width of the bootstrap confidence interval of <see cref="S2"/> (z·bootstrap SD, as SALib's <c>S2_conf</c>); NaN without resamples.</summary>
    public double S2Conf { get; }

    /// <summary>Returns <c>"S2(a, b) = 0.243 ± 0.012"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"S2({FirstFactor}, {SecondFactor}) = {S2:0.###} ± {S2Conf:0.###}");
}

/// <summary>The raw estimates of <see cref="SobolAnalyzer"/> (arrays in factor and pair order), before they are named.</summary>
internal sealed class SobolEstimate(int k, double[] s1, double[] s1Conf, double[] st, double[] stConf, double[] s2, double[] s2Conf, double mean, double variance)
{
    public double Mean => mean;

    public double Variance => variance;

    /// <summary>Names the estimates; a factor in <paramref name="unavailableFactors"/> or a pair in <paramref name="unavailablePairs"/> gets NaN.</summary>
    public SobolIndices ToIndices(SensitivityOutput? output, ImmutableArray<string> names, SobolAnalysisOptions options, string designFingerprint, string? unavailable, Func<int, bool>? unavailableFactors, Func<int, int, bool>? unavailablePairs)
    {
        var factors = ImmutableArray.CreateBuilder<FactorSensitivity>(k);
        for (var i = 0; i < k; i++)
        {
            factors.Add(unavailableFactors?.Invoke(i) == true
                ? new FactorSensitivity(names[i], double.NaN, double.NaN, double.NaN, double.NaN)
                : new FactorSensitivity(names[i], s1[i], s1Conf[i], st[i], stConf[i]));
        }

        var pairs = ImmutableArray.CreateBuilder<FactorPairSensitivity>(s2.Length);
        for (int i = 0, p = 0; i < k && s2.Length > 0; i++)
        {
            for (var j = i + 1; j < k; j++, p++)
            {
                pairs.Add(unavailablePairs?.Invoke(i, j) == true
                    ? new FactorPairSensitivity(names[i], names[j], double.NaN, double.NaN)
                    : new FactorPairSensitivity(names[i], names[j], s2[p], s2Conf[p]));
            }
        }

        return new SobolIndices(output, factors.MoveToImmutable(), pairs.MoveToImmutable(), mean, variance, options.ConfidenceLevel, options.Resamples, designFingerprint, unavailable);
    }

    /// <summary>Indices that could not be estimated at all: every value NaN, with the reason.</summary>
    public static SobolIndices Unavailable(SensitivityOutput? output, ImmutableArray<string> names, bool secondOrder, SobolAnalysisOptions options, string designFingerprint, string reason)
    {
        var k = names.Length;
        ImmutableArray<FactorPairSensitivity> pairs = secondOrder
            ? [.. Enumerable.Range(0, k).SelectMany(i => Enumerable.Range(i + 1, k - i - 1).Select(j => new FactorPairSensitivity(names[i], names[j], double.NaN, double.NaN)))]
            : [];
        return new SobolIndices(output, [.. names.Select(n => new FactorSensitivity(n, double.NaN, double.NaN, double.NaN, double.NaN))], pairs, double.NaN, double.NaN, options.ConfidenceLevel, options.Resamples, designFingerprint, reason);
    }
}
