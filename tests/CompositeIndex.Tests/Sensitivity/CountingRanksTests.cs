using System.Runtime.Intrinsics;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Tests.Sensitivity;

/// <summary>
/// Issue #22: short score lists are ranked by counting greater scores, vectorised (eight per comparison at 512 bits, else
/// the hardware's <c>Vector&lt;double&gt;</c> width). Both must give the competition rank written out here — 1 + the
/// number of present scores strictly greater, 0 for a missing score — for lengths on both sides of every vector width,
/// with ties, missing scores, infinities and signed zeros.
/// </summary>
public class CountingRanksTests
{
    [Fact]
    public void CountingRanks_BothWidths_EqualOnePlusTheNumberOfGreaterScores()
    {
        var rng = new Random(9);
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 5, 5, 1e-300];
        var compared = 0;
        for (var n = 1; n <= 70; n++)
        {
            for (var rep = 0; rep < 8; rep++)
            {
                var scores = new double[n];
                for (var i = 0; i < n; i++)
                {
                    scores[i] = rng.Next(4) == 0 ? specials[rng.Next(specials.Length)] : Math.Round(rng.NextDouble() * 10, rep % 2 == 0 ? 0 : 6);
                }

                var expected = new int[n];
                for (var j = 0; j < n; j++)
                {
                    expected[j] = double.IsNaN(scores[j]) ? 0 : 1 + scores.Count(x => x > scores[j]);
                }

                var vector = new int[n];
                SensitivityRunner.CountingRanksVector(scores, vector);
                Assert.Equal(expected, vector);
                var dispatched = new int[n];
                SensitivityRunner.CountingRanks(scores, dispatched);
                Assert.Equal(expected, dispatched);
                if (Vector512.IsHardwareAccelerated && n >= 8)
                {
                    var wide = new int[n];
                    SensitivityRunner.CountingRanks512(scores, wide);
                    Assert.Equal(expected, wide);
                }

                compared += n;
            }
        }

        Assert.Equal(8 * 70 * 71 / 2, compared);
    }
}
