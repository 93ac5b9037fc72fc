using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.AggregationMethods;

/// <summary>
/// Borda's rule across units: golden tests against the OECD/JRC Handbook (2008) voting examples (Tables 25–34) and
/// hand calculations. The Handbook's Borda counts are integers (one point per place and indicator); our scores are in
/// units of the total weight, so the published count is score × number of indicators (exact in binary for these
/// small integers up to rounding: compared within 1e-9).
/// </summary>
public class BordaCountAggregationTests
{
    [SharedDataFact("method-examples")]
    public void Scores_HandbookVotingTables26_29_32_33_34_MatchPublishedBordaCountsWithin1e9()
    {
        var compared = 0;
        void Check(string table, string published, params string[] without)
        {
            var profile = VotingExamples.Profile(table);
            var votes = profile.Sum(p => p.Count);
            var result = VotingExamples.Evaluate(profile, Aggregation.BordaCount(), without);
            foreach (var (unit, count) in VotingExamples.Scores(published))
            {
                Assert.Equal(count, result.GetScore("root", unit, "1") * votes, 9);
                compared++;
            }
        }

        Check("25", VotingExamples.Cell("26", "Borda scores"));        // 24, 44, 38, 20
        Check("28", VotingExamples.Cell("29", "Borda scores"));        // 58, 69, 53
        Check("31", VotingExamples.Cell("32", "Borda scores"));        // 13, 12, 11, 6
        Check("31", VotingExamples.Cell("33", "Borda after removing d"), "d");   // 6, 7, 8: d's removal reverses the order
        Check("34", "a=3; b=3; c=3");                                   // "Borda all=3" in the Table 34 row
        Assert.Equal(17, compared);
    }

    [SharedDataFact("method-examples")]
    public void OutrankingMatrix_HandbookVotingTables27And30_MatchPublishedPairwiseCountsWithin1e9()
    {
        var compared = 0;
        foreach (var (profileTable, matrixTable) in new[] { ("25", "27"), ("28", "30") })
        {
            var profile = VotingExamples.Profile(profileTable);
            var votes = profile.Sum(p => p.Count);
            var result = VotingExamples.Evaluate(profile, Aggregation.BordaCount());
            var matrix = OutrankingMatrix.From(result, "root", "1");
            var published = VotingExamples.Matrix(VotingExamples.Cell(matrixTable, "Condorcet outranking matrix"));
            var columns = published.Select(r => r.Unit).ToArray();
            foreach (var (row, values) in published)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    Assert.Equal(values[c], matrix[row, columns[c]] * votes, 9);
                    compared++;
                }

                // Handbook Table 27: the Borda score is the row sum of the outranking matrix.
                Assert.Equal(values.Sum(), result.GetScore("root", row, "1") * votes, 9);
            }
        }

        Assert.Equal(16 + 9, compared);
    }

    [Fact]
    public void Scores_TiesAndWeights_HandCalculation()
    {
        // Three units, children a (weight 3) and b (weight 1): a = [3, 1, 1], b = [1, 2, 3].
        // e(u1,u2) = 0.75, e(u1,u3) = 0.75, e(u2,u3) = 0.75·½ + 0.25·0 = 0.375.
        var result = Evaluate([[3, 1], [1, 2], [1, 3]], [3, 1], Aggregation.BordaCount());
        Assert.Equal(1.5, result.GetScore("root", "u1", "1"), 12);
        Assert.Equal(0.25 + 0.375, result.GetScore("root", "u2", "1"), 12);
        Assert.Equal(0.25 + 0.625, result.GetScore("root", "u3", "1"), 12);
    }

    [Fact]
    public void Scores_MissingValues_ComparedOnCommonChildrenAndNaNWhenNothingPresent()
    {
        // u3 lacks child a: against u1 and u2 it is compared on b alone; u4 has nothing and takes no part.
        var result = Evaluate([[3, 1], [1, 2], [double.NaN, 3], [double.NaN, double.NaN]], [1, 1], Aggregation.BordaCount());
        // u1 vs u2: a for u1, b for u2 → ½; u1 vs u3 and u2 vs u3 on b only: u3 wins both.
        Assert.Equal(0.5, result.GetScore("root", "u1", "1"), 12);
        Assert.Equal(0.5, result.GetScore("root", "u2", "1"), 12);
        Assert.Equal(2.0, result.GetScore("root", "u3", "1"), 12);
        Assert.True(double.IsNaN(result.GetScore("root", "u4", "1")));
    }

    [Fact]
    public void SaveLoad_BordaCount_RoundTripsToEqualDefinition()
    {
        var def = IndexBuilder.Create("t", "T").Indicator("a").Indicator("b").Normalize(Normalization.MinMax())
            .Group("root", g => g.Add("a", "b").Aggregate(Aggregation.BordaCount())).Build();
        var json = IndexDefinitionSerializer.Default.Save(def);
        Assert.Contains("\"bordaCount\"", json, StringComparison.Ordinal);
        Assert.Equal(def, IndexDefinitionSerializer.Default.Load(json));
    }

    [Fact]
    public void Aggregate_SingleUnit_NotSupported() =>
        Assert.Throws<InvalidOperationException>(() => Aggregation.BordaCount().Aggregate([1.0], [1.0]));

    /// <summary>Units u1.. with children a, b, ... given row by row, one period "1".</summary>
    internal static IndexResult Evaluate(double[][] rows, double[] weights, AggregationMethod aggregation)
    {
        var children = Enumerable.Range(0, weights.Length).Select(c => ((char)('a' + c)).ToString()).ToArray();
        var builder = IndexBuilder.Create("t", "T");
        foreach (var c in children)
        {
            builder.Indicator(c);
        }

        builder.Group("root", g =>
        {
            for (var c = 0; c < children.Length; c++)
            {
                g.Add(children[c], weights[c]);
            }

            g.Aggregate(aggregation);
        });
        var panel = new PanelBuilder();
        for (var j = 0; j < rows.Length; j++)
        {
            for (var c = 0; c < children.Length; c++)
            {
                panel.AddValue(children[c], $"u{j + 1}", "1", rows[j][c]);
            }
        }

        return CompiledIndex.Compile(builder.Normalize(Normalization.MinMax(0, 1)).Build()).Evaluate(panel.Build());
    }
}
