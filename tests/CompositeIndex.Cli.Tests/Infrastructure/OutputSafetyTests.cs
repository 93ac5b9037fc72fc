using System.Diagnostics;
using System.Text;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Infrastructure;

/// <summary>
/// No command replaces what it reads, a device or a directory, and concurrent writers of one file never disturb each
/// other (issue "hostile input": <c>--out</c> naming an input replaced it with exit 0; a device node or symbolic link
/// was replaced by a regular file; 16 concurrent writers sharing one temporary name made 10–12 of them fail).
/// </summary>
public class OutputSafetyTests
{
    private static readonly IReadOnlyCollection<string> NoInputs = [];

    /// <summary>Copies of the QuickStart definition, data and factors in a fresh folder (tests may try to overwrite them).</summary>
    private static (string Definition, string Data, string Factors, string Dir) Inputs()
    {
        var definition = TempFile("wellbeing.json");
        var dir = Path.GetDirectoryName(definition)!;
        File.Copy(QuickStartDefinition, definition);
        var data = Path.Combine(dir, "cities.csv");
        File.Copy(QuickStartData, data);
        var factors = Path.Combine(dir, "factors.json");
        File.Copy(Path.Combine(RepoRoot, "samples", "QuickStart", "factors.json"), factors);
        return (definition, data, factors, dir);
    }

