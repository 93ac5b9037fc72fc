using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>Factory methods for denomination steps (a discoverable catalog for the fluent API).</summary>
public static class Denomination
{
    /// <summary>Creates a denomination step; see <see cref="DenominationStep"/>.</summary>
    /// <param name="denominators">Pairs of indicator id and denominator variable id, e.g. <c>("Flights", "Population")</c>.</param>
    /// <returns>The step.</returns>
    public static DenominationStep By(params (string Indicator, string Variable)[] denominators)
    {
        ArgumentNullException.ThrowIfNull(denominators);
        return new DenominationStep
        {
            Denominators = denominators.ToImmutableSortedDictionary(d => d.Indicator, d => new Denominator(d.Variable), StringComparer.Ordinal),
        };
    }

    /// <summary>Creates a denomination step from a map of indicator id to denominator; see <see cref="DenominationStep"/>.</summary>
    /// <param name="denominators">The denominators, keyed by indicator id.</param>
    /// <returns>The step.</returns>
    public static DenominationStep By(IEnumerable<KeyValuePair<string, Denominator>> denominators)
    {
        ArgumentNullException.ThrowIfNull(denominators);
        return new DenominationStep { Denominators = denominators.ToImmutableSortedDictionary(StringComparer.Ordinal) };
    }
}

/// <summary>Factory methods for imputation steps.</summary>
public static class Imputation
{
    /// <summary>Creates a column-mean imputation (COINr <c>i_mean</c>); see <see cref="ColumnImputation"/>.</summary>
    /// <returns>The step.</returns>
    public static ColumnImputation ColumnMean() => new();

    /// <summary>Creates a column-median imputation (COINr <c>i_median</c>); see <see cref="ColumnImputation"/>.</summary>
    /// <returns>The step.</returns>
    public static ColumnImputation ColumnMedian() => new() { Statistic = ImputationStatistic.Median };

    /// <summary>Creates a group-mean imputation (COINr <c>i_mean_grp</c>); see <see cref="ColumnImputation"/>.</summary>
    /// <param name="attribute">The unit attribute that defines the groups, e.g. <c>"EurAsia_group"</c>.</param>
    /// <returns>The step.</returns>
    public static ColumnImputation GroupMean(string attribute) => new() { GroupBy = attribute };

    /// <summary>Creates a group-median imputation (COINr <c>i_median_grp</c>); see <see cref="ColumnImputation"/>.</summary>
    /// <param name="attribute">The unit attribute that defines the groups.</param>
    /// <returns>The step.</returns>
    public static ColumnImputation GroupMedian(string attribute) => new() { Statistic = ImputationStatistic.Median, GroupBy = attribute };

    /// <summary>Creates a row-wise imputation within framework groups; see <see cref="RowImputation"/>.</summary>
    /// <param name="groupLevel">The level of the groups (2 = the indicators' own groups). The default is 2.</param>
    /// <param name="statistic">The statistic. The default is the mean.</param>
    /// <param name="normalizeFirst">Whether to min-max scale columns first. The default is <see langword="true"/>.</param>
    /// <returns>The step.</returns>
    public static RowImputation RowMean(int groupLevel = 2, ImputationStatistic statistic = ImputationStatistic.Mean, bool normalizeFirst = true) =>
        new() { GroupLevel = groupLevel, Statistic = statistic, NormalizeFirst = normalizeFirst };

    /// <summary>Creates a panel imputation with the latest earlier value; see <see cref="PanelImputation"/>.</summary>
    /// <param name="maxGap">The maximum number of periods to look back; <see langword="null"/> for no limit.</param>
    /// <returns>The step.</returns>
    public static PanelImputation LatestValue(int? maxGap = null) => new() { Kind = PanelImputationKind.LatestValue, MaxGap = maxGap };

    /// <summary>Creates a panel imputation by linear interpolation over periods; see <see cref="PanelImputation"/>.</summary>
    /// <param name="maxGap">The maximum distance in periods to an observed value; <see langword="null"/> for no limit.</param>
    /// <returns>The step.</returns>
    public static PanelImputation Linear(int? maxGap = null) => new() { Kind = PanelImputationKind.Linear, MaxGap = maxGap };

    /// <summary>Creates an EM imputation under a multivariate normal model; see <see cref="ExpectationMaximizationImputation"/>.</summary>
    /// <param name="groupLevel">The level of the groups modelled separately (a level at or above the root models all indicators together). The default is 2.</param>
    /// <returns>The step.</returns>
    public static ExpectationMaximizationImputation ExpectationMaximization(int groupLevel = 2) => new() { GroupLevel = groupLevel };
}

/// <summary>Factory methods for unit screening steps.</summary>
public static class Screening
{
    /// <summary>Removes units whose data availability is below a threshold (COINr <c>unit_screen = "byNA"</c>); see <see cref="UnitScreening"/>.</summary>
    /// <param name="minDataAvailability">The minimum share of non-missing indicator values, in [0, 1].</param>
    /// <returns>The step.</returns>
    public static UnitScreening ByMissing(double minDataAvailability) => new() { MinDataAvailability = minDataAvailability };

    /// <summary>Removes units whose share of non-zero values is below a threshold (COINr <c>"byzeros"</c>); see <see cref="UnitScreening"/>.</summary>
    /// <param name="minNonZeroShare">The minimum share of non-zero values among non-missing ones, in [0, 1]. The default is 0.05.</param>
    /// <returns>The step.</returns>
    public static UnitScreening ByZeros(double minNonZeroShare = 0.05) => new() { Rule = ScreeningRule.ByZeros, MinNonZeroShare = minNonZeroShare };
}

/// <summary>Factory methods for outlier treatment steps.</summary>
public static class Treatment
{
    /// <summary>
    /// Creates COINr's default outlier treatment (winsorise up to <paramref name="maxWinsorizedPoints"/> points when
    /// |skewness| ≥ 2 and kurtosis ≥ 3.5, else fall back to <c>log_CT</c>); see <see cref="OutlierTreatment"/>.
    /// </summary>
    /// <param name="maxWinsorizedPoints">The maximum number of winsorised points (COINr <c>winmax</c>). The default is 5.</param>
    /// <param name="transformation">The fallback transformation. The default is <see cref="OutlierTransformation.Log"/>.</param>
    /// <returns>The step.</returns>
    public static OutlierTreatment Winsorize(int maxWinsorizedPoints = 5, OutlierTransformation transformation = OutlierTransformation.Log) =>
        new() { MaxWinsorizedPoints = maxWinsorizedPoints, Transformation = transformation };

    /// <summary>Creates a treatment that applies a Box-Cox transformation to failing indicators without winsorising; see <see cref="OutlierTreatment"/>.</summary>
    /// <param name="lambda">The Box-Cox λ.</param>
    /// <returns>The step.</returns>
    public static OutlierTreatment BoxCox(double lambda) =>
        new() { MaxWinsorizedPoints = 0, Transformation = OutlierTransformation.BoxCox, BoxCoxLambda = lambda };
}
