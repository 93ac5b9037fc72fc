using CompositeIndex.Serialization;
using Snippets;

namespace CompositeIndex.Cli.Tests.Docs;

/// <summary>
/// Issue #11: the documentation's snippets (samples/Snippets) run, give the numbers the articles quote, and the charts
/// committed under docs/images are exactly what the snippets draw, so the docs cannot drift from the code.
/// </summary>
public class DocsSnippetsTests
{
    private static string Root => CliRunner.RepoRoot;

    private static Panel QuickStartPanel() => Panel.ReadWideCsv(CliRunner.QuickStartData, new CsvOptions { UnitNameColumn = "name" });

    [Fact]
    public void SobolChart_QuickStartAnalysis_EqualsCommittedImage()
    {
        var definition = IndexDefinitionJson.LoadFile(CliRunner.QuickStartDefinition);
        var result = SensitivitySnippets.Run(definition, QuickStartPanel(), SensitivitySnippets.Build(definition));

        // docs/articles/sensitivity.md quotes these (N = 1024, seed 42), at 3 dp.
        var output = result.Sensitivities.Single(s => s.Output!.Period == "2024");
        var material = output.Factors.Single(f => f.Factor == "weights(material)");
        Assert.Equal(0.170, Math.Round(material.S1, 3));
        Assert.Equal(0.655, Math.Round(material.ST, 3));
        Assert.Equal(File.ReadAllText(Path.Combine(Root, "docs", "images", "sensitivity-sobol.svg")), SensitivitySnippets.SobolChart(result, "2024"));
    }

    [Fact]
    public void RankChart_SeoulDistrictsFactorsFile_EqualsCommittedImage()
    {
        var seoul = IndexDefinitionJson.LoadFile(Path.Combine(Root, "samples", "gallery", "seoul", "seoul.json"));
        var panel = Panel.ReadLongCsv(
            Path.Combine(Root, "samples", "seoul", "data", "districts-synthetic.csv"),
            new CsvOptions { UnitNameColumn = "unit_name", AttributeColumns = ["name_ko"] });
        var analysis = SensitivitySnippets.Load(Path.Combine(Root, "docs", "examples", "seoul-districts-factors.json"));

        var result = Sensitivity.SensitivityAnalysis.Run(seoul, panel, analysis);

        Assert.Equal(File.ReadAllText(Path.Combine(Root, "docs", "images", "sensitivity-rank-intervals.svg")), SensitivitySnippets.RankChart(result, "2024"));
    }

    [Fact]
    public void HdiFluentSnippet_ComparedWithSampleJson_IsEqual()
    {
        var json = IndexDefinitionJson.LoadFile(Path.Combine(Root, "samples", "gallery", "hdi", "hdi.json"));

        Assert.Equal(json, HdiSnippets.Fluent());
    }

    [Fact]
    public void SeoulSnippets_IllustrativeData_GivePublishedOverallTo1Decimal()
    {
        var result = SeoulSnippets.Compute(
            Path.Combine(Root, "samples", "gallery", "seoul", "seoul.json"),
            Path.Combine(Root, "samples", "seoul", "data", "illustrative-values.csv"));
        var change = SeoulSnippets.Change(result);

        // Published: 111.0 (2023) and 130.6 (2024); the decomposition sums to the change exactly.
        Assert.Equal("111.0", result.GetOutput("overall").Format("SEOUL", "2023"));
        Assert.Equal("130.6", result.GetOutput("overall").Format("SEOUL", "2024"));
        Assert.Equal(change.Change, change.TopLevel.Sum(c => c.Contribution), 9);
    }

    [Fact]
    public void FaqSnippets_QuickStart_GeometricFailsAndFrozenGoalpostsReproduceFittedScores()
    {
        var definition = IndexDefinitionJson.LoadFile(CliRunner.QuickStartDefinition) with { Normalization = Normalization.MinMax(0, 100) };
        var panel = QuickStartPanel();
        var path = Path.Combine(Path.GetTempPath(), $"docs-faq-{Guid.NewGuid():N}.json");
        try
        {
            FaqSnippets.GeometricError(definition, panel);
            var (shifted, asMissing) = FaqSnippets.GeometricFixes(definition);
            Assert.Throws<NumericalException>(() => CompiledIndex.Compile(definition with { Aggregation = Aggregation.Geometric() }).Evaluate(panel));
            _ = CompiledIndex.Compile(shifted).Evaluate(panel);
            Assert.NotEmpty(CompiledIndex.Compile(asMissing).Evaluate(panel).Audit);

            var fitted = CompiledIndex.Compile(definition).Evaluate(panel);
            var frozen = CompiledIndex.Compile(FaqSnippets.Freeze(definition, panel, path)).Evaluate(panel);
            Assert.Equal(FaqSnippets.Freeze(definition, panel, path), IndexDefinitionJson.LoadFile(path));
            foreach (var unit in fitted.Units)
            {
                Assert.Equal(fitted.GetScore("wellbeing", unit.Id, "2024"), frozen.GetScore("wellbeing", unit.Id, "2024"), 10);
            }

            // Frozen parameters applied to the same data give the fitted scores bit for bit.
            var applied = FaqSnippets.FreezeParameters(definition, panel, panel);
            Assert.True(applied.Run.ParametersFrozen);
            foreach (var unit in fitted.Units)
            {
                Assert.Equal(fitted.GetScore("wellbeing", unit.Id, "2024"), applied.GetScore("wellbeing", unit.Id, "2024"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
