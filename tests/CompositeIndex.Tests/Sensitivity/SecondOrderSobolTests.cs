using System.Collections.Immutable;
using CompositeIndex.Sensitivity;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Second-order Sobol' indices (Saltelli 2002 design with the BA_i matrices; SALib's calc_second_order=True).</summary>
public class SecondOrderSobolTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static double[] Run(SobolDesign design, Func<double[], double> f)
    {
        var y = new double[design.RunCount];
        var x = new double[design.Factors];
        for (var r = 0; r < y.Length; r++)
        {
            design.GetRun(r, x);
            y[r] = f(x);
        }

        return y;
    }

    /// <summary>
    /// Analytic second-order indices of the Ishigami function f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π)
    /// (T. Ishigami and T. Homma, ISUMA '90, 398–403, 1990; A. Saltelli et al., Global Sensitivity Analysis. The Primer,
    /// Wiley 2008, §4.9): the only interaction term is b·sin x1·(x3⁴ − E[x3⁴]), so
    /// V13 = b²·E[sin² x1]·Var(x3⁴) = b²·½·(π⁸/9 − π⁸/25) = b²π⁸(1/18 − 1/50) (E[x3⁸] = π⁸/9, E[x3⁴] = π⁴/5),
    /// S13 = V13 / V and S12 = S23 = 0, with V = V1 + V2 + V13, V1 = ½(1 + bπ⁴/5)², V2 = a²/8.
    /// </summary>
    private static (double S12, double S13, double S23) IshigamiSecondOrder(double a, double b)
    {
        var pi4 = Math.Pow(Math.PI, 4);
        var pi8 = pi4 * pi4;
        var v1 = 0.5 * Math.Pow(1 + (b * pi4 / 5), 2);
        var v2 = a * a / 8;
        var v13 = b * b * pi8 * ((1.0 / 18) - (1.0 / 50));
        return (0, v13 / (v1 + v2 + v13), 0);
    }

    [Fact]
    public void Analyze_IshigamiN2Pow14_S2WithinAnalyticValuesBy0_02()
    {
        var (s12, s13, s23) = IshigamiSecondOrder(7, 0.1);
        Assert.Equal(0.2437, s13, 4); // the published value (the Primer: ST3 = S13 = 0.2437)
        var design = SobolDesign.Create(3, 1 << 14, seed: 42, secondOrder: true);
        Assert.Equal((1 << 14) * 8, design.RunCount);
        var y = Run(design, x => TestFunctions.Ishigami(x, 7, 0.1));
        var s = SobolAnalyzer.Analyze(design, y);
        Assert.Equal(3, s.SecondOrder.Length);
        Assert.Equal(("x1", "x2"), (s.SecondOrder[0].FirstFactor, s.SecondOrder[0].SecondFactor));
        Assert.Equal(("x1", "x3"), (s.SecondOrder[1].FirstFactor, s.SecondOrder[1].SecondFactor));
        Assert.Equal(("x2", "x3"), (s.SecondOrder[2].FirstFactor, s.SecondOrder[2].SecondFactor));
        output.WriteLine(string.Join("; ", s.SecondOrder) + $"; analytic S13 = {s13:0.#####}");
        Assert.InRange(s.SecondOrder[0].S2, s12 - 0.02, s12 + 0.02);
        Assert.InRange(s.SecondOrder[1].S2, s13 - 0.02, s13 + 0.02);
        Assert.InRange(s.SecondOrder[2].S2, s23 - 0.02, s23 + 0.02);
        foreach (var p in s.SecondOrder)
        {
            Assert.True(p.S2Conf > 0 && p.S2Conf < 0.1, $"{p}");
        }

        // S1 and ST of the same design stay within the published values too.
        var (s1, st) = TestFunctions.IshigamiIndices();
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(s.Factors[i].S1, s1[i] - 0.01, s1[i] + 0.01);
            Assert.InRange(s.Factors[i].ST, st[i] - 0.01, st[i] + 0.01);
        }
    }

    [Fact]
    public void Analyze_SecondOrderDesign_S1AndSTBitIdenticalToFirstOrderDesign()
    {
        // The A, B and AB_i points do not depend on the second-order flag, and the estimators read only those runs.
        var first = SobolDesign.Create(4, 256, seed: 3);
        var second = SobolDesign.Create(4, 256, seed: 3, secondOrder: true);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        double[] a = [0, 1, 4.5, 9];
        var s1 = SobolAnalyzer.Analyze(first, Run(first, x => TestFunctions.SobolG(x, a)));
        var s2 = SobolAnalyzer.Analyze(second, Run(second, x => TestFunctions.SobolG(x, a)));
        Assert.Empty(s1.SecondOrder);
        Assert.Equal(6, s2.SecondOrder.Length);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(s1.Factors[i].S1), BitConverter.DoubleToInt64Bits(s2.Factors[i].S1));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s1.Factors[i].ST), BitConverter.DoubleToInt64Bits(s2.Factors[i].ST));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s1.Factors[i].S1Conf), BitConverter.DoubleToInt64Bits(s2.Factors[i].S1Conf));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s1.Factors[i].STConf), BitConverter.DoubleToInt64Bits(s2.Factors[i].STConf));
        }
    }

    [Fact]
    public void Design_SecondOrderLayout_BAiIsBWithColumnIFromA()
    {
        var d = SobolDesign.Create(3, 4, seed: 1, secondOrder: true);
        Assert.Equal(8, d.RunsPerRow);
        Assert.Equal(["A", "AB1", "AB2", "AB3", "BA1", "BA2", "BA3", "B"], Enumerable.Range(0, 8).Select(d.BlockLabel));
        var x = new double[3];
        d.GetRun((2 * 8) + 5, x); // row 2, BA2
        Assert.Equal(d.GetB(2)[0], x[0]);
        Assert.Equal(d.GetA(2)[1], x[1]);
        Assert.Equal(d.GetB(2)[2], x[2]);
        d.GetRun((2 * 8) + 7, x); // row 2, B
        Assert.Equal(d.GetB(2).ToArray(), x);
    }

    [Fact]
    public void Run_SecondOrderIndex_Dop1VersusDop2BitIdenticalAndS1STEqualToFirstOrderRun()
    {
        var index = SensitivityFixtures.Index();
        var panel = SensitivityFixtures.Panel(index);
        var analysis = new SensitivityDefinition
        {
            Factors =
            [
                new UniformWeightsFactor("g0", 0.3),
                new NormalizationChoiceFactor(null, [Normalization.MinMax(1, 100), Normalization.ZScore(10, 2)]),
                new AggregationChoiceFactor("root", [Aggregation.Arithmetic(), Aggregation.Geometric()]),
            ],
            Scheme = SamplingScheme.Saltelli,
            Samples = 32,
            Seed = 5,
            SecondOrder = true,
            Outputs = [new SensitivityOutput(OutputKind.MeanAbsoluteRankShift), new SensitivityOutput(OutputKind.Score, "2020", "u05")],
        };
        var one = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 1 });
        var two = SensitivityAnalysis.Run(index, panel, analysis, new SensitivityOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(32 * 8, one.RunCount);
        SensitivityRunnerTests.AssertBitIdentical(one, two);
        Assert.Equal(3, one.Sensitivities[0].SecondOrder.Length);
        Assert.Equal(("weights(g0)", "normalization(index)"), (one.Sensitivities[0].SecondOrder[0].FirstFactor, one.Sensitivities[0].SecondOrder[0].SecondFactor));
        Assert.All(one.Sensitivities.SelectMany(s => s.SecondOrder), p => Assert.True(double.IsFinite(p.S2)));

        var firstOrder = SensitivityAnalysis.Run(index, panel, analysis with { SecondOrder = false });
        Assert.Equal(32 * 5, firstOrder.RunCount);
        Assert.All(firstOrder.Sensitivities, s => Assert.Empty(s.SecondOrder));
        for (var o = 0; o < one.Sensitivities.Length; o++)
        {
            SensitivityRunnerTests.AssertSameFactors(firstOrder.Sensitivities[o].Factors, one.Sensitivities[o].Factors);
        }

        using var json = new MemoryStream();
        one.WriteJson(json);
        var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.True(doc.RootElement.GetProperty("secondOrder").GetBoolean());
        Assert.Equal(3, doc.RootElement.GetProperty("sensitivities")[0].GetProperty("secondOrder").GetArrayLength());
    }

    [Fact]
    public void Validate_SecondOrderWithoutSaltelliOrWithOneFactor_ReportsBoth()
    {
        var index = SensitivityFixtures.Index();
        var report = new SensitivityDefinition { Factors = [new UniformWeightsFactor("g0", 0.3)], Scheme = SamplingScheme.MonteCarlo, SecondOrder = true }.Validate(index);
        Assert.Equal(2, report.Errors.Count(e => e.Path == "$.secondOrder"));
    }

    [Fact]
    public void Json_SecondOrder_RoundTrips()
    {
        var d = new SensitivityDefinition { Factors = [new UniformWeightsFactor("g0", 0.3), new UniformWeightsFactor("g1", 0.3)], Scheme = SamplingScheme.Saltelli, SecondOrder = true };
        var text = System.Text.Json.JsonSerializer.Serialize(d, CompositeIndex.Serialization.IndexDefinitionSerializer.Default.Options);
        Assert.Contains("\"secondOrder\": true", text.Replace("\":true", "\": true", StringComparison.Ordinal), StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<SensitivityDefinition>(text, CompositeIndex.Serialization.IndexDefinitionSerializer.Default.Options)!;
        Assert.Equal(d, back);
        Assert.Equal(ImmutableArray<SensitivityOutput>.Empty, back.Outputs);
    }
}
