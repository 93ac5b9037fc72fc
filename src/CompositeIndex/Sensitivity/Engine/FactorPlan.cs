using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CompositeIndex.Sensitivity;

/// <summary>How a factor acts on a run.</summary>
internal enum FactorRole
{
    /// <summary>Changes the weights of one group (no new variant).</summary>
    Weights,

    /// <summary>Chooses one of L alternatives of the definition (one cached variant per combination).</summary>
    Discrete,

    /// <summary>Sets a continuous parameter (a fresh variant per run).</summary>
    Continuous,
}

/// <summary>A factor resolved against the nominal index: what it does with its coordinate u.</summary>
internal sealed class FactorPlan
{
    private readonly ulong seed;
    private double[] nominalWeights;
    private readonly double[][]? weightSets;
    private readonly object? nominalMethod;
    private readonly Type? parameterType;
    private readonly ParameterAddress? address;
    private readonly JsonSerializerOptions? options;
    private readonly ImmutableArray<string> exclusionCandidates;

    // Methods a range factor made recently (shared by the worker threads: immutable entries replaced whole, in turn; a
    // race only costs a recomputation of the same result).
    private readonly ParameterValue?[] recentValues = new ParameterValue?[4];
    private int nextValueSlot;

    public FactorPlan(UncertaintyFactor factor, int index, IndexDefinition definition, ulong seed, IReadOnlyDictionary<string, double[]>? resolvedWeights = null)
    {
        Factor = factor;
        Index = index;
        this.seed = seed;
        Name = factor.DisplayName();
        nominalWeights = [];
        ChildIds = [];
        switch (factor)
        {
            case UniformWeightsFactor u:
                Role = FactorRole.Weights;
                InitWeights(definition, u.Group, resolvedWeights);
                break;
            case DirichletWeightsFactor d:
                Role = FactorRole.Weights;
                InitWeights(definition, d.Group, resolvedWeights);
                break;
            case WeightSetsFactor w:
                Role = FactorRole.Weights;
                InitWeights(definition, w.Group, resolvedWeights);
                Levels = w.Sets.Length;
                weightSets = [.. w.Sets.Select(set => ChildIds.Select((c, i) => set.TryGetValue(c, out var v) ? v : nominalWeights[i]).ToArray())];
                break;
            case NormalizationChoiceFactor n:
                Role = FactorRole.Discrete;
                Levels = n.Alternatives.Length;
                break;
            case AggregationChoiceFactor a:
                Role = FactorRole.Discrete;
                Levels = a.Alternatives.Length;
                break;
            case IndicatorExclusionFactor x:
                Role = FactorRole.Discrete;
                exclusionCandidates = x.Indicators.IsDefaultOrEmpty ? [.. definition.Indicators.Select(i => i.Id)] : x.Indicators;
                Levels = exclusionCandidates.Length + (x.IncludeNone ? 1 : 0);
                break;
            case ParameterRangeFactor r:
                Role = FactorRole.Continuous;
                (nominalMethod, address, options, var range) = Resolve(definition, r.Target, r.Step, r.Parameter);
                parameterType = range.Type;
                NominalValue = Convert.ToDouble(range.Value, CultureInfo.InvariantCulture);
                break;
            case ParameterChoiceFactor c:
                Role = FactorRole.Discrete;
                Levels = c.Values.Length;
                (nominalMethod, address, options, var choice) = Resolve(definition, c.Target, c.Step, c.Parameter);
                parameterType = choice.Type;
                break;
            case StepToggleFactor:
                Role = FactorRole.Discrete;
                Levels = 2;
                break;
            default:
                throw new ArgumentException($"Unknown factor type {factor.GetType().Name}.", nameof(factor));
        }
    }

    public UncertaintyFactor Factor { get; }

    public int Index { get; }

    public string Name { get; }

    public FactorRole Role { get; }

    /// <summary>Gets the number of levels of a discrete factor (or of a weight-set factor).</summary>
    public int Levels { get; }

    /// <summary>Gets the group a weight factor perturbs.</summary>
    public string? Group { get; private set; }

