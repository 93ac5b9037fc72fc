using System.Collections.Immutable;
using System.Text.Json;
using CompositeIndex.Sensitivity.Sobol;
using CompositeIndex.Serialization;

namespace CompositeIndex.Sensitivity;

/// <summary>
/// The outcome of an uncertainty and sensitivity analysis: rank intervals of every unit and period, the Sobol'
/// indices of every factor for every output (Saltelli scheme), and optionally the per-run table.
/// </summary>
/// <remarks>
/// Carries the analysis definition and its seed, so the run can be repeated exactly. Immutable and thread-safe.
/// </remarks>
public sealed partial class SensitivityResult
{
    internal SensitivityResult(SensitivityFrame frame, ImmutableArray<RankInterval> intervals, ImmutableArray<SobolIndices> sensitivities, ReplicateTable? replicates)
    {
        Analysis = frame.Analysis;
        IndexId = frame.IndexId;
        NodeId = frame.NodeId;
        Units = frame.Units;
        UnitNames = frame.UnitNames;
        Periods = frame.Periods;
        RunCount = frame.RunCount;
        FactorNames = frame.FactorNames;
        DesignFingerprint = frame.Design?.Fingerprint;
        Fingerprint = frame.Fingerprint;
        RankIntervals = intervals;
        Sensitivities = sensitivities;
        Replicates = replicates;
    }

    /// <summary>Gets the analysis definition (factors, scheme, seed, ...).</summary>
    public SensitivityDefinition Analysis { get; }

    /// <summary>Gets the master seed that drove every draw.</summary>
    public ulong Seed => Analysis.Seed;

    /// <summary>Gets the id of the index analysed.</summary>
    public string IndexId { get; }

    /// <summary>Gets the id of the node whose ranks were analysed.</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit ids.</summary>
    public ImmutableArray<string> Units { get; }

    /// <summary>Gets the display names of <see cref="Units"/>, in the same order: the data's unit names (<see cref="UnitInfo.Name"/>), or the id where it gives none.</summary>
    public ImmutableArray<string> UnitNames { get; }

    /// <summary>Gets the periods.</summary>
    public ImmutableArray<string> Periods { get; }

    /// <summary>Gets the number of runs.</summary>
    public int RunCount { get; }

    /// <summary>Gets the factor display names, in factor order.</summary>
    public ImmutableArray<string> FactorNames { get; }

    /// <summary>Gets the fingerprint of the Saltelli design, or <see langword="null"/> for Monte Carlo.</summary>
    public string? DesignFingerprint { get; }

    /// <summary>Gets the fingerprint of the run configuration.</summary>
    public string Fingerprint { get; }

    /// <summary>Gets the rank interval of every unit in every period (period-major, units in data order).</summary>
    public ImmutableArray<RankInterval> RankIntervals { get; }

    /// <summary>Gets the Sobol' indices per output (empty for Monte Carlo). Estimates can be negative; read them with their intervals.</summary>
    public ImmutableArray<SobolIndices> Sensitivities { get; }

    /// <summary>
    /// Gets the runs that could not be evaluated, in run order, each with the level of every factor and the error (only
    /// under <see cref="FailurePolicy.Record"/>; under <see cref="FailurePolicy.Stop"/> the first failure throws). They are
    /// left out of the rank intervals (<see cref="RankInterval.RankedRuns"/> counts the others); a Sobol' index whose
    /// estimator needs one of them is NaN with the reason in <see cref="SobolIndices.Unavailable"/>.
    /// </summary>
    public ImmutableArray<FailedRun> FailedRuns { get; init; } = [];

    /// <summary>Gets the number of runs that were evaluated: <see cref="RunCount"/> minus the failed runs.</summary>
    public int SucceededRuns => RunCount - FailedRuns.Length;

    /// <summary>Gets the per-run table, when it was requested (<see cref="SensitivityOptions.KeepReplicates"/>).</summary>
    public ReplicateTable? Replicates { get; }

