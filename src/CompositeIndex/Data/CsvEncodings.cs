using System.Text;

namespace CompositeIndex;

/// <summary>
/// Text encodings for reading data files: UTF-8 (strict, the default), UTF-16/32, Latin-1 and the Windows and East
/// Asian code pages that spreadsheet programs write (e.g. CP949, the default CSV encoding of Korean Excel).
/// </summary>
/// <remarks>
/// <para>Code pages come from <see cref="CodePagesEncodingProvider"/> (System.Text.Encoding.CodePages, part of .NET),
/// asked directly: nothing is registered globally, so the process-wide <see cref="Encoding.GetEncoding(string)"/> is left
/// as it is. Every encoding returned throws on bytes it cannot decode instead of replacing them with <c>�</c>, so a
/// file read with the wrong encoding fails with a message naming the line rather than merging units whose names were
/// garbled the same way.</para>
/// </remarks>
public static class CsvEncodings
{
    /// <summary>Gets strict UTF-8 (no byte-order mark written; invalid bytes throw): the default encoding of data files.</summary>
    public static Encoding Utf8Strict { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Gets the names <see cref="Get"/> accepts besides .NET's own encoding names (examples for help texts).</summary>
    public static string Examples => "utf-8, utf-16, utf-16be, latin1, cp1252, cp949 (euc-kr), cp932 (shift_jis), gb18030, big5";

    /// <summary>
    /// Gets a strict encoding by name: <c>utf-8</c>, <c>utf-16</c> (<c>utf-16le</c>), <c>utf-16be</c>, <c>utf-32</c>,
    /// <c>latin1</c> (ISO-8859-1), <c>cpNNN</c> / <c>windows-NNNN</c> for a Windows code page (e.g. <c>cp949</c>,
    /// <c>cp1252</c>), or any name .NET or the code-pages provider knows (<c>euc-kr</c>, <c>shift_jis</c>, <c>gb18030</c>,
    /// <c>big5</c>, ...). Case and <c>_</c>/<c>-</c> are not significant.
    /// </summary>
    /// <param name="name">The encoding name.</param>
    /// <returns>The encoding; decoding invalid bytes throws <see cref="DecoderFallbackException"/>.</returns>
    /// <exception cref="ArgumentException">The name is not a known encoding.</exception>
    public static Encoding Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.Trim().ToLowerInvariant().Replace('_', '-');
        switch (key)
        {
            case "utf-8" or "utf8":
                return Utf8Strict;
            case "utf-16" or "utf16" or "utf-16le" or "utf16le":
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
            case "utf-16be" or "utf16be":
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            case "utf-32" or "utf32" or "utf-32le":
                return new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);
            case "latin1" or "latin-1" or "iso-8859-1":
                return Encoding.Latin1;
        }

        var codePage = key.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(key.AsSpan(2), out var cp) ? cp
            : key.StartsWith("windows-", StringComparison.Ordinal) && int.TryParse(key.AsSpan(8), out var wp) ? wp
            : -1;
        var encoding = codePage > 0 ? FromCodePage(codePage) : FromName(key);
        return encoding ?? throw new ArgumentException($"'{name}' is not a known encoding (examples: {Examples}).", nameof(name));
    }

    /// <summary>
    /// Guesses the encoding of bytes that are not valid UTF-8, for an error message: CP949 when most non-ASCII bytes
    /// come in pairs of the KS X 1001 range (A1–FE, A1–FE: where Korean Excel writes the common Hangul syllables),
    /// otherwise Latin-1 (Windows-1252), where an accented letter is one byte, usually next to ASCII letters.
    /// </summary>
    internal static string Guess(ReadOnlySpan<byte> bytes)
    {
        int pairs = 0, singles = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80)
            {
                continue;
            }

            if (i + 1 < bytes.Length && bytes[i] is >= 0xA1 and <= 0xFE && bytes[i + 1] is >= 0xA1 and <= 0xFE)
            {
                pairs++;
                i++;
            }
            else
            {
                singles++;
            }
        }

        return pairs > singles ? "cp949" : "latin1";
    }

    private static Encoding? FromCodePage(int codePage)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? FromName(string name)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
