using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>Operations that combine panels.</summary>
public static class PanelOperations
{
    /// <summary>
    /// Returns a panel with the variables of <paramref name="source"/> added, matched by unit id (and by period, unless
    /// <paramref name="source"/> has a single period, whose values then apply to every period). Use it to bring a separate
    /// table of denominators (e.g. COINr's <c>WorldDenoms</c>) next to the indicators.
    /// </summary>
    /// <param name="panel">The panel to extend; it is not modified.</param>
    /// <param name="source">The table of extra variables; its units may be a superset of the panel's.</param>
    /// <param name="variables">The variables to take from <paramref name="source"/>; <see langword="null"/> or empty for all.</param>
    /// <returns>A new panel with the same units and periods and the extra variables (missing where <paramref name="source"/> has no value).</returns>
    /// <exception cref="IndexDataException">A variable exists in both panels, is absent from <paramref name="source"/>, or a period is absent from a multi-period source.</exception>
    public static Panel WithVariables(this Panel panel, Panel source, IEnumerable<string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(source);
        var names = variables?.ToList() is { Count: > 0 } list ? list : [.. source.Indicators];
        foreach (var v in names)
        {
            if (source.IndexOfIndicator(v) < 0)
            {
                throw new IndexDataException($"The source has no variable '{v}'.");
            }

            if (panel.IndexOfIndicator(v) >= 0)
            {
                throw new IndexDataException($"The panel already has a variable '{v}'.");
            }
        }

        var periodMap = new int[panel.Periods.Length];
        for (var p = 0; p < periodMap.Length; p++)
        {
            periodMap[p] = source.Periods.Length == 1 ? 0 : source.IndexOfPeriod(panel.Periods[p]);
            if (periodMap[p] < 0)
            {
                throw new IndexDataException($"The source has no period '{panel.Periods[p]}' (it has {string.Join(", ", source.Periods)}).");
            }
        }

        var u = panel.Units.Length;
        var unitMap = panel.Units.Select(source.IndexOfUnit).ToArray();
        var oldLength = panel.RawValues.Length;
        Limits.CheckCells("The panel with the added variables", (u, "units"), (panel.Periods.Length, "periods"), (panel.Indicators.Length + names.Count, "variables"));
        var values = new double[oldLength + (names.Count * panel.Periods.Length * u)];
        panel.RawValues.CopyTo(values, 0);
        var offset = oldLength;
        foreach (var v in names)
        {
            var sv = source.IndexOfIndicator(v);
            for (var p = 0; p < panel.Periods.Length; p++)
            {
                var src = source.GetValues(sv, periodMap[p]);
                for (var j = 0; j < u; j++)
                {
                    values[offset + j] = unitMap[j] >= 0 ? src[unitMap[j]] : double.NaN;
                }

                offset += u;
            }
        }

        return new Panel(panel.UnitInfo, panel.Periods, [.. panel.Indicators, .. names], values);
    }
}
