using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.WeightingMethods;

/// <summary>
/// Golden tests against the OECD/JRC Handbook (2008) TAI example: Table 7 (eigenvalues), Table 9 (varimax-rotated
/// loadings of four principal-component factors), Table 17 (squared loadings) and Table 18 (PC and ML factor weights;
/// Table 10, the ML loadings, is in TaiHandbookGoldenTests).
/// Tolerances reflect the Handbook's 2-dp log telephones/electricity in Table A.2 (README of method-examples/tai).
/// </summary>
public class FactorAnalysisWeightingTests
{
    private static readonly string[] HandbookNames = ["Patents", "Royalties", "Internet", "Tech exports", "Telephones", "Electricity", "Schooling", "University"];

    private static WeightingReport FitTai(FactorAnalysisWeighting? method = null)
    {
        var (panel, _) = TaiData.Load("tai");
        var result = CompiledIndex.Compile(TaiData.Definition(method ?? Weighting.FactorAnalysis())).Evaluate(panel);
        return result.Weights.Single(r => r.GroupId == "TAI");
    }

    private static List<string[]> Csv(string file) =>
        [.. File.ReadAllLines(SharedData.PathOf("method-examples", "tai", file)).Skip(1).Where(l => l.Length > 0).Select(TaiData.SplitCsv)];

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [SharedDataFact("method-examples")]
    public void Eigenvalues_Tai_MatchHandbookTable7Within0_06()
    {
        var report = FitTai();
        var eig = report.Diagnostics.Where(d => d.Name == "eigenvalue").Select(d => d.Value).ToArray();
        var rows = Csv("table07_eigenvalues.csv");
        Assert.Equal(8, eig.Length);
        for (var i = 0; i < 8; i++)
        {
            // Published at 1 dp, sometimes truncated rather than rounded (3.354 -> 3.3, 1.746 -> 1.7): ±0.06.
            Assert.InRange(eig[i], Num(rows[i][1]) - 0.06, Num(rows[i][1]) + 0.06);
            Assert.InRange(100 * eig[i] / 8, Num(rows[i][2]) - 0.15, Num(rows[i][2]) + 0.15);    // % at 1 dp (+ 2-dp log inputs)
        }
    }

    [SharedDataFact("method-examples")]
    public void RetainedFactors_HandbookCriteria_AreFourAsInTable9()
    {
        var report = FitTai();
        Assert.Equal(4, report.Diagnostics.Single(d => d.Name == "retainedFactors").Value);
    }

    [SharedDataFact("method-examples")]
    public void RotatedLoadings_Tai_MatchHandbookTable9Within0_015UpToFactorOrderAndSign()
    {
        var report = FitTai();
        var rows = Csv("table09_rotated_loadings_pc_varimax.csv");
        var ours = new double[8, 4];
        foreach (var d in report.Diagnostics.Where(d => d.Name == "loading"))
        {
            ours[Array.IndexOf(TaiData.Indicators, d.ChildId), int.Parse(d.Qualifier!["factor".Length..], CultureInfo.InvariantCulture) - 1] = d.Value;
        }

        // Match each published factor to our factor with the closest loading column (order and sign are arbitrary).
        var used = new HashSet<int>();
        for (var f = 0; f < 4; f++)
        {
            var published = Enumerable.Range(0, 8).Select(q => Num(rows[q][f + 1])).ToArray();
            var (best, sign, dist) = Enumerable.Range(0, 4).Where(g => !used.Contains(g))
                .SelectMany(g => new[] { 1.0, -1.0 }.Select(s => (g, s, Enumerable.Range(0, 8).Max(q => Math.Abs((s * ours[q, g]) - published[q])))))
                .MinBy(x => x.Item3);
            used.Add(best);
            Assert.True(dist <= 0.015, $"factor {f + 1}: max |loading difference| {dist:0.0000}");

            // Explained variance (row "Explained variance", 2 dp): sum of 8 squared loadings, so ±0.03.
            var ev = Enumerable.Range(0, 8).Sum(q => ours[q, best] * ours[q, best]);
            Assert.InRange(ev, Num(rows[8][f + 1]) - 0.03, Num(rows[8][f + 1]) + 0.03);
        }
    }

