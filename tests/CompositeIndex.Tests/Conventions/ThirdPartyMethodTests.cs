using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Conventions;

/// <summary>
/// A normalisation and an aggregation defined outside the library register in one call each and then behave like
/// built-ins: JSON round trip, schema export, evaluation, typed fitted parameters and freezing, change decomposition.
/// </summary>
public class ThirdPartyMethodTests
{
    private static readonly MethodRegistry Registry = MethodRegistry.Default.With<MidrangeNormalization>().With<OrderedMeanAggregation>();

    private static IndexDefinition Definition() => Definition(new MidrangeNormalization { Scale = 10 }, new OrderedMeanAggregation());

    private static IndexDefinition Definition(NormalizationMethod normalization, AggregationMethod aggregation) =>
        IndexBuilder.Create("t", "Third party")
            .Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a", 3).Add("b", 1).Aggregate(aggregation))
            .Normalize(normalization)
            .Build();

    private static Panel Data() => new PanelBuilder()
        .AddValue("a", "u", "1", 2).AddValue("a", "v", "1", 6).AddValue("b", "u", "1", 10).AddValue("b", "v", "1", 30)
        .AddValue("a", "u", "2", 5).AddValue("a", "v", "2", 6).AddValue("b", "u", "2", 20).AddValue("b", "v", "2", 30)
        .Build();

    [Fact]
    public void With_TakesTheJsonNameFromTheNameConstant()
    {
        Assert.Equal(typeof(MidrangeNormalization), Registry.Methods[MidrangeNormalization.Name]);
        Assert.Equal(typeof(OrderedMeanAggregation), Registry.Methods[OrderedMeanAggregation.Name]);
        Assert.Throws<ArgumentException>(() => MethodRegistry.Default.With<NamelessNormalization>());
        Assert.Throws<ArgumentException>(() => MethodRegistry.Default.With<ArithmeticAggregation>()); // already registered
    }

    [Fact]
    public void Serializer_RoundTrips_AndTheSchemaListsBothMethods()
    {
        var serializer = new IndexDefinitionSerializer(Registry);
        var json = serializer.Save(Definition());

        Assert.Equal(Definition(), serializer.Load(json));
        Assert.Contains("\"method\": \"testMidrange\"", json, StringComparison.Ordinal);
        var schema = serializer.GenerateSchema();
        Assert.Contains("\"const\": \"testMidrange\"", schema, StringComparison.Ordinal);
        Assert.Contains("\"const\": \"testOrderedMean\"", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HandComputed_AndTheFittedParametersAreTypedAndFreezable()
    {
        var result = CompiledIndex.Compile(Definition()).Evaluate(Data());

        // Period 1: a ∈ {2, 6}: midrange 4, half-range 2 → u = 10·(2−4)/2 = −10; b ∈ {10, 30} → u = −10. Root: weights 3:1.
        Assert.Equal(-10, result.GetScore("a", "u", "1"), 12);
        Assert.Equal(-10, result.GetScore("root", "u", "1"), 12);
        Assert.Equal(new MinMaxParameters(2, 6), result.GetFittedParameters("a", "1"));

        // Period 2 with period 1's parameters frozen: a = 10·(5−4)/2 = 5, b = 10·(20−20)/10 = 0; root = 0.75·5 + 0.25·0.
        var frozen = CompiledIndex.Compile(Definition()).Evaluate(Data(), FrozenParameters.From(result.Parameters.Where(p => p.Period == "1")));
        Assert.Equal(5, frozen.GetScore("a", "u", "2"), 12);
        Assert.Equal(3.75, frozen.GetScore("root", "u", "2"), 12);
    }

    [Fact]
    public void ExplainChange_UsesTheMethodsDeclaredRule_AndSumsToTheChange()
    {
        var result = CompiledIndex.Compile(Definition()).Evaluate(Data());

        var change = result.ExplainChange(result.RootId, "u", "1", "2");

        Assert.Equal(ChangeDecompositionMethod.Additive, change.Method);
        Assert.Equal(result.GetScore("root", "u", "2") - result.GetScore("root", "u", "1"), change.Contributions.Where(c => c.Depth == 1).Sum(c => c.Contribution), 12);
    }

    [Fact]
    public void ResultJson_WithoutItsUnregisteredDefinition_ReadsWithTheDefinitionGiven()
    {
        var result = CompiledIndex.Compile(Definition()).Evaluate(Data());
        using var ms = new MemoryStream();
        result.WriteJson(ms);

        Assert.Throws<IndexDataException>(() => IndexResultJson.Read(new MemoryStream(ms.ToArray())));
        var read = IndexResultJson.Read(new MemoryStream(ms.ToArray()), Definition());
        Assert.Equal(result.GetScore("root", "v", "2"), read.GetScore("root", "v", "2"));
    }

    [Fact]
    public void Sensitivity_ChoosesThirdPartyMethods_AndEveryRunEqualsTheDirectEvaluationOfItsVariant()
    {
        // Two choice factors, each with a third-party alternative: OrderedMean declares the arithmetic kernel (the
        // sensitivity fast path), WeightedMax declares none (the general path through Aggregate).
        NormalizationMethod[] normalizations = [new MidrangeNormalization { Scale = 10 }, Normalization.MinMax(1, 100)];
        AggregationMethod[] aggregations = [new OrderedMeanAggregation(), new WeightedMaxAggregation()];
        var analysis = new SensitivityDefinition
        {
            Factors = [new NormalizationChoiceFactor(null, [.. normalizations]), new AggregationChoiceFactor("root", [.. aggregations])],
            Samples = 32,
            Seed = 5,
            Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift)],
        };

        var run = SensitivityAnalysis.Run(Definition(), Data(), analysis, new SensitivityOptions { KeepReplicates = true, MaxDegreeOfParallelism = 1 });

        var table = run.Replicates!;
        var seen = new HashSet<(int, int)>();
        var compared = 0;
        for (var r = 0; r < table.RunCount; r++)
        {
            var (n, a) = ((int)table.GetFactorValues(r).Span[0], (int)table.GetFactorValues(r).Span[1]);
            seen.Add((n, a));
            var direct = CompiledIndex.Compile(Definition(normalizations[n], aggregations[a])).Evaluate(Data());
            for (var t = 0; t < table.Periods.Length; t++)
            {
                var scores = table.GetScores(r, t).Span;
                for (var u = 0; u < table.Units.Length; u++)
                {
                    Assert.Equal(direct.GetScore("root", table.Units[u], table.Periods[t]), scores[u], 12);
                    compared++;
                }
            }
        }

        Assert.Equal(4, seen.Count);
        Assert.Equal(32 * 2 * 2, compared);
    }
}

