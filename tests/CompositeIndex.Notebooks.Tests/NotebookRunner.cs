using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace CompositeIndex.Notebooks.Tests;

/// <summary>One displayed value of a cell: its .NET type and its formatted values by MIME type.</summary>
public sealed record DisplayedOutput(int Cell, string? TypeName, IReadOnlyDictionary<string, string> Formatted);

/// <summary>The outcome of running a notebook: the errors (cell index and message) and every displayed value.</summary>
public sealed record NotebookRun(string Notebook, IReadOnlyList<string> Errors, IReadOnlyList<DisplayedOutput> Outputs, string RenderedHtml);

/// <summary>
/// Runs a notebook in-process the way .NET Interactive does: a C# kernel with <c>#r "nuget:"</c> support, every code
/// cell submitted in order, and the kernel extensions of the referenced packages loaded after the command that added
/// them (<c>interactive-extensions/dotnet/extension.dib</c>, run with <see cref="KernelExtensions.LoadAndRunInteractiveDocument"/>,
/// the call the dotnet-interactive tool's package extension loader makes).
/// </summary>
public static partial class NotebookRunner
{
    private static readonly KernelInfoCollection KernelInfos =
    [
        new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", languageName: "C#", aliases: ["c#", "cs"]),
        new Microsoft.DotNet.Interactive.Documents.KernelInfo("markdown", languageName: "Markdown", aliases: ["md"]),
    ];

    /// <summary>Parses a notebook (.ipynb or .dib).</summary>
    public static InteractiveDocument Load(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetExtension(path) == ".ipynb" ? Notebook.Parse(text, KernelInfos) : CodeSubmission.Parse(text, KernelInfos);
    }

    /// <summary>
    /// Runs every code cell of a notebook; <c>#r "nuget: CompositeIndex.Interactive, …"</c> is pointed at the local
    /// feed's version, and the feed is added as a package source (<c>#i</c>) before the first cell.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(string path, LocalFeed feed, IReadOnlyDictionary<string, string>? replacements = null)
    {
        var name = Path.GetFileName(path);
        var document = Load(path);
        var extensions = new ConcurrentQueue<string>();
        using var kernel = CreateKernel(extensions);
        var errors = new List<string>();
        var outputs = new List<DisplayedOutput>();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(name))
            .Append("</title><style>body{font-family:'DejaVu Sans',sans-serif;max-width:1000px;margin:16px auto;padding:0 16px;color:#222}")
            .Append(".md{margin:12px 0}.code{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:8px;font-size:12px;white-space:pre-wrap;margin:8px 0}")
            .Append(".out{margin:6px 0 18px 12px}pre.out{font-size:12px}</style></head><body>\n");

        var first = await kernel.SendAsync(new SubmitCode($"#i \"nuget: {feed.Directory}\"", "csharp"));
        Collect(-1, first, errors, outputs);

        for (var i = 0; i < document.Elements.Count; i++)
        {
            var cell = document.Elements[i];
            if (cell.KernelName is "markdown" or "md")
            {
                html.Append("<div class=\"md\">").Append(Markdown(cell.Contents)).Append("</div>\n");
                continue;
            }

            var code = NuGetReference().Replace(cell.Contents, m => $"#r \"nuget: {m.Groups["id"].Value}, {feed.Version}\"");
            foreach (var (from, to) in replacements ?? new Dictionary<string, string>())
            {
                code = code.Replace(from, to, StringComparison.Ordinal);
            }

            html.Append("<div class=\"code\">").Append(WebUtility.HtmlEncode(cell.Contents)).Append("</div>\n");
            var result = await kernel.SendAsync(new SubmitCode(code, cell.KernelName ?? "csharp"));
            var before = outputs.Count;
            Collect(i, result, errors, outputs);
            // The page shows the cells' values, not the kernel's own messages ("Installing packages ...").
            foreach (var o in outputs.Skip(before).Where(o => o.TypeName?.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) != true))
            {
                html.Append(o.Formatted.TryGetValue("text/html", out var h) ? $"<div class=\"out\">{h}</div>\n"
                    : o.Formatted.TryGetValue("text/plain", out var t) ? $"<pre class=\"out\">{WebUtility.HtmlEncode(t)}</pre>\n" : string.Empty);
            }
        }

        html.Append("</body></html>\n");
        return new NotebookRun(name, errors.Select(e => $"{name}: {e}").ToList(), outputs, html.ToString());
    }

    private static CompositeKernel CreateKernel(ConcurrentQueue<string> extensions)
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                foreach (var r in references)
                {
                    extensions.Enqueue(r.PackageRoot);
                }

                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;

        // As the dotnet-interactive tool does: after a command has added packages, load their kernel extensions.
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (extensions.TryDequeue(out var root))
            {
                var script = new FileInfo(Path.Combine(root, "interactive-extensions", "dotnet", "extension.dib"));
                if (loaded.Add(root) && script.Exists)
                {
                    await kernel.LoadAndRunInteractiveDocument(script, command);
                }
            }
        });
        return kernel;
    }

    private static void Collect(int cell, KernelCommandResult result, List<string> errors, List<DisplayedOutput> outputs)
    {
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case CommandFailed f:
                    errors.Add($"cell {cell}: {f.Message}");
                    break;
                case ErrorProduced p:
                    errors.Add($"cell {cell}: {p.Message}");
                    break;
                case DiagnosticsProduced d:
                    errors.AddRange(d.Diagnostics.Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(x => $"cell {cell}: {x}"));
                    break;
                case DisplayEvent v:
                    outputs.Add(new DisplayedOutput(cell, v.Value?.GetType().FullName, v.FormattedValues.ToDictionary(f => f.MimeType, f => f.Value)));
                    break;
            }
        }
    }

    /// <summary>A minimal Markdown rendering for the screenshot page (headings, paragraphs, code spans, bold).</summary>
    private static string Markdown(string text)
    {
        var sb = new StringBuilder();
        foreach (var block in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var b = block.Trim();
            if (b.Length == 0)
            {
                continue;
            }

            if (b.StartsWith("- ", StringComparison.Ordinal))
            {
                var items = ("\n" + b).Split("\n- ", StringSplitOptions.RemoveEmptyEntries);
                sb.Append("<ul>").Append(string.Concat(items.Select(i => $"<li>{Inline(WebUtility.HtmlEncode(i.Trim()))}</li>"))).Append("</ul>");
                continue;
            }

            var level = b.TakeWhile(c => c == '#').Count();
            var body = Inline(WebUtility.HtmlEncode(b[level..].Trim()));
            sb.Append(level is > 0 and < 7 ? $"<h{level + 1}>{body}</h{level + 1}>" : $"<p>{body}</p>");
        }

        return sb.ToString();
    }

    private static string Inline(string s) =>
        Italic().Replace(Bold().Replace(CodeSpan().Replace(s, "<code>$1</code>"), "<b>$1</b>"), "<i>$1</i>");

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<id>CompositeIndex[A-Za-z.]*)\s*(,[^""]*)?""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\*([^*]+)\*")]
    private static partial Regex Italic();
}
