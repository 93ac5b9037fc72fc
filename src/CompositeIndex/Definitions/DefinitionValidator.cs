using System.Collections.Immutable;
using System.Globalization;

namespace CompositeIndex;

/// <summary>Collects every structural and parameter problem of a definition (see <see cref="IndexDefinition.Validate"/>).</summary>
internal static class DefinitionValidator
{
    public static ValidationReport Validate(IndexDefinition d) => Validate(d, out _);

    /// <summary>Validates a definition and, when it is valid, returns its hierarchy in positions for compilation.</summary>
    /// <param name="d">The definition.</param>
    /// <param name="graph">The hierarchy when the report is valid; otherwise <see langword="null"/>.</param>
    public static ValidationReport Validate(IndexDefinition d, out DefinitionGraph? graph)
    {
        graph = null;
        var errors = new DefinitionErrorList(d);
        if (string.IsNullOrWhiteSpace(d.Id))
        {
            errors.Add(new(ErrorCodes.EmptyId, "$.id", "The index id is empty."));
        }

        if (string.IsNullOrWhiteSpace(d.Name))
        {
            errors.Add(new(ErrorCodes.Missing, "$.name", "The index name is empty."));
        }

        // Ids: indicators and groups share one namespace. Paths are formatted only when an error needs them (a valid
        // definition allocates no path string per indicator or child); see DeclarationPath.
        var indicators = d.Indicators.IsDefault ? [] : d.Indicators;
        var groups = d.Groups.IsDefault ? [] : d.Groups;
        var nodes = new Dictionary<string, int>(indicators.Length + groups.Length, StringComparer.Ordinal); // id -> first declaration
        for (var i = 0; i < indicators.Length; i++)
        {
            var ind = indicators[i];
            if (ind is null)
            {
                errors.Add(new(ErrorCodes.Missing, DeclarationPath(i, indicators.Length), "The indicator entry is null."));
                continue;
            }

            CheckId(ind.Id, i, indicators.Length, "indicator", nodes, errors);
            ind.Normalization?.Validate($"{DeclarationPath(i, indicators.Length)}.normalization", errors);
            if (ind.Rounding is { } rounding)
            {
                ValidateRounding(rounding, $"{DeclarationPath(i, indicators.Length)}.rounding", errors);
            }
        }

        for (var g = 0; g < groups.Length; g++)
        {
            var grp = groups[g];
            if (grp is null)
            {
                errors.Add(new(ErrorCodes.Missing, GroupPath(g), "The group entry is null."));
                continue;
            }

            CheckId(grp.Id, indicators.Length + g, indicators.Length, "group", nodes, errors);
            grp.Normalization?.Validate($"{GroupPath(g)}.normalization", errors);
            grp.Aggregation?.Validate($"{GroupPath(g)}.aggregation", errors);
            if (grp.Aggregation is null && d.Aggregation is OrderedWeightedAggregation { OrderWeights.IsDefaultOrEmpty: false } owa && !grp.Children.IsDefault
                && owa.OrderWeights.Length != grp.Children.Length)
            {
                // The group's own OWA is checked with its weighting (WeightingValidation); this is the index-wide default it inherits.
                errors.Add(new(
                    ErrorCodes.InvalidParameter,
                    "$.aggregation.orderWeights",
                    $"Group '{grp.Id}' has {grp.Children.Length} children but the index's default ordered weighted averaging has {owa.OrderWeights.Length} order weights; give the group its own aggregation."));
            }

            grp.MissingData?.Validate($"{GroupPath(g)}.missingData", errors);
            WeightingValidation.ValidateGroup(grp, g, errors);
            if (!Enum.IsDefined(grp.WeightScaling))
            {
                errors.Add(new(ErrorCodes.InvalidParameter, $"{GroupPath(g)}.weightScaling", $"Unknown weight scaling {(int)grp.WeightScaling} in group '{grp.Id}'."));
            }

            if (grp.Rounding is { } rounding)
            {
                ValidateRounding(rounding, $"{GroupPath(g)}.rounding", errors);
            }
        }

        errors.Declarations = nodes; // for the steps' indicator look-ups (PipelineStep.RequireIndicators)
        d.Normalization?.Validate("$.normalization", errors);
        d.Aggregation?.Validate("$.aggregation", errors);
        d.MissingData?.Validate("$.missingData", errors);
        PipelineValidation.Validate(d, errors);

        if (indicators.IsEmpty)
        {
            errors.Add(new(ErrorCodes.Missing, "$.indicators", "The index has no indicators."));
        }

        if (groups.IsEmpty)
        {
            errors.Add(new(ErrorCodes.Missing, "$.groups", "The index has no groups; at least a root group is needed."));
        }

        // The hierarchy: a definition without earlier errors whose hierarchy breaks no rule is checked in positions
        // (DefinitionGraph); otherwise the checks below describe every problem.
        if (errors.Count == 0)
        {
            graph = DefinitionGraph.TryBuild(d, nodes);
        }

        if (graph is null)
        {
            ValidateHierarchy(d, indicators, groups, nodes, errors);
        }

        OutputsValidator.Validate(d, errors);
        if (errors.Count != 0)
        {
            graph = null;
            return new ValidationReport([.. errors]);
        }

        return ValidationReport.Valid;
    }

