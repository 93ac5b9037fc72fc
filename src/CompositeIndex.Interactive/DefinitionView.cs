using System.Text;
using static CompositeIndex.Interactive.Html;

namespace CompositeIndex.Interactive;

/// <summary>An <see cref="IndexDefinition"/> as a collapsible tree: groups with their aggregation, children with weights, indicators with polarity and normalisation.</summary>
internal static class DefinitionView
{
    public static string ToHtml(IndexDefinition d)
    {
        var sb = Begin("ci-definition");
        var root = d.ResolveRoot();
        sb.Append("<details open><summary class=\"ci-head\"><b>").Append(E(d.DisplayName())).Append("</b> <code>").Append(E(d.Id)).Append("</code>");
        if (d.Version is { } v)
        {
            sb.Append(" <span class=\"ci-tag\">v").Append(E(v)).Append("</span>");
        }

        sb.Append(" — ").Append(I(d.Indicators.Length)).Append(" indicators in ").Append(I(d.Groups.Length)).Append(" groups</summary>");
        if (d.Description is { } description)
        {
            sb.Append("<p class=\"ci-note\">").Append(E(description)).Append("</p>");
        }

        sb.Append("<p class=\"ci-note\">Defaults: normalisation <code title=\"").Append(E(d.Normalization?.Describe() ?? string.Empty)).Append("\">").Append(E(d.Normalization?.MethodName ?? "none")).Append("</code>, aggregation <code>")
          .Append(E(d.Aggregation?.MethodName ?? "arithmetic")).Append("</code>, missing data <code>").Append(E(d.MissingData?.MethodName ?? "default")).Append("</code>.");
        if (!d.Steps.IsDefaultOrEmpty)
        {
            sb.Append(" Pipeline: ").Append(string.Join(" → ", d.Steps.Select(s => "<code>" + E(s.MethodName) + "</code>"))).Append('.');
        }

        sb.Append(" Weights are shown as given and as the share of their group.</p>");
        var groups = d.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var indicators = d.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        sb.Append("<ul class=\"ci-tree\">");
        if (root is not null && groups.TryGetValue(root, out var rootGroup))
        {
            Node(sb, d, rootGroup.Id, weight: null, share: null, groups, indicators, depth: 0);
        }
        else
        {
            foreach (var g in d.Groups)
            {
                Node(sb, d, g.Id, null, null, groups, indicators, depth: 0);
            }
        }

        sb.Append("</ul></details>");
        return End(sb);
    }

    private static void Node(StringBuilder sb, IndexDefinition d, string id, double? weight, double? share, Dictionary<string, GroupDefinition> groups, Dictionary<string, IndicatorDefinition> indicators, int depth)
    {
        sb.Append("<li>");
        if (groups.TryGetValue(id, out var g) && depth < 64)
        {
            sb.Append("<details").Append(depth < 2 ? " open" : string.Empty).Append("><summary><b>").Append(E(g.DisplayName())).Append("</b> <code>").Append(E(g.Id)).Append("</code>");
            Weight(sb, weight, share);
            sb.Append("<span class=\"ci-tag\" title=\"").Append(E((g.Aggregation ?? d.Aggregation)?.Describe() ?? "weighted arithmetic mean")).Append("\">").Append(E((g.Aggregation ?? d.Aggregation)?.MethodName ?? "arithmetic")).Append("</span>");
            if (g.Weighting is { } w)
            {
                sb.Append("<span class=\"ci-tag\" title=\"").Append(E(w.Describe())).Append("\">weights: ").Append(E(w.MethodName)).Append("</span>");
            }

            if (g.MissingData is { } m)
            {
                sb.Append("<span class=\"ci-tag\" title=\"").Append(E(m.Describe())).Append("\">missing: ").Append(E(m.MethodName)).Append("</span>");
            }

            sb.Append("</summary><ul class=\"ci-tree\">");
            var total = g.Children.Sum(c => c.Weight);
            foreach (var c in g.Children)
            {
                Node(sb, d, c.Id, c.Weight, total > 0 ? c.Weight / total : null, groups, indicators, depth + 1);
            }

            sb.Append("</ul></details>");
        }
        else if (indicators.TryGetValue(id, out var i))
        {
            sb.Append(i.Polarity == Polarity.Negative ? "<span title=\"lower is better\">↓</span> " : "<span title=\"higher is better\">↑</span> ")
              .Append(E(i.DisplayName())).Append(" <code>").Append(E(i.Id)).Append("</code>");
            Weight(sb, weight, share);
            if (i.Normalization is { } n)
            {
                sb.Append("<span class=\"ci-tag\" title=\"").Append(E(n.Describe())).Append("\">").Append(E(n.MethodName)).Append("</span>");
            }

            if (i.MeasurementUnit is { } unit)
            {
                sb.Append("<span class=\"ci-tag\">").Append(E(unit)).Append("</span>");
            }
        }
        else
        {
            sb.Append("<code>").Append(E(id)).Append("</code> <span class=\"ci-bad\">(not defined)</span>");
        }

        sb.Append("</li>");
    }

    private static void Weight(StringBuilder sb, double? weight, double? share)
    {
        if (weight is { } w)
        {
            sb.Append("<span class=\"ci-w\" title=\"weight (share of the group)\">w ").Append(N(w, "0.###"));
            if (share is { } s)
            {
                sb.Append(" (").Append(N(100 * s, "0.#")).Append(" %)");
            }

            sb.Append("</span>");
        }
    }

    public static string ToText(IndexDefinition d)
    {
        var sb = new StringBuilder();
        sb.Append("IndexDefinition ").Append(d.Id).Append(" \"").Append(d.DisplayName()).Append("\": ")
          .Append(I(d.Indicators.Length)).Append(" indicators, ").Append(I(d.Groups.Length)).AppendLine(" groups");
        var groups = d.Groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        var indicators = d.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        if (d.ResolveRoot() is { } root)
        {
            Text(sb, d, root, null, groups, indicators, 0);
        }

        return sb.ToString();
    }

    private static void Text(StringBuilder sb, IndexDefinition d, string id, double? weight, Dictionary<string, GroupDefinition> groups, Dictionary<string, IndicatorDefinition> indicators, int depth)
    {
        sb.Append(new string(' ', 2 * depth + 2));
        var w = weight is { } x ? " w=" + N(x, "0.###") : string.Empty;
        if (groups.TryGetValue(id, out var g) && depth < 64)
        {
            sb.Append(g.Id).Append(" [").Append((g.Aggregation ?? d.Aggregation)?.MethodName ?? "arithmetic").Append(']').Append(w).AppendLine();
            foreach (var c in g.Children)
            {
                Text(sb, d, c.Id, c.Weight, groups, indicators, depth + 1);
            }
        }
        else
        {
            var negative = indicators.TryGetValue(id, out var i) && i.Polarity == Polarity.Negative;
            sb.Append(id).Append(negative ? " (-)" : string.Empty).Append(w).AppendLine();
        }
    }
}
