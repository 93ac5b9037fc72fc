using System.Collections.Immutable;
using System.Text.Json;
using CompositeIndex.Serialization;

namespace CompositeIndex.Sensitivity;

/// <content>Morris' measures and the convergence view (issue #20).</content>
public sealed partial class SensitivityResult
{
    /// <summary>Gets Morris' μ, μ*, σ per factor for every output (<see cref="SamplingScheme.Morris"/>); empty for the other schemes.</summary>
    public ImmutableArray<MorrisOutput> Morris { get; init; } = [];

    /// <summary>
    /// Gets, for every output, the Sobol' indices (Saltelli scheme) or μ* (Morris) computed from the first N/8, N/4, N/2
    /// and N base rows or trajectories of the same design (no extra runs; each point equals that smaller analysis run
    /// directly). Empty for Monte Carlo and given designs, and for a Saltelli output with a failed or missing run.
    /// </summary>
    public ImmutableArray<OutputConvergence> Convergence { get; init; } = [];

    private void WriteMorrisAndConvergence(Utf8JsonWriter w)
    {
        if (Analysis.Scheme == SamplingScheme.Morris)
        {
            var m = Analysis.Morris ?? new MorrisSampling();
            w.WriteStartObject("morrisDesign");
            w.WriteNumber("trajectories", Analysis.Samples);
            w.WriteNumber("levels", m.Levels);
            if (m.Candidates is { } c)
            {
                w.WriteNumber("candidates", c);
            }

            w.WriteEndObject();
            w.WriteStartArray("morris");
            foreach (var o in Morris)
            {
                w.WriteStartObject();
                w.WriteString("output", o.Output.ToString());
                w.WriteNumber("confidenceLevel", o.Indices.ConfidenceLevel);
                w.WriteNumber("trajectories", o.Indices.Trajectories);
                w.WriteStartArray("factors");
                for (var i = 0; i < o.Factors.Length; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("factor", o.Factors[i]);
                    w.WriteNumberOrNull("mu", o.Indices.Mu[i]);
                    w.WriteNumberOrNull("muStar", o.Indices.MuStar[i]);
                    w.WriteNumberOrNull("muStarConf", o.Indices.MuStarConf[i]);
                    w.WriteNumberOrNull("sigma", o.Indices.Sigma[i]);
                    w.WriteNumber("effects", o.Indices.Effects[i]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (Convergence.IsEmpty)
        {
            return;
        }

        w.WriteStartArray("convergence");
        foreach (var o in Convergence)
        {
            var c = o.Convergence;
            w.WriteStartObject();
            w.WriteString("output", o.Output.ToString());
            w.WriteString("method", c.Method);
            w.WriteStartArray("points");
            foreach (var p in c.Points)
            {
                w.WriteStartObject();
                w.WriteNumber("sampleSize", p.SampleSize);
                w.WriteNumber("runs", p.Runs);
                w.WriteStartArray("factors");
                for (var i = 0; i < c.Factors.Length; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("factor", c.Factors[i]);
                    if (c.Method == "morris")
                    {
                        w.WriteNumberOrNull("muStar", p.MuStar[i]);
                        w.WriteNumberOrNull("muStarConf", p.MuStarConf[i]);
                    }
                    else
                    {
                        w.WriteNumberOrNull("S1", p.S1[i]);
                        w.WriteNumberOrNull("S1Conf", p.S1Conf[i]);
                        w.WriteNumberOrNull("ST", p.ST[i]);
                        w.WriteNumberOrNull("STConf", p.STConf[i]);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
