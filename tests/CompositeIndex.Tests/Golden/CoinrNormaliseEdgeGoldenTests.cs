using System.Globalization;
using CompositeIndex.Tests.Methods;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// The normalisation rows of COINr's <c>expected/edge/function_edge_cases.csv</c> (n_rank, n_prank, n_borda,
/// n_goalposts, constant-column n_minmax), each reproduced to 1e-12 (NA = NaN); every case asserts its row count.
/// </summary>
public class CoinrNormaliseEdgeGoldenTests
{
    private const double Nan = double.NaN;

    public static TheoryData<string> Cases => new()
    {
        "n_rank(c(5,1,5,NA,2))",
        "n_prank(c(5,1,5,NA,2))",
        "n_borda(c(5,1,5,NA,2))",
        "n_goalposts(c(0,5,10,15),c(2,12,1),1,TRUE)",
        "n_goalposts(c(0,5,10,15),c(2,12,1),direction=-1,TRUE) [direct call]",
    };

    [SharedDataTheory(AsemGolden.Folder)]
    [MemberData(nameof(Cases))]
    public void Normalise_EdgeCase_MatchesCoinr(string caseName)
    {
        var (method, polarity, x) = caseName switch
        {
            "n_rank(c(5,1,5,NA,2))" => ((NormalizationMethod)Normalization.Rank(), Polarity.Positive, new[] { 5, 1, 5, Nan, 2 }),
            "n_prank(c(5,1,5,NA,2))" => (Normalization.PercentileRank(1), Polarity.Positive, [5, 1, 5, Nan, 2]),
            "n_borda(c(5,1,5,NA,2))" => (Normalization.Borda(), Polarity.Positive, [5, 1, 5, Nan, 2]),
            "n_goalposts(c(0,5,10,15),c(2,12,1),1,TRUE)" => (Normalization.Goalposts(2, 12), Polarity.Positive, [0, 5, 10, 15]),
            _ => (Normalization.Goalposts(2, 12), Polarity.Negative, [0, 5, 10, 15]),
        };
        var expected = Expected(caseName);
        var actual = NormalizationTestKit.One(method, polarity, x);
        Assert.Equal(x.Length, expected.Length);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            AsemGolden.Near(expected[i], actual[i], 1e-12, $"{caseName}[{i + 1}]");
        }

        GoldenLedger.Compared($"edge/function_edge_cases.csv#{caseName}", expected.Length);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void MinMax_ConstantColumnWhenConstantMissing_GivesCoinrNaN()
    {
        // COINr's n_minmax(c(3,3,3)) computes 0/0 = NaN for every unit (quirk N2); our default throws, and
        // WhenConstant = Missing reproduces COINr.
        const string caseName = "n_minmax(c(3,3,3))";
        var expected = Expected(caseName);
        Assert.Equal(3, expected.Length);
        var actual = NormalizationTestKit.One(Normalization.MinMax(0, 100) with { WhenConstant = ConstantReferenceBehavior.Missing }, Polarity.Positive, 3, 3, 3);
        for (var i = 0; i < expected.Length; i++)
        {
            AsemGolden.Near(expected[i], actual[i], 1e-12, $"{caseName}[{i + 1}]");
        }

        GoldenLedger.Compared($"edge/function_edge_cases.csv#{caseName}", expected.Length);
        var ex = Assert.Throws<NumericalException>(() => NormalizationTestKit.One(Normalization.MinMax(0, 100), Polarity.Positive, 3, 3, 3));
        Assert.Contains("non-zero range", ex.Message, StringComparison.Ordinal);
    }

    private static double[] Expected(string caseName)
    {
        var t = AsemGolden.Read("expected", "edge", "function_edge_cases.csv");
        return [.. t.Rows.Where(r => r[0] == caseName).OrderBy(r => int.Parse(r[1], CultureInfo.InvariantCulture)).Select(r => AsemGolden.Number(r[2]))];
    }
}
