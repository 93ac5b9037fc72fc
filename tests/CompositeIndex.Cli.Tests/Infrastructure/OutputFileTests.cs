using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Infrastructure;

/// <summary>
/// A cancelled or failed run leaves nothing half-written: outputs go to a temporary file next to the target and are
/// renamed only when complete (<see cref="OutputFile"/>), so the target is either the previous file or the new one.
/// </summary>
public class OutputFileTests
{
    private static readonly IReadOnlyCollection<string> NoInputs = [];

    [Fact]
    public void Write_CancelledHalfWay_LeavesPreviousFileAndNoTemporary()
    {
        var path = TempFile("scores.csv");
        File.WriteAllText(path, "previous\n");

        Assert.Throws<OperationCanceledException>(() => OutputFile.Write(NoInputs, path, s =>
        {
            s.Write("half of the new con"u8);
            s.Flush();
            throw new OperationCanceledException();
        }));

        Assert.Equal("previous\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_NoPreviousFileAndWriterFails_CreatesNothing()
    {
        var path = TempFile("scores.json");

        Assert.Throws<IOException>(() => OutputFile.WriteText(NoInputs, path, w =>
        {
            w.Write("{\"scores\": [1, 2");
            w.Flush();
            throw new IOException("disk full");
        }));

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_Completed_ReplacesPreviousFileWhole()
    {
        var path = TempFile("scores.csv");
        File.WriteAllText(path, "previous, longer than the new content\n");

        OutputFile.WriteText(NoInputs, path, w => w.Write("new\n"));

        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void WriteAllText_ThirdWriterFails_KeepsEveryPreviousFileOfTheSetAndNoTemporary()
    {
        var first = TempFile("a.csv");
        var dir = Path.GetDirectoryName(first)!;
        var second = Path.Combine(dir, "b.csv");
        var third = Path.Combine(dir, "c.csv");
        File.WriteAllText(first, "previous a\n");
        File.WriteAllText(second, "previous b\n");

        Assert.Throws<IOException>(() => OutputFile.WriteAllText(NoInputs,
        [
            (first, w => w.Write("new a\n")),
            (second, w => w.Write("new b\n")),
            (third, w =>
            {
                w.Write("half of c");
                w.Flush();
                throw new IOException("disk full");
            }),
        ]));

        Assert.Equal("previous a\n", File.ReadAllText(first));
        Assert.Equal("previous b\n", File.ReadAllText(second));
        Assert.Equal([first, second], Directory.GetFiles(dir).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteAllText_AllComplete_ReplacesEveryFile()
    {
        var first = TempFile("a.csv");
        var second = Path.Combine(Path.GetDirectoryName(first)!, "b.csv");
        File.WriteAllText(first, "previous a, longer\n");

        OutputFile.WriteAllText(NoInputs, [(first, w => w.Write("new a\n")), (second, w => w.Write("new b\n"))]);

        Assert.Equal("new a\n", File.ReadAllText(first));
        Assert.Equal("new b\n", File.ReadAllText(second));
        Assert.Equal(2, Directory.GetFiles(Path.GetDirectoryName(first)!).Length);
    }

    [Theory]
    [InlineData("compute")]
    [InlineData("sensitivity")]
    public void Command_Cancelled_ExitsWith130AndLeavesTheOutputFileUntouched(string command)
    {
        var path = TempFile("out.json");
        File.WriteAllText(path, "previous\n");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        string[] extra = command == "sensitivity" ? ["--factors", Path.Combine(RepoRoot, "samples", "QuickStart", "factors.json"), "-n", "16", "--no-progress"] : [];

        var (code, _, stderr) = Run(cts.Token, [command, QuickStartDefinition, "--data", QuickStartData, "--out", path, .. extra]);

        Assert.Equal(130, code);
        Assert.Equal("cancelled.\n", stderr);
        Assert.Equal("previous\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Audit_Cancelled_WritesNoTableAndKeepsThePreviousJson()
    {
        var json = TempFile("audit.json");
        File.WriteAllText(json, "previous\n");
        var tables = Path.Combine(Path.GetDirectoryName(json)!, "tables");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var (code, _, stderr) = Run(cts.Token, "audit", QuickStartDefinition, "--data", QuickStartData, "--json", json, "--out", tables);

        Assert.Equal(130, code);
        Assert.Equal("cancelled.\n", stderr);
        Assert.Equal("previous\n", File.ReadAllText(json));
        Assert.False(Directory.Exists(tables) && Directory.EnumerateFileSystemEntries(tables).Any());
        Assert.Equal([json], Directory.GetFiles(Path.GetDirectoryName(json)!));
    }
}
