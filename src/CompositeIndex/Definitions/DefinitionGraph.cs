namespace CompositeIndex;

/// <summary>
/// The hierarchy of a definition in positions rather than ids, found by validation and handed to
/// <see cref="CompiledIndex.Compile"/> so that a valid definition's ids are hashed once per declaration and once per child
/// reference (validation and compilation used to hash each id about ten times between them).
/// </summary>
/// <remarks>
/// A node's <i>declaration</i> is <c>i</c> for <c>$.indicators[i]</c> and <c>ni + g</c> for <c>$.groups[g]</c>
/// (<c>ni</c> = number of indicators). Only built for a definition without any error so far (ids unique and non-blank,
/// no null entries); <see cref="TryBuild"/> returns <see langword="null"/> as soon as the hierarchy breaks any rule that
/// <see cref="DefinitionValidator"/>'s structural checks enforce (children, weights, parents, cycles, root,
/// reachability, depth, normalisation, size), and the validator then runs those checks to describe every problem.
/// So for a definition without earlier errors, <see cref="TryBuild"/> succeeds exactly when the structural checks would
/// report nothing (the argument is written at each test below).
/// </remarks>
internal sealed class DefinitionGraph
{
    private DefinitionGraph(Dictionary<string, int> declarations, int[] childStart, int[] children, int[] parent, int[] depth, int root)
    {
        Declarations = declarations;
        ChildStart = childStart;
        Children = children;
        Parent = parent;
        Depth = depth;
        Root = root;
    }

    /// <summary>Gets the declaration of every id (the validator's map; compilation takes it over and renumbers the groups).</summary>
    public Dictionary<string, int> Declarations { get; }

    /// <summary>Gets where the children of group <c>g</c> start in <see cref="Children"/> (length: groups + 1).</summary>
    public int[] ChildStart { get; }

    /// <summary>Gets the declarations of every group's children, group after group, in the definition's order.</summary>
    public int[] Children { get; }

    /// <summary>Gets the declaration of every node's parent group, −1 for the root.</summary>
    public int[] Parent { get; }

    /// <summary>Gets every node's depth below the root (the root is 0).</summary>
    public int[] Depth { get; }

    /// <summary>Gets the declaration of the root group.</summary>
    public int Root { get; }

    /// <summary>Builds the graph of a definition without earlier errors, or returns <see langword="null"/> when its hierarchy has a problem.</summary>
    /// <param name="d">The definition.</param>
    /// <param name="nodes">Its ids and their declarations (every id present, unique and non-blank; entries non-null).</param>
    public static DefinitionGraph? TryBuild(IndexDefinition d, Dictionary<string, int> nodes)
    {
        var indicators = d.Indicators;
        var groups = d.Groups;
        var ni = indicators.Length;
        var count = ni + groups.Length;
        if (count > Limits.MaxNodes)
        {
            return null;
        }

        var total = 0;
        foreach (var g in groups)
        {
            if (g.Children.IsDefaultOrEmpty)
            {
                return null; // EmptyGroup
            }

            total += g.Children.Length;
        }

        var childStart = new int[groups.Length + 1];
        var children = new int[total];
        var parent = new int[count];
        parent.AsSpan().Fill(-1);
        var k = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            childStart[g] = k;
            var anyPositive = false;
            foreach (var child in groups[g].Children)
            {
                // A blank id is never in the map (CheckId does not record it): EmptyId or UnknownChild.
                if (child?.Id is not { } id || !nodes.TryGetValue(id, out var decl))
                {
                    return null;
                }

                // Listed before, in this group (DuplicateChild) or another one (MultipleParents: ids are unique, so another group has another id).
                if (parent[decl] >= 0)
                {
                    return null;
                }

                if (!double.IsFinite(child.Weight) || child.Weight < 0)
                {
                    return null; // InvalidWeight
                }

                anyPositive |= child.Weight > 0;
                parent[decl] = ni + g;
                children[k++] = decl;
            }

            if (!anyPositive)
            {
                return null; // AllWeightsZero
            }
        }

        childStart[groups.Length] = k;

        // Root: the named group if it has no parent, else the one group without a parent (Root errors otherwise).
        int root;
        if (d.Root is not null)
        {
            if (!nodes.TryGetValue(d.Root, out root) || root < ni || parent[root] >= 0)
            {
                return null;
            }
        }
        else
        {
            root = -1;
            for (var g = ni; g < count; g++)
            {
                if (parent[g] < 0)
                {
                    if (root >= 0)
                    {
                        return null;
                    }

                    root = g;
                }
            }

            if (root < 0)
            {
                return null;
            }
        }

        // Every node reached from the root. With one parent per node this also rules out cycles: a group on a cycle has its
        // only parent on the cycle, so no path from the parentless root enters it (Cycle, Unreachable). Depth within limits.
        var depth = new int[count];
        depth.AsSpan().Fill(-1);
        var stack = new int[count];
        var top = 0;
        stack[top++] = root;
        depth[root] = 0;
        var reached = 1;
        while (top > 0)
        {
            var n = stack[--top];
            if (n < ni)
            {
                continue;
            }

            for (var c = childStart[n - ni]; c < childStart[n - ni + 1]; c++)
            {
                var child = children[c];
                depth[child] = depth[n] + 1;
                if (depth[child] > Limits.MaxHierarchyDepth)
                {
                    return null; // Limit (depth)
                }

                stack[top++] = child;
                reached++;
            }
        }

        if (reached != count)
        {
            return null;
        }

        // Every indicator has a normalisation: its own, the index's or one of a group above it.
        if (d.Normalization is null)
        {
            for (var i = 0; i < ni; i++)
            {
                if (indicators[i].Normalization is not null)
                {
                    continue;
                }

                var p = parent[i];
                while (p >= 0 && groups[p - ni].Normalization is null)
                {
                    p = parent[p];
                }

                if (p < 0)
                {
                    return null;
                }
            }
        }

        return new DefinitionGraph(nodes, childStart, children, parent, depth, root);
    }
}
