using System.Diagnostics;
using static CompositeIndex.Cli.Tests.CliRunner;

namespace CompositeIndex.Cli.Tests.Reporting;

/// <summary>A fact that needs Debian's headless Chromium (<c>apt-get install chromium</c>); skipped where it is missing (CI installs it and fails on skips).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumReportTests.Chromium is null)
        {
            Skip = "Chromium is not installed (apt-get install chromium); the browser check of the HTML report is skipped.";
        }
    }
}

public class ChromiumReportTests
{
    internal static string? Chromium { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    [ChromiumFact]
    public void Report_OpenedInHeadlessChromium_LoadsWithoutConsoleErrorsAndScreenshots()
    {
        var html = TempFile("report.html");
        Assert.Equal(0, Run("report", QuickStartDefinition, "--data", QuickStartData, "--out", html).Code);
        var png = Path.Combine(Path.GetDirectoryName(html)!, "report.png");
        var profile = Directory.CreateTempSubdirectory("chromium-profile").FullName;

        var psi = new ProcessStartInfo(Chromium!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}", "--window-size=900,1400",
            $"--screenshot={png}", new Uri(html).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "Chromium did not finish within 60 s.");
        var log = stderr.Result + stdout.Result;

        Assert.True(process.ExitCode == 0, log);
        Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);          // console messages (errors, failed loads)
        Assert.DoesNotContain("ERR_", log, StringComparison.Ordinal);             // network errors
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, $"The screenshot is suspiciously small ({bytes.Length} bytes).");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
