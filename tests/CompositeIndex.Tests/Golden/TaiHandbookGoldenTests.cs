using System.Globalization;
using CompositeIndex.Analysis;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// OECD/JRC Handbook (2008) TAI tables not covered elsewhere (Tables 6, 8, 11, 15, 22, 38 GME), recomputed from
/// Table A.2 (method-examples/tai/tai_raw_23.csv) with definitions and audit calls a user could write. Published
/// precision is 2–3 dp; where the Handbook's statistics depend on telephones/electricity, which Table A.2 gives as
/// 2-dp logs, the tolerance is widened as the README of method-examples/tai says. Already covered elsewhere: Tables 7,
/// 9, 17, 18 (FactorAnalysisWeightingTests), 19 and 23 BOD (BenefitOfTheDoubtAggregationTests), 35–37 (Kemeny).
/// </summary>
public class TaiHandbookGoldenTests
{
    // Handbook spellings of the indicators in Tables 6 and 8 → our ids.
    private static readonly Dictionary<string, string> Ids = new(StringComparer.Ordinal)
    {
        ["PATENTS"] = "PATENTS", ["ROYALTIES"] = "ROYALTIES", ["INTERNET"] = "INTERNET", ["EXPORTS"] = "EXPORTS",
        ["TELEPHONES"] = "TELEPHONES_LOG", ["ELECTRICITY"] = "ELECTRICITY_LOG", ["SCHOOLING"] = "SCHOOLING", ["UNIVERSITY"] = "UNIVERSITY",
    };

    private static List<string[]> Csv(string file) =>
        [.. File.ReadAllLines(SharedData.PathOf("method-examples", "tai", file)).Skip(1).Where(l => l.Length > 0).Select(TaiData.SplitCsv)];

