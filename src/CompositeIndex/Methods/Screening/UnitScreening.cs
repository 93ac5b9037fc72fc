using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>What a <see cref="UnitScreening"/> step removes units for.</summary>
public enum ScreeningRule
{
    /// <summary>Data availability below <see cref="UnitScreening.MinDataAvailability"/> (COINr <c>"byNA"</c>).</summary>
    ByMissing = 0,

    /// <summary>Share of non-zero values below <see cref="UnitScreening.MinNonZeroShare"/> (COINr <c>"byzeros"</c>).</summary>
    ByZeros = 1,

    /// <summary>Either of the two (COINr <c>"byNAandzeros"</c>).</summary>
    ByMissingOrZeros = 2,
}

/// <summary>
/// Screening of units: removes units with too little data (or too many zeros) from the rest of the pipeline and from
/// the result.
/// </summary>
/// <remarks>
/// <para>COINr <c>Screen(unit_screen, dat_thresh, nonzero_thresh, Force)</c> (OECD/JRC Handbook 2008, §1.2: units with
/// too many missing values are excluded rather than imputed). For each unit, over the definition's indicators and every
/// period: data availability = 1 − (missing cells / all cells); non-zero share = 1 − (zero cells / non-missing cells).
/// A unit is flagged when availability &lt; <see cref="MinDataAvailability"/> or non-zero share &lt;
/// <see cref="MinNonZeroShare"/> (strict), and removed according to <see cref="Rule"/>. <see cref="ForceInclude"/>
/// and <see cref="ForceExclude"/> override the rule (exclusion wins when a unit is in both).</para>
/// <para>With one period this is exactly COINr's rule; with several periods the counts are pooled over periods, and a
/// removed unit is removed from every period. The step writes one audit entry per removed unit and a
/// <see cref="ScreeningReport"/>.</para>
/// </remarks>
public sealed record UnitScreening : PipelineStep
{
    /// <summary>The JSON method name, <c>"screenUnits"</c>.</summary>
    public const string Name = "screenUnits";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"drop units with {(Rule == ScreeningRule.ByZeros ? $"fewer than {T.N(MinNonZeroShare * 100)} % non-zero values" : Rule == ScreeningRule.ByMissingOrZeros ? $"less than {T.N(MinDataAvailability * 100)} % of their data or fewer than {T.N(MinNonZeroShare * 100)} % non-zero values" : $"less than {T.N(MinDataAvailability * 100)} % of their data")}", $"{(Rule == ScreeningRule.ByZeros ? $"0이 아닌 값이 {T.N(MinNonZeroShare * 100)}% 미만인" : Rule == ScreeningRule.ByMissingOrZeros ? $"자료가 {T.N(MinDataAvailability * 100)}% 미만이거나 0이 아닌 값이 {T.N(MinNonZeroShare * 100)}% 미만인" : $"자료가 {T.N(MinDataAvailability * 100)}% 미만인")} 단위 제외");

    /// <summary>Gets the rule. The default is <see cref="ScreeningRule.ByMissing"/>.</summary>
    public ScreeningRule Rule { get; init; } = ScreeningRule.ByMissing;

    /// <summary>Gets the minimum data availability in [0, 1] (COINr <c>dat_thresh</c>). The default is 2/3.</summary>
    public double MinDataAvailability { get; init; } = 2.0 / 3.0;

    /// <summary>Gets the minimum share of non-zero values in [0, 1] (COINr <c>nonzero_thresh</c>). The default is 0.05.</summary>
    public double MinNonZeroShare { get; init; } = 0.05;

    /// <summary>Gets units kept whatever their data (COINr <c>Force</c> with <c>Include = TRUE</c>).</summary>
    public ImmutableArray<string> ForceInclude { get; init; } = [];

    /// <summary>Gets units removed whatever their data (COINr <c>Force</c> with <c>Include = FALSE</c>).</summary>
    public ImmutableArray<string> ForceExclude { get; init; } = [];

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(Enum.IsDefined(Rule), $"{path}.rule", $"Unknown screening rule {(int)Rule}.", errors);
        Require(MinDataAvailability >= 0 && MinDataAvailability <= 1, $"{path}.minDataAvailability", $"The minimum data availability must be in [0, 1] (got {MinDataAvailability.ToString(CultureInfo.InvariantCulture)}).", errors);
        Require(MinNonZeroShare >= 0 && MinNonZeroShare <= 1, $"{path}.minNonZeroShare", $"The minimum non-zero share must be in [0, 1] (got {MinNonZeroShare.ToString(CultureInfo.InvariantCulture)}).", errors);
    }

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.UnitCount;
        var missing = new int[n];
        var zeros = new int[n];
        var ids = context.IndicatorIds;
        var periods = context.Periods.Length;
        var columns = new int[ids.Length * periods];
        for (var i = 0; i < ids.Length; i++)
        {
            var v = context.RequireIndicatorVariable(i, "an indicator to screen on");
            for (var p = 0; p < periods; p++)
            {
                columns[(i * periods) + p] = context.Offset(v, p);
            }
        }

        var values = context.RawValues;
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Several units at a time over every column, the counts kept in registers: a comparison mask is −1 where true,
            // so subtracting it counts.
            var w = Vector<double>.Count;
            for (; j + w <= n; j += w)
            {
                var missingCount = Vector<long>.Zero;
                var zeroCount = Vector<long>.Zero;
                foreach (var c in columns)
                {
                    var x = new Vector<double>(values.AsSpan(c + j, w));
                    missingCount -= ~Vector.Equals(x, x);
                    zeroCount -= Vector.Equals(x, Vector<double>.Zero);
                }

                for (var k = 0; k < w; k++)
                {
                    missing[j + k] = (int)missingCount[k];
                    zeros[j + k] = (int)zeroCount[k];
                }
            }
        }

        for (; j < n; j++)
        {
            foreach (var c in columns)
            {
                var x = values[c + j];
                if (double.IsNaN(x))
                {
                    missing[j]++;
                }
                else if (x == 0)
                {
                    zeros[j]++;
                }
            }
        }

        var cells = ids.Length * periods;
        var include = ForceInclude.IsDefaultOrEmpty ? null : new HashSet<string>(ForceInclude, StringComparer.Ordinal);
        var exclude = ForceExclude.IsDefaultOrEmpty ? null : new HashSet<string>(ForceExclude, StringComparer.Ordinal);
        var removed = 0;
        var remove = new bool[n];
        var rows = ImmutableArray.CreateBuilder<ScreenedUnit>(n);
        for (var u = 0; u < n; u++)
        {
            var availability = 1 - ((double)missing[u] / cells);
            var nonZero = 1 - ((double)zeros[u] / (cells - missing[u]));
            var lowData = availability < MinDataAvailability;
            var lowNonZero = nonZero < MinNonZeroShare;
            var flagged = Rule switch
            {
                ScreeningRule.ByZeros => lowNonZero,
                ScreeningRule.ByMissingOrZeros => lowData || lowNonZero,
                _ => lowData,
            };
            var id = context.UnitId(u);
            var forcedOut = exclude is not null && exclude.Contains(id);
            var included = !forcedOut && ((include is not null && include.Contains(id)) || !flagged);
            remove[u] = !included;
            rows.Add(new ScreenedUnit(id, missing[u], zeros[u], availability, nonZero, included));
            if (!included)
            {
                removed++;
                context.Audit(Name, id, u, null, forcedOut
                    ? "unit removed (forced)."
                    : $"unit removed: data availability {availability.ToString("0.###", CultureInfo.InvariantCulture)}, non-zero share {nonZero.ToString("0.###", CultureInfo.InvariantCulture)} ({Rule}).");
            }
        }

        var table = rows.MoveToImmutable();
        var removedIds = removed == 0 ? [] : new string[removed];
        for (int u = 0, k = 0; k < removed; u++)
        {
            if (remove[u])
            {
                removedIds[k++] = table[u].UnitId;
            }
        }

        context.Report(new ScreeningReport(Name, table, removed == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(removedIds)));
        context.RemoveUnits(remove);
    }

    /// <inheritdoc/>
    public bool Equals(UnitScreening? other) =>
        other is not null && Rule == other.Rule && MinDataAvailability.Equals(other.MinDataAvailability) && MinNonZeroShare.Equals(other.MinNonZeroShare)
        && StepEquality.Sequence(ForceInclude, other.ForceInclude) && StepEquality.Sequence(ForceExclude, other.ForceExclude);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rule, MinDataAvailability, MinNonZeroShare, StepEquality.Hash(ForceInclude), StepEquality.Hash(ForceExclude));
}

