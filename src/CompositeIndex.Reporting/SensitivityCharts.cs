using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Reporting;

/// <summary>What a convergence chart draws (<see cref="SensitivityCharts.Convergence(SensitivityConvergence, ConvergenceMeasure, ChartOptions?)"/>).</summary>
public enum ConvergenceMeasure
{
    /// <summary>First-order Sobol' indices S1.</summary>
    FirstOrder = 0,

    /// <summary>Total-order Sobol' indices ST.</summary>
    TotalOrder = 1,

    /// <summary>Morris' μ* (mean absolute elementary effect).</summary>
    MuStar = 2,
}

/// <summary>
/// SVG charts of a sensitivity analysis beyond rank intervals and Sobol' bars: Morris' μ* per factor and the
/// convergence of S1, ST or μ* with the sample size. Used by the HTML report and the notebook view of a
/// <see cref="SensitivityResult"/>.
/// </summary>
/// <remarks>Stateless and thread-safe; labels are escaped; numbers are written with the invariant culture.</remarks>
public static class SensitivityCharts
{
    /// <summary>Draws a line per factor: the measure against the sample size (N or r), from a convergence view.</summary>
    /// <param name="convergence">The convergence view (<see cref="SensitivityResult.Convergence"/>).</param>
    /// <param name="measure">What to draw; must match the view's method (S1/ST for Sobol', μ* for Morris).</param>
    /// <param name="options">Layout options (title, width, ...); <see langword="null"/> for a default title.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="convergence"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The measure does not match the view's method.</exception>
    public static string Convergence(SensitivityConvergence convergence, ConvergenceMeasure measure, ChartOptions? options = null) =>
        Convergence(convergence, measure, options, standalone: true);

    /// <summary>Draws one bar per factor: Morris' μ*, largest first, with μ, σ and the interval of μ* as tooltips.</summary>
    /// <param name="morris">The measures of one output (<see cref="SensitivityResult.Morris"/>).</param>
    /// <param name="options">Layout options; <see langword="null"/> for a default title.</param>
    /// <returns>An SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="morris"/> is <see langword="null"/>.</exception>
    public static string MuStar(MorrisOutput morris, ChartOptions? options = null) => MuStar(morris, options, standalone: true);

    internal static string Convergence(SensitivityConvergence convergence, ConvergenceMeasure measure, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(convergence);
        var morris = convergence.Method == "morris";
        if (morris != (measure == ConvergenceMeasure.MuStar))
        {
            throw new ArgumentException($"A {convergence.Method} convergence view has no {measure} values.", nameof(measure));
        }

        var prefix = morris ? "r = " : "N = ";
        var categories = convergence.Points.Select(p => prefix + p.SampleSize.ToString(CultureInfo.InvariantCulture)).ToList();
        var series = convergence.Factors.Select((f, i) => new LineSeries(f, [.. convergence.Points.Select(p => Values(p, measure)[i])]));
        var o = options ?? new ChartOptions();
        o = o with
        {
            Title = o.Title ?? (measure switch { ConvergenceMeasure.FirstOrder => "S1", ConvergenceMeasure.TotalOrder => "ST", _ => "μ*" }) + " against the sample size",
            ValueFormat = measure == ConvergenceMeasure.MuStar ? o.ValueFormat : "0.00",
        };
        return SvgCharts.Line(categories, series, o, standalone);
    }

    internal static string MuStar(MorrisOutput morris, ChartOptions? options, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(morris);
        var m = morris.Indices;
        var bars = Order(morris).Select(i => new BarItem(morris.Factors[i], m.MuStar[i])
        {
            Tooltip = string.Create(CultureInfo.InvariantCulture, $"{morris.Factors[i]}: μ* {Format(m.MuStar[i])} ± {Format(m.MuStarConf[i])}, μ {Format(m.Mu[i])}, σ {Format(m.Sigma[i])} ({m.Effects[i]} effects)"),
        });
        var o = options ?? new ChartOptions();
        return SvgCharts.Bar(bars, o with { Title = o.Title ?? $"Morris μ* of {morris.Output}" }, standalone);
    }

    /// <summary>The factors by decreasing μ* (NaN last), ties in factor order.</summary>
    internal static IEnumerable<int> Order(MorrisOutput morris) =>
        Enumerable.Range(0, morris.Factors.Length).OrderByDescending(i => double.IsNaN(morris.Indices.MuStar[i]) ? double.NegativeInfinity : morris.Indices.MuStar[i]).ThenBy(i => i);

    internal static string Format(double v) => double.IsNaN(v) ? "n/a" : SvgBuilder.Format(v, Math.Abs(v) >= 100 ? "0.0" : Math.Abs(v) >= 1 ? "0.00" : "0.000");

    private static ImmutableArray<double> Values(ConvergencePoint p, ConvergenceMeasure measure) => measure switch
    {
        ConvergenceMeasure.FirstOrder => p.S1,
        ConvergenceMeasure.TotalOrder => p.ST,
        _ => p.MuStar,
    };
}
