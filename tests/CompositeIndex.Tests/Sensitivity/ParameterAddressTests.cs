using CompositeIndex.Sensitivity;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>
/// Parameter addresses are JSON Pointers into the method's JSON (set there and read back through the registry), with the
/// dotted camelCase form of earlier files read as the same pointer; steps are found without reflection.
/// </summary>
public class ParameterAddressTests
{
    private static string Root => SharedData.RepoRoot;

    public static TheoryData<string, string> FactorsFiles => new()
    {
        { "samples/QuickStart/factors.json", "samples/QuickStart/wellbeing.json" },
        { "samples/seoul/sensitivity.json", "samples/gallery/seoul/seoul.json" },
        { "docs/examples/seoul-districts-factors.json", "samples/gallery/seoul/seoul.json" },
    };

    [Theory]
    [MemberData(nameof(FactorsFiles))]
    public void ExistingFactorsFiles_StillLoadAndValidate(string factors, string index)
    {
        var definition = IndexDefinitionJson.LoadFile(Path.Combine(Root, index));
        var analysis = SensitivityDefinitionJson.LoadFile(Path.Combine(Root, factors));
        Assert.NotEmpty(analysis.Factors);
        var report = analysis.Validate(definition);
        Assert.True(report.IsValid, string.Join("; ", report.Errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    [Theory]
    [InlineData("basePeriod", "/basePeriod")]
    [InlineData("BasePeriod", "/basePeriod")]
    public void DottedAndPointerForms_GiveBitIdenticalRuns(string dotted, string pointer)
    {
        var index = IndexBuilder.Create("t", "t").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.RatioToBase("2020")).Build();
        var panel = SensitivityFixtures.Panel(index, units: 6, periods: 3);
        SensitivityResult Run(string parameter) => SensitivityAnalysis.Run(
            index,
            panel,
            SensitivityBuilder.For(index).ChooseParameter(null, "normalization", parameter, "2020", "2021", "2022").MonteCarlo(24).Seed(7).Build(),
            new SensitivityOptions { KeepReplicates = true });

        var a = Run(dotted);
        var b = Run(pointer);
        SensitivityRunnerTests.AssertBitIdentical(a, b);
        for (var r = 0; r < 24; r++)
        {
            // Each run equals a direct evaluation with the chosen base period, bit for bit.
            var basePeriod = (2020 + (int)b.Replicates!.GetFactorValues(r).Span[0]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var direct = CompiledIndex.Compile(index with { Normalization = Normalization.RatioToBase(basePeriod) }).Evaluate(panel);
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(direct.GetScores("root", panel.Periods[t]).ToArray(), b.Replicates.GetScores(r, t).ToArray());
                Assert.True(a.Replicates!.GetScores(r, t).Span.SequenceEqual(b.Replicates.GetScores(r, t).Span));
            }
        }
    }

    [Fact]
    public void NestedPointer_SetsTheReferencePeriod_AsTheDottedForm()
    {
        var index = IndexBuilder.Create("t", "t").Indicator("a").Indicator("b")
            .Group("root", g => g.Add("a").Add("b")).Normalize(Normalization.MinMax() with { Reference = NormalizationReference.BasePeriod("2020") }).Build();
        var panel = SensitivityFixtures.Panel(index, units: 6, periods: 3);
        SensitivityResult Run(string parameter) => SensitivityAnalysis.Run(
            index,
            panel,
            SensitivityBuilder.For(index).ChooseParameter(null, "normalization", parameter, "2020", "2022").MonteCarlo(16).Seed(3).Build(),
            new SensitivityOptions { KeepReplicates = true });

        var dotted = Run("reference.period");
        var pointer = Run("/reference/period");
        SensitivityRunnerTests.AssertBitIdentical(dotted, pointer);
        for (var r = 0; r < 16; r++)
        {
            var period = pointer.Replicates!.GetFactorValues(r).Span[0] == 0 ? "2020" : "2022";
            var direct = CompiledIndex.Compile(index with { Normalization = Normalization.MinMax() with { Reference = NormalizationReference.BasePeriod(period) } }).Evaluate(panel);
            Assert.Equal(direct.GetScores("root", "2021").ToArray(), pointer.Replicates.GetScores(r, 1).ToArray());
        }
    }

    [Fact]
    public void ParameterRange_EveryRunEqualsTheMethodWithTheDrawnValue()
    {
        var index = SensitivityFixtures.Index(2, 2);
        var panel = SensitivityFixtures.Panel(index, units: 8, periods: 1);
        var analysis = SensitivityBuilder.For(index).PerturbParameter(null, "normalization", "/upper", 50, 150).MonteCarlo(12).Seed(4).Build();
        var result = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { KeepReplicates = true });
        var nominal = (MinMaxNormalization)index.Normalization!;
        for (var r = 0; r < 12; r++)
        {
            var upper = result.Replicates!.GetFactorValues(r).Span[0];
            Assert.InRange(upper, 50, 150);
            var direct = CompiledIndex.Compile(index with { Normalization = nominal with { Upper = upper } }).Evaluate(panel);
            Assert.Equal(direct.GetScores("root", "2020").ToArray(), result.Replicates.GetScores(r, 0).ToArray());
        }
    }

    [Theory]
    [InlineData("/upperr", "'/upperr' does not resolve", "did you mean 'upper'")]
    [InlineData("/reference/periodd", "'/reference' has no member 'periodd'", "did you mean 'period'")]
    [InlineData("/upper/x", "'/upper' is a value, not an object", "/upper/x")]
    [InlineData("/up~2per", "not a JSON Pointer (RFC 6901)", "'~' must be followed by '0' or '1'")]
    [InlineData("/", "empty reference token", "/reference/period")]
    public void BadPointer_TypedErrorAtTheFactorsParameter_NamingThePointer(string parameter, string expected, string alsoExpected)
    {
        var index = SensitivityFixtures.Index(2, 2) with { Normalization = Normalization.MinMax(1, 100) with { Reference = NormalizationReference.BasePeriod("2020") } };
        var ex = Assert.Throws<SensitivityDefinitionException>(() => SensitivityBuilder.For(index).PerturbWeights("g0", 0.2).PerturbParameter(null, "normalization", parameter, 50, 150).MonteCarlo(4).Build());
        var error = Assert.Single(ex.Report.Errors);
        Assert.Equal((SensitivityErrorCodes.UnknownParameter, "$.factors[1].parameter"), (error.Code, error.Path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(alsoExpected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueTheMethodRefuses_ReportedAtTheValue_BeforeTheRun()
    {
        // maxWinsorizedPoints is an integer: 2.5 does not read back; -1 reads back but the step refuses it.
        var index = SensitivityFixtures.Index(2, 2) with { Steps = [new OutlierTreatment()] };
        var analysis = new SensitivityDefinition { Factors = [new ParameterChoiceFactor(null, OutlierTreatment.Name, "/maxWinsorizedPoints", ["2", "2.5", "-1"])], Samples = 4 };
        var errors = analysis.Validate(index).Errors;
        Assert.Equal(["$.factors[0].values[1]", "$.factors[0].values[2]"], errors.Select(e => e.Path).Distinct().ToArray());
        Assert.All(errors, e => Assert.Equal(SensitivityErrorCodes.InvalidParameter, e.Code));
        Assert.Throws<SensitivityDefinitionException>(() => SensitivityAnalysis.Run(index, SensitivityFixtures.Panel(index), analysis));
    }

    [Fact]
    public void PointerDisplayName_KeepsThePointer_DottedNameUnchanged()
    {
        Assert.Equal("index.normalization.upper", new ParameterRangeFactor(null, "normalization", "upper", 0, 1).DisplayName());
        Assert.Equal("g0.aggregation/p", new ParameterRangeFactor("g0", "aggregation", "/p", 0, 1).DisplayName());
        Assert.Equal("index.normalization/reference/period", new ParameterChoiceFactor(null, "normalization", "/reference/period", ["2020"]).DisplayName());
    }

    [Fact]
    public void StepToggle_UnknownStep_NamesTheOptionalSteps()
    {
        var index = SensitivityFixtures.Index(2, 2);
        var errors = new SensitivityDefinition { Factors = [new StepToggleFactor("weightScaling", "g0"), new StepToggleFactor("missingData")] }.Validate(index).Errors;
        Assert.Equal(2, errors.Length);
        Assert.Contains("Group 'g0' has no optional step 'weightScaling'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("missingData, weighting, adjustment, rounding", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("$.factors[1].step", errors[1].Path);
        Assert.Contains("not set in the definition", errors[1].Message, StringComparison.Ordinal);
    }
}
