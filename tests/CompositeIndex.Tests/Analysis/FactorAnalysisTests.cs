using CompositeIndex.Analysis;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.Analysis;

/// <summary>
/// <see cref="IndexAudit.FactorAnalysis"/> on data whose correlation matrix is exactly a one-factor model
/// (R = λλᵀ + Ψ), where maximum likelihood must return λ and Ψ; principal components against the PCA; bad inputs.
/// The Handbook's Table 10 is checked in TaiHandbookGoldenTests.
/// </summary>
public class FactorAnalysisTests
{
    private static readonly double[] Lambda = [0.9, 0.8, 0.7, 0.6, 0.5];

    private static AuditData Exact(int rows = 12)
    {
        var data = FactorAnalysisWeightingTests.ExactOneFactorData(Lambda, rows);
        return AuditData.Create(
            Enumerable.Range(0, rows).Select(i => $"u{i}"),
            Enumerable.Range(0, Lambda.Length).Select(c => KeyValuePair.Create($"v{c}", data.AsSpan(c * rows, rows).ToArray())));
    }

    private static readonly string[] Variables = ["v0", "v1", "v2", "v3", "v4"];

    [Fact]
    public void FactorAnalysis_ExactOneFactorModel_ReturnsLoadingsUniquenessesAndZeroObjectiveWithin1e6()
    {
        var fa = IndexAudit.FactorAnalysis(Exact(), Variables, 1, groupId: "g");
        Assert.Equal("g", fa.GroupId);
        Assert.Equal(1, fa.Factors);
        Assert.Equal(5, fa.DegreesOfFreedom);  // ((5 − 1)² − 6)/2
        Assert.Empty(fa.HeywoodCases);
        Assert.InRange(fa.Objective, -1e-12, 1e-10);
        for (var v = 0; v < 5; v++)
        {
            Assert.Equal(Lambda[v], fa.Loadings[v][0], 6);
            Assert.Equal(1 - (Lambda[v] * Lambda[v]), fa.Uniquenesses[v], 6);
            Assert.Equal(Lambda[v] * Lambda[v], fa.Communalities[v], 6);
        }

        Assert.Equal(2.55, fa.ExplainedVariance[0], 6);   // 0.81 + 0.64 + 0.49 + 0.36 + 0.25
        Assert.Equal(0.51, fa.ProportionOfVariance[0], 6);
        Assert.InRange(fa.Statistic, -1e-8, 1e-8);         // a perfect fit
        Assert.InRange(fa.PValue, 1 - 1e-8, 1);
    }

    [Fact]
    public void FactorAnalysis_PrincipalComponentsUnrotated_EqualsPcaLoadingsTimesSdWithin1e10()
    {
        var data = Exact();
        var fa = IndexAudit.FactorAnalysis(data, Variables, 2, FactorExtraction.PrincipalComponents, FactorRotation.None);
        var pca = IndexAudit.PrincipalComponents(data, Variables);
        for (var c = 0; c < 2; c++)
        {
            var sign = Math.Sign(fa.Loadings[0][c] * pca.Loadings[0][c]);
            for (var v = 0; v < 5; v++)
            {
                Assert.Equal(pca.Loadings[v][c] * pca.StandardDeviations[c], sign * fa.Loadings[v][c], 10);
                Assert.Equal(1 - fa.Communalities[v], fa.Uniquenesses[v], 12);
            }
        }

        Assert.True(double.IsNaN(fa.Objective));
        Assert.True(double.IsNaN(fa.Statistic));
    }

    [Fact]
    public void FactorAnalysis_TooManyFactorsForDegreesOfFreedom_ThrowsArgumentOutOfRange()
    {
        // 5 variables: 2 factors leave 1 degree of freedom, 3 leave −2.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => IndexAudit.FactorAnalysis(Exact(), Variables, 3));
        Assert.Contains("1 to 2 factor(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("factors", ex.ParamName);
    }

    [Fact]
    public void FactorAnalysis_ConstantVariable_ThrowsArgumentExceptionNamingIt()
    {
        var data = AuditData.Create(["1", "2", "3", "4", "5"], [
            KeyValuePair.Create("a", new[] { 1.0, 2, 3, 4, 6 }),
            KeyValuePair.Create("b", new[] { 2.0, 2, 2, 2, 2 }),
            KeyValuePair.Create("c", new[] { 1.0, 3, 2, 5, 4 })]);
        var ex = Assert.Throws<ArgumentException>(() => IndexAudit.FactorAnalysis(data, ["a", "b", "c"], 1));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactorAnalysis_TwoVariablesMaximumLikelihood_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => IndexAudit.FactorAnalysis(Exact(), ["v0", "v1"], 1));
}
