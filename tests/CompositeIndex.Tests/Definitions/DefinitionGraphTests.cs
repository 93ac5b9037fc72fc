using System.Globalization;

namespace CompositeIndex.Tests.Definitions;

/// <summary>
/// Validation checks a definition's hierarchy in positions (<see cref="DefinitionGraph.TryBuild"/>) and describes problems
/// with the id-based checks (<see cref="DefinitionValidator.ValidateHierarchy"/>); compilation builds on the graph. The two
/// must agree: for a definition without earlier errors, the graph exists exactly when the hierarchy checks report nothing.
/// </summary>
public class DefinitionGraphTests
{
    private const int Definitions = 20_000;

    [Fact]
    public void TryBuild_RandomHierarchies_SucceedsExactlyWhenTheHierarchyChecksReportNothing()
    {
        int built = 0, refused = 0;
        for (var seed = 0; seed < Definitions; seed++)
        {
            var d = RandomHierarchy(new Random(seed));
            var nodes = Declarations(d);
            var graph = DefinitionGraph.TryBuild(d, nodes);
            var errors = new List<DefinitionError>();
            DefinitionValidator.ValidateHierarchy(d, d.Indicators, d.Groups, Declarations(d), errors);
            Assert.True(graph is not null == (errors.Count == 0), $"seed {seed}: graph {(graph is null ? "refused" : "built")}, hierarchy errors: {string.Join("; ", errors)}");
            if (graph is null)
            {
                refused++;
                continue;
            }

            built++;
            AssertGraphMatchesIds(d, graph, seed);
        }

        // Both outcomes are well represented (the generator breaks one rule in about half of the definitions).
        Assert.Equal(Definitions, built + refused);
        Assert.InRange(built, Definitions / 5, Definitions * 4 / 5);
    }

    [Theory]
    [InlineData(999, true)]
    [InlineData(1_000, true)] // the indicator at depth 1,000 = Limits.MaxHierarchyDepth
    [InlineData(1_001, false)]
    public void TryBuild_ChainOfGroups_AgreesWithTheDepthLimit(int chain, bool valid)
    {
        var groups = Enumerable.Range(0, chain).Select(k => new GroupDefinition { Id = $"c{k}", Children = [new(k == 0 ? "i" : $"c{k - 1}")] });
        var d = new IndexDefinition { Id = "deep", Name = "Deep", Indicators = [new IndicatorDefinition { Id = "i" }], Groups = [.. groups], Normalization = Normalization.MinMax() };
        var errors = new List<DefinitionError>();
        DefinitionValidator.ValidateHierarchy(d, d.Indicators, d.Groups, Declarations(d), errors);
        Assert.Equal(valid, errors.Count == 0);
        Assert.Equal(valid, DefinitionGraph.TryBuild(d, Declarations(d)) is not null);
        Assert.Equal(valid, d.Validate().IsValid);
    }

    [Fact]
    public void Validate_ValidDefinition_HandsTheGraphToCompilation()
    {
        var d = new IndexDefinition
        {
            Id = "t",
            Name = "T",
            Indicators = [new IndicatorDefinition { Id = "a" }, new IndicatorDefinition { Id = "b" }, new IndicatorDefinition { Id = "c" }],
            Groups = [new GroupDefinition { Id = "root", Children = [new("p"), new("c")] }, new GroupDefinition { Id = "p", Children = [new("b"), new("a")] }],
            Normalization = Normalization.MinMax(),
        };
        Assert.True(DefinitionValidator.Validate(d, out var graph).IsValid);
        Assert.NotNull(graph);
        Assert.Equal(3, graph.Root); // $.groups[0] after 3 indicators
        Assert.Equal([4, 4, 3, -1, 3], graph.Parent);
        Assert.Equal([2, 2, 1, 0, 1], graph.Depth);
        Assert.Equal(["a", "b", "c", "p", "root"], CompiledIndex.Compile(d).NodeIds.ToArray());

        // An invalid definition gets no graph, whatever part is wrong.
        Assert.False(DefinitionValidator.Validate(d with { Id = " " }, out graph).IsValid);
        Assert.Null(graph);
        Assert.False(DefinitionValidator.Validate(d with { Outputs = [new OutputDefinition { Id = "o", Value = OutputExpressions.Score("nope") }] }, out graph).IsValid);
        Assert.Null(graph);
    }

    /// <summary>Parent, depth and root recomputed from ids, one node at a time.</summary>
    private static void AssertGraphMatchesIds(IndexDefinition d, DefinitionGraph graph, int seed)
    {
        var ni = d.Indicators.Length;
        string IdOf(int decl) => decl < ni ? d.Indicators[decl].Id : d.Groups[decl - ni].Id;
        var parentId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in d.Groups)
        {
            foreach (var c in g.Children)
            {
                parentId[c.Id] = g.Id;
            }
        }

