using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>Small synthetic indices and panels for sensitivity tests (values from a fixed-seed generator).</summary>
internal static class SensitivityFixtures
{
    /// <summary>An index of <paramref name="groups"/> groups × <paramref name="perGroup"/> indicators, min-max [1, 100], arithmetic mean.</summary>
    public static IndexDefinition Index(int groups = 3, int perGroup = 3)
    {
        var b = IndexBuilder.Create("test", "Test index").Normalize(Normalization.MinMax(1, 100));
        for (var g = 0; g < groups; g++)
        {
            for (var i = 0; i < perGroup; i++)
            {
                var id = $"i{g}_{i}";
                b.Indicator(id, x => { if (i == 1) { x.LowerIsBetter(); } });
            }
        }

        for (var g = 0; g < groups; g++)
        {
            var gi = g;
            b.Group($"g{g}", x =>
            {
                for (var i = 0; i < perGroup; i++)
                {
                    x.Add($"i{gi}_{i}", 1 + (0.5 * i));
                }
            });
        }

        b.Group("root", x =>
        {
            for (var g = 0; g < groups; g++)
            {
                x.Add($"g{g}");
            }
        });
        return b.Build();
    }

    public static Panel Panel(IndexDefinition index, int units = 12, int periods = 2, int seed = 1, double missingShare = 0)
    {
        var rng = new Random(seed);
        var b = new PanelBuilder();
        for (var t = 0; t < periods; t++)
        {
            for (var j = 0; j < units; j++)
            {
                foreach (var ind in index.Indicators)
                {
                    if (rng.NextDouble() < missingShare)
                    {
                        continue;
                    }

                    b.AddValue(ind.Id, $"u{j:00}", (2020 + t).ToString(System.Globalization.CultureInfo.InvariantCulture), Math.Round(10 + (90 * rng.NextDouble()), 3));
                }
            }
        }

        return b.Build();
    }
}
