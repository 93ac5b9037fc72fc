using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>A variant resolved against the compiled nodes: one data column and one normalisation per indicator.</summary>
internal sealed record CompiledVariant(string Id, ImmutableArray<string> Columns, ImmutableArray<NormalizationMethod> Normalizations, bool ApplyAdjustments)
{
    public static ImmutableArray<CompiledVariant> CompileAll(IndexDefinition definition, ImmutableArray<CompiledNode> nodes)
    {
        if (definition.Variants.IsDefaultOrEmpty)
        {
            return [];
        }

        var indicators = nodes.Where(n => n.IsIndicator).ToList();
        return [.. definition.Variants.Select(v => new CompiledVariant(
            v.Id,
            [.. indicators.Select(n => v.ColumnOf(n.Id))],
            [.. indicators.Select(n => v.Normalizations.TryGetValue(n.Id, out var m) ? m : n.Normalization!)],
            v.ApplyAdjustments))];
    }
}

/// <summary>Computes a definition's outputs from its evaluated variants.</summary>
internal static class OutputEvaluator
{
    public static ImmutableArray<OutputResult> Compute(IndexDefinition definition, IndexResult primary, IReadOnlyDictionary<string, IndexResult> variants, Panel panel)
    {
        if (definition.Outputs.IsDefaultOrEmpty)
        {
            return [];
        }

        var done = new Dictionary<string, OutputResult>(StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<OutputResult>(definition.Outputs.Length);
        foreach (var o in definition.Outputs)
        {
            var context = new OutputContext(primary, variants, panel, done, o.Id, o.OnNonFinite);
            var values = o.Value.Compute(context);
            for (var k = 0; k < values.Length; k++)
            {
                if (double.IsInfinity(values[k]))
                {
                    values[k] = context.NonFinite($"the value {values[k].ToString(System.Globalization.CultureInfo.InvariantCulture)} is not finite.", k);
                }
            }

            var result = OutputResult.Create(o, panel.UnitInfo, panel.Periods, values, done, context.Audit);
            done[o.Id] = result;
            list.Add(result);
        }

        return list.MoveToImmutable();
    }
}
