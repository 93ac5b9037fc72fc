using System.Collections.Immutable;
using System.Numerics;

namespace CompositeIndex;

/// <summary>The statistic an imputation step replaces missing values with.</summary>
public enum ImputationStatistic
{
    /// <summary>The arithmetic mean of the non-missing values (COINr <c>i_mean</c>).</summary>
    Mean = 0,

    /// <summary>The median of the non-missing values (COINr <c>i_median</c>; the mean of the two middle values for an even count).</summary>
    Median = 1,
}

/// <summary>One value an imputation step filled in.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ImputedValue : StepReport
{
    internal ImputedValue(string step, string indicatorId, string unitId, string period, double value) : base(step)
    {
        IndicatorId = indicatorId;
        UnitId = unitId;
        Period = period;
        Value = value;
    }

    /// <summary>Gets the indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>Gets the unit.</summary>
    public string UnitId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the imputed value.</summary>
    public double Value { get; }
}

/// <summary>Helpers shared by the imputation steps.</summary>
internal static class ImputationKernels
{
    /// <summary>The indicators a step targets: the listed ones, or every indicator of the definition when the list is empty.</summary>
    /// <summary>
    /// The imputation targets grouped by their ancestor at <paramref name="level"/> (an indicator without one forms
    /// its own group), groups and members in order of first appearance.
    /// </summary>
    public static List<(string Group, List<string> Members)> TargetsByAncestor(PipelineContext context, ImmutableArray<string> listed, int level)
    {
        var groups = new List<(string Group, List<string> Members)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in Targets(context, listed))
        {
            var g = context.AncestorOf(id, level) ?? id;
            if (index.TryGetValue(g, out var entry))
            {
                groups[entry].Members.Add(id);
            }
            else
            {
                index[g] = groups.Count;
                groups.Add((g, [id]));
            }
        }

        return groups;
    }

    /// <summary>The start of every imputation audit message.</summary>
    public const string Imputed = "imputed: ";

    public static ImmutableArray<string> Targets(PipelineContext context, ImmutableArray<string> listed) =>
        listed.IsDefaultOrEmpty ? context.IndicatorIds : listed;

    /// <summary>The index of the first missing (NaN) value at or after <paramref name="start"/>, or −1; several values at a time.</summary>
    public static int IndexOfMissing(ReadOnlySpan<double> xs, int start)
    {
        var i = start;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<double>.Count <= xs.Length; i += Vector<double>.Count)
            {
                var v = new Vector<double>(xs.Slice(i, Vector<double>.Count));
                if (!Vector.EqualsAll(v, v))
                {
                    break; // the missing value is in this block: found below
                }
            }
        }

        for (; i < xs.Length; i++)
        {
            if (double.IsNaN(xs[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Mean (R's two-pass mean) or median of the non-NaN values; NaN when there are none.</summary>
    public static double Statistic(ImputationStatistic statistic, ReadOnlySpan<double> values, double[] scratch)
    {
        if (statistic == ImputationStatistic.Mean)
        {
            return Stats.Mean(values).Mean;
        }

        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                scratch[n++] = v;
            }
        }

        return Median(scratch.AsSpan(0, n));
    }

    /// <summary>The median of values (sorted in place); NaN for an empty span.</summary>
    public static double Median(Span<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    /// <summary>Records an imputed value: an audit entry with <paramref name="message"/> (callers start it with <see cref="Imputed"/>) and an <see cref="ImputedValue"/> report.</summary>
    public static void Record(PipelineContext context, string step, string indicator, int unit, int period, double value, string message)
    {
        context.Audit(step, indicator, unit, period, message);
        context.Report(new ImputedValue(step, indicator, context.UnitId(unit), context.Periods[period], value));
    }
}
