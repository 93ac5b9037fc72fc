using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The thresholds of the flags in <see cref="IndicatorStatistics"/> (COINr <c>get_stats</c> defaults).</summary>
/// <param name="Skewness">|skewness| above which, together with kurtosis, outliers are suspected. The default is 2.</param>
/// <param name="Kurtosis">Excess kurtosis above which, together with skewness, outliers are suspected. The default is 3.5.</param>
/// <param name="Availability">Share of units with a value below which availability is low. The default is 0.65.</param>
/// <param name="NonZero">Share of units with a non-zero value below which it is flagged. The default is 0.5.</param>
/// <param name="Unique">Share of units with distinct values below which it is flagged. The default is 0.5.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StatisticsThresholds(double Skewness = 2, double Kurtosis = 3.5, double Availability = 0.65, double NonZero = 0.5, double Unique = 0.5)
{
    /// <summary>Gets COINr's defaults.</summary>
    public static StatisticsThresholds Default { get; } = new();
}

/// <summary>
/// Descriptive statistics and data-quality flags of one column (indicator), as COINr's <c>get_stats</c> reports them.
/// </summary>
/// <remarks>
/// <para>Fractions: availability = available/units; non-zero, unique and same are shares of the available values
/// (COINr's <c>Frc.*</c>). Flags, with <see cref="StatisticsThresholds"/> t: <see cref="LowAvailability"/> when
/// available/units &lt; t.Availability; <see cref="LowNonZero"/> when nonZero/units &lt; t.NonZero;
/// <see cref="LowUnique"/> when unique/units &lt; t.Unique (COINr divides these two flags by all units, not by the
/// available ones); <see cref="Outliers"/> when |skewness| &gt; t.Skewness and kurtosis &gt; t.Kurtosis (strict, as
/// <c>get_stats</c>; outlier treatment uses ≥).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IndicatorStatistics
{
    internal IndicatorStatistics(string id, double min, double max, double mean, double median, double standardDeviation, double skewness, double kurtosis, int available, int nonZero, int unique, int same, int units)
    {
        Id = id;
        Min = min;
        Max = max;
        Mean = mean;
        Median = median;
        StandardDeviation = standardDeviation;
        Skewness = skewness;
        Kurtosis = kurtosis;
        Available = available;
        NonZero = nonZero;
        Unique = unique;
        Same = same;
        Units = units;
    }

    /// <summary>Gets the column id.</summary>
    public string Id { get; }

    /// <summary>Gets the minimum of the present values.</summary>
    public double Min { get; }

    /// <summary>Gets the maximum.</summary>
    public double Max { get; }

    /// <summary>Gets the mean (<see cref="IndexStatistics.Mean"/>).</summary>
    public double Mean { get; }

    /// <summary>Gets the median.</summary>
    public double Median { get; }

    /// <summary>Gets the sample standard deviation (n − 1).</summary>
    public double StandardDeviation { get; }

    /// <summary>Gets the type-2 sample skewness (<see cref="IndexStatistics.Skewness"/>).</summary>
    public double Skewness { get; }

    /// <summary>Gets the type-2 sample excess kurtosis (<see cref="IndexStatistics.Kurtosis"/>).</summary>
    public double Kurtosis { get; }

    /// <summary>Gets the number of units with a value.</summary>
    public int Available { get; }

    /// <summary>Gets the number of present values that are not zero.</summary>
    public int NonZero { get; }

    /// <summary>Gets the number of distinct present values.</summary>
    public int Unique { get; }

    /// <summary>Gets the size of the largest set of equal present values.</summary>
    public int Same { get; }

    /// <summary>Gets the number of units (rows).</summary>
    public int Units { get; }

    /// <summary>Gets the share of units with a value.</summary>
    public double FractionAvailable => Units == 0 ? double.NaN : (double)Available / Units;

    /// <summary>Gets the share of present values that are not zero.</summary>
    public double FractionNonZero => Available == 0 ? double.NaN : (double)NonZero / Available;

    /// <summary>Gets the share of present values that are distinct.</summary>
    public double FractionUnique => Available == 0 ? double.NaN : (double)Unique / Available;

    /// <summary>Gets the share of present values in the largest set of equal values.</summary>
    public double FractionSame => Available == 0 ? double.NaN : (double)Same / Available;

    /// <summary>Gets a value indicating whether availability is below the threshold.</summary>
    public bool LowAvailability { get; internal init; }

    /// <summary>Gets a value indicating whether the share of non-zero values (of all units) is below the threshold.</summary>
    public bool LowNonZero { get; internal init; }

    /// <summary>Gets a value indicating whether the share of distinct values (of all units) is below the threshold.</summary>
    public bool LowUnique { get; internal init; }

    /// <summary>Gets a value indicating whether skewness and kurtosis both exceed their thresholds (possible outliers).</summary>
    public bool Outliers { get; internal init; }
}