    /// <summary>Gets the nominal child ids of the group, in definition order.</summary>
    public string[] ChildIds { get; private set; }

    public double NominalValue { get; }

    public int Level(double u) => Math.Min((int)(u * Levels), Levels - 1);

    /// <summary>The scalar recorded in the replicate table: the level, the drawn value, or u for weight vectors.</summary>
    public double DisplayValue(double u) => Role switch
    {
        FactorRole.Discrete => Level(u),
        FactorRole.Continuous => ContinuousValue(u),
        _ => Factor is WeightSetsFactor ? Level(u) : u,
    };

    /// <summary>The level (or value) a coordinate u gives this factor, in words and as a number, for failure reports.</summary>
    public FactorLevel Describe(double u)
    {
        var level = Role == FactorRole.Discrete || Factor is WeightSetsFactor ? Level(u) : (int?)null;
        var text = Factor switch
        {
            NormalizationChoiceFactor n => n.Alternatives[level!.Value].MethodName,
            AggregationChoiceFactor a => a.Alternatives[level!.Value].MethodName,
            IndicatorExclusionFactor x => level < (x.IncludeNone ? 1 : 0) ? "exclude nothing" : $"exclude '{exclusionCandidates[level!.Value - (x.IncludeNone ? 1 : 0)]}'",
            ParameterChoiceFactor c => $"{c.Parameter} = {c.Values[level!.Value]}",
            ParameterRangeFactor r => string.Create(CultureInfo.InvariantCulture, $"{r.Parameter} = {ContinuousValue(u):G6}"),
            StepToggleFactor => level == 0 ? "on" : "off",
            WeightSetsFactor => $"weight set {level}",
            _ => string.Create(CultureInfo.InvariantCulture, $"weights drawn at u = {u:G6}"),
        };
        var levels = level is null ? string.Empty : $" (level {level} of {Levels})";
        return new FactorLevel(Name, level, DisplayValue(u), text + levels);
    }

    public double ContinuousValue(double u)
    {
        var r = (ParameterRangeFactor)Factor;
        var x = r.Lower + (u * (r.Upper - r.Lower));
        return r.Relative ? NominalValue * x : x;
    }

    /// <summary>Writes the weights of the group's nominal children for coordinate u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillWeights(double u, Span<double> weights)
    {
        switch (Factor)
        {
            case UniformWeightsFactor uw:
            {
                var rng = RandomStream.Create(seed, RandomStream.Purpose.FactorDraw, (ulong)Index, BitConverter.DoubleToUInt64Bits(u));
                for (var c = 0; c < nominalWeights.Length; c++)
                {
                    weights[c] = nominalWeights[c] * (1 + (uw.Spread * ((2 * rng.NextDouble()) - 1)));
                }

                break;
            }

            case DirichletWeightsFactor dw:
            {
                var rng = RandomStream.Create(seed, RandomStream.Purpose.FactorDraw, (ulong)Index, BitConverter.DoubleToUInt64Bits(u));
                double total = 0, nominalTotal = 0;
                foreach (var w in nominalWeights)
                {
                    nominalTotal += w;
                }

                for (var c = 0; c < nominalWeights.Length; c++)
                {
                    weights[c] = nominalWeights[c] > 0 ? rng.NextGamma(dw.Concentration * nominalWeights[c] / nominalTotal) : 0;
                    total += weights[c];
                }

                if (!(total > 0) || !double.IsFinite(total))
                {
                    nominalWeights.CopyTo(weights);
                    return;
                }

                for (var c = 0; c < nominalWeights.Length; c++)
                {
                    weights[c] /= total;
                }

                break;
            }

            default:
                weightSets![Level(u)].CopyTo(weights);
                break;
        }
    }

