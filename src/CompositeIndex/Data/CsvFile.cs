using System.Globalization;
using System.Text;

namespace CompositeIndex;

/// <summary>Opens data files with the encoding of <see cref="CsvOptions.Encoding"/> and turns a decoding failure into an <see cref="IndexDataException"/> naming the line and the likely encoding.</summary>
internal static class CsvFile
{
    /// <summary>Strict UTF-8 with a preamble: <see cref="StreamReader"/> then skips a UTF-8 byte-order mark and keeps this (strict) encoding instead of switching to a lenient one.</summary>
    private static readonly UTF8Encoding ReadUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public static Panel Read(string path, CsvOptions options, Func<TextReader, string, CsvOptions, Panel> read)
    {
        var encoding = EncodingOf(options);
        using var reader = Open(path, encoding);
        try
        {
            return read(reader, Path.GetFileName(path), options);
        }
        catch (DecoderFallbackException ex)
        {
            throw DecodingError(path, reader.CurrentEncoding, ex);
        }
    }

    /// <summary>Opens a text file for reading with the options' encoding (a byte-order mark, when present, wins).</summary>
    /// <exception cref="IndexDataException">The file cannot be opened.</exception>
    public static StreamReader Open(string path, Encoding encoding)
    {
        try
        {
            // One 64 KiB read per refill: the file stream unbuffered (bufferSize 1) under a reader with a 64 KiB buffer,
            // instead of 4 KiB file reads decoded 1 KiB at a time (a 1 GB file: ~16,000 system calls instead of ~250,000).
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }
    }

    /// <summary>Gets the encoding to read with: the options' one, UTF-8 always strict.</summary>
    public static Encoding EncodingOf(CsvOptions options) => options.Encoding is null or UTF8Encoding ? ReadUtf8 : options.Encoding;

    /// <summary>
    /// Finds where a file stops decoding (the 1-based line: newline bytes counted up to the first undecodable byte, exact
    /// for UTF-8 and the ASCII-compatible code pages) and builds the error. Runs only after a failure, so the common path
    /// reads the file once.
    /// </summary>
    private static IndexDataException DecodingError(string path, Encoding encoding, DecoderFallbackException ex)
    {
        var name = Path.GetFileName(path);
        var label = encoding is UTF8Encoding ? "UTF-8" : encoding.WebName;
        try
        {
            using var stream = File.OpenRead(path);
            var decoder = encoding.GetDecoder();
            var bytes = new byte[1 << 16];
            var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
            long line = 1;
            var asciiCompatible = encoding.GetByteCount("\n") == 1;
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                try
                {
                    decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                    line += bytes.AsSpan(0, n).Count((byte)'\n');
                }
                catch (DecoderFallbackException bad)
                {
                    var at = Math.Clamp(bad.Index, 0, n);
                    line += bytes.AsSpan(0, at).Count((byte)'\n');
                    var start = bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
                    var sample = bytes.AsSpan(start, n - start);
                    var end = sample.IndexOf((byte)'\n');
                    sample = end >= 0 ? sample[..end] : sample;
                    var shown = string.Join(' ', (bad.BytesUnknown ?? []).Take(4).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
                    return new IndexDataException(Message(label, shown, encoding is UTF8Encoding ? CsvEncodings.Guess(sample) : null), name, asciiCompatible ? line : null, inner: ex);
                }
            }
        }
        catch (Exception io) when (io is IOException or UnauthorizedAccessException)
        {
            // fall through to the message without a line
        }

        return new IndexDataException(Message(label, string.Join(' ', (ex.BytesUnknown ?? []).Take(4).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))), null), name, inner: ex);
    }

    private static string Message(string encoding, string bytes, string? guess) =>
        $"The file is not valid {encoding} (bytes {bytes})."
        + (guess is null
            ? " Check the encoding the file was saved with."
            : $" It looks {guess}-encoded: pass --encoding {guess} to compindex, or set CsvOptions.Encoding = CsvEncodings.Get(\"{guess}\"); or save the file as UTF-8.");
}
