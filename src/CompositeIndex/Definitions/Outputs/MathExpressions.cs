using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>The sum of one or more terms (e.g. CDC's SVI theme score: the sum of the rounded percentile ranks; a flag count: the sum of flags).</summary>
/// <param name="Terms">The terms; at least one.</param>
/// <remarks>JSON: <c>{"method": "sum", "terms": [{...}, {...}]}</c>. A missing term makes the sum missing.</remarks>
public sealed record SumExpression(ImmutableArray<OutputExpression> Terms) : OutputExpression
{
    /// <summary>The JSON method name, <c>"sum"</c>.</summary>
    public const string Name = "sum";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the sum of {T.Terms(Terms, language)}", $"{T.Terms(Terms, language)}의 합");

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Terms.IsDefault ? [] : Terms;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) => RequireTerms(Terms, path, "A sum", errors);

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context) => Fold(context, Terms, static (a, b) => a + b, "the sum");

    /// <inheritdoc/>
    public bool Equals(SumExpression? other) => other is not null && Equality.Sequence(Terms, other.Terms);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(Terms);

    internal override string OperandPath(string path, int index) => $"{path}.terms[{index}]";

    internal static void RequireTerms(ImmutableArray<OutputExpression> terms, string path, string what, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (terms.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.terms", $"{what} needs at least one term."));
        }
    }

    internal static double[] Fold(OutputContext context, ImmutableArray<OutputExpression> terms, Func<double, double, double> op, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = terms[0].Compute(context);
        for (var i = 1; i < terms.Length; i++)
        {
            result = Map2(context, result, terms[i].Compute(context), op, what);
        }

        return result;
    }
}

/// <summary>The smallest of one or more terms (e.g. <c>min(CO2, 76.61)</c> for the PHDI's capped pressure).</summary>
/// <param name="Terms">The terms; at least one.</param>
/// <remarks>JSON: <c>{"method": "min", "terms": [{...}, {"method": "constant", "value": 76.61}]}</c>. A missing term makes the result missing.</remarks>
public sealed record MinimumExpression(ImmutableArray<OutputExpression> Terms) : OutputExpression
{
    /// <summary>The JSON method name, <c>"min"</c>.</summary>
    public const string Name = "min";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the smallest of {T.Terms(Terms, language)}", $"{T.Terms(Terms, language)} 중 최솟값");

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Terms.IsDefault ? [] : Terms;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) => SumExpression.RequireTerms(Terms, path, "A minimum", errors);

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context) => SumExpression.Fold(context, Terms, Math.Min, "the minimum");

    /// <inheritdoc/>
    public bool Equals(MinimumExpression? other) => other is not null && Equality.Sequence(Terms, other.Terms);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(Terms);

    internal override string OperandPath(string path, int index) => $"{path}.terms[{index}]";
}

/// <summary>The largest of one or more terms.</summary>
/// <param name="Terms">The terms; at least one.</param>
/// <remarks>JSON: <c>{"method": "max", "terms": [{...}, {...}]}</c>. A missing term makes the result missing.</remarks>
public sealed record MaximumExpression(ImmutableArray<OutputExpression> Terms) : OutputExpression
{
    /// <summary>The JSON method name, <c>"max"</c>.</summary>
    public const string Name = "max";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the largest of {T.Terms(Terms, language)}", $"{T.Terms(Terms, language)} 중 최댓값");

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Terms.IsDefault ? [] : Terms;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors) => SumExpression.RequireTerms(Terms, path, "A maximum", errors);

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context) => SumExpression.Fold(context, Terms, Math.Max, "the maximum");

    /// <inheritdoc/>
    public bool Equals(MaximumExpression? other) => other is not null && Equality.Sequence(Terms, other.Terms);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(Terms);

    internal override string OperandPath(string path, int index) => $"{path}.terms[{index}]";
}

/// <summary>A value limited to [<see cref="Min"/>, <see cref="Max"/>] (e.g. UNDP's GII truncates maternal mortality to [10, 1000]).</summary>
/// <param name="Value">The value to limit.</param>
/// <remarks>JSON: <c>{"method": "clamp", "value": {...}, "min": 10, "max": 1000}</c>. Either bound may be omitted.</remarks>
public sealed record ClampExpression(OutputExpression Value) : OutputExpression
{
    /// <summary>The JSON method name, <c>"clamp"</c>.</summary>
    public const string Name = "clamp";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"{Value?.Describe(language)} kept within [{(Min is { } lo ? T.N(lo) : "−∞")}, {(Max is { } hi ? T.N(hi) : "∞")}]", $"{Value?.Describe(language)}를 [{(Min is { } low ? T.N(low) : "−∞")}, {(Max is { } high ? T.N(high) : "∞")}] 범위로 제한");

    /// <summary>Gets the lower bound, or <see langword="null"/> for none.</summary>
    public double? Min { get; init; }

    /// <summary>Gets the upper bound, or <see langword="null"/> for none.</summary>
    public double? Max { get; init; }

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Value];

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if ((Min is { } lo && !double.IsFinite(lo)) || (Max is { } hi && !double.IsFinite(hi)))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, path, "The bounds of a clamp must be finite."));
        }
        else if (Min is { } a && Max is { } b && a > b)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.max", $"The upper bound of a clamp ({b.ToString(CultureInfo.InvariantCulture)}) is below the lower one ({a.ToString(CultureInfo.InvariantCulture)})."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = Value.Compute(context);
        for (var k = 0; k < result.Length; k++)
        {
            if (Min is { } lo && result[k] < lo)
            {
                result[k] = lo;
            }

            if (Max is { } hi && result[k] > hi)
            {
                result[k] = hi;
            }
        }

        return result;
    }

    internal override string OperandPath(string path, int index) => $"{path}.value";
}

