using System.Collections.Immutable;
using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Normalisation onto a categorical scale: each unit gets the score of the percentile band it falls in (e.g. 100 for the
/// top 5 %, 80 from the 85th to the 95th percentile, …, 0 for the bottom 5 %).
/// </summary>
/// <remarks>
/// <para>Formula (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §5.2 "categorical scales" and Table 15,
/// p. 87, column "categorical scale"): first the unit's percentile
/// <c>P = 100·r/n</c> (<see cref="PercentileForm.RankOverCount"/>, the default, as the Handbook's Table 15 "percentile"
/// column) or <c>P = 100·(r − 1)/(n − 1)</c> (<see cref="PercentileForm.Continuous"/>), where r is the unit's rank in
/// ascending order of x (of −x for negative polarity) among the n non-missing units of the period, ties at the lowest
/// rank they span by default (<see cref="Ties"/>); then <c>y = score_k</c> for the first band k, in the order given
/// (from the highest cut-off down), with <c>P ≥ fromPercentile_k</c>. A band therefore includes its lower edge and
/// excludes its upper edge (the next band's cut-off): with cut-offs 95 and 85, P = 95 scores the top band and P = 85
/// the second.</para>
/// <para><see cref="Bands"/> are listed best first: cut-offs strictly decreasing, each within [0, 100], the last exactly
/// 0 (so that every unit falls in a band); scores finite and not increasing down the list (a higher band never scores
/// less than a lower one). Polarity is handled by the ranking, not by the scores: the best unit of a negative indicator
/// (its lowest value) is in the top band.</para>
/// <para>The Handbook notes that categorical scales discard the information in the distances between units and are
/// sensitive to the choice of cut-offs; it does not publish the cut-offs of its Table 15.</para>
/// <para>Edge cases: missing values stay missing and do not count in n; a period with a single non-missing value puts
/// it at P = 100 (rank over count) or P = 50 (continuous).</para>
/// <para>Immutable and thread-safe. Equality is structural.</para>
/// </remarks>
/// <param name="Bands">The bands, best first; see the remarks for the rules.</param>
public sealed record CategoricalNormalization(ImmutableArray<CategoricalBand> Bands) : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"categorical"</c>.</summary>
    public const string Name = "categorical";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"categorical score by percentile band ({T.Bands(Bands)})", $"백분위 구간별 범주 점수({T.Bands(Bands)})");

    /// <summary>Gets how ties are ranked. The default is <see cref="RankTies.Minimum"/> (Handbook Table 15).</summary>
    public RankTies Ties { get; init; } = RankTies.Minimum;

    /// <summary>Gets the percentile formula. The default is <see cref="PercentileForm.RankOverCount"/> (Handbook Table 15).</summary>
    public PercentileForm Form { get; init; } = PercentileForm.RankOverCount;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Require(Enum.IsDefined(Ties), $"{path}.ties", "Unknown tie rule.", errors);
        Require(Enum.IsDefined(Form), $"{path}.form", "Unknown percentile form.", errors);
        if (Bands.IsDefaultOrEmpty)
        {
            errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.bands", "The categorical scale has no bands."));
            return;
        }

        CategoricalBand? previous = null;
        for (var k = 0; k < Bands.Length; k++)
        {
            var band = Bands[k];
            var p = $"{path}.bands[{k.ToString(CultureInfo.InvariantCulture)}]";
            if (band is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, p, "The band is null."));
                continue;
            }

            var cut = band.FromPercentile;
            var cutOk = double.IsFinite(cut) && cut >= 0 && cut <= 100;
            Require(cutOk, $"{p}.fromPercentile", "The cut-off must be a percentile between 0 and 100.", errors);
            Require(double.IsFinite(band.Score), $"{p}.score", "The score must be finite.", errors);
            if (previous is not null && cutOk && double.IsFinite(previous.FromPercentile))
            {
                Require(cut < previous.FromPercentile, $"{p}.fromPercentile",
                    $"The bands must be listed best first with strictly decreasing cut-offs, but {Text(cut)} is not below the previous band's {Text(previous.FromPercentile)}.", errors);
            }

            if (previous is not null && double.IsFinite(band.Score) && double.IsFinite(previous.Score))
            {
                Require(band.Score <= previous.Score, $"{p}.score",
                    $"A lower band may not score more than the band above it ({Text(band.Score)} > {Text(previous.Score)}); polarity is handled by the ranking.", errors);
            }

            if (k == Bands.Length - 1)
            {
                Require(cut == 0, $"{p}.fromPercentile", $"The last band must start at percentile 0 so that every unit falls in a band, but it starts at {Text(cut)}.", errors);
            }

            previous = band;
        }
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = new int[context.Units.Length];
        var buffer = new double[context.Units.Length];
        for (var p = 0; p < context.Periods.Length; p++)
        {
            PercentileRankNormalization.Percentiles(context, p, Ties, Form, 100, buffer, order);
            var output = context.Output(p);
            for (var u = 0; u < output.Length; u++)
            {
                if (!double.IsNaN(output[u]))
                {
                    output[u] = ScoreOf(output[u]);
                }
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(CategoricalNormalization? other) =>
        other is not null && Equality.Sequence(Bands, other.Bands) && Ties == other.Ties && Form == other.Form;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Equality.Hash(Bands), Ties, Form);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private double ScoreOf(double percentile)
    {
        foreach (var band in Bands)
        {
            if (percentile >= band.FromPercentile)
            {
                return band.Score;
            }
        }

        // Unreachable for a valid definition (the last band starts at 0 and percentiles are ≥ 0).
        return double.NaN;
    }
}

/// <summary>One band of a <see cref="CategoricalNormalization"/>: units at or above <paramref name="FromPercentile"/>
/// (and below the previous band's cut-off) score <paramref name="Score"/>.</summary>
/// <param name="FromPercentile">The lower edge of the band, a percentile in [0, 100], included in the band.</param>
/// <param name="Score">The score given to the units of the band.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CategoricalBand(double FromPercentile, double Score);
