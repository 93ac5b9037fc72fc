using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// The base of expressions computed from the rank of a value among the units of its period: <see cref="PercentileExpression"/>,
/// <see cref="ValueRankExpression"/> and <see cref="QuantileExpression"/>.
/// </summary>
/// <param name="Of">The value to rank, e.g. a theme sum or an index score.</param>
/// <remarks>
/// <para>For each period, r is a unit's rank in ascending order of <see cref="Of"/> (1 = smallest; with
/// <see cref="Descending"/>, 1 = largest) among the n units that have a value and pass <see cref="Units"/>; tied values
/// get the rank <see cref="Ties"/> says. Units without a value or outside <see cref="Units"/> get no value and take no
/// place. Values are compared exactly as doubles: rank a rounded output (<see cref="OutputReference"/>) to rank published
/// values, the unrounded score to break the ties rounding creates.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record UnitRankExpression(OutputExpression Of) : OutputExpression
{
    /// <summary>Gets the tie rule. The default is <see cref="RankTies.Minimum"/> (tied values share the lowest rank, 1, 2, 2, 4).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <summary>Gets a value indicating whether the largest value gets r = 1. The default is <see langword="false"/> (the smallest gets r = 1).</summary>
    public bool Descending { get; init; }

    /// <summary>Gets the units that are ranked; <see langword="null"/> (the default) ranks every unit with a value. Other units get no value.</summary>
    public UnitFilter? Units { get; init; }

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Of];

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Enum.IsDefined(Ties))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.ties", "Unknown tie rule."));
        }

        if (Units is { } f && (string.IsNullOrWhiteSpace(f.Attribute) || f.Values.IsDefaultOrEmpty))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.units", "A unit filter needs an attribute and at least one value."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var x = Of.Compute(context);
        var u = context.Units.Length;
        var column = new double[u];
        var ranks = new double[u];
        var order = new int[u];
        for (var t = 0; t < context.Periods.Length; t++)
        {
            for (var j = 0; j < u; j++)
            {
                var v = x[(t * u) + j];
                column[j] = Units is { } f && !f.Matches(context.UnitInfo[j]) ? double.NaN : Descending ? -v : v;
            }

            Ranking.RanksAscending(column, ranks, order, Ties);
            var n = Ranking.CountPresent(column);
            for (var j = 0; j < u; j++)
            {
                x[(t * u) + j] = double.IsNaN(ranks[j]) ? double.NaN : FromRank(ranks[j], n);
            }
        }

        return x;
    }

    /// <summary>Gets the value of a unit with rank <paramref name="rank"/> among <paramref name="count"/> ranked units.</summary>
    /// <param name="rank">The rank r, 1 ≤ r ≤ n (fractional with <see cref="RankTies.Average"/>).</param>
    /// <param name="count">The number n of ranked units, at least 1.</param>
    /// <returns>The expression's value.</returns>
    protected abstract double FromRank(double rank, int count);

    /// <summary>Describes the ranking ("among the units, highest first, ties …") for <see cref="OutputExpression.Describe"/>.</summary>
    /// <param name="language">The language tag.</param>
    /// <returns>A sentence fragment.</returns>
    protected string DescribeRanking(string? language) =>
        T.Pick(
            language,
            $"among the units{(Units is null ? string.Empty : $" with {Units.Attribute} in {string.Join("/", Units.Values.IsDefault ? [] : Units.Values)}")}{(Descending ? ", highest first" : ", lowest first")}, {T.Ties(Ties, language)}",
            $"{(Units is null ? "단위 간" : $"{Units.Attribute}이(가) {string.Join("/", Units.Values.IsDefault ? [] : Units.Values)}인 단위 간")}{(Descending ? ", 높은 값 우선" : ", 낮은 값 우선")}, {T.Ties(Ties, language)}");

    internal override string OperandPath(string path, int index) => $"{path}.of";
}