    /// <summary>Applies a discrete level or continuous value to a definition.</summary>
    public IndexDefinition Apply(IndexDefinition d, double u)
    {
        switch (Factor)
        {
            case NormalizationChoiceFactor n:
                return DefinitionEditor.WithNormalization(d, n.Target, n.Alternatives[Level(u)]);
            case AggregationChoiceFactor a:
                return DefinitionEditor.WithAggregation(d, a.Group, a.Alternatives[Level(u)]);
            case IndicatorExclusionFactor x:
            {
                var level = Level(u);
                var offset = x.IncludeNone ? 1 : 0;
                return level < offset || d.Indicators.Length < 2 ? d : DefinitionEditor.ExcludeIndicator(d, exclusionCandidates[level - offset]);
            }

            case ParameterRangeFactor r:
                return DefinitionEditor.SetStep(d, r.Target, r.Step, WithRangeValue(CurrentMethod(d, r.Target, r.Step), ContinuousValue(u)));

            case ParameterChoiceFactor c:
            {
                var value = MethodParameters.FromText(c.Values[Level(u)], parameterType!, options!);
                return DefinitionEditor.SetStep(d, c.Target, c.Step, WithParameter(CurrentMethod(d, c.Target, c.Step), value));
            }

            case StepToggleFactor t:
                return Level(u) == 0 ? d : DefinitionEditor.SwitchOff(d, t.Target, t.Step);
            default:
                return d;
        }
    }

    /// <summary>The nominal method, the parameter's address and the serializer of a validated parameter factor.</summary>
    private static (object Method, ParameterAddress Address, JsonSerializerOptions Options, MethodParameters.Resolved Parameter) Resolve(IndexDefinition definition, string? target, string step, string parameter)
    {
        var method = DefinitionEditor.EffectiveMethod(definition, target, step)!;
        var address = ParameterAddress.Parse(parameter, out var problem) ?? throw new ArgumentException(problem, nameof(parameter));
        var options = MethodParameters.OptionsFor(method);
        var resolved = MethodParameters.Resolve(method, address, options, out problem) ?? throw new ArgumentException(problem, nameof(parameter));
        return (method, address, options, resolved);
    }

    /// <summary>
    /// The method with this range factor's parameter set to <paramref name="value"/>: from <see cref="recentValues"/> when
    /// the same method object was given the bitwise same value recently (the JSON round trip is a pure function of both;
    /// in a Saltelli row, the runs that change only a discrete factor rebuild their variant with A's value), else
    /// through the registry's JSON.
    /// </summary>
    private object WithRangeValue(object method, double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        for (var i = 0; i < recentValues.Length; i++)
        {
            var e = Volatile.Read(ref recentValues[i]);
            if (e is not null && ReferenceEquals(e.Method, method) && e.Bits == bits)
            {
                return e.Result;
            }
        }

        var result = WithParameter(method, MethodParameters.FromDouble(value, parameterType!));
        var slot = (int)((uint)Interlocked.Increment(ref nextValueSlot) % (uint)recentValues.Length);
        Volatile.Write(ref recentValues[slot], new ParameterValue(method, bits, result));
        return result;
    }

    /// <summary>The method with this factor's parameter set (through the registry's JSON; another factor may have chosen a method of another type).</summary>
    private object WithParameter(object method, JsonNode? value) =>
        MethodParameters.With(method, address!, value, method.GetType() == nominalMethod!.GetType() ? options! : MethodParameters.OptionsFor(method));

    private object CurrentMethod(IndexDefinition d, string? target, string step) =>
        (target is null || d.Indicators.Any(i => i.Id == target) || d.Groups.Any(g => g.Id == target) ? DefinitionEditor.EffectiveMethod(d, target, step) : null) ?? nominalMethod!;

    /// <summary>Nominal weights: the children's weights, or the weights a group's weighting method resolved to in the nominal evaluation.</summary>
    private void InitWeights(IndexDefinition definition, string group, IReadOnlyDictionary<string, double[]>? resolvedWeights)
    {
        Group = group;
        var g = definition.Groups.First(x => x.Id == group);
        ChildIds = [.. g.Children.Select(c => c.Id)];
        nominalWeights = resolvedWeights is not null && resolvedWeights.TryGetValue(group, out var resolved) && resolved.Length == ChildIds.Length
            ? [.. resolved]
            : [.. g.Children.Select(c => c.Weight)];
    }
}

/// <summary>A method with a range factor's parameter set to the value with these bits.</summary>
internal sealed record ParameterValue(object Method, long Bits, object Result);
