using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// A formula that computes a reported value (an <see cref="OutputDefinition"/>) for every unit and period from
/// node scores of the index's variants, data columns, constants and earlier outputs.
/// </summary>
/// <remarks>
/// <para>Expressions are small immutable records that nest: the Gender Development Index is
/// <c>ratio(score(hdi, female), score(hdi, male))</c>; the IHDI's "loss" is
/// <c>product(constant 100, difference(constant 1, ratio(output ihdi, output hdi)))</c>; the Gender Inequality
/// Index would be <c>difference(constant 1, ratio(mean[harmonic](score(gii, female), score(gii, male)),
/// mean[geometric](mean(score(health, female), score(health, male)), ...)))</c>.</para>
/// <para>Missing values propagate: if any operand is missing for a unit and period, the result is missing.
/// A non-finite result (e.g. a division by zero) follows the output's <see cref="OutputDefinition.OnNonFinite"/>:
/// by default it stops evaluation with a <see cref="NumericalException"/> naming the output, unit and period.</para>
/// <para>To add an operation: derive a sealed record, give it a <see cref="MethodName"/> and register it in
/// <see cref="MethodRegistry"/>. Immutable and thread-safe.</para>
/// </remarks>
public abstract record OutputExpression
{
    /// <summary>Gets the operation's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the expression in plain language from its parameters, e.g. <c>the score of hdi (female) / the score of hdi (male)</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>Gets the nested expressions this one combines (empty for leaves).</summary>
    /// <returns>The operands, in order.</returns>
    public virtual ImmutableArray<OutputExpression> GetOperands() => [];

    /// <summary>Adds an error for every invalid parameter of this expression (not of its operands).</summary>
    /// <param name="path">The JSONPath of this expression in the definition.</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>
    /// Computes the expression for every period and unit, period-major (<c>values[period · units + unit]</c>),
    /// NaN = missing.
    /// </summary>
    /// <param name="context">Access to variant scores, data columns and earlier outputs.</param>
    /// <returns>A new array of <c>periods × units</c> values.</returns>
    /// <exception cref="NumericalException">A defined value cannot be computed.</exception>
    public abstract double[] Compute(OutputContext context);

    /// <summary>Gets the path of operand <paramref name="index"/> below <paramref name="path"/>, as JSON spells it.</summary>
    /// <param name="path">This expression's path.</param>
    /// <param name="index">The operand index.</param>
    /// <returns>The operand's path.</returns>
    internal virtual string OperandPath(string path, int index) => $"{path}.operands[{index}]";

    /// <summary>Applies <paramref name="op"/> cell by cell, propagating NaN and checking for non-finite results.</summary>
    internal static double[] Map2(OutputContext context, double[] a, double[] b, Func<double, double, double> op, string what)
    {
        var result = new double[a.Length];
        for (var k = 0; k < a.Length; k++)
        {
            if (double.IsNaN(a[k]) || double.IsNaN(b[k]))
            {
                result[k] = double.NaN;
                continue;
            }

            var v = op(a[k], b[k]);
            result[k] = double.IsFinite(v) ? v
                : context.NonFinite($"{what} of {a[k].ToString("R", CultureInfo.InvariantCulture)} and {b[k].ToString("R", CultureInfo.InvariantCulture)} is not finite.", k);
        }

        return result;
    }
}

/// <summary>The score of a node (a group, or an indicator's normalised value) in one variant of the index.</summary>
/// <param name="Node">The id of a group or indicator of the definition.</param>
/// <remarks>
/// JSON: <c>{"method": "score", "node": "hdi", "variant": "female"}</c>. Without <see cref="Variant"/>, the
/// primary result is used (the first variant, or the index itself when it has no variants).
/// </remarks>
public sealed record ScoreExpression(string Node) : OutputExpression
{
    /// <summary>The JSON method name, <c>"score"</c>.</summary>
    public const string Name = "score";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the score of {Node}{(Variant is null ? string.Empty : $" ({Variant})")}", $"{Node}의 점수{(Variant is null ? string.Empty : $"({Variant})")}");

    /// <summary>Gets the id of the variant (see <see cref="IndexDefinition.Variants"/>), or <see langword="null"/> for the primary one.</summary>
    public string? Variant { get; init; }

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Node))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.node", "A score expression needs the id of a node."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Score(Node, Variant).ToArray();
    }
}

