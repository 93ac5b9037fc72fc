using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Analysis;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// COINr 1.1.14's <c>expected/analysis/</c> files (and the <c>get_stats</c> tables in <c>expected/treat/</c>) reproduced by
/// <see cref="IndexAudit"/> on the ASEM example: full-precision values to 1e-9 (relative to max(1, |value|)); values
/// COINr rounds (get_stats: 3 significant digits; get_denom_corr: 2 decimals; get_corr_flags: 3 decimals) must round to
/// the published figure; PCA loadings up to the sign of each component. Every test asserts how many values it compared.
/// </summary>
public class CoinrAnalysisGoldenTests
{
    private const double Tol = 1e-9;

    private static readonly Lazy<IndexDefinition> Definition = new(() => AsemGolden.Definition(Normalization.MinMax(0, 100)));

    public static TheoryData<string, string> StatsFiles => new()
    {
        { "stats_raw.csv", "01_raw.csv" },
        { "stats_screened.csv", "04_screened.csv" },
        { "stats_treated.csv", "05_treated.csv" },
    };

    public static TheoryData<string, string, int, bool, double> WideFiles => new()
    {
        { "corr_raw_L1_pval0_wide.csv", "01_raw.csv", 1, false, 0 },
        { "corr_raw_L1_spearman_pval0_wide.csv", "01_raw.csv", 1, true, 0 },
        { "corr_normalised_L1_pval0_wide.csv", "06_normalised.csv", 1, false, 0 },
        { "corr_normalised_L1_pval0.05_wide.csv", "06_normalised.csv", 1, false, 0.05 },
        { "corr_aggregated_L2_pval0_wide.csv", "07_aggregated.csv", 2, false, 0 },
    };

    [SharedDataTheory(AsemGolden.Folder)]
    [MemberData(nameof(StatsFiles))]
    public void Describe_AsemDataSet_MatchesGetStatsAt3SignificantDigits(string file, string input)
    {
        var data = Data(input);
        var stats = IndexAudit.Describe(data).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var expected = AsemGolden.Read("expected", "treat", file);
        var compared = 0;
        foreach (var row in expected.Rows)
        {
            var s = stats[row[expected.Col("iCode")]];
            void Sig(string col, double actual)
            {
                AsemGolden.Signif(AsemGolden.Number(row[expected.Col(col)]), actual, 3, $"{file} {s.Id} {col}");
                compared++;
            }

            void Int(string col, int actual)
            {
                Assert.Equal(int.Parse(row[expected.Col(col)], CultureInfo.InvariantCulture), actual);
                compared++;
            }

            void Flag(string col, bool actual, string raised)
            {
                Assert.Equal(row[expected.Col(col)], actual ? raised : "ok");
                compared++;
            }

            Sig("Min", s.Min);
            Sig("Max", s.Max);
            Sig("Mean", s.Mean);
            Sig("Median", s.Median);
            Sig("Std", s.StandardDeviation);
            Sig("Skew", s.Skewness);
            Sig("Kurt", s.Kurtosis);
            Int("N.Avail", s.Available);
            Int("N.NonZero", s.NonZero);
            Int("N.Unique", s.Unique);
            Int("N.Same", s.Same);
            Sig("Frc.Avail", s.FractionAvailable);
            Sig("Frc.NonZero", s.FractionNonZero);
            Sig("Frc.Unique", s.FractionUnique);
            Sig("Frc.Same", s.FractionSame);
            Flag("Flag.Avail", s.LowAvailability, "LOW");
            Flag("Flag.NonZero", s.LowNonZero, "LOW");
            Flag("Flag.Unique", s.LowUnique, "LOW");
            Flag("Flag.SkewKurt", s.Outliers, "OUT");
        }

        Assert.Equal(49 * 19, compared);
        GoldenLedger.Compared($"treat/{file}", compared);
    }

    [SharedDataTheory(AsemGolden.Folder)]
    [MemberData(nameof(WideFiles))]
    public void Correlations_WideFile_MatchesGetCorrTo1e9(string file, string input, int level, bool spearman, double pval)
    {
        var expected = AsemGolden.Read("expected", "analysis", file);
        var ids = expected.Header;
        Assert.Equal(level == 1 ? 49 : 8, ids.Length);
        var data = Data(input).Select(ids);
        var matrix = IndexAudit.Correlations(data, method: spearman ? CorrelationMethod.Spearman : CorrelationMethod.Pearson).Significant(pval);
        var compared = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            for (var j = 0; j < ids.Length; j++)
            {
                AsemGolden.Near(AsemGolden.Number(expected.Rows[i][j]), matrix[ids[i], ids[j]], Tol, $"{file} {ids[i]}×{ids[j]}");
                compared++;
            }
        }

