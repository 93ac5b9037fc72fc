using CompositeIndex.Analysis;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.Analysis;

/// <summary>The maximum-likelihood factor analysis per group inside <see cref="IndexAudit.Run"/> (<see cref="GroupFactorAnalysis"/>).</summary>
public class GroupFactorAnalysisTests
{
    [SharedDataFact("method-examples")]
    public void Run_TaiHandbook_FactorAnalysisOfTheEightIndicatorsEqualsDirectCallBitForBit_FourFactorsAsTable7()
    {
        var (panel, _) = TaiData.Load("tai");
        var result = CompiledIndex.Compile(TaiData.Definition()).Evaluate(panel);

        var audit = IndexAudit.Run(result, panel);

        var group = Assert.Single(audit.FactorAnalyses);
        Assert.Equal("TAI", group.GroupId);
        Assert.Null(group.Reason);
        var fa = group.Result!;

        // Handbook Table 7: eigenvalues 3.3, 1.7, 1.0, 0.9 explain 41.9, 21.8, 12.3, 11.1 % (each ≥ 10 %): four factors.
        Assert.Equal(4, fa.Factors);
        Assert.Equal(FactorExtraction.MaximumLikelihood, fa.Extraction);
        Assert.Equal(FactorRotation.Varimax, fa.Rotation);

        var direct = IndexAudit.FactorAnalysis(AuditData.FromResult(result, "2001", TaiData.Indicators), TaiData.Indicators, 4, groupId: "TAI");
        Assert.Equal(direct.Variables.ToArray(), fa.Variables.ToArray());
        Assert.Equal(direct.UnitsUsed.ToArray(), fa.UnitsUsed.ToArray());
        Assert.Equal(23, fa.UnitsUsed.Length);
        for (var v = 0; v < 8; v++)
        {
            Assert.Equal(Bits(direct.Uniquenesses[v]), Bits(fa.Uniquenesses[v]));
            for (var f = 0; f < 4; f++)
            {
                Assert.Equal(Bits(direct.Loadings[v][f]), Bits(fa.Loadings[v][f]));
            }
        }

        Assert.Equal(Bits(direct.Objective), Bits(fa.Objective));
        Assert.Equal(Bits(direct.PValue), Bits(fa.PValue));
        Assert.Equal(direct.Iterations, fa.Iterations);
        Assert.Equal(2, fa.DegreesOfFreedom); // ((8 − 4)² − 12)/2
        Assert.Equal(direct.HeywoodCases.ToArray(), fa.HeywoodCases.ToArray());
    }

    [Fact]
    public void Run_GroupWithTwoChildren_ReportsNotEnoughChildrenForMlInsteadOfThrowing()
    {
        var result = CompiledIndex.Compile(Toy()).Evaluate(Data());

        var audit = IndexAudit.Run(result);

        var p2 = audit.FactorAnalyses.Single(g => g.GroupId == "p2");
        Assert.Null(p2.Result);
        Assert.StartsWith("not enough children for ML", p2.Reason, StringComparison.Ordinal);
        Assert.Equal(["d", "e"], p2.Variables.ToArray());
        var p1 = audit.FactorAnalyses.Single(g => g.GroupId == "p1");
        Assert.Null(p1.Reason);
        Assert.Equal(1, p1.Result!.Factors); // 3 indicators identify one factor at most (0 degrees of freedom)
        Assert.Equal(0, p1.Result.DegreesOfFreedom);
        Assert.DoesNotContain(audit.FactorAnalyses, g => g.GroupId == "root"); // no direct indicators
    }

    [Fact]
    public void Run_GroupWithCollinearIndicators_ReportsNotPositiveDefiniteInsteadOfThrowing()
    {
        var b = new PanelBuilder();
        for (var u = 0; u < 8; u++)
        {
            b.AddValue("a", $"u{u}", "2024", u).AddValue("b", $"u{u}", "2024", (u * 7) % 5).AddValue("c", $"u{u}", "2024", u + ((u * 7) % 5))
             .AddValue("d", $"u{u}", "2024", u * u).AddValue("e", $"u{u}", "2024", (u * 3) % 4);
        }

        var result = CompiledIndex.Compile(Toy()).Evaluate(b.Build());

        var audit = IndexAudit.Run(result);

        var p1 = audit.FactorAnalyses.Single(g => g.GroupId == "p1");
        Assert.Null(p1.Result);
        Assert.Contains("not positive definite", p1.Reason, StringComparison.Ordinal); // c = a + b
    }

    private static IndexDefinition Toy() => IndexBuilder.Create("t", "T")
        .Indicator("a").Indicator("b").Indicator("c").Indicator("d").Indicator("e")
        .Group("p1", g => g.Add("a").Add("b").Add("c"))
        .Group("p2", g => g.Add("d").Add("e"))
        .Group("root", g => g.Add("p1").Add("p2"))
        .Normalize(Normalization.ZScore())
        .Build();

    private static Panel Data()
    {
        var b = new PanelBuilder();
        double[][] rows = [[1, 2, 1.5, 4, 3], [2, 3, 2.9, 1, 4], [3, 2.5, 3.2, 2, 2], [4, 5, 3.8, 5, 1], [5, 4.5, 5.5, 3, 5], [6, 6.5, 5.1, 6, 7], [7, 6, 7.4, 8, 6], [8, 8.5, 7.7, 7, 8]];
        string[] ids = ["a", "b", "c", "d", "e"];
        for (var u = 0; u < rows.Length; u++)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                b.AddValue(ids[i], $"u{u}", "2024", rows[u][i]);
            }
        }

        return b.Build();
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
