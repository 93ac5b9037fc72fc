using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompositeIndex;

/// <summary>
/// The column kernels of aggregation, shared by the engine (<see cref="CompiledIndex"/>) and the sensitivity fast path
/// (<c>Sensitivity.Variant</c>), and the deterministic block partition both use to spread cells over threads.
/// </summary>
/// <remarks>
/// <para>Bit-identity: <see cref="WeightedSum"/> computes, for every cell, <c>s = 0; s = s + w₀·x₀; s = s + w₁·x₁; …</c>
/// in child order with one IEEE multiply and one IEEE add per term (no fused multiply-add), exactly the operations of
/// <see cref="ArithmeticAggregation.Aggregate"/> for one cell; vector lanes hold different cells, so vectorising changes
/// nothing in any cell's result. A cell with a missing child comes out NaN (NaN propagates through both operations), so the
/// caller finishes non-finite cells with its general per-cell path.</para>
/// <para>Partition: cells are cut into blocks that depend only on the number of cells and the degree of parallelism; each
/// block writes only its own cells, what a block records (audit entries) is merged in block order and the first error in
/// cell order is the one thrown, so results, audit log and errors are the same for any number of threads.</para>
/// <para>No <c>AggressiveOptimization</c> here: such methods are left out of ReadyToRun images and compiled at start-up,
/// which costs a one-shot CLI run more than tiering costs a long evaluation (on-stack replacement optimises the loops).</para>
/// </remarks>
internal static class AggregationKernel
{
    /// <summary>Below this many values of work an evaluation runs on the calling thread only (unless a degree of parallelism above 1 is asked for).</summary>
    public const long ParallelThreshold = 1 << 16;

    /// <summary>Resolves a requested degree of parallelism (-1 = all processors) for an amount of work.</summary>
    public static int Workers(int maxDegreeOfParallelism, long work) =>
        maxDegreeOfParallelism switch
        {
            > 1 => maxDegreeOfParallelism,
            -1 when work >= ParallelThreshold => Environment.ProcessorCount,
            _ => 1,
        };

    /// <summary>Gets the number of cells per block for a pass over <paramref name="cells"/> cells by <paramref name="workers"/> threads (about four blocks per worker, 64 to 16,384 cells).</summary>
    public static int BlockSize(int cells, int workers) =>
        workers <= 1 ? Math.Max(1, cells) : Math.Clamp((cells / (4 * workers)) + 1, 64, 16_384);

    /// <summary>
    /// output[i] = Σ_c weights[c] · columns[c][i], summed from 0 in child order (IEEE multiply then add per term), for
    /// every i; each column is <c>source[offsets[c] + start .. + output.Length]</c>.
    /// </summary>
    public static void WeightedSum(Span<double> output, ReadOnlySpan<double> weights, double[] source, ReadOnlySpan<int> offsets, int start)
    {
        output.Clear();
        var length = output.Length;
        var c = 0;
        for (; c + 1 < weights.Length; c += 2)
        {
            AddScaled2(output, weights[c], source.AsSpan(offsets[c] + start, length), weights[c + 1], source.AsSpan(offsets[c + 1] + start, length));
        }

        if (c < weights.Length)
        {
            AddScaled(output, weights[c], source.AsSpan(offsets[c] + start, length));
        }
    }

    /// <summary>
    /// output[i] = Σ_c weights[c] · columns[c][offsets[c] + i], summed from 0 in child order (IEEE multiply then add per
    /// term, no fused multiply-add), for every i: the per-cell operations of <see cref="WeightedSum"/>, so the same bits.
    /// Register-blocked for short columns (a group of a few dozen cells, as in a sensitivity run): each block of cells
    /// keeps its partial sums in vector registers over all children (one load per child value, one store per cell)
    /// instead of a pass over the output per child or pair of children.
    /// </summary>
    /// <param name="output">The destination (its length is the number of cells).</param>
    /// <param name="weights">One weight per child.</param>
    /// <param name="columns">The array holding each child's column.</param>
    /// <param name="offsets">Where each child's column starts in its array.</param>
    public static void WeightedSumBlocked(Span<double> output, ReadOnlySpan<double> weights, ReadOnlySpan<double[]> columns, ReadOnlySpan<int> offsets)
    {
        var n = weights.Length;
        var size = output.Length;
        ref var o = ref MemoryMarshal.GetReference(output);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 32 <= size; i += 32)
            {
                Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (var c = 0; c < n; c++)
                {
                    var w = Vector512.Create(weights[c]);
                    ref var x = ref MemoryMarshal.GetReference(columns[c].AsSpan(offsets[c] + i, 32));
                    s0 += w * Vector512.LoadUnsafe(ref x);
                    s1 += w * Vector512.LoadUnsafe(ref x, 8);
                    s2 += w * Vector512.LoadUnsafe(ref x, 16);
                    s3 += w * Vector512.LoadUnsafe(ref x, 24);
                }

                s0.StoreUnsafe(ref o, (nuint)i);
                s1.StoreUnsafe(ref o, (nuint)(i + 8));
                s2.StoreUnsafe(ref o, (nuint)(i + 16));
                s3.StoreUnsafe(ref o, (nuint)(i + 24));
            }

