using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// What a group does when some of its children are missing for a unit and period.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public abstract record MissingDataPolicy
{
    /// <summary>Gets the policy's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the policy in plain language from its parameters, e.g. <c>weights re-normalised over the components present</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>
    /// Gets a value indicating whether a child value outside the aggregation's domain (e.g. a zero dimension index
    /// under a geometric mean) counts as missing, instead of stopping evaluation with a
    /// <see cref="NumericalException"/>. The default is <see langword="false"/>. Each such value is recorded in the
    /// result's audit log. UNDP, for example, publishes no HDI for Rwanda in 1994, when life expectancy (14.1 years)
    /// fell below the 20-year goalpost and the health index is 0.
    /// </summary>
    public bool OutOfDomainAsMissing { get; init; }

    /// <summary>Adds an error for every invalid parameter.</summary>
    /// <param name="path">The JSONPath of this policy in the definition.</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>Decides whether a group score is computed given what is present.</summary>
    /// <param name="presentWeight">The total weight of the present children.</param>
    /// <param name="totalWeight">The total weight of all children.</param>
    /// <param name="presentCount">The number of present children.</param>
    /// <param name="totalCount">The number of children.</param>
    /// <returns><see langword="true"/> to aggregate the present children with re-normalised weights; <see langword="false"/> for a missing score.</returns>
    public abstract bool Accepts(double presentWeight, double totalWeight, int presentCount, int totalCount);
}

/// <summary>Whether a minimum share is measured on weights or on the number of children.</summary>
public enum ShareBasis
{
    /// <summary>The share of the group's total weight carried by the present children.</summary>
    Weight = 0,

    /// <summary>The share of the group's children that are present (COINr's <c>dat_thresh</c>).</summary>
    Count = 1,
}

/// <summary>
/// Aggregate the children that are present, with their weights re-normalised to sum to 1, provided they carry at
/// least <see cref="MinShare"/> of the group (by weight or count). Otherwise the group score is missing.
/// </summary>
/// <remarks>
/// This is the "available-case" rule of COINr (<c>a_amean</c> with <c>na.rm = TRUE</c>) and of the OECD/JRC Handbook
/// (2008, §4: weights re-scaled over non-missing sub-indicators). With <see cref="MinShare"/> = 0 a single present
/// child suffices; no present child always gives a missing score.
/// </remarks>
/// <param name="MinShare">The minimum share in [0, 1]. The default is 0.</param>
public sealed record RenormalizeWeights(double MinShare = 0) : MissingDataPolicy
{
    /// <summary>The JSON method name, <c>"renormalize"</c>.</summary>
    public const string Name = "renormalize";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"weights re-normalised over the components present{(MinShare > 0 ? $", at least {T.N(MinShare * 100)} % of the {(Basis == ShareBasis.Count ? "components" : "weight")} required" : string.Empty)}{(OutOfDomainAsMissing ? ", values outside the aggregation's domain count as missing" : string.Empty)}", $"결측 구성요소를 빼고 가중치 재정규화{(MinShare > 0 ? $", {(Basis == ShareBasis.Count ? "구성요소" : "가중치")}의 {T.N(MinShare * 100)}% 이상 필요" : string.Empty)}{(OutOfDomainAsMissing ? ", 집계 정의역 밖의 값은 결측으로 처리" : string.Empty)}");

    /// <summary>Gets what <see cref="MinShare"/> is measured on. The default is <see cref="ShareBasis.Weight"/>.</summary>
    public ShareBasis Basis { get; init; } = ShareBasis.Weight;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!(MinShare >= 0 && MinShare <= 1))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.minShare", $"The minimum share must be in [0, 1] (got {MinShare.ToString(CultureInfo.InvariantCulture)})."));
        }
    }

    /// <inheritdoc/>
    public override bool Accepts(double presentWeight, double totalWeight, int presentCount, int totalCount)
    {
        if (presentCount == 0 || presentWeight <= 0)
        {
            return false;
        }

        var share = Basis == ShareBasis.Count ? (double)presentCount / totalCount : presentWeight / totalWeight;
        return share >= MinShare - 1e-12;
    }
}

/// <summary>Any missing child makes the group score missing (complete-case rule).</summary>
public sealed record PropagateMissing : MissingDataPolicy
{
    /// <summary>The JSON method name, <c>"propagate"</c>.</summary>
    public const string Name = "propagate";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"missing when any component is missing{(OutOfDomainAsMissing ? " or outside the aggregation's domain" : string.Empty)}", $"구성요소가 하나라도 결측{(OutOfDomainAsMissing ? "이거나 집계 정의역 밖" : string.Empty)}이면 결측");

    /// <inheritdoc/>
    public override bool Accepts(double presentWeight, double totalWeight, int presentCount, int totalCount) =>
        presentCount == totalCount && presentWeight > 0;
}
