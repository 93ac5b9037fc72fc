using System.Runtime.InteropServices;

namespace CompositeIndex.Cli;

/// <summary>
/// Writes output files safely: never onto an input, a device or a directory; always through a temporary file of its
/// own in the target's folder, renamed over the target only when complete.
/// </summary>
/// <remarks>
/// <para>Rules (docs/articles/cli.md, "Output files"):</para>
/// <list type="bullet">
/// <item>The target is resolved through symbolic links (of the file and of every folder above it). A target that
/// resolves to a file the command reads (any file named on the command line other than an output), to a directory,
/// or to anything but a regular file (a device such as <c>/dev/null</c>, a pipe, a socket) is refused with one line
/// before anything is written.</item>
/// <item>A symbolic link is kept: the file it points to is replaced, not the link.</item>
/// <item>The new content goes to a temporary file with a unique name (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>) in the
/// target's folder, created exclusively, and is renamed over the target when complete (an atomic rename on one file
/// system). Until then the previous file is untouched; a failed or cancelled writer deletes only its own temporary.</item>
/// <item>Concurrent writers of one target never disturb each other: each has its own temporary; the last complete
/// rename wins and the target is always one writer's whole output.</item>
/// </list>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
internal static class OutputFile
{
    /// <summary>Writes one binary file.</summary>
    /// <param name="inputs">The files the command reads (<see cref="CliContext.Inputs"/>), never overwritten.</param>
    /// <param name="path">The target.</param>
    /// <param name="write">Writes the content.</param>
    /// <exception cref="IOException">The target is an input, a directory or not a regular file, or the write failed.</exception>
    public static void Write(IReadOnlyCollection<string> inputs, string path, Action<Stream> write)
    {
        var target = Resolve(inputs, path);
        var temp = CreateTemporary(target, out var stream);
        try
        {
            using (stream)
            {
                write(stream);
            }

            Replace(temp, target);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes one UTF-8 text file (no BOM, LF line ends).</summary>
    /// <inheritdoc cref="Write(IReadOnlyCollection{string}, string, Action{Stream})"/>
    public static void WriteText(IReadOnlyCollection<string> inputs, string path, Action<TextWriter> write) => WriteAllText(inputs, [(path, write)]);

    /// <summary>
    /// Writes a set of text files as one: every file goes to its temporary first, and only when all of them are complete
    /// are they renamed into place, so a writer that fails part-way leaves every previous file of the set untouched.
    /// Every target is checked before anything is written.
    /// </summary>
    /// <param name="inputs">The files the command reads (<see cref="CliContext.Inputs"/>), never overwritten.</param>
    /// <param name="files">The targets and what to write in each.</param>
    /// <exception cref="IOException">A target is an input, a directory or not a regular file, or a write failed.</exception>
    public static void WriteAllText(IReadOnlyCollection<string> inputs, IReadOnlyList<(string Path, Action<TextWriter> Write)> files)
    {
        var targets = files.Select(f => Resolve(inputs, f.Path)).ToList();
        var staged = new List<(string Temp, string Target)>(files.Count);
        try
        {
            for (var k = 0; k < files.Count; k++)
            {
                var temp = CreateTemporary(targets[k], out var stream);
                staged.Add((temp, targets[k]));
                using var w = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                files[k].Write(w);
            }

            foreach (var (temp, target) in staged)
            {
                Replace(temp, target);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>
    /// The real path of a file: absolute, with every symbolic link along it (folders and the file itself) resolved.
    /// A path that does not exist yet is resolved as far as it exists.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var hops = 0;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo? link;
            try
            {
                link = new FileInfo(current).LinkTarget is null ? null : File.ResolveLinkTarget(current, returnFinalTarget: true);
            }
            catch (IOException e)
            {
                throw new IOException($"{path}: cannot resolve the symbolic link {current} ({e.Message}).", e);
            }

            if (link is not null)
            {
                if (++hops > 40)
                {
                    throw new IOException($"{path}: too many symbolic links.");
                }

                current = RealPath(link.FullName);
            }
        }

        return current;
    }

    /// <summary>Collects the inputs of a command line: every existing file named by an argument or option other than the outputs.</summary>
    public static IReadOnlyCollection<string> Inputs(IEnumerable<string> paths)
    {
        var set = new HashSet<string>(PathComparer);
        foreach (var p in paths)
        {
            try
            {
                if (p.Length > 0 && p != "-" && File.Exists(p))
                {
                    set.Add(RealPath(p));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // Not a readable path: the command itself reports it when it opens it.
            }
        }

        return set;
    }

    /// <summary>Whether a command-line option names an output (<c>--out</c>, <c>--out-…</c>, <c>--json</c>): its file is written, not read.</summary>
    public static bool IsOutputOption(string name) => name == "--json" || name.StartsWith("--out", StringComparison.Ordinal);

    private static StringComparer PathComparer => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Checks that a target may be written (before the command does any work); creates nothing.</summary>
    /// <exception cref="IOException">The target is an input, a directory or not a regular file.</exception>
    public static void Check(IReadOnlyCollection<string> inputs, string path) => Resolve(inputs, path, create: false);

    /// <summary>Checks a target and returns the path the new content is renamed to (through links).</summary>
    private static string Resolve(IReadOnlyCollection<string> inputs, string path, bool create = true)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows() && (full.StartsWith(@"\\.\", StringComparison.Ordinal) || full.StartsWith(@"\\?\", StringComparison.Ordinal)))
        {
            throw new IOException($"{path} is a device, not a file; refusing to write to it.");
        }

        var real = RealPath(full);
        if (Directory.Exists(real))
        {
            throw new IOException($"{path} is a directory; give a file name.");
        }

        if (inputs.Contains(real, PathComparer))
        {
            throw new IOException($"{path} is an input of this command{(real == full ? string.Empty : $" (through a link, {real})")}; refusing to overwrite it. Write to another file.");
        }

        if (File.Exists(real) && !IsRegularFile(real))
        {
            throw new IOException($"{path} is not a regular file (a device, pipe or socket); refusing to replace it. Write to a file, or leave out --out to write to stdout.");
        }

        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(real) ?? ".");
        }

        return real;
    }

    /// <summary>Creates a new temporary file next to the target, with a name no other writer uses.</summary>
    private static string CreateTemporary(string target, out FileStream stream)
    {
        var dir = Path.GetDirectoryName(target) ?? ".";
        for (var attempt = 0; ; attempt++)
        {
            var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                return temp;
            }
            catch (IOException) when (File.Exists(temp) && attempt < 8)
            {
                // A name collision (practically impossible): draw another.
            }
        }
    }

    /// <summary>Renames the temporary over the target; on Windows a rename racing another writer's is retried briefly.</summary>
    private static void Replace(string temp, string target)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
                return;
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && OperatingSystem.IsWindows() && attempt < 50 && File.Exists(temp))
            {
                Thread.Sleep(20);
            }
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leave a temporary behind rather than hide the real error.
        }
    }

    /// <summary>Whether an existing path is a regular file (not a character or block device, pipe or socket).</summary>
    private static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true; // Windows devices are caught by their \\.\ path above.
        }

        try
        {
            // The runtime's own stat (System.Native, shipped with every .NET on Unix): FileStatus starts with
            // int Flags, int Mode; the S_IFMT bits of Mode give the file type (S_IFREG = 0x8000).
            var buffer = new byte[512];
            if (NativeStat(path, buffer) != 0)
            {
                return true; // vanished meanwhile: a new file is created
            }

            return (BitConverter.ToInt32(buffer, 4) & 0xF000) == 0x8000;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            var full = Path.GetFullPath(path);
            return !full.StartsWith("/dev/", StringComparison.Ordinal) && !full.StartsWith("/proc/", StringComparison.Ordinal) && !full.StartsWith("/sys/", StringComparison.Ordinal);
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
