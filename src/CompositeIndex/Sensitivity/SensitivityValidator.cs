using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>Collects every problem of a sensitivity analysis against its index (see <see cref="SensitivityDefinition.Validate"/>).</summary>
internal static class SensitivityValidator
{
    public static ValidationReport Validate(SensitivityDefinition s, IndexDefinition index)
    {
        var errors = new List<DefinitionError>();
        var groups = index.Groups.Where(g => g is not null).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var indicators = index.Indicators.Where(i => i is not null).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var nodes = groups.Concat(indicators).ToHashSet(StringComparer.Ordinal);
        var factors = s.Factors.IsDefault ? [] : s.Factors;
        var weighted = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < factors.Length; f++)
        {
            var path = $"$.factors[{f}]";
            var factor = factors[f];
            switch (factor)
            {
                case null:
                    errors.Add(new(ErrorCodes.Missing, path, "The factor is null."));
                    break;
                case UniformWeightsFactor u:
                    if (Group(u.Group, path, groups, errors))
                    {
                        Duplicate(u.Group, f, path, weighted, errors);
                    }

                    Require(double.IsFinite(u.Spread) && u.Spread >= 0 && u.Spread < 1, $"{path}.spread", $"The spread must be in [0, 1) (got {Num(u.Spread)}).", errors);
                    break;
                case DirichletWeightsFactor dw:
                    if (Group(dw.Group, path, groups, errors))
                    {
                        Duplicate(dw.Group, f, path, weighted, errors);
                    }

                    Require(double.IsFinite(dw.Concentration) && dw.Concentration > 0, $"{path}.concentration", $"The concentration must be finite and positive (got {Num(dw.Concentration)}).", errors);
                    break;
                case WeightSetsFactor ws:
                    ValidateWeightSets(ws, index, path, groups, weighted, f, errors);
                    break;
                case NormalizationChoiceFactor n:
                    if (n.Target is not null && !nodes.Contains(n.Target))
                    {
                        errors.Add(new(SensitivityErrorCodes.UnknownNode, $"{path}.target", $"'{n.Target}' is neither an indicator nor a group of index '{index.Id}'{DefinitionValidator.Suggest(n.Target, nodes)}."));
                    }

                    Alternatives(n.Alternatives.IsDefault ? [] : n.Alternatives.Cast<object?>().ToList(), path, errors);
                    break;
                case AggregationChoiceFactor a:
                    if (a.Group is not null)
                    {
                        Group(a.Group, path, groups, errors);
                    }

                    Alternatives(a.Alternatives.IsDefault ? [] : a.Alternatives.Cast<object?>().ToList(), path, errors);
                    break;
                case IndicatorExclusionFactor x:
                    var list = x.Indicators.IsDefault ? [] : x.Indicators;
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < list.Length; i++)
                    {
                        if (list[i] is null || !indicators.Contains(list[i]))
                        {
                            errors.Add(new(SensitivityErrorCodes.UnknownIndicator, $"{path}.indicators[{i}]", $"'{list[i]}' is not an indicator of index '{index.Id}'{DefinitionValidator.Suggest(list[i] ?? string.Empty, indicators)}."));
                        }
                        else if (!seen.Add(list[i]))
                        {
                            errors.Add(new(SensitivityErrorCodes.Duplicate, $"{path}.indicators[{i}]", $"'{list[i]}' is listed twice."));
                        }
                    }

                    if (indicators.Count < 2)
                    {
                        errors.Add(new(SensitivityErrorCodes.InvalidParameter, $"{path}.indicators", "Excluding an indicator needs an index with at least two indicators."));
                    }

                    break;
                case ParameterRangeFactor r:
                    ValidateRange(r, index, path, nodes, errors);
                    break;
                case ParameterChoiceFactor c:
                    ValidateChoice(c, index, path, nodes, errors);
                    break;
                case StepToggleFactor t:
                    if (t.Target is not null && !nodes.Contains(t.Target))
                    {
                        errors.Add(new(SensitivityErrorCodes.UnknownNode, $"{path}.target", $"'{t.Target}' is neither an indicator nor a group of index '{index.Id}'{DefinitionValidator.Suggest(t.Target, nodes)}."));
                    }
                    else if (string.IsNullOrWhiteSpace(t.Step))
                    {
                        errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.step", "The step is empty."));
                    }
                    else if (DefinitionEditor.CheckToggle(index, t.Target, t.Step) is { } problem)
                    {
                        errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.step", problem));
                    }

                    break;
                default:
                    errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.kind", $"Unknown factor type {factor.GetType().Name}."));
                    break;
            }
        }

        Require(
            s.SchemaVersion >= 1 && s.SchemaVersion <= SensitivityDefinition.CurrentSchemaVersion,
            "$.schemaVersion",
            string.Create(CultureInfo.InvariantCulture, $"The analysis uses schema version {s.SchemaVersion}; this library reads versions 1 to {SensitivityDefinition.CurrentSchemaVersion} (upgrade CompositeIndex to read a newer file)."),
            errors,
            ErrorCodes.SchemaVersion);

        if (s.Node is not null && !nodes.Contains(s.Node))
        {
            errors.Add(new(SensitivityErrorCodes.UnknownNode, "$.node", $"'{s.Node}' is neither an indicator nor a group of index '{index.Id}'{DefinitionValidator.Suggest(s.Node, nodes)}."));
        }

        Require(s.Samples >= 2, "$.samples", $"At least 2 samples are needed (got {s.Samples}).", errors, SensitivityErrorCodes.Sampling);
        Require(s.BootstrapResamples >= 0, "$.bootstrapResamples", "The number of bootstrap resamples must be non-negative.", errors, SensitivityErrorCodes.Sampling);
        Require(
            s.BootstrapResamples <= Limits.MaxBootstrapResamples,
            "$.bootstrapResamples",
            string.Create(CultureInfo.InvariantCulture, $"At most {Limits.MaxBootstrapResamples:N0} bootstrap resamples are supported (Limits.MaxBootstrapResamples; got {s.BootstrapResamples:N0})."),
            errors,
            SensitivityErrorCodes.Sampling);
        Require(
            s.BootstrapResamples > Limits.MaxBootstrapResamples || Limits.Cells((s.BootstrapResamples, "resamples"), (factors.Length, "factors")) <= Limits.MaxCells,
            "$.bootstrapResamples",
            Limits.TooLarge("The bootstrap table", [(s.BootstrapResamples, "resamples"), (factors.Length, "factors")], Limits.Cells((s.BootstrapResamples, "resamples"), (factors.Length, "factors"))),
            errors,
            SensitivityErrorCodes.Sampling);
        var requestedRuns = s.Scheme switch
        {
            SamplingScheme.Saltelli => (long)s.Samples * (s.SecondOrder ? (2L * factors.Length) + 2 : factors.Length + 2),
            SamplingScheme.Given => 0L,
            SamplingScheme.Morris => (long)s.Samples * (factors.Length + 1),
            _ => s.Samples,
        };
        Require(
            requestedRuns <= Limits.MaxSensitivityRuns,
            "$.samples",
            string.Create(CultureInfo.InvariantCulture, $"The analysis would have {requestedRuns:N0} runs; at most {Limits.MaxSensitivityRuns:N0} are supported (Limits.MaxSensitivityRuns)."),
            errors,
            SensitivityErrorCodes.Sampling);
        Require(s.ConfidenceLevel > 0 && s.ConfidenceLevel < 1, "$.confidenceLevel", $"The confidence level must be in (0, 1) (got {Num(s.ConfidenceLevel)}).", errors, SensitivityErrorCodes.Sampling);
        Require(s.LowerPercentile >= 0 && s.LowerPercentile <= s.UpperPercentile && s.UpperPercentile <= 1, "$.lowerPercentile", "The percentiles must satisfy 0 ≤ lower ≤ upper ≤ 1.", errors, SensitivityErrorCodes.Sampling);
        Require(Enum.IsDefined(s.Scheme), "$.scheme", "Unknown sampling scheme.", errors, SensitivityErrorCodes.Sampling);
        Require(Enum.IsDefined(s.OnFailure), "$.onFailure", "Unknown failure policy (stop or record).", errors, SensitivityErrorCodes.Sampling);
        if (s.SecondOrder)
        {
            Require(s.Scheme == SamplingScheme.Saltelli, "$.secondOrder", "Second-order indices need the Saltelli scheme (\"scheme\": \"saltelli\").", errors, SensitivityErrorCodes.Sampling);
            Require(factors.Length >= 2, "$.secondOrder", $"Second-order indices need at least two factors (got {factors.Length}).", errors, SensitivityErrorCodes.FactorCount);
        }

        if (s.Scheme == SamplingScheme.Saltelli)
        {
            Require(factors.Length >= 1, "$.factors", "The Saltelli scheme needs at least one factor.", errors, SensitivityErrorCodes.FactorCount);
            Require(s.Points == BasePoints.PseudoRandom || 2 * factors.Length <= SobolSequence.MaxDimensions, "$.factors", $"The Saltelli scheme with Sobol' points supports at most {SobolSequence.MaxDimensions / 2} factors (got {factors.Length}).", errors, SensitivityErrorCodes.FactorCount);
            var basePoints = Limits.Cells((s.Samples, "base samples"), (factors.Length, "factors"));
            Require(basePoints <= Limits.MaxCells, "$.samples", Limits.TooLarge("The Saltelli base design", [(s.Samples, "base samples"), (factors.Length, "factors")], basePoints), errors, SensitivityErrorCodes.Sampling);
        }
        else if (s.Scheme == SamplingScheme.Morris)
        {
            MorrisValidation.Validate(s, factors.Length, errors);
        }
        else if (s.Scheme == SamplingScheme.Given)
        {
            ValidateDesignRows(s, factors, index, errors);
        }
        else
        {
            Require(s.Points == BasePoints.PseudoRandom || s.Points is null || factors.Length <= SobolSequence.MaxDimensions, "$.factors", $"Sobol' points support at most {SobolSequence.MaxDimensions} factors.", errors, SensitivityErrorCodes.FactorCount);
        }

        var outputs = s.Outputs.IsDefault ? [] : s.Outputs;
        for (var o = 0; o < outputs.Length; o++)
        {
            var output = outputs[o];
            if (output is null)
            {
                errors.Add(new(ErrorCodes.Missing, $"$.outputs[{o}]", "The output is null."));
                continue;
            }

            if (output.Kind != OutputKind.MeanAbsoluteRankShift)
            {
                Require(!string.IsNullOrWhiteSpace(output.Unit), $"$.outputs[{o}].unit", $"A {output.Kind} output needs a unit.", errors, SensitivityErrorCodes.Output);
                Require(!string.IsNullOrWhiteSpace(output.Period), $"$.outputs[{o}].period", $"A {output.Kind} output needs a period.", errors, SensitivityErrorCodes.Output);
            }
        }

        return errors.Count == 0 ? ValidationReport.Valid : new ValidationReport([.. errors]);
    }

    private static void ValidateWeightSets(WeightSetsFactor ws, IndexDefinition index, string path, HashSet<string> groups, Dictionary<string, int> weighted, int f, List<DefinitionError> errors)
    {
        if (!Group(ws.Group, path, groups, errors))
        {
            return;
        }

        Duplicate(ws.Group, f, path, weighted, errors);
        var sets = ws.Sets.IsDefault ? [] : ws.Sets;
        if (sets.IsEmpty)
        {
            errors.Add(new(SensitivityErrorCodes.NoAlternatives, $"{path}.sets", "At least one weight set is needed."));
            return;
        }

        var group = index.Groups.First(g => g?.Id == ws.Group);
        var children = group.Children.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        for (var k = 0; k < sets.Length; k++)
        {
            if (sets[k] is null)
            {
                errors.Add(new(ErrorCodes.Missing, $"{path}.sets[{k}]", "The weight set is null."));
                continue;
            }

            foreach (var (child, w) in sets[k])
            {
                if (!children.Contains(child))
                {
                    errors.Add(new(SensitivityErrorCodes.UnknownNode, $"{path}.sets[{k}].{child}", $"'{child}' is not a child of group '{ws.Group}'{DefinitionValidator.Suggest(child, children)}."));
                }

                Require(double.IsFinite(w) && w >= 0, $"{path}.sets[{k}].{child}", $"Weights must be finite and non-negative (got {Num(w)}).", errors);
            }

            var total = group.Children.Sum(c => sets[k].TryGetValue(c.Id, out var w) ? w : c.Weight);
            Require(total > 0, $"{path}.sets[{k}]", "All weights of the set are zero.", errors);
        }
    }

    private static object? ResolveMethod(IndexDefinition index, string? target, string step, string path, HashSet<string> nodes, List<DefinitionError> errors)
    {
        if (target is not null && !nodes.Contains(target))
        {
            errors.Add(new(SensitivityErrorCodes.UnknownNode, $"{path}.target", $"'{target}' is neither an indicator nor a group of index '{index.Id}'{DefinitionValidator.Suggest(target, nodes)}."));
            return null;
        }

        if (DefinitionEditor.MethodStep(step) is null && (target is not null || DefinitionEditor.PipelineStepOf(index, step ?? string.Empty) is null))
        {
            errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.step", $"Unknown step '{step}'{DefinitionValidator.Suggest(step ?? string.Empty, [DefinitionEditor.NormalizationStep, DefinitionEditor.AggregationStep, DefinitionEditor.MissingDataStep])}."));
            return null;
        }

        var method = DefinitionEditor.EffectiveMethod(index, target, step!);
        if (method is null)
        {
            errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.step", $"No '{step}' method is in effect for {(target is null ? "the index" : $"'{target}'")}."));
        }

        return method;
    }

    /// <summary>Resolves a factor's parameter pointer on the method in effect (through the registry's JSON contract); null after reporting the problem at <c>{path}.parameter</c>.</summary>
    private static (ParameterAddress Address, MethodParameters.Resolved Parameter, JsonSerializerOptions Options)? ResolveParameter(object method, string? parameter, string? target, string step, string path, List<DefinitionError> errors)
    {
        var address = ParameterAddress.Parse(parameter, out var problem);
        if (address is null)
        {
            errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.parameter", problem!));
            return null;
        }

        var options = MethodParameters.OptionsFor(method);
        var resolved = MethodParameters.Resolve(method, address, options, out problem);
        if (resolved is null)
        {
            errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.parameter", $"{problem} The method is the one in effect for {(target is null ? "the index" : $"'{target}'")} at step '{step}'."));
            return null;
        }

        return (address, resolved, options);
    }

    /// <summary>Sets the value through the registry's JSON and validates the edited method; errors go to <paramref name="at"/>.</summary>
    private static void ValidateEdited(object method, ParameterAddress address, JsonNode? value, JsonSerializerOptions options, string at, string prefix, List<DefinitionError> errors)
    {
        object edited;
        try
        {
            edited = MethodParameters.With(method, address, value, options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException or InvalidOperationException or CompositeIndexException)
        {
            errors.Add(new(SensitivityErrorCodes.InvalidParameter, at, $"{prefix}the {MethodParameters.Describe(method)} does not read back with '{address.Pointer}' = {value?.ToJsonString() ?? "null"}: {ex.Message}"));
            return;
        }

        var local = new List<DefinitionError>();
        DefinitionEditor.ValidateMethod(edited, at, local);
        foreach (var e in local)
        {
            errors.Add(new(SensitivityErrorCodes.InvalidParameter, at, prefix + e.Message));
        }
    }

    private static void ValidateRange(ParameterRangeFactor r, IndexDefinition index, string path, HashSet<string> nodes, List<DefinitionError> errors)
    {
        var method = ResolveMethod(index, r.Target, r.Step, path, nodes, errors);
        Require(double.IsFinite(r.Lower) && double.IsFinite(r.Upper) && r.Lower <= r.Upper, $"{path}.upper", $"The range must be finite with lower ≤ upper (got [{Num(r.Lower)}, {Num(r.Upper)}]).", errors);
        if (method is null)
        {
            return;
        }

        if (ResolveParameter(method, r.Parameter, r.Target, r.Step, path, errors) is not { } p)
        {
            return;
        }

        if (!MethodParameters.IsNumeric(p.Parameter.Type))
        {
            errors.Add(new(SensitivityErrorCodes.UnknownParameter, $"{path}.parameter", $"Parameter '{p.Address.Pointer}' of the {MethodParameters.Describe(method)} is not numeric ({p.Parameter.Type.Name}); use a parameterChoice factor."));
            return;
        }

        if (r.Relative && p.Parameter.Value is null)
        {
            errors.Add(new(SensitivityErrorCodes.InvalidParameter, $"{path}.relative", $"Parameter '{p.Address.Pointer}' of the {MethodParameters.Describe(method)} is not set, so a relative range has nothing to multiply."));
            return;
        }

        var nominalValue = p.Parameter.Value is null ? double.NaN : Convert.ToDouble(p.Parameter.Value, CultureInfo.InvariantCulture);
        foreach (var (end, name) in new[] { (r.Lower, "lower"), (r.Upper, "upper") })
        {
            if (!double.IsFinite(end))
            {
                continue;
            }

            var value = r.Relative ? nominalValue * end : end;
            ValidateEdited(method, p.Address, MethodParameters.FromDouble(value, p.Parameter.Type), p.Options, $"{path}.{name}", $"At {Num(value)}: ", errors);
        }
    }

    private static void ValidateDesignRows(SensitivityDefinition s, ImmutableArray<UncertaintyFactor> factors, IndexDefinition index, List<DefinitionError> errors)
    {
        var rows = s.DesignRows.IsDefault ? [] : s.DesignRows;
        Require(rows.Length >= 1, "$.designRows", "A given design needs at least one row.", errors, SensitivityErrorCodes.Sampling);
        var levels = new int?[factors.Length];
        for (var f = 0; f < factors.Length; f++)
        {
            levels[f] = LevelCount(factors[f], index);
            Require(levels[f] is not null, $"$.factors[{f}]", $"Factor '{factors[f].DisplayName()}' ({factors[f].Kind}) has no levels, so a given design cannot address it; use a choice or weight-set factor.", errors, SensitivityErrorCodes.Sampling);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r].IsDefault ? [] : rows[r];
            if (row.Length != factors.Length)
            {
                errors.Add(new(SensitivityErrorCodes.Sampling, $"$.designRows[{r}]", $"The row has {row.Length} levels; there are {factors.Length} factors."));
                continue;
            }

            for (var f = 0; f < row.Length; f++)
            {
                Require(levels[f] is not { } l || (row[f] >= 0 && row[f] < l), $"$.designRows[{r}][{f}]", $"Level {row[f]} is outside [0, {levels[f]}) for factor '{factors[f].DisplayName()}'.", errors, SensitivityErrorCodes.Sampling);
            }
        }
    }

    /// <summary>The number of levels of a factor, or null for factors without levels (continuous parameters, weight noise).</summary>
    private static int? LevelCount(UncertaintyFactor factor, IndexDefinition index) => factor switch
    {
        NormalizationChoiceFactor n => n.Alternatives.IsDefault ? 0 : n.Alternatives.Length,
        AggregationChoiceFactor a => a.Alternatives.IsDefault ? 0 : a.Alternatives.Length,
        ParameterChoiceFactor c => c.Values.IsDefault ? 0 : c.Values.Length,
        WeightSetsFactor w => w.Sets.IsDefault ? 0 : w.Sets.Length,
        StepToggleFactor => 2,
        IndicatorExclusionFactor x => (x.Indicators.IsDefaultOrEmpty ? index.Indicators.Length : x.Indicators.Length) + (x.IncludeNone ? 1 : 0),
        _ => null,
    };

    private static void ValidateChoice(ParameterChoiceFactor c, IndexDefinition index, string path, HashSet<string> nodes, List<DefinitionError> errors)
    {
        var method = ResolveMethod(index, c.Target, c.Step, path, nodes, errors);
        var values = c.Values.IsDefault ? [] : c.Values;
        if (values.IsEmpty)
        {
            errors.Add(new(SensitivityErrorCodes.NoAlternatives, $"{path}.values", "At least one value is needed."));
        }

        if (method is null)
        {
            return;
        }

        if (ResolveParameter(method, c.Parameter, c.Target, c.Step, path, errors) is not { } p)
        {
            return;
        }

        for (var v = 0; v < values.Length; v++)
        {
            var converted = values[v] is null ? null : MethodParameters.FromText(values[v], p.Parameter.Type, p.Options);
            if (converted is null)
            {
                errors.Add(new(SensitivityErrorCodes.InvalidParameter, $"{path}.values[{v}]", $"'{values[v]}' is not a valid {(Nullable.GetUnderlyingType(p.Parameter.Type) ?? p.Parameter.Type).Name} for parameter '{p.Address.Pointer}'."));
                continue;
            }

            ValidateEdited(method, p.Address, converted, p.Options, $"{path}.values[{v}]", string.Empty, errors);
        }
    }

    private static bool Group(string? id, string path, HashSet<string> groups, List<DefinitionError> errors)
    {
        if (id is not null && groups.Contains(id))
        {
            return true;
        }

        errors.Add(new(SensitivityErrorCodes.UnknownGroup, $"{path}.group", $"'{id}' is not a group of the index{DefinitionValidator.Suggest(id ?? string.Empty, groups)}."));
        return false;
    }

    private static void Duplicate(string group, int f, string path, Dictionary<string, int> weighted, List<DefinitionError> errors)
    {
        if (weighted.TryGetValue(group, out var first))
        {
            errors.Add(new(SensitivityErrorCodes.Duplicate, $"{path}.group", $"The weights of group '{group}' are already perturbed by factor {first}; use one weight factor per group."));
        }
        else
        {
            weighted[group] = f;
        }
    }

    private static void Alternatives(List<object?> alternatives, string path, List<DefinitionError> errors)
    {
        if (alternatives.Count == 0)
        {
            errors.Add(new(SensitivityErrorCodes.NoAlternatives, $"{path}.alternatives", "At least one alternative is needed."));
        }

        for (var a = 0; a < alternatives.Count; a++)
        {
            if (alternatives[a] is null)
            {
                errors.Add(new(ErrorCodes.Missing, $"{path}.alternatives[{a}]", "The alternative is null."));
                continue;
            }

            DefinitionEditor.ValidateMethod(alternatives[a]!, $"{path}.alternatives[{a}]", errors);
        }
    }

    private static void Require(bool condition, string path, string message, List<DefinitionError> errors, string code = SensitivityErrorCodes.InvalidParameter)
    {
        if (!condition)
        {
            errors.Add(new(code, path, message));
        }
    }

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
