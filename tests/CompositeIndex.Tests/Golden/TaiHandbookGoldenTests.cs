using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Analysis;
using CompositeIndex.Tests.WeightingMethods;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// OECD/JRC Handbook (2008) TAI tables not covered elsewhere (Tables 6, 8, 10 (ML factor analysis), 11, 15 (all 11 columns), 22, 38 GME), recomputed from
/// Table A.2 (method-examples/tai/tai_raw_23.csv) with definitions and audit calls a user could write. Published
/// precision is 2–3 dp; where the Handbook's statistics depend on telephones/electricity, which Table A.2 gives as
/// 2-dp logs, the tolerance is widened as the README of method-examples/tai says. Already covered elsewhere: Tables 7,
/// 9, 17, 18 (FactorAnalysisWeightingTests, Table 18 both columns), 19, 23 BOD and 38 GME (the gallery's tai definitions), 35–37 (Kemeny).
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
    public void ComponentLoadings_Tai_EqualIndependentEigendecompositionAndMatchTable8At2DpWithin1InTheLastDigit()
    {
        // Table 8 loadings = eigenvector × √eigenvalue of the correlation matrix; a component's sign is arbitrary.
        var (panel, countries) = TaiData.Load("tai");
        var pca = IndexAudit.PrincipalComponents(AuditData.FromPanel(panel, "2001"), TaiData.Indicators);
        double Ours(int v, int c) => pca.Loadings[v][c] * pca.StandardDeviations[c];

        // 1. Our PCA (SVD of the standardised data) against an independent computation: the symmetric eigendecomposition
        //    of the Pearson correlation matrix computed here from the raw values. They agree to rounding error, so any
        //    difference from Table 8 is in the data, not in the PCA.
        var x = TaiData.Indicators.Select(i => countries.Select(u => panel.GetValue(i, u, "2001")).ToArray()).ToArray();
        var r = new double[8, 8];
        for (var a = 0; a < 8; a++)
        {
            for (var b = 0; b < 8; b++)
            {
                var (ma, mb) = (x[a].Average(), x[b].Average());
                var sab = x[a].Zip(x[b]).Sum(t => (t.First - ma) * (t.Second - mb));
                r[a, b] = sab / Math.Sqrt(x[a].Sum(t => (t - ma) * (t - ma)) * x[b].Sum(t => (t - mb) * (t - mb)));
            }
        }

        var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(r).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        double independentWorst = 0;
        for (var c = 0; c < 8; c++)
        {
            var k = 7 - c;   // MathNet orders the eigenvalues ascending
            var lambda = evd.EigenValues[k].Real;
            Assert.Equal(lambda, pca.Variances[c], 10);
            var dot = Enumerable.Range(0, 8).Sum(v => evd.EigenVectors[v, k] * pca.Loadings[v][c]);
            for (var v = 0; v < 8; v++)
            {
                independentWorst = Math.Max(independentWorst, Math.Abs((Math.Sign(dot) * evd.EigenVectors[v, k] * Math.Sqrt(lambda)) - Ours(v, c)));
            }
        }

        Assert.True(independentWorst < 1e-9, $"PCA vs eigendecomposition: {independentWorst:E2}");

        // 2. Table 8 at its published precision: ours rounded to 2 dp, within 1 in the last digit (README of
        //    method-examples: "compare at the published number of decimals (±1 in the last digit); for TAI statistics that
        //    depend on the 2-dp log telephones/electricity, allow ±0.01"; every loading depends on them). Result: 39 of the
        //    64 loadings equal, 25 differ by 0.01, none by more. Unrounded, the largest gap is SCHOOLING on PC6: ours
        //    −0.0323, published −0.02 (0.0123). It is not our PCA (step 1), not sample vs population variance (the
        //    correlation matrix, hence every loading, is the same with n or n − 1) and not a sign convention (signs are
        //    aligned per component); it is the input: PC6 has eigenvalue 0.30, and its small loadings move with the
        //    2-dp rounding of the log telephones/electricity in Table A.2. Perturbing those two columns uniformly
        //    within ±0.005 (the rounding interval) moves SCHOOLING's PC6 loading over −0.052 … −0.010 (5–95 %:
        //    −0.043 … −0.020; computed outside this suite with an independent Jacobi eigensolver), and putting Table 35's
        //    3-dp logs for the five countries it lists gives −0.037. The Handbook computed from unrounded data.
        var rows = Csv("table08_component_loadings.csv");
        var compared = 0;
        var exact = 0;
        double worst = 0;
        var worstAt = string.Empty;
        for (var c = 0; c < 8; c++)
        {
            var ours = rows.Select(row => Ours(Array.IndexOf(TaiData.Indicators, Ids[row[0]]), c)).ToArray();
            var published = rows.Select(row => Num(row[c + 1])).ToArray();
            var sign = ours.Zip(published).Sum(t => t.First * t.Second) >= 0 ? 1 : -1;
            for (var v = 0; v < 8; v++)
            {
                var rounded = Math.Round(sign * ours[v], 2, MidpointRounding.AwayFromZero);
                Assert.True(Math.Abs(rounded - published[v]) <= 0.01 + 1e-9, $"{rows[v][0]} PC{c + 1}: {sign * ours[v]:0.0000} → {rounded:0.00} vs {published[v]:0.00}");
                exact += Math.Abs(rounded - published[v]) < 1e-9 ? 1 : 0;
                if (Math.Abs((sign * ours[v]) - published[v]) > worst)
                {
                    (worst, worstAt) = (Math.Abs((sign * ours[v]) - published[v]), $"{rows[v][0]} PC{c + 1}");
                }

                compared++;
            }
        }

        Assert.Equal(64, compared);
        Assert.True(39 == exact, $"{exact} of 64 loadings equal at 2 dp, expected 39 (largest unrounded gap {worst:0.0000} at {worstAt})");
        Assert.Equal("SCHOOLING PC6", worstAt);
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
            var r = IndexStatistics.Pearson(data[Ids[row[0]]], sum);
            Assert.True(Math.Abs(r - Num(row[1])) <= 0.006, $"{row[0]}: item-total {r:0.0000} vs {row[1]}");
            compared += 2;
        }

        var overall = rows.Single(r => r[0].StartsWith("ALL", StringComparison.Ordinal));
        Assert.Equal(Num(overall[2]), IndexAudit.CronbachAlpha(data, TaiData.Indicators), 2);   // 0.7035 → 0.70
        Assert.Equal(17, compared + 1);
    }

    [SharedDataFact("method-examples")]
    public void Normalizations_Schooling_MatchAll11Table15ColumnsAtPublishedPrecision253Values()
    {
        // Table 15's eleven columns as library normalisations: rank (ties at the lowest rank), z-score (sample sd),
        // min-max, ratio to the best (fraction of max), ratio to the mean / worst and relative difference from the mean /
        // worst (relativeToStatistic), ±20 % around the mean (aboveBelowMean), percentile = 100·rank/23 with ties at the
        // lowest rank (percentileRank, form rankOverCount), and the categorical scale (categorical).
        //
        // Categorical scale: the Handbook (§5.2) describes scores given by percentile bands but does not publish the
        // cut-offs behind Table 15, and its text was not found in the stored corpora (searched for the §5.2
        // "categorical scales" passage). The published values only bound them: 100 for P ≥ 95.7, 80 for 87.0–91.3, 60 for
        // 65.2–82.6, 50 for 39.1–60.9, 40 for 17.4–34.8, 20 for 13.0 and 0 for 4.3. The cut-offs below were CHOSEN by
        // us inside those gaps (95 in (91.3, 95.7], 85 in (82.6, 87.0], 65 in (60.9, 65.2], 35 in (34.8, 39.1],
        // 15 in (13.0, 17.4], 5 in (4.3, 13.0]); any cut-offs in the same gaps give the same 23 values. So this column
        // checks the method (percentile 100·r/n with ties at the lowest rank, then bands), not the Handbook's unknown
        // cut-offs.
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
            ("percentile", Normalization.PercentileRank(100, PercentileForm.RankOverCount), 1),
            ("categorical_scale", Normalization.Categorical((95, 100), (85, 80), (65, 60), (35, 50), (15, 40), (5, 20), (0, 0)), 0),
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
                Assert.Equal(Num(row[1]), panel.GetValue("SCHOOLING", country, "2001"));
                var ours = result.GetScore("SCHOOLING", country, "2001");
                Assert.True(Math.Abs(ours - Num(row[col])) <= (0.5 * Math.Pow(10, -decimals)) + 1e-9, $"{column} {row[0]}: {ours:0.0000} vs {row[col]}");
                compared++;
            }
        }

        Assert.Equal(11 * 23, compared);
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

    // Table 38's GME ranks (geometric mean of the ratio to the maximum; the Handbook does not say how GME normalised
    // the indicators, and this choice gives all 23 published ranks) are reproduced from the definition file
    // samples/gallery/tai/tai-gme.json by GalleryTests.Tai_HandbookTables19_23_38_Reproduce69Of69PublishedValues.

    /// <summary>
    /// Matches each published Table 10 factor to our factor (order and sign are arbitrary) and returns, per indicator
    /// row and published factor, our loading; plus our explained variance of each matched factor.
    /// </summary>
    private static (double[,] Ours, double[,] Published, double[] OursEv, double[] PublishedEv) MatchTable10(FactorAnalysisResult fa)
    {
        var rows = Csv("table10_rotated_loadings_ml_varimax.csv");
        var variable = rows.Take(8).Select(r => Array.IndexOf(TaiData.Indicators, Ids[r[0]])).ToArray();
        var ours = new double[8, 4];
        var published = new double[8, 4];
        var oursEv = new double[4];
        var publishedEv = new double[4];
        var used = new HashSet<int>();
        for (var f = 0; f < 4; f++)
        {
            var column = Enumerable.Range(0, 8).Select(q => Num(rows[q][f + 1])).ToArray();
            var (best, sign, _) = Enumerable.Range(0, 4).Where(g => !used.Contains(g))
                .SelectMany(g => new[] { 1.0, -1.0 }.Select(sg => (g, sg, Enumerable.Range(0, 8).Max(q => Math.Abs((sg * fa.Loadings[variable[q]][g]) - column[q])))))
                .MinBy(x => x.Item3);
            used.Add(best);
            for (var q = 0; q < 8; q++)
            {
                ours[q, f] = sign * fa.Loadings[variable[q]][best];
                published[q, f] = column[q];
            }

            oursEv[f] = fa.ExplainedVariance[best];
            publishedEv[f] = Num(rows[8][f + 1]);
        }

        return (ours, published, oursEv, publishedEv);
    }

    private static FactorAnalysisResult TaiMaximumLikelihood()
    {
        var (panel, _) = TaiData.Load("tai");
        return IndexAudit.FactorAnalysis(AuditData.FromPanel(panel, "2001"), TaiData.Indicators, 4);
    }

    // Table 10 (4 factors, ML extraction, varimax). Our ML solution is the converged minimum of the factanal criterion
    // with uniquenesses in [0.005, 1]: a Heywood case, ROYALTIES and SCHOOLING both end at the bound 0.005
    // (communality 0.995). The Handbook prints communalities 0.99 and 0.95 for them, i.e. its software stopped with
    // uniquenesses ≈ 0.01 and ≈ 0.05 (an unconverged Heywood case, e.g. an iteration limit; the Handbook does not name
    // the software). Holding those two uniquenesses at the published values reproduces the table (last test below),
    // so the differences come from where the Heywood iteration stopped, not from the rotation or the other loadings.
    [SharedDataFact("method-examples")]
    public void MlLoadings_Tai_MatchTable10Within0_035UpToFactorOrderAndSign_23Of32Within0_015()
    {
        // Converged solution vs Table 10: largest differences ELECTRICITY and INTERNET on the SCHOOLING factor (0.032,
        // 0.029: SCHOOLING loads 0.972 there instead of 0.95) and EXPORTS/INTERNET on the ELECTRICITY factor (0.025, 0.024).
        var (ours, published, _, _) = MatchTable10(TaiMaximumLikelihood());
        var diffs = Enumerable.Range(0, 32).Select(i => Math.Abs(ours[i / 4, i % 4] - published[i / 4, i % 4])).ToArray();
        Assert.True(diffs.Max() <= 0.035, $"max |difference| {diffs.Max():0.0000}");
        Assert.True(diffs.Count(d => d <= 0.015) >= 23, $"{diffs.Count(d => d <= 0.015)} of 32 within 0.015");
    }

    [SharedDataFact("method-examples")]
    public void MlCommunalities_Tai_MatchTable10Within0_01ExceptHeywoodSchoolingAndPatents()
    {
        var fa = TaiMaximumLikelihood();
        Assert.Equal(["ROYALTIES", "SCHOOLING"], fa.HeywoodCases.ToArray());
        foreach (var row in Csv("table10_rotated_loadings_ml_varimax.csv").Take(8))
        {
            var ours = fa.Communalities[Array.IndexOf(TaiData.Indicators, Ids[row[0]])];
            var (tolerance, why) = row[0] switch
            {
                "SCHOOLING" => (0.05, "Heywood: 0.995 at the bound vs the Handbook's stopped 0.95"),
                "PATENTS" => (0.02, "moves with the Heywood pair: 0.784 converged, 0.818 with the Handbook's uniquenesses"),
                _ => (0.01, "published 2 dp"),
            };
            Assert.True(Math.Abs(ours - Num(row[5])) <= tolerance + 1e-9, $"{row[0]}: {ours:0.0000} vs {row[5]} ({why})");
        }
    }

    [SharedDataFact("method-examples")]
    public void MlExplainedVariance_Tai_MatchTable10Within0_05AndTotal76PercentWithin0_5()
    {
        var fa = TaiMaximumLikelihood();
        var (_, _, oursEv, publishedEv) = MatchTable10(fa);
        for (var f = 0; f < 4; f++)
        {
            // Largest: the SCHOOLING factor, 1.752 vs 1.80 (SCHOOLING's Heywood loading), and the ELECTRICITY factor, 1.708 vs 1.67.
            Assert.True(Math.Abs(oursEv[f] - publishedEv[f]) <= 0.05, $"factor {f + 1}: {oursEv[f]:0.0000} vs {publishedEv[f]}");
        }

        // "Cumulative (%)" row: 76 for all four factors (published as an integer).
        Assert.InRange(100 * fa.ExplainedVariance.Sum() / 8, 75.5, 76.5);
    }

    [SharedDataFact("method-examples")]
    public void MlLoadings_WithRoyaltiesSchoolingUniquenessesHeldAtTable10_MatchWithin0_012ExceptTelephones0_025()
    {
        // Explains the differences above: fix ψ(ROYALTIES) = 1 − 0.99 and ψ(SCHOOLING) = 1 − 0.95 (the Handbook's
        // communalities, held as lower bounds that the optimum presses against) and minimise the same criterion over the
        // other six. Then 27 of the 28 loadings of the other indicators are within 0.01 (EXPORTS on the ELECTRICITY
        // factor: −0.151 vs −0.14) and TELEPHONES is within 0.022 (its correlation with ROYALTIES is 0.58 from Table
        // A.2's 2-dp logs but 0.56 in the Handbook's Table 6, README). Explained variances within 0.03.
        var (panel, _) = TaiData.Load("tai");
        var data = AuditData.FromPanel(panel, "2001");
        var r = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(8, 8, (a, b) => a == b ? 1 : IndexStatistics.Pearson(data[TaiData.Indicators[a]], data[TaiData.Indicators[b]]));
        double[] lower = [0.005, 0.01, 0.005, 0.005, 0.005, 0.005, 0.05, 0.005];
        var fit = MaximumLikelihoodFactors.Estimate(r, 4, lower)!;
        Assert.True(fit.Converged);
        var rotated = WeightMath.RotateAndOrient(fit.Loadings, varimax: true, WeightMath.FactanalVarimaxTolerance);
        var fa = new FactorAnalysisResult(null, [.. TaiData.Indicators], [], FactorExtraction.MaximumLikelihood, FactorRotation.Varimax,
            [.. Enumerable.Range(0, 8).Select(i => Enumerable.Range(0, 4).Select(f => rotated[i, f]).ToImmutableArray())], [.. fit.Uniquenesses], fit.Objective, fit.Iterations, 2, []);
        var (ours, published, oursEv, publishedEv) = MatchTable10(fa);
        var rows = Csv("table10_rotated_loadings_ml_varimax.csv");
        for (var q = 0; q < 8; q++)
        {
            var tolerance = rows[q][0] == "TELEPHONES" ? 0.025 : 0.012;
            for (var f = 0; f < 4; f++)
            {
                Assert.True(Math.Abs(ours[q, f] - published[q, f]) <= tolerance + 1e-9, $"{rows[q][0]} factor {f + 1}: {ours[q, f]:0.0000} vs {published[q, f]}");
            }

            Assert.True(Math.Abs(fa.Communalities[Array.IndexOf(TaiData.Indicators, Ids[rows[q][0]])] - Num(rows[q][5])) <= 0.02, rows[q][0]);
        }

        for (var f = 0; f < 4; f++)
        {
            Assert.True(Math.Abs(oursEv[f] - publishedEv[f]) <= 0.03, $"factor {f + 1}: {oursEv[f]:0.0000} vs {publishedEv[f]}");
        }
    }

    // Not recomputable from Table A.2, so not tested:
    // - Table 23 EW, FA, BAP, AHP ranks and Table 38 LIN: EW/LIN is the original HDR 2001 TAI rank, computed with
    //   goalposts over all 72 HDR countries (not published in the Handbook). Linear aggregation of min-max, z-score,
    //   ratio-to-max or rank normalisations over the 23 countries reproduces none of the four columns (e.g. EW puts
    //   Norway 4th with min-max over 23, 12th published). BOD is reproduced (samples/gallery/tai/tai-bod.json).
    // - Table 38 NCMC: see KemenyAggregationTests.Ranking_Tai23_IsOptimalAndAtLeastAsSupportedAsHandbookTable38Ncmc.
    // - Table 22 BAP, AHP weights and Table 20: averages over JRC experts whose answers are unpublished.
}
