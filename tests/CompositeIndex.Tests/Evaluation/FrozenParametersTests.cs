using System.Text;
using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Evaluation;

/// <summary>Fit on earlier data, freeze, apply to later data: checked against hand computations; regeneration from the run record.</summary>
public class FrozenParametersTests
{
    private static readonly string[] Units = ["u1", "u2", "u3"];

    /// <summary>a: min-max 0–100; b: z-score; root: arithmetic mean with equal weights.</summary>
    private static IndexDefinition Definition(NormalizationReference reference) =>
        IndexBuilder.Create("f", "Frozen")
            .Indicator("a", i => i.Normalize(Normalization.MinMax(0, 100, reference)))
            .Indicator("b", i => i.Normalize(Normalization.ZScore(reference: reference)))
            .Group("root", g => g.Add("a").Add("b"))
            .Build();

    private static Panel Data(params (string Period, double[] A, double[] B)[] periods)
    {
        var panel = new PanelBuilder();
        foreach (var (period, a, b) in periods)
        {
            for (var j = 0; j < Units.Length; j++)
            {
                panel.AddValue("a", Units[j], period, a[j]).AddValue("b", Units[j], period, b[j]);
            }
        }

        return panel.Build();
    }

    private static Panel Data2022To2023() => Data(("2022", [1, 5, 9], [10, 20, 30]), ("2023", [3, 7, 11], [20, 30, 40]));

    private static Panel Data2024() => Data(("2024", [2, 12, 6], [25, 36, 14]));

    private static byte[] Json(IndexResult r)
    {
        using var ms = new MemoryStream();
        r.WriteJson(ms);
        return ms.ToArray();
    }

    [Fact]
    public void Pooled2022To2023_Frozen_Evaluate2024_EqualsTheHandComputation()
    {
        var fitted = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2022To2023());

