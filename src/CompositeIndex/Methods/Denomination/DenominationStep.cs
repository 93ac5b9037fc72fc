using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Denomination: divides indicators by another variable of the panel (GDP, population, area, energy use, ...)
/// to turn extensive quantities into intensive ones (per capita, per unit of GDP).
/// </summary>
/// <remarks>
/// <para>Formula (COINr <c>Denominate</c>; OECD/JRC <i>Handbook on Constructing Composite Indicators</i>, 2008, §1.3
/// "scaling by size"): <c>y = x / (d / s)</c> where d is the denominator variable of the same unit and period and s
/// the scale factor (default 1). The denominator is any variable of the panel that is not itself transformed, e.g. a
/// column of the indicator table (COINr's <c>iData</c> denominators) or a separate table joined with
/// <see cref="PanelOperations.WithVariables"/> (e.g. COINr's <c>WorldDenoms</c>).</para>
/// <para>Edge cases: a missing x or d gives a missing value; a zero denominator throws a
/// <see cref="NumericalException"/> naming the indicator, unit and period (COINr would produce an infinite value).
/// Indicators not listed are left unchanged. The step writes one audit entry per denominated indicator.</para>
/// </remarks>
public sealed record DenominationStep : PipelineStep
{
    /// <summary>The JSON method name, <c>"denominate"</c>.</summary>
    public const string Name = "denominate";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"denominate: divide {T.Count(Denominators)} indicators by a size variable ({T.Denominators(Denominators)})", $"규모 보정: 지표 {T.Count(Denominators)}개를 규모 변수로 나눔({T.Denominators(Denominators)})");

    /// <summary>Gets, per indicator id, the denominator to divide it by (COINr's iMeta <c>Denominator</c> column).</summary>
    public ImmutableSortedDictionary<string, Denominator> Denominators { get; init; } = ImmutableSortedDictionary<string, Denominator>.Empty;

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId)
    {
        if (Denominators is null || !Denominators.ContainsKey(indicatorId))
        {
            return this;
        }

        var rest = Denominators.Remove(indicatorId);
        return rest.IsEmpty ? null : this with { Denominators = rest };
    }

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Require(Denominators is not null && !Denominators.IsEmpty, $"{path}.denominators", "A denomination step needs at least one indicator and its denominator.", errors);
        foreach (var (id, d) in Denominators ?? ImmutableSortedDictionary<string, Denominator>.Empty)
        {
            if (d is null || string.IsNullOrWhiteSpace(d.Variable))
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.denominators.{id}.variable", $"The denominator of '{id}' names no variable."));
            }
            else if (!double.IsFinite(d.ScaleFactor) || d.ScaleFactor == 0)
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.denominators.{id}.scaleFactor", $"The scale factor of '{id}' must be finite and non-zero (got {d.ScaleFactor.ToString(CultureInfo.InvariantCulture)})."));
            }
        }
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
        RequireIndicators(definition, Denominators?.Keys ?? [], path, "denominators", errors);

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = Plan();
        for (var k = 0; k < plan.Ids.Length; k++)
        {
            var id = plan.Ids[k];
            var d = plan.Denominators[k];
            var x = context.RequireVariable(id, "an indicator to denominate");
            var den = context.RequireVariable(d.Variable, $"the denominator of '{id}'");
            // d / 1 and d · 1 are both d for every non-NaN d and the quieted d for a NaN, on every IEEE 754 platform, so
            // with a scale factor of 1 the (much slower) division is replaced by the multiplication: the same bits.
            var unscaled = d.ScaleFactor == 1;
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var xs = context.Values(x, p);
                var ds = context.Values(den, p);
                var u = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    // Several values at a time, the same IEEE divisions per value (so the same bits); a block with a zero
                    // denominator under a value is left to the one-value loop below, which throws for the first such unit.
                    var factor = new Vector<double>(d.ScaleFactor);
                    for (; u + Vector<double>.Count <= xs.Length; u += Vector<double>.Count)
                    {
                        var xv = new Vector<double>(xs.Slice(u, Vector<double>.Count));
                        var dv = new Vector<double>(ds.Slice(u, Vector<double>.Count));
                        var scaled = unscaled ? dv * factor : dv / factor;
                        if ((Vector.Equals(scaled, Vector<double>.Zero) & Vector.Equals(xv, xv)) != Vector<long>.Zero)
                        {
                            break;
                        }

                        (xv / scaled).CopyTo(xs.Slice(u, Vector<double>.Count));
                    }
                }

                for (; u < xs.Length; u++)
                {
                    var scaled = unscaled ? ds[u] * d.ScaleFactor : ds[u] / d.ScaleFactor;
                    if (scaled == 0 && !double.IsNaN(xs[u]))
                    {
                        throw context.Error($"the denominator '{d.Variable}' is zero.", id, p, u);
                    }

                    xs[u] /= scaled;
                }
            }

            context.Audit(Name, id, null, null, plan.Messages[k]);
        }
    }

    /// <summary>
    /// The denominators in key order with their audit messages, built from <see cref="Denominators"/> on first use and kept
    /// (the step is immutable; a copy made with <c>with</c> carries the field along, so it is rebuilt when it was built
    /// from another <see cref="Denominators"/> instance). Publishing a whole immutable object makes concurrent use safe.
    /// </summary>
    private Resolved Plan()
    {
        var plan = Volatile.Read(ref resolved);
        if (plan is null || !ReferenceEquals(plan.Source, Denominators))
        {
            plan = new Resolved(Denominators);
            Volatile.Write(ref resolved, plan);
        }

        return plan;
    }

    private Resolved? resolved;

    /// <summary>What <see cref="Apply"/> reads from <see cref="Denominators"/>, as arrays.</summary>
    private sealed class Resolved
    {
        public Resolved(ImmutableSortedDictionary<string, Denominator> source)
        {
            Source = source;
            Ids = new string[source.Count];
            Denominators = new Denominator[source.Count];
            Messages = new string[source.Count];
            var k = 0;
            foreach (var (id, d) in source)
            {
                Ids[k] = id;
                Denominators[k] = d;
                Messages[k] = d.ScaleFactor == 1
                    ? $"divided by '{d.Variable}'."
                    : $"divided by '{d.Variable}' / {PipelineContext.Format(d.ScaleFactor)}.";
                k++;
            }
        }

        public ImmutableSortedDictionary<string, Denominator> Source { get; }

        public string[] Ids { get; }

        public Denominator[] Denominators { get; }

        public string[] Messages { get; }
    }

    /// <inheritdoc/>
    public bool Equals(DenominationStep? other) =>
        other is not null && StepEquality.Map(Denominators, other.Denominators);

    /// <inheritdoc/>
    public override int GetHashCode() => StepEquality.Hash(Denominators);
}

/// <summary>The variable an indicator is divided by, with a scale factor.</summary>
/// <param name="Variable">The id of the denominator variable in the panel (e.g. <c>"Population"</c>).</param>
/// <param name="ScaleFactor">
/// The factor s in <c>x / (d / s)</c>, e.g. 1000 to express a per-capita value per thousand people. Must be finite
/// and non-zero. The default is 1.
/// </param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Denominator(string Variable, double ScaleFactor = 1);