    /// <summary>Gets the rank interval of a unit in a period.</summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="period">The period.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="UnknownKeyException">The unit or period is unknown.</exception>
    public RankInterval GetRankInterval(string unitId, string period)
    {
        var t = Periods.IndexOf(period, StringComparer.Ordinal);
        var j = Units.IndexOf(unitId, StringComparer.Ordinal);
        if (t < 0 || j < 0)
        {
            throw new UnknownKeyException(Units.Contains(unitId) ? "period" : "unit", Units.Contains(unitId) ? period : unitId, $"The result has no unit '{unitId}' in period '{period}'.");
        }

        return RankIntervals[(t * Units.Length) + j];
    }

    /// <summary>Writes the result as JSON: identity, seed, rank intervals and Sobol' indices (not the per-run table).</summary>
    /// <param name="stream">The destination (UTF-8).</param>
    /// <param name="indented">Whether to indent. The default is <see langword="true"/>.</param>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        w.WriteStartObject();
        w.WriteString("index", IndexId);
        w.WriteString("node", NodeId);
        w.WriteNumber("seed", Seed);
        w.WriteString("scheme", Analysis.Scheme.ToString());
        if (Analysis.SecondOrder)
        {
            w.WriteBoolean("secondOrder", true);
        }

        w.WriteNumber("runs", RunCount);
        w.WriteString("onFailure", Analysis.OnFailure == FailurePolicy.Record ? "record" : "stop");
        w.WriteNumber("failedRunCount", FailedRuns.Length);
        w.WriteString("fingerprint", Fingerprint);
        if (DesignFingerprint is not null)
        {
            w.WriteString("designFingerprint", DesignFingerprint);
        }

        w.WriteStartArray("factors");
        foreach (var f in FactorNames)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteStartArray("rankIntervals");
        foreach (var r in RankIntervals)
        {
            w.WriteStartObject();
            w.WriteString("unit", r.UnitId);
            w.WriteString("period", r.Period);
            Number(w, "nominalRank", r.NominalRank);
            w.WriteNumberOrNull("nominalScore", r.NominalScore);
            w.WriteNumberOrNull("medianRank", r.MedianRank);
            w.WriteNumberOrNull("lowerRank", r.LowerRank);
            w.WriteNumberOrNull("upperRank", r.UpperRank);
            Number(w, "bestRank", r.BestRank);
            Number(w, "worstRank", r.WorstRank);
            w.WriteNumberOrNull("meanAbsoluteRankShift", r.MeanAbsoluteRankShift);
            w.WriteNumber("rankedRuns", r.RankedRuns);
            w.WriteNumber("missingRuns", r.MissingCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sensitivities");
        foreach (var s in Sensitivities)
        {
            w.WriteStartObject();
            w.WriteString("output", s.Output?.ToString());
            w.WriteNumberOrNull("mean", s.Mean);
            w.WriteNumberOrNull("variance", s.Variance);
            w.WriteNumber("confidenceLevel", s.ConfidenceLevel);
            if (s.Unavailable is not null)
            {
                w.WriteString("unavailable", s.Unavailable);
            }

            w.WriteStartArray("factors");
            foreach (var f in s.Factors)
            {
                w.WriteStartObject();
                w.WriteString("factor", f.Factor);
                w.WriteNumberOrNull("S1", f.S1);
                w.WriteNumberOrNull("S1Conf", f.S1Conf);
                w.WriteNumberOrNull("ST", f.ST);
                w.WriteNumberOrNull("STConf", f.STConf);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (Analysis.SecondOrder)
            {
                w.WriteStartArray("secondOrder");
                foreach (var p in s.SecondOrder)
                {
                    w.WriteStartObject();
                    w.WriteString("factor", p.FirstFactor);
                    w.WriteString("otherFactor", p.SecondFactor);
                    w.WriteNumberOrNull("S2", p.S2);
                    w.WriteNumberOrNull("S2Conf", p.S2Conf);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteMorrisAndConvergence(w);
        w.WriteStartArray("failedRuns");
        foreach (var f in FailedRuns)
        {
            w.WriteStartObject();
            w.WriteNumber("run", f.Run);
            w.WriteString("block", f.Block);
            w.WriteStartArray("levels");
            foreach (var l in f.Levels)
            {
                w.WriteStartObject();
                w.WriteString("factor", l.Factor);
                Number(w, "level", l.Level);
                w.WriteNumberOrNull("value", l.Value);
                w.WriteString("description", l.Description);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("error", f.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
