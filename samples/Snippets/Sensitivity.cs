using System.Globalization;
using CompositeIndex;
using CompositeIndex.Reporting;
using CompositeIndex.Sensitivity;
using ChartInterval = CompositeIndex.Reporting.RankIntervalItem;

namespace Snippets;

/// <summary>Code of docs/articles/sensitivity.md, on the QuickStart index (samples/QuickStart).</summary>
public static class SensitivitySnippets
{
    public static SensitivityDefinition Build(IndexDefinition definition)
    {
        #region sensitivity-build
        var analysis = SensitivityBuilder.For(definition)
            // each child weight of a group times U(0.1, 1.9), re-normalised
            .PerturbWeights("material", spread: 0.9)
            .PerturbWeights("health", spread: 0.9)
            // exclude nothing, or one of three indicators
            .ExcludeIndicators("income", "employment", "unmet_care")
            // min-max or z-scores, for every indicator (target null)
            .ChooseNormalization(
                null,
                Normalization.MinMax(0, 100, NormalizationReference.Pooled),
                Normalization.ZScore(reference: NormalizationReference.Pooled))
            // N = 1024 base samples: N·(k + 2) = 6,144 runs for k = 4 factors
            .Saltelli(baseSamples: 1024)
            .Seed(42)
            .Build(); // validated against the index
        #endregion
        return analysis;
    }

    public static SensitivityDefinition Load(string path)
    {
        #region sensitivity-load
        // The file `compindex sensitivity --factors` reads ("schemaVersion" checked; older files without it still read)
        var analysis = SensitivityDefinitionJson.LoadFile(path);
        #endregion
        return analysis;
    }

    public static SensitivityResult Run(IndexDefinition definition, Panel panel, SensitivityDefinition analysis)
    {
        #region sensitivity-run
        var result = SensitivityAnalysis.Run(
            definition,
            panel,
            analysis,
            // The number of threads never changes the numbers.
            new SensitivityOptions { MaxDegreeOfParallelism = 2 });

        // Rank intervals: one per unit and period.
        foreach (var r in result.RankIntervals.Where(r => r.Period == "2024"))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.UnitId}: rank {r.NominalRank}, median {r.MedianRank}, " +
                $"5-95 %: {r.LowerRank}-{r.UpperRank}"));
        }

        // Sobol' indices: one set per output (Saltelli scheme only)
        foreach (var output in result.Sensitivities)
        {
            foreach (var f in output.Factors)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{output.Output} {f.Factor}: S1 {f.S1:F3} ± {f.S1Conf:F3}, " +
                    $"ST {f.ST:F3} ± {f.STConf:F3}"));
            }
        }
        #endregion
        return result;
    }

    public static string RankChart(SensitivityResult result, string period)
    {
        #region sensitivity-rank-chart
        var intervals = result.RankIntervals
            .Where(r => r.Period == period)
            .OrderBy(r => r.NominalRank)
            .Select(r => new ChartInterval(r.UnitId, r.LowerRank, r.MedianRank, r.UpperRank)
            {
                Nominal = r.NominalRank,
            });
        string svg = SvgCharts.RankIntervals(
            intervals, new ChartOptions { Title = $"Rank intervals, {period}" });
        #endregion
        return svg;
    }

    public static string SobolChart(SensitivityResult result, string period)
    {
        #region sensitivity-sobol-chart
        var output = result.Sensitivities.First(s => s.Output?.Period == period);
        string svg = SvgCharts.SensitivityIndices(
            output.Factors.Select(f =>
                new SensitivityIndexItem(f.Factor, f.S1, f.S1Conf, f.ST, f.STConf)),
            new ChartOptions { Title = $"Sobol' indices of {output.Output}" });
        #endregion
        return svg;
    }
}
