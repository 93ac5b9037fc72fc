using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>The transformation an <see cref="OutlierTreatment"/> falls back to when winsorisation does not fix an indicator.</summary>
public enum OutlierTransformation
{
    /// <summary>No transformation: the winsorised values are kept even if the indicator still fails the check.</summary>
    None = 0,

    /// <summary>COINr <c>log_CT</c>: <c>ln(x − min + 0.01·(max − min))</c>.</summary>
    Log = 1,

    /// <summary>COINr <c>log_CT_orig</c> (the original COIN Tool log): <c>ln(x − min + 1)</c>.</summary>
    LogPlusOne = 2,

    /// <summary>COINr <c>boxcox</c> with <c>makepos</c>: y = x − min + 1, then <c>(y^λ − 1)/λ</c> (λ ≠ 0) or <c>ln y</c> (λ = 0).</summary>
    BoxCox = 3,
}

/// <summary>
/// Outlier treatment by COINr's two-stage rule: indicators whose distribution fails a skewness-and-kurtosis check are
/// winsorised point by point, and, if that does not fix them within a maximum number of points, transformed instead.
/// </summary>
/// <remarks>
/// <para>Per indicator and period (COINr <c>Treat</c> with its defaults; OECD/JRC Handbook 2008, §1.5 and the JRC
/// COIN practice of |skewness| &gt; 2 and kurtosis &gt; 3.5):</para>
/// <list type="number">
/// <item>Check: the indicator passes when |skewness| &lt; <see cref="SkewnessThreshold"/> <b>or</b> kurtosis &lt;
/// <see cref="KurtosisThreshold"/> (bias-adjusted sample skewness and excess kurtosis, "type 2"; Joanes &amp; Gill 1998,
/// doi:10.1111/1467-9884.00122); it is treated only when both thresholds are reached.</item>
/// <item>Winsorisation (COINr <c>winsorise</c>): while failing and fewer than <see cref="MaxWinsorizedPoints"/> points
/// are winsorised, if the current skewness is ≥ 0 every value equal to the current maximum is set to the largest other
/// value, otherwise every value equal to the minimum is set to the smallest other value. Points tie with the next value,
/// so the winsorised set grows; the count is the size of the latest high set plus the latest low set, as in COINr.</item>
/// <item>If still failing, the winsorised column is discarded and <see cref="Transformation"/> is applied to the
/// original column (or to the winsorised one when <see cref="CombineTreatments"/> is set). The transformed column is
/// kept even if it still fails.</item>
/// </list>
/// <para>Missing values are skipped and stay missing. Columns with fewer than 4 values or zero variance cannot be checked
/// and are left unchanged (with an audit entry). <see cref="Overrides"/> give other parameters to named indicators
/// (COINr <c>indiv_specs</c>) and <see cref="Exclude"/> leaves indicators untreated. Every changed value is written to
/// the audit log, and every checked indicator gets an <see cref="OutlierTreatmentReport"/>.</para>
/// </remarks>
public sealed record OutlierTreatment : PipelineStep
{
    /// <summary>The JSON method name, <c>"treatOutliers"</c>.</summary>
    public const string Name = "treatOutliers";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"treat outliers where |skewness| > {T.N(SkewnessThreshold)} and kurtosis > {T.N(KurtosisThreshold)}: winsorise up to {MaxWinsorizedPoints} points, then {(Transformation == OutlierTransformation.None ? "no transformation" : Transformation == OutlierTransformation.BoxCox ? $"a Box–Cox transformation (λ = {T.N(BoxCoxLambda)})" : Transformation == OutlierTransformation.LogPlusOne ? "log(x + 1)" : "a log transformation")}{T.Scope(Indicators, language)}", $"|왜도| > {T.N(SkewnessThreshold)}이고 첨도 > {T.N(KurtosisThreshold)}인 이상치 처리: 최대 {MaxWinsorizedPoints}개 값 윈저화, 이후 {(Transformation == OutlierTransformation.None ? "변환 없음" : Transformation == OutlierTransformation.BoxCox ? $"박스-콕스 변환(λ = {T.N(BoxCoxLambda)})" : Transformation == OutlierTransformation.LogPlusOne ? "log(x + 1) 변환" : "로그 변환")}{T.Scope(Indicators, language)}");

    /// <summary>Gets the absolute-skewness threshold. Must be positive. The default is 2.</summary>
    public double SkewnessThreshold { get; init; } = 2;

    /// <summary>Gets the (excess) kurtosis threshold. The default is 3.5.</summary>
    public double KurtosisThreshold { get; init; } = 3.5;

    /// <summary>Gets the maximum number of winsorised points (COINr <c>winmax</c>); 0 skips winsorisation and <see cref="int.MaxValue"/> means no limit (COINr <c>winmax = NULL</c>). Must be non-negative. The default is 5.</summary>
    public int MaxWinsorizedPoints { get; init; } = 5;

    /// <summary>Gets a value indicating whether winsorisation runs up to the limit even on passing indicators (COINr <c>force_win</c>). The default is <see langword="false"/>.</summary>
    public bool ForceWinsorization { get; init; }

    /// <summary>Gets the fallback transformation. The default is <see cref="OutlierTransformation.Log"/> (COINr <c>log_CT</c>).</summary>
    public OutlierTransformation Transformation { get; init; } = OutlierTransformation.Log;

    /// <summary>Gets the Box-Cox λ, used with <see cref="OutlierTransformation.BoxCox"/>. The default is 0.5.</summary>
    public double BoxCoxLambda { get; init; } = 0.5;

    /// <summary>Gets a value indicating whether the transformation is applied to the winsorised column rather than the original one (COINr <c>combine_treat</c>). The default is <see langword="false"/>.</summary>
    public bool CombineTreatments { get; init; }

    /// <summary>Gets the indicators to treat; empty (the default) means every indicator of the definition.</summary>
    public ImmutableArray<string> Indicators { get; init; } = [];

    /// <summary>Gets indicators left untreated (COINr <c>indiv_specs = list(x = "none")</c>).</summary>
    public ImmutableArray<string> Exclude { get; init; } = [];

    /// <summary>Gets per-indicator parameters that replace this step's for the named indicators (their own <see cref="Overrides"/>, <see cref="Indicators"/> and <see cref="Exclude"/> are ignored).</summary>
    public ImmutableSortedDictionary<string, OutlierTreatment> Overrides { get; init; } = ImmutableSortedDictionary<string, OutlierTreatment>.Empty;

    /// <inheritdoc/>
    public override PipelineStep? WithoutIndicator(string indicatorId)
    {
        if (WithoutId(Indicators, indicatorId) is not { } rest)
        {
            return null;
        }

        var exclude = Exclude.IsDefaultOrEmpty || !Exclude.Contains(indicatorId) ? Exclude : Exclude.RemoveAll(x => x == indicatorId);
        var overrides = Overrides is not null && Overrides.ContainsKey(indicatorId) ? Overrides.Remove(indicatorId) : Overrides;
        return rest == Indicators && exclude == Exclude && ReferenceEquals(overrides, Overrides)
            ? this
            : this with { Indicators = rest, Exclude = exclude, Overrides = overrides! };
    }

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(double.IsFinite(SkewnessThreshold) && SkewnessThreshold > 0, $"{path}.skewnessThreshold", "The skewness threshold must be finite and positive.", errors);
        Require(double.IsFinite(KurtosisThreshold), $"{path}.kurtosisThreshold", "The kurtosis threshold must be finite.", errors);
        Require(MaxWinsorizedPoints >= 0, $"{path}.maxWinsorizedPoints", "The maximum number of winsorised points must be non-negative.", errors);
        Require(Enum.IsDefined(Transformation), $"{path}.transformation", $"Unknown transformation {(int)Transformation}.", errors);
        Require(double.IsFinite(BoxCoxLambda), $"{path}.boxCoxLambda", "The Box-Cox lambda must be finite.", errors);
        foreach (var (id, o) in Overrides ?? ImmutableSortedDictionary<string, OutlierTreatment>.Empty)
        {
            if (o is null)
            {
                errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.overrides.{id}", $"The override for '{id}' is null."));
                continue;
            }

            o.Validate($"{path}.overrides.{id}", errors);
        }
    }

    /// <inheritdoc/>
    public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors)
    {
        RequireIndicators(definition, Indicators.IsDefault ? [] : Indicators, path, "indicators", errors);
        RequireIndicators(definition, Exclude.IsDefault ? [] : Exclude, path, "exclude", errors);
        RequireIndicators(definition, Overrides?.Keys ?? [], path, "overrides", errors);
    }

    /// <inheritdoc/>
    public override void Apply(PipelineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var excluded = Exclude.IsDefaultOrEmpty ? null : new HashSet<string>(Exclude, StringComparer.Ordinal);
        var n = context.UnitCount;
        var label = new sbyte[n];
        var scratch = new Scratch(n);
        var listed = !Indicators.IsDefaultOrEmpty;
        var ids = listed ? Indicators : context.IndicatorIds;

        // Checks whose values are only reported are computed on first read from the treated column (see
        // SkewKurtosis); a column listed twice would be treated again while its first checks wait, so settle them then.
        var settleEach = listed && new HashSet<string>(Indicators, StringComparer.Ordinal).Count != Indicators.Length;
        for (var t = 0; t < ids.Length; t++)
        {
            var id = ids[t];
            if (excluded is not null && excluded.Contains(id))
            {
                continue;
            }

            var spec = !Overrides.IsEmpty && Overrides.TryGetValue(id, out var o) ? o : this;
            var v = listed ? context.RequireVariable(id, "an indicator to treat") : context.RequireIndicatorVariable(t, "an indicator to treat");
            for (var p = 0; p < context.Periods.Length; p++)
            {
                var xs = context.Values(v, p);
                spec.TreatColumn(context, id, v, p, xs, label, scratch);
            }

            if (settleEach)
            {
                context.SettleDeferred();
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(OutlierTreatment? other) =>
        other is not null && SkewnessThreshold.Equals(other.SkewnessThreshold) && KurtosisThreshold.Equals(other.KurtosisThreshold)
        && MaxWinsorizedPoints == other.MaxWinsorizedPoints && ForceWinsorization == other.ForceWinsorization
        && Transformation == other.Transformation && BoxCoxLambda.Equals(other.BoxCoxLambda) && CombineTreatments == other.CombineTreatments
        && StepEquality.Sequence(Indicators, other.Indicators) && StepEquality.Sequence(Exclude, other.Exclude) && StepEquality.Map(Overrides, other.Overrides);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(SkewnessThreshold, KurtosisThreshold, MaxWinsorizedPoints, ForceWinsorization, Transformation, BoxCoxLambda, CombineTreatments, StepEquality.Hash(Overrides));

    /// <summary>
    /// Checks values: whether they pass and on which side the skew lies (<paramref name="sign"/> +1 for skewness ≥ 0,
    /// else −1). The decision comes from <see cref="Stats.TryDecideSkewnessKurtosis"/> when that is certain (same
    /// answer as the exact values; the side only when the caller needs it, i.e. unless <paramref name="sideUnneeded"/>
    /// or the values pass without forced winsorisation); otherwise from <see cref="Stats.SkewnessKurtosis"/>, whose values
    /// are then returned.
    /// </summary>
    /// <returns>Whether <paramref name="skewness"/> and <paramref name="kurtosis"/> hold the exact values (else NaN).</returns>
    private bool Probe(ReadOnlySpan<double> x, bool sideUnneeded, out bool passed, out int sign, out double skewness, out double kurtosis)
    {
        skewness = kurtosis = double.NaN;
        if (Stats.TryDecideSkewnessKurtosis(x, SkewnessThreshold, KurtosisThreshold, out passed, out sign) && (sign != 0 || sideUnneeded || (passed && !ForceWinsorization)))
        {
            return false;
        }

        (skewness, kurtosis) = Stats.SkewnessKurtosis(x);
        passed = Math.Abs(skewness) < SkewnessThreshold || kurtosis < KurtosisThreshold;
        sign = skewness >= 0 ? 1 : -1;
        return true;
    }

    /// <summary>The check of values, computed now.</summary>
    private SkewKurtosis Exact(ReadOnlySpan<double> x)
    {
        var (s, k) = Stats.SkewnessKurtosis(x);
        return new SkewKurtosis(s, k, Math.Abs(s) < SkewnessThreshold || k < KurtosisThreshold);
    }

    /// <summary>
    /// COINr <c>winsorise</c>: winsorises in place and fills labels (1 = high, −1 = low), starting from the check of the
    /// values as given (<paramref name="passing"/>, <paramref name="sign"/>). Returns the point count, whether any value
    /// changed, the check of the values as left (the decision, and the exact values when they were computed), and the
    /// numbers of units labelled high and low.
    /// </summary>
    private (int Points, bool Any, bool Passing, bool HasValues, double Skewness, double Kurtosis, int HighCount, int LowCount) Winsorize(Span<double> x, Span<sbyte> label, bool passing, int sign, Scratch scratch)
    {
        label.Clear();
        var nwin = 0;
        int lastHigh = 0, lastLow = 0;
        var flagHigh = scratch.High.AsSpan(0, x.Length);
        var flagLow = scratch.Low.AsSpan(0, x.Length);
        flagHigh.Clear();
        flagLow.Clear();
        var any = false;
        var hasValues = false;
        double skew = double.NaN, kurt = double.NaN;
        while ((!passing || ForceWinsorization) && nwin < MaxWinsorizedPoints)
        {
            // The extreme value on the side of the skew and the next distinct value.
            var high = sign > 0;
            var (extreme, next) = ExtremeAndNext(x, high);
            if (double.IsInfinity(next) || double.IsInfinity(extreme))
            {
                break; // nothing left to winsorise towards (constant column)
            }

            var flags = high ? flagHigh : flagLow;
            flags.Clear();
            var count = 0;
            for (var u = 0; u < x.Length; u++)
            {
                if (x[u] == extreme)
                {
                    x[u] = next;
                    flags[u] = true;
                    count++;
                }
            }

            if (high)
            {
                lastHigh = count;
            }
            else
            {
                lastLow = count;
            }

            any = true;
            nwin = lastHigh + lastLow;
            hasValues = Probe(x, sideUnneeded: nwin >= MaxWinsorizedPoints, out passing, out sign, out skew, out kurt);
        }

        int highCount = 0, lowCount = 0;
        if (any)
        {
            for (var u = 0; u < x.Length; u++)
            {
                var l = flagHigh[u] ? (sbyte)1 : flagLow[u] ? (sbyte)-1 : (sbyte)0;
                label[u] = l;
                highCount += l > 0 ? 1 : 0;
                lowCount += l < 0 ? 1 : 0;
            }
        }

        return (nwin, any, passing, hasValues, skew, kurt, highCount, lowCount);
    }

    /// <summary>
    /// The extreme value on one side (the maximum when <paramref name="high"/>, else the minimum) and the next distinct
    /// value towards the centre, missing values skipped; ±∞ when there is none. The definition is the one-pass loop of
    /// <see cref="SequentialExtremeAndNext"/>; this runs it as two vector passes (a strict-comparison maximum, then the
    /// maximum below it, on sign·x), which finds the same values; only the sign of a zero could depend on which of +0
    /// and −0 is met first, so a zero result is recomputed sequentially (same bits in every case).
    /// </summary>
    internal static (double Extreme, double Next) ExtremeAndNext(ReadOnlySpan<double> x, bool high)
    {
        if (!Vector.IsHardwareAccelerated || x.Length < 2 * Vector<double>.Count)
        {
            return SequentialExtremeAndNext(x, high);
        }

        var sign = high ? 1.0 : -1.0;
        var vsign = new Vector<double>(sign);
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(x);
        var tail = x[(vectors.Length * Vector<double>.Count)..];
        var vmax = new Vector<double>(double.NegativeInfinity);
        foreach (var raw in vectors)
        {
            var v = raw * vsign;
            vmax = Vector.ConditionalSelect(Vector.GreaterThan(v, vmax), v, vmax);
        }

        var extreme = double.NegativeInfinity;
        for (var lane = 0; lane < Vector<double>.Count; lane++)
        {
            extreme = vmax[lane] > extreme ? vmax[lane] : extreme;
        }

        foreach (var raw in tail)
        {
            var v = sign * raw;
            extreme = v > extreme ? v : extreme;
        }

        var vextreme = new Vector<double>(extreme);
        var vnext = new Vector<double>(double.NegativeInfinity);
        foreach (var raw in vectors)
        {
            var v = raw * vsign;
            vnext = Vector.ConditionalSelect(Vector.LessThan(v, vextreme) & Vector.GreaterThan(v, vnext), v, vnext);
        }

        var next = double.NegativeInfinity;
        for (var lane = 0; lane < Vector<double>.Count; lane++)
        {
            next = vnext[lane] > next ? vnext[lane] : next;
        }

        foreach (var raw in tail)
        {
            var v = sign * raw;
            next = v < extreme && v > next ? v : next;
        }

        return extreme == 0 || next == 0 ? SequentialExtremeAndNext(x, high) : (extreme * sign, next * sign);
    }

    /// <summary>The definition of <see cref="ExtremeAndNext"/>: one pass over sign·x keeping the largest value and the largest value below it.</summary>
    internal static (double Extreme, double Next) SequentialExtremeAndNext(ReadOnlySpan<double> x, bool high)
    {
        var sign = high ? 1.0 : -1.0;
        var extreme = double.NegativeInfinity;
        var next = double.NegativeInfinity;
        foreach (var raw in x)
        {
            if (double.IsNaN(raw))
            {
                continue;
            }

            var v = sign * raw;
            if (v > extreme)
            {
                next = extreme;
                extreme = v;
            }
            else if (v < extreme && v > next)
            {
                next = v;
            }
        }

        return (extreme * sign, next * sign);
    }

    /// <summary>Applies <see cref="Transformation"/> to <paramref name="x"/> in place.</summary>
    internal void Transform(Span<double> x)
    {
        var (min, max, _) = Stats.MinMax(x);
        switch (Transformation)
        {
            case OutlierTransformation.Log:
                var shift = 0.01 * (max - min);
                for (var u = 0; u < x.Length; u++)
                {
                    x[u] = Math.Log(x[u] - min + shift);
                }

                break;
            case OutlierTransformation.LogPlusOne:
                for (var u = 0; u < x.Length; u++)
                {
                    x[u] = Math.Log(x[u] - min + 1);
                }

                break;
            case OutlierTransformation.BoxCox:
                for (var u = 0; u < x.Length; u++)
                {
                    var y = x[u] - min + 1;
                    x[u] = BoxCoxLambda == 0 ? Math.Log(y) : (Math.Pow(y, BoxCoxLambda) - 1) / BoxCoxLambda;
                }

                break;
        }
    }

    private void TreatColumn(PipelineContext context, string id, int v, int p, Span<double> xs, sbyte[] label, Scratch scratch)
    {
        var n = xs.Length;
        var exact = Probe(xs, sideUnneeded: MaxWinsorizedPoints == 0, out var passed, out var sign, out var s0, out var k0);
        if (exact && (double.IsNaN(s0) || double.IsNaN(k0)))
        {
            context.Audit(Name, id, null, p, "not checked: fewer than 4 values or zero variance.");
            return;
        }

        // A decided check is certain of a positive variance and n ≥ 4 (Stats.TryDecideSkewnessKurtosis), so it is never "not checked".
        if (passed && !ForceWinsorization)
        {
            // The column is left as it is: its check's values are computed from it when first read.
            var unchanged = exact ? new SkewKurtosis(s0, k0, passed) : context.Defer(v, p, passed);
            context.Report(new OutlierTreatmentReport(Name, id, context.Periods[p], unchanged, null, null, null, null, [], []));
            return;
        }

        // The column is winsorised (or transformed) in place, so the original values are copied first; an undecided check
        // keeps that copy (never written again: the next column gets a new one), a decided one leaves it for reuse.
        var original = scratch.Original ??= new double[n];
        xs.CopyTo(original);
        SkewKurtosis before;
        if (exact)
        {
            before = new SkewKurtosis(s0, k0, passed);
        }
        else
        {
            before = new SkewKurtosis(original, 0, n, passed);
            scratch.Original = null;
        }

        var (nwin, any, passing, hasValues, s1, k1, highCount, lowCount) = MaxWinsorizedPoints == 0 ? (0, false, passed, false, double.NaN, double.NaN, 0, 0) : Winsorize(xs, label, passed, sign, scratch);
        if (MaxWinsorizedPoints == 0)
        {
            Array.Clear(label);
        }

        var (high, low) = WinsorizedUnits(context, label, highCount, lowCount);
        SkewKurtosis? afterWin = !any ? before : hasValues ? new SkewKurtosis(s1, k1, passing) : null;
        if (passing || Transformation == OutlierTransformation.None)
        {
            for (var u = 0; u < xs.Length; u++)
            {
                if (label[u] != 0 && xs[u] != original[u])
                {
                    context.Audit(Name, id, u, p, label[u] > 0 ? "winsorised (high): set to the largest other value." : "winsorised (low): set to the smallest other value.");
                }
            }

            afterWin ??= context.Defer(v, p, passing);
            if (!passing)
            {
                context.Audit(Name, id, null, p, $"still fails after winsorising {nwin} point(s) (skewness {PipelineContext.Format(afterWin.Skewness)}, kurtosis {PipelineContext.Format(afterWin.Kurtosis)}); no transformation configured.");
            }

            context.Report(new OutlierTreatmentReport(Name, id, context.Periods[p], before, nwin, afterWin, null, null, high, low));
            return;
        }

        afterWin ??= Exact(xs);
        if (!CombineTreatments)
        {
            original.CopyTo(xs);
        }

        Transform(xs);
        var transformedExact = Probe(xs, sideUnneeded: true, out var passedT, out _, out var sT, out var kT);
        var afterTransform = transformedExact ? new SkewKurtosis(sT, kT, passedT) : context.Defer(v, p, passedT);
        context.Audit(Name, id, null, p, $"{nwin} winsorised point(s) did not pass (skewness {PipelineContext.Format(afterWin.Skewness)}, kurtosis {PipelineContext.Format(afterWin.Kurtosis)}); applied {Transformation} to the {(CombineTreatments ? "winsorised" : "original")} values{(afterTransform.Passed ? string.Empty : ", which still fail the check")}.");
        context.Report(new OutlierTreatmentReport(Name, id, context.Periods[p], before, nwin, afterWin, Transformation, afterTransform, high, low));
    }

    /// <summary>The units labelled high (1) and low (−1), in unit order, given how many there are of each.</summary>
    private static (ImmutableArray<string> High, ImmutableArray<string> Low) WinsorizedUnits(PipelineContext context, sbyte[] label, int highCount, int lowCount)
    {
        if (highCount + lowCount == 0)
        {
            return ([], []);
        }

        var high = highCount == 0 ? [] : new string[highCount];
        var low = lowCount == 0 ? [] : new string[lowCount];
        int h = 0, k = 0;
        for (var u = 0; u < label.Length; u++)
        {
            if (label[u] > 0)
            {
                high[h++] = context.UnitId(u);
            }
            else if (label[u] < 0)
            {
                low[k++] = context.UnitId(u);
            }
        }

        return (ImmutableCollectionsMarshal.AsImmutableArray(high), ImmutableCollectionsMarshal.AsImmutableArray(low));
    }

    private sealed class Scratch(int n)
    {
        /// <summary>Gets or sets the buffer for a column's original values (null after an undecided check kept it).</summary>
        public double[]? Original { get; set; }

        public bool[] High { get; } = new bool[n];

        public bool[] Low { get; } = new bool[n];
    }
}

/// <summary>The result of the skewness-and-kurtosis check of an <see cref="OutlierTreatment"/>.</summary>
/// <remarks>
/// Immutable and thread-safe. The decision (<see cref="Passed"/>) is made when the step runs; the skewness and kurtosis
/// of a check whose values are only reported may be computed when first read, from the checked values kept unchanged
/// for it (the treated column of the prepared data, or a copy), by the same routine and so with the same bits.
/// </remarks>
public sealed class SkewKurtosis
{
    private readonly int offset;
    private readonly int length;
    private double[]? source;
    private double skewness;
    private double kurtosis;

    internal SkewKurtosis(double skewness, double kurtosis, bool passed)
    {
        this.skewness = skewness;
        this.kurtosis = kurtosis;
        Passed = passed;
    }

    /// <summary>A check whose values are computed on first read from <c>source[offset .. offset + length)</c>, which must not change until then (the pipeline settles deferred checks before the next step runs).</summary>
    internal SkewKurtosis(double[] source, int offset, int length, bool passed)
    {
        this.source = source;
        this.offset = offset;
        this.length = length;
        skewness = kurtosis = double.NaN;
        Passed = passed;
    }

    /// <summary>Gets the bias-adjusted sample skewness.</summary>
    public double Skewness
    {
        get
        {
            Settle();
            return skewness;
        }
    }

    /// <summary>Gets the bias-adjusted sample excess kurtosis.</summary>
    public double Kurtosis
    {
        get
        {
            Settle();
            return kurtosis;
        }
    }

    /// <summary>Gets a value indicating whether |skewness| is below its threshold or kurtosis below its threshold.</summary>
    public bool Passed { get; }

    /// <summary>Computes deferred values (idempotent; concurrent callers compute the same bits, and a reader that sees the source cleared sees the values).</summary>
    internal void Settle()
    {
        var values = Volatile.Read(ref source);
        if (values is null)
        {
            return;
        }

        (skewness, kurtosis) = Stats.SkewnessKurtosis(values.AsSpan(offset, length));
        Volatile.Write(ref source, null);
    }
}

/// <summary>What an <see cref="OutlierTreatment"/> did to one indicator in one period (COINr's <c>Dets_Table</c> row and <c>Treated_Points</c> column).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OutlierTreatmentReport : StepReport
{
    internal OutlierTreatmentReport(string step, string indicatorId, string period, SkewKurtosis before, int? winsorizedPoints, SkewKurtosis? afterWinsorization, OutlierTransformation? transformationApplied, SkewKurtosis? afterTransformation, ImmutableArray<string> winsorizedHigh, ImmutableArray<string> winsorizedLow) : base(step)
    {
        IndicatorId = indicatorId;
        Period = period;
        Before = before;
        WinsorizedPoints = winsorizedPoints;
        AfterWinsorization = afterWinsorization;
        TransformationApplied = transformationApplied;
        AfterTransformation = afterTransformation;
        WinsorizedHigh = winsorizedHigh;
        WinsorizedLow = winsorizedLow;
    }

    /// <summary>Gets the indicator.</summary>
    public string IndicatorId { get; }

    /// <summary>Gets the period.</summary>
    public string Period { get; }

    /// <summary>Gets the check of the untreated values.</summary>
    public SkewKurtosis Before { get; }

    /// <summary>Gets the number of winsorised points as COINr counts them (latest high set + latest low set), or <see langword="null"/> when the indicator passed at once.</summary>
    public int? WinsorizedPoints { get; }

    /// <summary>Gets the check after winsorising, or <see langword="null"/> when the indicator passed at once.</summary>
    public SkewKurtosis? AfterWinsorization { get; }

    /// <summary>Gets the transformation applied because winsorisation did not suffice, if any; the winsorised values were then discarded unless <see cref="OutlierTreatment.CombineTreatments"/> is set.</summary>
    public OutlierTransformation? TransformationApplied { get; }

    /// <summary>Gets the check after the transformation, if any.</summary>
    public SkewKurtosis? AfterTransformation { get; }

    /// <summary>Gets the units in the latest high winsorised set (also when the winsorised values were discarded).</summary>
    public ImmutableArray<string> WinsorizedHigh { get; }

    /// <summary>Gets the units in the latest low winsorised set (also when the winsorised values were discarded).</summary>
    public ImmutableArray<string> WinsorizedLow { get; }
}
