using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CompositeIndex.Browser.Tests;

/// <summary>
/// One headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright through <c>ExecutablePath</c>: no
/// browser download) for the whole test collection, and a log of every request a page makes.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    internal static string? Chromium { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium is null)
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>Opens a report in a new page, records its requests and console errors, and waits until the explorer is ready.</summary>
    public async Task<(IPage Page, ConcurrentQueue<string> Requests, ConcurrentQueue<string> Errors)> OpenAsync(string url)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var requests = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Enqueue(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Enqueue(e);
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("#ci-explorer[data-ready=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return (page, requests, errors);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>A fact that needs Debian's Chromium and the shared data; skipped with a message where they are missing (CI has both and fails on skips).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserFixture.Chromium is null)
        {
            Skip = "Chromium is not installed (apt-get install chromium); the browser tests of the interactive report are skipped.";
        }
        else if (!CompositeIndex.Tests.SharedData.Exists("geo"))
        {
            Skip = "The shared data (../shared/data) are absent (a user's clone); CI provides them.";
        }
    }
}