/// <summary>(x − midrange) / half-range · <see cref="Scale"/>, fitted per period: a third-party data-fitted normalisation on the shared base.</summary>
public sealed record MidrangeNormalization : FittedNormalization<MinMaxParameters>
{
    /// <summary>The JSON method name.</summary>
    public const string Name = "testMidrange";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <summary>Gets the scale.</summary>
    public double Scale { get; init; } = 1;

    /// <inheritdoc/>
    public override string Describe(string? language = null) => "distance from the midrange in half-ranges";

    /// <inheritdoc/>
    protected override NormalizationReference FitReference => NormalizationReference.PerPeriod;

    /// <inheritdoc/>
    protected override MinMaxParameters? Fit(NormalizationContext context, int period, ReadOnlySpan<double> reference)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var x in reference)
        {
            if (!double.IsNaN(x))
            {
                (min, max) = (Math.Min(min, x), Math.Max(max, x));
            }
        }

        return min <= max ? new MinMaxParameters(min, max) : null;
    }

    /// <inheritdoc/>
    protected override string? Degenerate(MinMaxParameters parameters, Polarity polarity) => parameters.Max == parameters.Min ? "zero range" : null;

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, double>> NamedValues(MinMaxParameters? parameters, Polarity polarity) =>
        [new("min", parameters?.Min ?? 0), new("max", parameters?.Max ?? 0)];

    /// <inheritdoc/>
    protected override MinMaxParameters FromNamedValues(Func<string, double> value, Polarity polarity) => new(value("min"), value("max"));

    /// <inheritdoc/>
    protected override void Apply(MinMaxParameters parameters, NormalizationContext context, int period, double sign)
    {
        var mid = (parameters.Min + parameters.Max) / 2;
        var half = (parameters.Max - parameters.Min) / 2;
        var input = context.Input(period);
        var output = context.Output(period);
        for (var u = 0; u < input.Length; u++)
        {
            output[u] = Scale * (input[u] - mid) / half;
        }
    }
}

/// <summary>The weighted arithmetic mean, written outside the library: declares the additive change rule and the arithmetic kernel.</summary>
public sealed record OrderedMeanAggregation : AggregationMethod
{
    /// <summary>The JSON method name.</summary>
    public const string Name = "testOrderedMean";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) => "weighted arithmetic mean (third-party)";

    /// <inheritdoc/>
    public override ChangeDecompositionRule? ChangeRule => ChangeDecompositionRule.Additive;

    /// <inheritdoc/>
    public override AggregationKernelKind Kernel => AggregationKernelKind.WeightedArithmeticMean;

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * values[i];
        }

        return sum;
    }
}

/// <summary>The largest child score with a positive weight, written outside the library: declares no change rule and no fast-path kernel.</summary>
public sealed record WeightedMaxAggregation : AggregationMethod
{
    /// <summary>The JSON method name.</summary>
    public const string Name = "testWeightedMax";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) => "largest child score with a positive weight (third-party)";

    /// <inheritdoc/>
    public override double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            if (weights[i] > 0)
            {
                max = Math.Max(max, values[i]);
            }
        }

        return max;
    }
}

/// <summary>A method without a <c>Name</c> constant: <see cref="MethodRegistry.With{T}()"/> refuses it.</summary>
public sealed record NamelessNormalization : NormalizationMethod
{
    /// <inheritdoc/>
    public override string MethodName => "nameless";

    /// <inheritdoc/>
    public override string Describe(string? language = null) => "nameless";

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context) => throw new InvalidOperationException();
}