/// <summary>
/// The percentile rank of a value among the units of its period: <c>(r − 1)/(n − 1)</c>, with r the unit's rank (1 =
/// smallest, or largest with <see cref="UnitRankExpression.Descending"/>) among the n units that have a value (and pass
/// <see cref="UnitRankExpression.Units"/>); 0 for the smallest, 1 for the largest, 0 for a single unit. This is
/// Excel's <c>PERCENTRANK.INC</c> and SQL's <c>PERCENT_RANK</c> with <see cref="RankTies.Minimum"/> (CDC/ATSDR SVI: "all
/// sequences of ties are assigned the smallest of the corresponding ranks"), i.e. the share of the other units with a
/// strictly smaller value.
/// </summary>
/// <param name="Of">The value to rank, e.g. a theme sum.</param>
/// <remarks>
/// JSON: <c>{"method": "percentile", "of": {...}, "ties": "minimum", "descending": false}</c>. With
/// <see cref="UnitRankExpression.Descending"/> the largest value has r = 1 (a reversed variable: CDC's SVI 2018
/// per-capita income, with <see cref="RankTies.Maximum"/> for its max-rank ties).
/// </remarks>
public sealed record PercentileExpression(OutputExpression Of) : UnitRankExpression(Of)
{
    /// <summary>The JSON method name, <c>"percentile"</c>.</summary>
    public const string Name = "percentile";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the percentile rank (r − 1)/(n − 1) of {Of?.Describe(language)} {DescribeRanking(language)}", $"{Of?.Describe(language)}의 백분위 순위 (r − 1)/(n − 1), {DescribeRanking(language)}");

    /// <inheritdoc/>
    protected override double FromRank(double rank, int count) => count == 1 ? 0 : (rank - 1) / (count - 1);
}

/// <summary>
/// The rank r of a value among the units of its period that have a value (and pass <see cref="UnitRankExpression.Units"/>),
/// 1 = smallest (largest with <see cref="UnitRankExpression.Descending"/>), as a number: an output
/// that ranks any expression, with any tie rule, including average ranks (1, 2.5, 2.5, 4) that integer output ranks
/// (<see cref="OutputRanking"/>) cannot hold.
/// </summary>
/// <param name="Of">The value to rank.</param>
/// <remarks>
/// JSON: <c>{"method": "valueRank", "of": {...}, "descending": true, "ties": "average"}</c>. To rank an output as its
/// publisher does and show the rank next to it, prefer <see cref="OutputDefinition.Ranking"/>; use this expression when
/// the rank itself is a value to compute with or to publish with average ties.
/// </remarks>
public sealed record ValueRankExpression(OutputExpression Of) : UnitRankExpression(Of)
{
    /// <summary>The JSON method name, <c>"valueRank"</c>.</summary>
    public const string Name = "valueRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the rank of {Of?.Describe(language)} {DescribeRanking(language)}", $"{Of?.Describe(language)}의 순위, {DescribeRanking(language)}");

    /// <inheritdoc/>
    protected override double FromRank(double rank, int count) => rank;
}

/// <summary>
/// The quantile group of a value among the units of its period, 1 to <see cref="Count"/>: <c>⌈r · q / n⌉</c> with q =
/// <see cref="Count"/>, r the unit's rank (1 = smallest, or largest with <see cref="UnitRankExpression.Descending"/>) among
/// the n units that have a value (and pass <see cref="UnitRankExpression.Units"/>). With q = 10 these are deciles, q = 5 quintiles,
/// q = 4 quartiles. The deprivation indices (English IMD, Welsh WIMD, Scottish SIMD) publish deciles this way: rank 1 =
/// most deprived, decile 1 = the most deprived 10 % of areas (<see cref="UnitRankExpression.Descending"/> on the score).
/// </summary>
/// <param name="Of">The value to rank, e.g. an index score.</param>
/// <param name="Count">The number of groups q, at least 2.</param>
/// <remarks>
/// <para>JSON: <c>{"method": "quantile", "of": {...}, "count": 10, "descending": true}</c>. Group g holds the units with
/// rank (g − 1)·n/q &lt; r ≤ g·n/q; tied units share a group (with <see cref="RankTies.Minimum"/>, the better one). Give
/// the output <see cref="OutputDefinition.Classes"/> to label the groups (e.g. "most deprived 10 %").</para>
/// <para>Source: Welsh Government, <i>WIMD 2019 Technical Report</i>; MHCLG, <i>English Indices of Deprivation 2019:
/// Technical Report</i> (deciles of the rank of the overall score).</para>
/// </remarks>
public sealed record QuantileExpression(OutputExpression Of, int Count) : UnitRankExpression(Of)
{
    /// <summary>The JSON method name, <c>"quantile"</c>.</summary>
    public const string Name = "quantile";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the group 1–{Count.ToString(CultureInfo.InvariantCulture)} of {Of?.Describe(language)}, ⌈r · {Count.ToString(CultureInfo.InvariantCulture)} / n⌉ {DescribeRanking(language)}", $"{Of?.Describe(language)}의 {Count.ToString(CultureInfo.InvariantCulture)}분위 (⌈r · {Count.ToString(CultureInfo.InvariantCulture)} / n⌉), {DescribeRanking(language)}");

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        base.Validate(path, errors);
        if (Count < 2)
        {
            errors!.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.count", $"A quantile needs at least 2 groups (got {Count.ToString(CultureInfo.InvariantCulture)})."));
        }
    }

    /// <inheritdoc/>
    protected override double FromRank(double rank, int count) => Math.Ceiling(rank * Count / count);
}

