namespace CompositeIndex.Tests.Methods.Pipeline;

/// <summary>Small hand-made indices and panels for the pipeline step tests.</summary>
internal static class PipelineTestData
{
    /// <summary>An index over indicators a, b (group g1) and c (group g2), min-max normalised.</summary>
    public static IndexDefinition Definition(params PipelineStep[] steps)
    {
        var b = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b", i => i.LowerIsBetter()).Indicator("c")
            .Group("g1", g => g.Add("a", "b")).Group("g2", g => g.Add("c")).Group("root", g => g.Add("g1", "g2"))
            .Normalize(Normalization.MinMax());
        foreach (var s in steps)
        {
            b.AddStep(s);
        }

        return b.Build();
    }

    /// <summary>A panel from rows (unit, period, variable, value); NaN values are left out (missing).</summary>
    public static Panel Panel(params (string Unit, string Period, string Variable, double Value)[] rows)
    {
        var pb = new PanelBuilder();
        foreach (var (u, p, v, x) in rows)
        {
            pb.AddUnit(new UnitInfo(u));
            pb.AddPeriod(p);
            pb.AddIndicator(v);
            if (!double.IsNaN(x))
            {
                pb.AddValue(v, u, p, x);
            }
        }

        return pb.Build();
    }

    public static PreparationResult Prepare(Panel panel, params PipelineStep[] steps) => CompiledIndex.Compile(Definition(steps)).Prepare(panel);
}
