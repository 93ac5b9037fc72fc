using System.Globalization;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>
/// A sequential evaluation hands every indicator's normaliser one context pointed at that indicator in turn; each call
/// must see only its own indicator's id, polarity, metadata, input and output (hand-computed expectations).
/// </summary>
public class NormalizationContextTests
{
    /// <summary>Writes sign·scale·x (sign −1 for negative polarity; scale from the metadata key "scale", 1 without it) and records the scale.</summary>
    private sealed record ScaleFromMetadata : NormalizationMethod
    {
        public override string MethodName => "scaleFromMetadata";

        public override string Describe(string? language = null) => "scale from metadata";

        public override void Normalize(NormalizationContext context)
        {
            var scale = context.Metadata.TryGetValue("scale", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 1;
            var sign = context.Polarity == Polarity.Negative ? -1 : 1;
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var input = context.Input(p);
                var output = context.Output(p);
                for (var u = 0; u < input.Length; u++)
                {
                    output[u] = sign * scale * input[u];
                }
            }

            context.Record("scale", scale);
        }
    }

    [Fact]
    public void Evaluate_EachIndicatorSeesItsOwnContext()
    {
        var d = IndexBuilder.Create("t", "T")
            .Indicator("a", i => i.Metadata("scale", "2"))
            .Indicator("b", i => i.Metadata("scale", "3").LowerIsBetter())
            .Indicator("c")
            .Group("root", g => g.Add("a", "b", "c"))
            .Normalize(new ScaleFromMetadata())
            .Build();
        var b = new PanelBuilder();
        (string Unit, string Period, double A, double B, double C)[] rows = [("u", "1", 1, 10, 100), ("v", "1", 2, 20, 200), ("u", "2", 3, 30, 300), ("v", "2", 4, 40, 400)];
        foreach (var (unit, period, va, vb, vc) in rows)
        {
            b.AddValue("a", unit, period, va).AddValue("b", unit, period, vb).AddValue("c", unit, period, vc);
        }

        var r = CompiledIndex.Compile(d).Evaluate(b.Build());
        var compared = 0;
        foreach (var (unit, period, va, vb, vc) in rows)
        {
            Assert.Equal(2 * va, r.GetScore("a", unit, period));
            Assert.Equal(-3 * vb, r.GetScore("b", unit, period));
            Assert.Equal(vc, r.GetScore("c", unit, period)); // no metadata: scale 1, positive (nothing left over from b)
            compared += 3;
        }

        Assert.Equal(12, compared);
        Assert.Equal(["a:2", "b:3", "c:1"], r.Parameters.Select(x => $"{x.IndicatorId}:{x.Value.ToString(CultureInfo.InvariantCulture)}"));
    }
}