    [SharedDataFact("method-examples")]
    public void Weights_Tai_MatchHandbookTable18PcWithin0_01ExceptTechExports()
    {
        var report = FitTai();
        var rows = Csv("table18_fa_weights_ml_pc.csv");
        for (var q = 0; q < 8; q++)
        {
            Assert.Equal(HandbookNames[q], rows[q][0]);
            if (HandbookNames[q] == "Tech exports")
            {
                // The Handbook prints 0.07, but its own Table 17 gives 0.23 x 0.20 / 0.795 = 0.058 (README of
                // method-examples/tai); checked against Table 17 in Weights_Tai_MatchWeightsImpliedByHandbookTable17Within0_01.
                continue;
            }

            Assert.InRange(report.Weights[q], Num(rows[q][2]) - 0.01 - 1e-9, Num(rows[q][2]) + 0.01 + 1e-9);
        }
    }

    [SharedDataFact("method-examples")]
    public void Weights_Tai_MatchWeightsImpliedByHandbookTable17Within0_01()
    {
        // Handbook procedure applied by hand to the published Table 17: largest scaled squared loading per indicator
        // times Expl./Tot of its factor, rescaled to sum 1.
        var rows = Csv("table17_pc_factor_weights.csv");
        var explTot = Enumerable.Range(0, 4).Select(f => Num(rows[9][f + 1])).ToArray();
        var raw = new double[8];
        for (var q = 0; q < 8; q++)
        {
            var sq = Enumerable.Range(0, 4).Select(f => Num(rows[q][f + 5])).ToArray();
            var f = Array.IndexOf(sq, sq.Max());
            raw[q] = sq[f] * explTot[f];
        }

        var report = FitTai();
        for (var q = 0; q < 8; q++)
        {
            Assert.InRange(report.Weights[q], (raw[q] / raw.Sum()) - 0.01, (raw[q] / raw.Sum()) + 0.01);
        }
    }

    [SharedDataFact("method-examples")]
    public void Weights_NormalizationIsLinear_DoNotChange()
    {
        var (panel, _) = TaiData.Load("tai");
        var a = CompiledIndex.Compile(TaiData.Definition(Weighting.FactorAnalysis())).Evaluate(panel).Weights.Single(r => r.GroupId == "TAI");
        var b = CompiledIndex.Compile(TaiData.Definition(Weighting.FactorAnalysis(), normalization: Normalization.ZScore())).Evaluate(panel).Weights.Single(r => r.GroupId == "TAI");
        for (var q = 0; q < 8; q++)
        {
            Assert.Equal(a.Weights[q], b.Weights[q], 10);
        }
    }

    [Fact]
    public void ComputeWeights_TwoPerfectlyCorrelatedChildrenOneFactor_EqualWeights()
    {
        var ctx = new WeightingContext("g", ["a", "b"], [1, 1], new ArithmeticAggregation(), [1, 2, 3, 4, 2, 4, 6, 8], 4);
        var outcome = new FactorAnalysisWeighting { Factors = 1 }.ComputeWeights(ctx);
        Assert.Equal(0.5, outcome.Weights[0], 12);
        Assert.Equal(0.5, outcome.Weights[1], 12);
    }

