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
        cmp.Table(expected, (unit, ind) => prepared.Data.GetValue(ind, unit, AsemData.Period), file);
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

        // The file lists no unit: each of the 51 units is checked to be kept (not in the list) — 51 values.
        Assert.Equal(51, prepared.Data.Units.Count(u => !expected.Contains(u)));
        GoldenLedger.Compared("pipeline/04_screened_removed_units.txt", 51);
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
        cmp.Table(expected, (unit, ind) => prepared.Data.GetValue(ind, unit, AsemData.Period), file);
        var details = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "treat", $"screened_winmax{winmax}_details.csv"));
        var columns = details.Header.Count - 1;
        CompareTreatment(prepared, "treat", $"screened_winmax{winmax}_details.csv", $"screened_winmax{winmax}_points.csv", cmp);
        cmp.AssertAll((51 * 49) + (49 * columns) + (51 * 49));
    }

    /// <summary>
    /// COINr's processed metadata of the example coin against our definition and panel: the lineage (indicator →
    /// pillar → sub-index → index), the original weight table, the indicator metadata (level, name, direction, weight,
    /// unit, denominator, parent; iMeta's Target column has no counterpart in a definition and is not compared) and
    /// the unit metadata (name, the four group attributes, period and the four denominators). Strings and integers
    /// exactly, numbers to 1e-9.
    /// </summary>
    [SharedDataFact(AsemData.Folder)]
    public void Definition_ExampleCoin_MatchesCoinrLineageWeightsAndMetadata()
    {
        var definition = AsemData.Definition(AsemData.ExampleSteps());
        var groups = definition.Groups.ToDictionary(g => g.Id);
        var parent = definition.Groups.SelectMany(g => g.Children.Select(c => (c.Id, Parent: g.Id, c.Weight))).ToDictionary(c => c.Id);
        var rootWeight = 1.0; // the root has no weight in a definition; COINr's weight table gives it iMeta's 1
        var indicators = definition.Indicators.ToDictionary(i => i.Id);
        int Level(string id) => groups.TryGetValue(id, out var g) ? 1 + g.Children.Max(c => Level(c.Id)) : 1;
        string Ancestor(string id, int level) => Level(id) == level ? id : Ancestor(parent[id].Parent, level);

        var cmp = new Comparer(Tol);
        var lineage = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "lineage.csv"));
        cmp.For("pipeline/lineage.csv");
        foreach (var row in lineage.Rows)
        {
            for (var level = 1; level <= 4; level++)
            {
                cmp.Equal(row[lineage.Header[level - 1]], Ancestor(row["Indicator"], level), $"lineage {row["Indicator"]} level {level}");
            }
        }

        var weights = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "weights_original.csv"));
        cmp.For("pipeline/weights_original.csv");
        foreach (var row in weights.Rows)
        {
            cmp.Equal(row["Level"], Level(row["iCode"]).ToString(System.Globalization.CultureInfo.InvariantCulture), $"weights {row["iCode"]} Level");
            cmp.Value(Table.Number(row["Weight"]), parent.TryGetValue(row["iCode"], out var c) ? c.Weight : rootWeight, $"weights {row["iCode"]} Weight");
        }

        var denominators = AsemData.Denominators().Denominators;
        var meta = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "meta_ind.csv"));
        cmp.For("pipeline/meta_ind.csv");
        foreach (var row in meta.Rows)
        {
            var id = row["iCode"];
            switch (row["Type"])
            {
                case "Indicator":
                    var ind = indicators[id];
                    cmp.Equal(row["Level"], "1", $"meta {id} Level");
                    cmp.Equal(row["iName"], ind.Name, $"meta {id} iName");
                    cmp.Equal(row["Direction"], ind.Polarity == Polarity.Negative ? "-1" : "1", $"meta {id} Direction");
                    cmp.Value(Table.Number(row["Weight"]), parent[id].Weight, $"meta {id} Weight");
                    cmp.Equal(row["Unit"], ind.MeasurementUnit, $"meta {id} Unit");
                    cmp.Equal(row["Denominator"], denominators.TryGetValue(id, out var d) ? d.Variable : "NA", $"meta {id} Denominator");
                    cmp.Equal(row["Parent"], parent[id].Parent, $"meta {id} Parent");
                    break;
                case "Aggregate":
                    cmp.Equal(row["Level"], Level(id).ToString(System.Globalization.CultureInfo.InvariantCulture), $"meta {id} Level");
                    cmp.Equal(row["iName"], groups[id].Name, $"meta {id} iName");
                    cmp.Value(Table.Number(row["Weight"]), parent.TryGetValue(id, out var p) ? p.Weight : rootWeight, $"meta {id} Weight");
                    cmp.Equal(row["Parent"], parent.TryGetValue(id, out p) ? p.Parent : "NA", $"meta {id} Parent");
                    break;
                case "Group":
                    cmp.Equal(true, AsemData.Panel.UnitInfo.All(u => u.Attributes.ContainsKey(id)), $"meta {id} is a unit attribute");
                    break;
                default:
                    cmp.Equal("Denominator", row["Type"], $"meta {id} Type");
                    cmp.Equal(true, AsemData.Panel.Indicators.Contains(id) && denominators.Values.Any(v => v.Variable == id), $"meta {id} is a denominator column");
                    break;
            }
        }

        var units = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "meta_unit.csv"));
        cmp.For("pipeline/meta_unit.csv");
        foreach (var row in units.Rows)
        {
            var u = AsemData.Panel.UnitInfo.Single(x => x.Id == row["uCode"]);
            cmp.Equal(row["uName"], u.Name, $"unit {u.Id} uName");
            foreach (var a in AsemData.Attributes)
            {
                cmp.Equal(row[a], u.Attributes[a], $"unit {u.Id} {a}");
            }

            cmp.Equal(row["Time"], AsemData.Period, $"unit {u.Id} Time");
            foreach (var den in new[] { "Area", "Energy", "GDP", "Population" })
            {
                cmp.Value(Table.Number(row[den]), AsemData.Panel.GetValue(den, u.Id, AsemData.Period), $"unit {u.Id} {den}");
            }
        }

        cmp.AssertAll((49 * 4) + (60 * 2) + ((49 * 7) + (11 * 4) + 4 + (4 * 2)) + (51 * 10));
    }

    /// <summary>
    /// Compares our <see cref="OutlierTreatmentReport"/>s with COINr's Dets_Table (check_SkewKurt0/1/2 .Pass/.Skew/.Kurt and
    /// winsorise.nwin) and Treated_Points ("winhi"/"winlo", "+log_CT" when the log fallback ran).
    /// </summary>
    internal static void CompareTreatment(PreparationResult prepared, string folder, string detailsFile, string pointsFile, Comparer cmp)
    {
        var reports = prepared.Reports.OfType<OutlierTreatmentReport>().ToDictionary(r => r.IndicatorId);
        var details = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", folder, detailsFile));
        cmp.For($"{folder}/{detailsFile}");
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
        cmp.For($"{folder}/{pointsFile}");
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
