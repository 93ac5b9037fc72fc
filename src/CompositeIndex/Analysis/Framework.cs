using System.Collections.Immutable;

namespace CompositeIndex.Analysis;

/// <summary>The hierarchy of a definition as the audit needs it: parents, children, levels and leaf indicators.</summary>
/// <remarks>Levels follow COINr: indicators are level 1 and a group is one above its highest child, so in a balanced
/// tree pillars are level 2, sub-indices 3 and the index 4.</remarks>
internal sealed class Framework
{
    private Framework(IndexDefinition definition)
    {
        var groups = definition.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        Children = groups.ToDictionary(g => g.Key, g => g.Value.Children.Select(c => c.Id).ToImmutableArray(), StringComparer.Ordinal);
        Weights = groups.ToDictionary(g => g.Key, g => g.Value.Children.Select(c => c.Weight).ToImmutableArray(), StringComparer.Ordinal);
        Parent = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in definition.Groups)
        {
            foreach (var c in g.Children)
            {
                Parent[c.Id] = g.Id;
            }
        }

        Indicators = [.. definition.Indicators.Select(i => i.Id)];
        Level = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in Indicators)
        {
            Level[i] = 1;
        }

        Root = definition.ResolveRoot() ?? throw new IndexDefinitionException(definition.Validate());

        // Post-order without recursion (hierarchies may be deep).
        var stack = new Stack<(string Id, bool Expanded)>();
        stack.Push((Root, false));
        var order = new List<string>();
        while (stack.Count > 0)
        {
            var (id, expanded) = stack.Pop();
            if (!Children.TryGetValue(id, out var kids))
            {
                continue;
            }

            if (expanded)
            {
                order.Add(id);
                continue;
            }

            stack.Push((id, true));
            foreach (var k in kids)
            {
                stack.Push((k, false));
            }
        }

        foreach (var g in order)
        {
            Level[g] = 1 + Children[g].Max(c => Level.GetValueOrDefault(c, 1));
        }

        Groups = [.. order];
    }

    public string Root { get; }

    public ImmutableArray<string> Indicators { get; }

    /// <summary>Gets the groups, children before parents.</summary>
    public ImmutableArray<string> Groups { get; }

    public Dictionary<string, ImmutableArray<string>> Children { get; }

    public Dictionary<string, ImmutableArray<double>> Weights { get; }

    public Dictionary<string, string> Parent { get; }

    public Dictionary<string, int> Level { get; }

    public static Framework Of(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate().ThrowIfInvalid();
        return new Framework(definition);
    }

    /// <summary>Gets the descendants of a group at a level (level 1 = its indicators), in definition order.</summary>
    public ImmutableArray<string> DescendantsAt(string group, int level)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        var stack = new Stack<string>();
        stack.Push(group);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (Level.GetValueOrDefault(id) == level && id != group)
            {
                result.Add(id);
                continue;
            }

            if (Children.TryGetValue(id, out var kids))
            {
                for (var k = kids.Length - 1; k >= 0; k--)
                {
                    stack.Push(kids[k]);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Gets the ancestor of a node at a level, or null.</summary>
    public string? AncestorAt(string node, int level)
    {
        var id = node;
        while (Parent.TryGetValue(id, out var p))
        {
            if (Level[p] == level)
            {
                return p;
            }

            id = p;
        }

        return null;
    }

    public IEnumerable<string> GroupsAt(int level) => Groups.Where(g => Level[g] == level);
}