            for (; i + 8 <= size; i += 8)
            {
                Vector512<double> s = default;
                for (var c = 0; c < n; c++)
                {
                    s += Vector512.Create(weights[c]) * Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(columns[c].AsSpan(offsets[c] + i, 8)));
                }

                s.StoreUnsafe(ref o, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 16 <= size; i += 16)
            {
                Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (var c = 0; c < n; c++)
                {
                    var w = Vector256.Create(weights[c]);
                    ref var x = ref MemoryMarshal.GetReference(columns[c].AsSpan(offsets[c] + i, 16));
                    s0 += w * Vector256.LoadUnsafe(ref x);
                    s1 += w * Vector256.LoadUnsafe(ref x, 4);
                    s2 += w * Vector256.LoadUnsafe(ref x, 8);
                    s3 += w * Vector256.LoadUnsafe(ref x, 12);
                }

                s0.StoreUnsafe(ref o, (nuint)i);
                s1.StoreUnsafe(ref o, (nuint)(i + 4));
                s2.StoreUnsafe(ref o, (nuint)(i + 8));
                s3.StoreUnsafe(ref o, (nuint)(i + 12));
            }

            for (; i + 4 <= size; i += 4)
            {
                Vector256<double> s = default;
                for (var c = 0; c < n; c++)
                {
                    s += Vector256.Create(weights[c]) * Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(columns[c].AsSpan(offsets[c] + i, 4)));
                }

