using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CompositeIndex.Tests.Properties;

/// <summary>FsCheck properties of normalisation and aggregation (issue #2 "How it is checked").</summary>
public class PipelineProperties
{
    private static double[] Finite(double[] xs) => xs.Select(x => double.IsFinite(x) ? Math.Clamp(x, -1e12, 1e12) : 0).ToArray();

    private static (IndexDefinition Def, Panel Panel) Build(double[] a, double[] b, double wa, double wb, AggregationMethod agg, Polarity pb = Polarity.Positive, string[]? unitOrder = null)
    {
        var def = IndexBuilder.Create("p", "P")
            .Indicator("a").Indicator("b", i => i.Polarity(pb))
            .Group("root", g => g.Add("a", wa).Add("b", wb).Aggregate(agg))
            .Normalize(Normalization.MinMax(1, 100))
            .Build();
        var pbld = new PanelBuilder();
        var order = unitOrder ?? Enumerable.Range(0, a.Length).Select(i => $"u{i}").ToArray();
        foreach (var id in order)
        {
            var i = int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);
            pbld.AddValue("a", id, "1", a[i]).AddValue("b", id, "1", b[i]);
        }

        return (def, pbld.Build());
    }

    private static bool HasRange(double[] x) => x.Distinct().Count() > 1;

    [Property(MaxTest = 200)]
    public Property MinMax_StaysWithinRange(NormalFloat[] raw)
    {
        var xs = Finite(raw.Select(r => r.Get).ToArray());
        return (xs.Length >= 2 && HasRange(xs)).When(() =>
        {
            var y = Methods.NormalizationTestKit.One(Normalization.MinMax(0, 100), Polarity.Positive, xs);
            return y.All(v => v >= 0 && v <= 100 + 1e-9);
        });
    }

    [Property(MaxTest = 200)]
    public Property Goalposts_WithCapAndFloor_StayInUnitInterval(NormalFloat[] raw)
    {
        var xs = Finite(raw.Select(r => r.Get).ToArray());
        return (xs.Length >= 1).When(() =>
            Methods.NormalizationTestKit.One(Normalization.Goalposts(-50, 50), Polarity.Negative, xs).All(v => v >= 0 && v <= 1));
    }

    [Property(MaxTest = 100)]
    public Property RaisingAnIndicator_NeverLowersTheScore_ArithmeticAndGeometric(PositiveInt seed, bool geometric)
    {
        var rnd = new Random(seed.Get);
        var n = 5;
        var a = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 100).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => rnd.NextDouble() * 100).ToArray();
        var agg = geometric ? (AggregationMethod)Aggregation.Geometric() : Aggregation.Arithmetic();
        var (def, panel) = Build(a, b, 1 + rnd.NextDouble(), 1 + rnd.NextDouble(), agg);
        var before = CompiledIndex.Compile(def).Evaluate(panel).GetScore("root", "u0", "1");
        var a2 = a.ToArray();
        a2[0] += rnd.NextDouble() * 10;
        var (def2, panel2) = Build(a2, b, def.Groups[0].Children[0].Weight, def.Groups[0].Children[1].Weight, agg);
        var after = CompiledIndex.Compile(def2).Evaluate(panel2).GetScore("root", "u0", "1");
        // Raising u0's value (it may become the new max) never lowers u0's own score.
        return (after >= before - 1e-9).Label($"before {before}, after {after}");
    }

    [Property(MaxTest = 100)]
    public Property Results_DoNotDependOnUnitOrder(PositiveInt seed)
    {
        var rnd = new Random(seed.Get);
        var a = Enumerable.Range(0, 6).Select(_ => rnd.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 6).Select(_ => rnd.NextDouble()).ToArray();
        var order = Enumerable.Range(0, 6).Select(i => $"u{i}").OrderBy(_ => rnd.Next()).ToArray();
        var (d1, p1) = Build(a, b, 1, 2, Aggregation.Arithmetic());
        var (d2, p2) = Build(a, b, 1, 2, Aggregation.Arithmetic(), unitOrder: order);
        var r1 = CompiledIndex.Compile(d1).Evaluate(p1);
        var r2 = CompiledIndex.Compile(d2).Evaluate(p2);
        return Enumerable.Range(0, 6).All(i =>
            r1.GetScore("root", $"u{i}", "1") == r2.GetScore("root", $"u{i}", "1")
            && r1.GetRank("root", $"u{i}", "1") == r2.GetRank("root", $"u{i}", "1")).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property Results_DoNotDependOnIndicatorOrder(PositiveInt seed)
    {
        var rnd = new Random(seed.Get);
        var panel = new PanelBuilder();
        for (var i = 0; i < 5; i++)
        {
            panel.AddValue("a", $"u{i}", "1", rnd.NextDouble()).AddValue("b", $"u{i}", "1", rnd.NextDouble());
        }

        var p = panel.Build();
        var d1 = IndexBuilder.Create("p", "P").Indicator("a").Indicator("b").Group("root", g => g.Add("a", 1).Add("b", 3)).Normalize(Normalization.ZScore()).Build();
        var d2 = IndexBuilder.Create("p", "P").Indicator("b").Indicator("a").Group("root", g => g.Add("b", 3).Add("a", 1)).Normalize(Normalization.ZScore()).Build();
        var r1 = CompiledIndex.Compile(d1).Evaluate(p);
        var r2 = CompiledIndex.Compile(d2).Evaluate(p);
        return Enumerable.Range(0, 5).All(i => Math.Abs(r1.GetScore("root", $"u{i}", "1") - r2.GetScore("root", $"u{i}", "1")) < 1e-12).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property ScalingAllWeightsOfAGroup_ChangesNothing(PositiveInt seed, bool geometric)
    {
        var rnd = new Random(seed.Get);
        var a = Enumerable.Range(0, 4).Select(_ => rnd.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 4).Select(_ => rnd.NextDouble()).ToArray();
        var k = 0.001 + (rnd.NextDouble() * 1000);
        var agg = geometric ? (AggregationMethod)Aggregation.Geometric() : Aggregation.Arithmetic();
        var (d1, p) = Build(a, b, 1, 2, agg);
        var (d2, _) = Build(a, b, k, 2 * k, agg);
        var r1 = CompiledIndex.Compile(d1).Evaluate(p);
        var r2 = CompiledIndex.Compile(d2).Evaluate(p);
        return Enumerable.Range(0, 4).All(i => Math.Abs(r1.GetScore("root", $"u{i}", "1") - r2.GetScore("root", $"u{i}", "1")) < 1e-9).ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property NegativePolarity_BehavesAsMirrorImage(PositiveInt seed)
    {
        var rnd = new Random(seed.Get);
        var a = Enumerable.Range(0, 5).Select(_ => rnd.NextDouble() * 10).ToArray();
        var b = Enumerable.Range(0, 5).Select(_ => rnd.NextDouble() * 10).ToArray();
        var mirrored = b.Select(x => -x).ToArray();
        var (d1, p1) = Build(a, b, 1, 1, Aggregation.Arithmetic(), Polarity.Negative);
        var (d2, p2) = Build(a, mirrored, 1, 1, Aggregation.Arithmetic(), Polarity.Positive);
        var r1 = CompiledIndex.Compile(d1).Evaluate(p1);
        var r2 = CompiledIndex.Compile(d2).Evaluate(p2);
        return Enumerable.Range(0, 5).All(i => Math.Abs(r1.GetScore("root", $"u{i}", "1") - r2.GetScore("root", $"u{i}", "1")) < 1e-9).ToProperty();
    }
}
