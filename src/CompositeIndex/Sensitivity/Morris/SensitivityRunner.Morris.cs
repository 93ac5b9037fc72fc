using System.Collections.Immutable;
using System.Globalization;
using CompositeIndex.Sensitivity.Morris;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <content>The Morris scheme and the convergence view (issue #20; the hooks in the runner are one line each).</content>
internal sealed partial class SensitivityRunner
{
    /// <summary>Gets the Morris design (<see cref="SamplingScheme.Morris"/>), or <see langword="null"/> for the other schemes.</summary>
    public MorrisDesign? MorrisDesign { get; }

    /// <summary>The Morris design of an analysis: re-creatable from the definition alone (k, r = samples, p, seed, M).</summary>
    internal static MorrisDesign CreateMorrisDesign(int factors, SensitivityDefinition analysis)
    {
        var m = analysis.Morris ?? new MorrisSampling();
        return MorrisDesign.Create(factors, analysis.Samples, m.Levels, analysis.Seed, m.Candidates);
    }

    /// <summary>The block label of a Morris run: <c>T3.0</c> = trajectory 3 (1-based), start point; <c>T3.2</c> = after its second move.</summary>
    private static string MorrisBlock(MorrisDesign design, int run)
    {
        var (t, point) = design.Locate(run);
        return string.Create(CultureInfo.InvariantCulture, $"T{t + 1}.{point}");
    }

    /// <summary>Morris' measures of every output (a failed or missing run drops the effects that need it); the design is re-created from the definition.</summary>
    private static ImmutableArray<MorrisOutput> MorrisOutputs(SensitivityFrame frame, SensitivityAccumulator accumulator)
    {
        if (frame.Scheme != SamplingScheme.Morris)
        {
            return [];
        }

        var design = CreateMorrisDesign(frame.FactorCount, frame.Analysis);
        var builder = ImmutableArray.CreateBuilder<MorrisOutput>(frame.Outputs.Length);
        for (var o = 0; o < frame.Outputs.Length; o++)
        {
            var y = accumulator.Outputs.AsSpan(o * frame.RunCount, frame.RunCount);
            builder.Add(new MorrisOutput(frame.Outputs[o], frame.FactorNames, MorrisAnalyzer.Analyze(design, y, MorrisOptions(frame, o))));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// S1/ST (Saltelli) or μ* (Morris) of every output at N/8, N/4, N/2 and N, from nested prefixes of the runs already
    /// made. A Saltelli output with a failed or missing run gets none (its estimators need every run). The point N is
    /// the output's whole-design estimate when <paramref name="whole"/> has it (the same computation, not repeated).
    /// </summary>
    private static ImmutableArray<OutputConvergence> ConvergenceOutputs(SensitivityFrame frame, SensitivityAccumulator accumulator, SobolIndices?[] whole)
    {
        var morris = frame.Scheme == SamplingScheme.Morris ? CreateMorrisDesign(frame.FactorCount, frame.Analysis) : null;
        var failed = accumulator.Failures.Any(f => f is not null);
        var builder = ImmutableArray.CreateBuilder<OutputConvergence>();
        for (var o = 0; o < frame.Outputs.Length; o++)
        {
            var y = accumulator.Outputs.AsSpan(o * frame.RunCount, frame.RunCount);
            if (morris is not null)
            {
                builder.Add(new OutputConvergence(frame.Outputs[o], SensitivityConvergence.Morris(morris, y, frame.FactorNames, null, MorrisOptions(frame, o))));
            }
            else if (frame.Design is { } design && !failed && AllFinite(y))
            {
                var options = new SobolAnalysisOptions { Resamples = frame.Analysis.BootstrapResamples, ConfidenceLevel = frame.Analysis.ConfidenceLevel, Stream = (ulong)o };
                builder.Add(new OutputConvergence(frame.Outputs[o], SensitivityConvergence.SobolReusing(design, y, frame.FactorNames, null, options, whole[o])));
            }
        }

        return builder.ToImmutable();
    }

    private static MorrisAnalysisOptions MorrisOptions(SensitivityFrame frame, int output) =>
        new() { Resamples = frame.Analysis.BootstrapResamples, ConfidenceLevel = frame.Analysis.ConfidenceLevel, Stream = (ulong)output };

    private static bool AllFinite(ReadOnlySpan<double> y)
    {
        foreach (var v in y)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
