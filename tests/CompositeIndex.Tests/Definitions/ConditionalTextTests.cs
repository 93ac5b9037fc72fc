using System.Globalization;

namespace CompositeIndex.Tests.Definitions;

/// <summary>
/// The built-in methods' parameter checks format their path and message only when the check fails
/// (<see cref="ConditionalText"/>): the text of a failed check is what the interpolated string gives, and nothing is
/// evaluated when the check holds.
/// </summary>
public class ConditionalTextTests
{
    [Fact]
    public void Require_CheckHolds_EvaluatesNoHole()
    {
        var evaluated = 0;
        string Hole()
        {
            evaluated++;
            return "x";
        }

        var errors = new List<DefinitionError>();
        ConditionalText.Require(true, $"$.a.{Hole()}", $"bad {Hole()} {1.5}", errors);
        ConditionalText.Require(true, $"$.a.{Hole()}", "bad", errors);
        Assert.Equal(0, evaluated);
        Assert.Empty(errors);
    }

    [Fact]
    public void Require_CheckFails_TextIsTheInvariantInterpolation()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A culture writing 1,5 and −1 (the tests run in invariant-globalisation mode: a modified clone, not de-DE).
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = culture;
            var errors = new List<DefinitionError>();
            var path = "$.steps[3]";
            ConditionalText.Require(false, $"{path}.upper", $"Upper must differ from lower (both {1.5}, {-1}, {0.1:F3}, {null}).", errors);
            ConditionalText.Require(false, $"{path}.lower", "literal", errors);
            Assert.Equal(2, errors.Count);
            Assert.Equal(ErrorCodes.InvalidParameter, errors[0].Code);
            Assert.Equal("$.steps[3].upper", errors[0].Path);
            Assert.Equal("Upper must differ from lower (both 1.5, -1, 0.100, ).", errors[0].Message);
            Assert.Equal("$.steps[3].lower", errors[1].Path);
            Assert.Equal("literal", errors[1].Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void BuiltInMethod_InvalidParameter_MessageAsBefore()
    {
        // MinMax with lower = upper: the path and message come through the conditional overloads.
        var errors = new List<DefinitionError>();
        Normalization.MinMax(2.5, 2.5).Validate("$.normalization", errors);
        var e = Assert.Single(errors);
        Assert.Equal("$.normalization.upper", e.Path);
        Assert.Equal("Upper must differ from lower (both 2.5).", e.Message);
    }

    [Fact]
    public void RequireIndicators_IdsInAnyOrder_ReportsExactlyTheUnknownOnesInListOrder()
    {
        // Steps list ids in any order (a sorted dictionary's keys, a user's list); the search starts after the previous
        // match and wraps around, so every order must find the same ids.
        var d = new IndexDefinition
        {
            Id = "t",
            Name = "T",
            Indicators = [.. Enumerable.Range(0, 12).Select(i => new IndicatorDefinition { Id = $"x{i}" })],
            Groups = [new GroupDefinition { Id = "root", Children = [.. Enumerable.Range(0, 12).Select(i => new ChildReference($"x{i}"))] }],
            Normalization = Normalization.MinMax(),
        };
        var rng = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var ids = Enumerable.Range(0, rng.Next(1, 20)).Select(_ => rng.Next(4) == 0 ? $"y{rng.Next(3)}" : $"x{rng.Next(12)}").ToList();
            var step = Treatment.Winsorize(3) with { Indicators = [.. ids] };
            var errors = new List<DefinitionError>();
            step.ValidateAgainst(d, "$.steps[0]", errors);
            var unknown = ids.Where(id => id.StartsWith('y')).ToList();
            Assert.Equal(unknown.Count, errors.Count);
            for (var k = 0; k < unknown.Count; k++)
            {
                Assert.StartsWith($"'{unknown[k]}' is not an indicator of the index", errors[k].Message);
                Assert.Equal("$.steps[0].indicators", errors[k].Path);
            }
        }
    }

    [Fact]
    public void RequireIndicators_DuringValidation_GroupAndUnknownIdsAreReportedInListOrder()
    {
        // Through IndexDefinition.Validate the steps look ids up in the validator's id map: a group's id is declared but
        // is not an indicator, so it is reported like an unknown id, in list order, with the list's path.
        var rng = new Random(11);
        string[] groupIds = ["g1", "root"];
        for (var round = 0; round < 200; round++)
        {
            var ids = Enumerable.Range(0, rng.Next(1, 20)).Select(_ => rng.Next(5) switch
            {
                0 => $"y{rng.Next(3)}",
                1 => groupIds[rng.Next(2)],
                _ => $"x{rng.Next(12)}",
            }).ToList();
            var d = new IndexDefinition
            {
                Id = "t",
                Name = "T",
                Indicators = [.. Enumerable.Range(0, 12).Select(i => new IndicatorDefinition { Id = $"x{i}" })],
                Groups =
                [
                    new GroupDefinition { Id = "g1", Children = [.. Enumerable.Range(0, 6).Select(i => new ChildReference($"x{i}"))] },
                    new GroupDefinition { Id = "root", Children = [new ChildReference("g1"), .. Enumerable.Range(6, 6).Select(i => new ChildReference($"x{i}"))] },
                ],
                Normalization = Normalization.MinMax(),
                Steps = [Treatment.Winsorize(3) with { Indicators = [.. ids] }],
            };
            var errors = d.Validate().Errors;
            var unknown = ids.Where(id => !id.StartsWith('x')).ToList();
            Assert.Equal(unknown.Count, errors.Length);
            for (var k = 0; k < unknown.Count; k++)
            {
                Assert.StartsWith($"'{unknown[k]}' is not an indicator of the index", errors[k].Message);
                Assert.Equal("$.steps[0].indicators", errors[k].Path);
            }
        }
    }

    /// <summary>A step that checks an inner step against another definition with the validator's own error list.</summary>
    private sealed record Nested(PipelineStep Inner, IndexDefinition Other) : PipelineStep
    {
        public override string MethodName => "nested";

        public override string Describe(string? language = null) => "nested";

        public override void ValidateAgainst(IndexDefinition definition, string path, ICollection<DefinitionError> errors) =>
            Inner.ValidateAgainst(Other, $"{path}.inner", errors);

        public override void Apply(Extensibility.PipelineContext context)
        {
        }
    }

    [Fact]
    public void RequireIndicators_AgainstAnotherDefinition_SearchesThatDefinition()
    {
        // The validator's id map belongs to the definition it validates: a check against another definition must not use it.
        static IndexDefinition With(params string[] ids) => new()
        {
            Id = "t",
            Name = "T",
            Indicators = [.. ids.Select(i => new IndicatorDefinition { Id = i })],
            Groups = [new GroupDefinition { Id = "root", Children = [.. ids.Select(i => new ChildReference(i))] }],
            Normalization = Normalization.MinMax(),
        };
        var d = With("a", "b") with { Steps = [new Nested(Treatment.Winsorize(3) with { Indicators = ["a", "b"] }, With("b"))] };
        var e = Assert.Single(d.Validate().Errors);
        Assert.Equal("$.steps[0].inner.indicators", e.Path);
        Assert.StartsWith("'a' is not an indicator of the index", e.Message);
    }
}