/// <summary><c>base^exponent</c> (e.g. a square root with exponent 0.5, as in the GII's female empowerment index).</summary>
/// <param name="Base">The base.</param>
/// <param name="Exponent">The exponent; must be finite.</param>
/// <remarks>
/// JSON: <c>{"method": "power", "base": {...}, "exponent": 0.5}</c>. A result that is not a real number (a negative
/// base with a fractional exponent) or not finite (0 to a negative power) follows the output's
/// <see cref="OutputDefinition.OnNonFinite"/>.
/// </remarks>
public sealed record PowerExpression(OutputExpression Base, double Exponent) : OutputExpression
{
    /// <summary>The JSON method name, <c>"power"</c>.</summary>
    public const string Name = "power";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        $"({Base?.Describe(language)})^{T.N(Exponent)}";

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Base];

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(Exponent))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.exponent", "The exponent must be finite."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var x = Base.Compute(context);
        for (var k = 0; k < x.Length; k++)
        {
            if (double.IsNaN(x[k]))
            {
                continue;
            }

            var v = Exponent == 0.5 ? Math.Sqrt(x[k]) : Math.Pow(x[k], Exponent);
            x[k] = double.IsFinite(v) ? v : context.NonFinite($"{x[k].ToString("R", CultureInfo.InvariantCulture)} to the power {Exponent.ToString("R", CultureInfo.InvariantCulture)} is not a finite real number.", k);
        }

        return x;
    }

    internal override string OperandPath(string path, int index) => $"{path}.base";
}

/// <summary><c>1 / value</c>.</summary>
/// <param name="Value">The value; a zero follows the output's <see cref="OutputDefinition.OnNonFinite"/>.</param>
/// <remarks>JSON: <c>{"method": "reciprocal", "value": {...}}</c>.</remarks>
public sealed record ReciprocalExpression(OutputExpression Value) : OutputExpression
{
    /// <summary>The JSON method name, <c>"reciprocal"</c>.</summary>
    public const string Name = "reciprocal";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        $"1 / ({Value?.Describe(language)})";

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Value];

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var x = Value.Compute(context);
        for (var k = 0; k < x.Length; k++)
        {
            if (!double.IsNaN(x[k]))
            {
                var v = 1 / x[k];
                x[k] = double.IsFinite(v) ? v : context.NonFinite($"the reciprocal of {x[k].ToString("R", CultureInfo.InvariantCulture)} is not finite.", k);
            }
        }

        return x;
    }

    internal override string OperandPath(string path, int index) => $"{path}.value";
}

/// <summary>A comparison operator of <see cref="CompareExpression"/>.</summary>
public enum ComparisonOperator
{
    /// <summary><c>left = right</c>.</summary>
    Equal = 0,

    /// <summary><c>left ≠ right</c>.</summary>
    NotEqual = 1,

    /// <summary><c>left &lt; right</c>.</summary>
    Less = 2,

    /// <summary><c>left ≤ right</c>.</summary>
    LessOrEqual = 3,

    /// <summary><c>left &gt; right</c>.</summary>
    Greater = 4,

    /// <summary><c>left ≥ right</c>.</summary>
    GreaterOrEqual = 5,
}

