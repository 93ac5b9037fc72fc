using System.Text.Json;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Commands;

/// <summary><c>compindex audit --remove &lt;level&gt;</c>: leave-one-out (COINr remove_elements) on a hand-computed case.</summary>
public class AuditRemoveTests
{
    // Min-max [0, 100] leaves each column unchanged (each spans 0..100); weights a 1, b 1, c 2.
    // Nominal: U1 = (100 + 0 + 80) / 4 = 45, U2 = 75, U3 = 25 -> ranks 2, 1, 3.
    // Without c: 50, 50, 50 -> ranks 1, 1, 1, changes +1, 0, +2, mean 1. Without a: 80/3, 100, 50/3 (same order).
    private const string Definition = """
        {
          "schemaVersion": 2, "id": "t", "name": "T",
          "normalization": { "method": "minMax", "lower": 0, "upper": 100 },
          "indicators": [ { "id": "a" }, { "id": "b" }, { "id": "c", "name": "Cee" } ],
          "groups": [ { "id": "root", "children": [ { "id": "a", "weight": 1 }, { "id": "b", "weight": 1 }, { "id": "c", "weight": 2 } ] } ]
        }
        """;

    private const string Data = "unit,name,period,a,b,c\nU1,Uno,2024,100,0,40\nU2,Dos,2024,0,100,100\nU3,Tres,2024,50,50,0\n";

    [Fact]
    public void AuditRemove_HandCase_TableListsElementsByMeanAbsoluteRankChangeWithTheUnitsThatMove()
    {
        var (definition, data) = Files();

        var (code, stdout, stderr) = Run("audit", definition, "--data", data, "--name-column", "name", "--remove", "1");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.StartsWith("Leave-one-out of T: 2024, 3 units; each element of level 1 removed in turn", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^c\s+Cee\s+1\.00\s+2\s+Tres \+2 \(3→1\), Uno \+1 \(2→1\)\s*$", lines[4]);
        Assert.Matches(@"^a\s+a\s+0\.00\s+0\s+none\s*$", lines[5]);
        Assert.Matches(@"^b\s+b\s+0\.00\s+0\s+none\s*$", lines[6]);
    }

    [Fact]
    public void AuditRemove_Json_HasScoresRanksAndChangesPerElement()
    {
        var (definition, data) = Files();

        var (code, stdout, stderr) = Run("audit", definition, "--data", data, "--remove", "1", "--json", "-");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("level").GetInt32());
        Assert.Equal("root", root.GetProperty("node").GetString());
        Assert.Equal(["a", "b", "c"], root.GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        var removals = root.GetProperty("removals");
        Assert.Equal(3, removals.GetArrayLength());
        var c = removals[2];
        Assert.Equal("c", c.GetProperty("element").GetString());
        Assert.Equal(1.0, c.GetProperty("meanAbsoluteRankChange").GetDouble());
        Assert.Equal([50.0, 50.0, 50.0], c.GetProperty("scores").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal([1, 0, 2], c.GetProperty("rankChanges").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(100.0, removals[0].GetProperty("scores")[1].GetDouble(), 12);
        Assert.Equal([2, 1, 3], root.GetProperty("nominal")[0].GetProperty("ranks").EnumerateArray().Select(s => s.GetInt32()));
    }

    [Fact]
    public void AuditRemove_Out_WritesOneLongCsv()
    {
        var (definition, data) = Files();
        var dir = Path.GetDirectoryName(TempFile("x"))!;

        var (code, stdout, stderr) = Run("audit", definition, "--data", data, "--remove", "1", "--out", dir);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        var rows = File.ReadAllLines(Path.Combine(dir, "leave_one_out.csv"));
        Assert.Equal("element,period,unit,score,rank,rank_change", rows[0]);
        Assert.Equal(1 + (3 * 4), rows.Length); // nominal + 3 elements, 3 units each
        Assert.Contains("c,2024,U3,50,1,2", rows);
        Assert.Contains(",2024,U2,75,1,0", rows);
    }

    [Theory]
    [InlineData("2", "--remove: The level must be between 1 (indicators) and the number of levels minus one (1).")]
    [InlineData("0", "--remove: The level must be between 1")]
    public void AuditRemove_LevelOutOfRange_OneLineErrorExit2(string level, string message)
    {
        var (definition, data) = Files();

        var (code, stdout, stderr) = Run("audit", definition, "--data", data, "--remove", level);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: " + message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditRemove_UnknownNode_OneLineError()
    {
        var (definition, data) = Files();

        var (code, _, stderr) = Run("audit", definition, "--data", data, "--remove", "1", "--remove-node", "nope");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --remove-node: 'nope' is not a node of the index.", stderr, StringComparison.Ordinal);
    }

    private static (string Definition, string Data) Files()
    {
        var definition = TempFile("loo.json");
        File.WriteAllText(definition, Definition);
        var data = TempFile("loo.csv");
        File.WriteAllText(data, Data);
        return (definition, data);
    }
}
