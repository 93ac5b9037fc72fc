using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// The per-run table of a sensitivity analysis: for every run, its design block, the value each factor took, the
/// outputs, and the score and rank of every unit in every period on the analysed node.
/// </summary>
/// <remarks>
/// Factor values: the level index (0-based) for choice factors, the drawn value for parameter ranges, and the design
/// coordinate u for weight-noise factors (whose weight vector is a function of u). Immutable and thread-safe.
/// </remarks>
public sealed class ReplicateTable
{
    private readonly double[] scores;
    private readonly int[] ranks;
    private readonly double[] factors;
    private readonly double[] outputs;
    private readonly Func<int, string> blockOf;

    internal ReplicateTable(SensitivityAccumulator acc, ImmutableArray<string> factorNames, ImmutableArray<SensitivityOutput> outputDefs, ImmutableArray<string> units, ImmutableArray<string> periods, Func<int, string> blockOf)
    {
        this.blockOf = blockOf;
        scores = acc.RepScores!;
        ranks = acc.RepRanks!;
        factors = acc.RepFactors!;
        outputs = acc.Outputs;
        RunCount = acc.RunCount;
        FactorNames = factorNames;
        Outputs = outputDefs;
        Units = units;
        Periods = periods;
    }

    /// <summary>Gets the number of runs.</summary>
    public int RunCount { get; }

    /// <summary>Gets the factor names, in factor order.</summary>
    public ImmutableArray<string> FactorNames { get; }

    /// <summary>Gets the outputs, in the order of <see cref="GetOutput"/>.</summary>
    public ImmutableArray<SensitivityOutput> Outputs { get; }

    /// <summary>Gets the unit ids.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the periods.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>
    /// Gets the block of a run, labelled by its scheme: <c>"MC"</c> for Monte Carlo, <c>"given"</c> for a run of an
    /// explicit design (<see cref="SamplingScheme.Given"/>), the Saltelli block <c>"A"</c>, <c>"B"</c>, <c>"AB&lt;i&gt;"</c>
    /// or <c>"BA&lt;i&gt;"</c>, or the Morris point <c>"T&lt;t&gt;.&lt;m&gt;"</c> (trajectory t, 1-based, after its m-th move;
    /// <c>.0</c> = its start point).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The label.</returns>
    public string BlockOf(int run)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(run);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(run, RunCount);
        return blockOf(run);
    }

    /// <summary>Gets the value of every factor in a run.</summary>
    /// <param name="run">The run.</param>
    /// <returns>One value per factor.</returns>
    public ReadOnlyMemory<double> GetFactorValues(int run) => factors.AsMemory(run * FactorNames.Length, FactorNames.Length);

    /// <summary>Gets the value of one output in a run.</summary>
    /// <param name="output">The output index in <see cref="Outputs"/>.</param>
    /// <param name="run">The run.</param>
    /// <returns>The value.</returns>
    public double GetOutput(int output, int run) => outputs[(output * RunCount) + run];

    /// <summary>Gets the scores of every unit in a period in a run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="period">The period index.</param>
    /// <returns>One score per unit, in the order of <see cref="Units"/> (NaN = missing).</returns>
    public ReadOnlyMemory<double> GetScores(int run, int period) => scores.AsMemory((int)(((long)run * Periods.Length * Units.Length) + (period * Units.Length)), Units.Length);

    /// <summary>Gets the ranks of every unit in a period in a run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="period">The period index.</param>
    /// <returns>
    /// One competition rank per unit, in the order of <see cref="Units"/>; <see langword="null"/> when the unit has no
    /// score in that run and period (or the run failed) — the library's one encoding of a missing rank.
    /// </returns>
    public ImmutableArray<int?> GetRanks(int run, int period)
    {
        var stored = ranks.AsSpan((int)(((long)run * Periods.Length * Units.Length) + (period * Units.Length)), Units.Length);
        var result = new int?[stored.Length];
        for (var j = 0; j < stored.Length; j++)
        {
            // Stored compactly with 0 for "no rank" (a competition rank is ≥ 1); never exposed as 0.
            result[j] = stored[j] == 0 ? null : stored[j];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    /// <summary>Writes the table as long CSV: <c>run,block,&lt;factors…&gt;,period,unit,score,rank</c> (invariant culture).</summary>
    /// <param name="writer">The destination.</param>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var header = new StringBuilder("run,block");
        foreach (var f in FactorNames)
        {
            header.Append(',').Append(Quote(f));
        }

        writer.Write(header.Append(",period,unit,score,rank\n").ToString());
        for (var r = 0; r < RunCount; r++)
        {
            var prefix = new StringBuilder(r.ToString(CultureInfo.InvariantCulture)).Append(',').Append(BlockOf(r));
            foreach (var v in GetFactorValues(r).Span)
            {
                prefix.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            }

            for (var t = 0; t < Periods.Length; t++)
            {
                var s = GetScores(r, t).Span;
                var k = GetRanks(r, t);
                for (var j = 0; j < Units.Length; j++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{prefix},{Quote(Periods[t])},{Quote(Units[j])},{(double.IsNaN(s[j]) ? string.Empty : s[j].ToString("R", CultureInfo.InvariantCulture))},{(k[j] is { } rank ? rank.ToString(CultureInfo.InvariantCulture) : string.Empty)}\n"));
                }
            }
        }
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
