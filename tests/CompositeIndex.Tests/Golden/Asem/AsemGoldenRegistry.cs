using System.Collections.Immutable;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// One claim of the coverage registry: the golden test that compares an expected file (or one case of
/// <c>edge/function_edge_cases.csv</c>, key <c>file#case</c>), how many values it compares and to what tolerance; or,
/// with no test, why the file is not compared.
/// </summary>
/// <param name="Key">The file relative to <c>coinr-asem/expected/</c>, or <c>edge/function_edge_cases.csv#case</c>.</param>
/// <param name="Test">The test class, or null for an exemption.</param>
/// <param name="Method">The test method (a [SharedDataFact]/[SharedDataTheory]), or null for an exemption.</param>
/// <param name="Values">The number of values the test compares (checked against the <see cref="GoldenLedger"/>).</param>
/// <param name="Tolerance">The tolerance, and the reason when it is not 1e-9 or exact.</param>
/// <param name="Note">What is not compared and why (required for exemptions).</param>
internal sealed record GoldenClaim(string Key, Type? Test, string? Method, int Values, string Tolerance, string Note = "");

/// <summary>
/// The inventory of COINr's ASEM reference outputs (<c>../shared/data/coinr-asem/expected</c>): every file and every edge
/// case is claimed by the test that compares it. <see cref="AsemGoldenCoverageTests"/> fails when a file or case has no
/// claim (a new expected file without a test), when a claim is stale, or when a claimed test did not record the claimed
/// number of values. "1e-9" means |ours − COINr| ≤ 1e-9·max(1, |COINr|), NA/NaN matching; "exact" means equal strings or
/// integers (ranks, flags, labels) or bit-equal doubles.
/// </summary>
internal static class AsemGoldenRegistry
{
    private const string Rel = "1e-9";
    private const string Exact = "exact";
    private const string Edge = "edge/function_edge_cases.csv#";

    public static ImmutableArray<GoldenClaim> Claims { get; } = Build();

    private static GoldenClaim C<T>(string key, string method, int values, string tolerance = Rel, string note = "") => new(key, typeof(T), method, values, tolerance, note);

