using CompositeIndex.Cli;

namespace CompositeIndex.Cli.Tests;

/// <summary>Runs compindex in-process and captures its exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public static string RepoRoot { get; } = FindRoot();

    public static string QuickStartDefinition => Path.Combine(RepoRoot, "samples", "QuickStart", "wellbeing.json");

    public static string QuickStartData => Path.Combine(RepoRoot, "samples", "QuickStart", "data", "cities.csv");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static (int Code, string Out, string Err) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int Code, string Out, string Err) Run(CancellationToken ct, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CliApp.RunAsync(args, stdout, stderr, terminal: false, ct).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "compindex-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompositeIndex.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (CompositeIndex.sln) above " + AppContext.BaseDirectory);
    }
}
