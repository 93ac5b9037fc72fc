using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Budget allocation process (BAP): each expert distributes a budget of points (typically 100) over the children;
/// the weight of a child is the mean over experts of the share of points it received.
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook 2008, §6.1.6, "budget allocation process"): for experts e = 1..E with points
/// <c>pₑᵢ ≥ 0</c>, <c>wᵢ = (1/E) Σₑ pₑᵢ / Σⱼ pₑⱼ</c>. Normalising each expert's points first makes an expert who spent
/// 90 points count as much as one who spent 100. Fixed: needs no data. Each expert must give points to every child
/// (zero allowed) and a positive total.</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
/// <param name="Experts">The experts' allocations; at least one.</param>
public sealed record BudgetAllocationWeighting(ImmutableArray<ExpertAllocation> Experts) : WeightingMethod
{
    /// <summary>The JSON method name, <c>"budgetAllocation"</c>.</summary>
    public const string Name = "budgetAllocation";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"budget allocation: the mean of the points {T.Count(Experts)} experts gave", $"예산 배분법: 전문가 {T.Count(Experts)}명이 배분한 점수의 평균");

    /// <inheritdoc/>
    public override void Validate(string path, GroupDefinition group, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (Experts.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.experts", $"The budget allocation of group '{group.Id}' has no experts."));
            return;
        }

        for (var e = 0; e < Experts.Length; e++)
        {
            var expert = Experts[e];
            var p = $"{path}.experts[{e}]";
            if (expert is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, p, "The expert entry is null."));
                continue;
            }

            RequireChildMap(expert.Points, $"{p}.points", group, $"points of expert '{expert.Expert}'", errors);
        }
    }

    /// <inheritdoc/>
    public override WeightingOutcome ComputeWeights(WeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var w = new double[context.Count];
        var diagnostics = ImmutableArray.CreateBuilder<WeightingDiagnostic>();
        foreach (var expert in Experts)
        {
            var shares = WeightMath.Normalize(context.ChildIds.Select(id => expert.Points[id]).ToArray());
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += shares[i] / Experts.Length;
                diagnostics.Add(new WeightingDiagnostic("share", shares[i], context.ChildIds[i], expert.Expert));
            }
        }

        return new WeightingOutcome([.. w], $"budget allocation: mean of {Experts.Length.ToString(CultureInfo.InvariantCulture)} expert(s)' point shares") { Diagnostics = diagnostics.ToImmutable() };
    }

    /// <inheritdoc/>
    public bool Equals(BudgetAllocationWeighting? other) => other is not null && Equality.Sequence(Experts, other.Experts);

    /// <inheritdoc/>
    public override int GetHashCode() => Equality.Hash(Experts);
}

/// <summary>One expert's allocation of points over a group's children (see <see cref="BudgetAllocationWeighting"/>).</summary>
/// <param name="Expert">The expert's name or code (used in messages and diagnostics).</param>
/// <param name="Points">The points given to each child, keyed by child id; non-negative, not all zero.</param>
/// <remarks>Immutable and thread-safe. Equality is structural.</remarks>
public sealed record ExpertAllocation(string Expert, ImmutableSortedDictionary<string, double> Points)
{
    /// <inheritdoc/>
    public bool Equals(ExpertAllocation? other) => other is not null && Expert == other.Expert && WeightMath.MapEquals(Points, other.Points);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Expert, WeightMath.MapHash(Points));
}