/// <summary>The raw value of a data column (e.g. a published inequality coefficient), as read into the panel.</summary>
/// <param name="Column">The column (panel indicator) name.</param>
/// <remarks>JSON: <c>{"method": "column", "column": "ineq_le"}</c>.</remarks>
public sealed record ColumnExpression(string Column) : OutputExpression
{
    /// <summary>The JSON method name, <c>"column"</c>.</summary>
    public const string Name = "column";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the data column {Column}", $"자료 열 {Column}");

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Column))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.column", "A column expression needs a column name."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Column(Column).ToArray();
    }
}

/// <summary>A constant, the same for every unit and period.</summary>
/// <param name="Value">The value; must be finite.</param>
/// <remarks>JSON: <c>{"method": "constant", "value": 100}</c>.</remarks>
public sealed record ConstantExpression(double Value) : OutputExpression
{
    /// <summary>The JSON method name, <c>"constant"</c>.</summary>
    public const string Name = "constant";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.N(Value);

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(Value))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.value", "A constant must be finite."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new double[context.Length];
        result.AsSpan().Fill(Value);
        return result;
    }
}

/// <summary>
/// The value of an earlier output of the same definition: by default its published (rounded) value, as UNDP
/// computes the IHDI's "loss" from the published HDI and IHDI.
/// </summary>
/// <param name="Output">The id of an output listed before the one that uses it.</param>
/// <remarks>JSON: <c>{"method": "output", "output": "hdi", "rounded": true}</c>.</remarks>
public sealed record OutputReference(string Output) : OutputExpression
{
    /// <summary>The JSON method name, <c>"output"</c>.</summary>
    public const string Name = "output";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the output {Output}", $"출력값 {Output}");

    /// <summary>
    /// Gets a value indicating whether the referenced output's rounded value is used (when it has a
    /// <see cref="OutputDefinition.Rounding"/>). The default is <see langword="true"/>.
    /// </summary>
    public bool Rounded { get; init; } = true;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Output))
        {
            errors.Add(new DefinitionError(ErrorCodes.EmptyId, $"{path}.output", "An output reference needs the id of an earlier output."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Output(Output, Rounded).ToArray();
    }
}

/// <summary>The ratio <c>numerator / denominator</c> (e.g. the GDI = female HDI / male HDI).</summary>
/// <param name="Numerator">The numerator.</param>
/// <param name="Denominator">The denominator; a zero gives a <see cref="NumericalException"/>.</param>
/// <remarks>
/// JSON: <c>{"method": "ratio", "numerator": {...}, "denominator": {...}}</c>. UNDP HDR 2023/2024 Technical note 3:
/// "GDI = HDI_f / HDI_m".
/// </remarks>
public sealed record RatioExpression(OutputExpression Numerator, OutputExpression Denominator) : OutputExpression
{
    /// <summary>The JSON method name, <c>"ratio"</c>.</summary>
    public const string Name = "ratio";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        $"{Numerator.Describe(language)} / {Denominator.Describe(language)}";

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Numerator, Denominator];

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Map2(context, Numerator.Compute(context), Denominator.Compute(context), static (a, b) => a / b, "the ratio");
    }

    internal override string OperandPath(string path, int index) => index == 0 ? $"{path}.numerator" : $"{path}.denominator";
}

/// <summary>The difference <c>left − right</c> (e.g. <c>1 − IHDI/HDI</c>).</summary>
/// <param name="Left">The minuend.</param>
/// <param name="Right">The subtrahend.</param>
/// <remarks>JSON: <c>{"method": "difference", "left": {...}, "right": {...}}</c>.</remarks>
public sealed record DifferenceExpression(OutputExpression Left, OutputExpression Right) : OutputExpression
{
    /// <summary>The JSON method name, <c>"difference"</c>.</summary>
    public const string Name = "difference";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        $"{Left.Describe(language)} − {Right.Describe(language)}";

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => [Left, Right];

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Map2(context, Left.Compute(context), Right.Compute(context), static (a, b) => a - b, "the difference");
    }

    internal override string OperandPath(string path, int index) => index == 0 ? $"{path}.left" : $"{path}.right";
}

/// <summary>The product of one or more factors (e.g. <c>100 × (1 − IHDI/HDI)</c>, or PHDI = HDI × adjustment factor).</summary>
/// <param name="Factors">The factors; at least one.</param>
/// <remarks>JSON: <c>{"method": "product", "factors": [{...}, {...}]}</c>.</remarks>
public sealed record ProductExpression(ImmutableArray<OutputExpression> Factors) : OutputExpression
{
    /// <summary>The JSON method name, <c>"product"</c>.</summary>
    public const string Name = "product";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        string.Join(" × ", (Factors.IsDefault ? [] : Factors).Select(f => f.Describe(language)));

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Factors.IsDefault ? [] : Factors;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Factors.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.factors", "A product needs at least one factor."));
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = Factors[0].Compute(context);
        for (var i = 1; i < Factors.Length; i++)
        {
            result = Map2(context, result, Factors[i].Compute(context), static (a, b) => a * b, "the product");
        }