    private static ImmutableArray<GoldenClaim> Build()
    {
        var b = ImmutableArray.CreateBuilder<GoldenClaim>();

        // pipeline/ — build_example_coin() step by step.
        foreach (var f in new[] { "01_raw", "02_denominated", "03_imputed", "04_screened", "05_treated" })
        {
            b.Add(C<AsemPipelineGoldenTests>($"pipeline/{f}.csv", nameof(AsemPipelineGoldenTests.Prepare_ExampleStepsUpToStage_MatchesCoinrDataSetWithin1e9), 51 * 49));
        }

        b.Add(C<AsemPipelineGoldenTests>("pipeline/04_screened_removed_units.txt", nameof(AsemPipelineGoldenTests.Prepare_Screening_RemovesNoUnitLikeCoinr), 51, Exact, "empty list: each of the 51 units is checked to be kept"));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/05_treated_details.csv", nameof(AsemPipelineGoldenTests.Prepare_ExampleTreatment_DetailsAndPointsMatchCoinr), 49 * 7, "1e-9 (Pass flags exact)"));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/05_treated_points.csv", nameof(AsemPipelineGoldenTests.Prepare_ExampleTreatment_DetailsAndPointsMatchCoinr), 51 * 49, Exact));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/06_normalised.csv", nameof(AsemPipelineGoldenTests.Evaluate_ExampleCoin_NormalisedAndAggregatedMatchCoinrWithin1e9), 51 * 49));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/07_aggregated.csv", nameof(AsemPipelineGoldenTests.Evaluate_ExampleCoin_NormalisedAndAggregatedMatchCoinrWithin1e9), 51 * 60));
        b.Add(C<AsemJsonGoldenTests>("pipeline/07_aggregated.csv", nameof(AsemJsonGoldenTests.SampleJson_Evaluated_MatchesCoinrAggregatedWithin1e9), 51 * 60));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/lineage.csv", nameof(AsemPipelineGoldenTests.Definition_ExampleCoin_MatchesCoinrLineageWeightsAndMetadata), 49 * 4, Exact));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/weights_original.csv", nameof(AsemPipelineGoldenTests.Definition_ExampleCoin_MatchesCoinrLineageWeightsAndMetadata), 60 * 2, Exact));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/meta_ind.csv", nameof(AsemPipelineGoldenTests.Definition_ExampleCoin_MatchesCoinrLineageWeightsAndMetadata), (49 * 7) + (11 * 4) + 4 + (4 * 2), Exact,
            "Target (a COINr parameter, not part of a definition) and the Unit of aggregates are not compared; Group/Denominator rows are checked to be unit attributes / denominator columns"));
        b.Add(C<AsemPipelineGoldenTests>("pipeline/meta_unit.csv", nameof(AsemPipelineGoldenTests.Definition_ExampleCoin_MatchesCoinrLineageWeightsAndMetadata), 51 * 10, "exact (strings), 1e-9 (denominators)"));

        // normalise/ — every method on the Treated (or Raw) set.
        foreach (var f in new[]
        {
            "raw_minmax_0_100", "treated_minmax_0_100", "treated_minmax_1_100", "treated_qNormalise_default", "treated_zscore_0_1", "treated_zscore_10_2",
            "treated_qNormalise_zscore_10_2", "treated_rank", "treated_prank", "treated_borda", "treated_dist2max", "treated_dist2targ_iMeta",
            "raw_dist2targ_iMeta", "raw_goalposts_iMeta",
        })
        {
            b.Add(C<CoinrNormaliseGoldenTests>($"normalise/{f}.csv", nameof(CoinrNormaliseGoldenTests.Normalise_AsemFile_MatchesCoinrTo1e9), 51 * 49, f is "treated_rank" or "treated_borda" ? Exact : Rel));
        }

        b.Add(C<CoinrNormaliseGoldenTests>("normalise/treated_fracmax.csv", nameof(CoinrNormaliseGoldenTests.Normalise_AsemFile_MatchesCoinrTo1e9), 51 * 46, Rel,
            "CostImpEx, Tariff, Poverty (3 × 51 cells): minimum 0 and Direction −1, so COINr divides by 0 and writes Inf/NaN; our method throws a NumericalException there by design (the engine rejects infinite scores) — the test asserts exactly these 3 columns throw"));
        b.Add(C<CoinrNormaliseGoldenTests>("normalise/treated_minmax_0_100.csv", nameof(CoinrNormaliseGoldenTests.Evaluate_TreatedMinMaxThroughEngine_MatchesCoinrIndicatorScores), 51 * 49));
        b.Add(C<CoinrNormaliseGoldenTests>("normalise/goalposts_iMeta.csv", nameof(CoinrNormaliseGoldenTests.GoalpostsIMeta_Recipe_MatchesCoinrGoalpostColumns), 49 * 4, "1e-12 (posts), exact (scale, trunc2posts)",
            "the other iMeta columns are the input ASEM_iMeta.csv unchanged"));

        // impute/
        foreach (var set in new[] { "raw", "denominated" })
        {
            foreach (var f in new[] { "mean", "median", "mean_grp_EurAsia", "median_grp_EurAsia", "mean_grp_GDP", "row_mean_level2_normfirst" })
            {
                b.Add(C<AsemImputationGoldenTests>($"impute/{set}_{f}.csv", nameof(AsemImputationGoldenTests.Prepare_Imputation_MatchesCoinrWithin1e9), 51 * 49));
            }
        }

        b.Add(C<AsemImputationGoldenTests>("impute/raw_EM_amelia_seed1_group_level2.csv", nameof(AsemImputationGoldenTests.Prepare_ExpectationMaximizationByPillar_KeepsObservedCellsOfAmeliaRecordAndConverges), (51 * 49) - 63, Rel,
            "the 63 imputed cells are one random Amelia draw (README: a record, not an oracle): only checked to be filled; EM is tested on its convergence property instead"));

        // treat/
        for (var k = 1; k <= 5; k++)
        {
            var method = nameof(AsemPipelineGoldenTests.Prepare_TreatScreenedWithWinmax_MatchesCoinrDataDetailsAndPointsWithin1e9);
            b.Add(C<AsemPipelineGoldenTests>($"treat/screened_winmax{k}.csv", method, 51 * 49));
            b.Add(C<AsemPipelineGoldenTests>($"treat/screened_winmax{k}_details.csv", method, 49 * (k <= 3 ? 10 : 7), "1e-9 (Pass flags exact)"));
            b.Add(C<AsemPipelineGoldenTests>($"treat/screened_winmax{k}_points.csv", method, 51 * 49, Exact));
        }

        foreach (var f in new[] { "raw", "screened", "treated" })
        {
            b.Add(C<CoinrAnalysisGoldenTests>($"treat/stats_{f}.csv", nameof(CoinrAnalysisGoldenTests.Describe_AsemDataSet_MatchesGetStatsAt3SignificantDigits), 49 * 19,
                "3 significant digits: COINr's get_stats() rounds its output with signif(x, 3); counts and flags exact"));
        }

        // aggregate/
        foreach (var f in new[] { "amean_0_100", "amean_0_100_weights_alt", "amean_1_100", "gmean_1_100", "hmean_1_100", "genmean_p2_1_100", "genmean_pm1_1_100", "genmean_p0.5_1_100", "mixed_amean_gmean_amean_1_100" })
        {
            b.Add(C<AsemResultsGoldenTests>($"aggregate/{f}.csv", nameof(AsemResultsGoldenTests.Evaluate_AggregationVariant_MatchesCoinrWithin1e9), 51 * 60));
        }

        b.Add(C<AsemResultsGoldenTests>("aggregate/normalised_1_100.csv", nameof(AsemResultsGoldenTests.Evaluate_AggregationVariant_MatchesCoinrWithin1e9), 51 * 49));
        b.Add(C<AsemResultsGoldenTests>("aggregate/weights_alt.csv", nameof(AsemResultsGoldenTests.WeightsAlt_Input_FollowsTheVignetteRule), 60, Exact, "an input: checked against the README's rule"));
        b.Add(C<CoinrCopelandGoldenTests>("aggregate/copeland_0_100.csv", nameof(CoinrCopelandGoldenTests.Evaluate_CopelandAtEveryLevel_MatchesCoinrAll3060Cells), 51 * 60));

        // analysis/
        foreach (var f in new[] { "corr_raw_L1_pval0_wide", "corr_raw_L1_spearman_pval0_wide", "corr_normalised_L1_pval0_wide", "corr_normalised_L1_pval0.05_wide" })
        {
            b.Add(C<CoinrAnalysisGoldenTests>($"analysis/{f}.csv", nameof(CoinrAnalysisGoldenTests.Correlations_WideFile_MatchesGetCorrTo1e9), 49 * 49));
        }

        b.Add(C<CoinrAnalysisGoldenTests>("analysis/corr_aggregated_L2_pval0_wide.csv", nameof(CoinrAnalysisGoldenTests.Correlations_WideFile_MatchesGetCorrTo1e9), 8 * 8));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/corr_raw_Environ_L1_default_long.csv", nameof(CoinrAnalysisGoldenTests.Correlations_RawEnvironDefaultPval_MatchesGetCorrLong), 25));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/corr_aggregated_L1_vs_L2_withparent_long.csv", nameof(CoinrAnalysisGoldenTests.AncestorCorrelations_WithParentAndFamily_MatchGetCorrLong), 49));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/corr_aggregated_L1_family_long.csv", nameof(CoinrAnalysisGoldenTests.AncestorCorrelations_WithParentAndFamily_MatchGetCorrLong), 147));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/corr_flags_normalised_high0.75_grouplev2.csv", nameof(CoinrAnalysisGoldenTests.CorrelationFlags_NormalisedHigh075_MatchGetCorrFlags), 2 * 4,
            "3 decimals: COINr's get_corr_flags() rounds the correlation to 3 dp; names exact"));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/denom_corr_raw_0.7.csv", nameof(CoinrAnalysisGoldenTests.DenominatorCorrelations_RawAbove07_MatchGetDenomCorrAt2Decimals), 10 * 3,
            "2 decimals: COINr's get_denom_corr() rounds the correlation to 2 dp; names exact"));
        b.Add(C<CoinrAnalysisGoldenTests>("analysis/cronbach.csv", nameof(CoinrAnalysisGoldenTests.CronbachByGroup_RawNormalisedAggregated_MatchesGetCronbachTo1e9), 24 * 5, "1e-9 (alpha), exact (labels, levels)"));
        var pca = nameof(CoinrAnalysisGoldenTests.PrincipalComponents_AsemSet_MatchesGetPcaTo1e9UpToSign);
        const string upToSign = "1e-9, loadings and PCA weights up to the sign of each component (LAPACK's sign is arbitrary, quirk R4)";
        foreach (var (set, loadings, variances) in new (string, (string Group, int Rows, int Components)[], int)[]
        {
            ("pca_normalised_L1_bygroup", [("ConEcFin", 5, 5), ("Environ", 5, 5), ("Instit", 6, 6), ("P2P", 8, 8), ("Physical", 8, 8), ("Political", 3, 3), ("Social", 9, 9), ("SusEcFin", 5, 5)], 49),
            ("pca_normalised_L1_all", [("All", 49, 49)], 49),
            ("pca_aggregated_L2_all", [("All", 8, 8)], 8),
            ("pca_raw_Sust_vignette", [("Environ", 5, 5), ("Social", 9, 9), ("SusEcFin", 5, 5)], 19),
        })
        {
            foreach (var (group, rows, components) in loadings)
            {
                b.Add(C<CoinrAnalysisGoldenTests>($"analysis/{set}_loadings_{group}.csv", pca, rows * (components + 2), upToSign));
            }

            b.Add(C<CoinrAnalysisGoldenTests>($"analysis/{set}_variance.csv", pca, variances * 4));
            b.Add(C<CoinrAnalysisGoldenTests>($"analysis/{set}_weights.csv", pca, 60, upToSign, "rows outside the PCA keep the definition's weight and are compared with it"));
        }

        // results/
        var scores = nameof(AsemResultsGoldenTests.ScoresAndRanks_ExampleCoin_MatchGetResultsWithin1e9AndRanksExactly);
        b.Add(C<AsemResultsGoldenTests>("results/summ_scores_full.csv", scores, 51 * 2, "1e-9, Rank exact"));
        b.Add(C<AsemResultsGoldenTests>("results/aggs_scores_full.csv", scores, 51 * 12, "1e-9, Rank exact"));
        b.Add(C<AsemResultsGoldenTests>("results/full_scores_full.csv", scores, 51 * 61, "1e-9, Rank exact"));
        b.Add(C<AsemResultsGoldenTests>("results/full_ranks.csv", nameof(AsemResultsGoldenTests.Ranks_ExampleCoin_MatchFullRanksExactly), 51 * 60, Exact));
        b.Add(C<AsemResultsGoldenTests>("results/aggs_groupranks_GDP_group.csv", nameof(AsemResultsGoldenTests.GetRanksWithin_GdpGroup_MatchesGroupRanksExactly), 51 * 12, Exact));
        b.Add(C<AsemResultsGoldenTests>("results/aggs_scores_round2_default.csv", nameof(AsemResultsGoldenTests.Scores_RoundedToTwoDecimals_MatchGetResultsDefault), 51 * 12, "1e-9 after rounding ours to 2 dp (COINr's default nround = 2), Rank exact"));
        b.Add(C<AsemResultsGoldenTests>("results/index_ranks_by_aggregation.csv", nameof(AsemResultsGoldenTests.IndexAndRank_ByAggregationMethod_MatchCoinrWithin1e9), 51 * 8, "1e-9, ranks exact"));

        // sensitivity/
        var replay = nameof(AsemSensitivityReplayGoldenTests.Replay_UncertaintySample_ReproducesScoresRanksAndRankStatistics);
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_scores.csv", replay, 51 * 101));
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_ranks.csv", replay, 51 * 101, Exact));
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_rankstats.csv", replay, 51 * 5, Exact));
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_nominal.csv", replay, 51 * 2, "1e-9, Rank exact"));
        var inputs = nameof(AsemSensitivityReplayGoldenTests.Inputs_SampleAndNoisyWeights_FollowCoinrDecodingAndNoiseRules);
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_sample.csv", inputs, (100 * 4) + (100 * 3), Exact, "an input of the replay: decoded indices re-derived from the u_* draws (quirk S2), labels checked; the draws themselves are R's runif"));
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/ua_noisy_weights.csv", inputs, 100 * 60, "rule: |w − w0| ≤ 0.25·w0 at levels 2–3, w = w0 elsewhere", "an input of the replay (R's runif draws, quirk S1): checked against the noise rule"));
        const string saNote = "not part of #7's acceptance and not reproducible: COINr's SA design (N(d+2) runif draws, seed 43) was not exported, and Si/STi come from a random bootstrap";
        b.Add(C<AsemSensitivityReplayGoldenTests>("sensitivity/sa_N100_rankstats.csv", nameof(AsemSensitivityReplayGoldenTests.SaRankStatistics_NominalRanks_MatchOurRanksExactly), 51, Exact,
            "only the Nominal column; Mean/Median/Q5/Q95 are " + saNote));
        b.Add(new GoldenClaim("sensitivity/sa_N100_sensitivity_indices.csv", null, null, 0, "-", saNote));

        // edge/ — one claim per case (the case string is COINr's call).
        const string edgeNorm = "1e-12";
        b.Add(C<CoinrNormaliseEdgeGoldenTests>(Edge + "n_minmax(c(3,3,3))", nameof(CoinrNormaliseEdgeGoldenTests.MinMax_ConstantColumnWhenConstantMissing_GivesCoinrNaN), 3, "exact (NaN), with WhenConstant = Missing"));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "n_minmax(c(1,NA,3))", nameof(AsemEdgeCaseGoldenTests.MinMaxAndZScore_EdgeCasesWithMissing_MatchCoinr), 3));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "n_zscore(c(1,2,NA,4))", nameof(AsemEdgeCaseGoldenTests.MinMaxAndZScore_EdgeCasesWithMissing_MatchCoinr), 4));
        foreach (var (c, n) in new[]
        {
            ("n_rank(c(5,1,5,NA,2))", 5), ("n_prank(c(5,1,5,NA,2))", 5), ("n_borda(c(5,1,5,NA,2))", 5),
            ("n_goalposts(c(0,5,10,15),c(2,12,1),1,TRUE)", 4), ("n_goalposts(c(0,5,10,15),c(2,12,1),direction=-1,TRUE) [direct call]", 4),
        })
        {
            b.Add(C<CoinrNormaliseEdgeGoldenTests>(Edge + c, nameof(CoinrNormaliseEdgeGoldenTests.Normalise_EdgeCase_MatchesCoinr), n, edgeNorm));
        }

        foreach (var c in new[] { "a_amean(c(1,NA,3),c(1,1,2))", "a_gmean(c(1,NA,4),c(1,1,1))", "a_hmean(c(1,NA,4),c(1,1,1))", "a_genmean(c(1,NA,4),c(1,1,1),p=2)", "a_genmean(c(1,2,4),c(1,1,2),p=2)", "a_amean(c(NA,NA),c(1,1))" })
        {
            b.Add(C<AsemEdgeCaseGoldenTests>(Edge + c, nameof(AsemEdgeCaseGoldenTests.Aggregation_EdgeCases_MatchCoinr), 1));
        }

        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "Aggregate(df1,a_amean,w=1,1,1,dat_thresh=2/3) [vignette]", nameof(AsemEdgeCaseGoldenTests.Aggregate_DataThresholdTwoThirds_MatchesCoinrVignette), 3));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "i_mean(c(1,NA,3,NA))", nameof(AsemEdgeCaseGoldenTests.Imputation_EdgeCase_MatchesCoinr), 4));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "i_median(c(1,NA,3,10))", nameof(AsemEdgeCaseGoldenTests.Imputation_EdgeCase_MatchesCoinr), 4));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "i_mean_grp(c(1,NA,3,5,NA,7),f=a,a,a,b,b,b)", nameof(AsemEdgeCaseGoldenTests.Imputation_EdgeCase_MatchesCoinr), 6));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "skew(c(1,2,3,10))", nameof(AsemEdgeCaseGoldenTests.SkewnessAndKurtosis_EdgeCases_MatchCoinr), 1));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "kurt(c(1,2,3,10,50))", nameof(AsemEdgeCaseGoldenTests.SkewnessAndKurtosis_EdgeCases_MatchCoinr), 1));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "winsorise(c(1:20,100,200))$x", nameof(AsemEdgeCaseGoldenTests.Winsorize_EdgeCase_MatchesCoinrValuesAndCount), 22));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "winsorise(c(1:20,100,200))$nwin", nameof(AsemEdgeCaseGoldenTests.Winsorize_EdgeCase_MatchesCoinrValuesAndCount), 1));
        b.Add(C<AsemEdgeCaseGoldenTests>(Edge + "log_CT(c(1:20,100,200))$x", nameof(AsemEdgeCaseGoldenTests.LogTransform_EdgeCase_MatchesCoinrLogCT), 22));
        return b.ToImmutable();
    }
}