/// <summary>
/// A comparison that gives 1 when it holds and 0 when it does not: a flag (CDC's SVI flags a county when its rounded
/// percentile rank is ≥ 0.90; a flag count is the <see cref="SumExpression"/> of flags) or the condition of a
/// <see cref="ConditionalExpression"/>.
/// </summary>
/// <param name="Left">The left operand.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Right">The right operand.</param>
/// <remarks>
/// JSON: <c>{"method": "compare", "left": {...}, "operator": "greaterOrEqual", "right": {"method": "constant", "value": 0.9}}</c>.
/// The operands are compared as doubles, exactly; compare a rounded output (<see cref="OutputReference"/>, rounded by
/// default) with a decimal constant to compare published values. A missing operand makes the result missing.
/// </remarks>
public sealed record CompareExpression(OutputExpression Left, ComparisonOperator Operator, OutputExpression Right) : OutputExpression
{
    /// <summary>The JSON method name, <c>"compare"</c>.</summary>
    public const string Name = "compare";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        $"{Left?.Describe(language)} {T.Operator(Operator)} {Right?.Describe(language)}";

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Left, Right];

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!Enum.IsDefined(Operator))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.operator", "Unknown comparison operator."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var op = Operator;
        return Map2(context, Left.Compute(context), Right.Compute(context), (a, b) => Holds(op, a, b) ? 1 : 0, "the comparison");
    }

    internal override string OperandPath(string path, int index) => index == 0 ? $"{path}.left" : $"{path}.right";

    internal static bool Holds(ComparisonOperator op, double a, double b) => op switch
    {
        ComparisonOperator.Equal => a == b,
        ComparisonOperator.NotEqual => a != b,
        ComparisonOperator.Less => a < b,
        ComparisonOperator.LessOrEqual => a <= b,
        ComparisonOperator.Greater => a > b,
        _ => a >= b,
    };
}

/// <summary>
/// <c>if condition then a else b</c>, cell by cell: <see cref="Then"/> where the condition is non-zero,
/// <see cref="Else"/> where it is zero, or a missing value where it is zero and <see cref="Else"/> is omitted (a
/// publication rule: ND-GAIN publishes its vulnerability score only where at least 23 of 36 indicators are
/// available). E.g. UNDP's GII rule replacing a female parliament share of 0.
/// </summary>
/// <param name="If">The condition, usually a <see cref="CompareExpression"/>; missing gives a missing result.</param>
/// <param name="Then">The value where the condition holds.</param>
/// <param name="Else">The value where it does not; <see langword="null"/> (omitted) for a missing value.</param>
/// <remarks>JSON: <c>{"method": "conditional", "if": {...}, "then": {...}, "else": {...}}</c>. Only the chosen branch's value is used, so a missing value in the other branch does not matter.</remarks>
public sealed record ConditionalExpression(OutputExpression If, OutputExpression Then, OutputExpression? Else = null) : OutputExpression
{
    /// <summary>The JSON method name, <c>"conditional"</c>.</summary>
    public const string Name = "conditional";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"if {If?.Describe(language)} then {Then?.Describe(language)} {(Else is null ? string.Empty : $" else {Else.Describe(language)}")}", $"{If?.Describe(language)}이면 {Then?.Describe(language)}{(Else is null ? string.Empty : $", 아니면 {Else.Describe(language)}")}");

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Else is null ? [If, Then] : [If, Then, Else];

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var condition = If.Compute(context);
        var yes = Then.Compute(context);
        var no = Else?.Compute(context);
        for (var k = 0; k < condition.Length; k++)
        {
            condition[k] = double.IsNaN(condition[k]) ? double.NaN : condition[k] != 0 ? yes[k] : no is null ? double.NaN : no[k];
        }

        return condition;
    }

    internal override string OperandPath(string path, int index) => index switch
    {
        0 => $"{path}.if",
        1 => $"{path}.then",
        _ => $"{path}.else",
    };
}

/// <summary>
/// The number of indicators below a node that have a value for the unit and period (after the data-preparation steps;
/// an indicator counts itself), for publication rules such as ND-GAIN's (vulnerability published only with at least 23
/// of its 36 indicators).
/// </summary>
/// <param name="Node">The id of a group or indicator.</param>
/// <remarks>JSON: <c>{"method": "indicatorCount", "node": "vulnerability", "variant": null}</c>. Never missing (0 when nothing is available).</remarks>
public sealed record IndicatorCountExpression(string Node) : OutputExpression
{
    /// <summary>The JSON method name, <c>"indicatorCount"</c>.</summary>
    public const string Name = "indicatorCount";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the number of indicators of {Node} with a value{(Variant is null ? string.Empty : $" ({Variant})")}", $"{Node}에서 값이 있는 지표의 수{(Variant is null ? string.Empty : $"({Variant})")}");

    /// <summary>Gets the id of the variant, or <see langword="null"/> for the primary one.</summary>
    public string? Variant { get; init; }

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Node))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.node", "An indicator count needs the id of a node."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IndicatorCount(Node, Variant);
    }
}

/// <summary>
/// The rank of a unit in an earlier ranked output (<see cref="OutputDefinition.Ranking"/>), as a number; missing where
/// the unit has no rank (e.g. UNDP's "difference from HDI rank" = HDI rank − PHDI rank).
/// </summary>
/// <param name="Output">The id of a ranked output listed before the one that uses it.</param>
/// <remarks>JSON: <c>{"method": "outputRank", "output": "hdi"}</c>.</remarks>
public sealed record RankExpression(string Output) : OutputExpression
{
    /// <summary>The JSON method name, <c>"outputRank"</c>.</summary>
    public const string Name = "outputRank";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the rank of the output {Output}", $"출력값 {Output}의 순위");

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Output))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.output", "A rank expression needs the id of an earlier ranked output."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Rank(Output);
    }
}
