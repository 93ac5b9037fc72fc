namespace CompositeIndex.Tests.Robustness;

/// <summary>Issue #12: limits, deep and wide definitions, thread safety, determinism, cancellation, streaming CSV.</summary>
public class LimitsAndConcurrencyTests
{
    private static IndexDefinition Chain(int depth)
    {
        var b = IndexBuilder.Create("deep", "Deep").Indicator("a").Indicator("b").Normalize(Normalization.MinMax(1, 100));
        b.Group("g0", g => g.Add("a", "b"));
        for (var k = 1; k < depth; k++)
        {
            var child = $"g{k - 1}";
            b.Group($"g{k}", g => g.Add(child));
        }

        return b.Build();
    }

    [Fact]
    public void Hierarchy_ThousandLevels_EvaluatesWithoutStackOverflow()
    {
        var def = Chain(1_000); // 1,000 groups: the indicators sit 1,000 levels below the root
        var panel = new PanelBuilder().AddValue("a", "x", "1", 1).AddValue("a", "y", "1", 2).AddValue("b", "x", "1", 3).AddValue("b", "y", "1", 1).Build();
        var r = CompiledIndex.Compile(def).Evaluate(panel);
        Assert.Equal(r.GetScore("g0", "x", "1"), r.GetScore("g999", "x", "1"), 12);
        Assert.Equal(1000, r.ExplainScore(r.RootId, "x", "1").Count(c => !c.IsIndicator) + 1);
    }

    [Fact]
    public void Hierarchy_BeyondLimit_IsAClearValidationError()
    {
        var ex = Assert.Throws<IndexDefinitionException>(() => Chain(Limits.MaxHierarchyDepth + 1));
        var e = Assert.Single(ex.Report.Errors);
        Assert.Equal(ErrorCodes.Limit, e.Code);
        Assert.Contains("deeper than 1000 levels", e.Message);
    }

    [Fact]
    public void Cycle_ThroughTenThousandGroups_IsReportedWithoutStackOverflow()
    {
        var groups = Enumerable.Range(0, 10_000).Select(k => new GroupDefinition { Id = $"g{k}", Children = [new($"g{(k + 1) % 10_000}")] }).ToList();
        groups[0] = groups[0] with { Children = [new("g1"), new("a")] };
        var def = new IndexDefinition { Id = "c", Name = "C", Indicators = [new IndicatorDefinition { Id = "a" }], Groups = [.. groups], Normalization = Normalization.Rank() };
        Assert.Contains(def.Validate().Errors, e => e.Code == ErrorCodes.Cycle);
    }

    [Fact]
    public void Definition_HundredThousandIndicators_ValidatesCompilesAndEvaluates()
    {
        const int n = 100_000;
        var indicators = Enumerable.Range(0, n).Select(i => new IndicatorDefinition { Id = $"i{i}" }).ToArray();
        var pillars = Enumerable.Range(0, n / 100).Select(p => new GroupDefinition { Id = $"p{p}", Children = [.. Enumerable.Range(p * 100, 100).Select(i => new ChildReference($"i{i}"))] });
        var root = new GroupDefinition { Id = "root", Children = [.. Enumerable.Range(0, n / 100).Select(p => new ChildReference($"p{p}"))] };
        var def = new IndexDefinition { Id = "wide", Name = "Wide", Indicators = [.. indicators], Groups = [.. pillars, root], Normalization = Normalization.MinMax() };
        // Time is measured in benchmarks, not asserted here; a quadratic regression would show as a slow suite.
        var compiled = CompiledIndex.Compile(def);
        var pb = new PanelBuilder();
        for (var i = 0; i < n; i++)
        {
            pb.AddValue($"i{i}", "x", "1", i % 7).AddValue($"i{i}", "y", "1", (i % 5) + 10);
        }

        var r = compiled.Evaluate(pb.Build());
        Assert.Equal(100, r.GetScore("root", "y", "1"), 9);
    }

    [Fact]
    public void Evaluate_ConcurrentThreads_GiveBitIdenticalResults()
    {
        var def = IndexBuilder.Create("t", "T")
            .Indicator("a").Indicator("b", i => i.LowerIsBetter()).Indicator("c")
            .Group("p", g => g.Add("a", "b"))
            .Group("root", g => g.Add("p", 2).Add("c").Aggregate(Aggregation.Geometric()))
            .Normalize(Normalization.ZScore(100, 10))
            .Build();
        var rng = new Random(7);
        var pb = new PanelBuilder();
        for (var u = 0; u < 200; u++)
        {
            foreach (var ind in new[] { "a", "b", "c" })
            {
                pb.AddValue(ind, $"u{u}", "2024", rng.NextDouble() * 50);
            }
        }

        var panel = pb.Build();
        var compiled = CompiledIndex.Compile(def);
        var reference = Scores(compiled.Evaluate(panel));
        var results = new double[16][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => results[k] = Scores(compiled.Evaluate(panel)));
        foreach (var r in results)
        {
            Assert.Equal(reference.Select(BitConverter.DoubleToInt64Bits), r.Select(BitConverter.DoubleToInt64Bits));
        }

        static double[] Scores(IndexResult r) => r.GetScores("root", "2024").ToArray();
    }

    [Fact]
    public void Evaluate_CancelledToken_Throws()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Group("root", g => g.Add("a")).Normalize(Normalization.Rank()).Build();
        var panel = new PanelBuilder().AddValue("a", "x", "1", 1).Build();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CompiledIndex.Compile(def).Evaluate(panel, cts.Token));
    }

    [Fact]
    public void ReadLongCsv_MillionRows_IsStreamed()
    {
        const int rows = 1_000_000;
        using var reader = new GeneratedCsv(rows);
        // Speed is not asserted here (a loaded CI machine would make it flaky); the reader is fed row by row,
        // so the test proves the file is streamed, never held as text.
        var panel = Panel.ReadLongCsv(reader, "generated.csv", null);
        Assert.Equal(rows / 10, panel.Units.Length);
        Assert.Equal(10, panel.Indicators.Length);
        Assert.Equal(3.5, panel.GetValue("i3", "u12345", "2024"));
    }

    /// <summary>A reader producing <c>unit,period,indicator,value</c> rows on the fly (never the whole text in memory).</summary>
    private sealed class GeneratedCsv(int rows) : TextReader
    {
        private string current = "unit,period,indicator,value\n";
        private int pos;
        private int row;

        public override int Peek() => Fill() ? current[pos] : -1;

        public override int Read() => Fill() ? current[pos++] : -1;

        private bool Fill()
        {
            if (pos < current.Length)
            {
                return true;
            }

            if (row >= rows)
            {
                return false;
            }

            var u = row / 10;
            var i = row % 10;
            current = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"u{u},2024,i{i},{i + 0.5}\r\n");
            pos = 0;
            row++;
            return true;
        }
    }
}
