using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// One step of the definition format's history: rewrites a document of schema version <see cref="From"/> into
/// version <see cref="From"/> + 1. Steps run on the parsed tree before any other check, so a file written for an
/// older version loads with the same messages and line numbers as a current one.
/// </summary>
internal interface ISchemaMigration
{
    /// <summary>Gets the version this step reads.</summary>
    int From { get; }

    /// <summary>Rewrites <paramref name="root"/> in place; problems specific to the old format are added to <paramref name="errors"/>.</summary>
    void Apply(JsonTree root, List<DefinitionError> errors);
}

/// <summary>The ordered migration steps, one per version bump (see docs/json-format.md, "Versions").</summary>
internal static class SchemaMigrations
{
    /// <summary>Gets every step, by <see cref="ISchemaMigration.From"/>.</summary>
    public static ImmutableArray<ISchemaMigration> All { get; } = [new V1ToV2()];

    public static void Migrate(JsonTree root, int fromVersion, List<DefinitionError> errors)
    {
        for (var v = fromVersion; v < IndexDefinitionSerializer.CurrentSchemaVersion; v++)
        {
            All.Single(m => m.From == v).Apply(root, errors);
        }
    }
}

/// <summary>
/// Version 1 → 2. Version 1 (the 0.1 previews) differed in two places: every method object named its kind with
/// <c>"type"</c> instead of <c>"method"</c>, and an indicator's direction was COINr's numeric
/// <c>"direction": 1 | -1</c> instead of <c>"polarity": "positive" | "negative"</c>.
/// </summary>
internal sealed class V1ToV2 : ISchemaMigration
{
    private static readonly ImmutableArray<string> MethodSlots = ["normalization", "aggregation", "missingData"];

    /// <inheritdoc/>
    public int From => 1;

    /// <inheritdoc/>
    public void Apply(JsonTree root, List<DefinitionError> errors)
    {
        if (root.Kind != JsonValueKind.Object)
        {
            return;
        }

        RenameDiscriminators(root);
        foreach (var listName in new[] { "groups", "indicators" })
        {
            if (root.Get(listName) is { Kind: JsonValueKind.Array } list)
            {
                for (var i = 0; i < list.Items!.Count; i++)
                {
                    var item = list.Items[i];
                    if (item.Kind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    RenameDiscriminators(item);
                    if (listName == "indicators")
                    {
                        MigrateDirection(item, JsonTree.Index("$.indicators", i), errors);
                    }
                }
            }
        }
    }

    private static void RenameDiscriminators(JsonTree owner)
    {
        foreach (var slot in MethodSlots)
        {
            if (owner.Get(slot) is { Kind: JsonValueKind.Object } method)
            {
                method.Rename("type", DefinitionJsonOptions.Discriminator);
            }
        }
    }

    private static void MigrateDirection(JsonTree indicator, string path, List<DefinitionError> errors)
    {
        var direction = indicator.Find("direction");
        if (direction is null)
        {
            return;
        }

        if (indicator.Find("polarity") is not null)
        {
            errors.Add(new DefinitionError(ErrorCodes.Json, $"{path}.direction", "A version-1 indicator gives both \"direction\" and \"polarity\"; keep one.") { Line = direction.Line });
            indicator.Remove("direction");
            return;
        }

        var text = direction.Value.Kind == JsonValueKind.Number ? direction.Value.Text : null;
        var polarity = text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d switch { 1 => "positive", -1 => "negative", _ => null }
            : null;
        if (polarity is null)
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidJsonValue, $"{path}.direction", $"A version-1 direction must be 1 or -1, found {direction.Value.Describe()}.") { Line = direction.Line });
            indicator.Remove("direction");
            return;
        }

        direction.Name = "polarity";
        direction.Value = JsonTree.String(polarity, direction.Value.Line);
    }
}