        Assert.Equal(ids.Length * ids.Length, compared);
        GoldenLedger.Compared($"analysis/{file}", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void Correlations_RawEnvironDefaultPval_MatchesGetCorrLong()
    {
        var expected = AsemGolden.Read("expected", "analysis", "corr_raw_Environ_L1_default_long.csv");
        var ids = new[] { "Renew", "PrimEner", "CO2", "MatCon", "Forest" };
        var matrix = IndexAudit.Correlations(Data("01_raw.csv").Select(ids)).Significant(0.05);
        var compared = 0;
        var missing = 0;
        foreach (var row in expected.Rows)
        {
            var e = AsemGolden.Number(row[2]);
            missing += double.IsNaN(e) ? 1 : 0;
            AsemGolden.Near(e, matrix[row[0], row[1]], Tol, $"{row[0]}×{row[1]}");
            compared++;
        }

        Assert.Equal(25, compared);
        Assert.Equal(8, missing); // insignificant at 0.05 -> NA, as COINr
        GoldenLedger.Compared("analysis/corr_raw_Environ_L1_default_long.csv", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void AncestorCorrelations_WithParentAndFamily_MatchGetCorrLong()
    {
        var data = Data("07_aggregated.csv");
        var all = IndexAudit.AncestorCorrelations(data, Definition.Value);
        var byKey = all.ToDictionary(a => (a.AncestorLevel, a.NodeId));
        var compared = 0;

        var parent = AsemGolden.Read("expected", "analysis", "corr_aggregated_L1_vs_L2_withparent_long.csv");
        foreach (var row in parent.Rows)
        {
            var a = byKey[(2, row[1])];
            Assert.Equal(row[0], a.AncestorId);
            AsemGolden.Near(AsemGolden.Number(row[2]), a.Correlation, Tol, $"parent {row[0]}×{row[1]}");
            compared++;
        }

        Assert.Equal(49, compared);
        GoldenLedger.Compared("analysis/corr_aggregated_L1_vs_L2_withparent_long.csv", compared);

        var levels = new Dictionary<string, int>(StringComparer.Ordinal) { ["Pillar"] = 2, ["Sub-index"] = 3, ["Index"] = 4 };
        var family = AsemGolden.Read("expected", "analysis", "corr_aggregated_L1_family_long.csv");
        foreach (var row in family.Rows)
        {
            AsemGolden.Near(AsemGolden.Number(row[2]), byKey[(levels[row[0]], row[1])].Correlation, Tol, $"family {row[0]}×{row[1]}");
            compared++;
        }

        Assert.Equal(49 + 147, compared);
        Assert.Equal(147, all.Length);
        GoldenLedger.Compared("analysis/corr_aggregated_L1_family_long.csv", compared - 49);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void CorrelationFlags_NormalisedHigh075_MatchGetCorrFlags()
    {
        var flags = IndexAudit.CorrelationFlags(Data("06_normalised.csv"), Definition.Value, groupLevel: 2, collinearAbove: 0.75, negativeBelow: null);
        var expected = AsemGolden.Read("expected", "analysis", "corr_flags_normalised_high0.75_grouplev2.csv");
        Assert.Equal(expected.Rows.Length, flags.Length);
        var compared = 0;
        foreach (var row in expected.Rows)
        {
            var f = Assert.Single(flags, f => f.GroupId == row[0] && new[] { f.First, f.Second }.Order(StringComparer.Ordinal).SequenceEqual(new[] { row[1], row[2] }.Order(StringComparer.Ordinal)));
            AsemGolden.Round(AsemGolden.Number(row[3]), f.Correlation, 3, $"{row[1]}×{row[2]}");
            Assert.Equal(CorrelationFlagKind.Collinear, f.Kind);
            compared += 4; // Group, Ind1, Ind2 (matched by the Single above) and Corr
        }

        Assert.Equal(2 * 4, compared);
        GoldenLedger.Compared("analysis/corr_flags_normalised_high0.75_grouplev2.csv", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void DenominatorCorrelations_RawAbove07_MatchGetDenomCorrAt2Decimals()
    {
        var raw = AsemGolden.Panel(["ASEM_iData.csv"], [.. AsemGolden.Indicators().Select(m => m.Code), "Area", "Energy", "GDP", "Population"]);
        var period = raw.Periods.Single();
        var indicators = AuditData.FromPanel(raw, period, AsemGolden.Indicators().Select(m => m.Code));
        var denominators = AuditData.FromPanel(raw, period, ["Area", "Energy", "GDP", "Population"]);
        var pairs = IndexAudit.DenominatorCorrelations(indicators, denominators, 0.7);
        var expected = AsemGolden.Read("expected", "analysis", "denom_corr_raw_0.7.csv");
        Assert.Equal(expected.Rows.Length, pairs.Length);
        var compared = 0;
        foreach (var row in expected.Rows)
        {
            var p = Assert.Single(pairs, p => p.IndicatorId == row[0] && p.DenominatorId == row[1]);
            AsemGolden.Round(AsemGolden.Number(row[2]), p.Correlation, 2, $"{row[0]}×{row[1]}");
            compared += 3; // Ind, Denom (matched by the Single above) and Corr
        }

        Assert.Equal(10 * 3, compared);
        GoldenLedger.Compared("analysis/denom_corr_raw_0.7.csv", compared);
    }

    [SharedDataFact(AsemGolden.Folder)]
    public void CronbachByGroup_RawNormalisedAggregated_MatchesGetCronbachTo1e9()
    {
        var expected = AsemGolden.Read("expected", "analysis", "cronbach.csv");
        var results = new Dictionary<string, ImmutableArray<GroupReliability>>(StringComparer.Ordinal)
        {
            ["Raw"] = IndexAudit.CronbachByGroup(Data("01_raw.csv"), Definition.Value, 1),
            ["Normalised"] = IndexAudit.CronbachByGroup(Data("06_normalised.csv"), Definition.Value, 1),
            ["Aggregated"] = IndexAudit.CronbachByGroup(Data("07_aggregated.csv"), Definition.Value, 2),
        };
        var compared = 0;
        foreach (var row in expected.Rows)
        {
            var r = Assert.Single(results[row[0]], g => g.GroupId == row[1]);
            Assert.Equal(int.Parse(row[2], CultureInfo.InvariantCulture), r.GroupLevel);
            Assert.Equal(int.Parse(row[3], CultureInfo.InvariantCulture), r.DataLevel);
            AsemGolden.Near(AsemGolden.Number(row[4]), r.Alpha, Tol, $"{row[0]} {row[1]}");
            compared += 5; // dset, group (matched by the Single above), group_level, data_level, alpha
        }

        Assert.Equal(24 * 5, compared);
        GoldenLedger.Compared("analysis/cronbach.csv", compared);
    }

    public static TheoryData<string, string, int, bool, string?> PcaSets => new()
    {
        { "pca_normalised_L1_bygroup", "06_normalised.csv", 1, true, null },
        { "pca_normalised_L1_all", "06_normalised.csv", 1, false, null },
        { "pca_aggregated_L2_all", "07_aggregated.csv", 2, false, null },
        { "pca_raw_Sust_vignette", "01_raw.csv", 1, true, "Sust" },
    };

    [SharedDataTheory(AsemGolden.Folder)]
    [MemberData(nameof(PcaSets))]
    public void PrincipalComponents_AsemSet_MatchesGetPcaTo1e9UpToSign(string set, string input, int level, bool byGroup, string? within)
    {
        var data = Data(input);
        if (within is not null)
        {
            data = data.Select(Descendants(within));
        }

        var results = IndexAudit.PrincipalComponentsByGroup(data, Definition.Value, level, byGroup);
        var variance = AsemGolden.Read("expected", "analysis", set + "_variance.csv");
        var groups = variance.Column("group").Distinct().ToList();
        Assert.Equal(groups.Count, results.Length);
        var compared = 0;
        var varianceCompared = 0;
        var signs = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var loadingsCompared = compared;
            var pca = byGroup ? Assert.Single(results, r => r.GroupId == g) : results[0];
            var loadings = AsemGolden.Read("expected", "analysis", $"{set}_loadings_{g}.csv");
            var k = loadings.Header.Count(h => h.StartsWith("PC", StringComparison.Ordinal));
            Assert.Equal(k, pca.StandardDeviations.Length);
            Assert.Equal(pca.Variables.Length, loadings.Rows.Length);

            // Sign of each component: the one that aligns our loadings with COINr's.
            var sign = new double[k];
            for (var c = 0; c < k; c++)
            {
                var dot = loadings.Rows.Sum(r => AsemGolden.Number(r[loadings.Col($"PC{c + 1}")]) * pca.Loadings[pca.Variables.IndexOf(r[1])][c]);
                sign[c] = dot < 0 ? -1 : 1;
            }

            signs[g] = sign;
            foreach (var row in loadings.Rows)
            {
                var v = pca.Variables.IndexOf(row[1]);
                Assert.True(v >= 0, row[1]);
                for (var c = 0; c < k; c++)
                {
                    AsemGolden.Near(AsemGolden.Number(row[loadings.Col($"PC{c + 1}")]), sign[c] * pca.Loadings[v][c], Tol, $"{set} {g} {row[1]} PC{c + 1}");
                    compared++;
                }

                AsemGolden.Near(AsemGolden.Number(row[loadings.Col("center")]), pca.Center[v], Tol, $"{set} {g} {row[1]} center");
                AsemGolden.Near(AsemGolden.Number(row[loadings.Col("scale")]), pca.Scale[v], Tol, $"{set} {g} {row[1]} scale");
                compared += 2;
            }

            Assert.Equal(loadings.Rows.Length * (k + 2), compared - loadingsCompared);
            GoldenLedger.Compared($"analysis/{set}_loadings_{g}.csv", compared - loadingsCompared);

            foreach (var row in variance.Rows.Where(r => r[0] == g))
            {
                var c = int.Parse(row[1], CultureInfo.InvariantCulture) - 1;
                AsemGolden.Near(AsemGolden.Number(row[2]), pca.StandardDeviations[c], Tol, $"{set} {g} sdev{c + 1}");
                AsemGolden.Near(AsemGolden.Number(row[3]), pca.Variances[c], Tol, $"{set} {g} variance{c + 1}");
                AsemGolden.Near(AsemGolden.Number(row[4]), pca.ProportionOfVariance[c], Tol, $"{set} {g} prop{c + 1}");
                AsemGolden.Near(AsemGolden.Number(row[5]), pca.CumulativeProportion[c], Tol, $"{set} {g} cum{c + 1}");
                compared += 4;
                varianceCompared += 4;
            }
        }

        // Weights: COINr writes the first-component loadings into the weight table (other rows keep iMeta weights).
        var weights = AsemGolden.Read("expected", "analysis", set + "_weights.csv");
        var weightsCompared = 0;
        foreach (var pca in results)
        {
            var g = pca.GroupId ?? "All";
            for (var v = 0; v < pca.Variables.Length; v++)
            {
                var row = weights.Rows.Single(r => r[0] == pca.Variables[v]);
                AsemGolden.Near(AsemGolden.Number(row[2]), signs[g][0] * pca.Weights[v], Tol, $"{set} weight {pca.Variables[v]}");
                Assert.Equal(pca.Weights[v] * pca.Weights[v], pca.SquaredLoadingWeights[v], 15);
                weightsCompared++;
            }
        }

        // The other rows of COINr's weight table keep the definition's (iMeta) weights: compare them too.
        var pcaVariables = results.SelectMany(r => r.Variables).ToHashSet(StringComparer.Ordinal);
        var definitionWeights = Definition.Value.Groups.SelectMany(g => g.Children).ToDictionary(c => c.Id, c => c.Weight, StringComparer.Ordinal);
        definitionWeights["Index"] = 1; // the root has no weight in a definition; COINr's weight table gives it iMeta's 1
        var keptCompared = 0;
        foreach (var row in weights.Rows.Where(r => !pcaVariables.Contains(r[0])))
        {
            AsemGolden.Near(AsemGolden.Number(row[2]), definitionWeights[row[0]], Tol, $"{set} kept weight {row[0]}");
            keptCompared++;
        }

        var expectedCompared = groups.Sum(g =>
        {
            var l = AsemGolden.Read("expected", "analysis", $"{set}_loadings_{g}.csv");
            return (l.Rows.Length * (l.Header.Length - 2)) + (4 * variance.Rows.Count(r => r[0] == g));
        });
        Assert.Equal(expectedCompared, compared);
        Assert.Equal(results.Sum(r => r.Variables.Length), weightsCompared);
        Assert.Equal(60, weightsCompared + keptCompared);
        Assert.Equal(variance.Rows.Length * 4, varianceCompared);
        GoldenLedger.Compared($"analysis/{set}_variance.csv", varianceCompared);
        GoldenLedger.Compared($"analysis/{set}_weights.csv", weightsCompared + keptCompared);
    }

    private static AuditData Data(string pipelineFile)
    {
        var panel = AsemGolden.Panel(["expected", "pipeline", pipelineFile]);
        return AuditData.FromPanel(panel, AsemGolden.Period);
    }

    private static ImmutableArray<string> Descendants(string group)
    {
        var meta = AsemGolden.IMeta();
        var result = ImmutableArray.CreateBuilder<string>();
        var stack = new Stack<string>([group]);
        while (stack.Count > 0)
        {
            var g = stack.Pop();
            foreach (var c in meta.Where(m => m.Parent == g))
            {
                if (c.Type == "Indicator")
                {
                    result.Add(c.Code);
                }
                else
                {
                    stack.Push(c.Code);
                }
            }
        }

        return result.ToImmutable();
    }
}
