using CompositeIndex.Tests.Golden.Asem;

namespace CompositeIndex.Tests.Golden;

/// <summary>
/// COINr's <c>aggregate/copeland_0_100.csv</c>: the example coin (denominate → impute → screen → treat → min-max
/// [0, 100]) aggregated with <c>a_copeland</c> at every level; all 51 × 60 cells (49 normalised indicators and 11
/// aggregates of integer Copeland scores) reproduced to 1e-9.
/// </summary>
public class CoinrCopelandGoldenTests
{
    [SharedDataFact(AsemData.Folder)]
    public void Evaluate_CopelandAtEveryLevel_MatchesCoinrAll3060Cells()
    {
        var definition = AsemData.Definition(AsemData.ExampleSteps(), Normalization.MinMax(0, 100), Aggregation.Copeland());
        var result = CompiledIndex.Compile(definition).Evaluate(AsemData.Panel);
        var expected = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "aggregate", "copeland_0_100.csv"));
        var cmp = new Comparer(1e-9);
        cmp.Table(expected, (unit, node) => result.GetScore(node, unit, AsemData.Period), "copeland_0_100.csv");
        cmp.AssertAll(51 * 60);
        Assert.Equal(61, expected.Header.Count);
    }
}
