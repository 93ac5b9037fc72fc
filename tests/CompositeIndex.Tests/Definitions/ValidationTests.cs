using System.Collections.Immutable;

namespace CompositeIndex.Tests.Definitions;

/// <summary>Structural validation: every problem reported at once, each with a stable code and a JSONPath.</summary>
public class ValidationTests
{
    private static IndexDefinition Valid() => new()
    {
        Id = "t",
        Name = "Test",
        Indicators = [new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = "b" }],
        Groups = [new GroupDefinition { Id = "root", Children = [new("a"), new("b")] }],
        Normalization = Normalization.MinMax(),
    };

    [Fact]
    public void Validate_ValidDefinition_HasNoErrors() => Assert.True(Valid().Validate().IsValid);

    [Fact]
    public void Validate_DuplicateIds_NamesTheIdAndPath()
    {
        var d = Valid() with { Indicators = [new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = "a" }] };
        var e = Assert.Single(d.Validate().Errors, x => x.Code == ErrorCodes.DuplicateId);
        Assert.Equal("$.indicators[1].id", e.Path);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void Validate_GroupIdCollidesWithIndicator_IsDuplicate()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "a", Children = [new("b")] }] };
        Assert.Contains(d.Validate().Errors, x => x.Code == ErrorCodes.DuplicateId && x.Path == "$.groups[0].id");
    }

    [Fact]
    public void Validate_UnknownChild_SuggestsNearestId()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "root", Children = [new("a"), new("bb")] }] };
        var e = Assert.Single(d.Validate().Errors, x => x.Code == ErrorCodes.UnknownChild);
        Assert.Equal("$.groups[0].children[1].id", e.Path);
        Assert.Contains("did you mean 'b'", e.Message);
    }

    [Fact]
    public void Validate_Cycle_IsReported()
    {
        var d = Valid() with
        {
            Groups =
            [
                new GroupDefinition { Id = "root", Children = [new("g1")] },
                new GroupDefinition { Id = "g1", Children = [new("a"), new("g2")] },
                new GroupDefinition { Id = "g2", Children = [new("b"), new("g1")] },
            ],
        };
        var errors = d.Validate().Errors;
        Assert.Contains(errors, x => x.Code == ErrorCodes.Cycle && x.Message.Contains("g1 -> g2 -> g1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CycleEnteredAgainFromAnotherGroup_ReportedOnceWithoutThrowing()
    {
        // g1 -> g2 -> g1 is found from g1; 'other' (declared later) also points into the cycle. The search from
        // 'other' must not trip over the nodes left "on the stack" by the first search (it used to throw
        // ArgumentOutOfRangeException instead of reporting).
        var d = Valid() with
        {
            Groups =
            [
                new GroupDefinition { Id = "g1", Children = [new("a"), new("g2")] },
                new GroupDefinition { Id = "g2", Children = [new("b"), new("g1")] },
                new GroupDefinition { Id = "other", Children = [new("g1")] },
            ],
        };
        var errors = d.Validate().Errors;
        var cycle = Assert.Single(errors, x => x.Code == ErrorCodes.Cycle);
        Assert.Equal("$.groups[0].children", cycle.Path);
        Assert.Contains("g1 -> g2 -> g1", cycle.Message, StringComparison.Ordinal);
        Assert.Contains(errors, x => x.Code == ErrorCodes.MultipleParents && x.Path == "$.groups[2].children[0].id");
    }

    [Fact]
    public void Validate_SelfCycle_IsReported()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "root", Children = [new("a"), new("b"), new("root")] }] };
        Assert.Contains(d.Validate().Errors, x => x.Code == ErrorCodes.Cycle);
    }

    [Fact]
    public void Validate_NegativeAndNaNWeights_AreInvalid()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "root", Children = [new("a", -1), new("b", double.NaN)] }] };
        var errors = d.Validate().Errors.Where(x => x.Code == ErrorCodes.InvalidWeight).Select(x => x.Path).ToList();
        Assert.Equal(["$.groups[0].children[0].weight", "$.groups[0].children[1].weight"], errors);
    }

    [Fact]
    public void Validate_AllZeroWeights_IsInvalid()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "root", Children = [new("a", 0), new("b", 0)] }] };
        Assert.Contains(d.Validate().Errors, x => x.Code == ErrorCodes.AllWeightsZero && x.Path == "$.groups[0].children");
    }

    [Fact]
    public void Validate_TwoParents_IsInvalid()
    {
        var d = Valid() with
        {
            Groups =
            [
                new GroupDefinition { Id = "root", Children = [new("g1"), new("g2")] },
                new GroupDefinition { Id = "g1", Children = [new("a"), new("b")] },
                new GroupDefinition { Id = "g2", Children = [new("a")] },
            ],
        };
        Assert.Contains(d.Validate().Errors, x => x.Code == ErrorCodes.MultipleParents && x.Path == "$.groups[2].children[0].id");
    }

    [Fact]
    public void Validate_TwoRoots_IsInvalid()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "r1", Children = [new("a")] }, new GroupDefinition { Id = "r2", Children = [new("b")] }] };
        Assert.Contains(d.Validate().Errors, x => x.Code == ErrorCodes.Root);
    }

    [Fact]
    public void Validate_UnreachableIndicatorAndMissingNormalization_Reported()
    {
        var d = Valid() with
        {
            Normalization = null,
            Indicators = [new IndicatorDefinition { Id = "a", Normalization = Normalization.Rank() }, new IndicatorDefinition { Id = "b" }, new IndicatorDefinition { Id = "c" }],
        };
        var errors = d.Validate().Errors;
        Assert.Contains(errors, x => x.Code == ErrorCodes.Unreachable && x.Path == "$.indicators[2].id");
        Assert.Contains(errors, x => x.Code == ErrorCodes.Missing && x.Path == "$.indicators[1].normalization");
        Assert.DoesNotContain(errors, x => x.Path == "$.indicators[0].normalization");
    }

    [Fact]
    public void Validate_InvalidMethodParameters_HavePaths()
    {
        var d = Valid() with { Normalization = new GoalpostsNormalization(10, 5), Aggregation = new PowerMeanAggregation(double.NaN), MissingData = new RenormalizeWeights(2) };
        var paths = d.Validate().Errors.Select(x => x.Path).ToList();
        Assert.Contains("$.normalization.max", paths);
        Assert.Contains("$.aggregation.power", paths);
        Assert.Contains("$.missingData.minShare", paths);
    }

    [Fact]
    public void Validate_ManyProblems_AllReportedAtOnce()
    {
        var d = new IndexDefinition
        {
            Id = "",
            Name = "x",
            Indicators = [new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = " " }],
            Groups = [new GroupDefinition { Id = "root", Children = [new("a", -2), new("zzz")] }, new GroupDefinition { Id = "empty" }],
            Normalization = Normalization.MinMax(),
        };
        var codes = d.Validate().Errors.Select(e => e.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { ErrorCodes.EmptyId, ErrorCodes.DuplicateId, ErrorCodes.InvalidWeight, ErrorCodes.UnknownChild, ErrorCodes.EmptyGroup }, codes);
    }

    [Fact]
    public void Compile_InvalidDefinition_ThrowsWithReport()
    {
        var d = Valid() with { Groups = [new GroupDefinition { Id = "root", Children = [new("a"), new("nope")] }] };
        var ex = Assert.Throws<IndexDefinitionException>(() => CompiledIndex.Compile(d));
        Assert.False(ex.Report.IsValid);
        Assert.Contains("nope", ex.Message);
    }

    [Fact]
    public void Equality_IsStructural()
    {
        var a = Valid() with { Metadata = ImmutableSortedDictionary<string, string>.Empty.Add("k", "v") };
        var b = Valid() with { Metadata = ImmutableSortedDictionary<string, string>.Empty.Add("k", "v") };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Groups = [new GroupDefinition { Id = "root", Children = [new("a", 2), new("b")] }] });
    }
}
