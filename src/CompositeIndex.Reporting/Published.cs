namespace CompositeIndex.Reporting;

/// <summary>
/// What a result publishes: its outputs in display order (the headline first), the output that publishes each node's
/// score, and published values over time. Shared by the HTML report, the command-line table and notebook views.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class Published
{
    private readonly Dictionary<string, OutputResult> byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<OutputResult, string> displayFormats = [];

    public Published(IndexResult result)
    {
        var outputs = result.Outputs.IsDefault ? [] : result.Outputs;
        Headline = HeadlineOf(result);
        Ordered = Headline is null ? [] : [Headline, .. outputs.Where(x => x != Headline)];
        foreach (var x in outputs)
        {
            if (x.Definition.Value is ScoreExpression { Variant: null } s && !byNode.ContainsKey(s.Node))
            {
                byNode[s.Node] = x;
            }

            displayFormats[x] = x.Definition.Rounding is not null ? FormatOf(x) : WholeNumbers(result, x) ? "0" : "0.000";
        }
    }

    /// <summary>Gets the headline output: the first ranked or classified output, else the one that publishes the index (root) score, else the first; <see langword="null"/> without outputs.</summary>
    public OutputResult? Headline { get; }

    /// <summary>Gets the outputs with the headline first, then the others in definition order.</summary>
    public IReadOnlyList<OutputResult> Ordered { get; }

    /// <summary>Gets the headline output of a result (see <see cref="Headline"/>).</summary>
    public static OutputResult? HeadlineOf(IndexResult result)
    {
        var outputs = result.Outputs.IsDefault ? [] : result.Outputs;
        return outputs.FirstOrDefault(x => x.Definition.Ranking is not null || !x.Definition.Classes.IsDefaultOrEmpty)
            ?? outputs.FirstOrDefault(x => x.Definition.Value is ScoreExpression s && s.Node == result.RootId)
            ?? outputs.FirstOrDefault();
    }

    /// <summary>Gets the output that publishes a node's score (a <c>score</c> expression of the primary result), if any.</summary>
    public OutputResult? ForNode(string nodeId) => byNode.GetValueOrDefault(nodeId);

    /// <summary>Gets the display format of an output's published values (fixed decimals when rounded, else 3 decimals).</summary>
    public static string FormatOf(OutputResult output) =>
        output.Definition.Rounding is { } r ? (r.Digits == 0 ? "0" : "0." + new string('0', r.Digits)) : "0.000";

    /// <summary>
    /// Gets the display format of an output's values: its rounding's fixed decimals when it states one; otherwise whole
    /// numbers (<c>0</c>) when every value is a whole number (a rank difference, a count), else 3 decimals. An unrounded
    /// output is never shown with its round-trip digits (<c>9.999999999999998</c>); exports keep them.
    /// </summary>
    public string DisplayFormat(OutputResult output) => displayFormats.TryGetValue(output, out var f) ? f : FormatOf(output);

    /// <summary>Gets an output's value as display text (see <see cref="DisplayFormat"/>); empty when missing. Rounded outputs print their exact decimal.</summary>
    public string Text(OutputResult output, string unitId, string period)
    {
        var text = output.Format(unitId, period);
        return text.Length == 0 || output.Definition.Rounding is not null ? text : SvgBuilder.Format(output.GetValue(unitId, period), DisplayFormat(output));
    }

    private static bool WholeNumbers(IndexResult result, OutputResult output)
    {
        foreach (var t in result.Periods)
        {
            foreach (var u in result.Units)
            {
                var v = output.GetValue(u.Id, t);
                if (double.IsFinite(v) && (Math.Abs(v) >= 1e15 || v != Math.Round(v)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Gets the display format of a node's scores: the digits of the output that publishes it, else 3 decimals on a 0–1 scale and 2 otherwise.</summary>
    public string ScoreFormat(IndexResult result, string nodeId, IEnumerable<string> periods)
    {
        if (ForNode(nodeId) is { } output)
        {
            return FormatOf(output);
        }

        var max = 0.0;
        foreach (var t in periods)
        {
            foreach (var v in result.GetScores(nodeId, t).Span)
            {
                if (double.IsFinite(v))
                {
                    max = Math.Max(max, Math.Abs(v));
                }
            }
        }

        return max <= 1.5 ? "0.000" : "0.00";
    }

    /// <summary>Gets the difference of two published values (exact in decimal when both are rounded), NaN when either is missing.</summary>
    public static double Difference(OutputResult output, string unitId, string period, string from) =>
        output.GetPublished(unitId, period) is { } now && output.GetPublished(unitId, from) is { } then ? (double)(now - then) : double.NaN;

    /// <summary>Gets a published value as a double (NaN when missing).</summary>
    public static double Value(OutputResult output, string unitId, string period) =>
        output.GetPublished(unitId, period) is { } v ? (double)v : double.NaN;
}
