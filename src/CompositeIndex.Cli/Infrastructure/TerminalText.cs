using System.Globalization;
using System.Text;

namespace CompositeIndex.Cli;

/// <summary>
/// Makes text from definitions and data harmless on a terminal: control characters are shown escaped instead of
/// acting (an ESC in a unit name could otherwise recolour, retitle or clear the terminal, or hide text).
/// </summary>
/// <remarks>
/// <para>Escaped as <c>\xHH</c>: C0 controls other than tab and line feed (so ESC, BEL, backspace and carriage return),
/// DEL and the C1 controls U+0080–U+009F (CSI U+009B is an ESC sequence on its own). Escaped as <c>\uHHHH</c>: the
/// bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that can reorder what a
/// line shows. Everything else is kept. The rule is idempotent (a backslash is not escaped). Stateless and thread-safe.</para>
/// </remarks>
internal static class TerminalText
{
    /// <summary>Returns the text with every control character escaped (the same instance when there is none).</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var i = 0;
        while (i < text.Length && !IsControl(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var b = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            Append(b, text[i]);
        }

        return b.ToString();
    }

    /// <summary>Whether a character is escaped by <see cref="Clean"/>.</summary>
    public static bool IsControl(char c) =>
        (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)
        || c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    private static void Append(StringBuilder b, char c)
    {
        if (!IsControl(c))
        {
            b.Append(c);
        }
        else if (c <= 0xFF)
        {
            b.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
        }
        else
        {
            b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A writer that escapes control characters (<see cref="Clean"/>) in everything written through it; its own line ends pass.</summary>
    /// <remarks>Not thread-safe (as the writer it wraps).</remarks>
    public sealed class Writer(TextWriter inner) : TextWriter(inner.FormatProvider)
    {
        public override Encoding Encoding => inner.Encoding;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine
        {
            get => inner.NewLine;
            set => inner.NewLine = value;
        }

        public override void Write(char value)
        {
            if (IsControl(value))
            {
                inner.Write(Clean(value.ToString()));
            }
            else
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value) => inner.Write(Clean(value));

        public override void Write(char[] buffer, int index, int count) => inner.Write(Clean(new string(buffer, index, count)));

        public override void Write(ReadOnlySpan<char> buffer) => inner.Write(Clean(new string(buffer)));

        public override void WriteLine() => inner.WriteLine();

        public override void WriteLine(string? value) => inner.WriteLine(Clean(value));

        public override void WriteLine(ReadOnlySpan<char> buffer) => inner.WriteLine(Clean(new string(buffer)));

        public override void Flush() => inner.Flush();

        public override Task FlushAsync() => inner.FlushAsync();
    }
}
