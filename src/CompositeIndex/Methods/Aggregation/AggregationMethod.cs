namespace CompositeIndex;

/// <summary>
/// The definition of an aggregation method: how a group's score is computed from its children's scores and weights.
/// </summary>
/// <remarks>
/// <para>The engine calls <see cref="Aggregate"/> with the values of the children present for one unit and period
/// (never NaN) and their weights already re-normalised to sum to 1 (see <see cref="MissingDataPolicy"/>).</para>
/// <para>Contributions: every built-in method is a quasi-arithmetic (Kolmogorov–Nagumo) mean
/// <c>M = f⁻¹(Σ wᵢ f(xᵢ))</c>; the share of child i in M is <c>wᵢ f(xᵢ) / Σ wⱼ f(xⱼ)</c> — for the arithmetic mean the
/// weighted share, for the geometric mean the share of the log (OECD/JRC Handbook 2008, §6.1–6.2). Shares sum to 1.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public abstract record AggregationMethod
{
    /// <summary>Gets the method's name in JSON definitions (the <c>"method"</c> discriminator).</summary>
    public abstract string MethodName { get; }

    /// <summary>
    /// Describes the method in plain language from its parameters, e.g. <c>weighted geometric mean</c>: one template per method, in the
    /// method's own file, used by the HTML report, <c>compindex explain</c>, notebooks and the docs.
    /// </summary>
    /// <param name="language">A language tag: <c>ko</c> (or <c>ko-KR</c>) for Korean; any other tag, or <see langword="null"/>, gives English.</param>
    /// <returns>A sentence fragment without a final full stop.</returns>
    public abstract string Describe(string? language = null);

    /// <summary>Gets a value indicating whether the method uses the children's weights. The default is <see langword="true"/>.</summary>
    public virtual bool UsesWeights => true;

    /// <summary>Adds an error for every invalid parameter.</summary>
    /// <param name="path">The JSONPath of this method in the definition.</param>
    /// <param name="errors">The list to add errors to.</param>
    public virtual void Validate(string path, ICollection<DefinitionError> errors)
    {
    }

    /// <summary>Aggregates the present children's values.</summary>
    /// <param name="values">The children's values, all finite and inside <see cref="IsInDomain"/>; at least one.</param>
    /// <param name="weights">The matching weights, non-negative and summing to 1.</param>
    /// <returns>The group score.</returns>
    public abstract double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights);

    /// <summary>Gets a value indicating whether a child value is acceptable to this method (e.g. positive for a geometric mean).</summary>
    /// <param name="value">A finite child value.</param>
    /// <returns><see langword="true"/> when the value is in the method's domain.</returns>
    public virtual bool IsInDomain(double value) => true;

    /// <summary>
    /// Gets a value indicating whether <see cref="Aggregate"/> may return NaN to mean "missing" (e.g. a geometric mean
    /// with <see cref="GeometricZeroPolicy.Missing"/>); the engine then stores a missing score and an audit entry
    /// instead of stopping. The default is <see langword="false"/>: a NaN result is an error.
    /// </summary>
    public virtual bool MayReturnMissing => false;

    /// <summary>Gets a description of the domain for error messages, e.g. <c>"positive values"</c>.</summary>
    public virtual string DomainDescription => "finite values";

    /// <summary>
    /// Gets how a change of this aggregation's score between two periods splits exactly among its children
    /// (<see cref="IndexResult.ExplainChange"/>): the quasi-arithmetic family <c>f⁻¹(Σ wᵢ f(xᵢ))</c> the method belongs to,
    /// or <see langword="null"/> (the default) when it is not such a mean, in which case <see cref="IndexResult.ExplainChange"/>
    /// throws <see cref="MethodNotSupportedException"/>. A capability of the method, so the engine needs no list of known types.
    /// </summary>
    public virtual ChangeDecompositionRule? ChangeRule => null;

    /// <summary>
    /// Gets the vectorised kernel the sensitivity engine may run for this aggregation, column by column, instead of calling
    /// <see cref="Aggregate"/> cell by cell; <see cref="AggregationKernelKind.None"/> (the default) for none. A method declares a
    /// kernel only when <see cref="Aggregate"/> performs the same IEEE operations in the same order (the engine checks the
    /// kernel against <see cref="Aggregate"/> bit for bit before using it).
    /// </summary>
    public virtual AggregationKernelKind Kernel => AggregationKernelKind.None;

    /// <summary>
    /// Computes each child's share of the group score (shares sum to 1), used to explain scores.
    /// The default is the weighted share <c>wᵢxᵢ/Σwⱼxⱼ</c>, falling back to the weights when the sum is 0.
    /// </summary>
    /// <param name="values">The children's values.</param>
    /// <param name="weights">The re-normalised weights.</param>
    /// <param name="score">The group score returned by <see cref="Aggregate"/>.</param>
    /// <param name="shares">Receives one share per child.</param>
    public virtual void Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double score, Span<double> shares) =>
        GeneratorShares(values, weights, static x => x, shares);

    /// <summary>Shares <c>wᵢ f(xᵢ) / Σ wⱼ f(xⱼ)</c> for a quasi-arithmetic mean with generator f; the weights when the sum is 0.</summary>
    /// <param name="values">The children's values.</param>
    /// <param name="weights">The weights.</param>
    /// <param name="generator">The generator function f.</param>
    /// <param name="shares">Receives the shares.</param>
    protected static void GeneratorShares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, Func<double, double> generator, Span<double> shares)
    {
        ArgumentNullException.ThrowIfNull(generator);
        double total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            shares[i] = weights[i] * generator(values[i]);
            total += shares[i];
        }

        if (total == 0 || !double.IsFinite(total))
        {
            weights.CopyTo(shares);
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            shares[i] /= total;
        }
    }
}
