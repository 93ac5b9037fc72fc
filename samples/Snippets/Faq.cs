using CompositeIndex;
using CompositeIndex.Serialization;

namespace Snippets;

/// <summary>Code of docs/articles/faq.md.</summary>
public static class FaqSnippets
{
    public static string? GeometricError(IndexDefinition definition, Panel panel)
    {
        ArgumentNullException.ThrowIfNull(definition);
        #region faq-geometric-error
        // Min-max to [0, 100] gives the worst unit of each indicator exactly 0,
        // which is outside the geometric mean's domain.
        var geometric = definition with
        {
            Normalization = Normalization.MinMax(0, 100),
            Aggregation = Aggregation.Geometric(),
        };
        try
        {
            CompiledIndex.Compile(geometric).Evaluate(panel);
        }
        catch (NumericalException ex)
        {
            // The message names the group, the child and its value.
            Console.WriteLine($"{ex.NodeId} / {ex.UnitId} / {ex.Period}: {ex.Message}");
        }
        #endregion
        return null;
    }

    public static (IndexDefinition Shifted, IndexDefinition AsMissing) GeometricFixes(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        #region faq-geometric-fix
        // Fix 1: normalise into a strictly positive range.
        var shifted = definition with
        {
            Normalization = Normalization.MinMax(1, 100),
            Aggregation = Aggregation.Geometric(),
        };

        // Fix 2: treat a value outside the domain as missing (each one goes to
        // the audit log); the missing-data policy then decides (here:
        // re-normalise the weights over the other children).
        var asMissing = definition with
        {
            Normalization = Normalization.MinMax(0, 100),
            Aggregation = Aggregation.Geometric(),
            MissingData = MissingData.Renormalize() with { OutOfDomainAsMissing = true },
        };
        #endregion
        return (shifted, asMissing);
    }

    public static IndexDefinition Freeze(IndexDefinition definition, Panel panel, string path)
    {
        ArgumentNullException.ThrowIfNull(definition);
        #region faq-freeze
        // This year's index, with min-max normalisation to [0, 100] fitted on the data.
        var result = CompiledIndex.Compile(definition).Evaluate(panel);

        // The minimum and maximum used for each indicator in 2024.
        var used = result.Parameters
            .Where(p => p.Period == "2024")
            .GroupBy(p => p.IndicatorId)
            .ToDictionary(
                g => g.Key,
                g => (Min: g.Single(p => p.Name == "min").Value,
                      Max: g.Single(p => p.Name == "max").Value));

        // Write them into the definition as fixed goalposts (same formula,
        // same polarity handling, no capping): next year's data is then
        // scaled exactly as this year's.
        var frozen = definition with
        {
            Indicators = [.. definition.Indicators.Select(i => i with
            {
                Normalization = Normalization.Goalposts(
                    used[i.Id].Min, used[i.Id].Max, cap: false, floor: false, scale: 100),
            })],
        };
        IndexDefinitionJson.SaveFile(frozen, path);
        #endregion
        return frozen;
    }

    public static IndexResult FreezeParameters(IndexDefinition definition, Panel thisYear, Panel nextYear)
    {
        ArgumentNullException.ThrowIfNull(definition);
        #region faq-freeze-parameters
        var index = CompiledIndex.Compile(definition);
        var result = index.Evaluate(thisYear);

        // What min-max fitted, typed: MinMaxParameters { Min, Max } per indicator and period.
        var income = (MinMaxParameters)result.GetFittedParameters("income", "2024")!;
        Console.WriteLine($"income scaled on [{income.Min}, {income.Max}]");

        // Next year's data on this year's scale: the fitted parameters, frozen
        // (a period without its own parameters uses the last period's).
        var next = index.Evaluate(nextYear, FrozenParameters.From(result));
        #endregion
        return next;
    }

    public static IndexDefinition BasePeriod(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        #region faq-base-period
        // Fit min and max on one base period; apply them to every period.
        var anchored = definition with
        {
            Normalization = Normalization.MinMax(
                0, 100, NormalizationReference.BasePeriod("2024")),
        };
        #endregion
        return anchored;
    }
}