    private static string[] Header(string file) => TaiData.SplitCsv(File.ReadLines(SharedData.PathOf("method-examples", "tai", file)).First());

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The country of <paramref name="countries"/> a Handbook row names ("Korea, Rep." = "Korea Rep. of", "UK" …).</summary>
    private static string Country(string[] countries, string name)
    {
        static string Key(string s) => new([.. s.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        var aliases = new Dictionary<string, string> { ["uk"] = "unitedkingdom", ["czechrep"] = "czechrepublic", ["usa"] = "unitedstates" };
        var key = aliases.GetValueOrDefault(Key(name), Key(name));
        return countries.Single(c => Key(c).StartsWith(key, StringComparison.Ordinal) || key.StartsWith(Key(c), StringComparison.Ordinal));
    }

    private static IndexResult Evaluate(WeightingMethod? weighting = null, NormalizationMethod? normalization = null, AggregationMethod? aggregation = null)
    {
        var (panel, _) = TaiData.Load("tai");
        return CompiledIndex.Compile(TaiData.Definition(weighting, aggregation, normalization)).Evaluate(panel);
    }

    [SharedDataFact("method-examples")]
    public void Correlations_Tai_MatchTable6Within0_01ExceptRoyaltiesTelephones0_03()
    {
        var (panel, _) = TaiData.Load("tai");
        var matrix = IndexAudit.Correlations(AuditData.FromPanel(panel, "2001"));
        var header = Header("table06_correlation.csv");
        var compared = 0;
        foreach (var row in Csv("table06_correlation.csv"))
        {
            for (var c = 1; c < header.Length; c++)
            {
                // README: ROYALTIES–TELEPHONES is published 0.56 but is 0.58 from the 2-dp logs of Table A.2.
                var pair = new[] { row[0], header[c] }.Order().ToArray();
                var tolerance = pair is ["ROYALTIES", "TELEPHONES"] ? 0.03 : 0.01;
                var ours = matrix[Ids[row[0]], Ids[header[c]]];
                Assert.True(Math.Abs(ours - Num(row[c])) <= tolerance + 1e-9, $"{row[0]}–{header[c]}: {ours:0.0000} vs {row[c]}");
                compared++;
            }
        }

        Assert.Equal(64, compared);
    }

    [SharedDataFact("method-examples")]
    public void ComponentLoadings_Tai_MatchTable8Within0_015UpToSignPerComponent()
    {
        var (panel, _) = TaiData.Load("tai");
        var pca = IndexAudit.PrincipalComponents(AuditData.FromPanel(panel, "2001"), TaiData.Indicators);
        var rows = Csv("table08_component_loadings.csv");
        var compared = 0;
        double worst = 0;
        for (var c = 0; c < 8; c++)
        {
            // Table 8 loadings = eigenvector × √eigenvalue; a component's sign is arbitrary.
            var ours = rows.Select(r => pca.Loadings[Array.IndexOf(TaiData.Indicators, Ids[r[0]])][c] * pca.StandardDeviations[c]).ToArray();
            var published = rows.Select(r => Num(r[c + 1])).ToArray();
            var sign = ours.Zip(published).Sum(x => x.First * x.Second) >= 0 ? 1 : -1;
            for (var v = 0; v < 8; v++)
            {
                worst = Math.Max(worst, Math.Abs((sign * ours[v]) - published[v]));
                compared++;
            }
        }

        Assert.True(worst <= 0.015, $"largest |difference| {worst:0.0000}");
        Assert.Equal(64, compared);
    }

    [SharedDataFact("method-examples")]
    public void CronbachAlpha_StandardisedTai_MatchesTable11AlphaIfDeletedWithin0_002AndItemTotalWithin0_006()
    {
        // Table 11 works on standardised data: z-score every indicator, then alpha of the z-scores (= standardised
        // alpha), alpha with one indicator left out, and the correlation of each indicator with the sum of the others.
        var result = Evaluate(normalization: Normalization.ZScore());
        var data = AuditData.FromResult(result, "2001", TaiData.Indicators);
        var rows = Csv("table11_cronbach_alpha_if_deleted.csv");
        var compared = 0;
        foreach (var row in rows.Where(r => Ids.ContainsKey(r[0])))
        {
            var others = TaiData.Indicators.Where(i => i != Ids[row[0]]).ToArray();
            var alpha = IndexAudit.CronbachAlpha(data, others);
            Assert.True(Math.Abs(alpha - Num(row[2])) <= 0.002, $"{row[0]}: alpha if deleted {alpha:0.0000} vs {row[2]}");
            var sum = Enumerable.Range(0, data.Units.Length).Select(j => others.Sum(o => data[o][j])).ToArray();
            var r = Statistics.Pearson(data[Ids[row[0]]], sum);
            Assert.True(Math.Abs(r - Num(row[1])) <= 0.006, $"{row[0]}: item-total {r:0.0000} vs {row[1]}");
            compared += 2;
        }

        var overall = rows.Single(r => r[0].StartsWith("ALL", StringComparison.Ordinal));
        Assert.Equal(Num(overall[2]), IndexAudit.CronbachAlpha(data, TaiData.Indicators), 2);   // 0.7035 → 0.70
        Assert.Equal(17, compared + 1);
    }

    [SharedDataFact("method-examples")]
    public void Normalizations_Schooling_MatchTable15NineColumnsAtPublishedPrecision()
    {
        // Nine of Table 15's eleven columns are library normalisations: rank (ties at the lowest rank), z-score
        // (sample sd), min-max, ratio to the best (fraction of max), ratio to the mean / worst and relative difference
        // from the mean / worst (relativeToStatistic), ±20 % around the mean (aboveBelowMean). Not checked: percentile =
        // 100·rank/23 (not offered as a method: percentileRank is COINr's (rank − 1)/(n − 1)) and the categorical scale,
        // whose cut-offs the Handbook does not publish.
        var (panel, countries) = TaiData.Load("tai");
        var methods = new (string Column, NormalizationMethod Method, int Decimals)[]
        {
            ("rank", Normalization.Rank(RankTies.Minimum), 0),
            ("zscore", Normalization.ZScore(), 2),
            ("minmax", Normalization.MinMax(0, 1), 2),
            ("ratio_to_best", Normalization.FractionOfMax(), 2),
            ("ratio_to_mean", Normalization.RelativeToStatistic(ReferenceStatistic.Mean), 2),
            ("ratio_to_worst", Normalization.RelativeToStatistic(ReferenceStatistic.Minimum), 2),
            ("diff_from_mean_rel", Normalization.RelativeToStatistic(ReferenceStatistic.Mean, RelativeForm.RelativeDifference), 2),
            ("diff_from_worst_rel", Normalization.RelativeToStatistic(ReferenceStatistic.Minimum, RelativeForm.RelativeDifference), 2),
            ("above_below_mean_p20", Normalization.AboveBelowMean(0.2), 0),
        };
        var header = Header("table15_normalisation_schooling.csv");
        var rows = Csv("table15_normalisation_schooling.csv");
        var compared = 0;
        foreach (var (column, method, decimals) in methods)
        {
            var result = CompiledIndex.Compile(TaiData.Definition(normalization: method)).Evaluate(panel);
            var col = Array.IndexOf(header, column);
            foreach (var row in rows)
            {
                var country = Country(countries, row[0]);
                Assert.Equal(Num(row[1]), panel[country, "SCHOOLING", "2001"]);
                var ours = result.GetScore("SCHOOLING", country, "2001");
                Assert.True(Math.Abs(ours - Num(row[col])) <= (0.5 * Math.Pow(10, -decimals)) + 1e-9, $"{column} {row[0]}: {ours:0.0000} vs {row[col]}");
                compared++;
            }
        }

        Assert.Equal(9 * 23, compared);
    }

    [SharedDataFact("method-examples")]
    public void Weights_EqualAndFactorAnalysis_MatchTable22Within0_005And0_015()
    {
        var rows = Csv("table22_weights_by_method.csv");
        var equal = Evaluate(Weighting.Equal()).Weights.Single(r => r.GroupId == "TAI");
        var fa = Evaluate(Weighting.FactorAnalysis()).Weights.Single(r => r.GroupId == "TAI");
        var compared = 0;
        for (var q = 0; q < 8; q++)
        {
            // EW: 1/8 = 0.125, printed 0.13 (2 dp). FA: the Handbook's own Tables 18 (PC) and 22 disagree by 0.01 on
            // four indicators (electricity 0.12 vs 0.13, schooling 0.14 vs 0.13, university 0.16 vs 0.17, exports
            // 0.07 vs 0.06); ours is 0.1186 for electricity: ±0.015.
            Assert.InRange(equal.Weights[q], Num(rows[0][q + 1]) - 0.005 - 1e-9, Num(rows[0][q + 1]) + 0.005 + 1e-9);
            Assert.True(Math.Abs(fa.Weights[q] - Num(rows[1][q + 1])) <= 0.015 + 1e-9, $"FA {TaiData.Indicators[q]}: {fa.Weights[q]:0.0000} vs {rows[1][q + 1]}");
            compared += 2;
        }

        Assert.Equal(16, compared);
    }

    [SharedDataFact("method-examples")]
    public void Ranks_GeometricMeanOfRatioToMax_EqualTable38GmeColumnExactly()
    {
        // The Handbook does not say how GME normalised the indicators; the geometric mean (equal weights) of the
        // ratio to the maximum (x/max, positive so the geometric mean is defined) gives all 23 published ranks.
        var (panel, countries) = TaiData.Load("tai");
        var result = CompiledIndex.Compile(TaiData.Definition(Weighting.Equal(), Aggregation.Geometric(), Normalization.FractionOfMax())).Evaluate(panel);
        var rows = Csv("table38_ranks_by_aggregation.csv");
        var col = Array.IndexOf(Header("table38_ranks_by_aggregation.csv"), "GME");
        var compared = 0;
        foreach (var row in rows)
        {
            Assert.Equal(int.Parse(row[col], CultureInfo.InvariantCulture), result.GetRank("TAI", Country(countries, row[0]), "2001"));
            compared++;
        }

        Assert.Equal(23, compared);
    }

    // Not recomputable from Table A.2, so not tested:
    // - Table 23 EW, FA, BAP, AHP ranks and Table 38 LIN: EW/LIN is the original HDR 2001 TAI rank, computed with
    //   goalposts over all 72 HDR countries (not published in the Handbook). Linear aggregation of min-max, z-score,
    //   ratio-to-max or rank normalisations over the 23 countries reproduces none of the four columns (e.g. EW puts
    //   Norway 4th with min-max over 23, 12th published). BOD is reproduced (BenefitOfTheDoubtAggregationTests).
    // - Table 38 NCMC: see KemenyAggregationTests.Ranking_Tai23_IsOptimalAndAtLeastAsSupportedAsHandbookTable38Ncmc.
    // - Table 10 (ML factor analysis with varimax): maximum-likelihood extraction is not implemented.
    // - Table 22 BAP, AHP weights and Table 20: averages over JRC experts whose answers are unpublished.
}