        return result;
    }

    /// <inheritdoc/>
    public bool Equals(ProductExpression? other) => other is not null && Equality.Sequence(Factors, other.Factors);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(Factors);

    internal override string OperandPath(string path, int index) => $"{path}.factors[{index}]";
}

/// <summary>
/// A weighted mean of several expressions using any <see cref="AggregationMethod"/> (arithmetic by default;
/// geometric or harmonic as the GII needs), e.g. the IHDI's "coefficient of human inequality" = the arithmetic
/// mean of the three dimension inequalities.
/// </summary>
/// <param name="Terms">The expressions to average; at least one.</param>
/// <remarks>
/// JSON: <c>{"method": "mean", "terms": [...], "aggregation": {"method": "geometric"}, "weights": [1, 1]}</c>.
/// Weights default to equal and are re-normalised to sum to 1. A missing term makes the mean missing
/// (complete-case); a term outside the aggregation's domain (e.g. zero for a geometric mean) gives a
/// <see cref="NumericalException"/>.
/// </remarks>
public sealed record MeanExpression(ImmutableArray<OutputExpression> Terms) : OutputExpression
{
    /// <summary>The JSON method name, <c>"mean"</c>.</summary>
    public const string Name = "mean";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"the mean of {string.Join(", ", (Terms.IsDefault ? [] : Terms).Select(f => f.Describe(language)))}", $"{string.Join(", ", (Terms.IsDefault ? [] : Terms).Select(f => f.Describe(language)))}의 평균");

    /// <summary>Gets the aggregation; <see langword="null"/> means the arithmetic mean.</summary>
    public AggregationMethod? Aggregation { get; init; }

    /// <summary>Gets the relative weights, one per term; empty means equal weights.</summary>
    public ImmutableArray<double> Weights { get; init; } = [];

    /// <inheritdoc/>
    public override ImmutableArray<OutputExpression> GetOperands() => Terms.IsDefault ? [] : Terms;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Terms.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.terms", "A mean needs at least one term."));
            return;
        }

        Aggregation?.Validate($"{path}.aggregation", errors);
        if (!Weights.IsDefaultOrEmpty)
        {
            if (Weights.Length != Terms.Length)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidWeight, $"{path}.weights", $"A mean of {Terms.Length} terms needs {Terms.Length} weights (got {Weights.Length})."));
            }
            else if (Weights.Any(w => !double.IsFinite(w) || w < 0) || Weights.Sum() <= 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidWeight, $"{path}.weights", "The weights of a mean must be finite, non-negative and not all zero."));
            }
        }
    }

    /// <inheritdoc/>
    public override double[] Compute(OutputContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = Aggregation ?? new ArithmeticAggregation();
        var n = Terms.Length;
        var columns = Terms.Select(t => t.Compute(context)).ToArray();
        var weights = new double[n];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            weights[i] = Weights.IsDefaultOrEmpty ? 1 : Weights[i];
            total += weights[i];
        }

        for (var i = 0; i < n; i++)
        {
            weights[i] /= total;
        }

        var values = new double[n];
        var result = new double[context.Length];
        for (var k = 0; k < result.Length; k++)
        {
            var missing = false;
            for (var i = 0; i < n; i++)
            {
                values[i] = columns[i][k];
                if (double.IsNaN(values[i]))
                {
                    missing = true;
                    break;
                }

                if (!method.IsInDomain(values[i]))
                {
                    result[k] = context.NonFinite($"the mean '{method.MethodName}' needs {method.DomainDescription}, but term {i} is {values[i].ToString("R", CultureInfo.InvariantCulture)}.", k);
                    missing = true;
                    break;
                }
            }

            if (missing)
            {
                result[k] = double.NaN;
                continue;
            }

            var v = method.Aggregate(values, weights);
            result[k] = double.IsFinite(v) || (double.IsNaN(v) && method.MayReturnMissing) ? v : context.NonFinite($"the mean '{method.MethodName}' is not finite.", k);
        }

        return result;
    }

    /// <inheritdoc/>
    public bool Equals(MeanExpression? other) =>
        other is not null && Equality.Sequence(Terms, other.Terms) && Equality.Sequence(Weights, other.Weights) && Equals(Aggregation, other.Aggregation);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Equality.Hash(Terms), Equality.Hash(Weights), Aggregation);

    internal override string OperandPath(string path, int index) => $"{path}.terms[{index}]";
}
