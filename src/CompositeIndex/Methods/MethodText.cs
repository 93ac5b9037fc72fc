using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>
/// Helpers for the plain-language sentences methods give of themselves (<see cref="NormalizationMethod.Describe"/> and
/// the same member on every method base class): the language choice (Korean for <c>ko</c>, English otherwise) and
/// invariant number formatting. Each method's template lives in the method's own file.
/// </summary>
internal static class MethodText
{
    /// <summary>Gets whether a language tag asks for Korean (<c>ko</c>, <c>ko-KR</c>).</summary>
    public static bool IsKorean(string? language) =>
        language is not null && (language.Equals("ko", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko-", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko_", StringComparison.OrdinalIgnoreCase));

    /// <summary>Picks the Korean sentence for Korean, the English one for every other language.</summary>
    public static string Pick(string? language, string en, string ko) => IsKorean(language) ? ko : en;

    /// <summary>Formats a number for a sentence: invariant culture, up to 6 decimals, no trailing zeros.</summary>
    public static string N(double v) => double.IsNaN(v) ? "NaN" : v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Describes which values a data-fitted normaliser is fitted on.</summary>
    public static string Reference(NormalizationReference? reference, string? language) => reference?.Kind switch
    {
        ReferenceKind.Pooled => Pick(language, "fitted once on all periods pooled", "전체 기간을 합쳐 한 번 적합"),
        ReferenceKind.BasePeriod => Pick(language, $"fitted on the base period {reference.Period}", $"기준 기간 {reference.Period}에 적합"),
        _ => Pick(language, "fitted per period", "기간별로 적합"),
    };

    /// <summary>Describes a tie rule of ranks.</summary>
    public static string Ties(RankTies ties, string? language) => ties switch
    {
        RankTies.Average => Pick(language, "ties get the average rank", "동점은 평균 순위"),
        RankTies.Maximum => Pick(language, "ties share the highest rank", "동점은 높은 순위를 공유"),
        _ => Pick(language, "ties share the lowest rank", "동점은 낮은 순위를 공유"),
    };

    /// <summary>Describes the terms of an n-ary expression, comma-separated.</summary>
    public static string Terms(ImmutableArray<OutputExpression> terms, string? language) =>
        string.Join(", ", (terms.IsDefault ? [] : terms).Select(t => t?.Describe(language)));

    /// <summary>The symbol of a comparison.</summary>
    public static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.NotEqual => "≠",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => "≥",
        _ => "=",
    };

    /// <summary>Lists percentile bands as "≥ p: score".</summary>
    public static string Bands(ImmutableArray<CategoricalBand> bands) =>
        string.Join(", ", (bands.IsDefault ? [] : bands).Select(b => $"≥ {N(b.FromPercentile)}: {N(b.Score)}"));

    /// <summary>Lists numbers.</summary>
    public static string List(ImmutableArray<double> values) => string.Join(", ", (values.IsDefault ? [] : values).Select(N));

    /// <summary>Lists stated weights as "id w".</summary>
    public static string Map(ImmutableSortedDictionary<string, double>? weights) =>
        string.Join(", ", (weights ?? ImmutableSortedDictionary<string, double>.Empty).Select(kv => $"{kv.Key} {N(kv.Value)}"));

    /// <summary>Counts the items of an array (0 when default).</summary>
    public static int Count<TItem>(ImmutableArray<TItem> items) => items.IsDefault ? 0 : items.Length;

    /// <summary>Counts the entries of a map.</summary>
    public static int Count<TKey, TValue>(ImmutableSortedDictionary<TKey, TValue>? map)
        where TKey : notnull => map?.Count ?? 0;

    /// <summary>Lists denominators as "indicator ÷ variable".</summary>
    public static string Denominators(ImmutableSortedDictionary<string, Denominator>? map) =>
        string.Join(", ", (map ?? ImmutableSortedDictionary<string, Denominator>.Empty).Select(kv => $"{kv.Key} ÷ {kv.Value.Variable}{(kv.Value.ScaleFactor == 1 ? string.Empty : " × " + N(kv.Value.ScaleFactor))}"));

    /// <summary>Describes the indicators a step applies to (empty: all).</summary>
    public static string Scope(ImmutableArray<string> indicators, string? language) =>
        indicators.IsDefaultOrEmpty ? string.Empty : Pick(language, $" (indicators {string.Join(", ", indicators)})", $"(지표 {string.Join(", ", indicators)})");

    /// <summary>Describes bounds on weight shares.</summary>
    public static string Shares(double? min, double? max, string? language) => (min, max) switch
    {
        (null, null) => string.Empty,
        _ => Pick(language, $", each weight share between {N((min ?? 0) * 100)} % and {N((max ?? 1) * 100)} %", $", 각 가중치 비중 {N((min ?? 0) * 100)}%–{N((max ?? 1) * 100)}%"),
    };
}