/// <summary>The statistical audit of an index: pure functions over <see cref="AuditData"/> and definitions.</summary>
/// <remarks>
/// <para>The functions mirror COINr's analysis toolkit (<c>get_stats</c>, <c>get_data_avail</c>, <c>get_corr</c>,
/// <c>get_corr_flags</c>, <c>get_denom_corr</c>, <c>get_cronbach</c>, <c>get_PCA</c>, <c>get_str_weak</c>) and are
/// checked against its outputs on the ASEM example. Levels are COINr's: indicators are level 1, a group is one above its
/// highest child.</para>
/// <para>Pure and thread-safe: inputs are never modified.</para>
/// </remarks>
public static partial class IndexAudit
{
    /// <summary>Describes one column (COINr <c>get_stats</c> for one indicator).</summary>
    /// <param name="id">The column id.</param>
    /// <param name="values">The values, one per unit (NaN = missing).</param>
    /// <param name="thresholds">The flag thresholds; <see langword="null"/> for <see cref="StatisticsThresholds.Default"/>.</param>
    /// <returns>The statistics.</returns>
    public static IndicatorStatistics DescribeColumn(string id, ReadOnlySpan<double> values, StatisticsThresholds? thresholds = null)
    {
        var t = thresholds ?? StatisticsThresholds.Default;
        var present = IndexStatistics.Present(values);
        var n = values.Length;
        var available = present.Length;
        var nonZero = present.Count(v => v != 0);
        var counts = present.GroupBy(v => v).Select(g => g.Count()).ToArray();
        var unique = counts.Length;
        var same = counts.Length == 0 ? 0 : counts.Max();
        var skew = IndexStatistics.Skewness(present);
        var kurt = IndexStatistics.Kurtosis(present);
        return new IndicatorStatistics(
            id,
            available == 0 ? double.NaN : present.Min(),
            available == 0 ? double.NaN : present.Max(),
            IndexStatistics.Mean(present),
            IndexStatistics.Median(present),
            IndexStatistics.StandardDeviation(present),
            skew,
            kurt,
            available,
            nonZero,
            unique,
            same,
            n)
        {
            LowAvailability = !((double)available / n >= t.Availability),
            LowNonZero = !((double)nonZero / n >= t.NonZero),
            LowUnique = !((double)unique / n >= t.Unique),
            Outliers = Math.Abs(skew) > t.Skewness && kurt > t.Kurtosis,
        };
    }

    /// <summary>Describes every column of a table (COINr <c>get_stats</c>).</summary>
    /// <param name="data">The data.</param>
    /// <param name="thresholds">The flag thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>One entry per column, in column order.</returns>
    public static ImmutableArray<IndicatorStatistics> Describe(AuditData data, StatisticsThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = ImmutableArray.CreateBuilder<IndicatorStatistics>(data.Columns.Length);
        for (var j = 0; j < data.Columns.Length; j++)
        {
            result.Add(DescribeColumn(data.Columns[j], data.Column(j), thresholds));
        }

        return result.MoveToImmutable();
    }
}
