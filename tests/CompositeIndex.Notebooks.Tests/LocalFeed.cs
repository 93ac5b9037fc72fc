using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace CompositeIndex.Notebooks.Tests;

/// <summary>
/// Packs CompositeIndex, CompositeIndex.Reporting and CompositeIndex.Interactive (already built by the test build:
/// <c>dotnet pack --no-build</c>, same configuration) into a local folder feed, once per test run.
/// </summary>
/// <remarks>
/// <para>The package version is <c>0.0.0-nb.&lt;hash&gt;</c>, the hash taken over the three assemblies and the kernel
/// extension: NuGet caches packages by id and version in the global packages folder, so a rebuilt library gets a new
/// version (never a stale cached copy), and an unchanged one reuses both the feed and the cache (fast reruns).</para>
/// </remarks>
public sealed class LocalFeed
{
    private static readonly string[] Projects = ["CompositeIndex", "CompositeIndex.Reporting", "CompositeIndex.Interactive", "CompositeIndex.DataFrame"];

    public LocalFeed()
    {
        RepoRoot = FindRepoRoot();
        var configuration = typeof(LocalFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var files = Projects.Select(p => Path.Combine(RepoRoot, "src", p, "bin", configuration, "net10.0", p + ".dll"))
            .Append(Path.Combine(RepoRoot, "src", "CompositeIndex.Interactive", "extension.dib"))
            .ToList();
        foreach (var f in files.Where(f => !File.Exists(f)))
        {
            throw new InvalidOperationException($"{f} is missing: build the solution ({configuration}) before running the notebook tests.");
        }

        using var sha = SHA256.Create();
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(f);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }

        sha.TransformFinalBlock([], 0, 0);
        Version = "0.0.0-nb." + Convert.ToHexString(sha.Hash!)[..12].ToLowerInvariant();
        Directory = Path.Combine(AppContext.BaseDirectory, "notebook-feed");
        if (Projects.All(p => File.Exists(Path.Combine(Directory, $"{p}.{Version}.nupkg"))))
        {
            return;
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(Directory);
        foreach (var p in Projects)
        {
            Run("dotnet", ["pack", Path.Combine(RepoRoot, "src", p, p + ".csproj"), "--no-build", "--no-restore", "--nologo", "-c", configuration, "-o", Directory, $"-p:Version={Version}", "-p:IncludeSymbols=false"]);
        }
    }

    /// <summary>Gets the repository root (the folder of CompositeIndex.sln).</summary>
    public string RepoRoot { get; }

    /// <summary>Gets the feed folder.</summary>
    public string Directory { get; }

    /// <summary>Gets the version of the packed packages.</summary>
    public string Version { get; }

    private static void Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompositeIndex.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find CompositeIndex.sln above " + AppContext.BaseDirectory);
    }
}
