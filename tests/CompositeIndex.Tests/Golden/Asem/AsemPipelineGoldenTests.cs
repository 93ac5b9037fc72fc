namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>
/// COINr 1.1.14 build_example_coin() step by step (expected/pipeline/): every data set from Raw to Aggregated,
/// compared to a relative tolerance of 1e-9 (|Δ| ≤ 1e-9·max(1, |expected|)), ranks exactly.
/// </summary>
public class AsemPipelineGoldenTests
{
    private const double Tol = 1e-9;

    public static TheoryData<string, int> Stages => new()
    {
        { "01_raw.csv", 0 },
        { "02_denominated.csv", 1 },
        { "03_imputed.csv", 2 },
        { "04_screened.csv", 3 },
        { "05_treated.csv", 4 },
    };

    [SharedDataTheory(AsemData.Folder)]
    [MemberData(nameof(Stages))]
    public void Prepare_ExampleStepsUpToStage_MatchesCoinrDataSetWithin1e9(string file, int steps)
    {
        var definition = AsemData.Definition(AsemData.ExampleSteps().Take(steps));
        var prepared = CompiledIndex.Compile(definition).Prepare(AsemData.Panel);
        var expected = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", file));
        var cmp = new Comparer(Tol);
        cmp.Table(expected, (unit, ind) => prepared.Data[unit, ind, AsemData.Period], file);
        cmp.AssertAll(51 * 49);
        Assert.Equal(51, prepared.Data.Units.Length);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Prepare_Screening_RemovesNoUnitLikeCoinr()
    {
        var definition = AsemData.Definition(AsemData.ExampleSteps().Take(3));
        var prepared = CompiledIndex.Compile(definition).Prepare(AsemData.Panel);
        var expected = File.ReadAllLines(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "04_screened_removed_units.txt")).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(expected, prepared.RemovedUnits);
        var report = Assert.Single(prepared.Reports.OfType<ScreeningReport>());
        Assert.Equal(51, report.Units.Length);
        Assert.All(report.Units, u => Assert.True(u.DataAvailability >= 0.9));
    }

    [SharedDataFact(AsemData.Folder)]
    public void Evaluate_ExampleCoin_NormalisedAndAggregatedMatchCoinrWithin1e9()
    {
        var result = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps())).Evaluate(AsemData.Panel);
        var period = AsemData.Period;
        var normalised = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "06_normalised.csv"));
        var cmp = new Comparer(Tol);
        cmp.Table(normalised, (unit, node) => result.GetScore(node, unit, period), "06_normalised.csv");
        cmp.AssertAll(51 * 49);

        var aggregated = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "07_aggregated.csv"));
        cmp = new Comparer(Tol);
        cmp.Table(aggregated, (unit, node) => result.GetScore(node, unit, period), "07_aggregated.csv");
        cmp.AssertAll(51 * 60);
    }

    [SharedDataFact(AsemData.Folder)]
    public void Prepare_ExampleTreatment_DetailsAndPointsMatchCoinr()
    {
        var prepared = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps())).Prepare(AsemData.Panel);
        var cmp = new Comparer(Tol);
        CompareTreatment(prepared, "pipeline", "05_treated_details.csv", "05_treated_points.csv", cmp);
        cmp.AssertAll((49 * 7) + (51 * 49));
    }

    public static TheoryData<int> Winmax => [1, 2, 3, 4, 5];

    [SharedDataTheory(AsemData.Folder)]
    [MemberData(nameof(Winmax))]
    public void Prepare_TreatScreenedWithWinmax_MatchesCoinrDataDetailsAndPointsWithin1e9(int winmax)
    {
        var prepared = CompiledIndex.Compile(AsemData.Definition(AsemData.ExampleSteps(winmax))).Prepare(AsemData.Panel);
        var file = $"screened_winmax{winmax}.csv";
        var expected = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "treat", file));
        var cmp = new Comparer(Tol);
        cmp.Table(expected, (unit, ind) => prepared.Data[unit, ind, AsemData.Period], file);
        var details = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "treat", $"screened_winmax{winmax}_details.csv"));
        var columns = details.Header.Count - 1;
        CompareTreatment(prepared, "treat", $"screened_winmax{winmax}_details.csv", $"screened_winmax{winmax}_points.csv", cmp);
        cmp.AssertAll((51 * 49) + (49 * columns) + (51 * 49));
    }

    /// <summary>
    /// Compares our <see cref="OutlierTreatmentReport"/>s with COINr's Dets_Table (check_SkewKurt0/1/2 .Pass/.Skew/.Kurt and
    /// winsorise.nwin) and Treated_Points ("winhi"/"winlo", "+log_CT" when the log fallback ran).
    /// </summary>
    internal static void CompareTreatment(PreparationResult prepared, string folder, string detailsFile, string pointsFile, Comparer cmp)
    {
        var reports = prepared.Reports.OfType<OutlierTreatmentReport>().ToDictionary(r => r.IndicatorId);
        var details = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", folder, detailsFile));
        foreach (var row in details.Rows)
        {
            var r = reports[row["iCode"]];
            void Check(string prefix, SkewKurtosis? c)
            {
                if (!row.ContainsKey($"{prefix}.Pass"))
                {
                    return;
                }

                cmp.Equal(row[$"{prefix}.Pass"], c is null ? "NA" : c.Passed ? "TRUE" : "FALSE", $"{detailsFile} {row["iCode"]} {prefix}.Pass");
                cmp.Value(Table.Number(row[$"{prefix}.Skew"]), c?.Skewness ?? double.NaN, $"{detailsFile} {row["iCode"]} {prefix}.Skew");
                cmp.Value(Table.Number(row[$"{prefix}.Kurt"]), c?.Kurtosis ?? double.NaN, $"{detailsFile} {row["iCode"]} {prefix}.Kurt");
            }

            Check("check_SkewKurt0", r.Before);
            cmp.Value(Table.Number(row["winsorise.nwin"]), r.WinsorizedPoints ?? double.NaN, $"{detailsFile} {row["iCode"]} nwin");
            Check("check_SkewKurt1", r.AfterWinsorization);
            Check("check_SkewKurt2", r.AfterTransformation);
        }

        // Treated points: rows are units in the order of the screened data set (COINr's), columns indicators.
        var points = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", folder, pointsFile));
        var units = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "04_screened.csv")).Rows.Select(r => r["uCode"]).ToList();
        for (var i = 0; i < points.Rows.Count; i++)
        {
            foreach (var ind in points.Header)
            {
                var r = reports[ind];
                var win = r.WinsorizedHigh.Contains(units[i]) ? "winhi" : r.WinsorizedLow.Contains(units[i]) ? "winlo" : string.Empty;
                var label = r.TransformationApplied is OutlierTransformation.Log ? $"{win}+log_CT" : win;
                cmp.Equal(points.Rows[i][ind], label, $"{pointsFile} {units[i]}/{ind}");
            }
        }
    }
}
