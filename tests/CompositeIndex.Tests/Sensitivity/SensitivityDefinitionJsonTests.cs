using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Sensitivity definitions load and save with a schemaVersion; files written before it existed keep reading.</summary>
public class SensitivityDefinitionJsonTests
{
    private static string QuickStartFactors => Path.Combine(SharedData.RepoRoot, "samples", "QuickStart", "factors.json");

    [Fact]
    public void Load_FileWithoutSchemaVersion_ReadsAsVersion1AndSavesWithIt()
    {
        // samples/QuickStart/factors.json predates "schemaVersion" (the migration case): it must keep reading.
        var text = File.ReadAllText(QuickStartFactors);
        Assert.DoesNotContain("schemaVersion", text, StringComparison.Ordinal);
        var old = SensitivityDefinitionJson.Load(text, "factors.json");
        Assert.Equal(1, old.SchemaVersion);
        Assert.Equal(4, old.Factors.Length);
        Assert.Equal(SamplingScheme.Saltelli, old.Scheme);

        var saved = SensitivityDefinitionJson.Save(old);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,", saved.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var back = SensitivityDefinitionJson.Load(saved);
        Assert.Equal(old, back);
        Assert.Equal(saved, SensitivityDefinitionJson.Save(back));
    }

    [Fact]
    public void Load_NewerOrInvalidSchemaVersion_RefusedWithPath()
    {
        var newer = Assert.Throws<SensitivityDefinitionException>(() => SensitivityDefinitionJson.Load("""{ "schemaVersion": 2, "factors": [], "somethingNew": 1 }""", "f.json"));
        Assert.Equal("$.schemaVersion", newer.Report.Errors.Single().Path);
        Assert.Equal(ErrorCodes.SchemaVersion, newer.Report.Errors.Single().Code);
        Assert.Contains("schema version 2, which is newer", newer.Message, StringComparison.Ordinal);
        Assert.Contains("f.json", newer.Message, StringComparison.Ordinal);

        var invalid = Assert.Throws<SensitivityDefinitionException>(() => SensitivityDefinitionJson.Load("""{ "schemaVersion": "1" }"""));
        Assert.Equal("$.schemaVersion", invalid.Report.Errors.Single().Path);

        var malformed = Assert.Throws<SensitivityDefinitionException>(() => SensitivityDefinitionJson.Load("{\n  \"factors\": [\n    { \"kind\": \"uniformWeights\", \"group\": 3 }\n  ]\n}"));
        Assert.Equal(3, malformed.Report.Errors.Single().Line);
        Assert.Throws<SensitivityDefinitionException>(() => SensitivityDefinitionJson.Load("[]"));

        // A definition built in code with a future version fails validation too.
        var report = new SensitivityDefinition { SchemaVersion = 9 }.Validate(SensitivityFixtures.Index());
        Assert.Contains(report.Errors, e => e.Path == "$.schemaVersion");
    }
}