        var frozen = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2024(), FrozenParameters.From(fitted));

        // By hand, pooled over 2022–2023: a ∈ {1,5,9,3,7,11} → min 1, max 11; b ∈ {10,20,30,20,30,40} → mean 25,
        // sample variance (225+25+25+25+25+225)/5 = 110.
        var sd = Math.Sqrt(110);
        double[] a = [100 * (2 - 1) / 10.0, 100 * (12 - 1) / 10.0, 100 * (6 - 1) / 10.0];
        double[] b = [(25 - 25) / sd, (36 - 25) / sd, (14 - 25) / sd];
        for (var j = 0; j < Units.Length; j++)
        {
            Assert.Equal(a[j], frozen.GetScore("a", Units[j], "2024"), 12);
            Assert.Equal(b[j], frozen.GetScore("b", Units[j], "2024"), 12);
            Assert.Equal((a[j] + b[j]) / 2, frozen.GetScore("root", Units[j], "2024"), 12);
        }

        Assert.Equal(110.0, frozen.GetScore("a", "u2", "2024"), 12); // outside [0, 100]: frozen bounds are not refitted
        Assert.Equal(new MinMaxParameters(1, 11), frozen.GetFittedParameters("a", "2024"));
        Assert.Equal(new ZScoreParameters(25, sd), frozen.GetFittedParameters("b", "2024"));
        Assert.True(frozen.Run.ParametersFrozen);
        Assert.False(fitted.Run.ParametersFrozen);
    }

    [Fact]
    public void PerPeriod_Frozen_CarriesTheLastPeriodForward_AndAnExactPeriodWins()
    {
        var fitted = CompiledIndex.Compile(Definition(NormalizationReference.PerPeriod)).Evaluate(Data2022To2023());
        var index = CompiledIndex.Compile(Definition(NormalizationReference.PerPeriod));

        var later = index.Evaluate(Data2024(), FrozenParameters.From(fitted));
        var again = index.Evaluate(Data(("2022", [2, 12, 6], [25, 36, 14])), FrozenParameters.From(fitted));

        Assert.Equal(new MinMaxParameters(3, 11), fitted.GetFittedParameters("a", "2023"));
        Assert.Equal(100 * (2 - 3) / 8.0, later.GetScore("a", "u1", "2024"), 12); // 2023's min 3, max 11
        Assert.Equal(100 * (2 - 1) / 8.0, again.GetScore("a", "u1", "2022"), 12); // 2022's own min 1, max 9
    }

    [Fact]
    public void Frozen_IndicatorWithoutParameters_IsFittedOnTheData_AndTheAuditSaysSo()
    {
        var fitted = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2022To2023());
        var onlyA = FrozenParameters.From(fitted.Parameters.Where(x => x.IndicatorId == "a"));

        var result = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2024(), onlyA);

        Assert.Equal(new ZScoreParameters(25, 11), result.GetFittedParameters("b", "2024")); // fitted on 2024: mean 25, sd 11
        Assert.Contains(result.Audit, e => e.NodeId == "b" && e.Message.Contains("fitted on the data", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Audit, e => e.NodeId == "a");
    }

    [Fact]
    public void Frozen_ZeroRange_ThrowsNumericalException_NamingIndicatorAndPeriod()
    {
        var frozen = FrozenParameters.From([new NormalizationParameter("a", null, "min", 4), new NormalizationParameter("a", null, "max", 4)]);

        var ex = Assert.Throws<NumericalException>(() => CompiledIndex.Compile(Definition(NormalizationReference.PerPeriod)).Evaluate(Data2024(), frozen));

        Assert.Equal(("a", "2024"), (ex.NodeId, ex.Period));
    }

    [Fact]
    public void Frozen_MissingName_ThrowsDataExceptionNamingWhatIsNeeded()
    {
        var frozen = FrozenParameters.From([new NormalizationParameter("a", null, "min", 1)]);

        var ex = Assert.Throws<IndexDataException>(() => CompiledIndex.Compile(Definition(NormalizationReference.PerPeriod)).Evaluate(Data2024(), frozen));

        Assert.Contains("have no 'max'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_ResultJsonAndParametersFile_GiveTheSameParameters()
    {
        var fitted = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2022To2023());
        var dir = Directory.CreateTempSubdirectory("compindex-frozen").FullName;
        var resultFile = Path.Combine(dir, "result.json");
        var parametersFile = Path.Combine(dir, "parameters.json");
        File.WriteAllBytes(resultFile, Json(fitted));
        File.WriteAllText(parametersFile, """{ "parameters": [ { "indicator": "a", "name": "min", "value": 1 }, { "indicator": "a", "name": "max", "value": 11 } ] }""", Encoding.UTF8);

        Assert.Equal(fitted.Parameters.AsEnumerable(), FrozenParameters.ReadFile(resultFile).Parameters.AsEnumerable());
        var fromFile = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2024(), FrozenParameters.ReadFile(parametersFile));
        Assert.Equal(10.0, fromFile.GetScore("a", "u1", "2024"), 12);
        Assert.Throws<IndexDataException>(() => FrozenParameters.ReadFile(Path.Combine(dir, "absent.json")));
        File.WriteAllText(parametersFile, """{ "parameters": [ { "indicator": "a", "name": "min", "value": "one" } ] }""");
        Assert.Equal("$.parameters[0]", Assert.Throws<IndexDataException>(() => FrozenParameters.ReadFile(parametersFile)).Column);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RunRecord_Regenerate_GivesIdenticalBytes_AlsoFromTheSavedFile(bool frozen)
    {
        var index = CompiledIndex.Compile(Definition(NormalizationReference.Pooled));
        var data = frozen ? Data2024() : Data2022To2023();
        var result = frozen ? index.Evaluate(data, FrozenParameters.From(index.Evaluate(Data2022To2023()))) : index.Evaluate(data);
        var bytes = Json(result);

        var regenerated = result.Run.Regenerate(data);
        var saved = IndexResultJson.Read(new MemoryStream(bytes));
        var fromFile = saved.Run.Regenerate(data);

        Assert.Equal(bytes, Json(regenerated));
        Assert.Equal(bytes, Json(fromFile));
        Assert.Equal(result.Run.DataFingerprint, saved.Run.DataFingerprint);
        Assert.Equal(64, result.Run.DataFingerprint!.Length);
    }

    [Fact]
    public void RunRecord_Regenerate_OtherData_ThrowsDataException()
    {
        var result = CompiledIndex.Compile(Definition(NormalizationReference.Pooled)).Evaluate(Data2022To2023());

        var ex = Assert.Throws<IndexDataException>(() => result.Run.Regenerate(Data2024()));

        Assert.Contains(result.Run.DataFingerprint!, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetFittedParameters_NotFittedMethodOrUnknownKeys()
    {
        var definition = IndexBuilder.Create("g", "G").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.Goalposts(0, 10)).Build();
        var result = CompiledIndex.Compile(definition).Evaluate(new PanelBuilder().AddValue("a", "u", "1", 3).Build());

        Assert.Null(result.GetFittedParameters("a", "1"));
        Assert.Throws<UnknownKeyException>(() => result.GetFittedParameters("zz", "1"));
        Assert.Throws<UnknownKeyException>(() => result.GetFittedParameters("root", "1"));
        Assert.Throws<UnknownKeyException>(() => result.GetFittedParameters("a", "9"));
    }
}
