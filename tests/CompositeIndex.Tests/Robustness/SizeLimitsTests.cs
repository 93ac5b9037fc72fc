using System.Globalization;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Robustness;

/// <summary>
/// Sizes are checked in 64-bit arithmetic against documented limits before anything is allocated, with the limit and
/// the requested size in the message (issue "hostile input": 65,536 × 65,537 gave IndexOutOfRangeException, 20,000²
/// took 3.2 GB, Monte Carlo 2^30 / bootstrap 2^31 − 1 / 50,000 units gave OverflowException, Saltelli 2^26 ran out of
/// memory, JSON results were buffered whole, "did you mean" compared every node).
/// </summary>
public class SizeLimitsTests
{
    private static IndexDefinition Small() => IndexBuilder.Create("i", "I").Indicator("a").Indicator("b")
        .Group("root", g => g.Add("a", "b")).Normalize(Normalization.MinMax()).Build();

    [Fact]
    public void Panel_MoreCellsThanTheLimit_IsATypedErrorWithTheSizes()
    {
        var pb = new PanelBuilder();
        for (var u = 0; u < 65_536; u++)
        {
            pb.AddUnit(new UnitInfo($"u{u}"));
        }

        for (var i = 0; i < 65_537; i++)
        {
            pb.AddIndicator($"i{i}");
        }

        pb.AddValue("i0", "u0", "2020", 1);

        var ex = Assert.Throws<IndexDataException>(pb.Build);

        Assert.Equal("The panel would have 65,536 units × 1 periods × 65,537 indicators = 4,295,032,832 cells; the limit is 268,435,456 (Limits.MaxCells, 2 GiB of doubles).", ex.Message);
    }

    [Fact]
    public void Panel_TwentyThousandSquared_IsRejectedBeforeAllocating()
    {
        var pb = new PanelBuilder();
        for (var k = 0; k < 20_000; k++)
        {
            pb.AddValue($"i{k}", $"u{k}", "2020", k); // sparse: one value per unit
        }

        var ex = Assert.Throws<IndexDataException>(pb.Build);

        Assert.Contains("20,000 units × 1 periods × 20,000 indicators = 400,000,000 cells", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_NeverOverflow()
    {
        Assert.Equal((Int128)long.MaxValue + 1, Limits.Cells((long.MaxValue, "a"), (long.MaxValue, "b"), (3, "c")));
        Assert.Equal(0, Limits.Cells((5, "a"), (0, "b")));
        Assert.Equal(Limits.MaxCells, Limits.CheckCells("t", (1L << 14, "a"), (1L << 14, "b")));
    }

    [Theory]
    [InlineData("monteCarlo", 1 << 30, 100, "$.samples", "The analysis would have 1,073,741,824 runs; at most 16,777,216 are supported (Limits.MaxSensitivityRuns).")]
    [InlineData("saltelli", 1 << 26, 100, "$.samples", "The analysis would have 201,326,592 runs; at most 16,777,216 are supported (Limits.MaxSensitivityRuns).")]
    [InlineData("monteCarlo", 100, int.MaxValue, "$.bootstrapResamples", "At most 1,000,000 bootstrap resamples are supported (Limits.MaxBootstrapResamples; got 2,147,483,647).")]
    public void Sensitivity_SizesBeyondTheLimits_AreValidationErrorsWithTheSizes(string scheme, int samples, int resamples, string path, string message)
    {
        var b = SensitivityBuilder.For(Small()).PerturbWeights("root", 0.2).Bootstrap(resamples);
        b = scheme == "saltelli" ? b.Saltelli(samples) : b.MonteCarlo(samples);

        var ex = Assert.Throws<SensitivityDefinitionException>(b.Build);

        Assert.Contains(ex.Report.Errors, e => e.Path == path && e.Message == message);
    }

    [Fact]
    public void Sensitivity_FiftyThousandUnits_IsATypedErrorBeforeAllocating()
    {
        var pb = new PanelBuilder();
        for (var u = 0; u < 50_000; u++)
        {
            pb.AddValue("a", $"u{u}", "2020", u % 97).AddValue("b", $"u{u}", "2020", u % 89);
        }

        var analysis = SensitivityBuilder.For(Small()).PerturbWeights("root", 0.2).MonteCarlo(10).Build();

        var ex = Assert.Throws<IndexDataException>(() => SensitivityAnalysis.Run(Small(), pb.Build(), analysis));

        Assert.Contains("1 periods × 50,000 units × 50,000 ranks = 2,500,000,000 cells; the limit is 268,435,456", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestions_AreBoundedButStillFindNearTypos()
    {
        var known = Enumerable.Range(0, 100_000).Select(k => $"indicator_{k:D6}").Append("income").ToList();

        Assert.Equal("income", DefinitionValidator.Nearest("incme", known));
        Assert.Equal("indicator_000123", DefinitionValidator.Nearest("indicatr_000123", known));
        Assert.Null(DefinitionValidator.Nearest(new string('x', DefinitionValidator.MaxSuggestionLength + 1), [new string('x', DefinitionValidator.MaxSuggestionLength + 2)]));
        Assert.Null(DefinitionValidator.Nearest("abc", ["abcdefgh"])); // the length difference alone exceeds the threshold
    }

    [Fact]
    public void Suggestions_ForManyLongUnknownIds_InAHugeDefinition_StillValidate()
    {
        // 20,000 groups whose ids are 60 characters long, and two unknown children with long ids: each suggestion
        // compares at most MaxSuggestionCandidates names of similar length (time is in the note, not asserted).
        var groups = Enumerable.Range(0, 20_000).Select(k => new GroupDefinition { Id = $"g{k.ToString("D6", CultureInfo.InvariantCulture)}{new string('y', 53)}", Children = [new($"i{k}")] }).ToList();
        groups.Add(new GroupDefinition { Id = "root", Children = [.. groups.Select(g => new ChildReference(g.Id)), new(new string('z', 5_000)), new(new string('w', 90))] });
        var definition = new IndexDefinition
        {
            Id = "big",
            Name = "Big",
            Indicators = [.. Enumerable.Range(0, 20_000).Select(k => new IndicatorDefinition { Id = $"i{k}" })],
            Groups = [.. groups],
            Normalization = Normalization.MinMax(),
        };

        var errors = definition.Validate().Errors;

        Assert.Equal(2, errors.Count(e => e.Code == ErrorCodes.UnknownChild));
    }

    /// <summary>A stream that records how much was written in each call.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.Length);
            base.Write(buffer);
        }
    }

    [Fact]
    public void WriteJson_LargeResult_IsStreamedInBoundedChunks()
    {
        var pb = new PanelBuilder();
        for (var u = 0; u < 5_000; u++)
        {
            pb.AddValue("a", $"u{u}", "2020", u % 97).AddValue("b", $"u{u}", "2020", u % 89).AddValue("a", $"u{u}", "2021", u % 83).AddValue("b", $"u{u}", "2021", u % 79);
        }

        var result = CompiledIndex.Compile(Small()).Evaluate(pb.Build());
        using var stream = new RecordingStream();

        result.WriteJson(stream);

        Assert.True(stream.Length > 2_000_000, $"{stream.Length} bytes");
        Assert.True(stream.Writes.Count > 20, $"{stream.Writes.Count} writes");
        Assert.True(stream.Writes.Max() < 200_000, $"largest write {stream.Writes.Max()} bytes"); // 64 KiB flush threshold + one element
    }
}