                s.StoreUnsafe(ref o, (nuint)i);
            }
        }

        for (; i < size; i++)
        {
            double s = 0;
            for (var c = 0; c < n; c++)
            {
                s += weights[c] * columns[c][offsets[c] + i];
            }

            output[i] = s;
        }
    }

    /// <summary>output[i] = output[i] + weight · column[i] for every i (IEEE multiply then add, vectorised over cells).</summary>
    public static void AddScaled(Span<double> output, double weight, ReadOnlySpan<double> column)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && output.Length >= Vector<double>.Count)
        {
            var vw = new Vector<double>(weight);
            var outVectors = MemoryMarshal.Cast<double, Vector<double>>(output);
            var columnVectors = MemoryMarshal.Cast<double, Vector<double>>(column[..output.Length]);
            for (var v = 0; v < outVectors.Length; v++)
            {
                outVectors[v] += vw * columnVectors[v];
            }

            i = outVectors.Length * Vector<double>.Count;
        }

        for (; i < output.Length; i++)
        {
            output[i] += weight * column[i];
        }
    }

    /// <summary>output[i] = (output[i] + w0 · a[i]) + w1 · b[i] for every i: two terms of <see cref="AddScaled"/> in one pass, the same operations in the same order.</summary>
    public static void AddScaled2(Span<double> output, double w0, ReadOnlySpan<double> a, double w1, ReadOnlySpan<double> b)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && output.Length >= Vector<double>.Count)
        {
            var v0 = new Vector<double>(w0);
            var v1 = new Vector<double>(w1);
            var outVectors = MemoryMarshal.Cast<double, Vector<double>>(output);
            var aVectors = MemoryMarshal.Cast<double, Vector<double>>(a[..output.Length]);
            var bVectors = MemoryMarshal.Cast<double, Vector<double>>(b[..output.Length]);
            for (var v = 0; v < outVectors.Length; v++)
            {
                var s = outVectors[v] + (v0 * aVectors[v]);
                outVectors[v] = s + (v1 * bVectors[v]);
            }

            i = outVectors.Length * Vector<double>.Count;
        }

        for (; i < output.Length; i++)
        {
            var s = output[i] + (w0 * a[i]);
            output[i] = s + (w1 * b[i]);
        }
    }

    /// <summary>
    /// Aggregates one cell (one unit and period) of a group by the engine's rules: children that are missing (NaN) or,
    /// when the policy allows it, outside the aggregation's domain are left out; the missing-data policy decides whether
    /// the children present suffice; the weights of the children present are re-normalised to sum to 1; the method
    /// aggregates. The engine (<see cref="CompiledIndex"/>) and the sensitivity fast path (<c>Sensitivity.Variant</c>)
    /// both call this one kernel, so their per-cell results are the same by construction.
    /// </summary>
    /// <param name="method">The group's aggregation.</param>
    /// <param name="policy">The group's missing-data policy.</param>
    /// <param name="values">In: the children's values in child order (NaN = missing), one per child. Out: overwritten (the values present, compacted).</param>
    /// <param name="nominal">The children's nominal (not re-normalised) weights, in child order.</param>
    /// <param name="scale">Empty, or a multiplier per child applied to its weight (the indicator counts below it, for
    /// <see cref="WeightScaling.AvailableIndicatorCount"/>).</param>
    /// <param name="totalWeight">Σ nominal, summed from 0 in child order.</param>
    /// <param name="completeWeights">Empty, or nominal[c] / totalWeight for every child: used when every child is present and in
    /// the domain (then bit-identical to the general path, which divides by the same sum accumulated in the same order).</param>
    /// <param name="weights">Scratch, at least one element per child.</param>
    /// <param name="outcome">What happened (a score, a missing score and why, or an error and the child that caused it).</param>
    /// <returns>The score; NaN unless <paramref name="outcome"/> is <see cref="CellStatus.Score"/>.</returns>
    /// <remarks>
    /// With w_k the (scaled) weights of the K children present and x_k their values, the score is
    /// <c>method.Aggregate(x, w / Σw)</c> (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §1.6: weights of
    /// missing components re-distributed proportionally). A score is missing when the policy rejects the children present
    /// (<see cref="MissingDataPolicy.Accepts"/> on Σ nominal of present vs <paramref name="totalWeight"/>), when no child is
    /// present or the weights present sum to ≤ 0, or when a method that may return missing does.
    /// </remarks>
    public static double AggregateCell(AggregationMethod method, MissingDataPolicy policy, Span<double> values, ReadOnlySpan<double> nominal, ReadOnlySpan<double> scale, double totalWeight, ReadOnlySpan<double> completeWeights, Span<double> weights, out CellOutcome outcome)
    {
        var n = nominal.Length;
        if (!completeWeights.IsEmpty && AllInDomain(method, values[..n]))
        {
            return Finish(method, method.Aggregate(values[..n], completeWeights[..n]), n, 0, out outcome);
        }

        var k = 0;
        var skipped = 0;
        double present = 0;
        double effective = 0;
        for (var c = 0; c < n; c++)
        {
            var v = values[c];
            if (double.IsNaN(v))
            {
                continue;
            }

            if (!method.IsInDomain(v))
            {
                if (policy.OutOfDomainAsMissing)
                {
                    skipped++;
                    continue;
                }

                outcome = new CellOutcome(CellStatus.OutOfDomain, k, skipped, c);
                return double.NaN;
            }

            values[k] = v;
            weights[k] = scale.IsEmpty ? nominal[c] : nominal[c] * scale[c];
            present += nominal[c];
            effective += weights[k];
            k++;
        }

        if (k < n && !policy.Accepts(present, totalWeight, k, n))
        {
            outcome = new CellOutcome(CellStatus.RejectedByPolicy, k, skipped, -1);
            return double.NaN;
        }

        if (k == 0 || present <= 0 || effective <= 0)
        {
            outcome = new CellOutcome(CellStatus.NoWeight, k, skipped, -1);
            return double.NaN;
        }

        for (var c = 0; c < k; c++)
        {
            weights[c] /= effective;
        }

        return Finish(method, method.Aggregate(values[..k], weights[..k]), k, skipped, out outcome);
    }

    /// <summary>
    /// <see cref="AggregateCell"/> specialised to the weighted arithmetic mean with unscaled weights, for a cell with some
    /// (not all, not no) children missing that the policy accepts: the same operations (weights of the children present
    /// summed from 0 in child order, each divided by that sum, Σ wₖ·xₖ from 0 in order), without gathering every child or
    /// calling the method per value. Returns false (and the caller takes <see cref="AggregateCell"/>) in every other case:
    /// nothing or everything missing, the policy rejecting, weights summing to ≤ 0, or a non-finite result.
    /// </summary>
    /// <param name="source">The score table.</param>
    /// <param name="offsets">The start of each child's column in <paramref name="source"/>.</param>
    /// <param name="cell">The cell (unit and period) within a column.</param>
    /// <param name="policy">The group's missing-data policy.</param>
    /// <param name="nominal">The children's nominal weights.</param>
    /// <param name="totalWeight">Σ nominal, from 0 in child order.</param>
    /// <param name="values">Scratch, one element per child.</param>
    /// <param name="weights">Scratch, one element per child.</param>
    /// <param name="score">The score when the method returns true.</param>
    public static bool TryArithmeticPartialCell(double[] source, ReadOnlySpan<int> offsets, int cell, MissingDataPolicy policy, ReadOnlySpan<double> nominal, double totalWeight, Span<double> values, Span<double> weights, out double score)
    {
        var n = nominal.Length;
        var k = 0;
        double present = 0;
        for (var c = 0; c < n; c++)
        {
            var v = source[offsets[c] + cell];
            if (double.IsNaN(v))
            {
                continue;
            }

            values[k] = v;
            weights[k] = nominal[c];
            present += nominal[c];
            k++;
        }

        score = double.NaN;
        if (k == 0 || k == n || !policy.Accepts(present, totalWeight, k, n) || present <= 0)
        {
            return false;
        }

        double sum = 0;
        for (var j = 0; j < k; j++)
        {
            sum += (weights[j] / present) * values[j];
        }

        score = sum;
        return double.IsFinite(sum);
    }

    /// <summary>The exception for an error outcome of <see cref="AggregateCell"/> (out of domain, non-finite), worded the same for the engine and the sensitivity fast path.</summary>
    public static NumericalException CellError(AggregationMethod method, in CellOutcome outcome, string groupId, string childId, double childValue, string unitId, string period) =>
        outcome.Status == CellStatus.OutOfDomain
            ? new NumericalException($"aggregation '{method.MethodName}' needs {method.DomainDescription}, but child '{childId}' is {childValue.ToString("R", CultureInfo.InvariantCulture)}.", groupId, unitId, period)
            : new NumericalException($"aggregation '{method.MethodName}' produced a non-finite value.", groupId, unitId, period);

    private static bool AllInDomain(AggregationMethod method, ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v) || !method.IsInDomain(v))
            {
                return false;
            }
        }

        return true;
    }

    private static double Finish(AggregationMethod method, double score, int present, int skipped, out CellOutcome outcome)
    {
        if (double.IsFinite(score))
        {
            outcome = new CellOutcome(CellStatus.Score, present, skipped, -1);
            return score;
        }

        outcome = new CellOutcome(double.IsNaN(score) && method.MayReturnMissing ? CellStatus.ReturnedMissing : CellStatus.NonFinite, present, skipped, -1);
        return double.NaN;
    }

    /// <summary>Gets the index of the first infinite value, or -1 (vectorised test of the exponent bits).</summary>
    public static int IndexOfInfinity(ReadOnlySpan<double> values)
    {
        var bits = MemoryMarshal.Cast<double, long>(values);
        const long magnitude = 0x7FFF_FFFF_FFFF_FFFF;
        const long infinity = 0x7FF0_0000_0000_0000;
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<long>.Count)
        {
            var mask = new Vector<long>(magnitude);
            var inf = new Vector<long>(infinity);
            var vectors = MemoryMarshal.Cast<long, Vector<long>>(bits);
            var v = 0;
            for (; v < vectors.Length; v++)
            {
                if (Vector.EqualsAny(vectors[v] & mask, inf))
                {
                    break;
                }
            }

            i = v * Vector<long>.Count;
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & magnitude) == infinity)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>What <see cref="AggregationKernel.AggregateCell"/> did with one cell.</summary>
internal enum CellStatus : byte
{
    /// <summary>A finite score.</summary>
    Score,

    /// <summary>Missing: the missing-data policy rejected the children present.</summary>
    RejectedByPolicy,

    /// <summary>Missing: no child present, or the weights of those present sum to ≤ 0.</summary>
    NoWeight,

    /// <summary>Missing: the aggregation returned missing (a method whose <see cref="AggregationMethod.MayReturnMissing"/> is true).</summary>
    ReturnedMissing,

    /// <summary>Error: a child is outside the aggregation's domain and the policy does not treat that as missing.</summary>
    OutOfDomain,

    /// <summary>Error: the aggregation produced an infinite value (or NaN from a method that never returns missing).</summary>
    NonFinite,
}

/// <summary>The outcome of one cell: its status, how many children were used, how many were left out for being outside the domain, and the offending child (out of domain), else -1.</summary>
internal readonly record struct CellOutcome(CellStatus Status, int Present, int SkippedOutOfDomain, int Child)
{
    /// <summary>Gets a value indicating whether the outcome is an error the caller must throw.</summary>
    public bool IsError => Status >= CellStatus.OutOfDomain;
}
