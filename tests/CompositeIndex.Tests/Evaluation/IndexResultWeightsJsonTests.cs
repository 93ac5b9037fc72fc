using System.Collections.Immutable;
using System.Text.Json;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>The <c>"weights"</c> block of <see cref="IndexResult.WriteJson"/>: every <see cref="WeightingReport"/> survives the JSON.</summary>
public class IndexResultWeightsJsonTests
{
    private static IndexResult Evaluate()
    {
        var definition = IndexBuilder.Create("t", "T")
            .Indicator("a").Indicator("b").Indicator("c").Indicator("d").Indicator("e").Indicator("f").Indicator("g")
            .Normalize(Normalization.MinMax(0, 1))
            .Group("expert", g => g.Add("a", "b", "c").Weight(Weighting.Ahp(PairwiseComparisons.FromMatrix("E1", ["a", "b", "c"], [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]))))
            .Group("data", g => g.Add("d", "e").Weight(Weighting.Entropy()))
            .Group("doubt", g => g.Add("f", "g").Aggregate(Aggregation.BenefitOfTheDoubt()))
            .Group("root", g => g.Add("expert", 2).Add("data").Add("doubt"))
            .Build();
        var panel = new PanelBuilder();
        double[][] rows = [[1, 5, 2, 3, 9, 4, 1], [2, 3, 8, 1, 2, 1, 5], [4, 1, 5, 7, 4, 3, 3], [3, 2, 1, 2, 6, 2, 2]];
        for (var j = 0; j < rows.Length; j++)
        {
            for (var q = 0; q < 7; q++)
            {
                panel.AddValue(((char)('a' + q)).ToString(), $"u{j}", "2024", rows[j][q]);
            }
        }

        return CompiledIndex.Compile(definition).Evaluate(panel.Build());
    }

    private static WeightingReport Read(JsonElement e) =>
        new(
            e.GetProperty("group").GetString()!,
            e.GetProperty("method").GetString()!,
            [.. e.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)],
            [.. e.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("weight").GetDouble())],
            e.GetProperty("derivation").GetString()!)
        {
            UnitId = e.TryGetProperty("unit", out var u) ? u.GetString() : null,
            Period = e.TryGetProperty("period", out var p) ? p.GetString() : null,
            Diagnostics = [.. e.GetProperty("diagnostics").EnumerateArray().Select(d => new WeightingDiagnostic(
                d.GetProperty("name").GetString()!,
                d.GetProperty("value").ValueKind == JsonValueKind.Null ? double.NaN : d.GetProperty("value").GetDouble(),
                d.TryGetProperty("child", out var c) ? c.GetString() : null,
                d.TryGetProperty("qualifier", out var q) ? q.GetString() : null))],
        };

    [Fact]
    public void WriteJson_WeightsBlock_RoundTripsEveryReportExactly()
    {
        var result = Evaluate();
        using var ms = new MemoryStream();
        result.WriteJson(ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var back = doc.RootElement.GetProperty("weights").EnumerateArray().Select(Read).ToList();

        // One report per group (4) plus one per unit of the benefit-of-the-doubt group (4 units).
        Assert.Equal(8, result.Weights.Length);
        Assert.Equal(result.Weights.Length, back.Count);
        for (var i = 0; i < back.Count; i++)
        {
            var (expected, actual) = (result.Weights[i], back[i]);
            Assert.Equal(expected.GroupId, actual.GroupId);
            Assert.Equal(expected.MethodName, actual.MethodName);
            Assert.Equal(expected.Derivation, actual.Derivation);
            Assert.Equal(expected.UnitId, actual.UnitId);
            Assert.Equal(expected.Period, actual.Period);
            Assert.Equal(expected.ChildIds.ToArray(), actual.ChildIds.ToArray());
            Assert.Equal(expected.Weights.ToArray(), actual.Weights.ToArray());   // bit-exact: shortest round-trip numbers
            Assert.Equal(expected.Diagnostics.ToArray(), actual.Diagnostics.ToArray());
        }

        // What the block says, per kind of weighting.
        var methods = back.Where(r => r.UnitId is null).ToDictionary(r => r.GroupId, r => r.MethodName);
        Assert.Equal(new Dictionary<string, string> { ["expert"] = "ahp", ["data"] = "entropy", ["doubt"] = "definition", ["root"] = "definition" }, methods);
        Assert.All(back.Where(r => r.GroupId == "doubt" && r.UnitId is not null), r => Assert.Equal("benefitOfTheDoubt", r.MethodName));
        Assert.Contains(back.Single(r => r.GroupId == "data").Diagnostics, d => d.ChildId == "d");
        var ahp = back.Single(r => r.GroupId == "expert");
        Assert.Equal(4.0 / 7, ahp.WeightOf("a"), 12);   // consistent matrix: weights 4:2:1
        Assert.Contains(ahp.Diagnostics, d => d.Name == "consistencyRatio" && d.Qualifier == "E1");
        var root = back.Single(r => r.GroupId == "root");
        Assert.Equal("definition", root.MethodName);
        Assert.Equal(0.5, root.WeightOf("expert"), 15);
        Assert.Equal(4, back.Count(r => r.GroupId == "doubt" && r.UnitId is not null && r.Period == "2024"));
    }
}
