using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;

namespace CompositeIndex.Cli;

/// <summary>
/// The starter factors file of <c>compindex new --factors &lt;definition&gt; --data &lt;csv&gt;</c>: a sensitivity analysis
/// whose alternatives are checked on the data to work together. Normalisation min-max to [1, 100] or rank (both
/// positive, so a geometric mean is defined), aggregation arithmetic or geometric, ±25 % uniform noise on the weights of
/// every group with two or more children, and leaving out one indicator (or none). Every combination of the choice
/// alternatives is evaluated once on the data; an alternative that fails in a combination is dropped, and the comment
/// says which and why.
/// </summary>
internal static class StarterFactors
{
    /// <summary>The base sample of the starter's Saltelli design (N·(k + 2) runs).</summary>
    private const int BaseSamples = 128;

    /// <summary>The relative spread of the starter's weight noise.</summary>
    private const double WeightSpread = 0.25;

    public static (SensitivityDefinition Analysis, IReadOnlyList<string> Notes) Create(IndexDefinition index, Panel panel)
    {
        var normalizations = new List<NormalizationMethod> { Normalization.MinMax(1, 100), Normalization.Rank() };
        var aggregations = new List<AggregationMethod> { Aggregation.Arithmetic(), Aggregation.Geometric() };
        var notes = new List<string>();

        // Drop the alternative that takes part in the most failing combinations until every combination evaluates.
        while (true)
        {
            var probe = new SensitivityDefinition
            {
                Factors = [new NormalizationChoiceFactor(null, [.. normalizations]), new AggregationChoiceFactor(null, [.. aggregations])],
                Scheme = SamplingScheme.Given,
                DesignRows = [.. Enumerable.Range(0, normalizations.Count).SelectMany(n => Enumerable.Range(0, aggregations.Count).Select(a => ImmutableArray.Create(n, a)))],
                OnFailure = FailurePolicy.Record,
            };
            var failed = SensitivityAnalysis.Run(index, panel, probe).FailedRuns;
            if (failed.IsEmpty)
            {
                break;
            }

            var byAlternative = failed.SelectMany(f => f.Levels.Select((l, i) => (Factor: i, l.Level!.Value))).GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Factor).ThenBy(g => g.Key.Value);
            var (factor, level) = byAlternative.First(g => (g.Key.Factor == 0 ? normalizations.Count : aggregations.Count) > 1).Key;
            var example = failed.First(f => f.Levels[factor].Level == level);
            if (factor == 0)
            {
                notes.Add($"normalization '{normalizations[level].MethodName}' left out: {example.Error}");
                normalizations.RemoveAt(level);
            }
            else
            {
                notes.Add($"aggregation '{aggregations[level].MethodName}' left out: {example.Error}");
                aggregations.RemoveAt(level);
            }

            if (normalizations.Count == 1 && aggregations.Count == 1)
            {
                break;
            }
        }

        var factors = new List<UncertaintyFactor>();
        if (normalizations.Count > 1)
        {
            factors.Add(new NormalizationChoiceFactor(null, [.. normalizations]));
        }

        if (aggregations.Count > 1)
        {
            factors.Add(new AggregationChoiceFactor(null, [.. aggregations]));
        }

        factors.AddRange(index.Groups.Where(g => g.Children.Length > 1).Select(g => new UniformWeightsFactor(g.Id, WeightSpread)));
        if (index.Indicators.Length > 2)
        {
            factors.Add(new IndicatorExclusionFactor([]));
        }

        var analysis = new SensitivityDefinition
        {
            Factors = [.. factors],
            Scheme = factors.Count > 0 ? SamplingScheme.Saltelli : SamplingScheme.MonteCarlo,
            Samples = factors.Count > 0 ? BaseSamples : 2,
            Seed = 1,
            OnFailure = FailurePolicy.Record,
        };
        var report = analysis.Validate(index);
        if (!report.IsValid)
        {
            throw new IndexDefinitionException(report);
        }

        return (analysis, notes);
    }

    /// <summary>Writes the analysis as JSON with a <c>//</c> header saying what each factor is and how to run it.</summary>
    public static string Write(SensitivityDefinition analysis, IReadOnlyList<string> notes, string definitionFile, string dataOptions, string fileName)
    {
        var json = SensitivityDefinitionJson.Save(analysis).Replace("\r\n", "\n", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append("// Starter sensitivity analysis written by 'compindex new --factors' for ").Append(Path.GetFileName(definitionFile)).Append(".\n");
        sb.Append("// Factors (each one uncertain choice; Saltelli design, ").Append(analysis.RunCount).Append(" runs, so Sobol indices say which choice matters):\n");
        foreach (var f in analysis.Factors)
        {
            sb.Append("//  - ").Append(f switch
            {
                NormalizationChoiceFactor n => $"normalisation of every indicator: {string.Join(" or ", n.Alternatives.Select(a => a.MethodName))} (both positive, so a geometric mean is defined)",
                AggregationChoiceFactor a => $"aggregation of every group: {string.Join(" or ", a.Alternatives.Select(x => x.MethodName))}",
                UniformWeightsFactor u => $"weights of the children of '{u.Group}': each nominal weight times a uniform factor in [0.75, 1.25]",
                IndicatorExclusionFactor => "leave out one indicator (or none), weights re-normalised",
                _ => f.DisplayName(),
            }).Append('\n');
        }

        sb.Append("// Every combination of the alternatives was evaluated once on the data").Append(notes.Count == 0 ? " and works.\n" : "; left out:\n");
        foreach (var note in notes)
        {
            sb.Append("//  - ").Append(string.Concat(note.Select(c => char.IsControl(c) ? ' ' : c))).Append('\n');
        }

        sb.Append("// \"onFailure\": \"record\" lists any run that still fails (e.g. an exclusion leaving a constant column) and leaves it\n");
        sb.Append("// out of the statistics; \"stop\" ends the run at the first failure instead. Run it with:\n");
        sb.Append($"//   compindex sensitivity {definitionFile} {dataOptions} --factors {fileName}\n");
        sb.Append(json.TrimEnd('\n')).Append('\n');
        return sb.ToString();
    }
}
