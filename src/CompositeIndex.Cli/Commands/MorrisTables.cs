using CompositeIndex.Sensitivity;

namespace CompositeIndex.Cli;

/// <summary>Morris' measures and the convergence view as terminal tables (<c>compindex sensitivity</c>).</summary>
internal static class MorrisTables
{
    public static void Write(SensitivityResult result, TextWriter w)
    {
        var a = result.Analysis;
        var m = a.Morris ?? new MorrisSampling();
        foreach (var o in result.Morris)
        {
            w.WriteLine();
            w.WriteLine(FormattableString.Invariant($"Morris elementary effects of {o.Output} ({o.Indices.Trajectories} trajectories, {m.Levels} levels{(m.Candidates is { } c ? $", chosen from {c} candidates" : string.Empty)}; largest mu* first; {o.Indices.ConfidenceLevel * 100:0.#} % interval of mu*):"));
            var t = new TextTable().Column("factor").Column("mu*", right: true).Column("mu* conf", right: true).Column("mu", right: true).Column("sigma", right: true).Column("effects", right: true);
            foreach (var i in Enumerable.Range(0, o.Factors.Length).OrderByDescending(i => double.IsNaN(o.Indices.MuStar[i]) ? double.NegativeInfinity : o.Indices.MuStar[i]).ThenBy(i => i))
            {
                t.Row(o.Factors[i], Sig(o.Indices.MuStar[i]), Sig(o.Indices.MuStarConf[i]), Sig(o.Indices.Mu[i]), Sig(o.Indices.Sigma[i]), o.Indices.Effects[i].ToString(Common.Inv));
            }

            t.Write(w);
        }

        foreach (var o in result.Convergence.Take(1))
        {
            var c = o.Convergence;
            var morris = c.Method == "morris";
            w.WriteLine();
            w.WriteLine($"Convergence of {o.Output} ({(morris ? "mu*" : "S1 / ST")} from the first {string.Join(", ", c.Points.Select(p => p.SampleSize.ToString(Common.Inv)))} {(morris ? "trajectories" : "base rows")} of the same design):");
            var t = new TextTable().Column("factor");
            foreach (var p in c.Points)
            {
                t.Column((morris ? "r=" : "N=") + p.SampleSize.ToString(Common.Inv), right: true);
            }

            for (var i = 0; i < c.Factors.Length; i++)
            {
                t.Row([c.Factors[i], .. c.Points.Select(p => morris ? Sig(p.MuStar[i]) : $"{Common.Num(p.S1[i], "0.000")} / {Common.Num(p.ST[i], "0.000")}")]);
            }

            t.Write(w);
        }
    }

    private static string Sig(double v) => AuditTables.Sig(v);
}
