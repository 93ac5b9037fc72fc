using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex.Analysis;

/// <summary>
/// The maximum-likelihood factor analysis of one group's direct indicators in an audit (<see cref="IndexAudit.Run"/>):
/// the analysis, or why there is none.
/// </summary>
/// <remarks>
/// <para>The number of factors k is chosen by the retention criteria of <see cref="FactorAnalysisWeighting"/> (OECD/JRC
/// Handbook 2008, §6.1.1: each retained factor explains at least 10 % of the variance, together at least 60 %) on the
/// eigenvalues of the group's correlation matrix (its PCA variances), capped at the largest k with
/// <c>((p − k)² − (p + k))/2 ≥ 0</c> degrees of freedom, and at least 1.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GroupFactorAnalysis
{
    internal GroupFactorAnalysis(string groupId, ImmutableArray<string> variables, FactorAnalysisResult? result, string? reason)
    {
        GroupId = groupId;
        Variables = variables;
        Result = result;
        Reason = reason;
    }

    /// <summary>Gets the group.</summary>
    public string GroupId { get; }

    /// <summary>Gets the group's direct indicators, in definition order.</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>Gets the analysis (<see cref="IndexAudit.FactorAnalysis"/>, maximum likelihood, varimax), or <see langword="null"/> when it could not be computed.</summary>
    public FactorAnalysisResult? Result { get; }

    /// <summary>Gets the reason there is no analysis (e.g. <c>not enough children for ML</c>, a constant indicator, a correlation matrix that is not positive definite, no convergence); <see langword="null"/> when there is one.</summary>
    public string? Reason { get; }
}

/// <content>Factor analysis of each group within the audit.</content>
public static partial class IndexAudit
{
    /// <summary>The factor analysis of every group with at least one direct indicator, never throwing for a group.</summary>
    private static ImmutableArray<GroupFactorAnalysis> FactorAnalysesByGroup(AuditData data, Framework fw, IReadOnlyList<PcaResult> pcas)
    {
        var criteria = new FactorAnalysisWeighting();
        var analyses = ImmutableArray.CreateBuilder<GroupFactorAnalysis>();
        foreach (var g in fw.Groups)
        {
            var members = fw.Children[g].Where(c => fw.Level[c] == 1).ToImmutableArray();
            if (members.Length == 0)
            {
                continue;
            }

            var most = MaximumLikelihoodFactors.MaxFactors(members.Length);
            if (most < 1)
            {
                analyses.Add(new GroupFactorAnalysis(g, members, null, string.Create(CultureInfo.InvariantCulture,
                    $"not enough children for ML: {members.Length} indicator(s), one factor needs at least 3 (((p − k)² − (p + k))/2 = {MaximumLikelihoodFactors.DegreesOfFreedom(members.Length, 1)} degrees of freedom).")));
                continue;
            }

            // k from the eigenvalues of the correlation matrix (the PCA variances, over the same complete cases); 1 when the PCA failed.
            var pca = pcas.FirstOrDefault(p => p.GroupId == g);
            var k = pca is null ? 1 : Math.Clamp(criteria.Retain([.. pca.Variances]), 1, most);
            try
            {
                analyses.Add(new GroupFactorAnalysis(g, members, FactorAnalysis(data, members, k, FactorExtraction.MaximumLikelihood, FactorRotation.Varimax, g), null));
            }
            catch (Exception ex) when (ex is ArgumentException or NumericalException)
            {
                analyses.Add(new GroupFactorAnalysis(g, members, null, ex.Message.Split(" (Parameter", 2)[0]));
            }
        }

        return analyses.ToImmutable();
    }
}