/// <summary>
/// The number of indicators below a node (an indicator counts itself) whose score meets a threshold: a flag (on one
/// indicator, 1 or 0) or a flag count (on a group). CDC/ATSDR's SVI flags a variable when its rounded percentile rank is
/// at least 0.90 and publishes each theme's and the overall flag count.
/// </summary>
/// <param name="Node">The id of an indicator or group.</param>
/// <param name="Operator">How a score is compared with <paramref name="Threshold"/> (e.g. <see cref="ComparisonOperator.GreaterOrEqual"/>).</param>
/// <param name="Threshold">The threshold; must be finite.</param>
/// <remarks>
/// <para>JSON: <c>{"method": "flagCount", "node": "theme1", "operator": "greaterOrEqual", "threshold": 0.9}</c>. Scores
/// are the indicators' normalised values as the tree uses them (after their <see cref="IndicatorDefinition.Rounding"/>),
/// compared exactly as doubles. By default a missing score makes the count missing (CDC: a −999 variable makes its flag
/// and every flag count that includes it −999); with <see cref="IgnoreMissing"/> missing scores are not counted.</para>
/// </remarks>
public sealed record FlagCountExpression(string Node, ComparisonOperator Operator, double Threshold) : OutputExpression
{
    /// <summary>The JSON method name, <c>"flagCount"</c>.</summary>
    public const string Name = "flagCount";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the id of the variant, or <see langword="null"/> for the primary one.</summary>
    public string? Variant { get; init; }

    /// <summary>Gets a value indicating whether missing scores are skipped (counted as not flagged) rather than making the count missing. The default is <see langword="false"/>.</summary>
    public bool IgnoreMissing { get; init; }

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(
            language,
            $"the number of indicators of {Node} with a score {T.Operator(Operator)} {T.N(Threshold)}{(IgnoreMissing ? " (missing scores not counted)" : string.Empty)}",
            $"{Node}의 지표 중 점수가 {T.Operator(Operator)} {T.N(Threshold)}인 지표의 수{(IgnoreMissing ? "(결측 점수는 세지 않음)" : string.Empty)}");

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Node))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.node", "A flag count needs the id of a node."));
        }

        if (!Enum.IsDefined(Operator))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.operator", "Unknown comparison operator."));
        }

        if (!double.IsFinite(Threshold))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.threshold", "The threshold of a flag count must be finite."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var counts = new double[context.Length];
        foreach (var indicator in context.IndicatorsBelow(Node, Variant))
        {
            var scores = context.Score(indicator, Variant);
            for (var k = 0; k < counts.Length; k++)
            {
                var v = scores[k];
                if (double.IsNaN(v))
                {
                    counts[k] = IgnoreMissing ? counts[k] : double.NaN;
                }
                else if (CompareExpression.Holds(Operator, v, Threshold))
                {
                    counts[k] += 1;
                }
            }
        }

        return counts;
    }
}
