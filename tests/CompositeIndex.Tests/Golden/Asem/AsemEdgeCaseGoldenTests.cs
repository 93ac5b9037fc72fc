namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// COINr function edge cases (expected/edge/function_edge_cases.csv) for the pipeline steps and aggregations, each
/// reproduced through a one-group index, to a relative tolerance of 1e-9. The normalisation rows (n_rank, n_prank,
/// n_borda, n_goalposts and the constant-column n_minmax) belong to the normalisation methods' tests.
/// </summary>
public class AsemEdgeCaseGoldenTests
{
    private static readonly Lazy<List<Dictionary<string, string>>> Rows = new(() =>
        Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "edge", "function_edge_cases.csv")).Rows);

    private static double[] Expected(string caseName) =>
        [.. Rows.Value.Where(r => r["case"] == caseName).OrderBy(r => int.Parse(r["i"], System.Globalization.CultureInfo.InvariantCulture)).Select(r => Table.Number(r["value"]))];

    /// <summary>An index with one indicator per column of <paramref name="columns"/> (one unit per row), identity normalisation.</summary>
    private static (IndexDefinition Definition, Panel Panel) Tiny(double[][] columns, IEnumerable<PipelineStep>? steps = null, double[]? weights = null, string[]? groups = null, AggregationMethod? agg = null, MissingDataPolicy? missing = null)
    {
        var b = IndexBuilder.Create("edge", "Edge").Normalize(new GoalpostsNormalization(0, 1) { Cap = false, Floor = false });
        foreach (var s in steps ?? [])
        {
            b.AddStep(s);
        }

        var pb = new PanelBuilder();
        var n = columns[0].Length;
        for (var u = 0; u < n; u++)
        {
            var unit = new UnitInfo($"u{u + 1}");
            if (groups is not null)
            {
                unit = unit with { Attributes = unit.Attributes.Add("g", groups[u]) };
            }

            pb.AddUnit(unit);
        }

        for (var c = 0; c < columns.Length; c++)
        {
            var id = $"x{c + 1}";
            b.Indicator(id);
            pb.AddIndicator(id);
            for (var u = 0; u < n; u++)
            {
                if (!double.IsNaN(columns[c][u]))
                {
                    pb.AddValue(id, $"u{u + 1}", "1", columns[c][u]);
                }
            }
        }

        pb.AddPeriod("1");
        b.Group("root", g =>
        {
            for (var c = 0; c < columns.Length; c++)
            {
                g.Add($"x{c + 1}", weights?[c] ?? 1);
            }

            if (agg is not null)
            {
                g.Aggregate(agg);
            }

            if (missing is not null)
            {
                g.MissingData(missing);
            }
        });
        return (b.Build(), pb.Build());
    }

    private static double[] Column(PreparationResult p, string id = "x1") => [.. p.Data.Units.Select(u => p.Data.GetValue(id, u, "1"))];

    /// <summary>Compares one case (all its rows) to 1e-9 and records it in the ledger as <c>edge/function_edge_cases.csv#case</c>.</summary>
    private static void AssertClose(string caseName, double[] actual)
    {
        var expected = Expected(caseName);
        var cmp = new Comparer(1e-9).For($"edge/function_edge_cases.csv#{caseName}");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            cmp.Value(expected[i], actual[i], $"[{i}]");
        }

        cmp.AssertAll(expected.Length);
    }

    private const double NA = double.NaN;

    [SharedDataTheory(AsemData.Folder)]
    [InlineData("i_mean(c(1,NA,3,NA))")]
    [InlineData("i_median(c(1,NA,3,10))")]
    [InlineData("i_mean_grp(c(1,NA,3,5,NA,7),f=a,a,a,b,b,b)")]
    public void Imputation_EdgeCase_MatchesCoinr(string caseName)
    {
        var (x, step, groups) = caseName switch
        {
            "i_mean(c(1,NA,3,NA))" => (new[] { 1, NA, 3, NA }, (PipelineStep)Imputation.ColumnMean(), (string[]?)null),
            "i_median(c(1,NA,3,10))" => (new[] { 1, NA, 3, 10 }, Imputation.ColumnMedian(), null),
            _ => (new[] { 1, NA, 3, 5, NA, 7 }, Imputation.GroupMean("g"), new[] { "a", "a", "a", "b", "b", "b" }),
        };
        var (def, panel) = Tiny([x], [step], groups: groups);
        AssertClose(caseName, Column(CompiledIndex.Compile(def).Prepare(panel)));
    }

    [SharedDataFact(AsemData.Folder)]
    public void SkewnessAndKurtosis_EdgeCases_MatchCoinr()
    {
        var (def, panel) = Tiny([[1, 2, 3, 10]], [Treatment.Winsorize(0)]);
        var report = Assert.Single(CompiledIndex.Compile(def).Prepare(panel).Reports.OfType<OutlierTreatmentReport>());
        AssertClose("skew(c(1,2,3,10))", [report.Before.Skewness]);

        (def, panel) = Tiny([[1, 2, 3, 10, 50]], [Treatment.Winsorize(0)]);
        report = Assert.Single(CompiledIndex.Compile(def).Prepare(panel).Reports.OfType<OutlierTreatmentReport>());
        AssertClose("kurt(c(1,2,3,10,50))", [report.Before.Kurtosis]);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Winsorize_EdgeCase_MatchesCoinrValuesAndCount()
    {
        var x = Enumerable.Range(1, 20).Select(i => (double)i).Concat([100.0, 200.0]).ToArray();
        var (def, panel) = Tiny([x], [new OutlierTreatment { Transformation = OutlierTransformation.None }]);
        var prepared = CompiledIndex.Compile(def).Prepare(panel);
        AssertClose("winsorise(c(1:20,100,200))$x", Column(prepared));
        var report = Assert.Single(prepared.Reports.OfType<OutlierTreatmentReport>());
        AssertClose("winsorise(c(1:20,100,200))$nwin", [report.WinsorizedPoints!.Value]);
    }

    [SharedDataFact(AsemData.Folder)]
    public void LogTransform_EdgeCase_MatchesCoinrLogCT()
    {
        var x = Enumerable.Range(1, 20).Select(i => (double)i).Concat([100.0, 200.0]).ToArray();
        var (def, panel) = Tiny([x], [new OutlierTreatment { MaxWinsorizedPoints = 0 }]);
        AssertClose("log_CT(c(1:20,100,200))$x", Column(CompiledIndex.Compile(def).Prepare(panel)));
    }

    [SharedDataFact(AsemData.Folder)]
    public void Aggregation_EdgeCases_MatchCoinr()
    {
        double Score(double[] values, double[] w, AggregationMethod agg, MissingDataPolicy? missing = null)
        {
            var (def, panel) = Tiny([.. values.Select(v => new[] { v })], weights: w, agg: agg, missing: missing);
            return CompiledIndex.Compile(def).Evaluate(panel).GetScore("root", "u1", "1");
        }

        AssertClose("a_amean(c(1,NA,3),c(1,1,2))", [Score([1, NA, 3], [1, 1, 2], Aggregation.Arithmetic())]);
        AssertClose("a_gmean(c(1,NA,4),c(1,1,1))", [Score([1, NA, 4], [1, 1, 1], Aggregation.Geometric())]);
        AssertClose("a_hmean(c(1,NA,4),c(1,1,1))", [Score([1, NA, 4], [1, 1, 1], Aggregation.Harmonic())]);
        AssertClose("a_genmean(c(1,NA,4),c(1,1,1),p=2)", [Score([1, NA, 4], [1, 1, 1], Aggregation.PowerMean(2), MissingData.Propagate())]);
        AssertClose("a_genmean(c(1,2,4),c(1,1,2),p=2)", [Score([1, 2, 4], [1, 1, 2], Aggregation.PowerMean(2), MissingData.Propagate())]);
        AssertClose("a_amean(c(NA,NA),c(1,1))", [Score([NA, NA], [1, 1], Aggregation.Arithmetic())]);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Aggregate_DataThresholdTwoThirds_MatchesCoinrVignette()
    {
        // The aggregation vignette's df1: i1 = (1, 2, 3), i2 = (3, NA, NA), i3 = (1, NA, 1).
        var (def, panel) = Tiny([[1, 2, 3], [3, NA, NA], [1, NA, 1]], missing: MissingData.Renormalize(2.0 / 3.0, ShareBasis.Count));
        var result = CompiledIndex.Compile(def).Evaluate(panel);
        AssertClose("Aggregate(df1,a_amean,w=1,1,1,dat_thresh=2/3) [vignette]", [.. result.GetScores("root", "1").ToArray()]);
    }

    [SharedDataFact(AsemData.Folder)]
    public void MinMaxAndZScore_EdgeCasesWithMissing_MatchCoinr()
    {
        var (def, panel) = Tiny([[1, NA, 3]]);
        def = def with { Normalization = Normalization.MinMax(0, 100) };
        var r = CompiledIndex.Compile(def).Evaluate(panel);
        AssertClose("n_minmax(c(1,NA,3))", [.. r.GetScores("x1", "1").ToArray()]);

        (def, panel) = Tiny([[1, 2, NA, 4]]);
        def = def with { Normalization = Normalization.ZScore() };
        r = CompiledIndex.Compile(def).Evaluate(panel);
        AssertClose("n_zscore(c(1,2,NA,4))", [.. r.GetScores("x1", "1").ToArray()]);
    }
}
