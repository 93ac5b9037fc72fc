using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>The data columns and unit attributes a definition reads (see <see cref="CsvOptions.ForDefinition"/>).</summary>
internal static class DataRequirements
{
    public static ImmutableArray<string> Columns(IndexDefinition d)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ind in d.Indicators)
        {
            if (d.Variants.IsDefaultOrEmpty)
            {
                set.Add(ind.Id);
            }
            else
            {
                foreach (var v in d.Variants)
                {
                    set.Add(v.ColumnOf(ind.Id));
                }
            }
        }

        foreach (var g in d.Groups)
        {
            if (g.Adjustment is { } a)
            {
                set.Add(a.Column);
            }
        }

        foreach (var o in d.Outputs.IsDefault ? [] : d.Outputs)
        {
            Walk(o.Value);
        }

        // Variables the pipeline reads besides the indicators (denominators).
        foreach (var step in d.Steps.IsDefault ? [] : d.Steps)
        {
            if (step is DenominationStep den)
            {
                foreach (var v in den.Denominators.Values)
                {
                    set.Add(v.Variable);
                }
            }
        }

        return [.. set];

        void Walk(OutputExpression e)
        {
            if (e is ColumnExpression c)
            {
                set.Add(c.Column);
            }

            foreach (var child in e.GetOperands())
            {
                Walk(child);
            }
        }
    }

    public static ImmutableArray<string> Attributes(IndexDefinition d) =>
        [.. (d.Outputs.IsDefault ? [] : d.Outputs).Select(o => o.Ranking?.Units?.Attribute)
            .Concat((d.Outputs.IsDefault ? [] : d.Outputs).SelectMany(o => FilterAttributes(o.Value)))
            .Concat((d.Steps.IsDefault ? [] : d.Steps).OfType<ColumnImputation>().Select(s => s.GroupBy))
            .OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The unit attributes the expressions of an output filter on (<see cref="UnitRankExpression.Units"/>).</summary>
    private static IEnumerable<string?> FilterAttributes(OutputExpression? e)
    {
        if (e is null)
        {
            yield break;
        }

        if (e is UnitRankExpression { Units: { } f })
        {
            yield return f.Attribute;
        }

        foreach (var child in e.GetOperands())
        {
            foreach (var a in FilterAttributes(child))
            {
                yield return a;
            }
        }
    }
}