    private static string Hash(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    public static TheoryData<string, string> InputAsOutput() => new()
    {
        { "compute --out data", "data" },
        { "compute --out definition", "definition" },
        { "report --out data", "data" },
        { "report --out definition", "definition" },
        { "audit --json data", "data" },
        { "sensitivity --out factors", "factors" },
        { "new --force --out data", "data" },
    };

    [Theory]
    [MemberData(nameof(InputAsOutput))]
    public void Command_OutNamesAnInput_RefusesWithOneLineAndKeepsTheInput(string commandLine, string victim)
    {
        var (definition, data, factors, dir) = Inputs();
        var target = victim switch { "data" => data, "definition" => definition, _ => factors };
        var before = Hash(target);
        var words = commandLine.Split(' ');
        var outOption = words[^2];
        string[] args = words[0] switch
        {
            "new" => ["new", "--data", data, "--force", outOption, target],
            "sensitivity" => ["sensitivity", definition, "--data", data, "--factors", factors, "-n", "16", "--no-progress", outOption, target],
            _ => [words[0], definition, "--data", data, outOption, target],
        };

        var (code, _, stderr) = Run(args);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {target} is an input of this command; refusing to overwrite it. Write to another file.", line);
        Assert.Equal(before, Hash(target));
        Assert.Equal(3, Directory.GetFiles(dir).Length); // nothing else written, no temporary left
    }

    [Fact]
    public void Compute_OutIsALinkToTheData_Refuses()
    {
        var (definition, data, _, dir) = Inputs();
        var link = Path.Combine(dir, "results.csv");
        File.CreateSymbolicLink(link, data);
        var before = Hash(data);

        var (code, _, stderr) = Run("compute", definition, "--data", data, "--out", link);

        Assert.Equal(1, code);
        Assert.Equal($"error: {link} is an input of this command (through a link, {data}); refusing to overwrite it. Write to another file.\n", stderr);
        Assert.Equal(before, Hash(data));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Compute_DataReachedThroughALinkedFolder_OutIntoTheRealFolderRefused()
    {
        var (definition, data, _, dir) = Inputs();
        var linkedDir = Path.Combine(Path.GetDirectoryName(dir)!, Path.GetFileName(dir) + "-link");
        Directory.CreateSymbolicLink(linkedDir, dir);

        var (code, _, stderr) = Run("compute", definition, "--data", Path.Combine(linkedDir, "cities.csv"), "--out", data);

        Assert.Equal(1, code);
        Assert.Contains("is an input of this command", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OutIsALinkToAnotherFile_ReplacesTheTargetAndKeepsTheLink()
    {
        var (definition, data, _, dir) = Inputs();
        var real = Path.Combine(dir, "real-results.csv");
        File.WriteAllText(real, "previous\n");
        var link = Path.Combine(dir, "results.csv");
        File.CreateSymbolicLink(link, real);

        var (code, _, _) = Run("compute", definition, "--data", data, "--out", link);

        Assert.Equal(0, code);
        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.StartsWith("unit,", File.ReadAllText(real), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OutIsADirectory_Refuses()
    {
        var (definition, data, _, dir) = Inputs();
        var sub = Directory.CreateDirectory(Path.Combine(dir, "results")).FullName;

        var (code, _, stderr) = Run("compute", definition, "--data", data, "--out", sub);

        Assert.Equal(1, code);
        Assert.Equal($"error: {sub} is a directory; give a file name.\n", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(sub));
    }

    /// <summary>A named pipe stands in for a device node (replacing /dev/null in a test would be destructive if the check failed).</summary>
    [Fact]
    public void Report_OutIsAPipeOrDevice_RefusesAndLeavesTheNode()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no mkfifo; Windows device paths (\\.\NUL) are refused by their prefix
        }

        var (definition, data, _, dir) = Inputs();
        var fifo = Path.Combine(dir, "report.html");
        using (var p = Process.Start("mkfifo", fifo))
        {
            p.WaitForExit();
        }

        var (code, _, stderr) = Run("report", definition, "--data", data, "--out", fifo);
        var (devCode, _, devErr) = Run("compute", definition, "--data", data, "--out", "/dev/null");

        Assert.Equal(1, code);
        Assert.Equal($"error: {fifo} is not a regular file (a device, pipe or socket); refusing to replace it. Write to a file, or leave out --out to write to stdout.\n", stderr);
        Assert.True(File.Exists(fifo));
        Assert.Equal(1, devCode);
        Assert.Contains("/dev/null is not a regular file", devErr, StringComparison.Ordinal);
    }

    /// <summary>16 writers of one file at once, every fourth failing half-way: none fails because of another, the file is one complete output, no temporary is left.</summary>
    [Fact]
    public void Write_SixteenConcurrentWriters_LastCompleteWins_NoneDisturbed()
    {
        var path = TempFile("scores.csv");
        File.WriteAllText(path, "previous\n");
        const int writers = 16;
        var contents = Enumerable.Range(0, writers).Select(k => string.Concat(Enumerable.Repeat($"writer {k:00} line\n", 20_000))).ToArray();
        using var start = new Barrier(writers);
        var outcomes = new string[writers];

        var threads = Enumerable.Range(0, writers).Select(k => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                OutputFile.Write(NoInputs, path, s =>
                {
                    var bytes = Encoding.UTF8.GetBytes(contents[k]);
                    s.Write(bytes, 0, bytes.Length / 2);
                    if (k % 4 == 3)
                    {
                        throw new IOException($"writer {k} fails");
                    }

                    s.Write(bytes, bytes.Length / 2, bytes.Length - (bytes.Length / 2));
                });
                outcomes[k] = "ok";
            }
            catch (Exception e)
            {
                outcomes[k] = e.Message;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (var k = 0; k < writers; k++)
        {
            Assert.Equal(k % 4 == 3 ? $"writer {k} fails" : "ok", outcomes[k]);
        }

        var final = File.ReadAllText(path);
        Assert.Contains(final, contents.Where((_, k) => k % 4 != 3));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    /// <summary>The same through the command line: 16 concurrent <c>compute --out</c> runs of one file all succeed.</summary>
    [Fact]
    public void Compute_SixteenConcurrentRunsToOneOut_AllSucceed()
    {
        var (definition, data, _, dir) = Inputs();
        var path = Path.Combine(dir, "results.json");

        var codes = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(16)
            .Select(_ => Run("compute", definition, "--data", data, "--out", path).Code).ToList();

        Assert.All(codes, c => Assert.Equal(0, c));
        Assert.Equal(4, Directory.GetFiles(dir).Length); // three inputs and the result, no temporary
        var alone = TempFile("alone.json");
        Assert.Equal(0, Run("compute", definition, "--data", data, "--out", alone).Code);
        Assert.Equal(File.ReadAllBytes(alone), File.ReadAllBytes(path));
    }
}