    [Fact]
    public void ComputeWeights_ConstantChild_ThrowsNumericalExceptionNamingGroup()
    {
        var ctx = new WeightingContext("g", ["a", "b"], [1, 1], new ArithmeticAggregation(), [1, 2, 3, 4, 5, 5, 5, 5], 4);
        var ex = Assert.Throws<NumericalException>(() => new FactorAnalysisWeighting().ComputeWeights(ctx));
        Assert.Equal("g", ex.NodeId);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyFactors_ReportsPath()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Weight(new FactorAnalysisWeighting { Factors = 3 }));
        var ex = Assert.Throws<IndexDefinitionException>(() => def.Build());
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.factors");
    }

    /// <summary>
    /// Child-major data (<c>data[c * rows + r]</c>) whose sample correlation matrix is exactly <c>R = ΛΛᵀ + Ψ</c> of a
    /// one-factor model: centred columns made orthonormal (QR), times the Cholesky factor of R.
    /// </summary>
    internal static double[] ExactOneFactorData(double[] lambda, int rows)
    {
        var p = lambda.Length;
        var r = Matrix<double>.Build.Dense(p, p, (i, j) => i == j ? 1 : lambda[i] * lambda[j]);
        var z = Matrix<double>.Build.Dense(rows, p, (i, j) => Math.Sin((i + 1) * (j + 2.3)) + (0.1 * i * (j + 1)));
        for (var j = 0; j < p; j++)
        {
            var mean = z.Column(j).Average();
            z.SetColumn(j, z.Column(j) - mean);
        }

        var x = z.QR().Q.SubMatrix(0, rows, 0, p) * r.Cholesky().Factor.Transpose();
        var data = new double[rows * p];
        for (var c = 0; c < p; c++)
        {
            for (var i = 0; i < rows; i++)
            {
                data[(c * rows) + i] = 10 + x[i, c];
            }
        }

        return data;
    }

    private static WeightingContext Context(int children, double[] data, int rows) =>
        new("g", [.. Enumerable.Range(0, children).Select(i => ((char)('a' + i)).ToString())], [.. Enumerable.Repeat(1.0, children)], new ArithmeticAggregation(), data, rows);

    private static readonly FactorAnalysisWeighting Ml = Weighting.FactorAnalysis(extraction: FactorExtraction.MaximumLikelihood);

    [Fact]
    public void ComputeWeights_MlExactOneFactorModel_WeightsAreSquaredLoadingsOverTheirSumWithin1e6()
    {
        // One factor: every child is on it, so w_q = λ_q² / Σλ² (hand calculation: 0.81, 0.64, 0.49, 0.36, 0.25 / 2.55).
        double[] lambda = [0.9, 0.8, 0.7, 0.6, 0.5];
        var outcome = (Ml with { Factors = 1 }).ComputeWeights(Context(5, ExactOneFactorData(lambda, 12), 12));
        for (var q = 0; q < 5; q++)
        {
            Assert.Equal(lambda[q] * lambda[q] / 2.55, outcome.Weights[q], 6);
            Assert.Equal(1 - (lambda[q] * lambda[q]), outcome.Diagnostics.Single(d => d.Name == "uniqueness" && d.ChildId == ((char)('a' + q)).ToString()).Value, 6);
        }

        Assert.Equal(5, outcome.Diagnostics.Single(d => d.Name == "degreesOfFreedom").Value);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Name == "heywood");
        Assert.Contains("maximum-likelihood", outcome.Derivation, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeWeights_MlRetainedFactorsBeyondDegreesOfFreedom_ThrowsNumericalExceptionNamingGroup()
    {
        // MinCumulativeShare = 1 retains all 4 factors of 4 children: ((4 − 4)² − 8)/2 = −4 degrees of freedom.
        var ctx = Context(4, ExactOneFactorData([0.9, 0.8, 0.7, 0.6], 10), 10);
        var ex = Assert.Throws<NumericalException>(() => (Ml with { MinCumulativeShare = 1 }).ComputeWeights(ctx));
        Assert.Equal("g", ex.NodeId);
        Assert.Contains("degrees of freedom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeWeights_MlFewerObservationsThanChildren_ThrowsNumericalExceptionNamingGroup()
    {
        // Three complete observations of four children: the correlation matrix has rank ≤ 2, not positive definite.
        var ctx = Context(4, [1, 2, 4, 3, 1, 2, 2, 2, 5, 7, 1, 0], 3);
        var ex = Assert.Throws<NumericalException>(() => (Ml with { Factors = 1 }).ComputeWeights(ctx));
        Assert.Equal("g", ex.NodeId);
        Assert.Contains("positive-definite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeWeights_MlConstantChild_ThrowsNumericalExceptionNamingGroupAndChild()
    {
        var ctx = Context(3, [1, 2, 3, 4, 5, 5, 5, 5, 2, 1, 4, 3], 4);
        var ex = Assert.Throws<NumericalException>(() => (Ml with { Factors = 1 }).ComputeWeights(ctx));
        Assert.Equal("g", ex.NodeId);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MlTooManyFactorsForDegreesOfFreedom_ReportsFactorsPath()
    {
        // 8 children: 4 factors leave 2 degrees of freedom, 5 leave −2.
        var ids = Enumerable.Range(0, 8).Select(i => $"i{i}").ToArray();
        var b = IndexBuilder.Create("t", "T").Normalize(Normalization.MinMax());
        foreach (var id in ids)
        {
            b.Indicator(id);
        }

        var def = b.Group("root", g => g.Add(ids).Weight(Ml with { Factors = 5 }));
        var ex = Assert.Throws<IndexDefinitionException>(() => def.Build());
        var error = Assert.Single(ex.Report.Errors);
        Assert.Equal("$.groups[0].weighting.factors", error.Path);
        Assert.Contains("at most 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MlTwoChildren_ReportsExtractionPath()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Weight(Ml));
        var ex = Assert.Throws<IndexDefinitionException>(() => def.Build());
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.extraction" && e.Message.Contains("'root'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Validate_MinUniquenessOutsideOpenUnitInterval_ReportsPath(double value)
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Indicator("c").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b", "c").Weight(Ml with { MinUniqueness = value }));
        var ex = Assert.Throws<IndexDefinitionException>(() => def.Build());
        Assert.Contains(ex.Report.Errors, e => e.Path == "$.groups[0].weighting.minUniqueness");
    }

    [SharedDataFact("method-examples")]
    public void MlWeights_Tai_RecordHeywoodCasesRoyaltiesAndSchoolingAndFourFactors()
    {
        var report = FitTai(Ml);
        Assert.Equal(4, report.Diagnostics.Single(d => d.Name == "retainedFactors").Value);
        Assert.Equal(["ROYALTIES", "SCHOOLING"], report.Diagnostics.Where(d => d.Name == "heywood").Select(d => d.ChildId!).ToArray());
        Assert.Equal(2, report.Diagnostics.Single(d => d.Name == "degreesOfFreedom").Value);
    }

    [SharedDataFact("method-examples")]
    public void MlWeights_Tai_MatchWeightsImpliedByHandbookTable10Within0_01()
    {
        // The Handbook procedure applied by hand to the published ML loadings of Table 10: each indicator on the factor
        // with the largest L²/ExplVar, weight L² / ΣExplVar, rescaled to sum 1
        // (0.172, 0.204, 0.080, 0.075, 0.118, 0.118, 0.200, 0.034).
        var rows = Csv("table10_rotated_loadings_ml_varimax.csv");
        var ev = Enumerable.Range(0, 4).Select(f => Num(rows[8][f + 1])).ToArray();
        var raw = new double[8];
        for (var q = 0; q < 8; q++)
        {
            var l = Enumerable.Range(0, 4).Select(f => Num(rows[q][f + 1])).ToArray();
            var f = Enumerable.Range(0, 4).MaxBy(g => l[g] * l[g] / ev[g]);
            raw[q] = l[f] * l[f];
        }

        var report = FitTai(Ml);
        for (var q = 0; q < 8; q++)
        {
            Assert.InRange(report.Weights[q], (raw[q] / raw.Sum()) - 0.01, (raw[q] / raw.Sum()) + 0.01);
        }
    }

    [SharedDataFact("method-examples")]
    public void MlWeights_Tai_MatchHandbookTable18MlWithin0_016ExceptPatents0_03AndTelephones0_04()
    {
        // Ours: 0.164, 0.204, 0.085, 0.077, 0.112, 0.121, 0.205, 0.033; published: 0.19, 0.20, 0.07, 0.07, 0.15, 0.11,
        // 0.19, 0.02. The published ML column is not what the procedure gives from the Handbook's own Table 10 either
        // (Telephones 0.118, Patents 0.172; previous test), so Table 18 was computed from different ML loadings. Tried:
        // 1–4 factors, raw or no rotation: none closer. Observed (not asserted): with telephones and electricity
        // un-logged (10^value) and the Heywood uniquenesses held at Table 10's (ROYALTIES 0.01, SCHOOLING 0.05), the
        // procedure gives 0.185, 0.204, 0.070, 0.067, 0.141, 0.115, 0.196, 0.020, all eight within 0.01 of Table 18,
        // but those loadings then no longer match Table 10 (TELEPHONES communality 0.85 vs 0.75).
        var report = FitTai(Ml);
        var rows = Csv("table18_fa_weights_ml_pc.csv");
        for (var q = 0; q < 8; q++)
        {
            Assert.Equal(HandbookNames[q], rows[q][0]);
            var tolerance = HandbookNames[q] switch { "Patents" => 0.03, "Telephones" => 0.04, _ => 0.016 };
            Assert.True(Math.Abs(report.Weights[q] - Num(rows[q][1])) <= tolerance, $"{HandbookNames[q]}: {report.Weights[q]:0.0000} vs {rows[q][1]}");
        }
    }
}
