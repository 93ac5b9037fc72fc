using System.Text;

namespace CompositeIndex.Cli;

/// <summary>A plain-text table with aligned columns (wide East Asian characters count as two cells).</summary>
/// <remarks>Mutable and not thread-safe.</remarks>
internal sealed class TextTable
{
    private readonly List<(string Header, bool Right)> columns = [];
    private readonly List<string[]> rows = [];

    public TextTable Column(string header, bool right = false)
    {
        columns.Add((TerminalText.Clean(header), right));
        return this;
    }

    public TextTable Row(params string[] cells)
    {
        rows.Add([.. cells.Select(TerminalText.Clean)]);
        return this;
    }

    public void Write(TextWriter writer)
    {
        var widths = columns.Select(c => Width(c.Header)).ToArray();
        foreach (var r in rows)
        {
            for (var i = 0; i < widths.Length && i < r.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Width(r[i]));
            }
        }

        WriteRow(writer, [.. columns.Select(c => c.Header)], widths);
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows)
        {
            WriteRow(writer, r, widths);
        }
    }

    /// <summary>Gets the number of terminal cells a text takes (CJK and Hangul: two).</summary>
    public static int Width(string s)
    {
        var w = 0;
        foreach (var c in s)
        {
            w += c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF')
                or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6') ? 2 : 1;
        }

        return w;
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            var pad = new string(' ', widths[i] - Width(cell));
            if (i > 0)
            {
                sb.Append("  ");
            }

            sb.Append(columns[i].Right ? pad + cell : (i == widths.Length - 1 ? cell : cell + pad));
        }

        writer.WriteLine(sb.ToString().TrimEnd());
    }
}
