using System.Collections.Immutable;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// Non-destructive edits of an <see cref="IndexDefinition"/> used to build the variants of a sensitivity run:
/// replacing methods, excluding indicators and switching steps off. Steps are found by an explicit switch over the
/// definition records' members (no reflection); method parameters are set through the registry's JSON
/// (<see cref="MethodParameters"/>). Every edit returns a new definition (records <c>with</c>); inputs are never mutated.
/// </summary>
internal static class DefinitionEditor
{
    public const string NormalizationStep = "normalization";
    public const string AggregationStep = "aggregation";
    public const string MissingDataStep = "missingData";

    /// <summary>Finds the kind of node an id names in a definition.</summary>
    public static (bool IsIndicator, bool IsGroup) Lookup(IndexDefinition d, string id) =>
        (d.Indicators.Any(i => i.Id == id), d.Groups.Any(g => g.Id == id));

    public static Dictionary<string, string> Parents(IndexDefinition d)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in d.Groups)
        {
            foreach (var c in g.Children)
            {
                parent[c.Id] = g.Id;
            }
        }

        return parent;
    }

    /// <summary>Sets the normalisation for the whole index, a group's subtree or one indicator.</summary>
    public static IndexDefinition WithNormalization(IndexDefinition d, string? target, NormalizationMethod method)
    {
        if (target is null)
        {
            return d with
            {
                Normalization = method,
                Indicators = [.. d.Indicators.Select(i => i.Normalization is null ? i : i with { Normalization = null })],
                Groups = [.. d.Groups.Select(g => g.Normalization is null ? g : g with { Normalization = null })],
            };
        }

        if (d.Indicators.Any(i => i.Id == target))
        {
            return d with { Indicators = [.. d.Indicators.Select(i => i.Id == target ? i with { Normalization = method } : i)] };
        }

        var below = Descendants(d, target);
        return d with
        {
            Indicators = [.. d.Indicators.Select(i => below.Contains(i.Id) && i.Normalization is not null ? i with { Normalization = null } : i)],
            Groups = [.. d.Groups.Select(g => g.Id == target ? g with { Normalization = method } : below.Contains(g.Id) && g.Normalization is not null ? g with { Normalization = null } : g)],
        };
    }

    /// <summary>Sets the aggregation of every group (index default) or one group.</summary>
    public static IndexDefinition WithAggregation(IndexDefinition d, string? group, AggregationMethod method) =>
        group is null
            ? d with { Aggregation = method, Groups = [.. d.Groups.Select(g => g.Aggregation is null ? g : g with { Aggregation = null })] }
            : d with { Groups = [.. d.Groups.Select(g => g.Id == group ? g with { Aggregation = method } : g)] };

    /// <summary>
    /// Removes an indicator, and any group left without children, from the definition; data-preparation steps that name
    /// the indicator are adjusted (<see cref="PipelineStep.WithoutIndicator(string)"/>: the id is dropped from their lists,
    /// and a step left with no indicator is removed), so the variant validates.
    /// </summary>
    public static IndexDefinition ExcludeIndicator(IndexDefinition d, string id)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal) { id };
        var groups = d.Groups;
        bool changed;
        do
        {
            changed = false;
            var next = ImmutableArray.CreateBuilder<GroupDefinition>(groups.Length);
            foreach (var g in groups)
            {
                var children = g.Children.Where(c => !removed.Contains(c.Id)).ToImmutableArray();
                if (children.IsEmpty && !removed.Contains(g.Id))
                {
                    removed.Add(g.Id);
                    changed = true;
                    continue;
                }

                if (!removed.Contains(g.Id))
                {
                    next.Add(children.Length == g.Children.Length ? g : g with { Children = children });
                }
            }

            groups = next.ToImmutable();
        }
        while (changed);

        var steps = d.Steps.IsDefaultOrEmpty ? d.Steps : [.. d.Steps.Select(s => s.WithoutIndicator(id)).OfType<PipelineStep>()];
        return d with
        {
            Indicators = [.. d.Indicators.Where(i => i.Id != id)],
            Groups = groups,
            Root = d.Root is not null && removed.Contains(d.Root) ? null : d.Root,
            Steps = steps,
        };
    }

    /// <summary>
    /// The method-valued step a parameter factor addresses (<c>normalization</c>, <c>aggregation</c>, <c>missingData</c>),
    /// in its canonical JSON name, or <see langword="null"/> (case-insensitive, as earlier files were read).
    /// </summary>
    public static string? MethodStep(string? step) =>
        string.Equals(step, NormalizationStep, StringComparison.OrdinalIgnoreCase) ? NormalizationStep
        : string.Equals(step, AggregationStep, StringComparison.OrdinalIgnoreCase) ? AggregationStep
        : string.Equals(step, MissingDataStep, StringComparison.OrdinalIgnoreCase) ? MissingDataStep
        : null;

    /// <summary>Gets the method in effect for a target at a step (normalization, aggregation, missingData, or at index level the method name of a data-preparation step).</summary>
    public static object? EffectiveMethod(IndexDefinition d, string? target, string step)
    {
        var canonical = MethodStep(step);
        if (canonical is null)
        {
            // A data-preparation step addressed by its method name (e.g. "treatOutliers"): the first such step.
            return target is null ? PipelineStepOf(d, step) : null;
        }

        if (target is not null)
        {
            var parent = Parents(d);
            var id = target;
            var guard = 0;
            while (guard++ < 10_000)
            {
                var own = d.Indicators.FirstOrDefault(i => i.Id == id) is { } indicator ? OwnMethod(indicator, canonical)
                    : d.Groups.FirstOrDefault(g => g.Id == id) is { } group ? OwnMethod(group, canonical)
                    : null;
                if (own is not null)
                {
                    return own;
                }

                if (!parent.TryGetValue(id, out var p))
                {
                    break;
                }

                id = p;
            }
        }

        return OwnMethod(d, canonical) ?? canonical switch
        {
            AggregationStep => new ArithmeticAggregation(),
            MissingDataStep => new RenormalizeWeights(),
            _ => null,
        };
    }

    /// <summary>Sets a method at a step of a target (null = index level); a target without that step (an indicator's aggregation) is left unchanged.</summary>
    public static IndexDefinition SetStep(IndexDefinition d, string? target, string step, object method)
    {
        var canonical = MethodStep(step);
        if (canonical is null)
        {
            if (target is null && method is PipelineStep replacement && PipelineStepOf(d, step) is { } current)
            {
                return d with { Steps = d.Steps.SetItem(d.Steps.IndexOf(current), replacement) };
            }

            throw new ArgumentException($"Unknown step '{step}'.", nameof(step));
        }

        if (target is null)
        {
            return canonical switch
            {
                NormalizationStep => d with { Normalization = (NormalizationMethod)method },
                AggregationStep => d with { Aggregation = (AggregationMethod)method },
                _ => d with { MissingData = (MissingDataPolicy)method },
            };
        }

        if (d.Indicators.Any(i => i.Id == target))
        {
            return canonical == NormalizationStep
                ? d with { Indicators = [.. d.Indicators.Select(i => i.Id == target ? i with { Normalization = (NormalizationMethod)method } : i)] }
                : d;
        }

        return d with
        {
            Groups = [.. d.Groups.Select(g => g.Id != target ? g : canonical switch
            {
                NormalizationStep => g with { Normalization = (NormalizationMethod)method },
                AggregationStep => g with { Aggregation = (AggregationMethod)method },
                _ => g with { MissingData = (MissingDataPolicy)method },
            })],
        };
    }

    /// <summary>Returns the definition with a step switched off: the member removed (its default then applies) or its list emptied.</summary>
    public static IndexDefinition SwitchOff(IndexDefinition d, string? target, string step)
    {
        if (target is null && MatchesPipelineStep(d, step))
        {
            return d with { Steps = [.. d.Steps.Where(s => !string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase))] };
        }

        var member = ToggleMember(d, target, step);
        if (target is null)
        {
            return member switch
            {
                "normalization" => d with { Normalization = null },
                "aggregation" => d with { Aggregation = null },
                "missingData" => d with { MissingData = null },
                "steps" => d with { Steps = [] },
                "variants" => d with { Variants = [] },
                "outputs" => d with { Outputs = [] },
                _ => d,
            };
        }

        if (d.Indicators.Any(i => i.Id == target))
        {
            return d with
            {
                Indicators = [.. d.Indicators.Select(i => i.Id != target ? i : member switch
                {
                    "normalization" => i with { Normalization = null },
                    "rounding" => i with { Rounding = null },
                    _ => i,
                })],
            };
        }

        return d with
        {
            Groups = [.. d.Groups.Select(g => g.Id != target ? g : member switch
            {
                "normalization" => g with { Normalization = null },
                "aggregation" => g with { Aggregation = null },
                "missingData" => g with { MissingData = null },
                "weighting" => g with { Weighting = null },
                "adjustment" => g with { Adjustment = null },
                "rounding" => g with { Rounding = null },
                _ => g,
            })],
        };
    }

    /// <summary>Describes why a step cannot be toggled, or returns null when it can.</summary>
    public static string? CheckToggle(IndexDefinition d, string? target, string step)
    {
        if (target is null && MatchesPipelineStep(d, step))
        {
            return null;
        }

        var (isIndicator, isGroup) = target is null ? (false, false) : Lookup(d, target);
        if (target is not null && !isIndicator && !isGroup)
        {
            return null; // reported as an unknown target
        }

        var member = ToggleMember(d, target, step);
        if (member is null)
        {
            var owner = target is null ? "The index" : isIndicator ? $"Indicator '{target}'" : $"Group '{target}'";
            var stepNames = target is null && !d.Steps.IsDefault ? d.Steps.Select(s => s.MethodName) : [];
            var members = ToggleMembers(target is null, isIndicator);
            return $"{owner} has no optional step '{step}' (the optional steps are {string.Join(", ", members)}{(target is null ? ", or the method of a data-preparation step" : string.Empty)}){DefinitionValidator.Suggest(step, members.Concat(stepNames))}.";
        }

        var set = target is null
            ? member switch
            {
                "normalization" => d.Normalization is not null,
                "aggregation" => d.Aggregation is not null,
                "missingData" => d.MissingData is not null,
                "steps" => !d.Steps.IsDefaultOrEmpty,
                "variants" => !d.Variants.IsDefaultOrEmpty,
                _ => !d.Outputs.IsDefaultOrEmpty,
            }
            : isIndicator
                ? d.Indicators.First(i => i.Id == target) is var i && (member == "normalization" ? i.Normalization is not null : i.Rounding is not null)
                : d.Groups.First(g => g.Id == target) is var g && member switch
                {
                    "normalization" => g.Normalization is not null,
                    "aggregation" => g.Aggregation is not null,
                    "missingData" => g.MissingData is not null,
                    "weighting" => g.Weighting is not null,
                    "adjustment" => g.Adjustment is not null,
                    _ => g.Rounding is not null,
                };
        return set ? null : $"'{step}' is not set in the definition, so there is nothing to switch off.";
    }

    /// <summary>Validates a method record (normalisation, aggregation, missing data) into errors.</summary>
    public static void ValidateMethod(object method, string path, ICollection<DefinitionError> errors)
    {
        switch (method)
        {
            case NormalizationMethod n:
                n.Validate(path, errors);
                break;
            case AggregationMethod a:
                a.Validate(path, errors);
                break;
            case MissingDataPolicy m:
                m.Validate(path, errors);
                break;
            case PipelineStep p:
                p.Validate(path, errors);
                break;
        }
    }

    /// <summary>The first data-preparation step of the index with this method name, or null.</summary>
    public static PipelineStep? PipelineStepOf(IndexDefinition d, string step) =>
        d.Steps.IsDefaultOrEmpty ? null : d.Steps.FirstOrDefault(s => string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the index's data-preparation steps include one with this method name (e.g. <c>"imputeColumn"</c>).</summary>
    public static bool MatchesPipelineStep(IndexDefinition d, string step) =>
        !d.Steps.IsDefaultOrEmpty && d.Steps.Any(s => string.Equals(s.MethodName, step, StringComparison.OrdinalIgnoreCase));

    /// <summary>The members a step toggle can switch off, by JSON name: the optional steps of the index, a group or an indicator.</summary>
    private static string[] ToggleMembers(bool index, bool indicator) =>
        index ? ["normalization", "aggregation", "missingData", "steps", "variants", "outputs"]
        : indicator ? ["normalization", "rounding"]
        : ["normalization", "aggregation", "missingData", "weighting", "adjustment", "rounding"];

    /// <summary>The canonical JSON name of the optional step a toggle names on its owner (case-insensitive), or null.</summary>
    private static string? ToggleMember(IndexDefinition d, string? target, string step) =>
        ToggleMembers(target is null, target is not null && d.Indicators.Any(i => i.Id == target))
            .FirstOrDefault(m => string.Equals(m, step, StringComparison.OrdinalIgnoreCase));

    private static object? OwnMethod(IndexDefinition d, string step) => step switch
    {
        NormalizationStep => d.Normalization,
        AggregationStep => d.Aggregation,
        _ => d.MissingData,
    };

    private static object? OwnMethod(GroupDefinition g, string step) => step switch
    {
        NormalizationStep => g.Normalization,
        AggregationStep => g.Aggregation,
        _ => g.MissingData,
    };

    private static object? OwnMethod(IndicatorDefinition i, string step) => step == NormalizationStep ? i.Normalization : null;

    private static HashSet<string> Descendants(IndexDefinition d, string group)
    {
        var groups = d.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(group);
        while (stack.Count > 0)
        {
            if (!groups.TryGetValue(stack.Pop(), out var g))
            {
                continue;
            }

            foreach (var c in g.Children)
            {
                if (result.Add(c.Id))
                {
                    stack.Push(c.Id);
                }
            }
        }

        return result;
    }
}
