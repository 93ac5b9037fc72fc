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

    [Fact]
    public void FactorAnalysis_FactanalHelpExample_MatchesRsPrintedOutputAt3Dp()
    {
        // The example of R's stats::factanal help page (data v1–v6, 18 cases; also Adler, "R in a Nutshell", p. 370):
        // factanal(m1, factors = 3) prints uniquenesses 0.005 0.101 0.005 0.224 0.084 0.005 (three Heywood cases at
        // factanal's bound 0.005), varimax loadings (below), SS loadings 1.893 1.886 1.797, 0 degrees of freedom and
        // "the fit was 0.4755" (the objective F). Compared at the printed precision, up to factor order and sign. The
        // loadings need factanal's varimax tolerance (eps = 1e-5): rotated to full convergence they differ by up to 0.001.
        double[][] columns =
        [
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 4, 5, 6],
            [1, 2, 1, 1, 1, 1, 2, 1, 2, 1, 3, 4, 3, 3, 3, 4, 6, 5],
            [3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 4, 6],
            [3, 3, 4, 3, 3, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 5, 6, 4],
            [1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 6, 4, 5],
            [1, 1, 1, 2, 1, 3, 3, 3, 4, 3, 1, 1, 1, 2, 1, 6, 5, 4],
        ];
        double[,] loadings = { { 0.944, 0.182, 0.267 }, { 0.905, 0.235, 0.159 }, { 0.236, 0.210, 0.946 }, { 0.180, 0.242, 0.828 }, { 0.242, 0.881, 0.286 }, { 0.193, 0.959, 0.196 } };
        double[] uniquenesses = [0.005, 0.101, 0.005, 0.224, 0.084, 0.005];
        double[] ssLoadings = [1.893, 1.886, 1.797];
        string[] names = ["v1", "v2", "v3", "v4", "v5", "v6"];
        var data = AuditData.Create(Enumerable.Range(1, 18).Select(i => $"c{i}"), names.Select((n, i) => KeyValuePair.Create(n, columns[i])));

        var fa = IndexAudit.FactorAnalysis(data, names, 3);

        Assert.Equal(0, fa.DegreesOfFreedom);
        Assert.Equal(0.4755, fa.Objective, 0.00005 + 1e-9);
        Assert.Equal(["v1", "v3", "v6"], fa.HeywoodCases.ToArray());
        for (var v = 0; v < 6; v++)
        {
            Assert.Equal(uniquenesses[v], fa.Uniquenesses[v], 0.0005 + 1e-9);
        }

        var used = new HashSet<int>();
        for (var f = 0; f < 3; f++)
        {
            var (best, sign, dist) = Enumerable.Range(0, 3).Where(g => !used.Contains(g))
                .SelectMany(g => new[] { 1.0, -1.0 }.Select(sg => (g, sg, Enumerable.Range(0, 6).Max(v => Math.Abs((sg * fa.Loadings[v][g]) - loadings[v, f])))))
                .MinBy(x => x.Item3);
            used.Add(best);
            Assert.True(dist <= 0.0005 + 1e-9, $"factor {f + 1}: max |difference| {dist:0.00000}");
            Assert.Equal(ssLoadings[f], fa.ExplainedVariance[best], 0.0005 + 1e-9);
        }
    }
}
