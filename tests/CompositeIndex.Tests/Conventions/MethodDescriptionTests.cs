using System.Runtime.CompilerServices;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Conventions;

/// <summary>Every registered method describes itself in plain language, in English and in Korean (issue #17).</summary>
public class MethodDescriptionTests
{
    /// <summary>Instances for methods whose parameters cannot be left at their defaults (nested expressions).</summary>
    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(RatioExpression)] = new RatioExpression(new ScoreExpression("hdi") { Variant = "female" }, new ScoreExpression("hdi") { Variant = "male" }),
        [typeof(DifferenceExpression)] = new DifferenceExpression(new ConstantExpression(1), new OutputReference("ihdi")),
        [typeof(ProductExpression)] = new ProductExpression([new ConstantExpression(100), new ColumnExpression("loss")]),
        [typeof(CompareExpression)] = new CompareExpression(new ScoreExpression("hdi"), ComparisonOperator.GreaterOrEqual, new ConstantExpression(0.8)),
        [typeof(PowerExpression)] = new PowerExpression(new ScoreExpression("health"), 0.5),
        [typeof(ReciprocalExpression)] = new ReciprocalExpression(new ScoreExpression("income")),
        [typeof(MeanExpression)] = new MeanExpression([new ColumnExpression("ineq_le"), new ColumnExpression("ineq_edu")]),
    };

    /// <summary>Formulas made only of numbers and ids read the same in every language.</summary>
    private static readonly HashSet<Type> LanguageNeutral = [typeof(ConstantExpression), typeof(ProductExpression)];

    public static TheoryData<string> RegisteredMethods() => [.. MethodRegistry.Default.Methods.Keys];

    [Theory]
    [MemberData(nameof(RegisteredMethods))]
    public void EveryRegisteredMethod_DescribesItself_InEnglishAndKorean(string name)
    {
        var type = MethodRegistry.Default.Methods[name];
        var method = Samples.TryGetValue(type, out var sample) ? sample : RuntimeHelpers.GetUninitializedObject(type);
        var describe = type.GetMethod("Describe", [typeof(string)])!;

        var en = (string)describe.Invoke(method, [null])!;
        var ko = (string)describe.Invoke(method, ["ko"])!;
        var koKr = (string)describe.Invoke(method, ["ko-KR"])!;
        var other = (string)describe.Invoke(method, ["de"])!;

        Assert.False(string.IsNullOrWhiteSpace(en), $"{type.Name} has no English sentence");
        Assert.Equal(en, other); // other languages fall back to English
        Assert.Equal(ko, koKr);
        Assert.DoesNotContain("CompositeIndex.", en, StringComparison.Ordinal); // not a type or record dump
        Assert.DoesNotContain(type.Name, en, StringComparison.Ordinal); // not a C# record printout ("MinMaxNormalization { Lower = 0, ... }")
        Assert.DoesNotContain("{", en, StringComparison.Ordinal);
        if (!LanguageNeutral.Contains(type))
        {
            Assert.True(ko.Any(c => c is >= '\uAC00' and <= '\uD7A3'), $"{type.Name} has no Korean sentence: '{ko}'");
        }
    }

    [Fact]
    public void Sentences_StateTheParameters()
    {
        Assert.Equal("min-max to 0–100, fitted per period, reversed for lower-is-better indicators", new MinMaxNormalization().Describe());
        Assert.Equal("ratio to 2022 × 100, reciprocal for lower-is-better indicators", new RatioToBaseNormalization("2022").Describe());
        Assert.Equal("2022 대비 비율 × 100, 낮을수록 좋은 지표는 역수", new RatioToBaseNormalization("2022").Describe("ko"));
        Assert.Equal("fixed goalposts 100–75000 on a log scale, scaled to 0–1, values beyond the goalposts capped", new GoalpostsNormalization(100, 75000) { Log = true }.Describe());
        Assert.Equal("min-max to 0–1, fitted once on all periods pooled, reversed for lower-is-better indicators", new MinMaxNormalization(0, 1) { Reference = NormalizationReference.Pooled }.Describe());
        Assert.Equal("weighted geometric mean", new GeometricAggregation().Describe());
        Assert.Equal("the score of hdi (female) / the score of hdi (male)", Samples[typeof(RatioExpression)] is OutputExpression r ? r.Describe() : null);
        Assert.Equal("weights re-normalised over the components present, at least 50 % of the weight required", new RenormalizeWeights(0.5).Describe());
    }
}
