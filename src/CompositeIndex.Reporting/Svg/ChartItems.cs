using System.Collections.Immutable;

namespace CompositeIndex.Reporting;

/// <summary>One bar of a bar chart (see <see cref="SvgCharts.Bar(IEnumerable{BarItem}, ChartOptions?)"/>).</summary>
/// <param name="Label">The label shown next to the bar (a unit or indicator name).</param>
/// <param name="Value">The length of the bar; NaN draws no bar and shows "n/a".</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BarItem(string Label, double Value)
{
    /// <summary>Gets an optional tooltip (an SVG <c>&lt;title&gt;</c>); <see langword="null"/> shows the label and value.</summary>
    public string? Tooltip { get; init; }

    /// <summary>Gets a value indicating whether the bar is drawn in the highlight colour. The default is <see langword="false"/>.</summary>
    public bool Highlight { get; init; }
}

/// <summary>One stacked bar: the segments of a total (e.g. the contributions of a group's children to its score).</summary>
/// <param name="Label">The label shown next to the bar.</param>
/// <param name="Segments">
/// The segment values, one per series, in series order. Positive segments stack to the right of zero, negative ones
/// to the left; NaN segments are skipped.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StackedBarItem(string Label, ImmutableArray<double> Segments)
{
    /// <summary>Gets an optional tooltip for the whole bar; <see langword="null"/> shows the label and total.</summary>
    public string? Tooltip { get; init; }

    /// <summary>Gets the sum of the finite segments; NaN when no segment is finite (a missing bar, drawn as missing, never as 0).</summary>
    public double Total
    {
        get
        {
            double sum = 0;
            var any = false;
            if (!Segments.IsDefault)
            {
                foreach (var s in Segments)
                {
                    if (double.IsFinite(s))
                    {
                        sum += s;
                        any = true;
                    }
                }
            }

            return any ? sum : double.NaN;
        }
    }
}

/// <summary>
/// The rank of a unit under uncertainty: a central rank with an interval (e.g. the 5th and 95th percentiles of the
/// ranks over the replicates of an uncertainty analysis), and optionally the nominal rank.
/// </summary>
/// <param name="Label">The unit label.</param>
/// <param name="Low">The best (smallest) rank of the interval.</param>
/// <param name="Median">The central rank (median over replicates).</param>
/// <param name="High">The worst (largest) rank of the interval.</param>
/// <remarks>
/// <para>The rank-interval plot follows the uncertainty analysis figures of the OECD/JRC <i>Handbook on
/// Constructing Composite Indicators</i> (2008, section 7) and the JRC audits of composite indices.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record RankIntervalItem(string Label, double Low, double Median, double High)
{
    /// <summary>Gets the rank under the nominal (unperturbed) definition, if known; drawn as a diamond.</summary>
    public double? Nominal { get; init; }
}

/// <summary>
/// First-order and total-effect Sobol sensitivity indices of one uncertain input, with the half-widths of their
/// confidence intervals (the SALib result keys <c>S1</c>, <c>S1_conf</c>, <c>ST</c>, <c>ST_conf</c>).
/// </summary>
/// <param name="Label">The input (factor) name.</param>
/// <param name="S1">The first-order index S<sub>i</sub>. Estimates can be slightly negative; they are drawn as they are.</param>
/// <param name="S1Conf">The half-width of the confidence interval of <paramref name="S1"/> (NaN if unknown).</param>
/// <param name="ST">The total-effect index S<sub>Ti</sub>.</param>
/// <param name="STConf">The half-width of the confidence interval of <paramref name="ST"/> (NaN if unknown).</param>
/// <remarks>
/// <para>Saltelli, A. et al. (2010), "Variance based sensitivity analysis of model output. Design and estimator for the
/// total sensitivity index", <i>Computer Physics Communications</i> 181(2), 259–270, doi:10.1016/j.cpc.2009.09.018.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record SensitivityIndexItem(string Label, double S1, double S1Conf, double ST, double STConf);

/// <summary>A symmetric matrix with row and column labels, e.g. the correlations between indicators.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LabeledMatrix
{
    /// <summary>Initializes a new instance of the <see cref="LabeledMatrix"/> class.</summary>
    /// <param name="labels">The row (and column) labels.</param>
    /// <param name="values">The values, row-major, <c>labels.Length²</c> of them; NaN for "not available".</param>
    /// <exception cref="ArgumentException">The number of values is not the square of the number of labels.</exception>
    public LabeledMatrix(ImmutableArray<string> labels, ImmutableArray<double> values)
    {
        labels = labels.IsDefault ? [] : labels;
        values = values.IsDefault ? [] : values;
        if (values.Length != labels.Length * labels.Length)
        {
            throw new ArgumentException($"A {labels.Length}x{labels.Length} matrix needs {labels.Length * labels.Length} values, not {values.Length}.", nameof(values));
        }

        Labels = labels;
        Values = values;
    }

    /// <summary>Gets the row (and column) labels.</summary>
    public ImmutableArray<string> Labels { get; }

    /// <summary>Gets the values, row-major.</summary>
    public ImmutableArray<double> Values { get; }

    /// <summary>Gets the value at a row and column.</summary>
    /// <param name="row">The row index.</param>
    /// <param name="column">The column index.</param>
    /// <returns>The value.</returns>
    public double this[int row, int column] => Values[(row * Labels.Length) + column];
}
