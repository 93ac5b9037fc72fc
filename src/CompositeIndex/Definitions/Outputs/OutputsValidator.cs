using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>Validates variants, group adjustments and outputs (called by <see cref="DefinitionValidator"/>).</summary>
internal static class OutputsValidator
{
    public static void Validate(IndexDefinition d, ICollection<DefinitionError> errors)
    {
        var groups = d.Groups.IsDefault ? [] : d.Groups;
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g]?.Adjustment?.Validate($"$.groups[{g}].adjustment", errors);
        }

        if (d.Variants.IsDefaultOrEmpty && d.Outputs.IsDefaultOrEmpty)
        {
            return; // nothing below refers to node ids: skip building the id sets
        }

        var indicatorIds = new HashSet<string>(d.Indicators.IsDefault ? [] : d.Indicators.Where(i => i?.Id is not null).Select(i => i.Id), StringComparer.Ordinal);
        var nodeIds = new HashSet<string>(indicatorIds, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group?.Id is { } id)
            {
                nodeIds.Add(id);
            }
        }

        var variantIds = new HashSet<string>(StringComparer.Ordinal);
        var variants = d.Variants.IsDefault ? [] : d.Variants;
        for (var v = 0; v < variants.Length; v++)
        {
            var variant = variants[v];
            var path = $"$.variants[{v}]";
            if (variant is null)
            {
                errors.Add(new(ErrorCodes.Missing, path, "The variant entry is null."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(variant.Id))
            {
                errors.Add(new(ErrorCodes.EmptyId, $"{path}.id", "A variant has an empty id."));
            }
            else if (!variantIds.Add(variant.Id))
            {
                errors.Add(new(ErrorCodes.DuplicateId, $"{path}.id", $"The variant id '{variant.Id}' is used twice."));
            }

            foreach (var (indicator, column) in variant.Columns ?? ImmutableSortedDictionary<string, string>.Empty)
            {
                if (!indicatorIds.Contains(indicator))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.columns.{indicator}", $"Variant '{variant.Id}' maps '{indicator}', which is not an indicator{DefinitionValidator.Suggest(indicator, indicatorIds)}."));
                }

                if (string.IsNullOrWhiteSpace(column))
                {
                    errors.Add(new(ErrorCodes.EmptyId, $"{path}.columns.{indicator}", $"Variant '{variant.Id}' maps '{indicator}' to an empty column name."));
                }
            }

            foreach (var (indicator, method) in variant.Normalizations ?? ImmutableSortedDictionary<string, NormalizationMethod>.Empty)
            {
                if (!indicatorIds.Contains(indicator))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.normalizations.{indicator}", $"Variant '{variant.Id}' sets the normalisation of '{indicator}', which is not an indicator{DefinitionValidator.Suggest(indicator, indicatorIds)}."));
                }

                if (method is null)
                {
                    errors.Add(new(ErrorCodes.Missing, $"{path}.normalizations.{indicator}", $"Variant '{variant.Id}' gives no method for '{indicator}'."));
                }
                else
                {
                    method.Validate($"{path}.normalizations.{indicator}", errors);
                }
            }
        }

        var outputIds = new HashSet<string>(StringComparer.Ordinal);
        var rankedIds = new HashSet<string>(StringComparer.Ordinal);
        var outputs = d.Outputs.IsDefault ? [] : d.Outputs;
        for (var o = 0; o < outputs.Length; o++)
        {
            var output = outputs[o];
            var path = $"$.outputs[{o}]";
            if (output is null)
            {
                errors.Add(new(ErrorCodes.Missing, path, "The output entry is null."));
                continue;
            }

            if (output.Value is null)
            {
                errors.Add(new(ErrorCodes.Missing, $"{path}.value", $"Output '{output.Id}' has no value expression."));
            }
            else
            {
                Expression(output.Value, $"{path}.value", output.Id, nodeIds, variantIds, outputIds, rankedIds, errors);
            }

            if (output.Rounding is { } r && (r.Digits < 0 || r.Digits > 15 || !Enum.IsDefined(r.Midpoint)))
            {
                errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.rounding", $"Rounding needs 0 to 15 digits and a known midpoint rule (got {r.Digits.ToString(CultureInfo.InvariantCulture)}, {r.Midpoint})."));
            }

            if (output.Ranking?.Units is { } filter && (string.IsNullOrWhiteSpace(filter.Attribute) || filter.Values.IsDefaultOrEmpty))
            {
                errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.ranking.units", "A unit filter needs an attribute and at least one value."));
            }

            if (output.Ranking is { } ranking)
            {
                if (!Enum.IsDefined(ranking.Basis))
                {
                    errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.ranking.basis", "Unknown rank basis (published or value)."));
                }

                if (!Enum.IsDefined(ranking.Ties))
                {
                    errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.ranking.ties", "Unknown tie rule (competition, dense or worst)."));
                }

                var required = ranking.RequireOutputs.IsDefault ? [] : ranking.RequireOutputs;
                for (var i = 0; i < required.Length; i++)
                {
                    if (required[i] is null || !outputIds.Contains(required[i]))
                    {
                        errors.Add(new(ErrorCodes.UnknownChild, $"{path}.ranking.requireOutputs[{i}]", $"Output '{output.Id}' is ranked among units with output '{required[i]}', which is not defined before it{DefinitionValidator.Suggest(required[i] ?? string.Empty, outputIds)}."));
                    }
                }
            }

            if (!Enum.IsDefined(output.OnNonFinite))
            {
                errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.onNonFinite", "Unknown policy for non-finite values (error or missing)."));
            }

            var classes = output.Classes.IsDefault ? [] : output.Classes;
            for (var c = 0; c < classes.Length; c++)
            {
                var rule = classes[c];
                var cpath = $"{path}.classes[{c}]";
                if (rule is null || string.IsNullOrWhiteSpace(rule.Label))
                {
                    errors.Add(new(ErrorCodes.EmptyId, $"{cpath}.label", "A class needs a label."));
                    continue;
                }

                if (rule.Min is { } lo && rule.Max is { } hi && !(lo <= hi))
                {
                    errors.Add(new(ErrorCodes.InvalidParameter, $"{cpath}.max", $"Class '{rule.Label}' has max below min."));
                }

                if ((rule.Min is { } m && !double.IsFinite(m)) || (rule.Max is { } x && !double.IsFinite(x)))
                {
                    errors.Add(new(ErrorCodes.InvalidParameter, cpath, $"The bounds of class '{rule.Label}' must be finite."));
                }
            }

            if (string.IsNullOrWhiteSpace(output.Id))
            {
                errors.Add(new(ErrorCodes.EmptyId, $"{path}.id", "An output has an empty id."));
            }
            else if (!outputIds.Add(output.Id))
            {
                errors.Add(new(ErrorCodes.DuplicateId, $"{path}.id", $"The output id '{output.Id}' is used twice."));
            }
            else if (output.Ranking is not null)
            {
                rankedIds.Add(output.Id);
            }
        }
    }

    private static void Expression(OutputExpression e, string path, string outputId, HashSet<string> nodes, HashSet<string> variants, HashSet<string> earlier, HashSet<string>? ranked, ICollection<DefinitionError> errors)
    {
        e.Validate(path, errors);
        switch (e)
        {
            case ScoreExpression s:
                if (!string.IsNullOrWhiteSpace(s.Node) && !nodes.Contains(s.Node))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.node", $"Output '{outputId}' refers to node '{s.Node}', which is neither an indicator nor a group{DefinitionValidator.Suggest(s.Node, nodes)}."));
                }

                if (s.Variant is not null && !variants.Contains(s.Variant))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.variant", $"Output '{outputId}' refers to variant '{s.Variant}', which is not defined{DefinitionValidator.Suggest(s.Variant, variants)}."));
                }

                break;
            case IndicatorCountExpression c:
                if (!string.IsNullOrWhiteSpace(c.Node) && !nodes.Contains(c.Node))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.node", $"Output '{outputId}' counts the indicators of node '{c.Node}', which is neither an indicator nor a group{DefinitionValidator.Suggest(c.Node, nodes)}."));
                }

                if (c.Variant is not null && !variants.Contains(c.Variant))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.variant", $"Output '{outputId}' refers to variant '{c.Variant}', which is not defined{DefinitionValidator.Suggest(c.Variant, variants)}."));
                }

                break;
            case FlagCountExpression f:
                if (!string.IsNullOrWhiteSpace(f.Node) && !nodes.Contains(f.Node))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.node", $"Output '{outputId}' counts the flags of node '{f.Node}', which is neither an indicator nor a group{DefinitionValidator.Suggest(f.Node, nodes)}."));
                }

                if (f.Variant is not null && !variants.Contains(f.Variant))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.variant", $"Output '{outputId}' refers to variant '{f.Variant}', which is not defined{DefinitionValidator.Suggest(f.Variant, variants)}."));
                }

                break;
            case OutputReference r:
                if (!string.IsNullOrWhiteSpace(r.Output) && !earlier.Contains(r.Output))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.output", $"Output '{outputId}' refers to output '{r.Output}', which is not defined before it{DefinitionValidator.Suggest(r.Output, earlier)}."));
                }

                break;
            case RankExpression k:
                if (!string.IsNullOrWhiteSpace(k.Output) && !earlier.Contains(k.Output))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{path}.output", $"Output '{outputId}' uses the ranks of output '{k.Output}', which is not defined before it{DefinitionValidator.Suggest(k.Output, earlier)}."));
                }
                else if (!string.IsNullOrWhiteSpace(k.Output) && ranked is not null && !ranked.Contains(k.Output))
                {
                    errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.output", $"Output '{outputId}' uses the ranks of output '{k.Output}', which has no ranking."));
                }

                break;
        }

        var operands = e.GetOperands();
        for (var i = 0; i < operands.Length; i++)
        {
            var child = operands[i];
            var cpath = e.OperandPath(path, i);
            if (child is null)
            {
                errors.Add(new(ErrorCodes.Missing, cpath, $"Output '{outputId}' has a missing operand."));
                continue;
            }

            Expression(child, cpath, outputId, nodes, variants, earlier, ranked, errors);
        }
    }
}
