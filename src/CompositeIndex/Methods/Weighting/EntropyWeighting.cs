using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Entropy weights: children whose scores vary more across units (carry more information, in Shannon's sense)
/// get more weight.
/// </summary>
/// <remarks>
/// <para><b>Formula</b> (Shannon entropy weight method; Zeleny 1982, <i>Multiple Criteria Decision Making</i>,
/// McGraw-Hill; Zou, Yun &amp; Sun 2006, <i>J. Environmental Sciences</i> 18(5):1020–1023): for m observations and
/// child j with non-negative scores <c>xᵢⱼ</c>, <c>pᵢⱼ = xᵢⱼ / Σᵢ xᵢⱼ</c>, entropy
/// <c>eⱼ = −(1/ln m) Σᵢ pᵢⱼ ln pᵢⱼ</c> (with <c>0 ln 0 = 0</c>), divergence <c>dⱼ = 1 − eⱼ</c>, weight
/// <c>wⱼ = dⱼ / Σₖ dₖ</c>.</para>
/// <para><b>Fitted</b> on the children's normalised scores (complete cases; see <see cref="FittedWeightingMethod"/>).
/// The weights depend on the normalisation: use a non-negative one such as min-max. A negative score, a child whose
/// scores are all zero, fewer than two observations, or every child uniform (all dⱼ = 0) stop evaluation with a
/// <see cref="NumericalException"/>. Entropies and divergences are recorded as diagnostics.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record EntropyWeighting : FittedWeightingMethod
{
    /// <summary>The JSON method name, <c>"entropy"</c>.</summary>
    public const string Name = "entropy";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, "entropy weights: more weight to components that differ more between units", "엔트로피 가중치: 단위 간 차이가 큰 구성요소에 더 큰 가중치");

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Rows;
        if (m < 2)
        {
            throw context.Error($"entropy weights need at least two observations with every child present (got {m}).");
        }

        var d = new double[context.Count];
        var diagnostics = ImmutableArray.CreateBuilder<WeightingDiagnostic>();
        var lnm = Math.Log(m);
        for (var j = 0; j < context.Count; j++)
        {
            var col = context.Column(j);
            double sum = 0;
            foreach (var x in col)
            {
                if (x < 0)
                {
                    throw context.Error($"entropy weights need non-negative scores, but child '{context.ChildIds[j]}' has {x.ToString("R", CultureInfo.InvariantCulture)}; use a non-negative normalisation such as min-max.");
                }

                sum += x;
            }

            if (sum <= 0)
            {
                throw context.Error($"entropy weights need a positive total, but every score of child '{context.ChildIds[j]}' is zero.");
            }

            double h = 0;
            foreach (var x in col)
            {
                if (x > 0)
                {
                    var pij = x / sum;
                    h -= pij * Math.Log(pij);
                }
            }

            var e = h / lnm;
            d[j] = Math.Max(1 - e, 0);
            diagnostics.Add(new WeightingDiagnostic("entropy", e, context.ChildIds[j]));
            diagnostics.Add(new WeightingDiagnostic("divergence", d[j], context.ChildIds[j]));
        }

        if (d.Sum() <= 0)
        {
            throw context.Error("entropy weights are undefined: every child is spread perfectly evenly (all divergences are 0).");
        }

        return new WeightingOutcome([.. WeightMath.Normalize(d)], $"entropy weights over {m.ToString(CultureInfo.InvariantCulture)} observations") { Diagnostics = diagnostics.ToImmutable() };
    }
}
