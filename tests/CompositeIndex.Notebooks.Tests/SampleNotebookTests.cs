namespace CompositeIndex.Notebooks.Tests;

/// <summary>
/// Executes every sample notebook (samples/notebooks/*.ipynb) top to bottom in an in-process C# kernel against the
/// freshly packed packages, and checks that CompositeIndex values display as HTML from our formatters.
/// </summary>
public sealed class SampleNotebookTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    /// <summary>The notebooks' working directory is their folder (as in Jupyter/Polyglot); the process has one.</summary>
    private static readonly SemaphoreSlim WorkingDirectory = new(1, 1);

    /// <summary>What each notebook must show besides "every CompositeIndex value is our HTML": marker classes of the views and charts.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["quick-start.ipynb"] = ["ci-definition", "ci-panel", "ci-result", "ci-ranking", "ci-explanation", "ci-validation", "bar-chart"],
        ["reproduce-the-hdi.ipynb"] = ["ci-definition", "ci-result", "ci-explanation", "ci-map", "ci-map-hdi-2022"],
        ["seoul-change.ipynb"] = ["ci-definition", "ci-result", "ci-change", "bar-chart"],
        ["how-robust-is-my-ranking.ipynb"] = ["ci-sensitivity", "rank-interval-chart", "sensitivity-chart", "ci-convergence-firstorder", "ci-convergence-totalorder", "ci-morris-mustar", "ci-convergence-mustar"],
        ["dataframes.ipynb"] = ["ci-panel", "ci-result"],
    };

    [Fact]
    public void Notebooks_EverySample_HasExpectations()
    {
        var files = Directory.GetFiles(Path.Combine(FindRepoRoot(), "samples", "notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [InlineData("quick-start.ipynb")]
    [InlineData("seoul-change.ipynb")]
    [InlineData("how-robust-is-my-ranking.ipynb")]
    [InlineData("dataframes.ipynb")]
    public Task Notebook_RunTopToBottom_NoErrorsAndRichOutput(string notebook) => RunAndCheck(notebook);

    /// <summary>The HDI notebook reads UNDP's published file, golden data next to the repository (../shared/data/undp).</summary>
    [UndpDataFact]
    public Task Notebook_ReproduceTheHdi_NoErrorsAndRichOutput() => RunAndCheck("reproduce-the-hdi.ipynb");

    private async Task RunAndCheck(string notebook)
    {
        var folder = Path.Combine(feed.RepoRoot, "samples", "notebooks");
        NotebookRun run;
        await WorkingDirectory.WaitAsync();
        var cwd = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(folder);
            run = await NotebookRunner.RunAsync(Path.Combine(folder, notebook), feed);
        }
        finally
        {
            Directory.SetCurrentDirectory(cwd);
            WorkingDirectory.Release();
        }

        var rendered = Path.Combine(AppContext.BaseDirectory, "rendered");
        Directory.CreateDirectory(rendered);
        await File.WriteAllTextAsync(Path.Combine(rendered, Path.ChangeExtension(notebook, ".html")), run.RenderedHtml);

        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors));
        var ours = run.Outputs.Where(o => o.TypeName?.StartsWith("CompositeIndex.", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(ours);
        foreach (var o in ours)
        {
            Assert.True(
                o.Formatted.TryGetValue("text/html", out var html) && html.Contains("class=\"ci-notebook ", StringComparison.Ordinal),
                $"{notebook}: cell {o.Cell} displayed a {o.TypeName} without our text/html formatter: {string.Join(", ", o.Formatted.Keys)}");
        }

        var all = string.Join("\n", ours.Select(o => o.Formatted["text/html"]));
        foreach (var marker in Expected[notebook])
        {
            Assert.True(all.Contains(marker, StringComparison.Ordinal), $"{notebook}: no output has '{marker}'.");
        }
    }

    internal static string SharedUndp() =>
        Environment.GetEnvironmentVariable("COMPOSITE_INDEX_SHARED_DATA") is { Length: > 0 } env
            ? Path.Combine(env, "undp")
            : Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "data", "undp"));

    internal static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CompositeIndex.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find CompositeIndex.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs UNDP's file in <c>../shared/data/undp</c>; skipped with a message when it is absent (a user's clone).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UndpDataFactAttribute : FactAttribute
{
    public UndpDataFactAttribute()
    {
        if (!Directory.Exists(SampleNotebookTests.SharedUndp()))
        {
            Skip = $"{SampleNotebookTests.SharedUndp()} is absent (a user's clone); CI provides it.";
        }
    }
}