        var rootId = d.Root ?? d.Groups.Single(g => !parentId.ContainsKey(g.Id)).Id;
        Assert.Equal(rootId, IdOf(graph.Root));
        for (var decl = 0; decl < ni + d.Groups.Length; decl++)
        {
            var id = IdOf(decl);
            Assert.True(parentId.TryGetValue(id, out var p) ? IdOf(graph.Parent[decl]) == p : graph.Parent[decl] == -1, $"seed {seed}: parent of {id}");
            var depth = 0;
            for (var up = id; parentId.TryGetValue(up, out var next); up = next)
            {
                depth++;
            }

            Assert.True(depth == graph.Depth[decl], $"seed {seed}: depth of {id} is {depth}, graph says {graph.Depth[decl]}");
        }
    }

    private static Dictionary<string, int> Declarations(IndexDefinition d)
    {
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < d.Indicators.Length; i++)
        {
            nodes.Add(d.Indicators[i].Id, i);
        }

        for (var g = 0; g < d.Groups.Length; g++)
        {
            nodes.Add(d.Groups[g].Id, d.Indicators.Length + g);
        }

        return nodes;
    }

    /// <summary>
    /// A definition whose ids are unique and non-blank and whose entries are non-null (no earlier errors), built as a
    /// random tree and then, half of the time, broken in one way: an unknown, blank, repeated or second-parent child, a bad
    /// or all-zero weight, an empty group, a cycle, a wrong or ambiguous root, an unreachable node, a missing normalisation.
    /// </summary>
    private static IndexDefinition RandomHierarchy(Random rng)
    {
        var ni = rng.Next(1, 9);
        var indicators = Enumerable.Range(0, ni).Select(i => new IndicatorDefinition { Id = $"i{i}", Normalization = rng.Next(4) == 0 ? Normalization.MinMax() : null }).ToList();
        var children = new List<List<ChildReference>>();
        var level = indicators.Select(i => i.Id).ToList();
        while (level.Count > 1 || children.Count == 0)
        {
            var next = new List<string>();
            for (var k = 0; k < level.Count;)
            {
                var take = rng.Next(1, 4);
                next.Add($"g{children.Count}");
                children.Add([.. level.Skip(k).Take(take).Select(id => new ChildReference(id, rng.Next(3) == 0 ? 0 : 1 + rng.Next(3)))]);
                k += take;
            }

            level = next;
        }

        foreach (var list in children.Where(l => l.TrueForAll(c => c.Weight == 0)))
        {
            list[0] = list[0] with { Weight = 1 };
        }

        var ng = children.Count;
        string? root = rng.Next(3) == 0 ? $"g{ng - 1}" : null;
        var normalizeGroups = new bool[ng];
        var indexNormalization = rng.Next(3) != 0;
        if (!indexNormalization)
        {
            for (var g = 0; g < ng; g++)
            {
                normalizeGroups[g] = rng.Next(2) == 0;
            }
        }

        string Group() => $"g{rng.Next(ng)}";
        string Node() => rng.Next(2) == 0 ? $"i{rng.Next(ni)}" : Group();
        List<ChildReference> Some() => children[rng.Next(ng)];
        switch (rng.Next(24))
        {
            case 0: Some().Add(new ChildReference("unknown")); break;
            case 1: Some().Add(new ChildReference(" ")); break;
            case 2: Some().Add(null!); break;
            case 3: { var l = Some(); l.Add(l[rng.Next(l.Count)]); break; } // repeated within a group
            case 4: Some().Add(new ChildReference(Node())); break; // a second parent or a cycle
            case 5: { var l = Some(); l[rng.Next(l.Count)] = l[0] with { Weight = rng.Next(3) switch { 0 => double.NaN, 1 => -1, _ => double.PositiveInfinity } }; break; }
            case 6: { var l = Some(); for (var k = 0; k < l.Count; k++) { l[k] = l[k] with { Weight = 0 }; } break; }
            case 7: Some().Clear(); break;
            case 8: root = rng.Next(2) == 0 ? "unknown" : Node(); break;
            case 9: { var l = Some(); l.RemoveAt(rng.Next(l.Count)); break; } // unreachable node, maybe an empty group
            case 10: children.Add([new ChildReference(Node())]); break; // a second root or a second parent
            case 11: indexNormalization = false; Array.Clear(normalizeGroups); break; // maybe no normalisation
            default: break;
        }

        var groups = Enumerable.Range(0, children.Count).Select(g => new GroupDefinition
        {
            Id = $"g{g}",
            Children = [.. children[g]],
            Normalization = g < ng && normalizeGroups[g] ? Normalization.MinMax(0, 1) : null,
        }).ToList();
        if (rng.Next(2) == 0)
        {
            groups.Reverse();
        }

        return new IndexDefinition
        {
            Id = "r",
            Name = string.Create(CultureInfo.InvariantCulture, $"random {ni}"),
            Indicators = [.. indicators],
            Groups = [.. groups],
            Root = root,
            Normalization = indexNormalization ? Normalization.MinMax() : null,
        };
    }
}
