using FsCheck;
using FsCheck.Xunit;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>Invariants of every weighting method on random data: recorded weights are non-negative and sum to 1.</summary>
public class WeightingPropertyTests
{
    private static readonly WeightingMethod[] Methods =
    [
        Weighting.Equal(), Weighting.Entropy(), Weighting.FactorAnalysis(), Weighting.FactorAnalysis(2) with { Rotation = FactorRotation.None },
        Weighting.Balance(), Weighting.InfoMax(),
    ];

    [Property(MaxTest = 40)]
    public bool Weights_RandomData_NonNegativeAndSumToOne(PositiveInt seed)
    {
        var rng = new Random(seed.Get);
        var units = 5 + rng.Next(8);
        var k = 3 + rng.Next(3);
        var ids = Enumerable.Range(0, k).Select(i => $"i{i}").ToArray();

        var pb = new PanelBuilder();
        for (var u = 0; u < units; u++)
        {
            foreach (var id in ids)
            {
                pb.AddValue(id, $"u{u}", "1", Math.Round(rng.NextDouble() * 100, 3));
            }
        }

        var panel = pb.Build();
        var ok = true;
        foreach (var method in Methods)
        {
            var b = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax(0, 1));
            foreach (var id in ids)
            {
                b.Indicator(id);
            }

            var def = b.Group("root", g => g.Add(ids).Weight(method)).Build();
            IndexResult result;
            try
            {
                result = CompiledIndex.Compile(def).Evaluate(panel);
            }
            catch (NumericalException)
            {
                continue; // e.g. a constant column drawn at random: a typed, named error is the contract
            }

            var w = result.Weights.Single().Weights;
            ok &= w.All(x => x >= 0 && double.IsFinite(x)) && Math.Abs(w.Sum() - 1) < 1e-12;
        }

        return ok;
    }
}
