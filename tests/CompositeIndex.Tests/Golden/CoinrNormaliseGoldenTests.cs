using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// Every file of COINr 1.1.14's <c>expected/normalise/</c> (ASEM example, 51 units × 49 indicators) reproduced cell by
/// cell to 1e-9 (relative to max(1, |value|); ranks and Borda scores exactly). Where COINr returns Inf/NaN for a whole column (a zero denominator) our
/// method throws a typed <see cref="NumericalException"/> instead; those columns are counted separately.
/// </summary>
public class CoinrNormaliseGoldenTests
{
    private const double Tol = 1e-9;

    public static TheoryData<string> Files => new()
    {
        "raw_minmax_0_100.csv", "treated_minmax_0_100.csv", "treated_minmax_1_100.csv", "treated_qNormalise_default.csv",
        "treated_zscore_0_1.csv", "treated_zscore_10_2.csv", "treated_qNormalise_zscore_10_2.csv",
        "treated_rank.csv", "treated_prank.csv", "treated_borda.csv", "treated_dist2max.csv", "treated_fracmax.csv",
        "treated_dist2targ_iMeta.csv", "raw_dist2targ_iMeta.csv", "raw_goalposts_iMeta.csv",
    };

    [SharedDataTheory(AsemGolden.Folder)]
    [MemberData(nameof(Files))]
    public void Normalise_AsemFile_MatchesCoinrTo1e9(string file)
    {
        var input = file.StartsWith("raw_", StringComparison.Ordinal) ? "01_raw.csv" : "05_treated.csv";
        var panel = AsemGolden.Panel(["expected", "pipeline", input]);
        var expected = AsemGolden.Read("expected", "normalise", file);
        var goalposts = file == "raw_goalposts_iMeta.csv" ? GoalpostMetadata() : null;
        var compared = 0;
        var thrownColumns = 0;
        var nonFiniteColumns = 0;
        var indicators = AsemGolden.Indicators();
        Assert.Equal(49, indicators.Length);

        // Ranks and Borda scores are integers: compared exactly.
        var tolerance = file is "treated_rank.csv" or "treated_borda.csv" ? 0 : Tol;
        foreach (var m in indicators)
        {
            var column = expected.Column(m.Code).Select(AsemGolden.Number).ToArray();
            Assert.Equal(panel.Units.Length, column.Length);
            var inputValues = panel.GetValues(panel.IndexOfIndicator(m.Code), 0).ToArray();
            var coinrNonFinite = column.Where((v, k) => !double.IsNaN(inputValues[k]) && !double.IsFinite(v)).Any();
            if (coinrNonFinite)
            {
                nonFiniteColumns++;
            }

            var method = MethodFor(file, m);
            var polarity = m.Direction < 0 ? Polarity.Negative : Polarity.Positive;
            double[] actual;
            try
            {
                actual = AsemGolden.NormalizeColumn(method, panel, m.Code, polarity, goalposts?[m.Code]);
            }
            catch (NumericalException)
            {
                Assert.True(coinrNonFinite, $"{file} {m.Code}: we threw but COINr has finite values.");
                thrownColumns++;
                continue;
            }

            for (var u = 0; u < column.Length; u++)
            {
                var e = double.IsNaN(inputValues[u]) ? double.NaN : column[u];
                Assert.True(!double.IsNaN(inputValues[u]) || double.IsNaN(column[u]), $"{file} {m.Code} {panel.Units[u]}: COINr has a value for a missing input.");
                AsemGolden.Near(e, actual[u], tolerance, $"{file} {m.Code} {panel.Units[u]}");
                compared++;
            }
        }

        Assert.Equal(nonFiniteColumns, thrownColumns);
        Assert.Equal(51 * 49, compared + (51 * thrownColumns));
        Assert.Equal(file == "treated_fracmax.csv" ? 3 : 0, thrownColumns); // fracmax: CostImpEx, Tariff, Poverty have minimum 0 (COINr: Inf/NaN)
        GoldenLedger.Compared($"normalise/{file}", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void GoalpostsIMeta_Recipe_MatchesCoinrGoalpostColumns()
    {
        // The normalisation vignette's recipe: goalposts at min + 5 % and max − 5 % of each Raw indicator's range.
        var expected = AsemGolden.Read("expected", "normalise", "goalposts_iMeta.csv");
        var computed = GoalpostMetadata();
        var compared = 0;
        foreach (var row in expected.Rows.Where(r => r[expected.Col("Type")] == "Indicator"))
        {
            var code = row[expected.Col("iCode")];
            AsemGolden.Near(AsemGolden.Number(row[expected.Col("goalpost_lower")]), double.Parse(computed[code]["goalpostLower"], CultureInfo.InvariantCulture), 1e-12, code);
            AsemGolden.Near(AsemGolden.Number(row[expected.Col("goalpost_upper")]), double.Parse(computed[code]["goalpostUpper"], CultureInfo.InvariantCulture), 1e-12, code);
            Assert.Equal(computed[code]["goalpostScale"], row[expected.Col("goalpost_scale")]);
            Assert.Equal(computed[code]["goalpostTruncate"], row[expected.Col("goalpost_trunc2posts")]);
            compared += 4;
        }

        Assert.Equal(49 * 4, compared);
        GoldenLedger.Compared("normalise/goalposts_iMeta.csv", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void Evaluate_TreatedMinMaxThroughEngine_MatchesCoinrIndicatorScores()
    {
        var panel = AsemGolden.Panel(["expected", "pipeline", "05_treated.csv"]);
        var result = CompiledIndex.Compile(AsemGolden.Definition(Normalization.MinMax(0, 100))).Evaluate(panel);
        var expected = AsemGolden.Read("expected", "normalise", "treated_minmax_0_100.csv");
        var compared = 0;
        foreach (var m in AsemGolden.Indicators())
        {
            var scores = result.GetScores(m.Code, AsemGolden.Period).ToArray();
            var column = expected.Column(m.Code).Select(AsemGolden.Number).ToArray();
            for (var u = 0; u < column.Length; u++)
            {
                AsemGolden.Near(column[u], scores[u], Tol, $"{m.Code} {panel.Units[u]}");
                compared++;
            }
        }

        Assert.Equal(2499, compared);
        GoldenLedger.Compared("normalise/treated_minmax_0_100.csv", compared);
    }

    private static NormalizationMethod MethodFor(string file, AsemGolden.Meta m) => file switch
    {
        "raw_minmax_0_100.csv" or "treated_minmax_0_100.csv" or "treated_qNormalise_default.csv" => Normalization.MinMax(0, 100),
        "treated_minmax_1_100.csv" => Normalization.MinMax(1, 100),
        "treated_zscore_0_1.csv" => Normalization.ZScore(0, 1),
        "treated_zscore_10_2.csv" or "treated_qNormalise_zscore_10_2.csv" => Normalization.ZScore(10, 2),
        "treated_rank.csv" => Normalization.Rank(),
        "treated_prank.csv" => Normalization.PercentileRank(scale: 1),
        "treated_borda.csv" => Normalization.Borda(),
        "treated_dist2max.csv" => Normalization.DistanceToMax(),
        "treated_fracmax.csv" => Normalization.FractionOfMax(inversion: FractionOfMaxInversion.CoinrNegate),
        "treated_dist2targ_iMeta.csv" or "raw_dist2targ_iMeta.csv" => Normalization.DistanceToTarget(m.Target, capAtTarget: false),
        "raw_goalposts_iMeta.csv" => Normalization.GoalpostsFromMetadata(),
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };

    /// <summary>The vignette's goalposts as indicator metadata strings (round-trip format), from the Raw data.</summary>
    private static Dictionary<string, ImmutableSortedDictionary<string, string>> GoalpostMetadata()
    {
        var raw = AsemGolden.Read("ASEM_iData.csv");
        var result = new Dictionary<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var m in AsemGolden.Indicators())
        {
            var values = raw.Column(m.Code).Where(s => !AsemGolden.IsNa(s)).Select(AsemGolden.Number).ToArray();
            var max = values.Max();
            var min = values.Min();
            var rx = max - min;
            result[m.Code] = ImmutableSortedDictionary<string, string>.Empty
                .Add("goalpostLower", (min + (0.05 * rx)).ToString("R", CultureInfo.InvariantCulture))
                .Add("goalpostUpper", (max - (0.05 * rx)).ToString("R", CultureInfo.InvariantCulture))
                .Add("goalpostScale", "1")
                .Add("goalpostTruncate", "TRUE");
        }

        return result;
    }
}
