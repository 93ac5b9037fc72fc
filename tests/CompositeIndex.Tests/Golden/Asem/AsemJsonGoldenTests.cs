using CompositeIndex.Serialization;

namespace CompositeIndex.Tests.Golden.Asem;

/// <summary>The checked-in JSON definition of samples/asem reproduces COINr's example coin (relative tolerance 1e-9).</summary>
public class AsemJsonGoldenTests
{
    [SharedDataFact(AsemData.Folder)]
    public void SampleJson_Evaluated_MatchesCoinrAggregatedWithin1e9()
    {
        var definition = IndexDefinitionSerializer.Default.LoadFile(Path.Combine(SharedData.RepoRoot, "samples", "gallery", "asem", "asem.json"));
        var steps = AsemData.ExampleSteps();
        Assert.Equal(steps.Length, definition.Steps.Length);
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.True(steps[i].Equals(definition.Steps[i]), $"step {i} differs");
        }

        var result = CompiledIndex.Compile(definition).Evaluate(AsemData.Panel);
        var expected = Table.Read(SharedData.PathOf(AsemData.Folder, "expected", "pipeline", "07_aggregated.csv"));
        var cmp = new Comparer(1e-9);
        cmp.Table(expected, (unit, node) => result.GetScore(node, unit, AsemData.Period), "07_aggregated.csv");
        cmp.AssertAll(51 * 60);
        Gallery.GalleryCatalog.Count("asem", "aggregated scores", cmp.Count, cmp.Count);
    }
}
