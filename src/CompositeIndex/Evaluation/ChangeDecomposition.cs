using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>How <see cref="IndexResult.ExplainChange"/> splits a change between periods.</summary>
public enum ChangeDecompositionMethod
{
    /// <summary>
    /// Every group below the target is an arithmetic mean: the change is split additively, exactly
    /// (symmetric Bennet decomposition of each weighted term).
    /// </summary>
    Additive = 0,

    /// <summary>
    /// Every group below the target is a geometric mean: the change of the logarithm is split additively and converted
    /// to index points with the logarithmic mean of the two scores (LMDI-I, Ang and Liu 2001), which is exact.
    /// </summary>
    LogarithmicMean = 1,

    /// <summary>
    /// Every group below the target is the same power mean (including the harmonic mean): the change of
    /// <c>x^p</c> is split additively and converted to index points with the secant <c>ΔO / Δ(O^p)</c>, which is exact.
    /// </summary>
    PowerMean = 2,
}

/// <summary>Whether a node entered the explained score in both periods or in only one of them.</summary>
public enum ChangeStatus
{
    /// <summary>The node has a score in both periods.</summary>
    Continuing = 0,

    /// <summary>The node has a score only in the later period (e.g. an indicator first measured that year).</summary>
    Entered = 1,

    /// <summary>The node has a score only in the earlier period.</summary>
    Left = 2,
}

/// <summary>
/// The contribution of one indicator or group to the change of an explained score between two periods
/// (see <see cref="IndexResult.ExplainChange"/>).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ChangeContribution
{
    internal ChangeContribution(string nodeId, string parentId, bool isIndicator, int depth, ChangeStatus status, double scoreFrom, double scoreTo, double weightFrom, double weightTo, double valueEffect, double weightEffect)
    {
        NodeId = nodeId;
        ParentId = parentId;
        IsIndicator = isIndicator;
        Depth = depth;
        Status = status;
        ScoreFrom = scoreFrom;
        ScoreTo = scoreTo;
        WeightFrom = weightFrom;
        WeightTo = weightTo;
        ValueEffect = valueEffect;
        WeightEffect = weightEffect;
    }

    /// <summary>Gets the indicator or group.</summary>
    public string NodeId { get; }

    /// <summary>Gets its parent group.</summary>
    public string ParentId { get; }

    /// <summary>Gets a value indicating whether the node is an indicator.</summary>
    public bool IsIndicator { get; }

    /// <summary>Gets the depth below the explained group (its children have depth 1).</summary>
    public int Depth { get; }

    /// <summary>Gets the node's status: a score in both periods, or in one only.</summary>
    public ChangeStatus Status { get; }

    /// <summary>Gets the score in the earlier period (NaN when missing).</summary>
    public double ScoreFrom { get; }

    /// <summary>Gets the score in the later period (NaN when missing).</summary>
    public double ScoreTo { get; }

    /// <summary>Gets the effective weight in the explained score in the earlier period (product of the re-normalised weights along the path; 0 when missing).</summary>
    public double WeightFrom { get; }

    /// <summary>Gets the effective weight in the later period (0 when missing).</summary>
    public double WeightTo { get; }

    /// <summary>Gets the part of the change due to the node's own change of score, at its average weight. For a group: the sum over its indicators.</summary>
    public double ValueEffect { get; }

    /// <summary>Gets the part due to the change of its effective weight (re-normalisation when indicators enter or leave, count-based weights), valued at its distance from the explained score's average level. For an entering or leaving node this is its whole contribution. For a group: the sum over its indicators.</summary>
    public double WeightEffect { get; }

    /// <summary>Gets the total contribution to the change of the explained score, <c>ValueEffect + WeightEffect</c>, in its points.</summary>
    public double Contribution => ValueEffect + WeightEffect;
}