/// <summary>The data availability of one unit as a screening step saw it (COINr's <c>DataSummary</c> row).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ScreenedUnit
{
    internal ScreenedUnit(string unitId, int missing, int zeros, double dataAvailability, double nonZeroShare, bool included)
    {
        UnitId = unitId;
        Missing = missing;
        Zeros = zeros;
        DataAvailability = dataAvailability;
        NonZeroShare = nonZeroShare;
        Included = included;
    }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the number of missing indicator values.</summary>
    public int Missing { get; }

    /// <summary>Gets the number of zero values.</summary>
    public int Zeros { get; }

    /// <summary>Gets the share of cells with a value, 1 − missing / all cells.</summary>
    public double DataAvailability { get; }

    /// <summary>Gets the share of non-zero values, 1 − zeros / non-missing cells (NaN when every cell is missing).</summary>
    public double NonZeroShare { get; }

    /// <summary>Gets a value indicating whether the unit was kept.</summary>
    public bool Included { get; }
}

/// <summary>What a screening step found and removed.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ScreeningReport : StepReport
{
    internal ScreeningReport(string step, ImmutableArray<ScreenedUnit> units, ImmutableArray<string> removedUnits) : base(step)
    {
        Units = units;
        RemovedUnits = removedUnits;
    }

    /// <summary>Gets the availability of every unit screened, in data order.</summary>
    public ImmutableArray<ScreenedUnit> Units { get; }

    /// <summary>Gets the ids of the removed units.</summary>
    public ImmutableArray<string> RemovedUnits { get; }
}