    /// <summary>
    /// The structural checks (children, weights, parents, cycles, root, reachability, normalisation, size and depth),
    /// written for a definition that may also have other errors: every problem is reported, ids that are unknown, blank or
    /// declared twice included.
    /// </summary>
    internal static void ValidateHierarchy(IndexDefinition d, ImmutableArray<IndicatorDefinition> indicators, ImmutableArray<GroupDefinition> groups, Dictionary<string, int> nodes, List<DefinitionError> errors)
    {
        // Children: existence, weights, duplicates, parents.
        // Group ids → index of their first declaration (duplicates are reported above).
        var groupIndex = new Dictionary<string, int>(groups.Length, StringComparer.Ordinal);
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g]?.Id is { } gid)
            {
                groupIndex.TryAdd(gid, g);
            }
        }

        var parent = new Dictionary<string, string>(indicators.Length + groups.Length, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Length; g++)
        {
            var grp = groups[g];
            if (grp is null)
            {
                continue;
            }

            var children = grp.Children.IsDefault ? [] : grp.Children;
            if (children.IsEmpty)
            {
                errors.Add(new(ErrorCodes.EmptyGroup, $"$.groups[{g}].children", $"Group '{grp.Id}' has no children."));
                continue;
            }

            seen.Clear();
            var allZero = true;
            for (var c = 0; c < children.Length; c++)
            {
                var child = children[c];
                if (child is null || string.IsNullOrWhiteSpace(child.Id))
                {
                    errors.Add(new(ErrorCodes.EmptyId, $"{ChildPath(g, c)}.id", $"A child of group '{grp.Id}' has an empty id."));
                    continue;
                }

                if (!nodes.ContainsKey(child.Id))
                {
                    errors.Add(new(ErrorCodes.UnknownChild, $"{ChildPath(g, c)}.id", $"Group '{grp.Id}' refers to '{child.Id}', which is neither an indicator nor a group{Suggest(child.Id, nodes.Keys)}."));
                }

                if (!seen.Add(child.Id))
                {
                    errors.Add(new(ErrorCodes.DuplicateChild, $"{ChildPath(g, c)}.id", $"Group '{grp.Id}' lists '{child.Id}' more than once."));
                }
                else if (parent.TryGetValue(child.Id, out var other) && other != grp.Id)
                {
                    errors.Add(new(ErrorCodes.MultipleParents, $"{ChildPath(g, c)}.id", $"'{child.Id}' is a child of both '{other}' and '{grp.Id}'; a node may have one parent only."));
                }
                else
                {
                    parent[child.Id] = grp.Id;
                }

                if (!double.IsFinite(child.Weight) || child.Weight < 0)
                {
                    errors.Add(new(ErrorCodes.InvalidWeight, $"{ChildPath(g, c)}.weight", $"The weight of '{child.Id}' in group '{grp.Id}' must be finite and non-negative (got {child.Weight.ToString("R", CultureInfo.InvariantCulture)})."));
                    allZero = false;
                }
                else if (child.Weight > 0)
                {
                    allZero = false;
                }
            }

            if (allZero)
            {
                errors.Add(new(ErrorCodes.AllWeightsZero, $"$.groups[{g}].children", $"All weights of group '{grp.Id}' are zero."));
            }
        }

        // Cycles: a group reaching itself through group children. Groups are numbered by their first declaration;
        // the group children of each are stored flat (CSR: children of g at childStart[g] .. childStart[g + 1] − 1).
        var childStart = new int[groups.Length + 1];
        var groupChildren = new List<int>(groups.Length);
        for (var g = 0; g < groups.Length; g++)
        {
            childStart[g] = groupChildren.Count;
            if (groups[g] is { Id: { } gid } grp && groupIndex[gid] == g && !grp.Children.IsDefault)
            {
                foreach (var c in grp.Children)
                {
                    if (c?.Id is not null && groupIndex.TryGetValue(c.Id, out var cg))
                    {
                        groupChildren.Add(cg);
                    }
                }
            }
        }

        childStart[groups.Length] = groupChildren.Count;
        var hasCycle = false;
        var state = new byte[groups.Length]; // 0 = not visited, 1 = on the search path, 2 = done
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g]?.Id is { } gid && state[groupIndex[gid]] == 0)
            {
                var cycle = FindCycle(groupIndex[gid], childStart, groupChildren, state);
                if (cycle is not null)
                {
                    hasCycle = true;
                    errors.Add(new(ErrorCodes.Cycle, $"$.groups[{cycle[0]}].children", $"The hierarchy has a cycle: {string.Join(" -> ", cycle.Select(c => groups[c].Id))}."));
                }
            }
        }

        // Root.
        string? root = null;
        if (d.Root is not null)
        {
            if (!groupIndex.ContainsKey(d.Root))
            {
                errors.Add(new(ErrorCodes.Root, "$.root", $"The root '{d.Root}' is not a group{Suggest(d.Root, groupIndex.Keys)}."));
            }
            else if (parent.TryGetValue(d.Root, out var p))
            {
                errors.Add(new(ErrorCodes.Root, "$.root", $"The root '{d.Root}' is a child of group '{p}'."));
            }
            else
            {
                root = d.Root;
            }
        }
        else if (groupIndex.Count > 0)
        {
            var candidates = new List<string>(1);
            foreach (var (gid, _) in groupIndex)
            {
                if (!parent.ContainsKey(gid))
                {
                    candidates.Add(gid);
                }
            }

            if (candidates.Count == 1)
            {
                root = candidates[0];
            }
            else if (candidates.Count > 1)
            {
                errors.Add(new(ErrorCodes.Root, "$.root", $"Several groups have no parent ({string.Join(", ", candidates.Select(c => $"'{c}'"))}); set the root or attach them to one group."));
            }
            else if (!hasCycle)
            {
                errors.Add(new(ErrorCodes.Root, "$.root", "Every group has a parent, so there is no root."));
            }
        }

        // Reachability and normalisation of indicators. Nodes are marked by their first declaration; ids that are no
        // declaration (unknown or blank, reported above) are kept apart so that no id is lost.
        if (root is not null && !hasCycle)
        {
            var reached = new bool[indicators.Length + groups.Length];
            HashSet<string>? reachedUndeclared = null;
            var stack = new Stack<string>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (nodes.TryGetValue(id, out var decl))
                {
                    if (reached[decl])
                    {
                        continue;
                    }

                    reached[decl] = true;
                }
                else if (!(reachedUndeclared ??= new HashSet<string>(StringComparer.Ordinal)).Add(id))
                {
                    continue;
                }

                if (!groupIndex.TryGetValue(id, out var gi) || groups[gi].Children.IsDefault)
                {
                    continue;
                }

                foreach (var c in groups[gi].Children)
                {
                    if (c?.Id is not null)
                    {
                        stack.Push(c.Id);
                    }
                }
            }

            bool IsReached(string id) => nodes.TryGetValue(id, out var decl) ? reached[decl] : reachedUndeclared?.Contains(id) == true;

            for (var i = 0; i < indicators.Length; i++)
            {
                var ind = indicators[i];
                if (ind?.Id is null)
                {
                    continue;
                }

                if (!IsReached(ind.Id))
                {
                    errors.Add(new(ErrorCodes.Unreachable, $"$.indicators[{i}].id", $"Indicator '{ind.Id}' is not a child of any group reachable from the root '{root}'."));
                    continue;
                }

                if (ind.Normalization is null && d.Normalization is null && FindGroupNormalization(ind.Id, parent, groupIndex, groups) is null)
                {
                    errors.Add(new(ErrorCodes.Missing, $"$.indicators[{i}].normalization", $"Indicator '{ind.Id}' has no normalisation: set one on the indicator, a group above it or the index."));
                }
            }

            for (var g = 0; g < groups.Length; g++)
            {
                if (groups[g]?.Id is { } gid && !IsReached(gid))
                {
                    errors.Add(new(ErrorCodes.Unreachable, $"$.groups[{g}].id", $"Group '{gid}' is not reachable from the root '{root}'."));
                }
            }
        }

        // Limits (stated in Limits): total size and depth.
        if (indicators.Length + groups.Length > Limits.MaxNodes)
        {
            errors.Add(new(ErrorCodes.Limit, "$", $"The definition has {indicators.Length + groups.Length} nodes; the limit is {Limits.MaxNodes}."));
        }

        // Without cycles or second parents each step up from a node lands on another group, so no node is deeper than
        // the number of groups: the depth walk is needed only when there are more groups than the depth limit.
        if (groups.Length > Limits.MaxHierarchyDepth && !hasCycle && !errors.Any(e => e.Code is ErrorCodes.MultipleParents))
        {
            var depthOf = new Dictionary<string, int>(parent.Count + 1, StringComparer.Ordinal);
            var chain = new List<string>();
            foreach (var (id, _) in parent)
            {
                // Walk up to a node of known depth, then fill the chain in (memoised: linear overall).
                chain.Clear();
                var cur = id;
                var baseDepth = 0;
                while (true)
                {
                    if (depthOf.TryGetValue(cur, out var known))
                    {
                        baseDepth = known;
                        break;
                    }

                    if (!parent.TryGetValue(cur, out var up))
                    {
                        depthOf[cur] = 0;
                        break;
                    }

                    chain.Add(cur);
                    cur = up;
                }

                for (var k = chain.Count - 1; k >= 0; k--)
                {
                    depthOf[chain[k]] = baseDepth + (chain.Count - k);
                }

                if (depthOf[id] > Limits.MaxHierarchyDepth)
                {
                    errors.Add(new(ErrorCodes.Limit, "$.groups", $"The hierarchy is deeper than {Limits.MaxHierarchyDepth} levels (at '{id}', depth {depthOf[id]})."));
                    break;
                }
            }
        }

        static string ChildPath(int g, int c) => $"$.groups[{g}].children[{c}]";
    }

    private static NormalizationMethod? FindGroupNormalization(string nodeId, Dictionary<string, string> parent, Dictionary<string, int> groupIndex, System.Collections.Immutable.ImmutableArray<GroupDefinition> groups)
    {
        var guard = 0;
        var id = nodeId;
        while (parent.TryGetValue(id, out var p) && guard++ < 10_000)
        {
            if (groupIndex.TryGetValue(p, out var g) && groups[g].Normalization is { } method)
            {
                return method;
            }

            id = p;
        }

        return null;
    }

    /// <summary>Checks a rounding rule (an indicator's, a group's or an output's): 0 to 15 digits and a known midpoint rule.</summary>
    internal static void ValidateRounding(OutputRounding rounding, string path, ICollection<DefinitionError> errors)
    {
        if (rounding.Digits < 0 || rounding.Digits > 15)
        {
            errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.digits", $"Rounding needs 0 to 15 digits (got {rounding.Digits.ToString(CultureInfo.InvariantCulture)})."));
        }

        if (!Enum.IsDefined(rounding.Midpoint))
        {
            errors.Add(new(ErrorCodes.InvalidParameter, $"{path}.midpoint", $"Unknown midpoint rule {(int)rounding.Midpoint}."));
        }
    }

    /// <summary>The JSON path of group <paramref name="position"/>, <c>$.groups[position]</c> (formatted only when a check needs it).</summary>
    internal static string GroupPath(int position) => $"$.groups[{position}]";

    /// <summary>The path of a node declaration: <paramref name="declaration"/> is i for $.indicators[i] and indicatorCount + g for $.groups[g].</summary>
    private static string DeclarationPath(int declaration, int indicatorCount) =>
        declaration < indicatorCount ? $"$.indicators[{declaration}]" : $"$.groups[{declaration - indicatorCount}]";

    private static void CheckId(string? id, int declaration, int indicatorCount, string kind, Dictionary<string, int> nodes, List<DefinitionError> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(ErrorCodes.EmptyId, $"{DeclarationPath(declaration, indicatorCount)}.id", $"An {kind} has an empty id."));
            return;
        }

        if (nodes.TryGetValue(id, out var first))
        {
            errors.Add(new(ErrorCodes.DuplicateId, $"{DeclarationPath(declaration, indicatorCount)}.id", $"The id '{id}' is used twice (first at {DeclarationPath(first, indicatorCount)})."));
            return;
        }

        nodes[id] = declaration;
    }

    /// <summary>
    /// Iterative depth-first search from group <paramref name="start"/> (no recursion, so deep hierarchies cannot
    /// overflow the stack). Returns the groups of the first cycle found, its first group repeated at the end, or null.
    /// Every group the search visited is left done, those of a reported cycle included, so a later search that enters
    /// the same cycle from another group does not report it again.
    /// </summary>
    private static List<int>? FindCycle(int start, int[] childStart, List<int> children, byte[] state)
    {
        var path = new List<int> { start };         // the search path
        var next = new List<int> { childStart[start] }; // for each group on the path, its next child to visit
        state[start] = 1;
        List<int>? cycle = null;
        while (path.Count > 0 && cycle is null)
        {
            var top = path.Count - 1;
            var g = path[top];
            if (next[top] < childStart[g + 1])
            {
                var c = children[next[top]];
                next[top]++;
                if (state[c] == 1)
                {
                    var from = path.IndexOf(c);
                    cycle = path.GetRange(from, path.Count - from);
                    cycle.Add(c);
                }
                else if (state[c] == 0)
                {
                    state[c] = 1;
                    path.Add(c);
                    next.Add(childStart[c]);
                }
            }
            else
            {
                state[g] = 2;
                path.RemoveAt(top);
                next.RemoveAt(top);
            }
        }

        foreach (var g in path)
        {
            state[g] = 2;
        }

        return cycle;
    }

    /// <summary>Names longer than this get no suggestion (a typo in a 100-character id is not worth an edit-distance search).</summary>
    internal const int MaxSuggestionLength = 100;

    /// <summary>At most this many known names (those within the length window, in order) are compared with a name.</summary>
    internal const int MaxSuggestionCandidates = 500;

    /// <summary>Suggests the nearest known name (<see cref="Nearest"/>) as " (did you mean 'x'?)".</summary>
    internal static string Suggest(string name, IEnumerable<string> known)
    {
        var best = Nearest(name, known);
        return best is null ? string.Empty : $" (did you mean '{best}'?)";
    }

    /// <summary>
    /// The first known name at the smallest case-insensitive Levenshtein distance from <paramref name="name"/>, if that
    /// distance is at most max(2, length/3); otherwise <see langword="null"/>. Bounded so that validation stays fast on
    /// huge definitions: names longer than <see cref="MaxSuggestionLength"/> get none; a known name whose length differs
    /// by at least the best distance so far is skipped without computing (the distance is at least the length
    /// difference); at most <see cref="MaxSuggestionCandidates"/> names are compared, each with an early exit once a
    /// row of the distance table exceeds the best distance.
    /// </summary>
    internal static string? Nearest(string name, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxSuggestionLength)
        {
            return null;
        }

        var a = name.ToLowerInvariant();
        string? best = null;
        var bestDistance = Math.Max(2, name.Length / 3) + 1;
        var compared = 0;
        foreach (var k in known)
        {
            if (k is null || Math.Abs(k.Length - name.Length) >= bestDistance)
            {
                continue;
            }

            if (++compared > MaxSuggestionCandidates)
            {
                break;
            }

            var d = Levenshtein(a, k.ToLowerInvariant(), bestDistance - 1);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
                if (d == 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance of two strings, or <paramref name="bound"/> + 1 as soon as it must exceed <paramref name="bound"/>.</summary>
    private static int Levenshtein(string a, string b, int bound)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }

            if (rowMin > bound)
            {
                return bound + 1; // every later row is at least this row's minimum
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