/// <summary>
/// "Explain the change": how much each indicator and group contributed to the change of a score (by default the
/// overall index) of one unit from one period to another. The contributions of the indicators sum to the change
/// exactly (up to rounding of doubles, well within 1e-9 for index-sized scores); each group's contribution is the sum
/// of its indicators'.
/// </summary>
/// <remarks>
/// <para><b>Method.</b> When every group below the explained one uses the same quasi-arithmetic mean with generator
/// f (arithmetic: f(x) = x; geometric: ln x; power mean: x^p), the score O satisfies <c>f(O) = Σᵢ Wᵢ f(Iᵢ)</c>, where
/// the effective weights Wᵢ (products of the re-normalised weights along the path) sum to 1 in each period. With
/// averages over the two periods written with a bar and <c>s = ΔO / Δf(O)</c>, indicator i contributes</para>
/// <para><c>Cᵢ = s·[ W̄ᵢ·Δf(Iᵢ) + (f̄(Iᵢ) − f̄(O))·ΔWᵢ ]</c> (value effect + weight effect),</para>
/// <para>and an indicator present in one period only contributes <c>±s·Wᵢ·(f(Iᵢ) − f̄(O))</c>: an indicator entering
/// at the average level of the index changes nothing. Because <c>Σᵢ ΔWᵢ = 0</c>, <c>Σᵢ Cᵢ = s·Δf(O) = ΔO</c> exactly.
/// The split of each weighted term into value and weight effects is Bennet's symmetric decomposition (T. L. Bennet,
/// "The theory of measurement of changes in cost of living", J. Royal Statistical Society 83(3), 1920, 455–462);
/// for the geometric mean s is the logarithmic mean <c>(O₁ − O₀)/(ln O₁ − ln O₀)</c> of the LMDI-I method
/// (B. W. Ang and F. L. Liu, "A new energy decomposition method: perfect in decomposition and consistent in
/// aggregation", Energy 26(6), 2001, 537–548; B. W. Ang, "LMDI decomposition approach: a guide for implementation",
/// Energy Policy 86, 2015, 233–238). When the score does not change, s is <c>1/f′(O)</c>.</para>
/// <para>Scores are the unrounded ones: a published change of rounded values (e.g. 111.0 → 130.6) can differ from
/// <see cref="Change"/> in the last digit.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ChangeDecomposition
{
    internal ChangeDecomposition(IndexDefinition definition, string unitId, string fromPeriod, string toPeriod, string targetId, double scoreFrom, double scoreTo, ChangeDecompositionMethod method, ImmutableArray<ChangeContribution> contributions)
    {
        Definition = definition;
        UnitId = unitId;
        FromPeriod = fromPeriod;
        ToPeriod = toPeriod;
        TargetId = targetId;
        ScoreFrom = scoreFrom;
        ScoreTo = scoreTo;
        Method = method;
        Contributions = contributions;
    }

    /// <summary>Gets the definition whose nodes are explained (for names).</summary>
    public IndexDefinition Definition { get; }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the earlier period.</summary>
    public string FromPeriod { get; }

    /// <summary>Gets the later period.</summary>
    public string ToPeriod { get; }

    /// <summary>Gets the explained group (the root unless another group was asked for).</summary>
    public string TargetId { get; }

    /// <summary>Gets the explained score in the earlier period.</summary>
    public double ScoreFrom { get; }

    /// <summary>Gets the explained score in the later period.</summary>
    public double ScoreTo { get; }

    /// <summary>Gets the change, <c>ScoreTo − ScoreFrom</c>.</summary>
    public double Change => ScoreTo - ScoreFrom;

    /// <summary>Gets the decomposition method, determined by the aggregation of the groups below the target.</summary>
    public ChangeDecompositionMethod Method { get; }

    /// <summary>
    /// Gets one entry per node below the target with a score in at least one of the periods, depth-first in
    /// definition order (a group, then its children).
    /// </summary>
    public ImmutableArray<ChangeContribution> Contributions { get; }

    /// <summary>Gets the indicator entries; their <see cref="ChangeContribution.Contribution"/> values sum to <see cref="Change"/>.</summary>
    public IEnumerable<ChangeContribution> Indicators => Contributions.Where(c => c.IsIndicator);

    /// <summary>Gets the entries of the target's direct children; their contributions sum to <see cref="Change"/>.</summary>
    public IEnumerable<ChangeContribution> TopLevel => Contributions.Where(c => c.Depth == 1);

    /// <summary>Gets the entry of a node.</summary>
    /// <param name="nodeId">The indicator or group id.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="UnknownKeyException">The node is not below the target or has no score in either period.</exception>
    public ChangeContribution this[string nodeId] =>
        Contributions.FirstOrDefault(c => c.NodeId == nodeId) ?? throw new UnknownKeyException("node", nodeId, $"No contribution for node '{nodeId}'.");

    /// <summary>Gets a node's display name in a language (falling back to the default name, then the id).</summary>
    /// <param name="nodeId">The node id.</param>
    /// <param name="language">A language tag, or <see langword="null"/> for the default name.</param>
    /// <returns>The name.</returns>
    public string DisplayName(string nodeId, string? language = null) =>
        Definition.Indicators.FirstOrDefault(i => i.Id == nodeId)?.DisplayName(language)
        ?? Definition.Groups.FirstOrDefault(g => g.Id == nodeId)?.DisplayName(language)
        ?? nodeId;

    /// <summary>
    /// Writes the decomposition as CSV (invariant culture, round-trip precision):
    /// <c>node,node_name,parent,kind,depth,status,score_from,score_to,weight_from,weight_to,value_effect,weight_effect,contribution</c>,
    /// preceded by one row for the target itself (its contribution is the change).
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="language">The language of names, or <see langword="null"/> for the default names.</param>
    public void WriteCsv(TextWriter writer, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("node,node_name,parent,kind,depth,status,score_from,score_to,weight_from,weight_to,value_effect,weight_effect,contribution\n");
        Row(new ChangeContribution(TargetId, string.Empty, false, 0, ChangeStatus.Continuing, ScoreFrom, ScoreTo, 1, 1, Change, 0));
        foreach (var c in Contributions)
        {
            Row(c);
        }

        void Row(ChangeContribution c)
        {
            var sb = new StringBuilder();
            sb.Append(Csv(c.NodeId)).Append(',').Append(Csv(DisplayName(c.NodeId, language))).Append(',').Append(Csv(c.ParentId)).Append(',')
              .Append(c.IsIndicator ? "indicator" : "group").Append(',').Append(c.Depth.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(c.Status switch { ChangeStatus.Entered => "entered", ChangeStatus.Left => "left", _ => "continuing" });
            foreach (var v in new[] { c.ScoreFrom, c.ScoreTo, c.WeightFrom, c.WeightTo, c.ValueEffect, c.WeightEffect, c.Contribution })
            {
                sb.Append(',').Append(double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(sb.Append('\n').ToString());
        }
    }

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
